// SVG: the label is an XMP packet (x:xmpmeta with TC260:AIGC) inside the root's <metadata> element, the XMP
// fallback for XML formats (XMP Specification Part 3). Text-level edits: the rest of the file is kept byte for byte.
import { utf8, utf8DecodeStrict } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';
import { buildXmpPacket, removeXmpLabels, updateXmpPacket, xmpLabelTexts } from './xmp.js';

function decode(b: Uint8Array): string {
  const text = utf8DecodeStrict(b);
  if (text === null) throw new ImplicitLabelError('unsupported-format', 'SVG is not valid UTF-8');
  return text;
}

/** The [start, end) of every x:xmpmeta element (any prefix bound to adobe:ns:meta/ is rare; x: is the norm). */
function packets(text: string): { start: number; end: number }[] {
  const list: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('<x:xmpmeta', from);
    if (at < 0) return list;
    const close = text.indexOf('</x:xmpmeta>', at);
    if (close < 0) return list;
    list.push({ start: at, end: close + 12 });
    from = close + 12;
  }
}

/** The end of the root `<svg …>` start tag. */
function rootTagEnd(text: string): number {
  const at = text.search(/<svg[\s>]/);
  if (at < 0) corrupt('SVG has no <svg> root element');
  let q: string | null = null;
  for (let i = at + 4; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '>') {
      if (text[i - 1] === '/') corrupt('SVG root element is empty');
      return i + 1;
    }
  }
  return corrupt('SVG root start tag is not closed');
}

/** The label texts held by an SVG, in document order. */
export function readSvg(b: Uint8Array): string[] {
  const text = decode(b);
  return packets(text).flatMap((p) => xmpLabelTexts(text.slice(p.start, p.end)));
}

/** Without the `<?xpacket …?>` wrapper: inside an SVG the packet is an element of <metadata>. */
function bare(packet: string): string {
  const start = packet.indexOf('<x:xmpmeta');
  const end = packet.lastIndexOf('</x:xmpmeta>');
  return packet.slice(start, end + 12);
}

/** Updates the first x:xmpmeta in place (others lose their TC260:AIGC), or adds <metadata> after the root tag. */
export function writeSvg(b: Uint8Array, json: string): Uint8Array {
  const text = decode(b);
  const list = packets(text);
  if (list.length === 0) {
    const at = rootTagEnd(text);
    return utf8(`${text.slice(0, at)}\n<metadata>${bare(buildXmpPacket(json))}</metadata>${text.slice(at)}`);
  }
  let out = '';
  let at = 0;
  list.forEach((p, i) => {
    const xml = text.slice(p.start, p.end);
    out +=
      text.slice(at, p.start) +
      (i === 0 ? bare(updateXmpPacket(`<?xpacket begin=""?>${xml}<?xpacket end="w"?>`, json)) : removeXmpLabels(xml));
    at = p.end;
  });
  return utf8(out + text.slice(at));
}
