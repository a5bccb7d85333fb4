// The usage clock, without DOM: it counts time only while a page is visible and its user active,
// once across tabs (the tab that holds a Web Lock counts; the others follow through storage and a
// BroadcastChannel), persists today's used time keyed by the local date, and never gives time back
// when the wall clock is moved back (monotonic deltas, a persisted high-water mark, an optional
// server time). It evaluates the daily quota, the rest reminder, the curfew and the guardian's
// exemptions, and reports transitions to its listeners.

import { serverNow } from '@anquan/core/server-clock';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';
import { inWindow, localParts, nextLocalTime, type TimeWindow } from './time.js';

/** The clock's time source: wall time (epoch ms) and a monotonic counter (ms). Injectable for tests. */
export interface TimeSource {
  now(): number;
  monotonic(): number;
  /** A time the user cannot move (epoch ms), or null when none is known (default: the intake's `Date`). */
  trusted?(): number | null;
}

export const systemTime: TimeSource = {
  now: () => Date.now(),
  monotonic: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  trusted: () => serverNow(),
};

/** The rules in force, read on every tick (settings may change). */
export interface ClockRules {
  /** Daily quota in minutes, before the guardian's extra minutes. */
  dailyQuotaMinutes: number;
  /** Continuous use before a rest reminder, in minutes. */
  restReminderMinutes: number;
  /** The curfew window, or null when the guardian switched it off. */
  curfew: TimeWindow | null;
  /** Guardian-allowed windows: time in them is not counted, and neither curfew nor quota applies. */
  allowedWindows: readonly TimeWindow[];
}

export type LockReason = 'quota' | 'curfew';

export interface ClockSnapshot {
  /** Local date the counters belong to (`YYYY-MM-DD`). */
  date: string;
  usedMs: number;
  /** Today's quota including the guardian's extra minutes. */
  quotaMs: number;
  remainingMs: number;
  extraMinutes: number;
  continuousMs: number;
  locked: LockReason | null;
  /** When use resumes (epoch ms), while locked. */
  resumesAt: number | null;
  /** Guardian exemption in force until (epoch ms), 0 when none. */
  exemptUntil: number;
  /** True when this instance counts (holds the Web Lock). */
  holder: boolean;
  /** The effective time (epoch ms): never earlier than a time this clock already saw. */
  now: number;
  /** True while the wall clock reads earlier than the effective time (it was moved back). */
  clockBehind: boolean;
}

export type ClockEvent =
  | { type: 'locked'; reason: LockReason; resumesAt: number | null }
  | { type: 'unlocked'; previous: LockReason }
  | { type: 'rest'; continuousMinutes: number }
  | { type: 'usage'; date: string; usedMs: number }
  /**
   * The wall clock moved against the monotonic clock by more than the tolerance. `held`: a forward
   * jump while a limit held was not followed (a moved clock never lifts a lock). `trusted`: whether a
   * trusted time (the intake's `Date`, `serverTime`) decided the effective time.
   */
  | { type: 'clock-jump'; direction: 'back' | 'forward'; byMs: number; held: boolean; trusted: boolean };

interface Persisted {
  v: 1;
  date: string;
  usedMs: number;
  continuousMs: number;
  /** Rest reminders issued so far (all tabs show each one). */
  restSeq: number;
  /** High-water mark of the effective time (epoch ms). */
  lastWall: number;
}

/** Guardian grants, written by any tab. */
interface Grants {
  date: string;
  extraMinutes: number;
  exemptUntil: number;
}

type Presence = { type: 'presence'; tab: string; visible: boolean; active: boolean; playing?: boolean };

export interface UsageClockOptions {
  storage?: AnquanStorage;
  /** Namespace (one minor per name), default `default`. */
  name?: string;
  time?: TimeSource;
  rules: () => ClockRules;
  /** IANA time zone for dates and the curfew ('' = the browser's). */
  timeZone?: string;
  /** No input for this long and the user counts as inactive (default 60 s). */
  idleTimeoutMs?: number;
  /** A pause of this length resets continuous use (default 5 min). */
  restBreakMs?: number;
  /** Automatic tick interval in ms (default 1000); 0 = the caller ticks (tests). */
  tickMs?: number;
  /** Optional trusted time (epoch ms), e.g. from the host's server. */
  serverTime?: () => Promise<number>;
  /** A wall clock earlier than expected by more than this counts as moved back (default 5 s). */
  jumpToleranceMs?: number;
  /** A wall clock later than expected by more than this counts as moved forward (default 2 min; NTP corrections are smaller). */
  forwardToleranceMs?: number;
  /** Send a `usage` event every this many counted ms (default 5 min). */
  usageEveryMs?: number;
}

const DAY_START = '00:00';

export class UsageClock {
  readonly name: string;
  private readonly storage: AnquanStorage;
  private readonly time: TimeSource;
  private readonly rules: () => ClockRules;
  private timeZone: string;
  private readonly idleTimeoutMs: number;
  private readonly restBreakMs: number;
  private readonly tickMs: number;
  private readonly serverTime?: () => Promise<number>;
  private readonly jumpToleranceMs: number;
  private readonly forwardToleranceMs: number;
  private readonly usageEveryMs: number;
  private readonly tab = Math.random().toString(36).slice(2);

  private state: Persisted | null = null;
  private grants: Grants = { date: '', extraMinutes: 0, exemptUntil: 0 };
  private isHolder = false;
  private releaseLock: (() => void) | null = null;
  private channel: BroadcastChannel | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | null = null;
  private started = false;
  private stopped = false;

  private visible = true;
  private lastActivityMono = Number.NEGATIVE_INFINITY;
  private lastPresenceMono = Number.NEGATIVE_INFINITY;
  private readonly remote = new Map<string, { visible: boolean; activeUntilMono: number; playing: boolean }>();
  private lastMono = 0;
  private lastEffective = 0;
  private lastCountedMono = Number.NEGATIVE_INFINITY;
  private lastPersistMono = Number.NEGATIVE_INFINITY;
  private serverBase: { server: number; mono: number } | null = null;
  private behind = false;
  private ahead = false;
  private aheadHeld = false;
  private aheadBy = 0;
  private trustedNow = false;
  private playing = 0;
  private lockedReason: LockReason | null = null;
  private seenRestSeq = -1;
  private ticking: Promise<ClockSnapshot> | null = null;
  private snap: ClockSnapshot | null = null;
  private readonly listeners = new Set<(e: ClockEvent, s: ClockSnapshot) => void>();
  private readonly changeListeners = new Set<(s: ClockSnapshot) => void>();

  constructor(options: UsageClockOptions) {
    this.storage = options.storage ?? getStorage();
    this.name = options.name ?? 'default';
    this.time = options.time ?? systemTime;
    this.rules = options.rules;
    this.timeZone = options.timeZone ?? '';
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.restBreakMs = options.restBreakMs ?? 5 * 60_000;
    this.tickMs = options.tickMs ?? 1000;
    this.serverTime = options.serverTime;
    this.jumpToleranceMs = options.jumpToleranceMs ?? 5000;
    this.forwardToleranceMs = options.forwardToleranceMs ?? 120_000;
    this.usageEveryMs = options.usageEveryMs ?? 5 * 60_000;
  }

  private get stateKey(): string {
    return `minor-mode:clock:${this.name}`;
  }

  private get grantsKey(): string {
    return `minor-mode:grants:${this.name}`;
  }

  /** The Web Lock's name: one counting tab per storage and clock name. */
  get lockName(): string {
    return `anquan-minor-clock:${this.storage.name}:${this.name}`;
  }

  get holder(): boolean {
    return this.isHolder;
  }

  /** Load the persisted state, try to take the clock (Web Lock), and start ticking. */
  async start(): Promise<ClockSnapshot> {
    if (this.started) return this.tick();
    this.started = true;
    this.stopped = false;
    this.lastMono = this.time.monotonic();
    await this.reload();
    this.lastEffective = Math.max(this.time.now(), this.state?.lastWall ?? 0);
    if (this.serverTime) await this.syncServerTime();
    this.unsubscribe = this.storage.subscribe((change) => {
      if (change.store === 'kv' && (change.key === this.grantsKey || (change.key === this.stateKey && !this.isHolder))) void this.tick();
    });
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(this.lockName);
      this.channel.onmessage = (e: MessageEvent<Presence>) => this.onPresence(e.data);
    }
    await this.acquire();
    if (this.tickMs > 0) this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.postPresence(true);
    return this.tick();
  }

  /** Stop counting, release the Web Lock (another tab takes over), persist. */
  async stop(): Promise<void> {
    if (!this.started) return;
    await this.tick();
    this.started = false;
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.channel?.close();
    this.channel = null;
    this.isHolder = false;
    this.releaseLock?.();
    this.releaseLock = null;
  }

  private async acquire(): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (!locks?.request) {
      this.isHolder = true;
      return;
    }
    const hold = () =>
      new Promise<void>((release) => {
        this.releaseLock = release;
      });
    const got = await new Promise<boolean>((resolve) => {
      void locks.request(this.lockName, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        this.isHolder = true;
        resolve(true);
        return hold();
      });
    });
    if (got) return;
    // Wait in line: when the counting tab closes or stops, this one takes over.
    void locks.request(this.lockName, async () => {
      if (this.stopped || !this.started) return;
      await this.reload();
      this.lastMono = this.time.monotonic();
      this.isHolder = true;
      void this.tick();
      await hold();
    });
  }

  /** The page became visible or hidden. */
  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    if (visible) this.lastActivityMono = this.time.monotonic();
    this.postPresence(true);
  }

  /**
   * Media started (`true`) or stopped (`false`) playing in the page: watching a generated video or
   * listening to generated audio counts as use while the page is visible, without any input.
   */
  setMediaPlaying(playing: boolean): void {
    this.playing = Math.max(0, this.playing + (playing ? 1 : -1));
    this.postPresence(true);
  }

  /** The user did something (input, pointer, key). */
  activity(): void {
    this.lastActivityMono = this.time.monotonic();
    this.postPresence(false);
  }

  private postPresence(force: boolean): void {
    if (!this.channel) return;
    const mono = this.time.monotonic();
    if (!force && mono - this.lastPresenceMono < 5000) return;
    this.lastPresenceMono = mono;
    const active = mono - this.lastActivityMono <= this.idleTimeoutMs || this.playing > 0;
    try {
      this.channel.postMessage({
        type: 'presence',
        tab: this.tab,
        visible: this.visible,
        active,
        playing: this.playing > 0,
      } satisfies Presence);
    } catch {
      // The channel closed (unloading).
    }
  }

  private onPresence(p: Presence): void {
    if (p?.type !== 'presence') return;
    const mono = this.time.monotonic();
    const prev = this.remote.get(p.tab);
    this.remote.set(p.tab, {
      visible: p.visible,
      activeUntilMono: p.active ? mono + this.idleTimeoutMs : (prev?.activeUntilMono ?? mono),
      playing: p.playing === true,
    });
  }

  /** Guardian: add extra minutes to today's quota. */
  async grantExtraMinutes(minutes: number): Promise<ClockSnapshot> {
    const now = this.effectiveNow(false);
    const date = localParts(now, this.timeZone).date;
    const current = await this.readGrants(date);
    await this.storage.put(
      'kv',
      { ...current, extraMinutes: current.extraMinutes + Math.max(0, Math.round(minutes)) } satisfies Grants,
      this.grantsKey,
    );
    return this.tick();
  }

  /** Guardian: lift curfew and quota for the next `minutes` (time still counts). */
  async exemptFor(minutes: number): Promise<ClockSnapshot> {
    const now = this.effectiveNow(false);
    const date = localParts(now, this.timeZone).date;
    const current = await this.readGrants(date);
    await this.storage.put('kv', { ...current, exemptUntil: now + Math.max(0, minutes) * 60_000 } satisfies Grants, this.grantsKey);
    return this.tick();
  }

  private async readGrants(date: string): Promise<Grants> {
    const g = await this.storage.get<Grants>('kv', this.grantsKey);
    if (!g) return { date, extraMinutes: 0, exemptUntil: 0 };
    return g.date === date ? g : { date, extraMinutes: 0, exemptUntil: g.exemptUntil };
  }

  /** Read the persisted counters and grants. */
  private async reload(): Promise<void> {
    const saved = await this.storage.get<Persisted>('kv', this.stateKey);
    if (saved && saved.v === 1) this.state = { ...saved };
    this.grants = (await this.storage.get<Grants>('kv', this.grantsKey)) ?? { date: '', extraMinutes: 0, exemptUntil: 0 };
    if (saved) this.lastEffective = Math.max(this.lastEffective, saved.lastWall);
  }

  /** Ask the optional server for the time; the effective time then follows it with monotonic deltas. */
  async syncServerTime(): Promise<void> {
    if (!this.serverTime) return;
    try {
      const server = await this.serverTime();
      if (Number.isFinite(server)) this.serverBase = { server, mono: this.time.monotonic() };
    } catch {
      // Keep the local effective time.
    }
  }

  /**
   * The effective time: the server's when known, else the wall clock, but never earlier than the
   * last effective time plus the monotonic time since. Moving the clock back gains nothing.
   */
  private effectiveNow(advance = true): number {
    const mono = this.time.monotonic();
    const wall = this.time.now();
    const expected = this.lastEffective + Math.max(0, mono - this.lastMono);
    const trusted = this.serverBase ? this.serverBase.server + (mono - this.serverBase.mono) : (this.time.trusted?.() ?? null);
    let effective: number;
    if (advance) {
      this.trustedNow = trusted !== null;
      this.aheadHeld = false;
    }
    if (trusted !== null) effective = Math.max(expected - this.jumpToleranceMs, trusted);
    else if (wall > expected + this.forwardToleranceMs && this.lockedReason && this.lastEffective > 0) {
      // The wall clock ran ahead of the monotonic clock while a limit holds, and nothing trusted
      // says what time it is: a moved clock must not lift the lock (sleep is resolved by the next
      // intake answer's Date). The effective time keeps to the monotonic clock.
      effective = expected;
      if (advance) this.aheadHeld = true;
    } else effective = Math.max(wall, expected);
    if (advance) {
      this.behind = wall < effective - this.jumpToleranceMs;
      this.ahead = this.lastEffective > 0 && wall > expected + this.forwardToleranceMs;
      this.aheadBy = wall - expected;
      this.lastEffective = effective;
    }
    return effective;
  }

  /** Advance the clock: count, roll the day, check limits, persist, and tell listeners. */
  /** Change the IANA time zone of the day boundary and the curfew (empty: the browser's); the next tick uses it. */
  setTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
  }

  tick(): Promise<ClockSnapshot> {
    const run = async () => {
      try {
        return await this.doTick();
      } finally {
        this.ticking = null;
      }
    };
    this.ticking = this.ticking ? this.ticking.then(run, run) : run();
    return this.ticking;
  }

  private async doTick(): Promise<ClockSnapshot> {
    if (!this.isHolder) await this.reload();
    else this.grants = (await this.storage.get<Grants>('kv', this.grantsKey)) ?? this.grants;
    const events: ClockEvent[] = [];
    const wasBehind = this.behind;
    const wasAhead = this.ahead;
    const wall = this.time.now();
    const mono = this.time.monotonic();
    const prevMono = this.lastMono;
    const now = this.effectiveNow();
    if (this.behind && !wasBehind)
      events.push({ type: 'clock-jump', direction: 'back', byMs: Math.round(now - wall), held: true, trusted: this.trustedNow });
    if (this.ahead && !wasAhead)
      events.push({
        type: 'clock-jump',
        direction: 'forward',
        byMs: Math.round(this.aheadBy),
        held: this.aheadHeld,
        trusted: this.trustedNow,
      });
    this.lastMono = mono;
    const rules = this.rules();
    const local = localParts(now, this.timeZone);
    let state: Persisted = this.state ?? { v: 1, date: local.date, usedMs: 0, continuousMs: 0, restSeq: 0, lastWall: now };
    let changed = !this.state;
    if (state.date !== local.date) {
      state = { ...state, date: local.date, usedMs: 0, continuousMs: 0 };
      changed = true;
    }
    const grants =
      this.grants.date === local.date ? this.grants : { date: local.date, extraMinutes: 0, exemptUntil: this.grants.exemptUntil };
    const quotaMs = Math.max(0, rules.dailyQuotaMinutes + grants.extraMinutes) * 60_000;
    const allowed = rules.allowedWindows.some((w) => inWindow(local.minute, w));

    if (this.isHolder) {
      // Count from the previous tick up to now, but only while visible and active, and not locked.
      // Media playing in a visible page counts up to now, like input would.
      let activeUntil = this.visible ? (this.playing > 0 ? mono : this.lastActivityMono + this.idleTimeoutMs) : Number.NEGATIVE_INFINITY;
      for (const r of this.remote.values()) if (r.visible) activeUntil = Math.max(activeUntil, r.playing ? mono : r.activeUntilMono);
      let counted = Math.max(0, Math.min(mono, activeUntil) - prevMono);
      if (this.lockedReason || allowed) counted = 0;
      counted = Math.min(counted, Math.max(0, quotaMs - state.usedMs));
      if (counted > 0) {
        if (prevMono - this.lastCountedMono >= this.restBreakMs) state.continuousMs = 0;
        const usageBefore = Math.floor(state.usedMs / this.usageEveryMs);
        state = { ...state, usedMs: state.usedMs + counted, continuousMs: state.continuousMs + counted };
        this.lastCountedMono = Math.min(mono, activeUntil);
        changed = true;
        const restMs = rules.restReminderMinutes * 60_000;
        if (restMs > 0 && state.continuousMs >= restMs) {
          state = { ...state, restSeq: state.restSeq + 1, continuousMs: 0 };
        }
        if (Math.floor(state.usedMs / this.usageEveryMs) > usageBefore)
          events.push({ type: 'usage', date: state.date, usedMs: state.usedMs });
      } else if (mono - this.lastCountedMono >= this.restBreakMs && state.continuousMs > 0) {
        state = { ...state, continuousMs: 0 };
        changed = true;
      }
      state.lastWall = Math.max(state.lastWall, now);
    }
    if (this.seenRestSeq < 0) this.seenRestSeq = state.restSeq;
    else if (state.restSeq > this.seenRestSeq) {
      this.seenRestSeq = state.restSeq;
      events.push({ type: 'rest', continuousMinutes: rules.restReminderMinutes });
    }

    // Limits.
    const exempt = allowed || grants.exemptUntil > now;
    let locked: LockReason | null = null;
    let resumesAt: number | null = null;
    if (!exempt && rules.curfew && inWindow(local.minute, rules.curfew)) {
      locked = 'curfew';
      resumesAt = nextLocalTime(now, rules.curfew.end, this.timeZone);
    } else if (!exempt && state.usedMs >= quotaMs) {
      locked = 'quota';
      resumesAt = nextLocalTime(now, DAY_START, this.timeZone);
      if (rules.curfew && inWindow(0, rules.curfew)) resumesAt = nextLocalTime(resumesAt, rules.curfew.end, this.timeZone);
    }
    if (locked !== this.lockedReason) {
      if (locked) {
        events.push({ type: 'locked', reason: locked, resumesAt });
        if (this.isHolder) events.push({ type: 'usage', date: state.date, usedMs: state.usedMs });
      } else if (this.lockedReason) events.push({ type: 'unlocked', previous: this.lockedReason });
      this.lockedReason = locked;
      changed = true;
    }

    this.state = state;
    if (this.isHolder && (changed || mono - this.lastPersistMono >= 5000)) {
      this.lastPersistMono = mono;
      await this.storage.put('kv', state, this.stateKey);
    }
    const snap: ClockSnapshot = {
      date: state.date,
      usedMs: state.usedMs,
      quotaMs,
      remainingMs: Math.max(0, quotaMs - state.usedMs),
      extraMinutes: grants.extraMinutes,
      continuousMs: state.continuousMs,
      locked,
      resumesAt,
      exemptUntil: grants.exemptUntil > now ? grants.exemptUntil : 0,
      holder: this.isHolder,
      now,
      clockBehind: this.behind,
    };
    this.snap = snap;
    for (const e of events) for (const l of this.listeners) safe(() => l(e, snap));
    for (const l of this.changeListeners) safe(() => l(snap));
    return snap;
  }

  /** The last snapshot (null before the first tick). */
  snapshot(): ClockSnapshot | null {
    return this.snap;
  }

  /** Listen for transitions (locked, unlocked, rest, usage, clock-jump). */
  onEvent(listener: (e: ClockEvent, s: ClockSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listen for every snapshot. */
  onChange(listener: (s: ClockSnapshot) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    console.error('[anquan] a minor-mode clock listener threw', err);
  }
}
