import { AnquanStorage, resetConfig } from '@anquan/core';
import { constantTimeEqual, GuardianPin, type PinRecord, setGuardianVerifier } from '@anquan/minor-mode';
import { expect } from '@open-wc/testing';
import { page } from '../harness/index.js';
import { containsPin, dumpDatabase, dumpWebStorage, fakeTime, MIN, unique } from './helpers.js';

const PIN = '482915';

describe('guardian PIN', () => {
  afterEach(() => {
    setGuardianVerifier(null);
    resetConfig();
  });

  it('[GBT45654-minors-guardian] stores PBKDF2-SHA256 with a random 16-byte salt and the configured iterations; verifies', async () => {
    const db = unique('aq-pin');
    const storage = new AnquanStorage(db);
    const a = new GuardianPin({ storage, name: 'a' });
    const b = new GuardianPin({ storage, name: 'b', iterations: 100_000 });
    expect(a.iterations).to.equal(210_000);
    expect(new GuardianPin({ storage, iterations: 1000 }).iterations, 'never below 100,000').to.equal(100_000);
    await a.set(PIN);
    await b.set(PIN);
    const ra = (await storage.get<PinRecord>('kv', 'minor-mode:pin:a'))!;
    const rb = (await storage.get<PinRecord>('kv', 'minor-mode:pin:b'))!;
    expect(ra).to.include({ algorithm: 'PBKDF2-SHA256', iterations: 210_000 });
    expect(atob(ra.salt)).to.have.length(16);
    expect(atob(ra.hash)).to.have.length(32);
    expect(ra.salt, 'random salt per PIN').to.not.equal(rb.salt);
    expect(ra.hash).to.not.equal(rb.hash);
    expect((await b.verify(PIN)).ok).to.be.true;
    expect((await b.verify('000000')).ok).to.be.false;
    await expectNoPlainPin(db);
    let threw = false;
    try {
      await b.set('1234');
    } catch {
      threw = true;
    }
    expect(threw, 'a second set() is refused').to.be.true;
  });

  it('compares in constant time (length-only dependence) and rejects malformed PINs', async () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).to.be.true;
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).to.be.false;
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).to.be.false;
    const pin = new GuardianPin({ storage: new AnquanStorage(unique('aq-pin')), iterations: 100_000 });
    for (const bad of ['12', 'abcd', '1234567890123']) {
      let threw = false;
      try {
        await pin.set(bad);
      } catch {
        threw = true;
      }
      expect(threw, bad).to.be.true;
    }
  });

  it('[CAC-MINOR-entry-exit] locks out after 5 failures with a growing delay; the correct PIN is refused meanwhile', async () => {
    const time = fakeTime();
    const storage = new AnquanStorage(unique('aq-pin-lock'));
    const lockouts: number[] = [];
    const pin = new GuardianPin({ storage, iterations: 100_000, now: time.now, onLockout: (until) => lockouts.push(until) });
    await pin.set(PIN);
    for (let i = 1; i <= 4; i++) expect(await pin.verify('111111')).to.deep.equal({ ok: false, remaining: 5 - i });
    const fifth = await pin.verify('111111');
    expect(fifth.ok).to.be.false;
    expect(fifth.lockedUntil).to.equal(time.now() + MIN);
    expect((await pin.verify(PIN)).ok, 'correct PIN refused while locked').to.be.false;
    time.advance(MIN + 1);
    const sixth = await pin.verify('222222');
    expect(sixth.lockedUntil, 'the delay doubles').to.equal(time.now() + 2 * MIN);
    expect(lockouts).to.have.length(2);
    time.advance(2 * MIN + 1);
    expect((await pin.verify(PIN)).ok).to.be.true;
    expect(await pin.lockout()).to.deep.equal({ failures: 0, lockedUntil: 0 });
  });

  it('[CAC-MINOR-entry-exit] the lockout survives a reload (a new instance on the same database)', async () => {
    const db = unique('aq-pin-reload');
    const time = fakeTime();
    const first = new GuardianPin({ storage: new AnquanStorage(db), iterations: 100_000, now: time.now });
    await first.set(PIN);
    for (let i = 0; i < 5; i++) await first.verify('999999');
    const reloaded = new GuardianPin({ storage: new AnquanStorage(db), iterations: 100_000, now: time.now });
    const r = await reloaded.verify(PIN);
    expect(r.ok).to.be.false;
    expect(r.lockedUntil).to.be.greaterThan(time.now());
  });

  it('[CAC-MINOR-entry-exit] the lockout survives a real page reload', async () => {
    const db = unique('aq-pin-page');
    const { id } = (await page({ action: 'open', url: `/test/minor-mode/pin-page.html?db=${db}` })) as { id: string };
    try {
      const ev = async (expression: string) => ((await page({ action: 'evaluate', id, expression })) as { value: unknown }).value;
      await ev('window.aqReady');
      await ev(`window.aq.set('${PIN}')`);
      for (let i = 0; i < 5; i++) await ev(`window.aq.verify('000000')`);
      await page({ action: 'reload', id });
      await ev('window.aqReady');
      const after = (await ev(`window.aq.verify('${PIN}')`)) as { ok: boolean; lockedUntil?: number };
      expect(after.ok, 'correct PIN still refused after the reload').to.be.false;
      expect(after.lockedUntil).to.be.greaterThan(Date.now());
      expect(await ev('window.aq.plainPinStored()')).to.equal(false);
    } finally {
      await page({ action: 'close', id });
    }
  });

  it('a host verifier replaces the PIN; its failures count too; reset needs it', async () => {
    const storage = new AnquanStorage(unique('aq-pin-host'));
    const pin = new GuardianPin({ storage, iterations: 100_000, maxAttempts: 2 });
    let resetThrew = false;
    try {
      await pin.reset('5555');
    } catch {
      resetThrew = true;
    }
    expect(resetThrew, 'no reset without a host verifier').to.be.true;
    const seen: unknown[] = [];
    setGuardianVerifier(async (attempt) => {
      seen.push(attempt.purpose);
      return attempt.pin === 'server-ok' || attempt.purpose === 'reset';
    });
    expect(await pin.hasPin()).to.be.true;
    expect((await pin.verify('server-ok', 'exit')).ok).to.be.true;
    expect((await pin.verify('nope', 'exit')).ok).to.be.false;
    expect(await pin.reset('5555')).to.be.true;
    expect(seen).to.deep.equal(['exit', 'exit', 'reset']);
    setGuardianVerifier(null);
    expect((await pin.verify('5555')).ok, 'the reset PIN works locally').to.be.true;
    expect((await pin.change('5555', '777777')).ok).to.be.true;
    expect((await pin.verify('777777')).ok).to.be.true;
    expect((await pin.verify('5555')).ok).to.be.false;
  });
});

async function expectNoPlainPin(db: string) {
  const dump = await dumpDatabase(db);
  expect(containsPin(dump, PIN), 'plain PIN in IndexedDB').to.be.false;
  expect(dump).to.not.contain(btoa(PIN));
  expect(containsPin(dumpWebStorage(), PIN), 'plain PIN in Web Storage').to.be.false;
  expect(containsPin(JSON.stringify({ pin: PIN }), PIN), 'the scan finds a stored plain PIN').to.be.true;
}
