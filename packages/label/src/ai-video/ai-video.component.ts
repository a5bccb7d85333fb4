import { AnquanElement } from '@anquan/core';
import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VISUAL_POSITIONS, type VisualPosition } from '../ai-image/positions.js';
import { LABEL_ELEMENTS_RULE, labelFontSize, resolveWording } from '../wording.js';
import { aiVideoStyles } from './ai-video.styles.js';

const MEDIA_EVENTS = ['timeupdate', 'seeking', 'seeked', 'loadedmetadata', 'emptied', 'play', 'playing', 'pause', 'ended', 'resize'] as const;

/** The rectangle the video frame occupies inside a `box` (object-fit: contain), relative to the box. */
export function containedFrame(boxWidth: number, boxHeight: number, videoWidth: number, videoHeight: number) {
  if (!videoWidth || !videoHeight) return { x: 0, y: 0, width: boxWidth, height: boxHeight };
  const scale = Math.min(boxWidth / videoWidth, boxHeight / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { x: (boxWidth - width) / 2, y: (boxHeight - height) / 2, width, height };
}

/**
 * @summary Wraps a generated `<video>`: a label on the opening frames that stays for at least
 * `thresholds.videoLabelMinSeconds` (2 s) of playback time, with text at least `labelMinTextRatio` (5%) of the
 * frame's shortest side, plus a persistent label around the player (GB 45438-2025 §5.4, Measures Art. 4(4)).
 * The start label follows media time: it shows while `currentTime` is below the threshold, so pausing does not
 * use it up and seeking back to the start shows it again.
 *
 * @slot - The `<video>`.
 *
 * @event aq-video-label-changed - The start label appeared or disappeared (`detail.visible`, `detail.currentTime`).
 *
 * @csspart frame - The box around the video.
 * @csspart label - The start label on the frame.
 * @csspart text - The start label text (its box height is the text height).
 * @csspart persistent - The persistent label around the player.
 *
 * @cssproperty --aq-image-label-background - Start label background.
 * @cssproperty --aq-image-label-color - Start label text colour.
 * @cssproperty --aq-video-persistent-color - Persistent label colour.
 * @cssproperty --aq-video-persistent-font-size - Persistent label font size.
 */
export class AiVideo extends AnquanElement {
  static override styles = aiVideoStyles;

  /** Edge or corner of the start label: `top-left` (default), `top-right`, `bottom-left`, `bottom-right`, `top`, `bottom`. */
  @property({ reflect: true }) position: VisualPosition = 'top-left';

  /** Custom wording; must contain an AI element and a generation element, else the profile's wording stays. */
  @property() text: string | null = null;

  /** Whether the start label is showing. */
  @state() startLabelVisible = true;

  @state() private frame = { x: 0, y: 0, width: 0, height: 0 };

  private video: HTMLVideoElement | null = null;
  private observer: ResizeObserver | null = null;
  private raf = 0;
  private readonly onMedia = (e: Event) => {
    if (e.type === 'play' || e.type === 'playing') this.loop();
    if (e.type === 'loadedmetadata' || e.type === 'resize') this.measure();
    this.sync();
  };

  /** The wording actually shown. */
  get wording(): string {
    return resolveWording(this.config, 'videoLabel', this.locale, this.text, (refused, fallback) =>
      this.attributeError('text', refused, `wording with ${LABEL_ELEMENTS_RULE}`, `the default "${fallback}"`),
    );
  }

  /** The wrapped video, or null. */
  get videoElement(): HTMLVideoElement | null {
    return this.video;
  }

  /** Font size of the start label text in CSS px. */
  get fontSize(): number {
    return labelFontSize(Math.min(this.frame.width, this.frame.height), this.config.thresholds.labelMinTextRatio);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver(() => this.measure());
    if (this.video) this.attach(this.video);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = null;
    cancelAnimationFrame(this.raf);
    if (this.video) for (const t of MEDIA_EVENTS) this.video.removeEventListener(t, this.onMedia);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('position')) this.position = this.oneOf('position', this.position, VISUAL_POSITIONS, 'top-left');
  }

  private onSlotChange(e: Event): void {
    const next = (e.target as HTMLSlotElement).assignedElements({ flatten: true }).find((el): el is HTMLVideoElement => el instanceof HTMLVideoElement) ?? null;
    if (next === this.video) return;
    if (this.video) {
      for (const t of MEDIA_EVENTS) this.video.removeEventListener(t, this.onMedia);
      this.observer?.unobserve(this.video);
    }
    this.video = next;
    if (next) this.attach(next);
  }

  private attach(video: HTMLVideoElement): void {
    for (const t of MEDIA_EVENTS) video.addEventListener(t, this.onMedia);
    this.observer?.observe(video);
    this.measure();
    this.sync();
    if (!video.paused) this.loop();
  }

  /** Follow playback frame by frame while the video plays, so the label leaves on time. */
  private loop(): void {
    cancelAnimationFrame(this.raf);
    const tick = () => {
      this.sync();
      if (this.video && !this.video.paused && !this.video.ended && this.video.currentTime < this.config.thresholds.videoLabelMinSeconds + 0.5) {
        this.raf = requestAnimationFrame(tick);
      }
    };
    this.raf = requestAnimationFrame(tick);
  }

  /** Recompute the displayed frame rectangle (called by the ResizeObserver). */
  measure(): void {
    const v = this.video;
    if (!v) return;
    const rect = v.getBoundingClientRect();
    const f = containedFrame(rect.width, rect.height, v.videoWidth, v.videoHeight);
    if (f.x !== this.frame.x || f.y !== this.frame.y || f.width !== this.frame.width || f.height !== this.frame.height) this.frame = f;
  }

  /** Show the start label while media time is within the first `videoLabelMinSeconds`. */
  sync(): void {
    const v = this.video;
    const visible = !v || v.currentTime < this.config.thresholds.videoLabelMinSeconds;
    if (visible !== this.startLabelVisible) {
      this.startLabelVisible = visible;
      this.emit('aq-video-label-changed', { currentTime: v?.currentTime ?? 0, visible });
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Through the CSSOM, not a style attribute: a strict CSP (no 'unsafe-inline') allows it.
    const content = this.renderRoot.querySelector<HTMLElement>('.content');
    const label = this.renderRoot.querySelector<HTMLElement>('[part~="label"]');
    const f = this.frame;
    if (content) Object.assign(content.style, { left: `${f.x}px`, top: `${f.y}px`, width: `${f.width}px`, height: `${f.height}px` });
    if (label) label.style.fontSize = `${this.fontSize}px`;
  }

  override render() {
    const wording = this.wording;
    return html`<div part="frame" class="frame">
        <slot @slotchange=${this.onSlotChange}></slot>
        <div class="content">
          <span part="label" class="overlay ${this.position}" aria-hidden="true" ?hidden=${!this.startLabelVisible}><span part="text" class="text">${wording}</span></span>
        </div>
      </div>
      <div part="persistent" class="persistent" role="note">${wording}</div>`;
  }
}
