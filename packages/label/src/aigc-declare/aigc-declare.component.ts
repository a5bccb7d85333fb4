import { AnquanElement } from '@anquan/core/element';
import { Ledger } from '@anquan/core/ledger';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { query } from 'lit/decorators/query.js';
import { messages as t } from '../messages.js';
import { aigcDeclareStyles } from './aigc-declare.styles.js';

/**
 * @summary The upload declaration a platform must offer (Labeling Measures Art. 6(4), Art. 10): a checkbox
 * "this content contains AI-generated material". Form-associated (ElementInternals): with `name`, its `value`
 * is submitted with the host's form when checked; `required` makes the form invalid until it is answered.
 * Each change is appended to the `aigc-declaration` ledger (hash-chained, synced through the outbox).
 *
 * @slot - Replaces the declaration text (keep it truthful and explicit).
 *
 * @event aq-aigc-declared - The user checked or unchecked the declaration (`detail.declared`).
 *
 * @csspart label - The clickable label.
 * @csspart checkbox - The native checkbox.
 * @csspart hint - The hint on labelling duties under the checkbox.
 *
 * @cssproperty --aq-aigc-declare-hint-font-size - Font size of the hint.
 */
export class AqAigcDeclare extends AnquanElement {
  static override styles = aigcDeclareStyles;
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...AnquanElement.shadowRootOptions, delegatesFocus: true };

  /** The form field name. */
  @property({ reflect: true }) name = '';

  /** The submitted value when checked (default `aigc`). */
  @property() value = 'aigc';

  /** Whether the user declared the content AI-generated. */
  @property({ type: Boolean, reflect: true }) checked = false;

  /** The form is invalid until the box is checked. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Disables the checkbox. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** A content ID recorded with the declaration (the upload's id in the host's system). */
  @property({ attribute: 'content-id' }) contentId = '';

  /** The ledger that records declarations; default `new Ledger('aigc-declaration')`; `null` keeps none. */
  ledger: Ledger | null | undefined = undefined;

  /** Resolves when the last change is in the ledger. */
  recorded: Promise<void> = Promise.resolve();

  @query('input') private input!: HTMLInputElement;

  private readonly internals: ElementInternals;
  private defaultChecked = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.defaultChecked = this.hasAttribute('checked');
  }

  /** The owning form, if any. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  formResetCallback(): void {
    this.checked = this.defaultChecked;
  }

  formStateRestoreCallback(state: string | null): void {
    this.checked = state === this.value;
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.internals.setFormValue(this.checked ? this.value : null, this.checked ? this.value : null);
    if (this.required && !this.checked) this.internals.setValidity({ valueMissing: true }, t(this.locale, 'declare'), this.input);
    else this.internals.setValidity({});
  }

  private onChange(e: Event): void {
    this.checked = (e.target as HTMLInputElement).checked;
    this.emit('aq-aigc-declared', { name: this.name, declared: this.checked });
    this.recorded = this.record();
  }

  /** Append the declaration to the ledger (and so to the intake endpoint). */
  private async record(): Promise<void> {
    if (this.ledger === undefined) this.ledger = new Ledger('aigc-declaration');
    if (!this.ledger) return;
    try {
      await this.ledger.append('aigc-declared', {
        declared: this.checked,
        name: this.name,
        contentId: this.contentId,
        profile: this.activeProfile,
      });
    } catch (err) {
      console.error('[anquan] <aq-aigc-declare> could not record the declaration', err);
    }
  }

  override render() {
    const locale = this.locale;
    return html`<label part="label">
        <input part="checkbox" type="checkbox" aria-describedby="hint" .checked=${this.checked} ?disabled=${this.disabled}
          ?required=${this.required} @change=${this.onChange} /><span><slot>${t(locale, 'declare')}</slot></span>
      </label>
      <p part="hint" class="hint" id="hint">${t(locale, 'declareHint')}</p>`;
  }
}
