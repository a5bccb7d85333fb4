// XMP packets holding the label as TC260:AIGC (namespace http://www.tc260.org.cn/ns/AIGC/1.0/), shared by
// PNG (iTXt), JPEG (APP1) and WebP (XMP chunk). Text-level edits only: no DOM parser, so it runs in workers and Node.

/** The TC260 namespace URI of the TC260:AIGC property. */
export const TC260_NS = 'http://www.tc260.org.cn/ns/AIGC/1.0/';

const NS_DECL = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])http:\/\/www\.tc260\.org\.cn\/ns\/AIGC\/1\.0\/\2/g;

/** XML-escapes element text. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Decodes the five XML entities and numeric character references. */
export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const n = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

interface Occurrence {
  start: number;
  end: number;
  /** The unescaped text value. */
  value: string;
}

/** Every TC260:AIGC property in a packet (element or attribute form), in document order. */
function occurrences(xml: string): Occurrence[] {
  // The standard prefix counts even where a sloppy writer left it undeclared.
  const prefixes = new Set<string>(['TC260']);
  for (const m of xml.matchAll(NS_DECL)) prefixes.add(m[1]!);
  const found: Occurrence[] = [];
  for (const p of prefixes) {
    const name = `${escapeRe(p)}:AIGC`;
    const element = new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${name}\\s*>)`, 'g');
    for (const m of xml.matchAll(element)) {
      let inner = m[1] ?? '';
      if (inner.includes('<')) {
        const li = /<rdf:li\b[^>]*>([\s\S]*?)<\/rdf:li\s*>/.exec(inner);
        inner = li ? li[1]! : inner.replace(/<[^>]*>/g, '');
      }
      found.push({ start: m.index, end: m.index + m[0].length, value: xmlUnescape(inner) });
    }
    const attribute = new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`, 'g');
    for (const m of xml.matchAll(attribute)) {
      // Only inside a start tag: the last '<' before it must come after the last '>'.
      const before = xml.lastIndexOf('<', m.index);
      if (before < 0 || xml.lastIndexOf('>', m.index) > before) continue;
      found.push({ start: m.index, end: m.index + m[0].length, value: xmlUnescape(m[1]!.slice(1, -1)) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The TC260:AIGC values of one XMP packet, in document order. */
export function xmpLabelTexts(xml: string): string[] {
  return occurrences(xml).map((o) => o.value);
}

function description(json: string, indent: string): string {
  return (
    `${indent}<rdf:Description rdf:about="" xmlns:TC260="${TC260_NS}">\n` +
    `${indent} <TC260:AIGC>${xmlEscape(json)}</TC260:AIGC>\n` +
    `${indent}</rdf:Description>\n`
  );
}

/** A complete XMP packet holding only TC260:AIGC. */
export function buildXmpPacket(json: string): string {
  return (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Anquan">\n' +
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    description(json, '  ') +
    ' </rdf:RDF>\n' +
    '</x:xmpmeta>\n' +
    '<?xpacket end="w"?>'
  );
}

/**
 * Sets TC260:AIGC in an existing packet: every old TC260:AIGC property is removed (other properties of the
 * namespace and other namespaces stay), then the new one goes into the rdf:Description that declares the TC260
 * namespace, or into a new rdf:Description before `</rdf:RDF>`. Growth is taken from the packet's whitespace
 * padding where there is some. A packet without `</rdf:RDF>` is replaced by a fresh one.
 */
export function updateXmpPacket(xml: string | null, json: string): string {
  if (xml === null || xml.lastIndexOf('</rdf:RDF>') < 0) return buildXmpPacket(json);
  let out = '';
  let at = 0;
  for (const o of occurrences(xml)) {
    if (o.start < at) continue;
    out += xml.slice(at, o.start);
    at = o.end;
  }
  out += xml.slice(at);
  out = insertProperty(out, json);
  // Keep the packet size when its trailing padding allows (XMP in-place update).
  const grow = out.length - xml.length;
  if (grow > 0) {
    const pad = /([ \t\r\n]+)(<\?xpacket end=)/.exec(out);
    if (pad && pad[1]!.length > grow + 1) {
      out = out.slice(0, pad.index) + pad[1]![0]! + pad[1]!.slice(grow + 1) + out.slice(pad.index + pad[1]!.length);
    }
  }
  return out;
}

function insertProperty(xml: string, json: string): string {
  for (const m of xml.matchAll(NS_DECL)) {
    const prefix = m[1]!;
    const tagStart = xml.lastIndexOf('<', m.index);
    if (tagStart < 0 || !/^<rdf:Description[\s>]/.test(xml.slice(tagStart, tagStart + 17))) continue;
    const tagEnd = xml.indexOf('>', m.index);
    if (tagEnd < 0) continue;
    const element = `<${prefix}:AIGC>${xmlEscape(json)}</${prefix}:AIGC>`;
    const lineStart = xml.lastIndexOf('\n', tagStart) + 1;
    const indent = /^[ \t]*$/.test(xml.slice(lineStart, tagStart)) ? xml.slice(lineStart, tagStart) : '';
    if (xml[tagEnd - 1] === '/') {
      return `${xml.slice(0, tagEnd - 1)}>\n${indent} ${element}\n${indent}</rdf:Description>${xml.slice(tagEnd + 1)}`;
    }
    // Drop whitespace-only lines left where old properties were removed.
    const close = xml.indexOf('</rdf:Description>', tagEnd);
    let body = close < 0 ? null : xml.slice(tagEnd + 1, close);
    if (body !== null && body.trim() === '') body = `\n${indent}`;
    return body === null
      ? `${xml.slice(0, tagEnd + 1)}\n${indent} ${element}${xml.slice(tagEnd + 1)}`
      : `${xml.slice(0, tagEnd + 1)}\n${indent} ${element}${body}${xml.slice(close)}`;
  }
  const end = xml.lastIndexOf('</rdf:RDF>');
  const lineStart = xml.lastIndexOf('\n', end) + 1;
  const ownLine = /^[ \t]*$/.test(xml.slice(lineStart, end));
  const indent = ownLine ? `${xml.slice(lineStart, end)} ` : '  ';
  const insertAt = ownLine ? lineStart : end;
  return xml.slice(0, insertAt) + description(json, indent) + xml.slice(insertAt);
}
