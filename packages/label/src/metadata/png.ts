// PNG: the label is an XMP packet in an iTXt chunk with keyword "XML:com.adobe.xmp" (TC260-PG-20259A);
// a tEXt/iTXt chunk with keyword "AIGC" (Appendix B form) is read too and removed on write.
import { concat, crc32, fourcc, latin1, latin1Decode, MAX_ITEMS, need, put32be, u32be, utf8, utf8Decode } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';
import { buildXmpPacket, updateXmpPacket, xmpLabelTexts } from './xmp.js';

/** The 8-byte PNG signature. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const XMP_KEYWORD = 'XML:com.adobe.xmp';

interface Chunk {
  type: string;
  /** Offset of the length field. */
  start: number;
  /** Offset after the CRC. */
  end: number;
  dataStart: number;
  dataEnd: number;
}

function chunks(b: Uint8Array): { list: Chunk[]; end: number } {
  need(b, 0, 8, 'PNG signature');
  const list: Chunk[] = [];
  let o = 8;
  for (let n = 0; ; n++) {
    if (n >= MAX_ITEMS) corrupt('PNG has too many chunks');
    need(b, o, 8, 'PNG chunk header');
    const len = u32be(b, o);
    if (len > 0x7fffffff) corrupt('PNG chunk length above 2^31-1');
    const type = fourcc(b, o + 4);
    if (!/^[A-Za-z]{4}$/.test(type)) corrupt('PNG chunk type is not 4 letters');
    if (n === 0 && type !== 'IHDR') corrupt('PNG does not start with IHDR');
    need(b, o + 8, len + 4, `PNG ${type} chunk`);
    list.push({ type, start: o, end: o + 12 + len, dataStart: o + 8, dataEnd: o + 8 + len });
    o += 12 + len;
    if (type === 'IEND') return { list, end: o };
  }
}

function checkCrc(b: Uint8Array, c: Chunk): void {
  if (crc32(b.subarray(c.start + 4, c.dataEnd)) !== u32be(b, c.dataEnd)) corrupt(`PNG ${c.type} chunk CRC mismatch`);
}

/** What a text chunk holds: keyword, whether compressed, the text (null when compressed). */
function textChunk(b: Uint8Array, c: Chunk): { keyword: string; text: string | null } | null {
  const d = b.subarray(c.dataStart, c.dataEnd);
  const z = d.indexOf(0);
  if (z < 1 || z > 79) return null;
  const keyword = latin1Decode(d, 0, z);
  if (c.type === 'tEXt') return { keyword, text: latin1Decode(d, z + 1) };
  if (c.type === 'zTXt') return { keyword, text: null };
  // iTXt: keyword \0 flag method language \0 translated \0 text
  if (z + 3 > d.length) corrupt('PNG iTXt chunk is too short');
  const compressed = d[z + 1] !== 0;
  const lang = d.indexOf(0, z + 3);
  if (lang < 0) corrupt('PNG iTXt language tag is not terminated');
  const translated = d.indexOf(0, lang + 1);
  if (translated < 0) corrupt('PNG iTXt translated keyword is not terminated');
  return { keyword, text: compressed ? null : utf8Decode(d.subarray(translated + 1)) };
}

type Role = 'xmp' | 'aigc' | null;

function role(b: Uint8Array, c: Chunk): { role: Role; text: string | null } {
  if (c.type !== 'iTXt' && c.type !== 'tEXt' && c.type !== 'zTXt') return { role: null, text: null };
  checkCrc(b, c);
  const t = textChunk(b, c);
  if (!t) return { role: null, text: null };
  if (t.keyword === XMP_KEYWORD && c.type === 'iTXt') return { role: 'xmp', text: t.text };
  if (t.keyword === 'AIGC') return { role: 'aigc', text: t.text };
  return { role: null, text: null };
}

/** The label texts held by a PNG, in file order. */
export function readPng(b: Uint8Array): string[] {
  const texts: string[] = [];
  for (const c of chunks(b).list) {
    const r = role(b, c);
    if (r.role === 'xmp' && r.text !== null) texts.push(...xmpLabelTexts(r.text));
    else if (r.role === 'aigc') {
      if (r.text === null) corrupt('PNG AIGC chunk is compressed');
      texts.push(r.text);
    }
  }
  return texts;
}

function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  put32be(out, 0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  put32be(out, 8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Writes the label as an iTXt XMP chunk right after IHDR (so before IDAT), keeping other XMP properties of an
 * existing uncompressed packet; drops every other XMP iTXt chunk and every AIGC text chunk.
 */
export function writePng(b: Uint8Array, json: string): Uint8Array {
  const { list } = chunks(b);
  let packet: string | null = null;
  const drop: Chunk[] = [];
  let sawIdat = false;
  for (const c of list) {
    if (c.type === 'IDAT') sawIdat = true;
    const r = role(b, c);
    if (r.role === null) continue;
    if (r.role === 'xmp' && packet === null && r.text !== null) packet = r.text;
    drop.push(c);
  }
  if (!sawIdat) corrupt('PNG has no IDAT chunk');
  const xml = packet === null ? buildXmpPacket(json) : updateXmpPacket(packet, json);
  const body = utf8(xml);
  const head = latin1(`${XMP_KEYWORD}\0\0\0\0\0`);
  const data = new Uint8Array(head.length + body.length);
  data.set(head, 0);
  data.set(body, head.length);
  const chunk = chunkBytes('iTXt', data);
  if (chunk.length > 0x7fffffff) throw new ImplicitLabelError('too-large', 'XMP chunk too large');
  const ihdr = list[0]!;
  const parts: Uint8Array[] = [b.subarray(0, ihdr.end), chunk];
  let at = ihdr.end;
  for (const c of drop) {
    parts.push(b.subarray(at, c.start));
    at = c.end;
  }
  parts.push(b.subarray(at));
  return concat(parts);
}
