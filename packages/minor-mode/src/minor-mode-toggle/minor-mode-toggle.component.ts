import { AnquanElement } from '@anquan/core/element';
import { AGE_BANDS, type AgeBand } from '@anquan/core/profiles';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { isAgeBand, type MinorModeController } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { formatTime, messages as t } from '../messages.js';
import { isValidPin, PinError } from '../pin.js';
import { bandSelect } from '../templates.js';
import styles from './minor-mode-toggle.styles.js';

/**
 * @summary Entry into the minors mode: the guardian chooses the age band and, when no guardian
 * credential exists yet, sets the guardian PIN in the same step, before the mode is on. Leaving asks
 * for the guardian PIN (or the host's verifier), or the guardian's passkey when one is registered
 * (verified by the intake).
 *
 * @event aq-minor-mode-changed - From the `<aq-minor-mode>` element when the mode changes.
 *
 * @csspart button - The toggle button.
 * @csspart form - The entry form (band, PIN set-up) or the guardian PIN form shown when leaving.
 * @csspart message - Feedback (wrong PIN, lockout).
 */
export class AqMinorModeToggle extends AnquanElement {
  static override styles = styles;

  private readonly link = new MinorModeLink(this);

  /** Band to enter with; default: the `<aq-minor-mode>` element's `band`. */
  @property() band: AgeBand | null = null;

  /** The controller to drive; default: the page's `<aq-minor-mode>`. */
  @property({ attribute: false })
  set controller(c: MinorModeController | null) {
    this.link.set(c);
  }
  get controller(): MinorModeController | null {
    return this.link.controller;
  }

  private validBand: AgeBand | null = null;
  @state() private asking = false;
  /** The entry form is open; `needsPin`: no guardian credential exists, so the form sets one up. */
  @state() private entering = false;
  @state() private needsPin = false;
  /** A guardian passkey is registered (verified by the intake): leaving offers it. */
  @state() private hasPasskey = false;
  @state() private message = '';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('band')) {
      const valid = this.band === null || (AGE_BANDS as readonly string[]).includes(this.band);
      if (!valid) this.attributeError('band', this.band, AGE_BANDS.join(', '), "the <aq-minor-mode> element's band");
      this.validBand = valid ? this.band : null;
    }
  }

  private defaultBand(): AgeBand {
    const fallback = document.querySelector('aq-minor-mode')?.getAttribute('band');
    const band = this.validBand ?? fallback;
    return isAgeBand(band) ? band : '12-15';
  }

  private async toggle(): Promise<void> {
    const c = this.link.controller;
    if (!c) return;
    this.message = '';
    if (!c.state.enabled) {
      // Entering asks for the band and, without a guardian credential, sets one up first.
      this.needsPin = !(await c.pin.hasPin());
      this.entering = !this.entering;
    } else {
      this.asking = !this.asking;
      // The PIN form opens at once; the passkey button joins it when one is registered.
      if (this.asking)
        void c.passkey.registered().then((r) => {
          this.hasPasskey = r !== null;
        });
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('select, input')?.focus();
  }

  private async submitEntry(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.link.controller;
    if (!c) return;
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const band = d.get('band');
    if (!isAgeBand(band)) return void (this.message = t(this.locale, 'enterBandHint'));
    if (this.needsPin) {
      const pin = String(d.get('pin') ?? '');
      if (!isValidPin(pin)) return void (this.message = t(this.locale, 'pinInvalid'));
      if (pin !== String(d.get('confirm') ?? '')) return void (this.message = t(this.locale, 'pinMismatch'));
      try {
        await c.pin.set(pin);
      } catch (err) {
        // Another tab set one up meanwhile: enter, and leaving asks for that PIN.
        if (!(err instanceof PinError && err.code === 'pin-exists')) throw err;
      }
    }
    form.reset();
    await c.enter(band);
    this.entering = false;
    this.needsPin = false;
    this.message = '';
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.link.controller;
    if (!c) return;
    const form = e.target as HTMLFormElement;
    const pin = String(new FormData(form).get('pin') ?? '');
    form.reset();
    const outcome = await c.exit(pin);
    if (outcome.ok) {
      this.asking = false;
      this.message = '';
    } else if (outcome.reason === 'no-credential') {
      // A guardian passkey exists: say to use it, not that nothing is set up.
      this.hasPasskey = (await c.passkey.registered()) !== null;
      this.message = t(this.locale, this.hasPasskey ? 'exitUsePasskey' : 'exitNeedsHost');
    } else
      this.message = outcome.lockedUntil
        ? t(this.locale, 'lockedOut', { time: formatTime(this.locale, outcome.lockedUntil) })
        : t(this.locale, 'wrongPin', { remaining: outcome.remaining });
  }

  private async exitWithPasskey(): Promise<void> {
    const c = this.link.controller;
    if (!c) return;
    const outcome = await c.exitWithPasskey();
    if (outcome.ok) {
      this.asking = false;
      this.message = '';
    } else this.message = t(this.locale, 'passkeyFailed');
  }

  override render() {
    const loc = this.locale;
    const c = this.link.controller;
    const on = c?.state.enabled ?? false;
    const band = this.defaultBand();
    return html`<button part="button" type="button" aria-pressed=${on ? 'true' : 'false'} aria-expanded=${on ? String(this.asking) : String(this.entering)} ?disabled=${!c} @click=${this.toggle}>${on ? t(loc, 'exit') : t(loc, 'enter')}</button>
      ${
        !on && this.entering
          ? html`<form part="form" @submit=${this.submitEntry} aria-label=${t(loc, 'enter')}>
            <p>${this.needsPin ? t(loc, 'enterHint') : t(loc, 'enterBandHint')}</p>
            ${bandSelect(loc, band)}
            ${
              this.needsPin
                ? html`<label>${t(loc, 'newPin')}<input name="pin" type="password" inputmode="numeric" autocomplete="new-password" required /></label>
                  <label>${t(loc, 'confirmPin')}<input name="confirm" type="password" inputmode="numeric" autocomplete="new-password" required /></label>`
                : nothing
            }
            <div class="row"><button type="submit" class="primary">${t(loc, 'confirm')}</button></div>
          </form>`
          : nothing
      }
      ${
        on && this.asking
          ? html`<form part="form" @submit=${this.submit} aria-label=${t(loc, 'exitNeedsGuardian')}>
            <label>${t(loc, 'pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="off" required /></label>
            <div class="row"><button type="submit" class="primary">${t(loc, 'confirm')}</button>${
              this.hasPasskey
                ? html`<button type="button" data-passkey @click=${this.exitWithPasskey}>${t(loc, 'usePasskey')}</button>`
                : nothing
            }</div>
          </form>`
          : nothing
      }
      ${this.message ? html`<p part="message" class="error" role="alert">${this.message}</p>` : nothing}`;
  }
}
