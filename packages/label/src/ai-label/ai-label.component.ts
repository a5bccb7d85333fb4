import { AnquanElement } from '@anquan/core/element';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { LABEL_ELEMENTS_RULE, resolveWording } from '../wording.js';
import { aiLabelStyles } from './ai-label.styles.js';

export const LABEL_POSITIONS = ['start', 'end', 'middle'] as const;
export type LabelPosition = (typeof LABEL_POSITIONS)[number];

/**
 * @summary The explicit text label of one generated message (GB 45438-2025 §5.1, Labeling Measures Art. 4(1),
 * AI Act Art. 50(4) under the eu profile), at the start, the end or a middle position of the message.
 *
 * @slot - The message (for `middle`: the part before the label).
 * @slot after - For `middle`: the part of the message after the label.
 *
 * @csspart label - The label text.
 *
 * @cssproperty --aq-ai-label-color - Label text colour.
 * @cssproperty --aq-ai-label-background - Label background.
 * @cssproperty --aq-ai-label-border - Label border colour.
 * @cssproperty --aq-ai-label-font-size - Label font size (default 0.85em).
 */
export class AqAiLabel extends AnquanElement {
  static override styles = aiLabelStyles;

  /** Where the label stands relative to the message: `start`, `end` (default) or `middle`. */
  @property({ reflect: true }) position: LabelPosition = 'end';
  private validPosition: LabelPosition = 'end';

  /** Custom wording; must contain an AI element and a generation element, else it is refused and the profile's wording stays. */
  @property() text: string | null = null;

  /** The wording actually shown. */
  get wording(): string {
    return resolveWording(this.config, 'aiLabel', this.locale, this.text, (refused, fallback) =>
      this.attributeError('text', refused, `wording with ${LABEL_ELEMENTS_RULE}`, `the default "${fallback}"`),
    );
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('position')) this.validPosition = this.oneOf('position', this.position, LABEL_POSITIONS, 'end');
  }

  override render() {
    const position = this.validPosition;
    const label = html`<span part="label" class="label" role="note">${this.wording}</span>`;
    return html`${position === 'start' ? label : nothing}<slot></slot>${position === 'middle' ? label : nothing}${
      position === 'middle' ? html`<slot name="after"></slot>` : nothing
    }${position === 'end' ? label : nothing}`;
  }
}
