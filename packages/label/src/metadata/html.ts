// HTML: `<meta name="AIGC" content="{…Appendix E JSON…}">` in <head>. A project convention (no standard or TC260
// guide names an HTML carrier yet): written and read only when the caller opts in with `conventions: true`.
import { utf8, utf8DecodeStrict } from './bytes.js';
import { ImplicitLabelError } from './errors.js';
import { xmlUnescape } from './xmp.js';

function decode(b: Uint8Array): string {
  const text = utf8DecodeStrict(b);
  if (text === null) throw new ImplicitLabelError('unsupported-format', 'HTML is not valid UTF-8');
  return text;
}

/** The end of the start tag that begins at `at` (quotes respected), or -1. */
function tagEnd(text: string, at: number): number {
  let q: string | null = null;
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

function attributes(tag: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1]!.toLowerCase();
    if (!map.has(name)) map.set(name, xmlUnescape(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return map;
}

interface Meta {
  start: number;
  end: number;
  content: string;
}

/** Every `<meta name="AIGC" …>` tag, in document order; one forward pass. */
function metas(text: string): Meta[] {
  const list: Meta[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf('<meta', from);
    if (at < 0) return list;
    const end = tagEnd(text, at);
    if (end < 0) return list;
    from = end;
    if (!/[\s/>]/.test(text[at + 5] ?? '')) continue;
    const attrs = attributes(text.slice(at + 5, end - 1));
    if (attrs.get('name')?.toUpperCase() === 'AIGC') list.push({ start: at, end, content: attrs.get('content') ?? '' });
  }
}

/** The label texts held by an HTML document, in document order. */
export function readHtml(b: Uint8Array): string[] {
  return metas(decode(b)).map((m) => m.content);
}

function attrEscape(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Replaces every AIGC meta tag by one right after `<head>` (or `<html>`, or the doctype, or at the start). */
export function writeHtml(b: Uint8Array, json: string): Uint8Array {
  const text = decode(b);
  let out = '';
  let at = 0;
  for (const m of metas(text)) {
    out += text.slice(at, m.start);
    at = m.end;
    if (text[at] === '\n') at++;
  }
  out += text.slice(at);
  const tag = `<meta name="AIGC" content="${attrEscape(json)}">`;
  const lower = out.toLowerCase();
  for (const open of [/<head[\s>]/, /<html[\s>]/, /<!doctype[\s>]/]) {
    const i = lower.search(open);
    if (i < 0) continue;
    const end = tagEnd(out, i);
    if (end > 0) return utf8(`${out.slice(0, end)}\n${tag}${out.slice(end)}`);
  }
  return utf8(`${tag}\n${out}`);
}
