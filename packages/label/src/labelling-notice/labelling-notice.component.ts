import { AnquanElement } from '@anquan/core/element';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { messages as t } from '../messages.js';
import { labellingNoticeStyles } from './labelling-notice.styles.js';

const LEVELS = ['2', '3', '4', '5', '6'] as const;
type Level = (typeof LEVELS)[number];

/**
 * @summary The labelling section of the user service agreement (Labeling Measures Art. 8): describes how
 * generated text, images, video, audio and files are labelled, with the configured wording and numbers and
 * samples of the label styles, and the user's duties (Art. 9, 10).
 *
 * @slot - Extra paragraphs appended to the section (the host's own terms).
 *
 * @csspart section - The section.
 * @csspart heading - The heading.
 * @csspart list - The list of label methods.
 * @csspart examples - The style samples.
 *
 * @cssproperty --aq-labelling-notice-heading-font-size - Heading font size.
 */
export class AqLabellingNotice extends AnquanElement {
  static override styles = labellingNoticeStyles;

  /** Heading level of the section title, 2–6 (default 2). */
  @property({ attribute: 'heading-level', reflect: true }) headingLevel: Level = '2';
  private validHeadingLevel: Level = '2';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('headingLevel')) this.validHeadingLevel = this.oneOf('heading-level', String(this.headingLevel ?? ''), LEVELS, '2');
  }

  override render() {
    const locale = this.locale;
    const { wording, thresholds } = this.config;
    const params = {
      text: wording.aiLabel[locale],
      notice: wording.aiNotice[locale],
      image: wording.imageLabel[locale],
      video: wording.videoLabel[locale],
      spoken: wording.spokenLabel[locale],
      ratio: Math.round(thresholds.labelMinTextRatio * 1000) / 10,
      seconds: thresholds.videoLabelMinSeconds,
    };
    const tag = unsafeStatic(`h${this.validHeadingLevel}`);
    return html`<section part="section" aria-labelledby="title">
      ${staticHtml`<${tag} part="heading" class="heading" id="title">${t(locale, 'noticeTitle')}</${tag}>`}
      <p>${t(locale, 'noticeIntro')}</p>
      <ul part="list">
        <li>${t(locale, 'noticeText', params)}</li>
        <li>${t(locale, 'noticeImage', params)}</li>
        <li>${t(locale, 'noticeVideo', params)}</li>
        <li>${t(locale, 'noticeAudio', params)}</li>
        <li>${t(locale, 'noticeExport')}</li>
        <li>${t(locale, 'noticeImplicit')}</li>
      </ul>
      <p>${t(locale, 'noticeDuty')}</p>
      <div part="examples" class="examples" role="group" aria-label=${t(locale, 'noticeExample')}>
        <span class="sample">${params.text}</span>
        <span class="sample">${params.notice}</span>
        <span class="sample image">${params.image}</span>
      </div>
      <slot></slot>
    </section>`;
  }
}
