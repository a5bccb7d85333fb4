import { AGE_BANDS, type AgeBand, AnquanElement } from '@anquan/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { MinorModeController } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { formatTime, t } from '../messages.js';
import styles from './minor-mode-toggle.styles.js';

/**
 * @summary One-click entry into the minors mode; leaving asks for the guardian PIN.
 *
 * @csspart button - The toggle button.
 * @csspart form - The guardian PIN form shown when leaving.
 * @csspart message - Feedback (wrong PIN, lockout).
 */
export class AqMinorModeToggle extends AnquanElement {
  static override styles = styles;

  private readonly link = new MinorModeLink(this);

  /** Band to enter with; default: the `<aq-minor-mode>` element's `band`. */
  @property() band: string | null = null;

  /** The controller to drive; default: the page's `<aq-minor-mode>`. */
  @property({ attribute: false })
  set controller(c: MinorModeController | null) {
    this.link.set(c);
  }
  get controller(): MinorModeController | null {
    return this.link.controller;
  }

  @state() private asking = false;
  @state() private message = '';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('band') && this.band !== null && !(AGE_BANDS as readonly string[]).includes(this.band)) {
      this.attributeError('band', this.band, AGE_BANDS.join(', '), "the <aq-minor-mode> element's band");
      this.band = null;
    }
  }

  private async toggle(): Promise<void> {
    const c = this.link.controller;
    if (!c) return;
    if (!c.state.enabled) {
      const fallback = (document.querySelector('aq-minor-mode')?.getAttribute('band') ?? undefined) as AgeBand | undefined;
      await c.enter((this.band as AgeBand | null) ?? fallback);
      return;
    }
    this.asking = !this.asking;
    this.message = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
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
    } else if (!(await c.pin.hasPin())) this.message = t(this.locale, 'noPin');
    else this.message = outcome.lockedUntil ? t(this.locale, 'lockedOut', { time: formatTime(this.locale, outcome.lockedUntil) }) : t(this.locale, 'wrongPin', { remaining: outcome.remaining });
  }

  override render() {
    const loc = this.locale;
    const c = this.link.controller;
    const on = c?.state.enabled ?? false;
    return html`<button part="button" type="button" aria-pressed=${on ? 'true' : 'false'} ?disabled=${!c} @click=${this.toggle}>${on ? t(loc, 'exit') : t(loc, 'enter')}</button>
      ${on && this.asking
        ? html`<form part="form" @submit=${this.submit} aria-label=${t(loc, 'exitNeedsGuardian')}>
            <label>${t(loc, 'pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="off" required /></label>
            <div class="row"><button type="submit" class="primary">${t(loc, 'confirm')}</button></div>
          </form>`
        : nothing}
      ${this.message ? html`<p part="message" class="error" role="alert">${this.message}</p>` : nothing}`;
  }
}
