// JSON: a top-level member `"AIGC": {…Appendix E…}` of the document's root object. A project convention (no
// standard or TC260 guide names a JSON carrier yet): written and read only when the caller opts in with
// `conventions: true`. Text-level edits: every other member keeps its bytes (no re-serialisation, no lost precision).
import { utf8, utf8DecodeStrict } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';

function decode(b: Uint8Array): string {
  const text = utf8DecodeStrict(b);
  if (text === null) throw new ImplicitLabelError('unsupported-format', 'JSON is not valid UTF-8');
  return text;
}

interface Member {
  /** Start of the key (after leading whitespace). */
  start: number;
  /** End of the value. */
  end: number;
  key: string;
  valueStart: number;
}

function skipWs(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\n' || t[i] === '\r')) i++;
  return i;
}

function skipString(t: string, i: number): number {
  for (let j = i + 1; j < t.length; j++) {
    const c = t[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return corrupt('JSON string is not terminated');
}

/** End of the value at `i` (the text is known to be valid JSON: checked by JSON.parse first). */
function skipValue(t: string, i: number): number {
  const c = t[i];
  if (c === '"') return skipString(t, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < t.length; j++) {
      const d = t[j];
      if (d === '"') j = skipString(t, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return corrupt('JSON value is not closed');
  }
  let j = i;
  while (j < t.length && !/[\s,\]}]/.test(t[j]!)) j++;
  return j;
}

/** The root object's members, in order; linear in the size of the text. */
function members(t: string): { open: number; close: number; list: Member[] } {
  try {
    JSON.parse(t);
  } catch (cause) {
    throw new ImplicitLabelError('corrupt', 'Not valid JSON', { cause });
  }
  let i = skipWs(t, t.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (t[i] !== '{')
    throw new ImplicitLabelError('unsupported-format', 'The JSON root is not an object, so it has no place for an AIGC member');
  const open = i;
  const list: Member[] = [];
  i = skipWs(t, i + 1);
  if (t[i] === '}') return { open, close: i, list };
  for (;;) {
    const start = i;
    const keyEnd = skipString(t, i);
    const key = JSON.parse(t.slice(i, keyEnd)) as string;
    i = skipWs(t, keyEnd) + 1; // ':'
    const valueStart = skipWs(t, i);
    const end = skipValue(t, valueStart);
    list.push({ start, end, key, valueStart });
    i = skipWs(t, end);
    if (t[i] === '}') return { open, close: i, list };
    i = skipWs(t, i + 1); // ','
  }
}

/** The label texts of the root object's AIGC members (JSON.parse keeps only the last; all are counted). */
export function readJson(b: Uint8Array): string[] {
  const t = decode(b);
  return members(t)
    .list.filter((m) => m.key === 'AIGC')
    .map((m) => t.slice(m.valueStart, m.end));
}

/** Removes every AIGC member and puts `"AIGC": {…}` first in the root object, following the file's indentation. */
export function writeJson(b: Uint8Array, json: string): Uint8Array {
  const t = decode(b);
  const { open, close, list } = members(t);
  const kept = list.filter((m) => m.key !== 'AIGC');
  const wsBefore = (at: number): string => {
    let i = at;
    while (i > open + 1 && /\s/.test(t[i - 1]!)) i--;
    return t.slice(i, at);
  };
  // Indentation of the first member, when the object spans lines.
  const lead = list[0] ? wsBefore(list[0].start) : '';
  const indent = /\n([ \t]*)$/.exec(lead)?.[1];
  const sep = indent === undefined ? '' : `\n${indent}`;
  const first = list[0];
  const colon = first && /:\s/.test(t.slice(first.start, first.valueStart)) ? ': ' : ':';
  // Each kept member keeps the whitespace before it; the commas between members are rebuilt.
  const body = kept.map((m) => `${wsBefore(m.start)}${t.slice(m.start, m.end)}`).join(',');
  const tail = wsBefore(close);
  const member = `"AIGC"${colon}${json}`;
  const inner = kept.length ? `${sep}${member},${body}${tail}` : `${sep}${member}${tail || (sep ? '\n' : '')}`;
  return utf8(`${t.slice(0, open + 1)}${inner}${t.slice(close)}`);
}
