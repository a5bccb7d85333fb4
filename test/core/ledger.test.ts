import { AnquanStorage, canonicalJson, configure, Ledger, Outbox, resetConfig } from '@anquan/core';
import { expect } from '@open-wc/testing';
import { testIntake, unique, until } from '../harness/index.js';

/** Overwrite one stored ledger record with the raw IndexedDB API, as an attacker with devtools would. */
async function tamper(db: string, ledger: string, seq: number, change: (r: Record<string, unknown>) => void) {
  const conn = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open(db);
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  await new Promise<void>((res, rej) => {
    const tx = conn.transaction('ledger', 'readwrite');
    const store = tx.objectStore('ledger');
    const get = store.get([ledger, seq]);
    get.onsuccess = () => {
      const r = get.result;
      change(r);
      store.put(r);
    };
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
  });
  conn.close();
}

describe('ledger', () => {
  afterEach(() => resetConfig());

  it('chains records by hash and verifies them', async () => {
    const storage = new AnquanStorage(unique('aq-ledger'));
    const ledger = new Ledger('consent', { storage, outbox: null });
    const a = await ledger.append('grant', { purpose: 'training', version: '1' });
    const b = await ledger.append('withdraw', { purpose: 'training', version: '1' });
    expect(a.seq).to.equal(0);
    expect(a.prevHash).to.equal('');
    expect(b.prevHash).to.equal(a.hash);
    expect(b.hash).to.match(/^[0-9a-f]{64}$/);
    expect(await ledger.verify()).to.deep.equal({ ok: true, length: 2, head: b.hash });
    const exported = await ledger.export();
    expect(exported.records).to.have.length(2);
    expect(exported.head).to.deep.equal({ seq: 1, hash: b.hash });
    expect(JSON.parse(JSON.stringify(exported)).records[1].data.purpose).to.equal('training');
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }] })).to.equal('{"a":[2,{"c":0,"d":1}],"b":1}');
  });

  it('detects a record rewritten in IndexedDB', async () => {
    const db = unique('aq-ledger-t');
    const storage = new AnquanStorage(db);
    const ledger = new Ledger('consent', { storage, outbox: null });
    await ledger.append('grant', { purpose: 'training' });
    await ledger.append('grant', { purpose: 'cross-border' });
    await ledger.append('withdraw', { purpose: 'training' });
    storage.close();
    await tamper(db, 'consent', 1, (r) => {
      (r.data as Record<string, unknown>).purpose = 'sensitive';
    });
    const reopened = new Ledger('consent', { storage: new AnquanStorage(db), outbox: null });
    const result = await reopened.verify();
    expect(result.ok).to.be.false;
    expect(result).to.include({ brokenAt: 1 });
  });

  it('appends stay one chain when two tabs write at once (Web Locks)', async () => {
    const db = unique('aq-ledger-race');
    const tabA = new Ledger('minor-mode', { storage: new AnquanStorage(db), outbox: null });
    const tabB = new Ledger('minor-mode', { storage: new AnquanStorage(db), outbox: null });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? tabA : tabB).append('usage', { i })));
    const v = await tabA.verify();
    expect(v).to.include({ ok: true, length: 10 });
  });

  it("[PIPL-15-withdraw] sends every record with its chain head and keeps the server's signed receipt; the server refuses a rewritten history, which stays queued here", async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const db = unique('aq-ledger-sync');
    const storage = new AnquanStorage(db);
    const outbox = new Outbox({ storage, baseDelayMs: 20 });
    const ledger = new Ledger('consent', { storage, outbox });
    const r0 = await ledger.append('grant', { purpose: 'training' });
    const r1 = await ledger.append('grant', { purpose: 'third-party' });
    await outbox.flush();
    let got = await intake.received();
    expect(got.map((r) => (r.chainHead as { seq: number }).seq)).to.deep.equal([0, 1]);
    expect((got[1].chainHead as { hash: string }).hash).to.equal(r1.hash);
    expect(got[0].kind).to.equal('ledger-record');
    expect(r0.chain).to.be.a('string').and.equal(r1.chain);
    const receipts = await ledger.receipts();
    expect(receipts.map((r) => r.seq)).to.deep.equal([0, 1]);
    expect(receipts[1]).to.include({ chain: r1.chain, hash: r1.hash });
    expect(receipts[1].signature).to.match(/^[A-Za-z0-9_-]{86}$/);
    expect(await ledger.verify()).to.include({ ok: true, length: 2 });

    // Rewrite history locally: change record 1 and re-hash it, then append.
    storage.close();
    await tamper(db, 'consent', 1, (r) => {
      r.prevHash = r0.hash;
      (r.data as Record<string, unknown>).purpose = 'public';
      r.hash = 'f'.repeat(64);
    });
    const storage2 = new AnquanStorage(db);
    const outbox2 = new Outbox({ storage: storage2, baseDelayMs: 20 });
    const refused = new Promise<CustomEvent>((r) =>
      window.addEventListener('aq-outbox-retry-scheduled', (e) => r(e as CustomEvent), { once: true }),
    );
    await new Ledger('consent', { storage: storage2, outbox: outbox2 }).append('grant', { purpose: 'x' });
    await outbox2.flush();
    const ev = await refused;
    expect(ev.detail).to.include({ status: 409, code: 'chain_rewritten' });
    got = await intake.received();
    expect(got).to.have.length(2);
    const kept = await outbox2.items();
    expect(kept.map((i) => i.state)).to.deep.equal(['pending']);
  });

  it('[PIPL-15-withdraw] two users on two devices never collide: each device has its own chain, and a lost record is re-sent after chain_gap', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint, subject: 'alice' });
    const devA = new AnquanStorage(unique('aq-dev-a'));
    const outA = new Outbox({ storage: devA, baseDelayMs: 20 });
    const a = new Ledger('consent', { storage: devA, outbox: outA });
    await a.append('grant', { purpose: 'training' });
    await outA.flush();
    configure({ endpoint: intake.endpoint, subject: 'bob' });
    const devB = new AnquanStorage(unique('aq-dev-b'));
    const outB = new Outbox({ storage: devB, baseDelayMs: 20 });
    const b = new Ledger('consent', { storage: devB, outbox: outB });
    const b0 = await b.append('grant', { purpose: 'training' });
    // Record 1 of device B is lost from its outbox before it was sent (e.g. discarded by hand).
    const b1 = await b.append('withdraw', { purpose: 'training' });
    await devB.delete('outbox', `lg-${b1.chain}-1`);
    await outB.flush();
    const b2 = await b.append('grant', { purpose: 'training' });
    // Only this test's two users (outboxes of earlier tests may still send to the configured endpoint).
    const mine = async () => (await intake.received()).filter((r) => r.subject === 'alice' || r.subject === 'bob');
    await until(async () => (await mine()).length === 4, 15_000, 'all four records stored');
    const got = await mine();
    const chains = new Set(got.map((r) => (r.payload as { chain: string }).chain));
    expect(chains.size).to.equal(2);
    expect(
      got.filter((r) => (r.payload as { chain: string }).chain === b0.chain).map((r) => (r.payload as { seq: number }).seq),
    ).to.deep.equal([0, 1, 2]);
    expect((got.find((r) => r.id === `lg-${b2.chain}-2`)!.payload as { subject: string }).subject).to.equal('bob');
    expect(await outB.items()).to.deep.equal([]);
  });
});
