import { AnquanElement } from '@anquan/core/element';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { LABEL_ELEMENTS_RULE, resolveWording } from '../wording.js';
import { aiNoticeStyles } from './ai-notice.styles.js';
import { noticeMessages as t } from './notice-messages.js';

export const NOTICE_POSITIONS = ['top', 'bottom'] as const;
export type NoticePosition = (typeof NOTICE_POSITIONS)[number];

/**
 * @summary The persistent interface label of a chat or voice UI (GB 45438 interface clause, Labeling Measures
 * Art. 4(6)); sticks to the top or bottom of its container. Under the cn profile it cannot be dismissed; under
 * eu (`measures.aiNoticeDismissible`) a dismiss button hides it.
 *
 * @event aq-ai-notice-dismissed - The user dismissed the notice (eu profile only).
 *
 * @csspart notice - The notice bar.
 * @csspart text - The wording.
 * @csspart dismiss - The dismiss button (only when dismissible).
 *
 * @cssproperty --aq-ai-notice-background - Bar background.
 * @cssproperty --aq-ai-notice-color - Bar text colour.
 * @cssproperty --aq-ai-notice-border - Bar border colour.
 * @cssproperty --aq-ai-notice-font-size - Bar font size.
 * @cssproperty --aq-ai-notice-z-index - Stacking order of the sticky bar.
 */
export class AqAiNotice extends AnquanElement {
  static override styles = aiNoticeStyles;

  /** `top` (default) or `bottom` of the interface. */
  @property({ reflect: true }) position: NoticePosition = 'top';
  private validPosition: NoticePosition = 'top';

  /** Custom wording; must contain an AI element and a generation element, else the profile's wording stays. */
  @property() text: string | null = null;

  @state() private dismissed = false;

  /** Whether the active profile lets the user dismiss the notice (never under cn). */
  get dismissible(): boolean {
    return this.config.measures.aiNoticeDismissible === true;
  }

  /** The wording actually shown. */
  get wording(): string {
    return resolveWording(this.config, 'aiNotice', this.locale, this.text, (refused, fallback) =>
      this.attributeError('text', refused, `wording with ${LABEL_ELEMENTS_RULE}`, `the default "${fallback}"`),
    );
  }

  /** Hide the notice, when the profile allows it; returns whether it was hidden. */
  dismiss(): boolean {
    if (!this.dismissible || this.dismissed) return false;
    this.dismissed = true;
    this.emit('aq-ai-notice-dismissed', { position: this.validPosition });
    return true;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('position')) this.validPosition = this.oneOf('position', this.position, NOTICE_POSITIONS, 'top');
  }

  override render() {
    // Profile changed back to cn: the notice comes back.
    if (this.dismissed && !this.dismissible) this.dismissed = false;
    if (this.dismissed) return nothing;
    return html`<div part="notice" class="notice" role="note">
      <span part="text" class="text">${this.wording}</span>
      ${
        this.dismissible
          ? html`<button part="dismiss" type="button" aria-label=${t(this.locale, 'dismiss')} @click=${() => this.dismiss()}>×</button>`
          : nothing
      }
    </div>`;
  }
}
