// WebP: the label is an XMP packet in the "XMP " chunk of the extended format (TC260-PG-20259A).
// A simple (VP8/VP8L) file is turned into an extended one: VP8X with the XMP flag and the canvas size of the image.
import { concat, put24le, u16le, u32le, utf8, utf8Decode } from './bytes.js';
import { corrupt } from './errors.js';
import { fixRiffSize, type RiffChunk, riffChunk, riffChunks } from './riff.js';
import { buildXmpPacket, updateXmpPacket, xmpLabelTexts } from './xmp.js';

const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;
/** Chunks that come before XMP in the extended layout (RFC 9649 §2.7). */
const BEFORE_XMP = new Set(['VP8X', 'ICCP', 'ANIM', 'ANMF', 'ALPH', 'VP8 ', 'VP8L', 'EXIF']);

/** The label texts held by a WebP file, in file order. */
export function readWebp(b: Uint8Array): string[] {
  const { list } = riffChunks(b, 'WEBP');
  if (list.length === 0) corrupt('WebP has no chunks');
  return list.filter((c) => c.id === 'XMP ').flatMap((c) => xmpLabelTexts(utf8Decode(b.subarray(c.dataStart, c.dataEnd))));
}

/** Canvas size and alpha of a simple-format image chunk. */
function simpleImage(b: Uint8Array, c: RiffChunk): { width: number; height: number; alpha: boolean } {
  const d = b.subarray(c.dataStart, c.dataEnd);
  if (c.id === 'VP8 ') {
    // Frame tag (3 bytes, bit 0 = 0 for a key frame), start code 9d 01 2a, 14-bit width and height.
    if (d.length < 10 || (d[0]! & 1) !== 0 || d[3] !== 0x9d || d[4] !== 0x01 || d[5] !== 0x2a) {
      corrupt('WebP VP8 chunk is not a key frame');
    }
    return { width: u16le(d, 6) & 0x3fff, height: u16le(d, 8) & 0x3fff, alpha: false };
  }
  // VP8L: signature 0x2f, then 14 bits width-1, 14 bits height-1, 1 bit alpha, 3 bits version.
  if (d.length < 5 || d[0] !== 0x2f) corrupt('WebP VP8L chunk has no signature');
  const bits = u32le(d, 1);
  if (bits >>> 29 !== 0) corrupt('WebP VP8L version is not 0');
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
}

/**
 * Writes one "XMP " chunk after the image data and EXIF (keeping other properties of an existing packet), drops
 * other XMP chunks, sets the VP8X XMP flag (adding VP8X to a simple file) and fixes the RIFF size.
 */
export function writeWebp(b: Uint8Array, json: string): Uint8Array {
  const { list, riffEnd } = riffChunks(b, 'WEBP');
  const first = list[0];
  if (!first) corrupt('WebP has no chunks');
  let packet: string | null = null;
  for (const c of list) if (c.id === 'XMP ' && packet === null) packet = utf8Decode(b.subarray(c.dataStart, c.dataEnd));
  const xmp = riffChunk('XMP ', utf8(packet === null ? buildXmpPacket(json) : updateXmpPacket(packet, json)));

  let vp8x: Uint8Array;
  let bodyStart: number;
  if (first.id === 'VP8X') {
    if (first.dataEnd - first.dataStart < 10) corrupt('WebP VP8X chunk is too short');
    vp8x = b.slice(first.start, first.end);
    vp8x[8] = vp8x[8]! | XMP_FLAG;
    bodyStart = first.end;
  } else if (first.id === 'VP8 ' || first.id === 'VP8L') {
    const img = simpleImage(b, first);
    if (img.width === 0 || img.height === 0) corrupt('WebP image of size 0');
    const data = new Uint8Array(10);
    data[0] = XMP_FLAG | (img.alpha ? ALPHA_FLAG : 0);
    put24le(data, 4, img.width - 1);
    put24le(data, 7, img.height - 1);
    vp8x = riffChunk('VP8X', data);
    bodyStart = first.start;
  } else {
    corrupt(`WebP starts with an unknown ${JSON.stringify(first.id)} chunk`);
  }

  // Insert XMP after the last chunk that precedes it in the extended layout.
  let insertAt = bodyStart;
  for (const c of list) if (BEFORE_XMP.has(c.id) && c.end > insertAt) insertAt = c.end;
  const parts: Uint8Array[] = [b.subarray(0, 12), vp8x];
  let at = bodyStart;
  let size = 12 + vp8x.length;
  const push = (p: Uint8Array): void => {
    parts.push(p);
    size += p.length;
  };
  let placed = false;
  for (const c of list) {
    if (c.start < bodyStart) continue;
    if (!placed && c.start >= insertAt) {
      push(b.subarray(at, insertAt));
      push(xmp);
      at = insertAt;
      placed = true;
    }
    if (c.id === 'XMP ') {
      push(b.subarray(at, c.start));
      at = c.end;
    }
  }
  if (!placed) {
    push(b.subarray(at, insertAt));
    at = insertAt;
    const last = list[list.length - 1]!;
    if (last.end === last.dataEnd && (last.dataEnd - last.dataStart) % 2 === 1 && last.end === insertAt) {
      push(new Uint8Array(1));
    }
    push(xmp);
  }
  push(b.subarray(at, riffEnd));
  const newRiffEnd = size;
  parts.push(b.subarray(riffEnd));
  const out = concat(parts);
  fixRiffSize(out, newRiffEnd);
  return out;
}
