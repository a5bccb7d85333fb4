// Format sniffing from the first bytes.
import { fourcc, hasAscii, utf8DecodeStrict } from './bytes.js';
import { isId3Header } from './mp3.js';
import { looksLikeMp4 } from './mp4.js';
import { PNG_SIGNATURE } from './png.js';

/** A format this module reads and writes. */
export type MediaFormat = 'png' | 'jpeg' | 'webp' | 'mp3' | 'wav' | 'mp4' | 'markdown';

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

/**
 * The format of the bytes, sniffed from their content (never from a name): PNG, JPEG, WebP, WAV and MP4/MOV/M4A
 * by signature, MP3 by an ID3v2 tag or two consecutive MPEG audio frame headers, and Markdown as the fallback for
 * any valid UTF-8 text without NUL characters. `null` when none applies.
 */
export function detectFormat(bytes: Uint8Array): MediaFormat | null {
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
  if (isId3Header(b, 0)) return 'mp3';
  const frame = mpegFrameLength(b, 0);
  if (frame > 0 && (frame >= b.length || mpegFrameLength(b, frame) > 0)) return 'mp3';
  if (looksLikeMp4(b)) return 'mp4';
  if (b.indexOf(0) >= 0) return null;
  return utf8DecodeStrict(b) === null ? null : 'markdown';
}
