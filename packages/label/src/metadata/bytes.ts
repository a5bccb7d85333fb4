// Shared byte readers and writers, CRC-32, text codecs and the one-allocation splice used by every format.
import { corrupt, truncated } from './errors.js';

/** Big-endian unsigned 16-bit read; the caller has checked bounds. */
export function u16be(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

/** Big-endian unsigned 24-bit read. */
export function u24be(b: Uint8Array, o: number): number {
  return (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!;
}

/** Big-endian unsigned 32-bit read. */
export function u32be(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) >>> 0) + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!);
}

/** Big-endian unsigned 64-bit read as a number; `corrupt` above 2^53 (no real file is that large). */
export function u64be(b: Uint8Array, o: number): number {
  const hi = u32be(b, o);
  const lo = u32be(b, o + 4);
  if (hi > 0x1fffff) corrupt('64-bit size or offset above 2^53');
  return hi * 0x1_0000_0000 + lo;
}

/** Little-endian unsigned 16-bit read. */
export function u16le(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

/** Little-endian unsigned 24-bit read. */
export function u24le(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);
}

/** Little-endian unsigned 32-bit read. */
export function u32le(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + ((b[o + 3]! << 24) >>> 0);
}

/** Big-endian 32-bit write. */
export function put32be(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 24) & 0xff;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/** Big-endian 64-bit write of a safe integer. */
export function put64be(b: Uint8Array, o: number, v: number): void {
  put32be(b, o, Math.floor(v / 0x1_0000_0000));
  put32be(b, o + 4, v >>> 0);
}

/** Little-endian 32-bit write. */
export function put32le(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

/** Little-endian 24-bit write. */
export function put24le(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
}

/** Four ASCII characters at `o` (a chunk or box type). */
export function fourcc(b: Uint8Array, o: number): string {
  return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
}

/** Whether `text` (ASCII) occurs in `b` at `o`. */
export function hasAscii(b: Uint8Array, o: number, text: string): boolean {
  if (o < 0 || o + text.length > b.length) return false;
  for (let i = 0; i < text.length; i++) if (b[o + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Throws `truncated` unless `len` bytes from `o` lie inside `b` (or inside `end` when given). */
export function need(b: Uint8Array, o: number, len: number, what: string, end = b.length): void {
  if (!(o >= 0 && len >= 0 && o + len <= end && end <= b.length)) truncated(what);
}

/** Bytes of an ASCII/Latin-1 string (every code unit must be < 256). */
export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** Latin-1 decode of a byte range. */
export function latin1Decode(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  for (let i = start; i < end; i += 8192) {
    s += String.fromCharCode(...b.subarray(i, Math.min(end, i + 8192)));
  }
  return s;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 encode. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Lenient UTF-8 decode (bad sequences become U+FFFD). */
export function utf8Decode(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Strict UTF-8 decode (a BOM is kept as U+FEFF); `null` when the bytes are not valid UTF-8. */
export function utf8DecodeStrict(b: Uint8Array): string | null {
  try {
    return strictDecoder.decode(b);
  } catch {
    return null;
  }
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG uses) over the given ranges in turn. */
export function crc32(...parts: Uint8Array[]): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const p of parts) for (let i = 0; i < p.length; i++) c = crcTable[(c ^ p[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One allocation, then `set` of each piece in turn: the output of every writer. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Upper bound on structures walked in one file (chunks, segments, boxes, frames). */
export const MAX_ITEMS = 1_000_000;
