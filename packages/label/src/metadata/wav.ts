// WAV: the label is a RIFF sub-chunk with ID "AIGC" whose data is the JSON (TC260-PG-202510A).
import { concat, latin1, utf8Decode } from './bytes.js';
import { corrupt } from './errors.js';
import { fixRiffSize, riffChunk, riffChunks } from './riff.js';

/** The label texts held by a WAV file, in file order. */
export function readWav(b: Uint8Array): string[] {
  const { list } = riffChunks(b, 'WAVE');
  if (!list.some((c) => c.id === 'fmt ')) corrupt('WAV has no fmt chunk');
  return list.filter((c) => c.id === 'AIGC').map((c) => utf8Decode(b.subarray(c.dataStart, c.dataEnd)).replace(/\0+$/, ''));
}

/** The RIFF "AIGC" chunk holding the label JSON (also written by the WAV encoder of the audio export). */
export function wavLabelChunk(json: string): Uint8Array {
  return riffChunk('AIGC', latin1(json));
}

/**
 * Writes one "AIGC" chunk just before the first "data" chunk (in the header, where ffmpeg puts LIST/INFO),
 * removes every other AIGC chunk and fixes the RIFF size. Bytes after the RIFF are kept.
 */
export function writeWav(b: Uint8Array, json: string): Uint8Array {
  const { list, riffEnd } = riffChunks(b, 'WAVE');
  if (!list.some((c) => c.id === 'fmt ')) corrupt('WAV has no fmt chunk');
  const chunk = wavLabelChunk(json);
  const dataChunk = list.find((c) => c.id === 'data');
  const parts: Uint8Array[] = [];
  let at = 0;
  let placed = false;
  let size = 0;
  const push = (p: Uint8Array): void => {
    parts.push(p);
    size += p.length;
  };
  for (const c of list) {
    if (c === dataChunk && !placed) {
      push(b.subarray(at, c.start));
      push(chunk);
      at = c.start;
      placed = true;
    }
    if (c.id === 'AIGC') {
      push(b.subarray(at, c.start));
      at = c.end;
    }
  }
  push(b.subarray(at, riffEnd));
  const last = list[list.length - 1];
  if (!placed) {
    // No data chunk: append, first restoring a pad byte the last odd chunk may lack at the end of the file.
    if (last && last.end === last.dataEnd && (last.dataEnd - last.dataStart) % 2 === 1 && last.id !== 'AIGC') {
      push(new Uint8Array(1));
    }
    push(chunk);
  }
  const newRiffEnd = size;
  parts.push(b.subarray(riffEnd));
  const out = concat(parts);
  fixRiffSize(out, newRiffEnd);
  return out;
}
