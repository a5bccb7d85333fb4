import { AnquanElement } from '@anquan/core/element';
import { ModalController } from '@anquan/core/modal';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { query } from 'lit/decorators/query.js';
import { state } from 'lit/decorators/state.js';
import type { LockReason } from '../clock.js';
import type { MinorModeController } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { formatTime, messages as t } from '../messages.js';
import styles from './minor-lock.styles.js';
import '../events.js';

const GRANT_MINUTES = [15, 30, 60];

/**
 * @summary Covers the app while a minors-mode limit holds (daily quota, curfew): the reason, when use
 * resumes, and a guardian unlock. A native modal `<dialog>` (role `alertdialog`): the page behind it is
 * inert, focus stays inside, the text is announced, Escape does nothing, and if the browser closes the
 * dialog anyway (Chromium does on a second Escape) it opens again at once. The lock lives in the usage
 * clock, not in this element: removing it unlocks nothing, and a new one shows the lock again.
 *
 * @event aq-minor-mode-locked - The lock is shown: `{ reason, resumesAt }`. Disable input in the host.
 * @event aq-minor-mode-unlocked - The lock ended: `{ previous }`.
 *
 * @csspart dialog - The alert dialog (its `::backdrop` is the full-page cover).
 * @csspart title - The heading.
 * @csspart reason - Why use is paused.
 * @csspart resumes - When use resumes.
 * @csspart guardian - The guardian unlock form.
 * @cssproperty --aq-minor-lock-backdrop - Cover colour (the dialog's backdrop).
 */
export class AqMinorLock extends AnquanElement {
  static override styles = styles;

  private readonly link = new MinorModeLink(this);

  /** The controller to follow; default: the page's `<aq-minor-mode>`. */
  @property({ attribute: false })
  set controller(c: MinorModeController | null) {
    this.link.set(c);
  }
  get controller(): MinorModeController | null {
    return this.link.controller;
  }

  /**
   * Reflects whether the lock is shown (read-only).
   * @readonly
   */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private guardianOpen = false;
  @state() private message = '';
  @query('dialog') private dialog?: HTMLDialogElement;

  private shownReason: LockReason | null = null;
  /** The modal: locked while a limit holds, so nothing the user does closes it. */
  protected readonly modal = new ModalController(this, { dialog: () => this.dialog, locked: () => this.open });

  /** The lock in force: from the clock, while the mode is on. */
  get lock(): { reason: LockReason; resumesAt: number | null } | null {
    const c = this.link.controller;
    const s = c?.clock.snapshot();
    if (!c?.state.enabled || !s?.locked) return null;
    return { reason: s.locked, resumesAt: s.resumesAt };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const lock = this.lock;
    this.open = lock !== null;
    if (lock && this.shownReason !== lock.reason) {
      this.shownReason = lock.reason;
      this.emit('aq-minor-mode-locked', { reason: lock.reason, resumesAt: lock.resumesAt });
    } else if (!lock && this.shownReason) {
      const previous = this.shownReason;
      this.shownReason = null;
      this.guardianOpen = false;
      this.message = '';
      this.emit('aq-minor-mode-unlocked', { previous });
    }
  }

  private async unlock(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.link.controller;
    const lock = this.lock;
    if (!c || !lock) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const pin = String(data.get('pin') ?? '');
    const minutes = Number(data.get('minutes') ?? 30);
    const outcome = await c.openGuardianSession(pin, 'unlock');
    form.reset();
    if (!outcome.ok) {
      this.message = outcome.lockedUntil
        ? t(this.locale, 'lockedOut', { time: formatTime(this.locale, outcome.lockedUntil) })
        : t(this.locale, 'wrongPin', { remaining: outcome.remaining });
      return;
    }
    this.message = '';
    if (lock.reason === 'quota') await c.grantExtraMinutes(minutes);
    else await c.exemptFor(minutes);
    c.closeGuardianSession();
  }

  override render() {
    return html`<dialog part="dialog" role="alertdialog" aria-labelledby="title" aria-describedby="desc">${this.renderLock()}</dialog>`;
  }

  private renderLock() {
    const lock = this.lock;
    if (!lock) return nothing;
    const loc = this.locale;
    const rules = this.link.controller!.rules();
    const reason =
      lock.reason === 'curfew'
        ? t(loc, 'lock.curfew', { start: rules.curfew?.start ?? '', end: rules.curfew?.end ?? '' })
        : t(loc, 'lock.quota');
    const resumes = lock.resumesAt ? t(loc, 'resumes', { time: formatTime(loc, lock.resumesAt) }) : '';
    return html`
        <h2 id="title" part="title">${t(loc, 'lockTitle')}</h2>
        <div id="desc" role="status" aria-live="assertive">
          <p part="reason">${reason}</p>
          <p part="resumes">${resumes}</p>
        </div>
        ${
          this.guardianOpen
            ? html`<form part="guardian" @submit=${this.unlock}>
              <label>${t(loc, 'pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="off" required /></label>
              <label
                >${t(loc, 'grantMinutes')}
                <select name="minutes">
                  ${GRANT_MINUTES.map((m) => html`<option value=${m} ?selected=${m === 30}>${t(loc, 'minutesOption', { minutes: m })}</option>`)}
                </select>
              </label>
              ${this.message ? html`<p class="error" role="alert">${this.message}</p>` : nothing}
              <div class="row">
                <button type="submit" class="primary">${t(loc, 'unlock')}</button>
                <button type="button" @click=${() => (this.guardianOpen = false)}>${t(loc, 'cancel')}</button>
              </div>
            </form>`
            : html`<div class="row"><button type="button" @click=${this.openGuardian}>${t(loc, 'guardianUnlock')}</button></div>`
        }`;
  }

  private async openGuardian(): Promise<void> {
    this.guardianOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[name="pin"]')?.focus();
  }
}
