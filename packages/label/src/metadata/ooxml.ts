// OOXML (DOCX, XLSX, PPTX): the label is the custom document property "AIGC" in docProps/custom.xml (ECMA-376
// Part 1 §22.3, a vt:lpwstr value), with its relationship in _rels/.rels and its content type in
// [Content_Types].xml. The zip library (fflate, MIT) is loaded only when an OOXML file is met.
import { utf8, utf8Decode } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';
import { xmlEscape, xmlUnescape } from './xmp.js';

const CUSTOM = 'docProps/custom.xml';
const CUSTOM_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const CUSTOM_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
/** The FMTID every custom property carries (ECMA-376 Part 1 §22.3.2.2). */
const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
/** Unpacked size allowed, as a multiple of the packed size (and an absolute cap): a zip bomb is refused. */
const MAX_RATIO = 200;
const MAX_UNPACKED = 512 * 1024 * 1024;

type Fflate = typeof import('fflate');
let lib: Promise<Fflate> | undefined;
const load = (): Promise<Fflate> => (lib ??= import('fflate'));

/** The property elements named AIGC: their ranges and their text values. */
function properties(xml: string): { start: number; end: number; value: string; pid: number }[] {
  const out: { start: number; end: number; value: string; pid: number }[] = [];
  let from = 0;
  for (;;) {
    const at = xml.indexOf('<property', from);
    if (at < 0) return out;
    const gt = xml.indexOf('>', at);
    if (gt < 0) return out;
    const close = xml[gt - 1] === '/' ? gt - 1 : xml.indexOf('</property>', gt);
    if (close < 0) return out;
    const end = xml[gt - 1] === '/' ? gt + 1 : close + 11;
    from = end;
    const tag = xml.slice(at, gt);
    const name = /\sname\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
    const pid = Number(/\spid\s*=\s*["'](\d+)["']/.exec(tag)?.[1] ?? 0);
    const inner = xml[gt - 1] === '/' ? '' : xml.slice(gt + 1, close);
    const value = /<vt:lpwstr>([\s\S]*)<\/vt:lpwstr>/.exec(inner)?.[1] ?? /<vt:lpstr>([\s\S]*)<\/vt:lpstr>/.exec(inner)?.[1] ?? '';
    out.push({ start: at, end, value: xmlUnescape(value), pid: name && xmlUnescape(name[1] ?? name[2]!) === 'AIGC' ? -pid - 1 : pid });
  }
}

function checkSizes(b: Uint8Array, files: Record<string, Uint8Array>): void {
  let total = 0;
  for (const f of Object.values(files)) total += f.length;
  if (total > MAX_UNPACKED || total > MAX_RATIO * Math.max(b.length, 4096)) {
    throw new ImplicitLabelError('too-large', `The package unpacks to ${total} bytes; refused as a possible zip bomb`);
  }
}

async function unzip(b: Uint8Array, only?: string): Promise<Record<string, Uint8Array>> {
  const { unzipSync } = await load();
  // Declared sizes are checked before anything is inflated.
  let declared = 0;
  const files = (() => {
    try {
      return unzipSync(b, {
        filter: (f) => {
          declared += f.originalSize;
          return only === undefined || f.name === only;
        },
      });
    } catch (cause) {
      throw new ImplicitLabelError('corrupt', `The OOXML package is not a readable zip: ${String(cause)}`, { cause });
    }
  })();
  if (declared > MAX_UNPACKED || declared > MAX_RATIO * Math.max(b.length, 4096)) {
    throw new ImplicitLabelError('too-large', 'The package declares more unpacked bytes than allowed');
  }
  checkSizes(b, files);
  return files;
}

/** The label texts of an OOXML package: the values of its AIGC custom properties. */
export async function readOoxml(b: Uint8Array): Promise<string[]> {
  const files = await unzip(b, CUSTOM);
  const custom = files[CUSTOM];
  if (!custom) return [];
  return properties(utf8Decode(custom))
    .filter((p) => p.pid < 0)
    .map((p) => p.value);
}

function withOverride(types: string): string {
  if (types.includes('PartName="/docProps/custom.xml"')) return types;
  const end = types.lastIndexOf('</Types>');
  if (end < 0) corrupt('[Content_Types].xml has no </Types>');
  return `${types.slice(0, end)}<Override PartName="/docProps/custom.xml" ContentType="${CUSTOM_TYPE}"/>${types.slice(end)}`;
}

function withRelationship(rels: string): string {
  if (rels.includes(CUSTOM_REL)) return rels;
  const ids = new Set([...rels.matchAll(/\sId\s*=\s*"([^"]*)"/g)].map((m) => m[1]));
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  const end = rels.lastIndexOf('</Relationships>');
  if (end < 0) corrupt('_rels/.rels has no </Relationships>');
  return `${rels.slice(0, end)}<Relationship Id="rId${n}" Type="${CUSTOM_REL}" Target="docProps/custom.xml"/>${rels.slice(end)}`;
}

function customXml(existing: string | null, json: string): string {
  const prop = (pid: number): string =>
    `<property fmtid="${FMTID}" pid="${pid}" name="AIGC"><vt:lpwstr>${xmlEscape(json)}</vt:lpwstr></property>`;
  if (existing === null || existing.lastIndexOf('</Properties>') < 0) {
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
      `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${prop(2)}</Properties>`
    );
  }
  let out = '';
  let at = 0;
  let maxPid = 1;
  for (const p of properties(existing)) {
    if (p.pid >= 0) {
      maxPid = Math.max(maxPid, p.pid);
      continue;
    }
    maxPid = Math.max(maxPid, -p.pid - 1);
    out += existing.slice(at, p.start);
    at = p.end;
  }
  out += existing.slice(at);
  const end = out.lastIndexOf('</Properties>');
  return `${out.slice(0, end)}${prop(maxPid + 1)}${out.slice(end)}`;
}

/** Rewrites the package with the AIGC custom property (other parts unchanged in content and order). */
export async function writeOoxml(b: Uint8Array, json: string): Promise<Uint8Array> {
  const files = await unzip(b);
  const types = files['[Content_Types].xml'];
  const rels = files['_rels/.rels'];
  if (!types || !rels) corrupt('OOXML package without [Content_Types].xml or _rels/.rels');
  files['[Content_Types].xml'] = utf8(withOverride(utf8Decode(types)));
  files['_rels/.rels'] = utf8(withRelationship(utf8Decode(rels)));
  files[CUSTOM] = utf8(customXml(files[CUSTOM] ? utf8Decode(files[CUSTOM]) : null, json));
  const { zipSync } = await load();
  return zipSync(files, { level: 6 });
}
