import { AnquanElement } from '@anquan/core/element';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { LABEL_ELEMENTS_RULE, resolveWording } from '../wording.js';
import { aiImageStyles } from './ai-image.styles.js';
import { overlayFontSize } from './glyph.js';
import { VISUAL_POSITIONS, type VisualPosition } from './positions.js';

/**
 * @summary Wraps a generated image and shows a text label on an edge or a corner whose text height is at least
 * `thresholds.labelMinTextRatio` (5%) of the rendered image's shortest side (GB 45438-2025 §5.2), kept true on
 * every resize (ResizeObserver). The height is the glyphs' inked height (TextMetrics of the wording in the
 * label's own font), not the font size. Use `burnInImageLabel()` to put the same label into the pixels of a download.
 *
 * @slot - The `<img>` (or `<picture>`, `<canvas>`).
 *
 * @event aq-ai-image-label-sized - The label was (re)sized to a new rendered image size.
 *
 * @csspart frame - The box around the image.
 * @csspart label - The label box on the image.
 * @csspart text - The label text.
 *
 * @cssproperty --aq-ai-image-label-background - Label background (default translucent black).
 * @cssproperty --aq-ai-image-label-color - Label text colour (default white).
 */
export class AqAiImage extends AnquanElement {
  static override styles = aiImageStyles;

  /** Edge or corner: `bottom-right` (default), `bottom-left`, `top-right`, `top-left`, `top`, `bottom`. */
  @property({ reflect: true }) position: VisualPosition = 'bottom-right';
  private validPosition: VisualPosition = 'bottom-right';

  /** Custom wording; must contain an AI element and a generation element, else the profile's wording stays. */
  @property() text: string | null = null;

  /** Font size of the label text in CSS px, derived from the rendered image. */
  @state() fontSize = 10;

  private observer: ResizeObserver | null = null;
  private target: Element | null = null;
  private readonly onLoad = () => this.measure();

  /** The wording actually shown. */
  get wording(): string {
    return resolveWording(this.config, 'imageLabel', this.locale, this.text, (refused, fallback) =>
      this.attributeError('text', refused, `wording with ${LABEL_ELEMENTS_RULE}`, `the default "${fallback}"`),
    );
  }

  /** The wrapped image, or null. */
  get image(): Element | null {
    return this.target;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver(() => this.measure());
    if (this.target) this.observe(this.target);
    // A web font that arrives later has other glyph metrics: measure again.
    document.fonts?.addEventListener?.('loadingdone', this.onLoad);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = null;
    document.fonts?.removeEventListener?.('loadingdone', this.onLoad);
    this.target?.removeEventListener('load', this.onLoad);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('position')) this.validPosition = this.oneOf('position', this.position, VISUAL_POSITIONS, 'bottom-right');
  }

  private onSlotChange(e: Event): void {
    const slot = e.target as HTMLSlotElement;
    const next = slot.assignedElements({ flatten: true }).find((el) => /^(img|picture|canvas|svg)$/i.test(el.localName)) ?? null;
    if (next === this.target) return;
    if (this.target) {
      this.observer?.unobserve(this.target);
      this.target.removeEventListener('load', this.onLoad);
    }
    this.target = next;
    if (next) this.observe(next);
  }

  private observe(el: Element): void {
    const img = el.localName === 'picture' ? el.querySelector('img') : el;
    (img ?? el).addEventListener('load', this.onLoad);
    this.observer?.observe(el);
    this.measure();
  }

  /** Recompute the label size from the rendered image (called by the ResizeObserver). */
  measure(): void {
    if (!this.target) return;
    const rect = this.target.getBoundingClientRect();
    const shortest = Math.min(rect.width, rect.height);
    const text = this.renderRoot.querySelector<HTMLElement>('[part~="text"]');
    const size = overlayFontSize(text, this.wording, shortest, this.config.thresholds.labelMinTextRatio);
    if (size !== this.fontSize) {
      this.fontSize = size;
      this.emit('aq-ai-image-label-sized', { shortestSide: shortest, fontSize: size });
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Through the CSSOM, not a style attribute: a strict CSP (no 'unsafe-inline') allows it.
    const label = this.renderRoot.querySelector<HTMLElement>('[part~="label"]');
    if (label) label.style.fontSize = `${this.fontSize}px`;
  }

  override render() {
    return html`<div part="frame" class="frame">
      <slot @slotchange=${this.onSlotChange}></slot>
      <span part="label" class="overlay ${this.validPosition}" role="note"
        ><span part="text" class="text">${this.wording}</span></span
      >
    </div>`;
  }
}
