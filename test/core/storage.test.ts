import { AnquanStorage } from '@anquan/core';
import { aTimeout, expect } from '@open-wc/testing';
import { foreignDatabase, unique } from '../harness/index.js';

function collectDegraded() {
  const seen: CustomEvent[] = [];
  const onEvent = (e: Event) => seen.push(e as CustomEvent);
  window.addEventListener('aq-storage-degraded', onEvent);
  return { seen, stop: () => window.removeEventListener('aq-storage-degraded', onEvent) };
}

async function rawOpen(name: string, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('storage', () => {
  it('a first visit whose schema creation outlasts the open timeout still gets IndexedDB (WebKit took 2 s for it under load)', async () => {
    // Catches: the open timeout counting the upgrade itself, which sent a slow first visit to memory.
    const name = unique('aq-store-slow');
    const events = collectDegraded();
    try {
      const s = new AnquanStorage(name, { openTimeoutMs: 1 });
      await s.put('kv', { a: 1 }, 'x');
      expect(s.degraded, JSON.stringify(s.degradedDetail)).to.be.false;
      expect(events.seen).to.have.length(0);
      s.close();
      const db = await rawOpen(name);
      expect([...db.objectStoreNames].sort()).to.deep.equal(['kv', 'ledger', 'outbox', 'records']);
      db.close();
    } finally {
      events.stop();
    }
  });

  it('stores in real IndexedDB with the versioned schema', async () => {
    const name = unique('aq-store');
    const s = new AnquanStorage(name);
    await s.put('kv', { a: 1 }, 'x');
    await s.put('records', { ns: 'test', id: 'r1', v: 2 });
    expect(s.degraded).to.be.false;
    s.close();
    const db = await rawOpen(name);
    expect(db.version).to.equal(1);
    expect([...db.objectStoreNames].sort()).to.deep.equal(['kv', 'ledger', 'outbox', 'records']);
    const value = await new Promise((r) => {
      const req = db.transaction('kv').objectStore('kv').get('x');
      req.onsuccess = () => r(req.result);
    });
    db.close();
    expect(value).to.deep.equal({ a: 1 });
  });

  it('falls back to memory when IndexedDB really fails to open, and emits aq-storage-degraded once', async () => {
    const name = unique('aq-broken');
    // A database that already has a newer version than the SDK's schema: open() fails with VersionError.
    (await rawOpen(name, 50)).close();
    const events = collectDegraded();
    const s = new AnquanStorage(name);
    await s.put('kv', 'kept', 'k1');
    await s.put('kv', 'kept too', 'k2');
    expect(await s.get('kv', 'k1')).to.equal('kept');
    expect((await s.getAll('kv')).length).to.equal(2);
    events.stop();
    expect(s.degraded).to.be.true;
    expect(s.degradedDetail!.reason).to.equal('open-failed');
    expect(s.degradedDetail!.error).to.equal('VersionError');
    expect(events.seen).to.have.length(1);
    expect(events.seen[0].detail.name).to.equal(name);
  });

  it("keeps working when writes really fail after opening (a foreign database without the SDK's stores)", async () => {
    const name = unique('aq-writefail');
    // Another script created this database at the SDK's schema version without its stores, so the
    // SDK's open succeeds (no upgrade runs) and every write fails with a real NotFoundError.
    await foreignDatabase(name);
    const events = collectDegraded();
    const s = new AnquanStorage(name);
    await s.put('kv', 'first', 'a');
    await s.put('outbox', { id: 'o1', nextAttemptAt: 0 });
    expect(await s.get('kv', 'a')).to.equal('first');
    expect(await s.getAll('outbox')).to.deep.equal([{ id: 'o1', nextAttemptAt: 0 }]);
    events.stop();
    expect(s.degraded).to.be.true;
    expect(s.degradedDetail!.reason).to.equal('write-failed');
    expect(s.degradedDetail!.error).to.equal('NotFoundError');
    expect(events.seen).to.have.length(1);
    s.close();
  });

  it('announces changes to other tabs through BroadcastChannel', async () => {
    const name = unique('aq-bc');
    const tabA = new AnquanStorage(name);
    const tabB = new AnquanStorage(name);
    await tabB.open();
    const seen: unknown[] = [];
    tabB.subscribe((change, remote) => remote && seen.push(change));
    await tabA.put('kv', 1, 'shared');
    await tabA.delete('kv', 'shared');
    await aTimeout(100);
    expect(seen).to.deep.equal([
      { store: 'kv', key: 'shared', op: 'put' },
      { store: 'kv', key: 'shared', op: 'delete' },
    ]);
    tabA.close();
    tabB.close();
  });

  it('ranged reads return values in key order', async () => {
    const s = new AnquanStorage(unique('aq-range'));
    for (const seq of [2, 0, 1]) await s.put('ledger', { ledger: 'a', seq });
    await s.put('ledger', { ledger: 'b', seq: 0 });
    const range = { lower: ['a', 0], upper: ['a', Number.MAX_SAFE_INTEGER] } as const;
    expect((await s.getAll<{ seq: number }>('ledger', { ...range } as never)).map((r) => r.seq)).to.deep.equal([0, 1, 2]);
    expect((await s.last<{ seq: number }>('ledger', { ...range } as never))!.seq).to.equal(2);
    s.close();
  });
});
