/**
 * Compact, JSON-safe encodings of integer arrays for compiled libraries: base64 of either
 * zigzag-delta LEB128 varints (`v:` prefix, for arrays whose neighbours are close) or raw
 * little-endian 32-bit words (`w:` prefix, for hash values). No allocation per element.
 *
 * @module
 */
import { KeywordLibraryError } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 (with padding) of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  if (i < n) {
    const v = (bytes[i] << 16) | ((i + 1 < n ? bytes[i + 1] : 0) << 8);
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < n ? ALPHABET[(v >> 6) & 63] : '=') + '=';
  }
  parts.push(chunk);
  return parts.join('');
}

/** Decodes standard base64; throws a `format` error on a bad character. */
export function base64ToBytes(s: string): Uint8Array<ArrayBuffer> {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 61) len--;
  const out = new Uint8Array((len * 3) >> 2);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    const d = c < 128 ? DECODE[c] : -1;
    if (d < 0) throw new KeywordLibraryError('format', `compiled library: bad base64 character at ${i}`);
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}

/** Encodes integers as zigzag deltas in LEB128, base64 with a `v:` prefix. */
export function encodeVarints(values: ArrayLike<number>): string {
  let bytes = new Uint8Array(Math.max(16, values.length * 2));
  let o = 0;
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] | 0;
    const d = (v - prev) | 0;
    prev = v;
    let z = ((d << 1) ^ (d >> 31)) >>> 0;
    if (o + 5 > bytes.length) {
      const grown = new Uint8Array(bytes.length * 2);
      grown.set(bytes);
      bytes = grown;
    }
    while (z >= 0x80) {
      bytes[o++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    bytes[o++] = z;
  }
  return `v:${values.length}:${bytesToBase64(bytes.subarray(0, o))}`;
}

/** Encodes integers as raw little-endian 32-bit words, base64 with a `w:` prefix. */
export function encodeWords(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  for (let i = 0, o = 0; i < values.length; i++, o += 4) {
    const v = values[i] | 0;
    bytes[o] = v & 255;
    bytes[o + 1] = (v >>> 8) & 255;
    bytes[o + 2] = (v >>> 16) & 255;
    bytes[o + 3] = v >>> 24;
  }
  return `w:${values.length}:${bytesToBase64(bytes)}`;
}

/** Decodes either encoding into an `Int32Array`. */
export function decodeInts(encoded: unknown, what: string): Int32Array {
  if (typeof encoded !== 'string') throw new KeywordLibraryError('format', `compiled library: ${what} is missing`);
  const m = /^([vw]):(\d+):/.exec(encoded);
  if (!m) throw new KeywordLibraryError('format', `compiled library: ${what} has an unknown encoding`);
  const count = Number(m[2]);
  const bytes = base64ToBytes(encoded.slice(m[0].length));
  const out = new Int32Array(count);
  if (m[1] === 'w') {
    if (bytes.length !== count * 4) throw new KeywordLibraryError('format', `compiled library: ${what} has the wrong length`);
    for (let i = 0, o = 0; i < count; i++, o += 4) {
      out[i] = bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24);
    }
    return out;
  }
  let p = 0;
  let prev = 0;
  for (let i = 0; i < count; i++) {
    let z = 0;
    let shift = 0;
    let b: number;
    do {
      if (p >= bytes.length) throw new KeywordLibraryError('format', `compiled library: ${what} is truncated`);
      b = bytes[p++];
      z |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80 && shift < 35);
    const d = (z >>> 1) ^ -(z & 1);
    prev = (prev + d) | 0;
    out[i] = prev;
  }
  return out;
}
