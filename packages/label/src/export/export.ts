// Download, copy and export carry the label (Labeling Measures Art. 4, last paragraph): text gets the
// explicit label line, images get it burnt into the pixels, and files get the implicit metadata label.
import { getConfig } from '@anquan/core/config-state';
import { type Locale, resolveLocale } from '@anquan/core/i18n';
import type { ProfileId } from '@anquan/core/profiles';
import { type BurnInOptions, burnInImageLabel } from '../ai-image/burn-in.js';
import type { ImplicitLabel } from '../metadata/index.js';
import { wordingOrThrow } from '../wording.js';
import { type AudioExportOptions, exportLabelledAudio, exportLabelledVideo, type VideoExportOptions } from './media.js';
import type { MediaExportProgress } from './media-error.js';

export interface TextExportOptions {
  /** `start` (default) or `end`. */
  position?: 'start' | 'end';
  locale?: Locale | string;
  profile?: ProfileId;
  /** Custom wording (must contain both elements; else a LabelWordingError). */
  text?: string;
}

function bracket(wording: string, locale: Locale): string {
  return locale === 'zh-CN' ? `【${wording}】` : `[${wording}]`;
}

/**
 * The text with the explicit label line added at its start or end. Idempotent: text that already
 * carries the label line is returned unchanged.
 */
export function labelTextForExport(text: string, options: TextExportOptions = {}): string {
  const config = getConfig(options.profile);
  const locale = options.locale ? resolveLocale(options.locale) : config.defaultLocale;
  const line = bracket(wordingOrThrow(config, 'aiLabel', locale, options.text), locale);
  const body = String(text);
  if (body.startsWith(line) || body.trimEnd().endsWith(line)) return body;
  return options.position === 'end' ? `${body.replace(/\s+$/, '')}\n\n${line}\n` : `${line}\n\n${body}`;
}

/**
 * Make every copy out of `root` carry the label: the copied selection goes to the clipboard through
 * `labelTextForExport`. Returns a function that removes the handler.
 */
export function installLabelledCopy(root: HTMLElement | ShadowRoot, options: TextExportOptions = {}): () => void {
  const onCopy = (e: Event) => {
    const event = e as ClipboardEvent;
    const selection = (root.ownerDocument ?? document).getSelection()?.toString() ?? '';
    if (!selection || !event.clipboardData) return;
    const labelled = labelTextForExport(selection, options);
    event.clipboardData.setData('text/plain', labelled);
    event.preventDefault();
    root.dispatchEvent(new CustomEvent('aq-label-copied', { detail: { text: labelled }, bubbles: true, composed: true }));
  };
  root.addEventListener('copy', onCopy);
  return () => root.removeEventListener('copy', onCopy);
}

/**
 * Put `text`, labelled, on the clipboard (a copy button's click handler). Uses the async Clipboard API and
 * falls back to a `copy` command where it is not allowed. Resolves with the text that was copied.
 */
export async function copyLabelledText(text: string, options: TextExportOptions = {}): Promise<string> {
  const labelled = labelTextForExport(text, options);
  try {
    await navigator.clipboard.writeText(labelled);
  } catch {
    const onCopy = (e: ClipboardEvent) => {
      e.clipboardData?.setData('text/plain', labelled);
      e.preventDefault();
    };
    document.addEventListener('copy', onCopy, { once: true });
    const ok = document.execCommand('copy');
    document.removeEventListener('copy', onCopy);
    if (!ok) throw new Error('[anquan] copyLabelledText: the clipboard is not available');
  }
  globalThis.dispatchEvent?.(new CustomEvent('aq-label-copied', { detail: { text: labelled } }));
  return labelled;
}

export interface DownloadOptions extends BurnInOptions {
  /** Save the file under this name (an `<a download>` click). Without it, only the labelled Blob is returned. */
  filename?: string;
  /**
   * Put the explicit label into the media itself (default true): burnt into images, drawn into the first frames
   * of video, the rhythm cue (or a spoken clip) mixed into audio. `false` writes the implicit label only.
   */
  burnIn?: boolean;
  /** Video export settings (label windows, size cap…); see {@link VideoExportOptions}. */
  video?: Omit<VideoExportOptions, 'locale' | 'profile' | 'text' | 'signal' | 'onProgress'>;
  /** Audio export settings (format, position, voice clip…); see {@link AudioExportOptions}. */
  audio?: Omit<AudioExportOptions, 'locale' | 'profile' | 'signal' | 'onProgress'>;
  /** Cancels a video or audio export. */
  signal?: AbortSignal;
  /** Progress of a video or audio export. */
  onProgress?: (progress: MediaExportProgress) => void;
}

/** Audio the browser can re-encode in its own format; anything else (MP3, AAC) is exported as WAV. */
const OPUS_TYPES: Record<string, 'ogg' | 'webm'> = { 'audio/ogg': 'ogg', 'audio/opus': 'ogg', 'audio/webm': 'webm' };

/**
 * Label a file for download in one call: the explicit label (burnt into images; drawn into the opening frames of
 * video; the rhythm cue mixed into audio; a label line for text and Markdown) plus the implicit metadata label
 * (PNG, JPEG, WebP, MP3, WAV, MP4/MOV/M4A, WebM/MKV, Ogg, Markdown). Video and audio are re-encoded in the
 * browser (WebCodecs; mediabunny is loaded only then). MP3 and AAC audio come back as WAV (the browser has no
 * MP3 or AAC encoder): the Blob's `type` says which.
 * Resolves with the labelled Blob; with `filename`, also saves it.
 * @throws ImplicitLabelError for a label that breaks Appendix E or a file that cannot carry it;
 *   MediaExportError when a video or audio export cannot draw the label (it never falls back to the source)
 */
export async function downloadLabelled(blob: Blob, label: ImplicitLabel, options: DownloadOptions = {}): Promise<Blob> {
  let type = blob.type;
  let bytes: Uint8Array;
  const explicit = options.burnIn !== false;
  const common = { locale: options.locale, profile: options.profile, signal: options.signal, onProgress: options.onProgress };
  if (explicit && /^video\//.test(type)) {
    const result = await exportLabelledVideo(blob, label, { ...options.video, ...common, text: options.text });
    if (options.filename) save(result.blob, options.filename);
    return result.blob;
  }
  if (explicit && /^audio\//.test(type)) {
    const format = options.audio?.format ?? OPUS_TYPES[type.split(';')[0]!.trim()] ?? 'wav';
    const result = await exportLabelledAudio(blob, label, { ...options.audio, format, ...common });
    if (options.filename) save(result.blob, options.filename);
    return result.blob;
  }
  if (/^image\/(png|jpeg|webp)$/.test(type) && explicit) {
    const burnt = await burnInImageLabel(blob, { ...options, type: options.type ?? type });
    type = burnt.type || type;
    bytes = new Uint8Array(await burnt.arrayBuffer());
  } else if (/^text\//.test(type)) {
    const source = await blob.text();
    // Keep an existing YAML front matter at the head; the label line goes right after it.
    const front = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source)?.[0] ?? '';
    bytes = new TextEncoder().encode(
      front + labelTextForExport(source.slice(front.length), { locale: options.locale, profile: options.profile, text: options.text }),
    );
  } else {
    bytes = new Uint8Array(await blob.arrayBuffer());
  }
  // Plain text has no metadata carrier; everything else gets the implicit label.
  // The metadata writers (every format's reader and writer) are a chunk of their own, loaded by the first export.
  const out = type.startsWith('text/plain')
    ? bytes
    : await (await import('../metadata/index.js')).writeImplicitLabelAsync(bytes, label, { type });
  const result = new Blob([out as Uint8Array<ArrayBuffer>], { type });
  if (options.filename) save(result, options.filename);
  return result;
}

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
