import { AGE_BANDS, type AgeBand, AnquanElement, type AnquanStorage, type Outbox, type SafetyContext } from '@anquan/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { TimeSource } from '../clock.js';
import { type ControllerEvent, MinorModeController, type MinorModeState, type ModeSource, setMinorMode } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { bandName, t } from '../messages.js';
import type { VerifyOutcome } from '../pin.js';
import styles from './minor-mode.styles.js';

export interface MinorModeChangedDetail {
  enabled: boolean;
  band: AgeBand | null;
  source: ModeSource;
}

declare module '@anquan/core' {
  interface AnquanEventMap {
    'aq-minor-mode-changed': MinorModeChangedDetail;
    'aq-minor-rest-reminder': { continuousMinutes: number };
    'aq-minor-pin-lockout': { lockedUntil: number; failures: number };
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'aq-minor-mode-changed': CustomEvent<MinorModeChangedDetail>;
    'aq-minor-rest-reminder': CustomEvent<{ continuousMinutes: number }>;
    'aq-minor-pin-lockout': CustomEvent<{ lockedUntil: number; failures: number }>;
  }
}

const SIGNALS = ['on', 'off'] as const;
const ADULT_ONLY = ['hide', 'disable'] as const;
const MARK = 'data-aq-minor-mode-hidden';
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

/**
 * @summary The minors mode: its state and age band (written to the core safety context), the
 * guardian PIN, the usage clock (quota, rest reminder, curfew) and its lock. Elements marked
 * `data-aq-adult-only` are hidden or disabled while it is on.
 *
 * @event aq-minor-mode-changed - The mode or band changed: `{ enabled, band, source }`.
 * @event aq-minor-rest-reminder - Continuous use reached the rest reminder: `{ continuousMinutes }`.
 * @event aq-minor-pin-lockout - Too many wrong PINs: `{ lockedUntil, failures }`.
 * @event aq-minor-mode-locked - From the inner `<aq-minor-lock>`: `{ reason, resumesAt }`.
 *
 * @csspart status - The one-line status.
 * @csspart rest - The rest reminder.
 * @csspart lock - The inner `<aq-minor-lock>`.
 * @cssproperty --aq-minor-rest-z-index - Stacking order of the rest reminder.
 */
export class AqMinorMode extends AnquanElement {
  static override styles = styles;

  /** Band used by `enter()` when none is given (`under-3`, `3-7`, `8-11`, `12-15`, `16-17`). */
  @property({ reflect: true }) band: string = '12-15';

  /** The OS or native-app minors-mode signal: `on` or `off` (switches the mode with source `os`). */
  @property({ attribute: 'os-signal' }) osSignal: string | null = null;

  /** What happens to `data-aq-adult-only` elements while on: `hide` (default) or `disable`. */
  @property({ attribute: 'adult-only' }) adultOnly: string | null = null;

  /** One minor per name (default `default`). */
  @property() name = 'default';

  /** IANA time zone for dates and the curfew; empty: the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** Hide the status line. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-status' }) hideStatus = false;

  /** Do not render the inner lock (the host places its own `<aq-minor-lock>`). */
  @property({ type: Boolean, attribute: 'no-lock' }) noLock = false;

  /** Options for the controller, read when the element connects (tests, hosts with their own storage). */
  @property({ attribute: false }) options: { storage?: AnquanStorage; outbox?: Outbox | null; context?: SafetyContext; time?: TimeSource; tickMs?: number; pinIterations?: number; serverTime?: () => Promise<number> } = {};

  @state() private restMinutes = 0;
  private lockKey = 0;
  private ownController: MinorModeController | null = null;
  private readonly link = new MinorModeLink(this, (e) => this.onControllerEvent(e));
  private observer: MutationObserver | null = null;
  private readonly onVisibility = () => this.ownController?.clock.setVisible(document.visibilityState === 'visible');
  private readonly onActivity = () => this.ownController?.clock.activity();
  private ready: Promise<void> = Promise.resolve();

  /** The controller (created when the element connects). */
  get controller(): MinorModeController | null {
    return this.ownController;
  }

  /** The mode's state. */
  get state(): MinorModeState | null {
    return this.ownController?.state ?? null;
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
    if (!this.ownController) {
      this.ownController = new MinorModeController({ name: this.name, timeZone: this.timeZone, ...this.options });
    }
    this.link.set(this.ownController);
    setMinorMode(this.ownController);
    this.ready = this.ownController.load().then(() => this.requestUpdate());
    document.addEventListener('visibilitychange', this.onVisibility);
    for (const type of ACTIVITY) document.addEventListener(type, this.onActivity, { capture: true, passive: true });
    this.onVisibility();
    this.onActivity();
    this.observer = new MutationObserver(() => this.applyAdultOnly());
    this.observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-aq-adult-only'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const type of ACTIVITY) document.removeEventListener(type, this.onActivity, { capture: true });
    this.observer?.disconnect();
    this.observer = null;
    // The controller keeps its state (and its clock keeps the lock); it stays the page's minors mode.
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('band') && !(AGE_BANDS as readonly string[]).includes(this.band)) {
      this.attributeError('band', this.band, AGE_BANDS.join(', '), '12-15');
      this.band = '12-15';
    }
    if (changed.has('adultOnly')) this.oneOf('adult-only', this.adultOnly, ADULT_ONLY, 'hide');
    if (changed.has('osSignal') && this.osSignal !== null) {
      const signal = this.oneOf('os-signal', this.osSignal, [...SIGNALS, ''] as const, '');
      if (signal) void this.ready.then(() => this.applyExternalSignal({ enabled: signal === 'on', band: this.band as AgeBand, source: 'os' }));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const enabled = this.enabled;
    this.setAttribute('state', enabled ? 'on' : 'off');
    if (enabled && this.ownController?.state.band) this.setAttribute('active-band', this.ownController.state.band);
    else this.removeAttribute('active-band');
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
      this.emit('aq-minor-mode-changed', { enabled: e.state.enabled, band: e.state.band, source: e.state.source });
      if (!e.state.enabled) this.restMinutes = 0;
    } else if (e.type === 'clock-event' && e.event.type === 'rest') {
      this.restMinutes = e.event.continuousMinutes;
      this.emit('aq-minor-rest-reminder', { continuousMinutes: e.event.continuousMinutes });
    } else if (e.type === 'pin-lockout') {
      this.emit('aq-minor-pin-lockout', { lockedUntil: e.lockedUntil, failures: e.failures });
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
    return this.c.enter(band ?? (this.band as AgeBand), 'user');
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

  /** Set the first guardian PIN (4-12 digits). */
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
    return { ok: false, remaining: Math.max(0, this.c.pin.maxAttempts - l.failures), ...(l.lockedUntil > Date.now() ? { lockedUntil: l.lockedUntil } : {}) };
  }

  override render() {
    const c = this.ownController;
    const loc = this.locale;
    const on = c?.state.enabled ?? false;
    const snap = c?.clock.snapshot();
    const status = on ? t(loc, 'statusOn', { band: bandName(loc, c!.state.band), minutes: Math.floor((snap?.remainingMs ?? 0) / 60_000) }) : t(loc, 'statusOff');
    return html`<p part="status" role="status">${status}</p>
      ${on && this.restMinutes
        ? html`<div part="rest" role="alertdialog" aria-labelledby="rest-title" aria-describedby="rest-body">
            <strong id="rest-title">${t(loc, 'restTitle')}</strong>
            <p id="rest-body">${t(loc, 'restBody', { minutes: this.restMinutes })}</p>
            <button type="button" @click=${() => (this.restMinutes = 0)}>${t(loc, 'ok')}</button>
          </div>`
        : nothing}
      ${this.noLock || !c ? nothing : keyed(this.lockKey, html`<aq-minor-lock part="lock" .controller=${c}></aq-minor-lock>`)}`;
  }
}

