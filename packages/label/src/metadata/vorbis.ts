// Vorbis comments (FLAC VORBIS_COMMENT blocks, Ogg Vorbis and Opus comment headers): the label is the field
// `AIGC=<Appendix E JSON>`. Field names are case-insensitive ASCII (Vorbis I spec §5.2.1).
import { concat, latin1, need, put32le, u32le, utf8, utf8Decode } from './bytes.js';
import { corrupt } from './errors.js';

/** A parsed comment list: vendor string, fields, and any bytes after the list (Opus padding, Vorbis framing). */
export interface VorbisComments {
  vendor: Uint8Array;
  fields: Uint8Array[];
  rest: Uint8Array;
}

/** Parses a comment list starting at `o` of `b` (without a packet signature). */
export function parseComments(b: Uint8Array, o = 0): VorbisComments {
  need(b, o, 4, 'Vorbis comment vendor length');
  const vlen = u32le(b, o);
  need(b, o + 4, vlen + 4, 'Vorbis comment vendor');
  const vendor = b.subarray(o + 4, o + 4 + vlen);
  let p = o + 4 + vlen;
  const count = u32le(b, p);
  p += 4;
  // Each field needs at least 4 bytes, so a count above the remaining bytes / 4 cannot be true.
  if (count > (b.length - p) / 4) corrupt('Vorbis comment count exceeds the data');
  const fields: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    need(b, p, 4, 'Vorbis comment length');
    const len = u32le(b, p);
    need(b, p + 4, len, 'Vorbis comment');
    fields.push(b.subarray(p + 4, p + 4 + len));
    p += 4 + len;
  }
  return { vendor, fields, rest: b.subarray(p) };
}

function isLabelField(f: Uint8Array): boolean {
  return (
    f.length >= 5 &&
    f[4] === 0x3d &&
    (f[0]! | 0x20) === 0x61 &&
    (f[1]! | 0x20) === 0x69 &&
    (f[2]! | 0x20) === 0x67 &&
    (f[3]! | 0x20) === 0x63
  );
}

/** The values of the AIGC fields, in order. */
export function labelFields(c: VorbisComments): string[] {
  return c.fields.filter(isLabelField).map((f) => utf8Decode(f.subarray(5)));
}

/** The comment list with every AIGC field replaced by one `AIGC=json` at the end (other fields kept in order). */
export function serializeComments(c: VorbisComments, json: string): Uint8Array {
  const fields = c.fields.filter((f) => !isLabelField(f));
  fields.push(concat([latin1('AIGC='), utf8(json)]));
  const head = new Uint8Array(4);
  put32le(head, 0, c.vendor.length);
  const count = new Uint8Array(4);
  put32le(count, 0, fields.length);
  const parts: Uint8Array[] = [head, c.vendor, count];
  for (const f of fields) {
    const len = new Uint8Array(4);
    put32le(len, 0, f.length);
    parts.push(len, f);
  }
  parts.push(c.rest);
  return concat(parts);
}
