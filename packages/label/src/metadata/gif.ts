// GIF: the label is an XMP packet in the "XMP DataXMP" application extension (XMP Specification Part 3 §1.1.2):
// the packet's bytes stand raw in place of sub-blocks, followed by the 258-byte "magic trailer" that leads any
// GIF decoder, which reads the raw bytes as sub-block lengths, to the block terminator.
import { concat, hasAscii, latin1, MAX_ITEMS, need, utf8, utf8Decode } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';
import { buildXmpPacket, updateXmpPacket, xmpLabelTexts } from './xmp.js';

const APP_ID = 'XMP DataXMP';
/** 0x01, 0xFF, 0xFE … 0x01, 0x00 (the magic trailer), then the 0x00 block terminator. */
const MAGIC = (() => {
  const t = new Uint8Array(258);
  t[0] = 0x01;
  for (let i = 0; i < 256; i++) t[1 + i] = 0xff - i;
  t[257] = 0x00;
  return t;
})();

interface Block {
  kind: 'xmp' | 'other';
  start: number;
  end: number;
}

/** Offset after a run of data sub-blocks starting at `o` (the terminator included). */
function skipSubBlocks(b: Uint8Array, o: number): number {
  for (let n = 0; ; n++) {
    if (n >= MAX_ITEMS * 16) corrupt('GIF has too many sub-blocks');
    need(b, o, 1, 'GIF sub-block');
    const len = b[o]!;
    if (len === 0) return o + 1;
    need(b, o + 1, len, 'GIF sub-block');
    o += 1 + len;
  }
}

function blocks(b: Uint8Array): { list: Block[]; trailer: number } {
  need(b, 0, 13, 'GIF header');
  if (!hasAscii(b, 0, 'GIF87a') && !hasAscii(b, 0, 'GIF89a')) corrupt('not a GIF file');
  let o = 13;
  if (b[10]! & 0x80) o += 3 * (1 << ((b[10]! & 7) + 1));
  need(b, 0, o, 'GIF global colour table');
  const list: Block[] = [];
  for (let n = 0; ; n++) {
    if (n >= MAX_ITEMS) corrupt('GIF has too many blocks');
    need(b, o, 1, 'GIF block');
    const intro = b[o]!;
    if (intro === 0x3b) return { list, trailer: o };
    if (intro === 0x21) {
      need(b, o, 2, 'GIF extension');
      const isXmp = b[o + 1] === 0xff && b[o + 2] === 11 && hasAscii(b, o + 3, APP_ID);
      const end = skipSubBlocks(b, o + 2);
      list.push({ kind: isXmp ? 'xmp' : 'other', start: o, end });
      o = end;
    } else if (intro === 0x2c) {
      need(b, o, 10, 'GIF image descriptor');
      let p = o + 10;
      if (b[o + 9]! & 0x80) p += 3 * (1 << ((b[o + 9]! & 7) + 1));
      need(b, p, 1, 'GIF image data');
      const end = skipSubBlocks(b, p + 1);
      list.push({ kind: 'other', start: o, end });
      o = end;
    } else corrupt(`GIF block introducer 0x${intro.toString(16)}`);
  }
}

/** The packet text of an XMP application extension (between the identifier and the magic trailer). */
function packetOf(b: Uint8Array, blk: Block): string {
  const dataStart = blk.start + 14;
  const dataEnd = blk.end - MAGIC.length;
  if (dataEnd < dataStart) corrupt('GIF XMP extension is too short');
  for (let i = 0; i < MAGIC.length; i++) if (b[dataEnd + i] !== MAGIC[i]) corrupt('GIF XMP extension lacks its magic trailer');
  return utf8Decode(b.subarray(dataStart, dataEnd));
}

/** The label texts held by a GIF, in file order. */
export function readGif(b: Uint8Array): string[] {
  return blocks(b)
    .list.filter((x) => x.kind === 'xmp')
    .flatMap((x) => xmpLabelTexts(packetOf(b, x)));
}

/** Writes one XMP application extension just before the trailer (keeping other properties of the first packet). */
export function writeGif(b: Uint8Array, json: string): Uint8Array {
  const { list, trailer } = blocks(b);
  let packet: string | null = null;
  for (const x of list) if (x.kind === 'xmp' && packet === null) packet = packetOf(b, x);
  const body = utf8(packet === null ? buildXmpPacket(json) : updateXmpPacket(packet, json));
  if (body.indexOf(0) >= 0) throw new ImplicitLabelError('corrupt', 'An XMP packet with a NUL byte cannot be stored raw in a GIF');
  const ext = concat([new Uint8Array([0x21, 0xff, 11]), latin1(APP_ID), body, MAGIC]);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const x of list) {
    if (x.kind !== 'xmp') continue;
    parts.push(b.subarray(at, x.start));
    at = x.end;
  }
  parts.push(b.subarray(at, trailer), ext, b.subarray(trailer));
  return concat(parts);
}
