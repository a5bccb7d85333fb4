import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { TRAINING_DEFAULTS, TRAINING_PURPOSE, type TrainingDefault } from '../consent-derive.js';
import { ConsentElement } from '../consent-element.js';
import { messages as t } from '../messages.js';
import { trainingOptoutStyles } from './training-optout.styles.js';

export { TRAINING_DEFAULTS, type TrainingDefault };

/**
 * @summary The switch "use my inputs to improve the model" (GB/T 45654, TC260-003 §7 c)). One click
 * grants, one click withdraws (PIPL Art. 15); every change is a ledger record sent to the endpoint.
 *
 * Focus policy: inline control; `focus()` on the element focuses the switch (delegatesFocus).
 *
 * @event aq-consent-changed - The purpose was granted or withdrawn.
 * @csspart base - The row of label and switch.
 * @csspart label - The switch's visible label.
 * @csspart switch - The `role="switch"` button.
 * @csspart thumb - The moving knob.
 * @csspart state - The text that says whether inputs are collected.
 * @csspart how - How to switch it off.
 * @cssproperty --aq-training-optout-switch-width - Width of the switch (2.75rem).
 * @cssproperty --aq-training-optout-switch-height - Height of the switch (1.5rem).
 */
export class AqTrainingOptout extends ConsentElement {
  static override styles = trainingOptoutStyles;
  static override shadowRootOptions: ShadowRootInit = { ...ConsentElement.shadowRootOptions, delegatesFocus: true };

  /** The purpose id recorded in the ledger. */
  @property() purpose: string = TRAINING_PURPOSE;

  /** The notice version recorded with each change (default: the answered PIPL notice's version, else "unversioned"). */
  @property({ attribute: 'notice-version' }) noticeVersion?: string;

  /** State before the user decided: `off` (default, not collected) or `on` (the host collects until withdrawn). */
  @property({ attribute: 'default-state' }) defaultState: TrainingDefault = 'off';

  /** The value shown while a change is being written. */
  @state() private pending: boolean | null = null;

  private validDefault: TrainingDefault = 'off';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('defaultState')) this.validDefault = this.oneOf('default-state', this.defaultState, TRAINING_DEFAULTS, 'off');
  }

  /** True when inputs are currently used for training (the recorded decision, else the default). */
  get checked(): boolean {
    if (this.pending !== null) return this.pending;
    const s = this.snapshot?.purposes[this.purpose];
    return s ? s.granted : this.validDefault === 'on';
  }

  /** Grant (`true`) or withdraw (`false`) as the user would with the switch. */
  async setChecked(value: boolean): Promise<void> {
    await this.ready;
    const version = this.noticeVersion ?? this.snapshot?.notices.pipl?.noticeVersion ?? 'unversioned';
    const purpose = this.purpose;
    this.pending = value;
    try {
      const changes = await this.write((store) => store.record([{ purpose, granted: value, noticeVersion: version, method: 'switch' }]));
      this.emit('aq-consent-changed', { changes });
    } finally {
      this.pending = null;
    }
  }

  private onClick(): void {
    if (!this.snapshot || this.pending !== null) return;
    this.setChecked(!this.checked).catch(() => undefined);
  }

  override render() {
    const l = this.locale;
    const on = this.checked;
    return html`
      <div part="base" class="row">
        <span id="label" part="label">${t(l, 'trainingLabel')}</span>
        <button
          part="switch"
          type="button"
          role="switch"
          aria-checked=${on ? 'true' : 'false'}
          aria-labelledby="label"
          aria-describedby="state how"
          aria-disabled=${this.snapshot ? 'false' : 'true'}
          @click=${this.onClick}
        >
          <span part="thumb" aria-hidden="true"></span>
        </button>
      </div>
      <p id="state" part="state">${on ? t(l, 'trainingOn') : t(l, 'trainingOff')}</p>
      <p id="how" part="how" ?hidden=${!on}>${t(l, 'trainingHowOff')}</p>
      ${this.renderWriteError()}
    `;
  }
}
