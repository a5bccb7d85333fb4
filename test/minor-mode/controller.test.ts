import { AnquanStorage, configure, Outbox, resetConfig, SafetyContext } from '@anquan/core';
import { bandForAge, bandStrictness, MinorModeController, PaymentPolicy } from '@anquan/minor-mode';
import { expect } from '@open-wc/testing';
import { testIntake } from '../harness/index.js';
import { containsPin, fakeTime, MIN, unique } from './helpers.js';

function setup(send = false) {
  const db = unique('aq-mm-ctl');
  const storage = new AnquanStorage(db);
  const outbox = send ? new Outbox({ storage, baseDelayMs: 20 }) : null;
  const context = new SafetyContext(() => storage);
  const time = fakeTime();
  const controller = new MinorModeController({
    storage,
    outbox,
    context,
    time,
    tickMs: 0,
    timeZone: 'Asia/Shanghai',
    pinIterations: 100_000,
  });
  return { db, storage, outbox, context, time, controller };
}

describe('minor-mode controller', () => {
  afterEach(() => resetConfig());

  it('[CAC-MINOR-bands] maps ages to the five bands and exposes a strictness for the pre-screen', () => {
    expect([0, 2, 3, 7, 8, 11, 12, 15, 16, 17, 18].map(bandForAge)).to.deep.equal([
      'under-3',
      'under-3',
      '3-7',
      '3-7',
      '8-11',
      '8-11',
      '12-15',
      '12-15',
      '16-17',
      '16-17',
      null,
    ]);
    expect(bandStrictness('under-3')).to.be.greaterThan(bandStrictness('12-15'));
    expect(bandStrictness(null)).to.equal(-1);
  });

  it('[CAC-MINOR-entry-exit] enters with one call, writes the band to the safety context, exits only with the guardian', async () => {
    const { controller, context, time, storage } = setup();
    await controller.pin.set('2468');
    await controller.enter('8-11');
    expect(context.get().minorMode).to.deep.equal({ enabled: true, band: '8-11' });
    expect((await controller.exit('0000')).ok).to.be.false;
    expect(controller.state.enabled).to.be.true;
    expect((await controller.exit()).ok, 'no PIN, no exit').to.be.false;
    expect((await controller.exit('2468')).ok).to.be.true;
    expect(context.get().minorMode).to.deep.equal({ enabled: false, band: null });
    const types = (await controller.ledger!.records()).map((r) => r.type);
    expect(types).to.deep.equal(['entered', 'exited']);
    expect((await controller.ledger!.verify()).ok).to.be.true;
    // An OS signal switches it on and off without a PIN (the device verified the guardian).
    await controller.applyExternalSignal({ enabled: true, band: '3-7', source: 'os' });
    expect(controller.state).to.include({ enabled: true, band: '3-7', source: 'os' });
    await controller.applyExternalSignal({ enabled: false, source: 'os' });
    expect(controller.state.enabled).to.be.false;
    void time;
    void storage;
    await controller.dispose();
  });

  it('[GBT45654-minors-guardian] guardian settings need verification, stay within the ceilings, and tighten the rules', async () => {
    const { controller } = setup();
    await controller.pin.set('2468');
    await controller.enter('12-15');
    let threw = false;
    try {
      await controller.updateSettings({ dailyQuotaMinutes: 30 });
    } catch {
      threw = true;
    }
    expect(threw, 'no session').to.be.true;
    expect((await controller.openGuardianSession('2468')).ok).to.be.true;
    await controller.updateSettings({ dailyQuotaMinutes: 30, curfew: { start: '21:00', end: '07:00' }, payment: { perTransaction: 1000 } });
    expect(controller.rules()).to.deep.include({ dailyQuotaMinutes: 30, curfew: { start: '21:00', end: '07:00' } });
    expect(controller.caps('12-15')).to.deep.equal({ allowed: true, perTransaction: 1000, perMonth: 20000 });
    expect(controller.validateSettings({ dailyQuotaMinutes: 90 })).to.have.length(1);
    expect(controller.validateSettings({ restReminderMinutes: 45 })).to.have.length(1);
    const snap = await controller.grantExtraMinutes(20);
    expect(snap.quotaMs).to.equal(50 * MIN);
    await controller.dispose();
  });

  it('[GBT45654-minors-paid] blocks configured bands, enforces per-transaction and monthly caps (fen)', async () => {
    const time = fakeTime();
    const policy = new PaymentPolicy({ storage: new AnquanStorage(unique('aq-pay')), now: time.now, timeZone: 'Asia/Shanghai' });
    expect(await policy.check('3-7', 100)).to.deep.include({ decision: 'block', reason: 'band-blocked' });
    expect(await policy.check('under-3', 1)).to.deep.include({ decision: 'block', reason: 'band-blocked' });
    expect(await policy.check('8-11', 5001)).to.deep.include({ decision: 'block', reason: 'per-transaction', cap: 5000 });
    expect(await policy.check('16-17', 10000, 'never')).to.deep.include({ decision: 'allow' });
    expect(await policy.check('12-15', 5000)).to.deep.include({ decision: 'approval' });
    for (let i = 0; i < 4; i++) await policy.record(5000);
    expect(await policy.spentThisMonth()).to.equal(20000);
    expect(await policy.check('12-15', 100)).to.deep.include({ decision: 'block', reason: 'per-month' });
    time.advance(31 * 24 * 60 * MIN);
    expect(await policy.spentThisMonth(), 'a new month').to.equal(0);
    configure({ thresholds: { minors: { payment: { '16-17': { allowed: false } } } } });
    expect(await policy.check('16-17', 100)).to.deep.include({ decision: 'block', reason: 'band-blocked' });
  });

  it('[INTERIM-10-addiction] sends every state change to the intake endpoint as minor-mode-event records', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const { controller, outbox, time } = setup(true);
    await controller.pin.set('2468');
    await controller.enter('12-15');
    for (let i = 0; i < 120; i++) {
      controller.clock.activity();
      time.advance(30_000);
      await controller.clock.tick();
    }
    expect(controller.clock.snapshot()!.locked).to.equal('quota');
    for (let i = 0; i < 5; i++) await controller.exit('1111');
    await controller.exit('2468').catch(() => undefined);
    await outbox!.flush();
    const received = await intake.received();
    const events = received
      .filter((r) => r.kind === 'minor-mode-event')
      .map((r) => r.payload as { type: string; band?: string; reason?: string });
    const types = events.map((e) => e.type);
    expect(types).to.include.members(['entered', 'usage', 'locked', 'pin-lockout']);
    expect(events.find((e) => e.type === 'locked')).to.deep.include({ band: '12-15', reason: 'quota' });
    expect(received.filter((r) => r.kind === 'ledger-record').length, 'the ledger record of entering').to.be.greaterThan(0);
    expect(containsPin(JSON.stringify(received), '2468'), 'no PIN sent').to.be.false;
    await controller.dispose();
  });
});
