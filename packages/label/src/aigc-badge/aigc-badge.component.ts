import { AnquanElement } from '@anquan/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AigcTier } from '../events.js';
import { t } from '../messages.js';
import { type ImplicitLabel, ImplicitLabelError, readImplicitLabel } from '../metadata/index.js';
import { aigcBadgeStyles } from './aigc-badge.styles.js';
import { aigcTier } from './tier.js';

const TIER_TEXT = { is: 'tierIs', may: 'tierMay', suspected: 'tierSuspected' } as const;
const TIER_DETAIL = { is: 'tierIsDetail', may: 'tierMayDetail', suspected: 'tierSuspectedDetail' } as const;

/**
 * @summary The platform-side notice for received content (Labeling Measures Art. 6): reads the implicit label
 * of a File, Blob or URL and shows "AI-generated", "may be AI-generated" or "suspected AI-generated".
 * Unlabelled content shows nothing unless the uploader declared it (`declared`: may be) or the platform
 * detected generation traces (`detected`: suspected).
 *
 * @event aq-aigc-badge-read - The source was read (`detail.tier`, `detail.label`, `detail.format`, `detail.count`).
 *
 * @csspart badge - The badge.
 *
 * @cssproperty --aq-badge-background - Background for "AI-generated".
 * @cssproperty --aq-badge-may-background - Background for "may be AI-generated".
 * @cssproperty --aq-badge-suspected-background - Background for "suspected AI-generated".
 * @cssproperty --aq-badge-color - Text colour.
 * @cssproperty --aq-badge-font-size - Font size.
 */
export class AigcBadge extends AnquanElement {
  static override styles = aigcBadgeStyles;

  /** The content: a File or Blob (property), or a URL (attribute or property). */
  @property({ attribute: 'src' }) src: Blob | string | null = null;

  /** The uploader declared the content AI-generated (Art. 6(2)). */
  @property({ type: Boolean, reflect: true }) declared = false;

  /** The platform detected an explicit label or other generation traces (Art. 6(3)). */
  @property({ type: Boolean, reflect: true }) detected = false;

  /** The tier shown: `is`, `may`, `suspected`, or `none` (reflected as the `tier` attribute). */
  @property({ reflect: true }) tier: AigcTier = 'none';

  /** The implicit label read from the source, or null. */
  @state() label: Required<ImplicitLabel> | null = null;

  /** Resolves when the current source has been read. */
  ready: Promise<void> = Promise.resolve();

  private seq = 0;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('src')) this.ready = this.read();
    else if (changed.has('declared') || changed.has('detected')) this.tier = aigcTier(this.label, this.declared, this.detected);
  }

  private async read(): Promise<void> {
    const seq = ++this.seq;
    const src = this.src;
    let label: Required<ImplicitLabel> | null = null;
    let format: string | null = null;
    let count = 0;
    let error: string | undefined;
    if (src !== null && src !== '') {
      try {
        const bytes =
          typeof src === 'string'
            ? new Uint8Array(await (await fetch(src, { credentials: 'same-origin' })).arrayBuffer())
            : new Uint8Array(await src.arrayBuffer());
        const result = readImplicitLabel(bytes);
        ({ label, format, count } = result);
      } catch (err) {
        // Unsupported, truncated or corrupt files carry no verifiable label (Art. 6(2)/(3) may still apply).
        error = err instanceof ImplicitLabelError ? `${err.code}: ${err.message}` : String(err);
      }
    }
    if (seq !== this.seq) return;
    this.label = label;
    this.tier = aigcTier(label, this.declared, this.detected);
    this.emit('aq-aigc-badge-read', { tier: this.tier, label, format, count, ...(error ? { error } : {}) });
    await this.updateComplete;
  }

  override render() {
    if (this.tier === 'none') return nothing;
    const locale = this.locale;
    return html`<span part="badge" class="badge ${this.tier}" role="note"
      >${t(locale, TIER_TEXT[this.tier])}<span class="visually-hidden">: ${t(locale, TIER_DETAIL[this.tier])}</span></span
    >`;
  }
}
