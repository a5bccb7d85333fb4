import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { TRAINING_DEFAULTS, TRAINING_PURPOSE, type TrainingDefault } from '../consent-derive.js';
import { ConsentFollower } from '../consent-follower.js';
import { safeUrl } from '../shared.js';
import { statusMessages as t } from './status-messages.js';
import { trainingStatusStyles } from './training-status.styles.js';

/**
 * @summary A persistent indicator of whether the user's inputs are collected for training, and how to
 * switch it off (GB/T 45654, TC260-003 §7 c)). Its action reveals and focuses the opt-out switch.
 *
 * Focus policy: inline; the action moves focus to the `<aq-training-optout>` named by `for`.
 *
 * @event aq-request-settings - Cancelable; before the action reveals the switch. Cancel it to navigate yourself.
 * @csspart base - The indicator bar.
 * @csspart indicator - The on/off dot.
 * @csspart state - "Input collection: on/off" (a live status).
 * @csspart how - How to switch it off.
 * @csspart action - The button (or link with `href`) to the switch.
 * @cssproperty --aq-training-status-on-color - Dot colour while collection is on.
 * @cssproperty --aq-training-status-font-size - Font size (0.875rem).
 */
export class AqTrainingStatus extends ConsentFollower {
  static override styles = trainingStatusStyles;

  /** The purpose id (the same as the switch's). */
  @property() purpose: string = TRAINING_PURPOSE;

  /** State before the user decided; must match the switch's `default`. */
  @property({ attribute: 'default-state' }) defaultState: TrainingDefault = 'off';

  /** The id of the `<aq-training-optout>` to reveal and focus (in the same document or shadow root). */
  @property({ attribute: 'for' }) htmlFor?: string;

  /** A link to the settings page holding the switch, when it is on another page. */
  @property() href?: string;

  private validDefault: TrainingDefault = 'off';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('defaultState')) this.validDefault = this.oneOf('default-state', this.defaultState, TRAINING_DEFAULTS, 'off');
  }

  /** True when inputs are currently collected for training. */
  get collecting(): boolean {
    const s = this.snapshot?.purposes[this.purpose];
    return s ? s.granted : this.validDefault === 'on';
  }

  /** Reveal and focus the switch: emits the cancelable request, then opens enclosing `<details>` and focuses the target. */
  async reveal(): Promise<HTMLElement | null> {
    if (!this.request('aq-request-settings', { purpose: this.purpose, control: this.htmlFor ?? null }) || !this.htmlFor) return null;
    await new Promise((r) => requestAnimationFrame(r));
    const root = this.getRootNode() as Document | ShadowRoot;
    const target = root.getElementById?.(this.htmlFor) as HTMLElement | null;
    if (!target) {
      this.attributeError('for', this.htmlFor, 'the id of an <aq-training-optout> in the same document', 'no focus move');
      return null;
    }
    for (let p: Element | null = target.parentElement; p; p = p.parentElement) if (p instanceof HTMLDetailsElement) p.open = true;
    await (target as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    target.scrollIntoView?.({ block: 'nearest' });
    target.focus();
    return target;
  }

  override render() {
    const l = this.locale;
    const on = this.collecting;
    const label = on ? t(l, 'statusTurnOff') : t(l, 'statusChange');
    return html`
      <div part="base" class=${on ? 'on' : 'off'}>
        <span part="indicator" aria-hidden="true"></span>
        <span part="state" role="status">${on ? t(l, 'statusOn') : t(l, 'statusOff')}</span>
        <span part="how">${on ? t(l, 'statusHowOff') : t(l, 'statusHowOn')}</span>
        ${
          this.href && safeUrl(this.href)
            ? html`<a part="action" href=${this.href}>${label}</a>`
            : this.htmlFor
              ? html`<button part="action" type="button" @click=${() => void this.reveal()}>${label}</button>`
              : nothing
        }
      </div>
    `;
  }
}
