// FLAC: the label is an `AIGC=` field of the VORBIS_COMMENT metadata block (RFC 9639 §8.6). The block is
// replaced in place or added after STREAMINFO; audio frames are copied unchanged (seek points are frame-relative).
import { concat, latin1, MAX_ITEMS, need, u24be } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';
import { labelFields, parseComments, serializeComments } from './vorbis.js';

interface Block {
  type: number;
  start: number;
  end: number;
}

function blocks(b: Uint8Array): { list: Block[]; audio: number } {
  need(b, 0, 4, 'FLAC signature');
  const list: Block[] = [];
  let o = 4;
  for (let n = 0; ; n++) {
    if (n >= MAX_ITEMS) corrupt('FLAC has too many metadata blocks');
    need(b, o, 4, 'FLAC metadata block header');
    const last = (b[o]! & 0x80) !== 0;
    const type = b[o]! & 0x7f;
    if (type === 127) corrupt('FLAC metadata block type 127');
    if (n === 0 && type !== 0) corrupt('FLAC does not start with STREAMINFO');
    const len = u24be(b, o + 1);
    need(b, o + 4, len, 'FLAC metadata block');
    list.push({ type, start: o, end: o + 4 + len });
    o += 4 + len;
    if (last) return { list, audio: o };
  }
}

/** The label texts held by a FLAC file, in file order. */
export function readFlac(b: Uint8Array): string[] {
  return blocks(b)
    .list.filter((x) => x.type === 4)
    .flatMap((x) => labelFields(parseComments(b.subarray(x.start + 4, x.end))));
}

function header(type: number, len: number, last: boolean): Uint8Array {
  return new Uint8Array([(last ? 0x80 : 0) | type, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff]);
}

/** Writes one VORBIS_COMMENT block with the AIGC field (the first existing block's fields kept), after STREAMINFO. */
export function writeFlac(b: Uint8Array, json: string): Uint8Array {
  const { list, audio } = blocks(b);
  const first = list.find((x) => x.type === 4);
  const comments = first
    ? parseComments(b.subarray(first.start + 4, first.end))
    : { vendor: latin1('Anquan'), fields: [], rest: new Uint8Array(0) };
  const body = serializeComments({ ...comments, rest: new Uint8Array(0) }, json);
  if (body.length > 0xffffff) throw new ImplicitLabelError('too-large', 'The VORBIS_COMMENT block would exceed 16 MiB');
  const kept = list.filter((x) => x.type !== 4);
  // STREAMINFO, the comment block, then the other blocks; the last-block flag moves to whichever ends the list.
  const order: { type: number; data: Uint8Array }[] = [
    { type: 0, data: b.subarray(kept[0]!.start + 4, kept[0]!.end) },
    { type: 4, data: body },
    ...kept.slice(1).map((x) => ({ type: x.type, data: b.subarray(x.start + 4, x.end) })),
  ];
  const parts: Uint8Array[] = [b.subarray(0, 4)];
  order.forEach((x, i) => {
    parts.push(header(x.type, x.data.length, i === order.length - 1), x.data);
  });
  parts.push(b.subarray(audio));
  return concat(parts);
}
