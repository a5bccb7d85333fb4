// Markdown: the label is an `AIGC:` mapping of the 7 keys in the YAML front matter at the head of the file
// (TC260-PG-20258A). Other front matter is kept; line endings follow the file.
import { concat, utf8, utf8DecodeStrict } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';
import { type ImplicitLabel, LABEL_KEYS, labelFromObject } from './label.js';

interface FrontMatter {
  /** The decoded text after an optional BOM. */
  text: string;
  eol: string;
  /** Offsets in `text` of the front matter body [start, end) (end is where the closing line starts). */
  start: number;
  end: number;
}

const MAX_LINES = 100_000;

function decode(b: Uint8Array): { text: string; bom: boolean } {
  const text = utf8DecodeStrict(b);
  if (text === null) throw new ImplicitLabelError('unsupported-format', 'Text is not valid UTF-8');
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}

function frontMatter(text: string): FrontMatter | null {
  const open = /^---[ \t]*(\r?\n)/.exec(text);
  if (!open) return null;
  const eol = open[1]!;
  const start = open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  close.lastIndex = start;
  const m = close.exec(text);
  if (!m) return null; // an opening rule without a closing one is a thematic break, not front matter
  return { text, eol, start, end: m.index };
}

/** A top-level `AIGC:` entry: its range in the front matter text and its parsed value. */
interface Entry {
  start: number;
  end: number;
  lines: string[];
}

function entries(fm: FrontMatter): Entry[] {
  const found: Entry[] = [];
  const body = fm.text.slice(fm.start, fm.end);
  let newlines = 0;
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) {
    if (++newlines > MAX_LINES) corrupt('Front matter has too many lines');
  }
  let current: Entry | null = null;
  for (let pos = fm.start; pos < fm.end; ) {
    const nl = fm.text.indexOf('\n', pos);
    const lineEnd = nl < 0 || nl >= fm.end ? fm.end : nl + 1;
    const line = fm.text.slice(pos, lineEnd);
    pos = lineEnd;
    const bare = line.endsWith('\r\n') ? line.slice(0, -2) : line.endsWith('\n') ? line.slice(0, -1) : line;
    if (current && /^[^\s#]/.test(bare)) current = null;
    if (!current && /^(['"]?)AIGC\1[ \t]*:(?:[ \t]|$)/.test(bare)) {
      current = { start: lineEnd - line.length, end: lineEnd, lines: [bare] };
      found.push(current);
    } else if (current && bare.trim() !== '') {
      // Blank lines inside or after an entry stay with what follows.
      current.lines.push(bare);
      current.end = lineEnd;
    }
  }
  return found;
}

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('"')) {
    let out = '';
    for (let i = 1; i < v.length; i++) {
      const c = v[i]!;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = v[++i];
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'x' || e === 'u') {
        const len = e === 'x' ? 2 : 4;
        const hex = v.slice(i + 1, i + 1 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) corrupt('Bad escape in front matter');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += len;
      } else if (e !== undefined) out += e;
    }
    corrupt('Unterminated double-quoted value in front matter');
  }
  if (v.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'/.exec(v);
    if (!m) corrupt('Unterminated single-quoted value in front matter');
    return m[1]!.replace(/''/g, "'");
  }
  return stripComment(v);
}

/** A plain scalar without its ` # comment`, in one pass (a regex like /\s+#.*$/ is quadratic on runs of spaces). */
function stripComment(v: string): string {
  for (let i = v.indexOf('#', 1); i > 0; i = v.indexOf('#', i + 1)) {
    const c = v[i - 1];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      let j = i - 1;
      while (j > 0 && /\s/.test(v[j - 1]!)) j--;
      return v.slice(0, j);
    }
  }
  return v;
}

/** Parses one `AIGC:` entry: a block mapping, a flow mapping / JSON object, or a quoted JSON string (unchecked). */
function entryObject(e: Entry): unknown {
  const first = e.lines[0]!;
  const rest = first.slice(first.indexOf(':') + 1).trim();
  if (rest && !rest.startsWith('#')) {
    const text = rest.startsWith('{') ? e.lines.map((l, i) => (i === 0 ? rest : l)).join('\n') : unquote(rest);
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'string' ? JSON.parse(value) : value;
    } catch {
      // not JSON: a YAML flow mapping
    }
    // Flow mapping with YAML scalars: {Label: "1", ContentProducer: x, ...}
    const flow = /^\{([\s\S]*)\}\s*(?:#.*)?$/.exec(text.trim());
    if (!flow) corrupt('AIGC front matter value is neither a mapping nor JSON');
    const obj: Record<string, string> = {};
    for (const pair of flow[1]!.split(',')) {
      const i = pair.indexOf(':');
      if (i < 0) continue;
      obj[unquote(pair.slice(0, i))] = unquote(pair.slice(i + 1));
    }
    return obj;
  }
  const obj: Record<string, string> = {};
  for (const line of e.lines.slice(1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = /^[ \t]+(['"]?)([A-Za-z0-9_]+)\1[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!m) corrupt('AIGC front matter mapping has a line that is not `key: value`');
    obj[m[2]!] = unquote(m[3]!);
  }
  return obj;
}

/** The AIGC entries of a Markdown file's front matter, in order, as unchecked objects. */
export function readMarkdownObjects(b: Uint8Array): unknown[] {
  const { text } = decode(b);
  const fm = frontMatter(text);
  if (!fm) return [];
  return entries(fm).map(entryObject);
}

/** The labels of a Markdown file's front matter, in order (checked). */
export function readMarkdown(b: Uint8Array): Required<ImplicitLabel>[] {
  return readMarkdownObjects(b).map(labelFromObject);
}

function yamlQuote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function block(label: Required<ImplicitLabel>, eol: string): string {
  let out = `AIGC:${eol}`;
  for (const k of LABEL_KEYS) out += `  ${k}: ${yamlQuote(label[k])}${eol}`;
  return out;
}

/**
 * Writes the `AIGC:` mapping into the front matter (replacing every existing AIGC entry in place, else appending
 * it at the end of the front matter), creating front matter when the file has none.
 */
export function writeMarkdown(b: Uint8Array, label: Required<ImplicitLabel>): Uint8Array {
  const { text, bom } = decode(b);
  const fm = frontMatter(text);
  const bomBytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf]) : new Uint8Array(0);
  if (!fm) {
    const eol = /\r\n/.test(text.slice(0, 4096)) ? '\r\n' : '\n';
    return concat([bomBytes, utf8(`---${eol}${block(label, eol)}---${eol}`), b.subarray(bom ? 3 : 0)]);
  }
  const list = entries(fm);
  let out = text.slice(0, fm.start);
  let at = fm.start;
  list.forEach((e, i) => {
    out += text.slice(at, e.start);
    if (i === 0) out += block(label, fm.eol);
    at = e.end;
  });
  let rest = text.slice(at, fm.end);
  if (list.length === 0) {
    if (rest.length && !rest.endsWith('\n')) rest += fm.eol;
    rest += block(label, fm.eol);
  }
  out += rest;
  // The body after the front matter is copied from the input bytes, not re-encoded.
  const bodyAt = bomBytes.length + utf8(text.slice(0, fm.end)).length;
  if (bodyAt > b.length) corrupt('Front matter offsets do not match the bytes');
  return concat([bomBytes, utf8(out), b.subarray(bodyAt)]);
}
