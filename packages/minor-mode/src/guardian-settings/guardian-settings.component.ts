import { AnquanElement } from '@anquan/core/element';
import type { AgeBand } from '@anquan/core/profiles';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import type { GuardianSettings, MinorModeController } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { formatTime, messages as t, yuan } from '../messages.js';
import { isValidPin, PinError } from '../pin.js';
import { bandSelect } from '../templates.js';
import { formatWindows, parseWindows } from '../time.js';
import styles from './guardian-settings.styles.js';
import '../events.js';

/**
 * @summary The guardian's panel behind the PIN: set or change the PIN, the band, the daily quota,
 * the rest reminder, the curfew, allowed windows, extra minutes today and spending caps.
 *
 * @event aq-minor-mode-settings-changed - Settings were saved: `{ settings, band }`.
 *
 * @csspart form - Each form.
 * @csspart message - Feedback.
 */
export class AqGuardianSettings extends AnquanElement {
  static override styles = styles;

  private readonly link = new MinorModeLink(this);

  /** The controller; default: the page's `<aq-minor-mode>`. */
  @property({ attribute: false })
  set controller(c: MinorModeController | null) {
    this.link.set(c);
  }
  get controller(): MinorModeController | null {
    return this.link.controller;
  }

  /**
   * The host's proof for registering the guardian's passkey: resolves the one-time guardian token
   * the host's server issued after it verified the guardian (e.g. by an SMS code), or null.
   */
  @property({ attribute: false }) guardianToken: (() => Promise<string | null | undefined>) | null = null;

  @state() private hasPin: boolean | null = null;
  @state() private hasPasskey = false;
  @state() private message = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  protected override updated(): void {
    if (this.hasPin === null && this.link.controller) void this.refresh();
  }

  private async refresh(): Promise<void> {
    const c = this.link.controller;
    this.hasPin = c ? await c.pin.hasPin() : null;
    this.hasPasskey = c ? (await c.passkey.registered()) !== null : false;
  }

  private async registerPasskey(): Promise<void> {
    const c = this.link.controller!;
    let token: string | null | undefined;
    try {
      token = await this.guardianToken?.();
    } catch {
      token = null;
    }
    const outcome = await c.registerPasskey(token ?? undefined);
    this.message = outcome.ok
      ? t(this.locale, 'passkeyRegistered')
      : outcome.reason === 'guardian-not-verified'
        ? t(this.locale, 'passkeyNeedsHost')
        : t(this.locale, 'passkeyFailed');
    await this.refresh();
  }

  /** The mode is on and no PIN exists: the guardian's passkey opens the host-verified set-up window. */
  private async setupWithPasskey(): Promise<void> {
    const ok = await this.link.controller!.verifyGuardianForSetup('passkey');
    this.message = ok ? '' : t(this.locale, 'passkeyFailed');
    this.requestUpdate();
  }

  private async openWithPasskey(): Promise<void> {
    const outcome = await this.link.controller!.openGuardianSessionWithPasskey();
    this.message = outcome.ok ? '' : t(this.locale, 'passkeyFailed');
    this.requestUpdate();
  }

  private passkeyButtons(verify: (() => Promise<void>) | null) {
    const c = this.link.controller;
    if (!c?.passkey.configured) return nothing;
    const loc = this.locale;
    return html`<div class="row">
      ${this.hasPasskey && verify ? html`<button type="button" data-passkey="verify" @click=${verify}>${t(loc, 'usePasskey')}</button>` : nothing}
      <button type="button" data-passkey="register" @click=${this.registerPasskey}>${t(loc, 'registerPasskey')}</button>
    </div>`;
  }

  private fail(outcome: { lockedUntil?: number; remaining: number }): void {
    this.message = outcome.lockedUntil
      ? t(this.locale, 'lockedOut', { time: formatTime(this.locale, outcome.lockedUntil) })
      : t(this.locale, 'wrongPin', { remaining: outcome.remaining });
  }

  private async setPin(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.link.controller!;
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const pin = String(d.get('pin'));
    form.reset();
    if (!isValidPin(pin)) return void (this.message = t(this.locale, 'pinInvalid'));
    if (pin !== String(d.get('confirm'))) return void (this.message = t(this.locale, 'pinMismatch'));
    try {
      await c.pin.set(pin);
    } catch (err) {
      // The mode came on meanwhile: the locked view (derived from the mode's state) says why.
      if (err instanceof PinError && err.code === 'setup-locked') return this.refresh();
      throw err;
    }
    await c.openGuardianSession(pin);
    this.message = '';
    await this.refresh();
  }

  private async open(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const pin = String(new FormData(form).get('pin'));
    form.reset();
    const outcome = await this.link.controller!.openGuardianSession(pin);
    if (!outcome.ok) return this.fail(outcome);
    this.message = '';
    this.requestUpdate();
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.link.controller!;
    const d = new FormData(e.target as HTMLFormElement);
    const num = (k: string) => Number(d.get(k));
    const patch: GuardianSettings = {
      dailyQuotaMinutes: num('quota'),
      restReminderMinutes: num('rest'),
      curfew: d.get('curfewOn') ? { start: String(d.get('curfewStart')), end: String(d.get('curfewEnd')) } : null,
      allowedWindows: parseWindows(String(d.get('windows') ?? '')),
      payment: {
        allowed: d.get('payAllowed') !== null,
        perTransaction: Math.round(num('perTransaction') * 100),
        perMonth: Math.round(num('perMonth') * 100),
      },
      approval: d.get('approval') ? 'always' : 'never',
    };
    const errors = c.validateSettings(patch);
    if (errors.length) return void (this.message = t(this.locale, 'invalidSettings', { errors: errors.join('; ') }));
    try {
      const band = String(d.get('band')) as AgeBand;
      if (c.state.enabled && band !== c.state.band) await c.setBand(band);
      const settings = await c.updateSettings(patch);
      const extra = num('extra');
      if (extra > 0) await c.grantExtraMinutes(extra);
      this.message = t(this.locale, 'saved');
      this.emit('aq-minor-mode-settings-changed', { settings, band: c.state.band });
    } catch (err) {
      this.message = String((err as Error).message);
    }
  }

  private async changePin(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const next = String(d.get('next'));
    const current = String(d.get('current'));
    form.reset();
    if (!isValidPin(next)) return void (this.message = t(this.locale, 'pinInvalid'));
    const outcome = await this.link.controller!.pin.change(current, next);
    if (!outcome.ok) return this.fail(outcome);
    this.message = t(this.locale, 'saved');
  }

  private close(): void {
    this.link.controller?.closeGuardianSession();
    this.message = '';
    this.requestUpdate();
  }

  override render() {
    const loc = this.locale;
    const c = this.link.controller;
    const message = this.message ? html`<p part="message" role="status">${this.message}</p>` : nothing;
    if (!c) return html`<p part="message">${t(loc, 'noController')}</p>`;
    if (this.hasPin === false && c.state.enabled && !c.setupWindowOpen)
      // The mode is on and no guardian credential exists: whoever holds the device now may be the
      // child, so no PIN can be created here without the host's verification of the guardian.
      return html`<h2>${t(loc, 'setPin')}</h2>
        <p part="message" role="status">${t(loc, 'setupLocked')}</p>
        ${this.passkeyButtons(() => this.setupWithPasskey())}
        ${message}`;
    if (this.hasPin === false)
      return html`<h2>${t(loc, 'setPin')}</h2>
        <form part="form" @submit=${this.setPin}>
          <label>${t(loc, 'newPin')}<input name="pin" type="password" inputmode="numeric" autocomplete="new-password" required /></label>
          <label>${t(loc, 'confirmPin')}<input name="confirm" type="password" inputmode="numeric" autocomplete="new-password" required /></label>
          <div class="row"><button type="submit" class="primary">${t(loc, 'confirm')}</button></div>
        </form>
        ${message}`;
    if (!c.guardianSessionOpen)
      return html`<h2>${t(loc, 'settingsTitle')}</h2>
        <form part="form" @submit=${this.open}>
          <label>${t(loc, 'pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="off" required /></label>
          <div class="row"><button type="submit" class="primary">${t(loc, 'open')}</button></div>
        </form>
        ${this.hasPasskey ? this.passkeyButtons(() => this.openWithPasskey()) : nothing}
        ${message}`;
    const r = c.rules();
    const band = c.state.band ?? '12-15';
    const caps = c.caps(band);
    const curfew = r.curfew ?? { start: '22:00', end: '06:00' };
    return html`<h2>${t(loc, 'settingsTitle')}</h2>
      <form part="form" @submit=${this.save}>
        ${bandSelect(loc, band)}
        <label>${t(loc, 'quota')}<input name="quota" type="number" min="0" step="1" .value=${String(r.dailyQuotaMinutes)} /></label>
        <label>${t(loc, 'rest')}<input name="rest" type="number" min="5" step="1" .value=${String(r.restReminderMinutes)} /></label>
        <fieldset>
          <legend>${t(loc, 'curfewOn')}</legend>
          <label class="inline"><input name="curfewOn" type="checkbox" ?checked=${r.curfew !== null} />${t(loc, 'curfewOn')}</label>
          <div class="row">
            <label>${t(loc, 'curfewStart')}<input name="curfewStart" type="time" .value=${curfew.start} /></label>
            <label>${t(loc, 'curfewEnd')}<input name="curfewEnd" type="time" .value=${curfew.end} /></label>
          </div>
        </fieldset>
        <label>${t(loc, 'allowedWindows')}<input name="windows" type="text" .value=${formatWindows(r.allowedWindows)} /></label>
        <label>${t(loc, 'extraToday')}<input name="extra" type="number" min="0" step="5" value="0" /></label>
        <fieldset>
          <legend>${t(loc, 'payAllowed')}</legend>
          <label class="inline"><input name="payAllowed" type="checkbox" ?checked=${caps.allowed} />${t(loc, 'payAllowed')}</label>
          <label>${t(loc, 'perTransaction')}<input name="perTransaction" type="number" min="0" step="0.01" .value=${yuan(caps.perTransaction)} /></label>
          <label>${t(loc, 'perMonth')}<input name="perMonth" type="number" min="0" step="0.01" .value=${yuan(caps.perMonth)} /></label>
          <label class="inline"><input name="approval" type="checkbox" ?checked=${c.approvalMode === 'always'} />${t(loc, 'approval')}</label>
        </fieldset>
        <div class="row"><button type="submit" class="primary">${t(loc, 'save')}</button></div>
      </form>
      <form part="form" @submit=${this.changePin}>
        <fieldset>
          <legend>${t(loc, 'changePin')}</legend>
          <label>${t(loc, 'currentPin')}<input name="current" type="password" inputmode="numeric" autocomplete="current-password" required /></label>
          <label>${t(loc, 'newPin')}<input name="next" type="password" inputmode="numeric" autocomplete="new-password" required /></label>
          <div class="row"><button type="submit">${t(loc, 'changePin')}</button></div>
        </fieldset>
      </form>
      ${this.passkeyButtons(null)}
      <div class="row"><button type="button" @click=${this.close}>${t(loc, 'close')}</button></div>
      ${message}`;
  }
}
