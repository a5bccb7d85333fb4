import { AnquanElement } from '@anquan/core/element';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import type { MinorModeController } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { formatTime, messages as t, yuan } from '../messages.js';
import type { PaymentDecision } from '../payment.js';
import styles from './paid-gate.styles.js';
import '../events.js';

/**
 * @summary Wraps purchase buttons. While the minors mode is on, a click is held: blocked for
 * configured bands and over the per-purchase or monthly cap, otherwise passed on after guardian
 * approval (or at once when the guardian turned approval off). Advisory: the host's server checks
 * the same caps from the minor-mode-event records.
 *
 * @slot - The purchase button(s).
 * @event aq-minor-mode-purchase-blocked - `{ amount, band, reason }`.
 * @event aq-minor-mode-purchase-approved - `{ amount, band }`; the original click is then replayed.
 * @csspart message - Why it was blocked, or the approval request.
 * @csspart form - The guardian approval form.
 */
export class AqPaidGate extends AnquanElement {
  static override styles = styles;

  private readonly link = new MinorModeLink(this);

  /** Price in minor units (fen / cents), a non-negative integer. An invalid amount blocks in minors mode. */
  @property() amount: string | null = null;

  @property({ attribute: false })
  set controller(c: MinorModeController | null) {
    this.link.set(c);
  }
  get controller(): MinorModeController | null {
    return this.link.controller;
  }

  @state() private message = '';
  @state() private pending: { target: HTMLElement; amount: number } | null = null;
  private replaying = false;

  constructor() {
    super();
    this.addEventListener('click', (e) => this.intercept(e), { capture: true });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('amount') && this.amount !== null && this.parsedAmount === null) {
      this.attributeError('amount', this.amount, 'a non-negative integer in minor units (fen)', 'blocking every purchase in minors mode');
    }
  }

  private get parsedAmount(): number | null {
    const n = Number(this.amount);
    return this.amount !== null && /^\d+$/.test(this.amount.trim()) && Number.isSafeInteger(n) ? n : null;
  }

  private intercept(e: MouseEvent): void {
    if (this.replaying) return;
    const c = this.link.controller;
    if (!c?.state.enabled) return;
    // Clicks inside the gate's own UI (the approval form) are retargeted to the host: they pass.
    if (e.target === this) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    void this.decide(e.target as HTMLElement);
  }

  private async decide(target: HTMLElement): Promise<void> {
    const c = this.link.controller!;
    const band = c.state.band;
    const amount = this.parsedAmount;
    const decision: PaymentDecision =
      amount === null || !band
        ? { decision: 'block', reason: 'invalid-amount', remainingMonth: 0, cap: 0 }
        : await c.payment.check(band, amount, c.approvalMode);
    const loc = this.locale;
    if (decision.decision === 'block') {
      this.pending = null;
      this.message = `${t(loc, 'purchaseBlocked')} ${t(loc, `purchase.${decision.reason}`, { cap: yuan(decision.cap), remaining: yuan(decision.remainingMonth) })}`;
      this.emit('aq-minor-mode-purchase-blocked', { amount: amount ?? -1, band, reason: decision.reason });
      await c.record('purchase-blocked', { reason: decision.reason, data: { amount: amount ?? null } });
      return;
    }
    if (decision.decision === 'approval') {
      this.pending = { target, amount: amount! };
      this.message = t(loc, 'approvalNeeded', { amount: yuan(amount!) });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    await this.pass(target, amount!, false);
  }

  private async pass(target: HTMLElement, amount: number, approved: boolean): Promise<void> {
    const c = this.link.controller!;
    await c.payment.record(amount);
    this.replaying = true;
    try {
      target.click();
    } finally {
      this.replaying = false;
    }
    if (approved) {
      this.emit('aq-minor-mode-purchase-approved', { amount, band: c.state.band });
      await c.record('purchase-approved', { data: { amount } });
    }
  }

  private async approve(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.link.controller;
    const pending = this.pending;
    if (!c || !pending) return;
    const form = e.target as HTMLFormElement;
    const pin = String(new FormData(form).get('pin') ?? '');
    form.reset();
    const outcome = await c.pin.verify(pin, 'purchase');
    if (!outcome.ok) {
      this.message = outcome.lockedUntil
        ? t(this.locale, 'lockedOut', { time: formatTime(this.locale, outcome.lockedUntil) })
        : t(this.locale, 'wrongPin', { remaining: outcome.remaining });
      return;
    }
    this.pending = null;
    this.message = t(this.locale, 'approved');
    await this.pass(pending.target, pending.amount, true);
  }

  override render() {
    const loc = this.locale;
    return html`<slot></slot>
      ${this.message ? html`<p part="message" role="alert">${this.message}</p>` : nothing}
      ${
        this.pending
          ? html`<form part="form" @submit=${this.approve}>
            <label>${t(loc, 'pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="off" required /></label>
            <div class="row">
              <button type="submit" class="primary">${t(loc, 'confirm')}</button>
              <button type="button" @click=${() => ((this.pending = null), (this.message = ''))}>${t(loc, 'cancel')}</button>
            </div>
          </form>`
          : nothing
      }`;
  }
}
