// Picture-in-picture for <aq-ai-video> that keeps the label (loaded on first use): Document Picture-in-Picture
// with the label over the moved <video>, or a canvas copy with the label drawn in, in video PiP.
import type { Locale } from '@anquan/core/i18n';
import { drawLabel } from '../ai-image/burn-in.js';
import { fontSizeForGlyphHeight, LABEL_FONT_FAMILY } from '../ai-image/glyph.js';
import type { VisualPosition } from '../ai-image/positions.js';
import { containedFrame } from './ai-video.component.js';

export interface PipHost {
  wording: string;
  locale: Locale;
  minSeconds: number;
  ratio: number;
  position: VisualPosition;
  frame: { width: number; height: number };
  setWindow(win: Window | null): void;
  setCanvasVideo(video: HTMLVideoElement | null): void;
}

const EVENTS = ['timeupdate', 'seeked', 'loadedmetadata', 'resize', 'play', 'pause'] as const;

/** Move `v` into a Document PiP window with the start label (glyphs ≥ ratio of the frame) and the persistent one. */
export async function openDocumentPip(host: PipHost, v: HTMLVideoElement): Promise<void> {
  const api = (globalThis as unknown as { documentPictureInPicture: { requestWindow(o: object): Promise<Window> } })
    .documentPictureInPicture;
  const win = await api.requestWindow({ width: Math.round(host.frame.width) || 480, height: Math.round(host.frame.height) || 270 });
  const doc = win.document;
  doc.documentElement.lang = host.locale;
  const style = doc.createElement('style');
  style.textContent =
    'html,body{margin:0;height:100%;background:#000;overflow:hidden}video{position:absolute;inset:0;width:100%;height:100%;object-fit:contain}' +
    `.aq-label{position:absolute;padding:.15em .35em;border-radius:.2em;background:rgba(0,0,0,.62);color:#fff;white-space:nowrap;line-height:1;font-family:${LABEL_FONT_FAMILY}}` +
    `.aq-persistent{position:absolute;right:4px;bottom:4px;padding:2px 6px;background:rgba(0,0,0,.62);color:#fff;font:12px ${LABEL_FONT_FAMILY}}`;
  const label = doc.createElement('div');
  label.className = 'aq-label';
  label.setAttribute('aria-hidden', 'true');
  label.textContent = host.wording;
  const persistent = doc.createElement('div');
  persistent.className = 'aq-persistent';
  persistent.setAttribute('role', 'note');
  persistent.textContent = host.wording;
  const placeholder = document.createComment('aq-ai-video: the video is in picture-in-picture');
  v.before(placeholder);
  doc.head.append(style);
  doc.body.append(v, label, persistent);
  let open = true;
  const layout = () => {
    const f = containedFrame(win.innerWidth, win.innerHeight, v.videoWidth, v.videoHeight);
    const size = fontSizeForGlyphHeight(host.wording, Math.min(f.width, f.height) * host.ratio, { family: LABEL_FONT_FAMILY });
    const m = Math.round(size * 0.25);
    Object.assign(label.style, { fontSize: `${size}px`, left: `${f.x + m}px`, top: `${f.y + m}px` });
    label.hidden = v.currentTime >= host.minSeconds;
  };
  layout();
  win.addEventListener('resize', layout);
  for (const type of EVENTS) v.addEventListener(type, layout);
  const tick = () => {
    layout();
    if (open) win.requestAnimationFrame(tick);
  };
  win.requestAnimationFrame(tick);
  win.addEventListener(
    'pagehide',
    () => {
      open = false;
      for (const type of EVENTS) v.removeEventListener(type, layout);
      placeholder.replaceWith(v);
      host.setWindow(null);
    },
    { once: true },
  );
  host.setWindow(win);
}

/** A canvas copy of `v` with the label drawn in while the start window lasts, shown in video PiP. */
export async function openCanvasPip(host: PipHost, v: HTMLVideoElement): Promise<void> {
  const canvas = document.createElement('canvas');
  canvas.width = v.videoWidth || 640;
  canvas.height = v.videoHeight || 360;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new DOMException('no 2D canvas context', 'NotSupportedError');
  let loop = 0;
  const draw = () => {
    ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
    if (v.currentTime < host.minSeconds) drawLabel(ctx, canvas.width, canvas.height, host.wording, host.position, host.ratio);
    loop = requestAnimationFrame(draw);
  };
  draw();
  const copy = document.createElement('video');
  copy.muted = true;
  copy.srcObject = canvas.captureStream();
  await copy.play();
  copy.addEventListener(
    'leavepictureinpicture',
    () => {
      cancelAnimationFrame(loop);
      for (const track of (copy.srcObject as MediaStream).getTracks()) track.stop();
      host.setCanvasVideo(null);
    },
    { once: true },
  );
  host.setCanvasVideo(copy);
  try {
    await copy.requestPictureInPicture();
  } catch (err) {
    cancelAnimationFrame(loop);
    for (const track of (copy.srcObject as MediaStream).getTracks()) track.stop();
    host.setCanvasVideo(null);
    throw err;
  }
}
