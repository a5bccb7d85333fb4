// The minors-mode controller, without DOM: the mode's state and band (mirrored into the core safety
// context), the guardian PIN, the usage clock, the payment policy and the guardian's settings. Every
// state change is recorded: a `minor-mode-event` through the outbox (the host's server enforces from
// these) and, for mode changes and guardian consents, a record in the `minor-mode` ledger.

import { serial } from '@anquan/core/concurrency';
import { getConfig } from '@anquan/core/config-state';
import { type SafetyContext, safetyContext } from '@anquan/core/context';
import { Ledger } from '@anquan/core/ledger';
import { getOutbox, type Outbox } from '@anquan/core/outbox';
import { AGE_BANDS, type AgeBand, type PaymentCap } from '@anquan/core/profiles';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';
import { type ClockEvent, type ClockRules, type ClockSnapshot, type TimeSource, UsageClock } from './clock.js';
import { type GuardianLevel, GuardianPasskey, type GuardianPasskeyOptions, type PasskeyOutcome, passkeysSupported } from './passkey.js';
import { type ApprovalMode, PaymentPolicy } from './payment.js';
import { GuardianPin, type GuardianPurpose, getGuardianVerifier, type VerifyOutcome } from './pin.js';
import { isValidWindow, type TimeWindow } from './time.js';

/** Who switched the mode. `os` and `app` are the guideline's device/app linkage signals. */
export type ModeSource = 'user' | 'guardian' | 'os' | 'app' | 'age-gate' | 'host';
export const MODE_SOURCES: readonly ModeSource[] = ['user', 'guardian', 'os', 'app', 'age-gate', 'host'];

export interface MinorModeState {
  enabled: boolean;
  band: AgeBand | null;
  source: ModeSource;
  /** Epoch ms of the last change. */
  since: number;
}

/** The guardian's settings; each falls back to the configured default. */
export interface GuardianSettings {
  /** Daily quota in minutes for the current band (at most the configured ceiling). */
  dailyQuotaMinutes?: number;
  restReminderMinutes?: number;
  /** Curfew window; null switches the curfew off (a guardian exemption). */
  curfew?: TimeWindow | null;
  /** Windows in which time is not counted and no limit applies. */
  allowedWindows?: TimeWindow[];
  /** Lower spending caps (minor units) and whether purchases are allowed at all. */
  payment?: Partial<PaymentCap>;
  /** Whether every allowed purchase still needs the guardian (default `always`). */
  approval?: ApprovalMode;
}

/** The payload of a `minor-mode-event` record (intake schema MinorModeEvent). */
export interface MinorModeEvent {
  type:
    | 'entered'
    | 'exited'
    | 'band-changed'
    | 'locked'
    | 'unlocked'
    | 'usage'
    | 'settings-changed'
    | 'pin-lockout'
    | 'purchase-blocked'
    | 'purchase-approved';
  at: string;
  band?: AgeBand;
  reason?: string;
  data?: Record<string, unknown>;
}

export type ControllerEvent =
  | { type: 'state'; state: MinorModeState; previous: MinorModeState }
  | { type: 'clock'; snapshot: ClockSnapshot }
  | { type: 'clock-event'; event: ClockEvent; snapshot: ClockSnapshot }
  | { type: 'pin-lockout'; lockedUntil: number; failures: number }
  | { type: 'settings'; settings: GuardianSettings };

export interface MinorModeControllerOptions {
  storage?: AnquanStorage;
  /** null: record nothing to the endpoint (tests of local behaviour only). */
  outbox?: Outbox | null;
  ledger?: Ledger | null;
  context?: SafetyContext;
  time?: TimeSource;
  /** One minor per name (default `default`). */
  name?: string;
  timeZone?: string;
  /** Clock tick in ms (default 1000; 0 = caller ticks). */
  tickMs?: number;
  idleTimeoutMs?: number;
  serverTime?: () => Promise<number>;
  /** PIN iterations override (tests; at least 100,000). */
  pinIterations?: number;
  /** Guardian passkey: the intake endpoint and subject (default `config.endpoint` and `config.subject`). */
  passkey?: Pick<GuardianPasskeyOptions, 'endpoint' | 'subject' | 'fetch'>;
}

/** How a guardian verification was made: the local PIN, the host's verifier, or a passkey the intake verified. */
export type GuardianVerifyChannel = 'pin' | 'host' | 'passkey';

/** A guardian channel and whose verification it proves (`audit()` reports these). */
export interface GuardianChannelInfo {
  channel: GuardianVerifyChannel;
  /** `guardian`: checked off the device (the host, the intake); `device`: whoever holds the device and knows or has it. */
  level: GuardianLevel;
  /** False for a channel this page cannot offer (a passkey without an intake endpoint would be device-level only). */
  offered: boolean;
  /** The intake endpoint that verifies passkeys. */
  endpoint?: string;
}

/** Age in years → band; null for 18 and over. */
export function bandForAge(age: number): AgeBand | null {
  if (!Number.isFinite(age) || age < 0) return null;
  if (age < 3) return 'under-3';
  if (age < 8) return '3-7';
  if (age < 12) return '8-11';
  if (age < 16) return '12-15';
  if (age < 18) return '16-17';
  return null;
}

/** Strictness for the pre-screen: 4 for under 3 down to 0 for 16-17; -1 when the mode is off. */
export function bandStrictness(band: AgeBand | null): number {
  return band ? 4 - AGE_BANDS.indexOf(band) : -1;
}

export function isAgeBand(v: unknown): v is AgeBand {
  return typeof v === 'string' && (AGE_BANDS as readonly string[]).includes(v);
}

/**
 * Queue a `minor-mode-event` record (the band and reason only when set; the reason at most 64
 * characters). Elements without a controller (a blocking `<aq-age-gate>`) use it too.
 */
export async function queueMinorModeEvent(
  outbox: Outbox,
  type: MinorModeEvent['type'],
  at: number,
  extra: { reason?: string; data?: Record<string, unknown>; band?: AgeBand | null } = {},
): Promise<void> {
  const payload: MinorModeEvent = {
    type,
    at: new Date(at).toISOString(),
    ...(extra.band ? { band: extra.band } : {}),
    ...(extra.reason ? { reason: extra.reason.slice(0, 64) } : {}),
    ...(extra.data ? { data: extra.data } : {}),
  };
  try {
    await outbox.enqueue('minor-mode-event', payload);
  } catch (err) {
    console.error('[anquan] minor mode: could not queue the event', err);
  }
}

const SESSION_MS = 10 * 60_000;

export class MinorModeController {
  readonly name: string;
  readonly storage: AnquanStorage;
  readonly pin: GuardianPin;
  /** The guardian passkey (offered only with an intake endpoint; verified there). */
  readonly passkey: GuardianPasskey;
  readonly clock: UsageClock;
  readonly payment: PaymentPolicy;
  readonly ledger: Ledger | null;
  private readonly outbox: Outbox | null;
  private readonly context: SafetyContext;
  private readonly time: TimeSource;
  private setupUntilMono = 0;
  private current: MinorModeState = { enabled: false, band: null, source: 'user', since: 0 };
  private guardianSettings: GuardianSettings = {};
  private sessionUntilMono = 0;
  private readonly listeners = new Set<(e: ControllerEvent) => void>();
  private loading: Promise<void> | null = null;
  private clockRunning = false;
  private unsubscribe: (() => void) | null = null;
  private readonly exclusive = serial();
  private zone: string;

  constructor(options: MinorModeControllerOptions = {}) {
    this.name = options.name ?? 'default';
    this.zone = options.timeZone ?? '';
    this.storage = options.storage ?? getStorage();
    this.outbox = options.outbox === undefined ? getOutbox() : options.outbox;
    this.ledger = options.ledger === undefined ? new Ledger('minor-mode', { storage: this.storage, outbox: this.outbox }) : options.ledger;
    this.context = options.context ?? safetyContext;
    this.time = options.time ?? { now: () => Date.now(), monotonic: () => performance.now() };
    this.pin = new GuardianPin({
      storage: this.storage,
      name: this.name,
      iterations: options.pinIterations,
      now: () => this.time.now(),
      mayCreate: () => this.mayCreateCredential(),
      onLockout: (lockedUntil, failures) => {
        void this.record('pin-lockout', {
          reason: 'too-many-failures',
          data: { failures, lockedUntil: new Date(lockedUntil).toISOString() },
        });
        this.fire({ type: 'pin-lockout', lockedUntil, failures });
      },
    });
    this.passkey = new GuardianPasskey({ ...options.passkey, storage: this.storage, name: this.name });
    this.clock = new UsageClock({
      storage: this.storage,
      name: this.name,
      time: this.time,
      rules: () => this.rules(),
      timeZone: options.timeZone,
      tickMs: options.tickMs,
      idleTimeoutMs: options.idleTimeoutMs,
      serverTime: options.serverTime,
    });
    this.clock.onEvent((event, snapshot) => {
      this.fire({ type: 'clock-event', event, snapshot });
      if (!this.clock.holder) return;
      if (event.type === 'locked')
        void this.record('locked', {
          reason: event.reason,
          data: { resumesAt: event.resumesAt ? new Date(event.resumesAt).toISOString() : null, usedMs: snapshot.usedMs },
        });
      else if (event.type === 'unlocked') void this.record('unlocked', { reason: event.previous });
      else if (event.type === 'usage') void this.record('usage', { data: { date: event.date, usedMs: event.usedMs } });
      else if (event.type === 'clock-jump')
        // The device clock moved against the monotonic clock: the host's server judges (sleep, NTP
        // and travel are normal; the local limits are kept, never lifted by it).
        void this.record('usage', {
          reason: `clock-moved-${event.direction}`,
          data: { byMs: event.byMs, held: event.held, trusted: event.trusted, usedMs: snapshot.usedMs },
        });
    });
    this.clock.onChange((snapshot) => this.fire({ type: 'clock', snapshot }));
    this.payment = new PaymentPolicy({
      storage: this.storage,
      name: this.name,
      caps: (band) => this.caps(band),
      now: () => this.time.now(),
      timeZone: options.timeZone,
    });
  }

  private get stateKey(): string {
    return `minor-mode:state:${this.name}`;
  }

  private get settingsKey(): string {
    return `minor-mode:settings:${this.name}`;
  }

  /** Restore the persisted mode and settings; start the clock when the mode is on. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      const saved = await this.storage.get<MinorModeState>('kv', this.stateKey);
      if (saved && typeof saved.enabled === 'boolean')
        this.current = { ...saved, band: saved.enabled && isAgeBand(saved.band) ? saved.band : null };
      this.guardianSettings = (await this.storage.get<GuardianSettings>('kv', this.settingsKey)) ?? {};
      await this.context.update({ minorMode: { enabled: this.current.enabled, band: this.current.band } });
      this.unsubscribe = this.storage.subscribe(async (change, remote) => {
        if (!remote || change.store !== 'kv') return;
        if (change.key === this.stateKey) {
          const next = await this.storage.get<MinorModeState>('kv', this.stateKey);
          if (next) await this.applyState(next, false);
        } else if (change.key === this.settingsKey) {
          this.guardianSettings = (await this.storage.get<GuardianSettings>('kv', this.settingsKey)) ?? {};
          this.fire({ type: 'settings', settings: this.settings() });
          if (this.clockRunning) void this.clock.tick();
        }
      });
      await this.syncClock();
    })();
    return this.loading;
  }

  /** The IANA time zone of dates, the day's quota and the curfew (empty: the browser's). */
  get timeZone(): string {
    return this.zone;
  }

  /** Change the time zone (an element's `time-zone` set after it connected); a running clock re-evaluates at once. */
  async setTimeZone(timeZone: string): Promise<void> {
    if (timeZone === this.zone) return;
    this.zone = timeZone;
    this.clock.setTimeZone(timeZone);
    this.payment.setTimeZone(timeZone);
    if (this.clockRunning) await this.clock.tick();
  }

  /** Stop the clock and listeners (the element was removed; another tab takes over counting). */
  async dispose(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.loading = null;
    if (this.clockRunning) {
      this.clockRunning = false;
      await this.clock.stop();
    }
  }

  get state(): MinorModeState {
    return this.current;
  }

  /** The guardian's settings as stored (copies). */
  settings(): GuardianSettings {
    return structuredClone(this.guardianSettings);
  }

  /** The rules in force for the current band: configured defaults, tightened by the guardian. */
  rules(): ClockRules {
    const m = getConfig().thresholds.minors;
    const band = this.current.band ?? '12-15';
    const s = this.guardianSettings;
    const ceiling = m.dailyQuotaMinutes[band];
    return {
      dailyQuotaMinutes: s.dailyQuotaMinutes === undefined ? ceiling : Math.min(ceiling, s.dailyQuotaMinutes),
      restReminderMinutes:
        s.restReminderMinutes === undefined ? m.restReminderMinutes : Math.min(m.restReminderMinutes, s.restReminderMinutes),
      curfew: s.curfew === undefined ? m.curfew : s.curfew,
      allowedWindows: s.allowedWindows ?? [],
    };
  }

  /** Spending caps for `band`: configured caps, lowered by the guardian. */
  caps(band: AgeBand): PaymentCap {
    const base = getConfig().thresholds.minors.payment[band];
    const g = this.guardianSettings.payment ?? {};
    return {
      allowed: base.allowed && g.allowed !== false,
      perTransaction: Math.min(base.perTransaction, g.perTransaction ?? base.perTransaction),
      perMonth: Math.min(base.perMonth, g.perMonth ?? base.perMonth),
    };
  }

  get approvalMode(): ApprovalMode {
    return this.guardianSettings.approval ?? 'always';
  }

  /** Subscribe to state, clock, lockout and settings changes. */
  on(listener: (e: ControllerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fire(e: ControllerEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        console.error('[anquan] a minor-mode listener threw', err);
      }
    }
  }

  /** Queue a `minor-mode-event` record for the endpoint. */
  async record(
    type: MinorModeEvent['type'],
    extra: { reason?: string; data?: Record<string, unknown>; band?: AgeBand | null } = {},
  ): Promise<void> {
    if (!this.outbox) return;
    const band = extra.band === undefined ? this.current.band : extra.band;
    await queueMinorModeEvent(this.outbox, type, this.time.now(), { ...extra, band });
  }

  private async applyState(next: MinorModeState, persist: boolean): Promise<void> {
    const previous = this.current;
    this.current = next;
    if (persist) await this.storage.put('kv', next, this.stateKey);
    await this.context.update({ minorMode: { enabled: next.enabled, band: next.band } });
    await this.syncClock();
    if (previous.enabled !== next.enabled || previous.band !== next.band) this.fire({ type: 'state', state: next, previous });
  }

  private async syncClock(): Promise<void> {
    if (this.current.enabled && !this.clockRunning) {
      this.clockRunning = true;
      await this.clock.start();
    } else if (!this.current.enabled && this.clockRunning) {
      this.clockRunning = false;
      await this.clock.stop();
    } else if (this.clockRunning) await this.clock.tick();
  }

  /** Turn the mode on (one click). No verification: entering only adds protection. */
  enter(band?: AgeBand, source: ModeSource = 'user'): Promise<MinorModeState> {
    return this.exclusive(async () => {
      await this.load();
      const b = isAgeBand(band) ? band : (this.current.band ?? '12-15');
      if (this.current.enabled && this.current.band === b) return this.current;
      const wasOn = this.current.enabled;
      await this.applyState({ enabled: true, band: b, source, since: this.time.now() }, true);
      const type = wasOn ? 'band-changed' : 'entered';
      await this.ledger?.append(type, { band: b, source });
      await this.record(type, { reason: source, band: b });
      return this.current;
    });
  }

  /** Leave the mode after guardian verification (PIN or the host's verifier). */
  exit(pin?: string, source: ModeSource = 'guardian'): Promise<VerifyOutcome> {
    return this.exclusive(async () => {
      await this.load();
      if (!this.current.enabled) return { ok: true, remaining: this.pin.maxAttempts };
      // No credential (the mode came on by an OS or host signal before any guardian set-up): only the
      // host's verifier or the trusted signal can end it; nothing typed here can.
      if (!(await this.pin.hasPin())) return { ok: false, remaining: 0, reason: 'no-credential' };
      const outcome = await this.pin.verify(pin, 'exit');
      if (!outcome.ok) return outcome;
      await this.turnOff(source);
      return outcome;
    });
  }

  /**
   * Leave the mode with the guardian's passkey: only an assertion the intake verified counts (its
   * signed verdict goes into the ledger record). A PIN is not needed, nor does one help.
   */
  exitWithPasskey(): Promise<PasskeyOutcome> {
    return this.exclusive(async () => {
      await this.load();
      if (!this.current.enabled) return { ok: true };
      const outcome = await this.passkey.verify('exit');
      if (!outcome.ok) return outcome;
      await this.turnOff('guardian', { channel: 'passkey', verdict: outcome.verdict });
      return outcome;
    });
  }

  private async turnOff(source: ModeSource, via?: { channel: GuardianVerifyChannel; verdict?: string }): Promise<void> {
    const band = this.current.band;
    await this.applyState({ enabled: false, band: null, source, since: this.time.now() }, true);
    await this.ledger?.append('exited', { band, source, ...via });
    await this.record('exited', { reason: source, band, ...(via ? { data: { ...via } } : {}) });
  }

  /**
   * A minors-mode signal from the OS or a native-app bridge (the guideline's device/app linkage). The
   * host passes it only from a trusted bridge: the device verified the guardian, so turning off
   * needs no PIN here.
   */
  applyExternalSignal(signal: { enabled: boolean; band?: AgeBand | null; source?: 'os' | 'app' | 'host' }): Promise<MinorModeState> {
    const source = signal.source ?? 'os';
    if (signal.enabled) return this.enter(signal.band ?? undefined, source);
    return this.exclusive(async () => {
      await this.load();
      if (this.current.enabled) await this.turnOff(source);
      return this.current;
    });
  }

  /** Verify the guardian and open a short settings session (10 min, in memory only). */
  async openGuardianSession(pin?: string, purpose: GuardianPurpose = 'settings'): Promise<VerifyOutcome> {
    const outcome = await this.pin.verify(pin, purpose);
    if (outcome.ok) this.sessionUntilMono = this.time.monotonic() + SESSION_MS;
    return outcome;
  }

  /**
   * While the mode is on and no guardian credential exists, the host's verifier (e.g. an SMS code to
   * the guardian) must confirm the guardian before a PIN can be created: true opens a 10-minute
   * set-up window. Without a host verifier there is no way to create one while the mode is on.
   */
  async verifyGuardianForSetup(channel: 'host' | 'passkey' = 'host'): Promise<boolean> {
    let ok = false;
    if (channel === 'passkey') ok = (await this.passkey.verify('setup')).ok;
    else {
      const verifier = getGuardianVerifier();
      if (!verifier) return false;
      ok = (await verifier({ purpose: 'setup' }).catch(() => false)) === true;
    }
    if (ok) this.setupUntilMono = this.time.monotonic() + SESSION_MS;
    return ok;
  }

  /** Open the guardian's settings session with the passkey (verified by the intake). */
  async openGuardianSessionWithPasskey(purpose: GuardianPurpose = 'settings'): Promise<PasskeyOutcome> {
    const outcome = await this.passkey.verify(purpose);
    if (outcome.ok) this.sessionUntilMono = this.time.monotonic() + SESSION_MS;
    return outcome;
  }

  /**
   * Register the guardian's passkey at the intake. The intake refuses unless the host verified the
   * guardian (`guardianToken` from the host's server, or its `verifyGuardian` hook): a passkey the
   * child registers alone is never a guardian credential. Recorded in the ledger when it succeeds.
   */
  async registerPasskey(guardianToken?: string): Promise<PasskeyOutcome> {
    const outcome = await this.passkey.register(guardianToken);
    if (outcome.ok) {
      await this.ledger?.append('guardian-passkey-registered', { credentialId: outcome.credentialId, level: 'guardian' });
      await this.record('settings-changed', { reason: 'guardian-passkey-registered', data: { channel: 'passkey' } });
    }
    return outcome;
  }

  /**
   * The guardian channels of this page: the guardian passkey (guardian-level, verified by the intake)
   * when an intake endpoint is configured, the host's verifier (guardian-level), and the local PIN
   * (device-level: a secret typed on this device). Without an endpoint a passkey is not offered: one
   * checked only in the browser would prove the device's user, not the guardian.
   */
  guardianChannels(): GuardianChannelInfo[] {
    const out: GuardianChannelInfo[] = [];
    if (this.passkey.configured)
      out.push({ channel: 'passkey', level: 'guardian', offered: true, endpoint: this.passkey.endpoint as string });
    else if (passkeysSupported()) out.push({ channel: 'passkey', level: 'device', offered: false });
    if (getGuardianVerifier()) out.push({ channel: 'host', level: 'guardian', offered: true });
    out.push({ channel: 'pin', level: 'device', offered: true });
    return out;
  }

  /** Whether a first guardian PIN may be created now (mode off, or a host-verified set-up window). */
  async mayCreateCredential(): Promise<boolean> {
    await this.load();
    return !this.current.enabled || this.setupWindowOpen;
  }

  /** A host-verified set-up window is open (see `verifyGuardianForSetup`). */
  get setupWindowOpen(): boolean {
    return this.time.monotonic() < this.setupUntilMono;
  }

  get guardianSessionOpen(): boolean {
    return this.time.monotonic() < this.sessionUntilMono;
  }

  closeGuardianSession(): void {
    this.sessionUntilMono = 0;
  }

  private requireSession(): void {
    if (!this.guardianSessionOpen) throw new Error('[anquan] minor mode: guardian verification required (openGuardianSession)');
  }

  /** Guardian: change the band (needs an open guardian session). */
  async setBand(band: AgeBand): Promise<MinorModeState> {
    this.requireSession();
    if (!isAgeBand(band)) throw new TypeError(`[anquan] minor mode: band "${String(band)}" is not one of ${AGE_BANDS.join(', ')}`);
    return this.enter(band, 'guardian');
  }

  /** Validate settings; returns the errors (empty when valid). */
  validateSettings(patch: GuardianSettings): string[] {
    const errors: string[] = [];
    const m = getConfig().thresholds.minors;
    const band = this.current.band ?? '12-15';
    const int = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
    if (patch.dailyQuotaMinutes !== undefined && !int(patch.dailyQuotaMinutes, 0, m.dailyQuotaMinutes[band]))
      errors.push(`dailyQuotaMinutes: an integer from 0 to ${m.dailyQuotaMinutes[band]} (more time: extra minutes today)`);
    if (patch.restReminderMinutes !== undefined && !int(patch.restReminderMinutes, 5, m.restReminderMinutes))
      errors.push(`restReminderMinutes: an integer from 5 to ${m.restReminderMinutes}`);
    if (patch.curfew !== undefined && patch.curfew !== null && !isValidWindow(patch.curfew))
      errors.push('curfew: {start, end} as "HH:MM", or null');
    if (patch.allowedWindows !== undefined && !(Array.isArray(patch.allowedWindows) && patch.allowedWindows.every(isValidWindow)))
      errors.push('allowedWindows: a list of {start, end} "HH:MM" windows');
    if (patch.payment) {
      const p = patch.payment;
      if (p.perTransaction !== undefined && !int(p.perTransaction, 0, 10_000_00))
        errors.push('payment.perTransaction: minor units, an integer');
      if (p.perMonth !== undefined && !int(p.perMonth, 0, 100_000_00)) errors.push('payment.perMonth: minor units, an integer');
      if (p.allowed !== undefined && typeof p.allowed !== 'boolean') errors.push('payment.allowed: true or false');
    }
    if (patch.approval !== undefined && patch.approval !== 'always' && patch.approval !== 'never') errors.push('approval: always or never');
    return errors;
  }

  /** Guardian: change settings (needs an open guardian session). Recorded in the ledger and sent. */
  async updateSettings(patch: GuardianSettings): Promise<GuardianSettings> {
    this.requireSession();
    const errors = this.validateSettings(patch);
    if (errors.length) throw new TypeError(`[anquan] minor mode settings: ${errors.join('; ')}`);
    const next: GuardianSettings = { ...this.guardianSettings, ...structuredClone(patch) };
    if (patch.payment) next.payment = { ...this.guardianSettings.payment, ...patch.payment };
    this.guardianSettings = next;
    await this.storage.put('kv', next, this.settingsKey);
    await this.ledger?.append('settings-changed', { settings: next as Record<string, unknown> });
    await this.record('settings-changed', { data: { settings: next } });
    this.fire({ type: 'settings', settings: this.settings() });
    if (this.clockRunning) await this.clock.tick();
    return this.settings();
  }

  /** Guardian: extra minutes today (needs an open guardian session). */
  async grantExtraMinutes(minutes: number): Promise<ClockSnapshot> {
    this.requireSession();
    const snap = await this.clock.grantExtraMinutes(minutes);
    await this.record('settings-changed', { reason: 'extra-minutes', data: { minutes, date: snap.date } });
    return snap;
  }

  /** Guardian: lift curfew and quota for the next minutes (needs an open guardian session). */
  async exemptFor(minutes: number): Promise<ClockSnapshot> {
    this.requireSession();
    const snap = await this.clock.exemptFor(minutes);
    await this.record('settings-changed', {
      reason: 'exemption',
      data: { minutes, until: new Date(snap.exemptUntil || snap.now).toISOString() },
    });
    return snap;
  }

  /** Record a guardian's separate consent (PIPL Art. 31) in the ledger, and tell the endpoint. */
  async recordGuardianConsent(data: {
    age: number;
    band: AgeBand | null;
    purpose: string;
    policyUrl?: string;
    channel: GuardianVerifyChannel;
    /** The intake's signed verdict when the channel is `passkey`. */
    verdict?: string;
  }): Promise<void> {
    await this.ledger?.append('guardian-consent', { ...data, separate: true });
    await this.record('settings-changed', {
      reason: 'guardian-consent',
      band: data.band,
      data: { purpose: data.purpose, separate: true, channel: data.channel, ...(data.verdict ? { verdict: data.verdict } : {}) },
    });
  }
}

let active: MinorModeController | null = null;
const activeListeners = new Set<(c: MinorModeController | null) => void>();

/** The controller of the connected `<aq-minor-mode>` (other elements find it here). */
export function getMinorMode(): MinorModeController | null {
  return active;
}

/** Make `controller` the page's minors mode (done by `<aq-minor-mode>`). */
export function setMinorMode(controller: MinorModeController | null): void {
  if (active === controller) return;
  active = controller;
  for (const l of activeListeners) l(controller);
}

export function onMinorModeChange(listener: (c: MinorModeController | null) => void): () => void {
  activeListeners.add(listener);
  return () => activeListeners.delete(listener);
}
