// Conversation exports as documents (Labeling Measures Art. 4, last paragraph; GB 45438 §5.1): Markdown, HTML, PDF
// and DOCX, each with the explicit label as its first line (and, in PDF and DOCX, as the header of every page),
// and the implicit label in the file's carrier (front matter, <meta>, the PDF Info dictionary, a DOCX custom
// property). No DOM and no fonts are needed: PDF text uses the standard Adobe-GB1 font STSong-Light (not embedded;
// every PDF reader with CJK support has it or a substitute), DOCX is zipped with fflate, loaded on first use.
import { getConfig } from '@anquan/core/config-state';
import { type Locale, resolveLocale } from '@anquan/core/i18n';
import type { ProfileId } from '@anquan/core/profiles';
import { concat, latin1, utf8 } from '../metadata/bytes.js';
import { type ImplicitLabel, serializeLabel, writeImplicitLabelAsync } from '../metadata/index.js';
import { labelTextForExport } from './export.js';

/** One turn of a conversation. */
export interface ConversationMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
}

export type DocumentFormat = 'markdown' | 'html' | 'pdf' | 'docx';

export interface ConversationExportOptions {
  locale?: Locale | string;
  profile?: ProfileId;
  /** Custom label wording (must contain both elements; else a LabelWordingError). */
  text?: string;
  /** Document title (default: the localised "Conversation"). */
  title?: string;
}

const MIME: Record<DocumentFormat, string> = {
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const ROLE = {
  'zh-CN': { user: '用户', assistant: 'AI', system: '系统', title: '对话记录' },
  en: { user: 'User', assistant: 'AI', system: 'System', title: 'Conversation' },
} as const;

/** The explicit label line of the profile and locale, e.g. 【内容由人工智能生成】. */
export function exportLabelLine(options: ConversationExportOptions = {}): string {
  return labelTextForExport('x', { locale: options.locale, profile: options.profile, text: options.text }).split('\n')[0]!;
}

interface Doc {
  line: string;
  title: string;
  locale: Locale;
  turns: { who: string; content: string }[];
}

function prepare(messages: readonly ConversationMessage[], options: ConversationExportOptions): Doc {
  if (!Array.isArray(messages)) throw new TypeError('[anquan] exportConversation: messages must be an array');
  const config = getConfig(options.profile);
  const locale = options.locale ? resolveLocale(String(options.locale)) : config.defaultLocale;
  const names = ROLE[locale];
  return {
    line: exportLabelLine(options),
    title: options.title ?? names.title,
    locale,
    turns: messages.map((m) => ({ who: (names as Record<string, string>)[m.role] ?? String(m.role), content: String(m.content ?? '') })),
  };
}

function markdown(d: Doc): string {
  return `${d.line}\n\n# ${d.title}\n\n${d.turns.map((t) => `**${t.who}:**\n\n${t.content}\n`).join('\n')}`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function htmlDoc(d: Doc): string {
  const turns = d.turns
    .map(
      (t) =>
        `<section><h2>${esc(t.who)}</h2>${t.content
          .split(/\n{2,}/)
          .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
          .join('')}</section>`,
    )
    .join('\n');
  return `<!doctype html>\n<html lang="${d.locale}"><head><meta charset="utf-8"><title>${esc(d.title)}</title></head>\n<body>\n<p class="aq-ai-label"><strong>${esc(d.line)}</strong></p>\n<h1>${esc(d.title)}</h1>\n${turns}\n</body></html>\n`;
}

// ---- PDF -------------------------------------------------------------------------------------------------------

const PAGE = { w: 595.28, h: 841.89, margin: 56 };
const SIZE = 11;
const LEADING = 16;

/** Advance of a UTF-16 code unit in em: CJK and other wide characters 1, the rest 0.5 (STSong-Light's widths). */
function advance(c: number): number {
  return c >= 0x2e80 ? 1 : 0.6;
}

/** Lines of at most `width` points at `size`. */
function wrap(text: string, width: number, size: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const ch of para) {
      const a = advance(ch.charCodeAt(0)) * size;
      if (w + a > width && line) {
        out.push(line);
        line = '';
        w = 0;
      }
      line += ch;
      w += a;
    }
    out.push(line);
  }
  return out;
}

/**
 * Text-showing operators for one line at `size`: ASCII runs in Helvetica (/F2, WinAnsi), everything else in
 * STSong-Light (/F1, UniGB-UCS2-H), whose Latin range substitutes often lack.
 */
function show(text: string, size: number): string {
  let ops = '';
  for (const m of text.matchAll(/[\x20-\x7e]+|[^\x20-\x7e]+/g)) {
    const run = m[0];
    ops += /^[\x20-\x7e]/.test(run) ? `/F2 ${size} Tf (${run.replace(/[\\()]/g, '\\$&')}) Tj ` : `/F1 ${size} Tf ${hex(run)} Tj `;
  }
  return ops;
}

/** A PDF hex string of the text in UCS-2 (UniGB-UCS2-H); characters beyond the BMP become U+FFFD. */
function hex(text: string): string {
  let s = '<';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    s += (c > 0xffff ? 0xfffd : c).toString(16).padStart(4, '0');
  }
  return `${s}>`;
}

function pdf(d: Doc): Uint8Array {
  const width = PAGE.w - 2 * PAGE.margin;
  const body: { text: string; size: number; gap?: number }[] = [];
  const push = (text: string, size: number, gap = 0) => {
    for (const l of wrap(text, width, size)) body.push({ text: l, size });
    if (gap) body.push({ text: '', size, gap });
  };
  push(d.line, 14, 1);
  push(d.title, 16, 1);
  for (const t of d.turns) {
    push(`${t.who}:`, 12);
    push(t.content, SIZE, 1);
  }
  // Pages: a header with the label on each, then body lines.
  const top = PAGE.h - PAGE.margin - 24;
  const pages: string[] = [];
  let ops = '';
  let y = top;
  const header = `BT ${PAGE.margin} ${PAGE.h - PAGE.margin + 8} Td ${show(d.line, 9)}ET\n`;
  for (const l of body) {
    if (y < PAGE.margin) {
      pages.push(ops);
      ops = '';
      y = top;
    }
    if (l.text) ops += `BT ${PAGE.margin} ${y.toFixed(2)} Td ${show(l.text, l.size)}ET\n`;
    y -= l.size === SIZE ? LEADING : l.size * 1.5;
  }
  pages.push(ops);

  const objs: string[] = [];
  const add = (s: string): number => objs.push(s);
  add('<< /Type /Catalog /Pages 2 0 R >>'); // 1
  add(''); // 2: Pages, filled below
  add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>'); // 3
  add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
  ); // 4
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 626 /StemV 93 >>',
  ); // 5
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'); // 6
  const kids: number[] = [];
  for (const content of pages) {
    const stream = header + content;
    const contentNum = add(`<< /Length ${utf8(stream).length} >>\nstream\n${stream}endstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.w} ${PAGE.h}] /Resources << /Font << /F1 3 0 R /F2 6 0 R >> >> /Contents ${contentNum} 0 R >>`,
      ),
    );
  }
  objs[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(`<< /Title <FEFF${hex(d.title).slice(1)} /Producer (Anquan) >>`);
  const parts: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    const bytes = utf8(`${i + 1} 0 obj\n${o}\nendobj\n`);
    offsets.push(offset);
    parts.push(bytes);
    offset += bytes.length;
  });
  let xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(latin1(xref));
  return concat(parts);
}

// ---- DOCX ------------------------------------------------------------------------------------------------------

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function run(text: string, bold = false): string {
  return `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function paragraph(text: string, options: { bold?: boolean; style?: string } = {}): string {
  const runs = text
    .split('\n')
    .map((l, i) => (i ? '<w:r><w:br/></w:r>' : '') + run(l, options.bold))
    .join('');
  return `<w:p>${options.style ? `<w:pPr><w:pStyle w:val="${options.style}"/></w:pPr>` : ''}${runs}</w:p>`;
}

async function docx(d: Doc): Promise<Uint8Array> {
  const { zipSync } = await import('fflate');
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const body =
    paragraph(d.line, { bold: true }) +
    paragraph(d.title, { bold: true }) +
    d.turns
      .map(
        (t) =>
          paragraph(`${t.who}:`, { bold: true }) +
          t.content
            .split(/\n{2,}/)
            .map((p) => paragraph(p))
            .join(''),
      )
      .join('');
  return zipSync(
    {
      '[Content_Types].xml': utf8(
        `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>`,
      ),
      '_rels/.rels': utf8(
        `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
      ),
      'word/_rels/document.xml.rels': utf8(
        `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>`,
      ),
      'word/header1.xml': utf8(`${xml}<w:hdr xmlns:w="${W}" xmlns:r="${R}">${paragraph(d.line, { bold: true })}</w:hdr>`),
      'word/document.xml': utf8(
        `${xml}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}<w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>`,
      ),
    },
    { level: 6 },
  );
}

/**
 * A conversation as a document with the explicit label as its first line (PDF and DOCX: also the header of every
 * page) and the implicit label in the file. HTML carries it as `<meta name="AIGC">` (the project convention).
 *
 * @throws ImplicitLabelError for a label that breaks Appendix E; LabelWordingError for a bad custom wording
 */
export async function exportConversation(
  messages: readonly ConversationMessage[],
  format: DocumentFormat,
  label: ImplicitLabel,
  options: ConversationExportOptions = {},
): Promise<Blob> {
  serializeLabel(label); // a bad label fails before any work
  const d = prepare(messages, options);
  const raw =
    format === 'markdown'
      ? utf8(markdown(d))
      : format === 'html'
        ? utf8(htmlDoc(d))
        : format === 'pdf'
          ? pdf(d)
          : format === 'docx'
            ? await docx(d)
            : (() => {
                throw new TypeError(`[anquan] exportConversation: format must be markdown, html, pdf or docx, not ${String(format)}`);
              })();
  const type = MIME[format];
  const out = await writeImplicitLabelAsync(raw, label, { type, conventions: format === 'html' });
  return new Blob([out as Uint8Array<ArrayBuffer>], { type });
}
