// MP3: the label is an ID3v2 TXXX frame with description "AIGC" and the JSON as value (TC260-PG-202510A).
// Reads ID3v2.2/2.3/2.4 (unsynchronisation undone); a file without a tag gets a new ID3v2.3 tag.
import { concat, latin1, latin1Decode, MAX_ITEMS, u16be, u24be, u32be, utf8Decode } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';

interface Frame {
  id: string;
  /** The two flag bytes (v2.3/v2.4; 0 for v2.2). */
  flags: number;
  /** Frame data with unsynchronisation undone. */
  data: Uint8Array;
}

interface Tag {
  start: number;
  end: number;
  major: number;
  revision: number;
  flags: number;
  frames: Frame[];
}

const MAX_TAGS = 16;
const MAX_SYNCSAFE = 0x0fffffff;

function syncsafe(b: Uint8Array, o: number): number {
  if ((b[o]! | b[o + 1]! | b[o + 2]! | b[o + 3]!) & 0x80) corrupt('ID3v2 syncsafe integer has a high bit set');
  return (b[o]! << 21) | (b[o + 1]! << 14) | (b[o + 2]! << 7) | b[o + 3]!;
}

function putSyncsafe(out: Uint8Array, o: number, v: number): void {
  if (v > MAX_SYNCSAFE) throw new ImplicitLabelError('too-large', 'ID3v2 tag above 256 MiB');
  out[o] = (v >>> 21) & 0x7f;
  out[o + 1] = (v >>> 14) & 0x7f;
  out[o + 2] = (v >>> 7) & 0x7f;
  out[o + 3] = v & 0x7f;
}

/** Undoes ID3 unsynchronisation (drops the 0x00 inserted after each 0xFF). */
function deunsync(d: Uint8Array): Uint8Array {
  if (d.indexOf(0xff) < 0) return d;
  const out = new Uint8Array(d.length);
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    out[n++] = d[i]!;
    if (d[i] === 0xff && d[i + 1] === 0x00) i++;
  }
  return out.subarray(0, n);
}

/** Whether a valid ID3v2 header starts at `o`. */
export function isId3Header(b: Uint8Array, o: number): boolean {
  return (
    o + 10 <= b.length &&
    b[o] === 0x49 &&
    b[o + 1] === 0x44 &&
    b[o + 2] === 0x33 &&
    b[o + 3]! >= 2 &&
    b[o + 3]! <= 4 &&
    b[o + 4] !== 0xff &&
    ((b[o + 6]! | b[o + 7]! | b[o + 8]! | b[o + 9]!) & 0x80) === 0
  );
}

function parseTag(b: Uint8Array, p: number): Tag {
  const major = b[p + 3]!;
  const revision = b[p + 4]!;
  const flags = b[p + 5]!;
  const size = syncsafe(b, p + 6);
  const footer = major === 4 && (flags & 0x10) !== 0 ? 10 : 0;
  const end = p + 10 + size + footer;
  if (end > b.length) throw new ImplicitLabelError('truncated', 'ID3v2 tag runs past the end of the file');
  if (major === 2 && flags & 0x40) throw new ImplicitLabelError('unsupported-format', 'Compressed ID3v2.2 tags are not supported');
  let body = b.subarray(p + 10, p + 10 + size);
  const tagUnsync = (flags & 0x80) !== 0;
  if (tagUnsync && major < 4) body = deunsync(body);
  let o = 0;
  if (major >= 3 && flags & 0x40) {
    if (body.length < 4) corrupt('ID3v2 extended header is truncated');
    const ext = major === 3 ? u32be(body, 0) + 4 : syncsafe(body, 0);
    if (ext < 4 || ext > body.length) corrupt('ID3v2 extended header size is out of range');
    o = ext;
  }
  const headerLen = major === 2 ? 6 : 10;
  const frames: Frame[] = [];
  for (let n = 0; o + headerLen <= body.length; n++) {
    if (n >= MAX_ITEMS) corrupt('ID3v2 tag has too many frames');
    const idLen = major === 2 ? 3 : 4;
    const id = latin1Decode(body, o, o + idLen);
    if (!/^[A-Z0-9]+$/.test(id)) break; // padding (or junk treated as padding)
    const fsize = major === 2 ? u24be(body, o + 3) : major === 3 ? u32be(body, o + 4) : syncsafe(body, o + 4);
    const fflags = major === 2 ? 0 : u16be(body, o + 8);
    const start = o + headerLen;
    if (fsize > body.length - start) throw new ImplicitLabelError('truncated', `ID3v2 frame ${id} runs past the tag`);
    let data = body.subarray(start, start + fsize);
    let outFlags = fflags;
    if (major === 4 && (tagUnsync || fflags & 0x0002)) {
      data = deunsync(data);
      outFlags &= ~0x0002;
    }
    frames.push({ id, flags: outFlags, data });
    o = start + fsize;
  }
  return { start: p, end, major, revision, flags, frames };
}

/** Every ID3v2 tag at the head of the file (back to back). */
function tags(b: Uint8Array): Tag[] {
  const list: Tag[] = [];
  let p = 0;
  while (isId3Header(b, p)) {
    if (list.length >= MAX_TAGS) corrupt('More than 16 ID3v2 tags in a row');
    const t = parseTag(b, p);
    list.push(t);
    p = t.end;
  }
  return list;
}

function utf16(d: Uint8Array, bigEndian: boolean): string {
  let s = '';
  for (let i = 0; i + 1 < d.length; i += 2) s += String.fromCharCode(bigEndian ? (d[i]! << 8) | d[i + 1]! : d[i]! | (d[i + 1]! << 8));
  return s;
}

function decodeText(d: Uint8Array, enc: number): string {
  if (enc === 0) return latin1Decode(d);
  if (enc === 3) return utf8Decode(d);
  if (enc === 2) return utf16(d, true);
  // enc 1: UTF-16 with BOM
  if (d[0] === 0xfe && d[1] === 0xff) return utf16(d.subarray(2), true);
  if (d[0] === 0xff && d[1] === 0xfe) return utf16(d.subarray(2), false);
  return utf16(d, false);
}

/** A TXXX frame's description and value, or null when the frame is not readable text. */
function txxx(f: Frame, major: number): { description: string; value: string } | null {
  if (f.id !== (major === 2 ? 'TXX' : 'TXXX')) return null;
  let d = f.data;
  if (major === 4) {
    if (f.flags & 0x000c) return null; // compressed or encrypted
    if (f.flags & 0x0040) d = d.subarray(1); // grouping identity
    if (f.flags & 0x0001) d = d.subarray(4); // data length indicator
  } else if (major === 3) {
    if (f.flags & 0x00c0) return null; // compressed or encrypted
    if (f.flags & 0x0020) d = d.subarray(1);
  }
  if (d.length < 1) return null;
  const enc = d[0]!;
  if (enc > 3) corrupt('ID3v2 TXXX frame has an unknown text encoding');
  const body = d.subarray(1);
  let split = -1;
  let width = 1;
  if (enc === 0 || enc === 3) split = body.indexOf(0);
  else {
    width = 2;
    for (let i = 0; i + 1 < body.length; i += 2) {
      if (body[i] === 0 && body[i + 1] === 0) {
        split = i;
        break;
      }
    }
  }
  if (split < 0) return { description: decodeText(body, enc).replace(/\0+$/, ''), value: '' };
  const description = decodeText(body.subarray(0, split), enc);
  const valueBytes = body.subarray(split + width);
  return { description, value: decodeText(valueBytes, enc).replace(/\0+$/, '') };
}

function isLabelFrame(f: Frame, major: number): string | null {
  const t = txxx(f, major);
  return t && t.description.toUpperCase() === 'AIGC' ? t.value : null;
}

/** The label texts held by an MP3 file (TXXX:AIGC frames of the leading ID3v2 tags), in file order. */
export function readMp3(b: Uint8Array): string[] {
  const texts: string[] = [];
  for (const t of tags(b)) {
    for (const f of t.frames) {
      const v = isLabelFrame(f, t.major);
      if (v !== null) texts.push(v);
    }
  }
  return texts;
}

function frameBytes(f: Frame, major: number): Uint8Array {
  const headerLen = major === 2 ? 6 : 10;
  const out = new Uint8Array(headerLen + f.data.length);
  out.set(latin1(f.id), 0);
  const n = f.data.length;
  if (major === 2) {
    if (n > 0xffffff) throw new ImplicitLabelError('too-large', 'ID3v2.2 frame above 16 MiB');
    out[3] = n >>> 16;
    out[4] = (n >>> 8) & 0xff;
    out[5] = n & 0xff;
  } else {
    if (major === 4) putSyncsafe(out, 4, n);
    else {
      out[4] = n >>> 24;
      out[5] = (n >>> 16) & 0xff;
      out[6] = (n >>> 8) & 0xff;
      out[7] = n & 0xff;
    }
    out[8] = f.flags >>> 8;
    out[9] = f.flags & 0xff;
  }
  out.set(f.data, headerLen);
  return out;
}

function labelFrame(json: string, major: number): Frame {
  // Encoding 0 (ISO-8859-1): the JSON is ASCII, readable by every ID3 reader.
  return { id: major === 2 ? 'TXX' : 'TXXX', flags: 0, data: latin1(`\0AIGC\0${json}`) };
}

function tagBytes(t: Pick<Tag, 'major' | 'revision' | 'flags' | 'frames'>, minSize: number): Uint8Array {
  const frames = t.frames.map((f) => frameBytes(f, t.major));
  let size = 0;
  for (const f of frames) size += f.length;
  const padded = Math.max(size, minSize);
  const out = new Uint8Array(10 + padded);
  out.set([0x49, 0x44, 0x33, t.major, t.revision, t.flags & 0x20], 0);
  putSyncsafe(out, 6, padded);
  let o = 10;
  for (const f of frames) {
    out.set(f, o);
    o += f.length;
  }
  return out;
}

/**
 * Writes one TXXX:AIGC frame into the first ID3v2 tag (creating an ID3v2.3 tag when there is none) and removes
 * every other TXXX:AIGC frame. A rewritten tag keeps its size when the frames still fit its padding, so the audio
 * does not move; unsynchronisation, the extended header and the footer are dropped.
 */
export function writeMp3(b: Uint8Array, json: string): Uint8Array {
  const list = tags(b);
  if (list.length === 0) {
    return concat([tagBytes({ major: 3, revision: 0, flags: 0, frames: [labelFrame(json, 3)] }, 0), b]);
  }
  const parts: Uint8Array[] = [];
  list.forEach((t, i) => {
    const frames = t.frames.filter((f) => isLabelFrame(f, t.major) === null);
    if (i === 0) frames.push(labelFrame(json, t.major));
    parts.push(tagBytes({ ...t, frames }, t.end - t.start - 10));
  });
  parts.push(b.subarray(list[list.length - 1]!.end));
  return concat(parts);
}
