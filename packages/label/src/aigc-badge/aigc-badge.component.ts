import { AnquanElement } from '@anquan/core/element';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import type { AigcTier } from '../events.js';
import { messages as t } from '../messages.js';
import type { ImplicitLabel, LabelValue, LabelWarning } from '../metadata/index.js';
import { aigcBadgeStyles } from './aigc-badge.styles.js';
import { readBadgeSource } from './read.js';
import { aigcTier } from './tier.js';

const TIER_TEXT = { is: 'tierIs', may: 'tierMay', suspected: 'tierSuspected' } as const;
const TIER_DETAIL = { is: 'tierIsDetail', may: 'tierMayDetail', suspected: 'tierSuspectedDetail' } as const;

/**
 * @summary The platform-side notice for received content (Labeling Measures Art. 6): reads the implicit label
 * of a File, Blob or URL and shows "AI-generated", "may be AI-generated" or "suspected AI-generated".
 * Unlabelled content shows nothing unless the uploader declared it (`declared`: may be) or the platform
 * detected generation traces (`detected`: suspected). The tier follows the file's `Label` even when another
 * field of the label is malformed (`detail.warnings` names the field). The file is read in a module worker.
 *
 * @event aq-aigc-badge-read - The source was read (`detail.tier`, `detail.label`, `detail.declared`, `detail.warnings`,
 *   `detail.format`, `detail.count`, `detail.thread`).
 *
 * @csspart badge - The badge.
 *
 * @cssproperty --aq-aigc-badge-background - Background for "AI-generated".
 * @cssproperty --aq-aigc-badge-may-background - Background for "may be AI-generated".
 * @cssproperty --aq-aigc-badge-suspected-background - Background for "suspected AI-generated".
 * @cssproperty --aq-aigc-badge-color - Text colour.
 * @cssproperty --aq-aigc-badge-font-size - Font size.
 */
export class AqAigcBadge extends AnquanElement {
  static override styles = aigcBadgeStyles;

  /** The content: a File or Blob (property), or a URL (attribute or property). */
  @property({ attribute: 'src' }) src: Blob | string | null = null;

  /** The uploader declared the content AI-generated (Art. 6(2)). */
  @property({ type: Boolean, reflect: true }) declared = false;

  /** The platform detected an explicit label or other generation traces (Art. 6(3)). */
  @property({ type: Boolean, reflect: true }) detected = false;

  /** The tier shown: `is`, `may`, `suspected`, or `none` (reflected as the `tier` attribute). */
  @property({ reflect: true }) tier: AigcTier = 'none';

  /** The implicit label read from the source, or null (also when it is malformed; see `declaredLabel`). */
  @state() label: Required<ImplicitLabel> | null = null;

  /** The `Label` value the file declares, even when another field of its label is malformed. */
  @state() declaredLabel: LabelValue | null = null;

  /** Resolves when the current source has been read. */
  ready: Promise<void> = Promise.resolve();

  private seq = 0;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('src')) this.ready = this.read();
    else if (changed.has('declared') || changed.has('detected')) this.tier = this.computeTier();
  }

  private computeTier(): AigcTier {
    const value = this.declaredLabel ?? this.label?.Label ?? null;
    return aigcTier(value ? { Label: value } : null, this.declared, this.detected);
  }

  private async read(): Promise<void> {
    const seq = ++this.seq;
    const src = this.src;
    let label: Required<ImplicitLabel> | null = null;
    let declaredLabel: LabelValue | null = null;
    let format: string | null = null;
    let count = 0;
    let warnings: LabelWarning[] = [];
    let error: string | undefined;
    let thread: 'worker' | 'main' | undefined;
    if (src !== null && src !== '') {
      try {
        const blob = typeof src === 'string' ? await (await fetch(src, { credentials: 'same-origin' })).blob() : src;
        const read = await readBadgeSource(blob);
        thread = read.thread;
        if (read.result) {
          ({ label, format, count, warnings } = read.result);
          declaredLabel = read.result.declared;
        } else error = read.error;
      } catch (err) {
        // A URL that cannot be fetched carries no verifiable label (Art. 6(2)/(3) may still apply).
        error = String(err);
      }
    }
    if (seq !== this.seq) return;
    this.label = label;
    this.declaredLabel = declaredLabel;
    this.tier = this.computeTier();
    this.emit('aq-aigc-badge-read', {
      tier: this.tier,
      label,
      format,
      count,
      declared: declaredLabel,
      warnings,
      ...(thread ? { thread } : {}),
      ...(error ? { error } : {}),
    });
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
