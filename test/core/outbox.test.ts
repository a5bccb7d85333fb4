import { AnquanStorage, configure, Outbox, type OutboxError, outboxErrorMessage, resetConfig } from '@anquan/core';
import { aTimeout, expect } from '@open-wc/testing';
import { captureErrors, page, silenceErrors, testIntake, unique, until } from '../harness/index.js';

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
    window.addEventListener('aq-outbox-retry-scheduled', onRetry);
    const items = [await outbox.enqueue('prescreen-decision', decision()), await outbox.enqueue('prescreen-decision', decision())];
    await Promise.all(items.map((i) => outbox.waitFor(i.id)));
    window.removeEventListener('aq-outbox-retry-scheduled', onRetry);
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
    await silenceErrors(async () => {
      const item = await outbox.enqueue('prescreen-decision', { ...decision(), verdict: 'maybe' });
      let error: Error | null = null;
      await outbox.waitFor(item.id).catch((e) => (error = e));
      expect(String(error)).to.contain('400').and.to.contain('verdict');
      const kept = await outbox.items();
      expect(kept).to.have.length(1);
      expect(kept[0].state).to.equal('rejected');
      expect(kept[0].lastCode).to.equal('invalid');
      expect((error as unknown as OutboxError).code).to.equal('invalid');
      // The host can list and export the dead-letter store, then discard what it handled.
      const exported = await outbox.exportRejected();
      expect(exported.items.map((i) => i.id)).to.deep.equal([item.id]);
      expect(await outbox.discard(item.id)).to.be.true;
      expect(await outbox.items()).to.deep.equal([]);
    });
  });

  it('a missing endpoint (404) keeps records queued; once the intake is deployed a reload sends them', async () => {
    const intake = testIntake();
    await intake.faults({ missing: true });
    const db = unique('aq-404');
    const storage = new AnquanStorage(db);
    const outbox = new Outbox({ storage, endpoint: () => intake.endpoint, baseDelayMs: 60_000 });
    const retries: { status: number; code: string }[] = [];
    const onRetry = (e: Event) => retries.push((e as CustomEvent).detail);
    window.addEventListener('aq-outbox-retry-scheduled', onRetry);
    const items = [await outbox.enqueue('prescreen-decision', decision()), await outbox.enqueue('prescreen-decision', decision())];
    await until(() => retries.length >= 2);
    window.removeEventListener('aq-outbox-retry-scheduled', onRetry);
    expect(retries[0]).to.include({ status: 404, code: 'not_found' });
    expect((await outbox.items()).map((i) => i.state)).to.deep.equal(['pending', 'pending']);
    expect(outboxErrorMessage('not_found', 'zh-CN')).to.contain('404').and.to.contain('已保存');
    // Deploy the intake, then "reload": a new outbox on the same storage sends at once, backoff or not.
    await intake.faults({ missing: false });
    const reloaded = new Outbox({ storage: new AnquanStorage(db), endpoint: () => intake.endpoint, baseDelayMs: 60_000 });
    reloaded.start();
    await until(async () => (await intake.received()).length === 2);
    expect((await intake.received()).map((r) => r.id).sort()).to.deep.equal(items.map((i) => i.id).sort());
  });

  it('only 400/422 and 409 idempotency_conflict are final; 401, 403, 409 chain_*, 429 and 5xx stay queued', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')), baseDelayMs: 10, maxDelayMs: 40 });
    const seen: number[] = [];
    const onRetry = (e: Event) => seen.push((e as CustomEvent).detail.status);
    window.addEventListener('aq-outbox-retry-scheduled', onRetry);
    for (const [status, code] of [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [409, 'chain_rewritten'],
      [504, 'injected'],
      [500, 'internal'],
      [502, 'injected'],
    ] as const) {
      await intake.faults({ failNext: 1, status, code });
      const item = await outbox.enqueue('prescreen-decision', decision());
      await outbox.waitFor(item.id);
    }
    window.removeEventListener('aq-outbox-retry-scheduled', onRetry);
    // (408 is not listed: Chromium itself resends a request answered 408 on a reused connection.)
    expect(seen).to.deep.equal([401, 403, 409, 504, 500, 502]);
    expect(await intake.received()).to.have.length(6);
    // 409 idempotency_conflict and 422 are final.
    const errors = await captureErrors(async () => {
      for (const [status, code] of [
        [409, 'idempotency_conflict'],
        [422, 'invalid'],
      ] as const) {
        await intake.faults({ failNext: 1, status, code });
        const item = await outbox.enqueue('prescreen-decision', decision());
        const err = (await outbox.waitFor(item.id).catch((e) => e)) as OutboxError;
        expect(err.code).to.equal(code);
      }
    });
    expect(errors).to.have.length(2);
    expect((await outbox.rejected()).map((i) => i.lastStatus)).to.deep.equal([409, 422]);
  });

  it('429 honours Retry-After', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    await intake.faults({ failNext: 1, status: 429, code: 'rate_limited', retryAfter: 1 });
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')), baseDelayMs: 10 });
    const started = Date.now();
    const item = await outbox.enqueue('prescreen-decision', decision());
    await outbox.waitFor(item.id);
    expect(Date.now() - started).to.be.at.least(950);
  });

  it('a 413 is held until the host acts (release), never dropped', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    await intake.faults({ failNext: 1, status: 413, code: 'too_large' });
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')), baseDelayMs: 10 });
    const held = new Promise<CustomEvent>((r) => window.addEventListener('aq-outbox-held', (e) => r(e as CustomEvent), { once: true }));
    const item = await outbox.enqueue('prescreen-decision', decision());
    expect((await held).detail).to.include({ id: item.id, status: 413, code: 'too_large' });
    await outbox.flush();
    expect((await outbox.items())[0]).to.include({ state: 'pending', held: 'too_large' });
    expect(await intake.received()).to.have.length(0);
    expect(await outbox.release()).to.equal(1);
    await outbox.waitFor(item.id);
    expect(await intake.received()).to.have.length(1);
  });

  it('warns (aq-outbox-capacity-reached) before the cap; at the cap a new record is refused with a code, nothing queued is dropped', async () => {
    const outbox = new Outbox({ storage: new AnquanStorage(unique('aq-ob')), endpoint: () => null, maxItems: 5, warnAt: 0.6 });
    const events: { full: boolean; items: number }[] = [];
    const on = (e: Event) => events.push((e as CustomEvent).detail);
    window.addEventListener('aq-outbox-capacity-reached', on);
    const origWarn = console.warn;
    console.warn = () => {};
    try {
      for (let i = 0; i < 5; i++) await outbox.enqueue('prescreen-decision', decision());
      expect(events).to.deep.equal([{ items: 3, bytes: events[0].bytes, maxItems: 5, maxBytes: 50_000_000, full: false }]);
      const err = (await outbox.enqueue('prescreen-decision', decision()).catch((e) => e)) as OutboxError;
      expect(err.code).to.equal('capacity');
      expect(events[1]).to.include({ full: true, items: 5 });
      expect(await outbox.items()).to.have.length(5);
    } finally {
      console.warn = origWarn;
      window.removeEventListener('aq-outbox-capacity-reached', on);
    }
  });

  it('survives a real page reload in the middle of sending: every record arrives exactly once', async () => {
    const intake = testIntake();
    await intake.faults({ delayMs: 150 });
    const db = unique('aq-reload');
    const url = `/test/harness/outbox-page.html?db=${db}&endpoint=${encodeURIComponent(intake.endpoint)}`;
    const { id } = (await page({ action: 'open', url })) as { id: string };
    await page({
      action: 'evaluate',
      id,
      expression: 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })',
    });
    await page({ action: 'evaluate', id, expression: "window.aq.enqueue(8, 'reload').then(() => 1)" });
    // Reload while the first POSTs are in flight (each takes 150 ms on the server).
    await aTimeout(200);
    const postsBefore = (await intake.posts()).length;
    await page({ action: 'reload', id });
    await page({
      action: 'evaluate',
      id,
      expression: 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })',
    });
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
    for (const id of ids)
      await page({
        action: 'evaluate',
        id,
        expression: 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })',
      });
    await Promise.all(ids.map((id, n) => page({ action: 'evaluate', id, expression: `window.aq.enqueue(6, 'tab${n}').then(() => 1)` })));
    await until(async () => (await intake.received()).length === 12);
    await aTimeout(300);
    for (const id of ids) await page({ action: 'close', id });
    const posts = await intake.posts();
    expect(posts).to.have.length(12);
    expect(new Set(posts).size).to.equal(12);
  });
});
