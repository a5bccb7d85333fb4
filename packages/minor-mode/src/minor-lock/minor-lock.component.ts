import { AnquanElement } from '@anquan/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { LockReason } from '../clock.js';
import type { MinorModeController } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { formatTime, t } from '../messages.js';
import styles from './minor-lock.styles.js';

export interface MinorLockDetail {
  reason: LockReason;
  /** When use resumes (epoch ms), or null. */
  resumesAt: number | null;
}

declare module '@anquan/core' {
  interface AnquanEventMap {
    'aq-minor-mode-locked': MinorLockDetail;
    'aq-minor-mode-unlocked': { previous: LockReason };
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'aq-minor-mode-locked': CustomEvent<MinorLockDetail>;
    'aq-minor-mode-unlocked': CustomEvent<{ previous: LockReason }>;
  }
}

const GRANT_MINUTES = [15, 30, 60];

/**
 * @summary Covers the app while a minors-mode limit holds (daily quota, curfew): the reason, when use
 * resumes, and a guardian unlock. Focus stays inside; the text is announced. The lock lives in the
 * usage clock, not in this element: removing it unlocks nothing, and a new one shows the lock again.
 *
 * @event aq-minor-mode-locked - The lock is shown: `{ reason, resumesAt }`. Disable input in the host.
 * @event aq-minor-mode-unlocked - The lock ended: `{ previous }`.
 *
 * @csspart backdrop - The full-page cover.
 * @csspart dialog - The alert dialog.
 * @csspart title - The heading.
 * @csspart reason - Why use is paused.
 * @csspart resumes - When use resumes.
 * @csspart guardian - The guardian unlock form.
 * @cssproperty --aq-minor-lock-backdrop - Cover colour.
 * @cssproperty --aq-minor-lock-z-index - Stacking order of the cover.
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

  /** Reflects whether the lock is shown (read-only). */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private guardianOpen = false;
  @state() private message = '';
  @query('[part="dialog"]') private dialog?: HTMLElement;

  private shownReason: LockReason | null = null;
  private readonly onFocusIn = (e: FocusEvent) => {
    if (!this.open) return;
    const path = e.composedPath();
    if (!path.includes(this)) this.focusFirst();
  };

  /** The lock in force: from the clock, while the mode is on. */
  get lock(): { reason: LockReason; resumesAt: number | null } | null {
    const c = this.link.controller;
    const s = c?.clock.snapshot();
    if (!c?.state.enabled || !s?.locked) return null;
    return { reason: s.locked, resumesAt: s.resumesAt };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('focusin', this.onFocusIn, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('focusin', this.onFocusIn, true);
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

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('open') && this.open) this.focusFirst();
  }

  private focusables(): HTMLElement[] {
    return Array.from(this.renderRoot.querySelectorAll<HTMLElement>('button, input, select, a[href]')).filter((el) => !el.hasAttribute('disabled'));
  }

  private focusFirst(): void {
    const first = this.focusables()[0] ?? this.dialog;
    first?.focus();
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const list = this.focusables();
    if (list.length === 0) {
      e.preventDefault();
      return;
    }
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const i = list.indexOf(active as HTMLElement);
    e.preventDefault();
    const next = e.shiftKey ? (i <= 0 ? list.length - 1 : i - 1) : i < 0 || i >= list.length - 1 ? 0 : i + 1;
    list[next].focus();
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
      this.message = outcome.lockedUntil ? t(this.locale, 'lockedOut', { time: formatTime(this.locale, outcome.lockedUntil) }) : t(this.locale, 'wrongPin', { remaining: outcome.remaining });
      return;
    }
    this.message = '';
    if (lock.reason === 'quota') await c.grantExtraMinutes(minutes);
    else await c.exemptFor(minutes);
    c.closeGuardianSession();
  }

  override render() {
    const lock = this.lock;
    if (!lock) return nothing;
    const loc = this.locale;
    const rules = this.link.controller!.rules();
    const reason = lock.reason === 'curfew' ? t(loc, 'lock.curfew', { start: rules.curfew?.start ?? '', end: rules.curfew?.end ?? '' }) : t(loc, 'lock.quota');
    const resumes = lock.resumesAt ? t(loc, 'resumes', { time: formatTime(loc, lock.resumesAt) }) : '';
    return html`<div part="backdrop" class="backdrop">
      <div part="dialog" class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="title" aria-describedby="desc" tabindex="-1" @keydown=${this.onKeydown}>
        <h2 id="title" part="title">${t(loc, 'lockTitle')}</h2>
        <div id="desc" role="status" aria-live="assertive">
          <p part="reason">${reason}</p>
          <p part="resumes">${resumes}</p>
        </div>
        ${this.guardianOpen
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
          : html`<div class="row"><button type="button" @click=${this.openGuardian}>${t(loc, 'guardianUnlock')}</button></div>`}
      </div>
    </div>`;
  }

  private async openGuardian(): Promise<void> {
    this.guardianOpen = true;
    await this.updateComplete;
    this.focusFirst();
  }
}
