import type { SafetyContext } from '@anquan/core/context';
import { AnquanElement } from '@anquan/core/element';
import type { Outbox } from '@anquan/core/outbox';
import { AGE_BANDS, type AgeBand } from '@anquan/core/profiles';
import type { AnquanStorage } from '@anquan/core/storage';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { keyed } from 'lit/directives/keyed.js';
import type { TimeSource } from '../clock.js';
import { type ControllerEvent, type GuardianChannelInfo, MinorModeController, type MinorModeState, setMinorMode } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { bandName, messages as t } from '../messages.js';
import type { VerifyOutcome } from '../pin.js';
import styles from './minor-mode.styles.js';
import '../events.js';

const SIGNALS = ['on', 'off'] as const;
const ADULT_ONLY = ['hide', 'disable'] as const;
/** The `os-signal` values. */
export type MinorModeSignal = (typeof SIGNALS)[number];
/** The `adult-only` values. */
export type AdultOnlyMode = (typeof ADULT_ONLY)[number];
const MARK = 'data-aq-minor-mode-hidden';
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;
/** Media events (captured at the document): `playing` starts counting, the others stop it. */
const MEDIA = ['playing', 'pause', 'ended', 'emptied', 'abort', 'error', 'waiting'] as const;

/**
 * @summary The minors mode: its state and age band (written to the core safety context), the
 * guardian PIN, the usage clock (quota, rest reminder, curfew) and its lock. Elements marked
 * `data-aq-adult-only` are hidden or disabled while it is on.
 *
 * @event aq-minor-mode-changed - The mode or band changed: `{ enabled, band, source }`.
 * @event aq-minor-mode-rest-reminded - Continuous use reached the rest reminder: `{ continuousMinutes }`.
 * @event aq-minor-mode-pin-locked - Too many wrong PINs: `{ lockedUntil, failures }`.
 * @event aq-minor-mode-clock-moved - The device clock jumped against the monotonic clock (`{ direction, byMs, held, trusted }`): a possible tamper for the host's server to judge; local limits are kept, a moved clock never lifts one.
 * @event aq-minor-mode-locked - From the inner `<aq-minor-lock>`: `{ reason, resumesAt }`.
 *
 * @csspart status - The one-line status.
 * @csspart rest - The rest reminder.
 * @csspart lock - The inner `<aq-minor-lock>`.
 * @cssproperty --aq-minor-mode-rest-z-index - Stacking order of the rest reminder.
 */
export class AqMinorMode extends AnquanElement {
  static override styles = styles;

  /** Band used by `enter()` when none is given (`under-3`, `3-7`, `8-11`, `12-15`, `16-17`). */
  @property({ reflect: true }) band: AgeBand = '12-15';

  /** The OS or native-app minors-mode signal: `on` or `off` (switches the mode with source `os`). */
  @property({ attribute: 'os-signal' }) osSignal: MinorModeSignal | null = null;

  /** What happens to `data-aq-adult-only` elements while on: `hide` (default) or `disable`. */
  @property({ attribute: 'adult-only' }) adultOnly: AdultOnlyMode | null = null;

  /**
   * Reflected, read-only: true while the minors mode is on (style with `aq-minor-mode[active]`).
   * @readonly
   */
  @property({ type: Boolean, reflect: true }) active = false;

  /**
   * Reflected, read-only: the band in force while the mode is on, else null.
   * @readonly
   */
  @property({ reflect: true, attribute: 'active-band' }) activeBand: AgeBand | null = null;

  /** One minor per name (default `default`). */
  @property() name = 'default';

  /** IANA time zone for dates and the curfew; empty: the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** Hide the status line. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-status' }) hideStatus = false;

  /** Do not render the inner lock (the host places its own `<aq-minor-lock>`). */
  @property({ type: Boolean, attribute: 'no-lock' }) noLock = false;

  /** Options for the controller (tests, hosts with their own storage); a new object makes a new controller. */
  @property({ attribute: false }) options: {
    storage?: AnquanStorage;
    outbox?: Outbox | null;
    context?: SafetyContext;
    time?: TimeSource;
    tickMs?: number;
    pinIterations?: number;
    serverTime?: () => Promise<number>;
    /** Guardian passkey: intake endpoint and subject (default `config.endpoint`, `config.subject`). */
    passkey?: { endpoint?: string | null; subject?: string | null };
  } = {};

  @state() private restMinutes = 0;
  private validBand: AgeBand = '12-15';
  private lockKey = 0;
  private ownController: MinorModeController | null = null;
  private createdWith: { name: string; options: AqMinorMode['options'] } | null = null;
  private readonly link = new MinorModeLink(this, (e) => this.onControllerEvent(e));
  private observer: MutationObserver | null = null;
  private readonly onVisibility = () => this.ownController?.clock.setVisible(document.visibilityState === 'visible');
  private readonly onActivity = () => this.ownController?.clock.activity();
  /** Media playing in the page (a generated video, audio): counts as use while visible. */
  private readonly playingMedia = new Set<EventTarget>();
  private readonly onMediaEvent = (e: Event) => {
    const target = e.target;
    if (!(target instanceof HTMLMediaElement)) return;
    const was = this.playingMedia.has(target);
    const now = e.type === 'playing';
    if (now === was) return;
    if (now) this.playingMedia.add(target);
    else this.playingMedia.delete(target);
    this.ownController?.clock.setMediaPlaying(now);
  };
  private ready: Promise<void> = Promise.resolve();

  /** The controller (created when the element connects). */
  get controller(): MinorModeController | null {
    return this.ownController;
  }

  /** The mode's state. */
  get state(): MinorModeState | null {
    return this.ownController?.state ?? null;
  }

  /** Read-only: the guardian channels and the level each proves (`guardian` or `device`); `audit()` reports them. */
  get guardianChannels(): GuardianChannelInfo[] {
    return this.controller?.guardianChannels() ?? [];
  }

  get enabled(): boolean {
    return this.ownController?.state.enabled ?? false;
  }

  /** Resolves once the persisted state is restored. */
  get loaded(): Promise<void> {
    return this.ready;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.ownController) this.createController();
    else this.useController();
    document.addEventListener('visibilitychange', this.onVisibility);
    for (const type of ACTIVITY) document.addEventListener(type, this.onActivity, { capture: true, passive: true });
    for (const type of MEDIA) document.addEventListener(type, this.onMediaEvent, { capture: true });
    this.onVisibility();
    this.onActivity();
    this.observer = new MutationObserver(() => this.applyAdultOnly());
    this.observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-aq-adult-only'],
    });
  }

  /** A controller for the current `name`, `options` and `time-zone`. */
  private createController(): void {
    this.createdWith = { name: this.name, options: this.options };
    this.ownController = new MinorModeController({ name: this.name, timeZone: this.timeZone, ...this.options });
    this.useController();
  }

  private useController(): void {
    const controller = this.ownController!;
    this.link.set(controller);
    setMinorMode(controller);
    this.ready = controller.load().then(() => this.syncActive());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const type of ACTIVITY) document.removeEventListener(type, this.onActivity, { capture: true });
    for (const type of MEDIA) document.removeEventListener(type, this.onMediaEvent, { capture: true });
    for (const _ of this.playingMedia) this.ownController?.clock.setMediaPlaying(false);
    this.playingMedia.clear();
    this.observer?.disconnect();
    this.observer = null;
    // The controller keeps its state (and its clock keeps the lock); it stays the page's minors mode.
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Properties set after connect (a framework sets them after inserting the element) take effect:
    // another `name` or `options` is another controller; another time zone moves the day and the curfew.
    if (this.isConnected && this.ownController) {
      if (this.createdWith && (this.name !== this.createdWith.name || this.options !== this.createdWith.options)) {
        const old = this.ownController;
        void old.dispose();
        this.createController();
      } else if (this.ownController.timeZone !== this.timeZone) {
        void this.ownController.setTimeZone(this.timeZone);
      }
    }
    if (changed.has('band')) this.validBand = this.oneOf('band', this.band, AGE_BANDS, '12-15');
    if (changed.has('adultOnly')) this.oneOf('adult-only', this.adultOnly, ADULT_ONLY, 'hide');
    if (changed.has('osSignal') && this.osSignal !== null) {
      const signal = this.oneOf('os-signal', this.osSignal, [...SIGNALS, ''] as const, '');
      if (signal) void this.ready.then(() => this.applyExternalSignal({ enabled: signal === 'on', band: this.validBand, source: 'os' }));
    }
  }

  /** Mirror the controller's state on the reflected `active` / `active-band` properties. */
  private syncActive(): void {
    const state = this.ownController?.state;
    this.active = state?.enabled ?? false;
    this.activeBand = state?.enabled ? (state.band ?? null) : null;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const enabled = this.enabled;
    this.applyAdultOnly();
    // Removing the inner lock from the DOM unlocks nothing: a fresh one is rendered.
    const lock = this.renderRoot.querySelector('aq-minor-lock');
    if (!this.noLock && this.ownController?.clock.snapshot()?.locked && enabled && !lock) {
      this.lockKey++;
      this.requestUpdate();
    }
  }

  private onControllerEvent(e: ControllerEvent): void {
    if (e.type === 'state') {
      this.syncActive();
      this.emit('aq-minor-mode-changed', { enabled: e.state.enabled, band: e.state.band, source: e.state.source });
      if (!e.state.enabled) this.restMinutes = 0;
    } else if (e.type === 'clock-event' && e.event.type === 'rest') {
      this.restMinutes = e.event.continuousMinutes;
      this.emit('aq-minor-mode-rest-reminded', { continuousMinutes: e.event.continuousMinutes });
    } else if (e.type === 'clock-event' && e.event.type === 'clock-jump') {
      const { direction, byMs, held, trusted } = e.event;
      this.emit('aq-minor-mode-clock-moved', { direction, byMs, held, trusted });
    } else if (e.type === 'pin-lockout') {
      this.emit('aq-minor-mode-pin-locked', { lockedUntil: e.lockedUntil, failures: e.failures });
    }
  }

  private applyAdultOnly(): void {
    if (typeof document === 'undefined') return;
    const on = this.enabled;
    const mode = this.oneOf('adult-only', this.adultOnly, ADULT_ONLY, 'hide');
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-aq-adult-only]'))) {
      if (on && !el.hasAttribute(MARK)) {
        el.setAttribute(MARK, mode);
        if (mode === 'hide') el.hidden = true;
        el.inert = true;
        el.setAttribute('aria-disabled', 'true');
        if ('disabled' in el) (el as HTMLButtonElement).disabled = true;
      }
    }
    if (!on) {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(`[${MARK}]`))) {
        if (el.getAttribute(MARK) === 'hide') el.hidden = false;
        el.inert = false;
        el.removeAttribute('aria-disabled');
        if ('disabled' in el) (el as HTMLButtonElement).disabled = false;
        el.removeAttribute(MARK);
      }
    }
  }

  private get c(): MinorModeController {
    if (!this.ownController) throw new Error('[anquan] <aq-minor-mode> must be connected before use');
    return this.ownController;
  }

  /** Turn the mode on (one click): `band` or the `band` attribute. */
  async enter(band?: AgeBand): Promise<MinorModeState> {
    await this.ready;
    return this.c.enter(band ?? this.validBand, 'user');
  }

  /** Turn the mode off: needs the guardian (PIN or the host's verifier). Resolves true when off. */
  async exit(pin?: string): Promise<boolean> {
    await this.ready;
    return (await this.c.exit(pin)).ok;
  }

  /** A signal from the OS or a native-app bridge (the guideline's device/app linkage). */
  async applyExternalSignal(signal: { enabled: boolean; band?: AgeBand | null; source?: 'os' | 'app' | 'host' }): Promise<MinorModeState> {
    await this.ready;
    return this.c.applyExternalSignal(signal);
  }

  /**
   * Set the first guardian PIN (4-12 digits). Refused with `PinError` `setup-locked` while the mode is
   * on, unless `controller.verifyGuardianForSetup()` (the host's verifier) has just confirmed the
   * guardian: set the PIN before `enter()`.
   */
  async setGuardianPin(pin: string): Promise<void> {
    await this.c.pin.set(pin);
  }

  /** Check the guardian PIN (counts towards the lockout). */
  async verifyGuardianPin(pin: string): Promise<boolean> {
    return (await this.c.pin.verify(pin, 'verify')).ok;
  }

  /** Change the PIN with the current one. */
  async changeGuardianPin(current: string, next: string): Promise<boolean> {
    return (await this.c.pin.change(current, next)).ok;
  }

  /** Forgotten PIN: the host's verifier confirms the guardian, then `next` replaces the PIN. */
  async resetGuardianPin(next: string): Promise<boolean> {
    return this.c.pin.reset(next);
  }

  /** The lockout outcome of the last attempts, for UIs. */
  async pinStatus(): Promise<VerifyOutcome> {
    const l = await this.c.pin.lockout();
    return {
      ok: false,
      remaining: Math.max(0, this.c.pin.maxAttempts - l.failures),
      ...(l.lockedUntil > Date.now() ? { lockedUntil: l.lockedUntil } : {}),
    };
  }

  override render() {
    const c = this.ownController;
    const loc = this.locale;
    const on = c?.state.enabled ?? false;
    const snap = c?.clock.snapshot();
    const status = on
      ? t(loc, 'statusOn', { band: bandName(loc, c!.state.band), minutes: Math.floor((snap?.remainingMs ?? 0) / 60_000) })
      : t(loc, 'statusOff');
    return html`<p part="status" role="status">${status}</p>
      ${
        on && this.restMinutes
          ? html`<div part="rest" role="alertdialog" aria-labelledby="rest-title" aria-describedby="rest-body">
            <strong id="rest-title">${t(loc, 'restTitle')}</strong>
            <p id="rest-body">${t(loc, 'restBody', { minutes: this.restMinutes })}</p>
            <button type="button" @click=${() => (this.restMinutes = 0)}>${t(loc, 'ok')}</button>
          </div>`
          : nothing
      }
      ${this.noLock || !c ? nothing : keyed(this.lockKey, html`<aq-minor-lock part="lock" .controller=${c}></aq-minor-lock>`)}`;
  }
}
