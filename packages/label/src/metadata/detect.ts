// Format sniffing from the first bytes.
import { fourcc, hasAscii, u16le, u32le, utf8DecodeStrict } from './bytes.js';
import { isId3Header } from './mp3.js';
import { looksLikeMp4 } from './mp4.js';
import { PNG_SIGNATURE } from './png.js';

/** A format this module reads and writes. `html` and `json` are project conventions (opt-in, see `conventions`). */
export type MediaFormat =
  | 'png'
  | 'jpeg'
  | 'webp'
  | 'gif'
  | 'svg'
  | 'mp3'
  | 'wav'
  | 'mp4'
  | 'matroska'
  | 'ogg'
  | 'flac'
  | 'pdf'
  | 'ooxml'
  | 'markdown'
  | 'html'
  | 'json';

/** Length of the MPEG audio frame whose header is at `o`, or 0 when it is not a valid header. */
function mpegFrameLength(b: Uint8Array, o: number): number {
  if (o + 4 > b.length || b[o] !== 0xff || (b[o + 1]! & 0xe0) !== 0xe0) return 0;
  const version = (b[o + 1]! >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
  const layer = (b[o + 1]! >> 1) & 3; // 1: III, 2: II, 3: I
  const bitrateIndex = b[o + 2]! >> 4;
  const rateIndex = (b[o + 2]! >> 2) & 3;
  if (version === 1 || layer === 0 || bitrateIndex === 0 || bitrateIndex === 0x0f || rateIndex === 3) return 0;
  const v1 = version === 3;
  const table = v1
    ? layer === 3
      ? [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448]
      : layer === 2
        ? [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384]
        : [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
    : layer === 3
      ? [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256]
      : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
  const rate = [44100, 48000, 32000][rateIndex]! / (version === 3 ? 1 : version === 2 ? 2 : 4);
  const bitrate = table[bitrateIndex]! * 1000;
  const padding = (b[o + 2]! >> 1) & 1;
  if (layer === 3) return Math.floor((12 * bitrate) / rate + padding) * 4;
  const perFrame = layer === 1 && !v1 ? 72 : 144;
  return Math.floor((perFrame * bitrate) / rate) + padding;
}

const MARKDOWN_TYPES = new Set(['text/markdown', 'text/x-markdown']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** The bare MIME type (`text/html; charset=utf-8` gives `text/html`), lower case. */
function bareType(type: string | undefined): string {
  return (type ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether a ZIP's central directory names `[Content_Types].xml` (an OOXML package: DOCX, XLSX, PPTX). */
function isOoxml(b: Uint8Array): boolean {
  if (!(b.length >= 30 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04)) return false;
  // End of central directory: the last "PK\x05\x06" within the final 64 KiB + 22 bytes.
  const min = Math.max(0, b.length - 22 - 0xffff);
  for (let o = b.length - 22; o >= min; o--) {
    if (b[o] === 0x50 && b[o + 1] === 0x4b && b[o + 2] === 0x05 && b[o + 3] === 0x06) {
      const count = u16le(b, o + 10);
      let p = u32le(b, o + 16);
      for (let i = 0; i < count && p + 46 <= b.length; i++) {
        if (u32le(b, p) !== 0x02014b50) return false;
        const nameLen = u16le(b, p + 28);
        if (p + 46 + nameLen > b.length) return false;
        if (nameLen === 19 && hasAscii(b, p + 46, '[Content_Types].xml')) return true;
        p += 46 + nameLen + u16le(b, p + 30) + u16le(b, p + 32);
      }
      return false;
    }
  }
  return false;
}

/** `%PDF-` within the first 1024 bytes (PDF 1.7 §7.5.2 readers allow leading garbage). */
function isPdf(b: Uint8Array): boolean {
  const end = Math.min(b.length - 5, 1024);
  for (let o = 0; o <= end; o++) if (b[o] === 0x25 && hasAscii(b, o, '%PDF-')) return true;
  return false;
}

/** What a UTF-8 text is, from its MIME type first and its first non-blank characters second. */
function textFormat(text: string, type: string): MediaFormat | null {
  if (MARKDOWN_TYPES.has(type)) return 'markdown';
  if (HTML_TYPES.has(type)) return 'html';
  if (type === 'image/svg+xml') return 'svg';
  if (type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)) return 'json';
  if (type !== '' && type !== 'application/octet-stream') return null; // text/plain, text/csv, XML, …: no carrier
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const head = text.slice(i, i + 4096);
  if (i === (text.charCodeAt(0) === 0xfeff ? 1 : 0) && /^---[ \t]*\r?\n/.test(head)) return 'markdown';
  if (head.startsWith('{')) return 'json';
  if (/^<!doctype html[\s>]/i.test(head) || /^<html[\s>]/i.test(head)) return 'html';
  // SVG: an <svg root after an optional XML declaration, comments and a doctype.
  const root = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/.exec(head);
  if (root) return 'svg';
  return null;
}

/**
 * The format of the bytes, sniffed from their content: binary formats by signature (PNG, JPEG, WebP, GIF, WAV,
 * MP3, MP4/MOV/M4A, WebM/MKV, Ogg, FLAC, PDF, OOXML), whatever `type` says; text by its MIME `type` where given
 * (`text/markdown`, `text/html`, `image/svg+xml`, `application/json`), else by its first characters (front matter
 * `---`, `{`, `<!doctype html`, `<svg`). Plain text, CSV, other XML and anything unknown give `null`: text is
 * never taken for Markdown just because it is UTF-8.
 */
export function detectFormat(bytes: Uint8Array, type?: string): MediaFormat | null {
  const b = bytes;
  if (!(b instanceof Uint8Array)) return null;
  if (b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v)) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && hasAscii(b, 0, 'RIFF')) {
    const form = fourcc(b, 8);
    if (form === 'WEBP') return 'webp';
    if (form === 'WAVE') return 'wav';
    return null;
  }
  if (hasAscii(b, 0, 'GIF87a') || hasAscii(b, 0, 'GIF89a')) return 'gif';
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'matroska';
  if (hasAscii(b, 0, 'OggS')) return 'ogg';
  if (hasAscii(b, 0, 'fLaC')) return 'flac';
  if (isPdf(b)) return 'pdf';
  if (isOoxml(b)) return 'ooxml';
  if (isId3Header(b, 0)) return 'mp3';
  const frame = mpegFrameLength(b, 0);
  if (frame > 0 && (frame >= b.length || mpegFrameLength(b, frame) > 0)) return 'mp3';
  if (looksLikeMp4(b)) return 'mp4';
  if (b.indexOf(0) >= 0) return null;
  const text = utf8DecodeStrict(b);
  return text === null ? null : textFormat(text, bareType(type));
}
