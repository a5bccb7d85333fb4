import { AnquanElement } from '@anquan/core/element';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { overlayFontSize } from '../ai-image/glyph.js';
import { VISUAL_POSITIONS, type VisualPosition } from '../ai-image/positions.js';
import type { AiVideoDisplayMode } from '../events.js';
import { messages as t } from '../messages.js';
import { LABEL_ELEMENTS_RULE, resolveWording } from '../wording.js';
import { aiVideoStyles } from './ai-video.styles.js';

const MEDIA_EVENTS = [
  'timeupdate',
  'seeking',
  'seeked',
  'loadedmetadata',
  'emptied',
  'play',
  'playing',
  'pause',
  'ended',
  'resize',
] as const;

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
 * Full screen and picture-in-picture keep the label: the full-screen button puts the wrapper (video and labels)
 * in full screen, and a bare `<video>` put in full screen by a script is taken out again (the native control is
 * hidden with `controlsList="nofullscreen"`). Picture-in-picture uses Document Picture-in-Picture where the
 * browser has it (the video moves into the window with the label over it), else a canvas copy with the label
 * drawn in (`captureStream()`), else it is off and the button says why. The native PiP of the bare `<video>`
 * is disabled (`disablePictureInPicture`), since it would show no label.
 *
 * @slot - The `<video>`.
 *
 * @event aq-ai-video-label-changed - The start label appeared or disappeared (`detail.visible`, `detail.currentTime`).
 * @event aq-ai-video-display-changed - Inline, full screen or picture-in-picture (`detail.mode`; `detail.refused` when a
 *   bare-video full screen was undone).
 *
 * @csspart frame - The box around the video.
 * @csspart label - The start label on the frame.
 * @csspart text - The start label text.
 * @csspart persistent - The persistent label around the player.
 * @csspart controls - The full-screen and picture-in-picture buttons.
 * @csspart fullscreen-button - Puts the wrapper, labels included, in full screen.
 * @csspart pip-button - Opens picture-in-picture with the label (disabled, with the reason, where impossible).
 *
 * @cssproperty --aq-ai-video-label-background - Start label background.
 * @cssproperty --aq-ai-video-label-color - Start label text colour.
 * @cssproperty --aq-ai-video-persistent-color - Persistent label colour.
 * @cssproperty --aq-ai-video-persistent-font-size - Persistent label font size.
 */
export class AqAiVideo extends AnquanElement {
  static override styles = aiVideoStyles;

  /** Edge or corner of the start label: `top-left` (default), `top-right`, `bottom-left`, `bottom-right`, `top`, `bottom`. */
  @property({ reflect: true }) position: VisualPosition = 'top-left';
  private validPosition: VisualPosition = 'top-left';

  /** Custom wording; must contain an AI element and a generation element, else the profile's wording stays. */
  @property() text: string | null = null;

  /** Whether the start label is showing. */
  @state() startLabelVisible = true;

  @state() private frame = { x: 0, y: 0, width: 0, height: 0 };

  /** Where the video is shown now. */
  @state() displayMode: AiVideoDisplayMode = 'inline';

  /** The Document Picture-in-Picture window while one is open. */
  pipWindow: Window | null = null;
  private pipCanvasVideo: HTMLVideoElement | null = null;

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

  /** Font size of the start label text in CSS px: its glyphs (TextMetrics, not the em box) are ≥ 5% of the frame. */
  get fontSize(): number {
    const text = this.renderRoot?.querySelector<HTMLElement>('[part~="text"]') ?? null;
    return overlayFontSize(text, this.wording, Math.min(this.frame.width, this.frame.height), this.config.thresholds.labelMinTextRatio);
  }

  /**
   * How picture-in-picture can keep the label here: `document` (Document Picture-in-Picture), `canvas` (a canvas
   * copy with the label drawn in), or `none` (PiP stays off).
   */
  get pipSupport(): 'document' | 'canvas' | 'none' {
    if ('documentPictureInPicture' in globalThis) return 'document';
    if (typeof document === 'undefined') return 'none';
    if (document.pictureInPictureEnabled && typeof HTMLCanvasElement.prototype.captureStream === 'function') return 'canvas';
    return 'none';
  }

  private readonly onFullscreen = () => {
    const fs = document.fullscreenElement;
    if (fs && this.video && fs === this.video) {
      // The bare <video> in full screen has no label: undo it, then try the wrapper (needs a user gesture).
      void document.exitFullscreen().then(() => this.requestFullscreen().catch(() => {}));
      this.emit('aq-ai-video-display-changed', { mode: 'inline', refused: 'the bare <video> in full screen would show no label' });
      return;
    }
    const mode: AiVideoDisplayMode =
      fs === this ? 'fullscreen' : this.pipWindow ? 'pip-document' : this.pipCanvasVideo ? 'pip-canvas' : 'inline';
    if (mode !== this.displayMode) {
      this.displayMode = mode;
      this.emit('aq-ai-video-display-changed', { mode });
    }
    requestAnimationFrame(() => this.measure());
  };

  /** Full screen for the wrapper (video and labels); call from a user gesture. Leaves full screen when in it. */
  async toggleFullscreen(): Promise<void> {
    if (document.fullscreenElement === this) await document.exitFullscreen();
    else await this.requestFullscreen();
  }

  /** Open picture-in-picture with the label (from a user gesture), or close it. Rejects where it is impossible. */
  async togglePictureInPicture(): Promise<void> {
    const v = this.video;
    if (!v) return;
    if (this.pipWindow) return this.pipWindow.close();
    if (this.pipCanvasVideo) return void (await document.exitPictureInPicture());
    const support = this.pipSupport;
    if (support === 'none') throw new DOMException(t(this.locale, 'pipUnavailable'), 'NotSupportedError');
    // Loaded on first use (the user gesture's activation outlives this local import).
    const pip = await import('./pip.js');
    const host = {
      wording: this.wording,
      locale: this.locale,
      minSeconds: this.config.thresholds.videoLabelMinSeconds,
      ratio: this.config.thresholds.labelMinTextRatio,
      position: this.validPosition,
      frame: this.frame,
      setWindow: (w: Window | null) => {
        this.pipWindow = w;
        this.onFullscreen();
      },
      setCanvasVideo: (c: HTMLVideoElement | null) => {
        this.pipCanvasVideo = c;
        this.onFullscreen();
      },
    };
    return support === 'document' ? pip.openDocumentPip(host, v) : pip.openCanvasPip(host, v);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver(() => this.measure());
    if (this.video) this.attach(this.video);
    document.addEventListener('fullscreenchange', this.onFullscreen);
    // A web font that arrives later has other glyph metrics: size the label again.
    document.fonts?.addEventListener?.('loadingdone', this.onFonts);
  }

  private readonly onFonts = () => this.requestUpdate();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    document.fonts?.removeEventListener?.('loadingdone', this.onFonts);
    this.observer?.disconnect();
    this.observer = null;
    cancelAnimationFrame(this.raf);
    if (this.video) for (const t of MEDIA_EVENTS) this.video.removeEventListener(t, this.onMedia);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('position')) this.validPosition = this.oneOf('position', this.position, VISUAL_POSITIONS, 'top-left');
  }

  private onSlotChange(e: Event): void {
    const next =
      (e.target as HTMLSlotElement)
        .assignedElements({ flatten: true })
        .find((el): el is HTMLVideoElement => el instanceof HTMLVideoElement) ?? null;
    if (next === this.video) return;
    if (this.video) {
      for (const t of MEDIA_EVENTS) this.video.removeEventListener(t, this.onMedia);
      this.observer?.unobserve(this.video);
    }
    this.video = next;
    if (next) this.attach(next);
  }

  private attach(video: HTMLVideoElement): void {
    // The browser's own full screen and PiP of the bare <video> would drop the label: the wrapper's buttons do it.
    (video as HTMLVideoElement & { controlsList?: DOMTokenList }).controlsList?.add('nofullscreen');
    video.disablePictureInPicture = true;
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
      if (
        this.video &&
        !this.video.paused &&
        !this.video.ended &&
        this.video.currentTime < this.config.thresholds.videoLabelMinSeconds + 0.5
      ) {
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
      this.emit('aq-ai-video-label-changed', { currentTime: v?.currentTime ?? 0, visible });
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
    const locale = this.locale;
    const pip = this.pipSupport;
    const fullscreen = this.displayMode === 'fullscreen';
    return html`<div part="frame" class="frame">
        <slot @slotchange=${this.onSlotChange}></slot>
        <div class="content">
          <span part="label" class="overlay ${this.validPosition}" aria-hidden="true" ?hidden=${!this.startLabelVisible}><span part="text" class="text">${wording}</span></span>
        </div>
      </div>
      <div class="below">
        <div part="persistent" class="persistent" role="note">${wording}</div>
        <div part="controls" class="controls">
          <button type="button" part="fullscreen-button" ?hidden=${typeof document === 'undefined' || !document.fullscreenEnabled} aria-pressed=${fullscreen ? 'true' : 'false'}
            @click=${() => void this.toggleFullscreen().catch(() => {})}>${t(locale, fullscreen ? 'exitFullscreen' : 'fullscreen')}</button>
          <button type="button" part="pip-button" ?disabled=${pip === 'none'} aria-describedby="pip-note"
            @click=${() => void this.togglePictureInPicture().catch(() => {})}>${t(locale, 'pip')}</button>
          <span id="pip-note" class="note" ?hidden=${pip === 'document'}>${pip === 'none' ? t(locale, 'pipUnavailable') : t(locale, 'pipCanvas')}</span>
        </div>
      </div>`;
  }
}
