// Download, copy and export carry the label (Labeling Measures Art. 4, last paragraph): text gets the
// explicit label line, images get it burnt into the pixels, and files get the implicit metadata label.
import { getConfig, type Locale, type ProfileId, resolveLocale } from '@anquan/core';
import { type BurnInOptions, burnInImageLabel } from '../ai-image/burn-in.js';
import { type ImplicitLabel, writeImplicitLabel } from '../metadata/index.js';
import { wordingOrThrow } from '../wording.js';

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
  /** Burn the explicit label into images (default true). */
  burnIn?: boolean;
}

/**
 * Label a file for download in one call: the explicit label (burnt into images; a label line for text and
 * Markdown) plus the implicit metadata label (PNG, JPEG, WebP, MP3, WAV, MP4/MOV/M4A, Markdown).
 * Resolves with the labelled Blob; with `filename`, also saves it.
 * @throws ImplicitLabelError for a label that breaks Appendix E or a file that cannot carry it
 */
export async function downloadLabelled(blob: Blob, label: ImplicitLabel, options: DownloadOptions = {}): Promise<Blob> {
  let type = blob.type;
  let bytes: Uint8Array;
  if (/^image\/(png|jpeg|webp)$/.test(type) && options.burnIn !== false) {
    const burnt = await burnInImageLabel(blob, { ...options, type: options.type ?? type });
    type = burnt.type || type;
    bytes = new Uint8Array(await burnt.arrayBuffer());
  } else if (/^text\//.test(type)) {
    const source = await blob.text();
    // Keep an existing YAML front matter at the head; the label line goes right after it.
    const front = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source)?.[0] ?? '';
    bytes = new TextEncoder().encode(front + labelTextForExport(source.slice(front.length), { locale: options.locale, profile: options.profile, text: options.text }));
  } else {
    bytes = new Uint8Array(await blob.arrayBuffer());
  }
  // Plain text has no metadata carrier; everything else gets the implicit label.
  const out = type.startsWith('text/plain') ? bytes : writeImplicitLabel(bytes, label);
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
