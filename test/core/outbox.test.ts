import { AnquanStorage, configure, Outbox, resetConfig } from '@anquan/core';
import { aTimeout, expect } from '@open-wc/testing';
import { page, testIntake, unique, until } from '../harness/index.js';

const decision = () => ({ verdict: 'refuse', risks: ['A1.f'], sources: ['keyword'], at: new Date().toISOString() });

describe('outbox', () => {
  afterEach(() => resetConfig());

  it('POSTs the contract envelope with an idempotency key and removes the item after a 2xx', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint, subject: 'user-42' });
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')) });
    const item = await outbox.enqueue('prescreen-decision', decision());
    const sent = await outbox.waitFor(item.id);
    expect(sent.status).to.equal(201);
    const got = await intake.received();
    expect(got).to.have.length(1);
    expect(got[0]).to.include({ id: item.id, kind: 'prescreen-decision', subject: 'user-42', profile: 'cn', sdkVersion: '0.1.0' });
    expect(await outbox.items()).to.deep.equal([]);
  });

  it('retries with backoff on 5xx and network errors, then delivers exactly once', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    await intake.faults({ failNext: 3, status: 503 });
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')), baseDelayMs: 20 });
    const retries: unknown[] = [];
    const onRetry = (e: Event) => retries.push((e as CustomEvent).detail);
    window.addEventListener('aq-outbox-retry', onRetry);
    const items = [await outbox.enqueue('prescreen-decision', decision()), await outbox.enqueue('prescreen-decision', decision())];
    await Promise.all(items.map((i) => outbox.waitFor(i.id)));
    window.removeEventListener('aq-outbox-retry', onRetry);
    expect(retries.length).to.be.at.least(3);
    const got = await intake.received();
    expect(got.map((r) => r.id).sort()).to.deep.equal(items.map((i) => i.id).sort());
  });

  it('an answer lost after the server stored the record is retried and counted once', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    await intake.faults({ dropAfterStore: 1 });
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')), baseDelayMs: 20 });
    const item = await outbox.enqueue('prescreen-decision', decision());
    const sent = await outbox.waitFor(item.id);
    expect((sent.response as { duplicate?: boolean }).duplicate).to.be.true;
    expect((await intake.posts()).filter((k) => k === item.id)).to.have.length(2);
    expect(await intake.received()).to.have.length(1);
  });

  it('retries on a time-out', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    await intake.faults({ delayMs: 400 });
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')), baseDelayMs: 20, timeoutMs: 150 });
    const item = await outbox.enqueue('prescreen-decision', decision());
    await aTimeout(300);
    await intake.faults({ delayMs: 0 });
    await outbox.waitFor(item.id);
    expect((await intake.received()).filter((r) => r.id === item.id)).to.have.length(1);
  });

  it('keeps a record the server refuses (400) as rejected, never drops it silently', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')) });
    const orig = console.error;
    console.error = () => {};
    try {
      const item = await outbox.enqueue('prescreen-decision', { ...decision(), verdict: 'maybe' });
      let error: Error | null = null;
      await outbox.waitFor(item.id).catch((e) => (error = e));
      expect(String(error)).to.contain('400').and.to.contain('verdict');
      const kept = await outbox.items();
      expect(kept).to.have.length(1);
      expect(kept[0].state).to.equal('rejected');
    } finally {
      console.error = orig;
    }
  });

  it('survives a real page reload in the middle of sending: every record arrives exactly once', async () => {
    const intake = testIntake();
    await intake.faults({ delayMs: 150 });
    const db = unique('aq-reload');
    const url = `/test/harness/outbox-page.html?db=${db}&endpoint=${encodeURIComponent(intake.endpoint)}`;
    const { id } = (await page({ action: 'open', url })) as { id: string };
    await page({ action: 'evaluate', id, expression: 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })' });
    await page({ action: 'evaluate', id, expression: "window.aq.enqueue(8, 'reload').then(() => 1)" });
    // Reload while the first POSTs are in flight (each takes 150 ms on the server).
    await aTimeout(200);
    const postsBefore = (await intake.posts()).length;
    await page({ action: 'reload', id });
    await page({ action: 'evaluate', id, expression: 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })' });
    await until(async () => (await intake.received()).length === 8);
    await until(async () => ((await page({ action: 'evaluate', id, expression: 'window.aq.pending()' })) as { value: number }).value === 0);
    await page({ action: 'close', id });
    const got = await intake.received();
    expect(postsBefore).to.be.lessThan(8);
    expect(got).to.have.length(8);
    expect(new Set(got.map((r) => r.id)).size).to.equal(8);
  });

  it('two tabs flushing the same queue never send the same item twice', async () => {
    const intake = testIntake();
    await intake.faults({ delayMs: 30 });
    const db = unique('aq-tabs');
    const url = `/test/harness/outbox-page.html?db=${db}&endpoint=${encodeURIComponent(intake.endpoint)}`;
    const tabs = await Promise.all([page({ action: 'open', url }), page({ action: 'open', url })]);
    const ids = tabs.map((t) => (t as { id: string }).id);
    for (const id of ids) await page({ action: 'evaluate', id, expression: 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })' });
    await Promise.all(ids.map((id, n) => page({ action: 'evaluate', id, expression: `window.aq.enqueue(6, 'tab${n}').then(() => 1)` })));
    await until(async () => (await intake.received()).length === 12);
    await aTimeout(300);
    for (const id of ids) await page({ action: 'close', id });
    const posts = await intake.posts();
    expect(posts).to.have.length(12);
    expect(new Set(posts).size).to.equal(12);
  });
});
