// JPEG: the label is an XMP packet in an APP1 segment "http://ns.adobe.com/xap/1.0/\0" (TC260-PG-20259A),
// placed after SOI and any leading APP0 (JFIF) and APP1 (Exif) segments.
import { concat, hasAscii, latin1, MAX_ITEMS, need, u16be, utf8, utf8Decode } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';
import { buildXmpPacket, updateXmpPacket, xmpLabelTexts } from './xmp.js';

const XMP_ID = 'http://ns.adobe.com/xap/1.0/\0';

interface Segment {
  marker: number;
  /** Offset of the first 0xFF. */
  start: number;
  /** Offset after the length field (equals `end` for standalone markers). */
  dataStart: number;
  end: number;
}

/** Marker segments from SOI up to (not including) SOS. */
function segments(b: Uint8Array): Segment[] {
  need(b, 0, 2, 'JPEG SOI');
  if (b[0] !== 0xff || b[1] !== 0xd8) corrupt('JPEG does not start with SOI');
  const list: Segment[] = [];
  let o = 2;
  for (let n = 0; ; n++) {
    if (n >= MAX_ITEMS) corrupt('JPEG has too many segments');
    need(b, o, 2, 'JPEG marker');
    if (b[o] !== 0xff) corrupt('JPEG marker expected');
    let m = o + 1;
    while (m < b.length && b[m] === 0xff) m++; // fill bytes
    need(b, m, 1, 'JPEG marker');
    const marker = b[m]!;
    if (marker === 0x00) corrupt('JPEG marker 0x00');
    if (marker === 0xd9) corrupt('JPEG ends before its scan');
    if (marker === 0xd8) corrupt('JPEG has a second SOI in its header');
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      list.push({ marker, start: o, dataStart: m + 1, end: m + 1 });
      o = m + 1;
      continue;
    }
    need(b, m + 1, 2, 'JPEG segment length');
    const len = u16be(b, m + 1);
    if (len < 2) corrupt('JPEG segment length below 2');
    need(b, m + 1, len, `JPEG segment 0x${marker.toString(16)}`);
    if (marker === 0xda) return list; // SOS: header ends here
    list.push({ marker, start: o, dataStart: m + 3, end: m + 1 + len });
    o = m + 1 + len;
  }
}

function isXmp(b: Uint8Array, s: Segment): boolean {
  return s.marker === 0xe1 && s.end - s.dataStart >= XMP_ID.length && hasAscii(b, s.dataStart, XMP_ID);
}

function xmpText(b: Uint8Array, s: Segment): string {
  return utf8Decode(b.subarray(s.dataStart + XMP_ID.length, s.end));
}

/** The label texts held by a JPEG, in file order. */
export function readJpeg(b: Uint8Array): string[] {
  const texts: string[] = [];
  for (const s of segments(b)) if (isXmp(b, s)) texts.push(...xmpLabelTexts(xmpText(b, s)));
  return texts;
}

/**
 * Writes one XMP APP1 segment (keeping other properties of the first existing packet), drops every other
 * XMP APP1 segment, and places it after SOI and leading APP0/Exif APP1 segments.
 */
export function writeJpeg(b: Uint8Array, json: string): Uint8Array {
  const list = segments(b);
  let packet: string | null = null;
  const drop: Segment[] = [];
  for (const s of list) {
    if (!isXmp(b, s)) continue;
    if (packet === null) packet = xmpText(b, s);
    drop.push(s);
  }
  const body = utf8(packet === null ? buildXmpPacket(json) : updateXmpPacket(packet, json));
  const len = 2 + XMP_ID.length + body.length;
  if (len > 0xffff) {
    throw new ImplicitLabelError('too-large', `The XMP packet needs ${len} bytes; a JPEG APP1 segment holds at most 65535`);
  }
  const seg = new Uint8Array(2 + len);
  seg[0] = 0xff;
  seg[1] = 0xe1;
  seg[2] = len >> 8;
  seg[3] = len & 0xff;
  seg.set(latin1(XMP_ID), 4);
  seg.set(body, 4 + XMP_ID.length);
  // Insertion point: after SOI, then any APP0 segments, then any Exif APP1 segments.
  let insertAt = 2;
  let i = 0;
  while (i < list.length && list[i]!.marker === 0xe0) insertAt = list[i++]!.end;
  while (i < list.length && list[i]!.marker === 0xe1 && hasAscii(b, list[i]!.dataStart, 'Exif\0')) insertAt = list[i++]!.end;
  const parts: Uint8Array[] = [];
  let at = 0;
  let placed = false;
  for (const s of drop) {
    if (!placed && s.start >= insertAt) {
      parts.push(b.subarray(at, insertAt), seg);
      at = insertAt;
      placed = true;
    }
    parts.push(b.subarray(at, s.start));
    at = s.end;
  }
  if (!placed) {
    parts.push(b.subarray(at, insertAt), seg);
    at = insertAt;
  }
  parts.push(b.subarray(at));
  return concat(parts);
}
