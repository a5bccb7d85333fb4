// RIFF container walking shared by WAV and WebP: "RIFF" size form, then chunks of fourcc, size (LE), data, pad.
import { fourcc, MAX_ITEMS, need, put32le, u32le } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';

/** One RIFF sub-chunk. */
export interface RiffChunk {
  id: string;
  /** Offset of the fourcc. */
  start: number;
  dataStart: number;
  /** dataStart + declared size. */
  dataEnd: number;
  /** After the pad byte (or dataEnd when an odd last chunk lacks its pad at the end of the file). */
  end: number;
}

/** The chunks of a RIFF file whose form type is `form`; `riffEnd` is where the RIFF ends (bytes after it are kept). */
export function riffChunks(b: Uint8Array, form: string): { list: RiffChunk[]; riffEnd: number } {
  need(b, 0, 12, 'RIFF header');
  if (fourcc(b, 0) !== 'RIFF' || fourcc(b, 8) !== form) corrupt(`not a RIFF ${form} file`);
  const riffSize = u32le(b, 4);
  if (riffSize < 4) corrupt('RIFF size below 4');
  const riffEnd = 8 + riffSize;
  need(b, 0, riffEnd, 'RIFF', b.length);
  const list: RiffChunk[] = [];
  let o = 12;
  for (let n = 0; o < riffEnd; n++) {
    if (n >= MAX_ITEMS) corrupt('RIFF has too many chunks');
    need(b, o, 8, 'RIFF chunk header', riffEnd);
    const id = fourcc(b, o);
    const size = u32le(b, o + 4);
    need(b, o + 8, size, `RIFF ${JSON.stringify(id)} chunk`, riffEnd);
    const dataEnd = o + 8 + size;
    const end = size % 2 === 1 && dataEnd < riffEnd ? dataEnd + 1 : dataEnd;
    list.push({ id, start: o, dataStart: o + 8, dataEnd, end });
    o = end;
  }
  return { list, riffEnd };
}

/** A complete chunk (header, data, pad byte when the size is odd). */
export function riffChunk(id: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length & 1));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  put32le(out, 4, data.length);
  out.set(data, 8);
  return out;
}

/** Fixes the RIFF size field of a finished file (the output is never larger than 4 GiB). */
export function fixRiffSize(out: Uint8Array, riffEnd: number): void {
  const size = riffEnd - 8;
  if (size > 0xffffffff) throw new ImplicitLabelError('too-large', 'RIFF file above 4 GiB');
  put32le(out, 4, size);
}
