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
  if (!text.includes('&')) return text;
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

interface Occurrence {
  start: number;
  end: number;
  /** The unescaped text value. */
  value: string;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Element text without markup: the first rdf:li's text when there is one, else the text with tags removed. */
function innerText(inner: string): string {
  if (!inner.includes('<')) return inner;
  const li = inner.indexOf('<rdf:li');
  if (li >= 0) {
    const gt = inner.indexOf('>', li);
    const close = gt < 0 ? -1 : inner.indexOf('</rdf:li', gt);
    if (close >= 0) return inner.slice(gt + 1, close);
  }
  let out = '';
  let at = 0;
  for (;;) {
    const lt = inner.indexOf('<', at);
    if (lt < 0) break;
    const gt = inner.indexOf('>', lt);
    if (gt < 0) break;
    out += inner.slice(at, lt);
    at = gt + 1;
  }
  return out + inner.slice(at);
}

/** `<p:AIGC …>…</p:AIGC>` and `<p:AIGC/>`: one forward pass of indexOf calls, so linear in the packet size. */
function elements(xml: string, name: string, found: Occurrence[]): void {
  const open = `<${name}`;
  const closeTag = `</${name}`;
  let from = 0;
  let closers = true; // false once no closing tag is left after `from`
  for (;;) {
    const at = xml.indexOf(open, from);
    if (at < 0) return;
    const next = xml[at + open.length];
    if (!(isSpace(next) || next === '/' || next === '>')) {
      from = at + open.length;
      continue;
    }
    const gt = xml.indexOf('>', at + open.length);
    if (gt < 0) return;
    if (xml[gt - 1] === '/') {
      found.push({ start: at, end: gt + 1, value: '' });
      from = gt + 1;
      continue;
    }
    const close = closers ? xml.indexOf(closeTag, gt + 1) : -1;
    if (close < 0) {
      closers = false;
      from = gt + 1;
      continue;
    }
    let e = close + closeTag.length;
    while (isSpace(xml[e])) e++;
    if (xml[e] !== '>') {
      from = gt + 1;
      continue;
    }
    found.push({ start: at, end: e + 1, value: xmlUnescape(innerText(xml.slice(gt + 1, close))) });
    from = e + 1;
  }
}

/** ` p:AIGC="…"` inside a start tag, in one forward pass (the last `<` and `>` are tracked, not searched back). */
function attributes(xml: string, name: string, found: Occurrence[]): void {
  let from = 0;
  // The last '<' and '>' before the current match, found with forward indexOf jumps (never searched back).
  let lastLt = -1;
  let lastGt = -1;
  let nextLt = xml.indexOf('<');
  let nextGt = xml.indexOf('>');
  const unterminated = { '"': false, "'": false };
  for (;;) {
    const at = xml.indexOf(name, from);
    if (at < 0) return;
    from = at + name.length;
    if (!isSpace(xml[at - 1])) continue;
    while (nextLt >= 0 && nextLt < at) {
      lastLt = nextLt;
      nextLt = xml.indexOf('<', nextLt + 1);
    }
    while (nextGt >= 0 && nextGt < at) {
      lastGt = nextGt;
      nextGt = xml.indexOf('>', nextGt + 1);
    }
    if (lastLt < 0 || lastGt > lastLt) continue;
    let e = from;
    while (isSpace(xml[e])) e++;
    if (xml[e] !== '=') continue;
    e++;
    while (isSpace(xml[e])) e++;
    const q = xml[e];
    if (q !== '"' && q !== "'") continue;
    if (unterminated[q]) continue;
    const end = xml.indexOf(q, e + 1);
    if (end < 0) {
      unterminated[q] = true;
      continue;
    }
    found.push({ start: at - 1, end: end + 1, value: xmlUnescape(xml.slice(e + 1, end)) });
    from = end + 1;
  }
}

/** Every TC260:AIGC property in a packet (element or attribute form), in document order; linear in its size. */
function occurrences(xml: string): Occurrence[] {
  // The standard prefix counts even where a sloppy writer left it undeclared.
  const prefixes = new Set<string>(['TC260']);
  for (const m of xml.matchAll(NS_DECL)) prefixes.add(m[1]!);
  const found: Occurrence[] = [];
  for (const p of prefixes) {
    elements(xml, `${p}:AIGC`, found);
    attributes(xml, `${p}:AIGC`, found);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The TC260:AIGC values of one XMP packet, in document order. */
export function xmpLabelTexts(xml: string): string[] {
  return occurrences(xml).map((o) => o.value);
}

/** The IPTC namespace of `Iptc4xmpExt:DigitalSourceType` (IPTC Photo Metadata Extension). */
export const IPTC_EXT_NS = 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/';
/** IPTC NewsCodes digital source type for media made by a trained model (EU AI Act Art. 50(2) marking). */
export const TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

/** Whether the label says "is AI-generated" (Label "1"): only then is the IPTC source type claimed. */
function claimsGenerated(json: string): boolean {
  try {
    return (JSON.parse(json) as { Label?: unknown }).Label === '1';
  } catch {
    return false;
  }
}

function iptcDescription(indent: string): string {
  return (
    `${indent}<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="${IPTC_EXT_NS}">\n` +
    `${indent} <Iptc4xmpExt:DigitalSourceType>${TRAINED_ALGORITHMIC_MEDIA}</Iptc4xmpExt:DigitalSourceType>\n` +
    `${indent}</rdf:Description>\n`
  );
}

function description(json: string, indent: string): string {
  return (
    `${indent}<rdf:Description rdf:about="" xmlns:TC260="${TC260_NS}">\n` +
    `${indent} <TC260:AIGC>${xmlEscape(json)}</TC260:AIGC>\n` +
    `${indent}</rdf:Description>\n`
  );
}

/**
 * A complete XMP packet holding TC260:AIGC and, for Label "1", `Iptc4xmpExt:DigitalSourceType` =
 * trainedAlgorithmicMedia (what common tools read for EU AI Act Art. 50(2)).
 */
export function buildXmpPacket(json: string): string {
  return (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Anquan">\n' +
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    description(json, '  ') +
    (claimsGenerated(json) ? iptcDescription('  ') : '') +
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
  // Removing hostile fragments can join text into new ones: then the packet is not trusted and starts afresh.
  if (occurrences(out).length !== 1) return buildXmpPacket(json);
  // An existing DigitalSourceType (perhaps a more precise one, such as a composite) is kept.
  if (claimsGenerated(json) && !out.includes('DigitalSourceType')) {
    const end = out.lastIndexOf('</rdf:RDF>');
    const lineStart = out.lastIndexOf('\n', end) + 1;
    const ownLine = /^[ \t]*$/.test(out.slice(lineStart, end));
    out =
      out.slice(0, ownLine ? lineStart : end) +
      iptcDescription(ownLine ? `${out.slice(lineStart, end)} ` : '  ') +
      out.slice(ownLine ? lineStart : end);
  }
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

/** The packet without any TC260:AIGC property (other properties stay). */
export function removeXmpLabels(xml: string): string {
  let out = '';
  let at = 0;
  for (const o of occurrences(xml)) {
    if (o.start < at) continue;
    out += xml.slice(at, o.start);
    at = o.end;
  }
  return out + xml.slice(at);
}
