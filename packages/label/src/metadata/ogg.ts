// Ogg Vorbis and Ogg Opus: the label is an `AIGC=` field of the comment header packet (Vorbis I §5, RFC 7845 §5.2).
// The header pages after the identification page are rebuilt; later pages keep their bytes, with their sequence
// numbers and CRCs updated when the number of header pages changes. Single-stream files only.
import { concat, hasAscii, latin1, MAX_ITEMS, need, u32le } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';
import { labelFields, parseComments, serializeComments } from './vorbis.js';

interface Page {
  start: number;
  end: number;
  flags: number;
  serial: number;
  seq: number;
  /** Lacing values. */
  lacing: Uint8Array;
  dataStart: number;
}

let table: Uint32Array | undefined;

/** The Ogg CRC-32 (polynomial 0x04C11DB7, not reflected, initial 0). */
function oggCrc(b: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let r = i << 24;
      for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
      table[i] = r >>> 0;
    }
  }
  let c = 0;
  for (let i = 0; i < b.length; i++) c = ((c << 8) ^ table[((c >>> 24) ^ b[i]!) & 0xff]!) >>> 0;
  return c >>> 0;
}

function pages(b: Uint8Array): Page[] {
  const list: Page[] = [];
  let o = 0;
  for (let n = 0; o < b.length; n++) {
    if (n >= MAX_ITEMS) corrupt('Ogg has too many pages');
    need(b, o, 27, 'Ogg page header');
    if (!hasAscii(b, o, 'OggS') || b[o + 4] !== 0) corrupt('Ogg page capture pattern expected');
    const segs = b[o + 26]!;
    need(b, o + 27, segs, 'Ogg lacing table');
    const lacing = b.subarray(o + 27, o + 27 + segs);
    let size = 0;
    for (const l of lacing) size += l;
    const dataStart = o + 27 + segs;
    need(b, dataStart, size, 'Ogg page data');
    list.push({ start: o, end: dataStart + size, flags: b[o + 5]!, serial: u32le(b, o + 14), seq: u32le(b, o + 18), lacing, dataStart });
    o = dataStart + size;
  }
  if (list.length === 0) corrupt('Ogg has no pages');
  if (list.some((p) => p.serial !== list[0]!.serial)) {
    throw new ImplicitLabelError('unsupported-format', 'Multiplexed or chained Ogg (several streams) is not supported');
  }
  return list;
}

type Codec = { name: 'vorbis' | 'opus'; headers: number; signature: string };

/** The first `count` packets and the index of the page where the last of them ends. */
function headerPackets(b: Uint8Array, list: Page[], count: number): { packets: Uint8Array[]; lastPage: number } {
  const packets: Uint8Array[] = [];
  let current: Uint8Array[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    let o = p.dataStart;
    let segStart = o;
    for (let s = 0; s < p.lacing.length; s++) {
      o += p.lacing[s]!;
      if (p.lacing[s]! < 255) {
        current.push(b.subarray(segStart, o));
        packets.push(concat(current));
        current = [];
        segStart = o;
        if (packets.length === count) {
          if (s !== p.lacing.length - 1) corrupt('Ogg header packets do not end their page');
          return { packets, lastPage: i };
        }
      }
    }
    if (segStart < o) current.push(b.subarray(segStart, o));
  }
  return corrupt('Ogg stream ends inside its headers');
}

function codecOf(b: Uint8Array, first: Page): Codec {
  if (hasAscii(b, first.dataStart, '\x01vorbis')) return { name: 'vorbis', headers: 3, signature: '\x03vorbis' };
  if (hasAscii(b, first.dataStart, 'OpusHead')) return { name: 'opus', headers: 2, signature: 'OpusTags' };
  throw new ImplicitLabelError('unsupported-format', 'Only Ogg Vorbis and Ogg Opus are supported');
}

function commentPacket(b: Uint8Array): { codec: Codec; list: Page[]; packets: Uint8Array[]; lastPage: number } {
  const list = pages(b);
  const codec = codecOf(b, list[0]!);
  const { packets, lastPage } = headerPackets(b, list, codec.headers);
  if (!hasAscii(packets[1]!, 0, codec.signature)) corrupt(`Ogg ${codec.name} comment header expected`);
  return { codec, list, packets, lastPage };
}

/** The label texts held by an Ogg Vorbis/Opus file. */
export function readOgg(b: Uint8Array): string[] {
  const { codec, packets } = commentPacket(b);
  return labelFields(parseComments(packets[1]!, codec.signature.length));
}

function page(flags: number, serial: number, seq: number, lacing: number[], data: Uint8Array[]): Uint8Array {
  const size = data.reduce((n, d) => n + d.length, 0);
  const out = new Uint8Array(27 + lacing.length + size);
  out.set(latin1('OggS'), 0);
  out[5] = flags;
  // granule position 0 (header pages)
  const dv = new DataView(out.buffer);
  dv.setUint32(14, serial, true);
  dv.setUint32(18, seq, true);
  out[26] = lacing.length;
  out.set(lacing, 27);
  let o = 27 + lacing.length;
  for (const d of data) {
    out.set(d, o);
    o += d.length;
  }
  dv.setUint32(22, oggCrc(out), true);
  return out;
}

/** Packs packets into pages of at most 255 lacing values (a packet may continue on the next page). */
function paginate(packets: Uint8Array[], serial: number, firstSeq: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let lacing: number[] = [];
  let data: Uint8Array[] = [];
  let continued = false;
  let nextContinued = false;
  const flush = (): void => {
    out.push(page(continued ? 1 : 0, serial, firstSeq + out.length, lacing, data));
    lacing = [];
    data = [];
    continued = nextContinued;
  };
  for (const p of packets) {
    let o = 0;
    for (;;) {
      const n = Math.min(255, p.length - o);
      if (lacing.length === 255) {
        nextContinued = o > 0;
        flush();
      }
      lacing.push(n);
      data.push(p.subarray(o, o + n));
      o += n;
      if (n < 255) break;
    }
    nextContinued = false;
  }
  if (lacing.length) flush();
  return out;
}

/** Writes the AIGC field into the comment header (other fields kept) and repaginates the headers. */
export function writeOgg(b: Uint8Array, json: string): Uint8Array {
  const { codec, list, packets, lastPage } = commentPacket(b);
  const sig = codec.signature.length;
  const comments = parseComments(packets[1]!, sig);
  const body = serializeComments(comments, json);
  const comment = concat([latin1(codec.signature), body]);
  const first = list[0]!;
  const headerPages = paginate([comment, ...packets.slice(2)], first.serial, first.seq + 1);
  const delta = headerPages.length - lastPage; // old header pages after the first: lastPage
  const parts: Uint8Array[] = [b.subarray(first.start, first.end), ...headerPages];
  for (const p of list.slice(lastPage + 1)) {
    if (delta === 0) {
      parts.push(b.subarray(p.start, p.end));
      continue;
    }
    const copy = b.slice(p.start, p.end);
    const dv = new DataView(copy.buffer);
    dv.setUint32(18, (p.seq + delta) >>> 0, true);
    dv.setUint32(22, 0, true);
    dv.setUint32(22, oggCrc(copy), true);
    parts.push(copy);
  }
  return concat(parts);
}
