import { AnquanStorage } from '@anquan/core';
import { type ClockEvent, type ClockRules, type TimeWindow, UsageClock } from '@anquan/minor-mode';
import { expect } from '@open-wc/testing';
import { type FakeTime, fakeTime, flush, MIN, SHANGHAI_10AM, TZ, unique } from './helpers.js';

const CURFEW: TimeWindow = { start: '22:00', end: '06:00' };

function rules(patch: Partial<ClockRules> = {}): () => ClockRules {
  return () => ({ dailyQuotaMinutes: 60, restReminderMinutes: 30, curfew: CURFEW, allowedWindows: [], ...patch });
}

function makeClock(time: FakeTime, db = unique('aq-clock'), r = rules(), extra: Partial<ConstructorParameters<typeof UsageClock>[0]> = {}) {
  const clock = new UsageClock({ storage: new AnquanStorage(db), time, rules: r, timeZone: TZ, tickMs: 0, ...extra });
  const events: ClockEvent[] = [];
  clock.onEvent((e) => events.push(e));
  return { clock, events, db };
}

/** `minutes` of active use: input every 30 s, a tick after each step. */
async function use(time: FakeTime, minutes: number, ...clocks: UsageClock[]) {
  for (let i = 0; i < minutes * 2; i++) {
    for (const c of clocks) c.activity();
    time.advance(30_000);
    for (const c of clocks) await c.tick();
  }
}

/** Epoch ms of HH:MM on 2025-01-15 (+ dayOffset) in Shanghai. */
const at = (hhmm: string, dayOffset = 0) => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(2025, 0, 15 + dayOffset, h - 8, m);
};

describe('usage clock', () => {
  it('[CAC-MINOR-quota] counts active visible time and locks when the daily quota is reached; extra minutes unlock', async () => {
    const time = fakeTime();
    const { clock, events } = makeClock(time);
    await clock.start();
    expect(clock.holder).to.be.true;
    await use(time, 59.5, clock);
    let s = (await clock.tick())!;
    expect(s.usedMs).to.equal(59.5 * MIN);
    expect(s.locked).to.equal(null);
    await use(time, 1, clock);
    s = (await clock.tick())!;
    expect(s.usedMs, 'never more than the quota').to.equal(60 * MIN);
    expect(s.locked).to.equal('quota');
    expect(s.resumesAt, 'resumes with the new day, after the curfew').to.equal(at('06:00', 1));
    expect(events.filter((e) => e.type === 'locked')).to.deep.equal([{ type: 'locked', reason: 'quota', resumesAt: at('06:00', 1) }]);
    await use(time, 5, clock);
    expect((await clock.tick()).usedMs, 'no counting while locked').to.equal(60 * MIN);
    s = await clock.grantExtraMinutes(15);
    expect(s.locked).to.equal(null);
    expect(s.quotaMs).to.equal(75 * MIN);
    expect(events.at(-1)).to.deep.equal({ type: 'unlocked', previous: 'quota' });
    await clock.stop();
  });

  it('[CAC-MINOR-quota] the 16-17 band has 2 h; time does not count while hidden or idle', async () => {
    const time = fakeTime();
    const { clock } = makeClock(time, undefined, rules({ dailyQuotaMinutes: 120, curfew: null }));
    await clock.start();
    await use(time, 90, clock);
    expect((await clock.tick()).locked).to.equal(null);
    clock.setVisible(false);
    time.advance(20 * MIN);
    expect((await clock.tick()).usedMs, 'hidden').to.equal(90 * MIN);
    clock.setVisible(true);
    time.advance(10 * MIN);
    expect((await clock.tick()).usedMs, 'visible but idle: only the 60 s idle window counts').to.equal(91 * MIN);
    await use(time, 29, clock);
    const s = await clock.tick();
    expect(s.locked).to.equal('quota');
    expect(s.resumesAt, 'without a curfew: local midnight').to.equal(at('00:00', 1));
    await clock.stop();
  });

  it('[CAC-MINOR-curfew] locks 22:00-06:00 across midnight; resumes at 06:00; an allowed window exempts', async () => {
    const time = fakeTime(at('21:50'));
    const { clock, events } = makeClock(time);
    await clock.start();
    await use(time, 9, clock);
    expect((await clock.tick()).locked).to.equal(null);
    await use(time, 1.5, clock);
    let s = await clock.tick();
    expect(s.locked).to.equal('curfew');
    expect(s.resumesAt).to.equal(at('06:00', 1));
    time.advance(2 * 60 * MIN + 30 * MIN); // 00:30 next day: a new date, still curfew
    s = await clock.tick();
    expect(s.date).to.equal('2025-01-16');
    expect(s.usedMs).to.equal(0);
    expect(s.locked).to.equal('curfew');
    time.advance(5 * 60 * MIN + 29 * MIN); // 05:59, real time passing
    expect((await clock.tick()).locked).to.equal('curfew');
    time.advance(MIN);
    expect((await clock.tick()).locked).to.equal(null);
    expect(events.map((e) => e.type).filter((t) => t !== 'usage')).to.deep.equal(['locked', 'unlocked']);
    await clock.stop();

    const t2 = fakeTime(at('22:30'));
    const exempt = makeClock(t2, undefined, rules({ allowedWindows: [{ start: '22:00', end: '23:00' }] })).clock;
    await exempt.start();
    expect((await exempt.tick()).locked, 'guardian-allowed window').to.equal(null);
    t2.advance(31 * MIN);
    expect((await exempt.tick()).locked).to.equal('curfew');
    await exempt.stop();

    const t3 = fakeTime(at('23:00'));
    const off = makeClock(t3, undefined, rules({ curfew: null })).clock;
    await off.start();
    expect((await off.tick()).locked, 'curfew switched off by the guardian').to.equal(null);
    await off.stop();
  });

  it('[CAC-MINOR-rest] reminds to rest after 30 minutes of continuous use; a 5-minute break resets the run', async () => {
    const time = fakeTime();
    const { clock, events } = makeClock(time, undefined, rules({ dailyQuotaMinutes: 60 }));
    await clock.start();
    await use(time, 29.5, clock);
    expect(events.filter((e) => e.type === 'rest')).to.have.length(0);
    await use(time, 0.5, clock);
    expect(events.filter((e) => e.type === 'rest')).to.deep.equal([{ type: 'rest', continuousMinutes: 30 }]);
    expect((await clock.tick()).continuousMs).to.equal(0);
    await use(time, 20, clock);
    clock.setVisible(false);
    time.advance(6 * MIN);
    await clock.tick();
    clock.setVisible(true);
    await use(time, 9.5, clock);
    expect(
      events.filter((e) => e.type === 'rest'),
      'the break reset the run',
    ).to.have.length(1);
    await clock.stop();
  });

  it('two tabs in one browser: exactly one counts (Web Lock); the other follows and takes over', async () => {
    const time = fakeTime();
    const db = unique('aq-clock-tabs');
    const a = makeClock(time, db).clock;
    const b = makeClock(time, db).clock;
    await a.start();
    await b.start();
    expect([a.holder, b.holder]).to.deep.equal([true, false]);
    // Both tabs visible and used at once: every tick of the other tab shows the counting tab's total.
    for (let i = 0; i < 20; i++) {
      a.activity();
      b.activity();
      time.advance(30_000);
      const sa = await a.tick();
      const sb = await b.tick();
      expect(sb.usedMs, `step ${i}: the other tab adds nothing of its own`).to.equal(sa.usedMs);
    }
    expect((await a.tick()).usedMs).to.equal(10 * MIN);
    expect((await b.tick()).usedMs, 'the follower reads the same total, not its own').to.equal(10 * MIN);
    // The counting tab is hidden; the other is visible and used: still counted, once.
    a.setVisible(false);
    await flush();
    for (let i = 0; i < 10; i++) {
      b.activity();
      await flush();
      time.advance(30_000);
      await a.tick();
      await b.tick();
    }
    expect((await b.tick()).usedMs).to.equal(15 * MIN);
    await a.stop();
    await flush();
    expect(b.holder, 'the follower took the clock').to.be.true;
    await use(time, 5, b);
    expect((await b.tick()).usedMs).to.equal(20 * MIN);
    await b.stop();
  });

  it('moving the system clock back gives no time back, also across a reload; a server time wins', async () => {
    const time = fakeTime();
    const db = unique('aq-clock-back');
    const { clock, events } = makeClock(time, db);
    await clock.start();
    await use(time, 50, clock);
    time.setWall(at('10:00', -1)); // yesterday
    let s = await clock.tick();
    expect(s.date, 'still today').to.equal('2025-01-15');
    expect(s.usedMs).to.equal(50 * MIN);
    expect(s.clockBehind).to.be.true;
    expect(events.some((e) => e.type === 'clock-jump' && e.direction === 'back')).to.be.true;
    await use(time, 10, clock);
    s = await clock.tick();
    expect(s.locked, 'the quota still locks').to.equal('quota');
    await clock.stop();

    // A reload (a new instance, fresh monotonic) with the wall clock still a day behind.
    const reloaded = makeClock(fakeTime(at('10:00', -1), 5), db).clock;
    s = await reloaded.start();
    expect(s.date).to.equal('2025-01-15');
    expect(s.usedMs).to.equal(60 * MIN);
    expect(s.locked).to.equal('quota');
    await reloaded.stop();

    // A server time source overrides a wall clock set back into the afternoon.
    const t = fakeTime(at('23:00'));
    t.setWall(at('15:00'));
    const withServer = makeClock(t, undefined, rules(), { serverTime: async () => at('23:00') }).clock;
    s = await withServer.start();
    expect(s.locked, 'curfew by the server time').to.equal('curfew');
    await withServer.stop();
  });

  it('[CAC-MINOR-curfew][CAC-MINOR-quota] the child moves the clock forward past the curfew or into tomorrow: the lock holds and the jump is reported; a trusted time that agrees (the laptop slept) lifts it', async () => {
    const time = fakeTime(at('22:30'));
    const { clock, events } = makeClock(time);
    let s = await clock.start();
    expect(s.locked).to.equal('curfew');
    // The child sets the system clock to 07:00 the next morning.
    time.setWall(at('07:00', 1));
    s = await clock.tick();
    expect(s.locked, 'a moved clock does not lift the curfew').to.equal('curfew');
    const jump = events.find((e) => e.type === 'clock-jump' && e.direction === 'forward');
    expect(jump, 'the jump is reported').to.include({ held: true, trusted: false });
    time.advance(5 * MIN);
    expect((await clock.tick()).locked, 'still held minutes later').to.equal('curfew');
    await clock.stop();

    // The quota spent, then the clock moved to tomorrow: still locked.
    const t2 = fakeTime();
    const second = makeClock(t2);
    await second.clock.start();
    await use(t2, 60, second.clock);
    expect((await second.clock.tick()).locked).to.equal('quota');
    t2.setWall(at('10:00', 1));
    s = await second.clock.tick();
    expect(s.locked, 'no fresh quota from a moved clock').to.equal('quota');
    expect(s.date).to.equal('2025-01-15');
    await second.clock.stop();

    // The same jump with a trusted time that agrees with the wall clock (it was a real night):
    // the new day starts, nothing is punished.
    let trusted: number | null = null;
    const t3 = { ...fakeTime(at('22:30')), trusted: () => trusted };
    const base = fakeTime(at('22:30'));
    Object.assign(t3, { now: base.now, monotonic: base.monotonic, advance: base.advance, setWall: base.setWall });
    const third = makeClock(t3 as unknown as FakeTime);
    expect((await third.clock.start()).locked).to.equal('curfew');
    base.setWall(at('07:00', 1));
    expect((await third.clock.tick()).locked, 'held until trusted time arrives').to.equal('curfew');
    trusted = at('07:00', 1);
    s = await third.clock.tick();
    expect(s.locked, "the intake's Date confirms the morning").to.equal(null);
    expect(s.date).to.equal('2025-01-16');
    await third.clock.stop();
  });

  it('[CAC-MINOR-quota] a forward correction within 2 minutes (NTP) is followed silently', async () => {
    const time = fakeTime();
    const { clock, events } = makeClock(time);
    await clock.start();
    time.setWall(time.now() + 90_000);
    await clock.tick();
    expect(events.filter((e) => e.type === 'clock-jump')).to.deep.equal([]);
    await clock.stop();
  });

  it('[CAC-MINOR-quota] watching generated video counts as use without any input, while the page is visible', async () => {
    const time = fakeTime();
    const { clock } = makeClock(time);
    await clock.start();
    clock.setMediaPlaying(true);
    for (let i = 0; i < 20; i++) {
      time.advance(30_000);
      await clock.tick();
    }
    expect((await clock.tick()).usedMs, '10 min of watching count').to.equal(10 * MIN);
    clock.setVisible(false);
    time.advance(5 * MIN);
    expect((await clock.tick()).usedMs, 'not while hidden').to.equal(10 * MIN);
    clock.setVisible(true);
    clock.setMediaPlaying(false);
    time.advance(5 * MIN);
    await clock.tick();
    // Visible again, paused, no input: only the idle timeout after becoming visible counts.
    expect((await clock.tick()).usedMs).to.be.at.most(11 * MIN);
    await clock.stop();
  });

  it('starts from the persisted counters of today', async () => {
    const time = fakeTime(SHANGHAI_10AM);
    const db = unique('aq-clock-persist');
    const first = makeClock(time, db).clock;
    await first.start();
    await use(time, 12, first);
    await first.stop();
    const second = makeClock(time, db).clock;
    expect((await second.start()).usedMs).to.equal(12 * MIN);
    await second.stop();
  });
});
