// PDF: the label is the key /AIGC of the document information dictionary (PDF 32000-1 §14.3.3 allows custom keys),
// written by an incremental update (§7.5.6): the original bytes stay, a new Info object, a cross-reference section
// (a table, or a stream when the file uses cross-reference streams) and a trailer with /Prev are appended.
import { concat, latin1, latin1Decode, utf8, utf8Decode } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';

/** How far from the end `startxref` is looked for (§7.5.5: the last line holds %%EOF). */
const TAIL = 4096;

type Value =
  | { t: 'name'; v: string }
  | { t: 'str'; v: Uint8Array }
  | { t: 'num'; v: string }
  | { t: 'ref'; n: number; g: number }
  | { t: 'other'; raw: string };

interface Entry {
  key: string;
  value: Value;
  /** The value's source text (copied unchanged into a new dictionary). */
  raw: string;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));

class Lexer {
  constructor(
    readonly b: Uint8Array,
    public o: number,
  ) {}

  ws(): void {
    const b = this.b;
    while (this.o < b.length) {
      const c = b[this.o]!;
      if (WS.has(c)) this.o++;
      else if (c === 0x25) {
        while (this.o < b.length && b[this.o] !== 0x0a && b[this.o] !== 0x0d) this.o++;
      } else break;
    }
  }

  word(): string {
    const start = this.o;
    while (this.o < this.b.length && !WS.has(this.b[this.o]!) && !DELIM.has(this.b[this.o]!)) this.o++;
    return latin1Decode(this.b, start, this.o);
  }

  /** A literal string `( … )` with nested parentheses and escapes (§7.3.4.2). */
  literal(): Uint8Array {
    const b = this.b;
    const out: number[] = [];
    let depth = 1;
    this.o++;
    while (this.o < b.length) {
      const c = b[this.o++]!;
      if (c === 0x5c) {
        const e = b[this.o++];
        if (e === undefined) break;
        const map: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12, 40: 0x28, 41: 0x29, 92: 0x5c };
        if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && b[this.o]! >= 0x30 && b[this.o]! <= 0x37; k++) v = v * 8 + (b[this.o++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[this.o] === 0x0a) this.o++;
        } else if (e !== 0x0a) out.push(map[e] ?? e);
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) return Uint8Array.from(out);
      out.push(c);
    }
    return corrupt('PDF string is not terminated');
  }

  hex(): Uint8Array {
    const end = this.b.indexOf(0x3e, this.o);
    if (end < 0) corrupt('PDF hex string is not terminated');
    const digits = latin1Decode(this.b, this.o + 1, end).replace(/[^0-9A-Fa-f]/g, '');
    this.o = end + 1;
    const out = new Uint8Array(Math.ceil(digits.length / 2));
    for (let i = 0; i < out.length; i++) out[i] = Number.parseInt((digits.slice(2 * i, 2 * i + 2) + '0').slice(0, 2), 16);
    return out;
  }

  /** Skips any object (used for arrays and nested dictionaries); bounded by the input length. */
  skip(depthLimit = 64): void {
    this.ws();
    const b = this.b;
    const c = b[this.o];
    if (c === undefined) corrupt('PDF object runs past the end');
    if (c === 0x28) this.literal();
    else if (c === 0x3c && b[this.o + 1] === 0x3c) this.dict(depthLimit - 1);
    else if (c === 0x3c) this.hex();
    else if (c === 0x5b) {
      if (depthLimit <= 0) corrupt('PDF objects nested too deeply');
      this.o++;
      for (;;) {
        this.ws();
        if (this.o >= b.length) corrupt('PDF array is not closed');
        if (b[this.o] === 0x5d) {
          this.o++;
          return;
        }
        this.skip(depthLimit - 1);
      }
    } else if (c === 0x2f) {
      this.o++;
      this.word();
    } else {
      const w = this.word();
      if (w === '') corrupt(`PDF: unexpected byte 0x${c.toString(16)}`);
    }
  }

  /** A dictionary `<< … >>`; references `n g R` are recognised among the values. */
  dict(depthLimit = 64): Entry[] {
    if (depthLimit <= 0) corrupt('PDF objects nested too deeply');
    const b = this.b;
    if (!(b[this.o] === 0x3c && b[this.o + 1] === 0x3c)) corrupt('PDF dictionary expected');
    this.o += 2;
    const entries: Entry[] = [];
    for (;;) {
      this.ws();
      if (this.o >= b.length) corrupt('PDF dictionary is not closed');
      if (b[this.o] === 0x3e && b[this.o + 1] === 0x3e) {
        this.o += 2;
        return entries;
      }
      if (b[this.o] !== 0x2f) corrupt('PDF dictionary key expected');
      this.o++;
      const key = this.word();
      this.ws();
      const start = this.o;
      const c = b[this.o];
      let value: Value;
      if (c === 0x28) value = { t: 'str', v: this.literal() };
      else if (c === 0x3c && b[this.o + 1] !== 0x3c) value = { t: 'str', v: this.hex() };
      else if (c === 0x2f) {
        this.o++;
        value = { t: 'name', v: this.word() };
      } else if (c !== undefined && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e)) {
        const n = this.word();
        value = { t: 'num', v: n };
        const save = this.o;
        this.ws();
        const g = this.word();
        this.ws();
        if (/^\d+$/.test(n) && /^\d+$/.test(g) && b[this.o] === 0x52) {
          this.o++;
          value = { t: 'ref', n: Number(n), g: Number(g) };
        } else this.o = save;
      } else {
        this.skip(depthLimit);
        value = { t: 'other', raw: '' };
      }
      const raw = latin1Decode(b, start, this.o);
      if (value.t === 'other') value.raw = raw;
      entries.push({ key, value, raw });
    }
  }
}

/** The offset of the last `startxref` value. */
function startxref(b: Uint8Array): number {
  const from = Math.max(0, b.length - TAIL);
  const tail = latin1Decode(b, from);
  const at = tail.lastIndexOf('startxref');
  if (at < 0) corrupt('PDF has no startxref');
  const m = /^startxref\s+(\d+)/.exec(tail.slice(at));
  if (!m) corrupt('PDF startxref has no offset');
  const off = Number(m[1]);
  if (off >= b.length) corrupt('PDF startxref points past the end');
  return off;
}

interface Trailer {
  entries: Entry[];
  /** Whether the last cross-reference section is a stream (PDF 1.5). */
  stream: boolean;
  xref: number;
}

function trailer(b: Uint8Array): Trailer {
  const xref = startxref(b);
  const lx = new Lexer(b, xref);
  lx.ws();
  if (latin1Decode(b, lx.o, lx.o + 4) === 'xref') {
    // Classic table: skip the subsections to reach `trailer`.
    lx.o += 4;
    for (let n = 0; ; n++) {
      if (n > 1_000_000) corrupt('PDF xref has too many subsections');
      lx.ws();
      if (latin1Decode(b, lx.o, lx.o + 7) === 'trailer') {
        lx.o += 7;
        lx.ws();
        return { entries: lx.dict(), stream: false, xref };
      }
      const first = lx.word();
      lx.ws();
      const count = lx.word();
      if (!/^\d+$/.test(first) || !/^\d+$/.test(count)) corrupt('PDF xref subsection header expected');
      lx.ws();
      lx.o += 20 * Number(count);
      if (lx.o > b.length) corrupt('PDF xref table runs past the end');
    }
  }
  // Cross-reference stream: `n g obj << … >> stream`.
  const head = /^(\d+)\s+(\d+)\s+obj\b/.exec(latin1Decode(b, lx.o, Math.min(b.length, lx.o + 64)));
  if (!head) corrupt('PDF startxref points at neither a table nor a stream');
  lx.o += head[0].length;
  lx.ws();
  const entries = lx.dict();
  if (!entries.some((e) => e.key === 'Type' && e.value.t === 'name' && e.value.v === 'XRef'))
    corrupt('PDF cross-reference stream expected');
  return { entries, stream: true, xref };
}

function get(entries: Entry[], key: string): Value | undefined {
  return entries.find((e) => e.key === key)?.value;
}

/** The offset of the latest `n g obj` header in the file (scanned from the end: later revisions win). */
function findObject(b: Uint8Array, n: number, g: number): number {
  const needle = latin1(`${n} ${g} obj`);
  let at = b.length;
  for (;;) {
    at = lastIndexOf(b, needle, at - 1);
    if (at < 0) return -1;
    const before = at === 0 ? 0x0a : b[at - 1]!;
    const after = b[at + needle.length];
    if ((WS.has(before) || DELIM.has(before)) && (after === undefined || WS.has(after) || DELIM.has(after))) return at + needle.length;
  }
}

function lastIndexOf(b: Uint8Array, needle: Uint8Array, from: number): number {
  for (let i = Math.min(from, b.length - needle.length); i >= 0; i--) {
    if (b[i] !== needle[0]) continue;
    let k = 1;
    while (k < needle.length && b[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/**
 * The Info dictionary's entries (empty when the file has none). When it is kept in a compressed object
 * stream (PDF 1.5, §7.5.7), the entries must come from {@link streamedInfo} (the async readers load the
 * inflater); a sync read or write of such a file throws `unsupported-format` instead of missing a label.
 */
function info(b: Uint8Array, t: Trailer, streamed?: Entry[] | null): { ref: { n: number; g: number } | null; entries: Entry[] } {
  const ref = get(t.entries, 'Info');
  if (ref?.t !== 'ref') return { ref: null, entries: [] };
  const at = findObject(b, ref.n, ref.g);
  if (at < 0) {
    if (streamed) return { ref, entries: streamed };
    if (streamed === undefined && indexOf(b, OBJSTM, 0) >= 0)
      throw new ImplicitLabelError(
        'unsupported-format',
        'This PDF keeps its Info dictionary in a compressed object stream: use readImplicitLabelAsync / writeImplicitLabelAsync',
      );
    return { ref, entries: [] };
  }
  const lx = new Lexer(b, at);
  lx.ws();
  if (!(b[lx.o] === 0x3c && b[lx.o + 1] === 0x3c)) return { ref, entries: [] };
  return { ref, entries: lx.dict() };
}

/** A PDF text string: UTF-16BE with a BOM, UTF-8 with a BOM (PDF 2.0), else PDFDocEncoding (ASCII here). */
function textString(v: Uint8Array): string {
  if (v[0] === 0xfe && v[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < v.length; i += 2) s += String.fromCharCode((v[i]! << 8) | v[i + 1]!);
    return s;
  }
  if (v[0] === 0xef && v[1] === 0xbb && v[2] === 0xbf) return utf8Decode(v.subarray(3));
  return latin1Decode(v);
}

function encrypted(t: Trailer): void {
  if (get(t.entries, 'Encrypt'))
    throw new ImplicitLabelError('unsupported-format', 'Encrypted PDF: its strings cannot be written in clear');
}

/** The label texts of a PDF: the /AIGC value of the current Info dictionary (0 or 1). */
export function readPdf(b: Uint8Array, streamed?: Entry[] | null): string[] {
  const t = trailer(b);
  encrypted(t);
  const v = get(info(b, t, streamed).entries, 'AIGC');
  if (!v) return [];
  if (v.t !== 'str') corrupt('PDF /AIGC is not a string');
  return [textString(v.v)];
}

/** A literal string for ASCII/UTF-8 text: parentheses and backslashes escaped; non-ASCII as UTF-16BE hex. */
function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, '\\$&')})`;
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `${hex}>`;
}

function int(v: Value | undefined, what: string): number {
  if (v?.t !== 'num' || !/^\d+$/.test(v.v)) corrupt(`PDF trailer ${what} is missing`);
  return Number(v.v);
}

/** Appends an incremental update whose Info dictionary holds /AIGC (other Info entries kept). */
export function writePdf(b: Uint8Array, json: string, streamed?: Entry[] | null): Uint8Array {
  const t = trailer(b);
  encrypted(t);
  const size = int(get(t.entries, 'Size'), '/Size');
  const root = t.entries.find((e) => e.key === 'Root');
  if (root?.value.t !== 'ref') corrupt('PDF trailer /Root is missing');
  const old = info(b, t, streamed);
  const ref = old.ref ?? { n: size, g: 0 };
  let newSize = old.ref ? size : size + 1;
  const kept = old.entries.filter((e) => e.key !== 'AIGC').map((e) => `/${e.key} ${e.raw}`);
  const eol = b[b.length - 1] === 0x0a || b[b.length - 1] === 0x0d ? '' : '\n';
  const objOffset = b.length + eol.length;
  const obj = `${ref.n} ${ref.g} obj\n<<${kept.map((k) => ` ${k}`).join('')} /AIGC ${pdfString(json)} >>\nendobj\n`;
  const objBytes = utf8(eol + obj);
  const id = t.entries.find((e) => e.key === 'ID');
  const common = `/Root ${root.raw} /Info ${ref.n} ${ref.g} R /Prev ${t.xref}${id ? ` /ID ${id.raw}` : ''}`;
  let tail: string;
  const xrefOffset = b.length + objBytes.length;
  if (!t.stream) {
    tail =
      `xref\n${ref.n} 1\n${String(objOffset).padStart(10, '0')} ${String(ref.g).padStart(5, '0')} n \n` +
      `trailer\n<< /Size ${newSize} ${common} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    return concat([b, objBytes, latin1(tail)]);
  }
  // Cross-reference stream (uncompressed): entries for the Info object and for the stream itself.
  const streamNum = newSize;
  newSize += 1;
  const row = (type: number, off: number, gen: number): number[] => [
    type,
    (off >>> 24) & 0xff,
    (off >>> 16) & 0xff,
    (off >>> 8) & 0xff,
    off & 0xff,
    (gen >> 8) & 0xff,
    gen & 0xff,
  ];
  const rows = ref.n < streamNum ? [row(1, objOffset, ref.g), row(1, xrefOffset, 0)] : [row(1, xrefOffset, 0), row(1, objOffset, ref.g)];
  const index = ref.n < streamNum ? `${ref.n} 1 ${streamNum} 1` : `${streamNum} 1 ${ref.n} 1`;
  const data = Uint8Array.from(rows.flat());
  const head = `${streamNum} 0 obj\n<< /Type /XRef /Size ${newSize} /W [1 4 2] /Index [${index}] /Length ${data.length} ${common} >>\nstream\n`;
  tail = `\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return concat([b, objBytes, latin1(head), data, latin1(tail)]);
}

// Object streams (§7.5.7): `n 0 obj << /Type /ObjStm /N … /First … /Filter /FlateDecode >> stream … endstream`, the
// stream holding N pairs "object-number offset" and then the objects. Found by scanning for /ObjStm from the end
// (later revisions first), each header looked for in the 1 KiB before it: linear in the file, with bounds on the
// number of streams and on the inflated bytes.
const OBJSTM = latin1('/ObjStm');
const MAX_OBJECT_STREAMS = 4096;
/** Inflated bytes allowed, as a multiple of the file's size (and an absolute cap): a deflate bomb is refused. */
const MAX_RATIO = 200;
const MAX_INFLATED = 256 * 1024 * 1024;

type Fflate = typeof import('fflate');
let lib: Promise<Fflate> | undefined;

function indexOf(b: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= b.length; i++) {
    for (let k = 0; k < needle.length; k++) if (b[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

function inflate(f: Fflate, data: Uint8Array, budget: { left: number }): Uint8Array {
  const parts: Uint8Array[] = [];
  const u = new f.Unzlib((chunk) => {
    budget.left -= chunk.length;
    if (budget.left < 0) throw new ImplicitLabelError('too-large', 'The PDF object streams inflate to more bytes than allowed');
    parts.push(chunk);
  });
  try {
    u.push(data, true);
  } catch (cause) {
    if (cause instanceof ImplicitLabelError) throw cause;
    throw new ImplicitLabelError('corrupt', `A PDF object stream does not inflate: ${String(cause)}`, { cause });
  }
  return concat(parts);
}

function num(v: Value | undefined): number | null {
  return v?.t === 'num' && /^\d+$/.test(v.v) ? Number(v.v) : null;
}

/** The entries of object `ref` where it sits in an object stream, or null when no object stream holds it. */
function fromObjectStreams(b: Uint8Array, ref: { n: number; g: number }, f: Fflate): Entry[] | null {
  const budget = { left: Math.min(MAX_INFLATED, MAX_RATIO * Math.max(b.length, 4096)) };
  let from = b.length;
  for (let seen = 0; ; seen++) {
    if (seen >= MAX_OBJECT_STREAMS) throw new ImplicitLabelError('too-large', 'The PDF has more object streams than allowed');
    const at = lastIndexOf(b, OBJSTM, from - 1);
    if (at < 0) return null;
    from = at;
    const lo = Math.max(0, at - 1024);
    const before = latin1Decode(b, lo, at);
    let head: RegExpExecArray | null = null;
    for (const m of before.matchAll(/(\d+)\s+(\d+)\s+obj\b/g)) head = m;
    if (!head) continue;
    const lx = new Lexer(b, lo + head.index + head[0].length);
    lx.ws();
    if (!(b[lx.o] === 0x3c && b[lx.o + 1] === 0x3c)) continue;
    const d = lx.dict();
    const type = get(d, 'Type');
    const filter = get(d, 'Filter');
    const n = num(get(d, 'N'));
    const first = num(get(d, 'First'));
    if (type?.t !== 'name' || type.v !== 'ObjStm' || n === null || first === null) continue;
    if (filter && !(filter.t === 'name' && filter.v === 'FlateDecode')) continue; // another filter: not read here
    if (get(d, 'DecodeParms')) continue; // a predictor on an object stream: not read here
    lx.ws();
    if (latin1Decode(b, lx.o, lx.o + 6) !== 'stream') continue;
    let start = lx.o + 6;
    if (b[start] === 0x0d) start++;
    if (b[start] === 0x0a) start++;
    const length = num(get(d, 'Length'));
    const end = length !== null && start + length <= b.length ? start + length : indexOf(b, latin1('endstream'), start);
    if (end < 0) corrupt('PDF object stream has no endstream');
    const data = filter ? inflate(f, b.subarray(start, end), budget) : b.subarray(start, end);
    // The header: N pairs of integers before First.
    const pairs = latin1Decode(data, 0, Math.min(first, data.length)).trim().split(/\s+/);
    for (let i = 0; i + 1 < pairs.length && i < 2 * n; i += 2) {
      if (Number(pairs[i]) !== ref.n || ref.g !== 0) continue;
      const o = new Lexer(data, first + Number(pairs[i + 1]));
      o.ws();
      if (!(data[o.o] === 0x3c && data[o.o + 1] === 0x3c)) corrupt('PDF Info in an object stream is not a dictionary');
      return o.dict();
    }
  }
}

/** The Info entries of a PDF that keeps Info in an object stream (null when it does not): loads the inflater. */
async function streamedInfo(b: Uint8Array): Promise<Entry[] | null> {
  const t = trailer(b);
  const ref = get(t.entries, 'Info');
  if (ref?.t !== 'ref' || findObject(b, ref.n, ref.g) >= 0 || indexOf(b, OBJSTM, 0) < 0) return null;
  const f = await (lib ??= import('fflate'));
  return fromObjectStreams(b, ref, f);
}

/** {@link readPdf}, Info in an object stream included. */
export async function readPdfAsync(b: Uint8Array): Promise<string[]> {
  return readPdf(b, await streamedInfo(b));
}

/** {@link writePdf}, keeping the entries of an Info dictionary that sits in an object stream. */
export async function writePdfAsync(b: Uint8Array, json: string): Promise<Uint8Array> {
  return writePdf(b, json, await streamedInfo(b));
}
