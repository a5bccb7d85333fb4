// Document exports of a conversation (PDF, DOCX, HTML, Markdown) with the explicit label line, read back by outside
// tools (Ghostscript's text extraction, exiftool, the browser's parsers); and Labeling Measures Art. 9: a copy
// without the explicit label only when the host allows it after the user accepted the terms, recorded at the intake.
import { configure, getOutbox, resetConfig } from '@anquan/core';
import {
  exportConversation,
  exportLabelLine,
  type ImplicitLabel,
  readImplicitLabel,
  readImplicitLabelAsync,
  requestUnlabelledCopy,
  UnlabelledCopyError,
} from '@anquan/label';
import { expect } from '@open-wc/testing';
import { strFromU8, unzipSync } from 'fflate';
import { testIntake } from '../harness/index.js';
import { exif, tool } from './fixtures/metadata-tools.js';
import { solidPng } from './helpers.js';

const LABEL: ImplicitLabel = { Label: '1', ContentProducer: '001191110108MA0123456700001', ProduceID: 'conv-77' };
const CHAT = [
  { role: 'user', content: '写一首关于月亮的诗' },
  {
    role: 'assistant',
    content: '床前明月光，疑是地上霜。\n\nThe moon, a second paragraph in English that is long enough to wrap on an A4 page for sure.',
  },
] as const;
const bytes = async (b: Blob): Promise<Uint8Array> => new Uint8Array(await b.arrayBuffer());
/** A conversation long enough for several A4 pages. */
const LONG = [...CHAT, ...Array.from({ length: 40 }, (_, i) => ({ role: 'assistant' as const, content: `第${i}段。`.repeat(30) }))];

/**
 * Ghostscript reads the text of a printed PDF: `line` must be the header of every page (more than one) and the
 * first line of the body. Returns the text.
 */
async function expectLabelHeadsEveryPage(pdf: Uint8Array, line: string): Promise<string> {
  const r = await tool('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite', '-sOutputFile=-', '{in}'], {
    input: pdf,
    inputName: 'c.pdf',
  });
  expect(r.code, r.stderr).to.equal(0);
  const lines = r.stdout.split('\n').map((l) => l.trim());
  expect(lines.filter(Boolean).slice(0, 2)).to.deep.equal([line, line]); // page header, then the first line
  const pages = await tool('gs', ['-q', '-dNODISPLAY', '-dNOSAFER', '-c', '({in}) (r) file runpdfbegin pdfpagecount = quit'], {
    input: pdf,
    inputName: 'c.pdf',
  });
  const count = Number(pages.stdout.trim());
  expect(count, pages.stderr).to.be.greaterThan(1);
  expect(lines.filter((l) => l === line).length, 'one header per page plus the first line').to.equal(count + 1);
  return r.stdout;
}

describe('conversation exports carry the explicit label', function () {
  this.timeout(60_000);

  it('[MEASURES-4-export][GB45438-5.1-text] PDF: the label is the first line of the text and the header of every page (Ghostscript), with /AIGC (exiftool)', async () => {
    const line = exportLabelLine({ locale: 'zh-CN' });
    expect(line).to.equal('【内容由AI生成】');
    const pdf = await bytes(await exportConversation(LONG, 'pdf', LABEL, { locale: 'zh-CN' }));
    const text = await expectLabelHeadsEveryPage(pdf, line);
    expect(text).to.contain('床前明月光').and.contain('The moon');
    const x = await exif(pdf, 'c.pdf');
    expect(JSON.parse(String(x['PDF:AIGC'])).ProduceID).to.equal('conv-77');
    expect((await exif(pdf, 'c.pdf', ['-validate']))['ExifTool:Validate']).to.equal('OK');
  });

  it('[MEASURES-4-export][GB45438-5.1-text] DOCX: the label is the first paragraph and the page header; custom property AIGC (exiftool)', async () => {
    const docx = await bytes(await exportConversation(CHAT, 'docx', LABEL, { locale: 'en' }));
    const line = exportLabelLine({ locale: 'en' });
    const files = unzipSync(docx);
    const doc = new DOMParser().parseFromString(strFromU8(files['word/document.xml']!), 'application/xml');
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const paras = [...doc.getElementsByTagNameNS(W, 'p')].map((p) => p.textContent);
    expect(paras[0]).to.equal(line);
    expect(paras.join('\n')).to.contain('床前明月光');
    const headerRef = doc.getElementsByTagNameNS(W, 'headerReference')[0]!;
    const rels = strFromU8(files['word/_rels/document.xml.rels']!);
    const target = new RegExp(
      `Id="${headerRef.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id')}"[^>]*Target="([^"]+)"`,
    ).exec(rels)![1]!;
    const header = new DOMParser().parseFromString(strFromU8(files[`word/${target}`]!), 'application/xml');
    expect(header.documentElement.textContent).to.equal(line);
    expect(JSON.parse(String((await exif(docx, 'c.docx'))['XML:AIGC'])).ProduceID).to.equal('conv-77');
    expect((await readImplicitLabelAsync(docx)).count).to.equal(1);
  });

  it('[MEASURES-4-export][GB45438-5.1-text] DOCX opened by an office suite (LibreOffice): the label is the header of every page and the first line, and the text is all there', async () => {
    // What a reader sees, not what the XML says: LibreOffice lays the document out and prints it to PDF, and
    // Ghostscript reads the printed text back. A header that no page uses (a reference of type "even" without
    // even/odd headers: mutation docx-header-not-default) passes the XML test above and fails here.
    const docx = await bytes(await exportConversation(LONG, 'docx', LABEL, { locale: 'zh-CN' }));
    const printed = await tool(
      'soffice',
      ['-env:UserInstallation=file://{dir}/profile', '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', '{dir}', '{in}'],
      { input: docx, inputName: 'c.docx', outputName: 'c.pdf' },
    );
    expect(printed.bytes, `LibreOffice did not open the DOCX: ${printed.stdout} ${printed.stderr}`).to.not.equal(undefined);
    const text = await expectLabelHeadsEveryPage(printed.bytes!, exportLabelLine({ locale: 'zh-CN' }));
    expect(text).to.contain('床前明月光').and.contain('第39段');
  });

  it('[MEASURES-4-export][GB45438-5.1-text] HTML and Markdown: the label is the first visible line; the implicit label is in <meta> / front matter', async () => {
    const html = await exportConversation(CHAT, 'html', LABEL, { locale: 'zh-CN' });
    expect(html.type).to.equal('text/html');
    const doc = new DOMParser().parseFromString(await html.text(), 'text/html');
    expect(doc.body.firstElementChild!.textContent).to.equal('【内容由AI生成】');
    expect(JSON.parse(doc.querySelector('meta[name="AIGC"]')!.getAttribute('content')!).ProduceID).to.equal('conv-77');
    const md = await exportConversation(CHAT, 'markdown', LABEL, { locale: 'zh-CN' });
    const text = await md.text();
    const body = text.slice(text.indexOf('\n---\n') + 5);
    expect(body.split('\n')[0]).to.equal('【内容由AI生成】');
    expect(readImplicitLabel(await bytes(md), { type: 'text/markdown' }).label!.ProduceID).to.equal('conv-77');
  });
});

describe('Labeling Measures Art. 9: a copy without the explicit label', function () {
  this.timeout(60_000);
  afterEach(() => resetConfig());
  const request = { requester: 'user-42', purpose: 'Poster for the trade fair', recipient: 'Print shop Example Ltd.' };

  async function refused(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (err) {
      expect(err).to.be.instanceOf(UnlabelledCopyError);
      expect((err as UnlabelledCopyError).localizedMessage)
        .to.be.a('string')
        .and.not.equal('');
      return (err as UnlabelledCopyError).code;
    }
    throw new Error('expected a refusal');
  }

  it('[MEASURES-4-export] is refused without a host decision, on refusal, without the accepted terms, or without who/why/whom', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const png = await solidPng(32, 32);
    expect(await refused(requestUnlabelledCopy(png, LABEL, request)), 'nobody answers').to.equal('no-decision');
    expect(await refused(requestUnlabelledCopy(png, LABEL, request, { decide: () => ({ allow: false, reason: 'policy' }) }))).to.equal(
      'refused',
    );
    const noTerms = { allow: true, agreement: { version: '', acceptedAt: new Date() } } as const;
    expect(await refused(requestUnlabelledCopy(png, LABEL, request, { decide: () => noTerms }))).to.equal('not-agreed');
    const future = { allow: true, agreement: { version: 'v3', acceptedAt: new Date(Date.now() + 3_600_000) } } as const;
    expect(await refused(requestUnlabelledCopy(png, LABEL, request, { decide: () => future }))).to.equal('not-agreed');
    const allow = () => ({ allow: true as const, agreement: { version: 'v3', acceptedAt: new Date() } });
    expect(await refused(requestUnlabelledCopy(png, LABEL, { ...request, purpose: '  ' }, { decide: allow }))).to.equal('invalid-request');
    await getOutbox().flush();
    expect((await intake.received()).filter((r) => r.kind === 'unlabelled-copy')).to.deep.equal([]);
  });

  it('[MEASURES-4-export][GB45438-6.1-implicit] the host allows it through aq-request-unlabelled-copy: who asked, purpose and recipient reach the intake; the implicit label stays', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const png = await solidPng(32, 32, '#123456');
    const asked: string[] = [];
    const onRequest = (e: Event) => {
      const d = (e as CustomEvent).detail;
      asked.push(`${d.requester}|${d.purpose}|${d.recipient}|${d.contentType}`);
      d.respond(
        Promise.resolve({ allow: true, agreement: { version: 'terms-2026-11', acceptedAt: new Date(Date.now() - 1000).toISOString() } }),
      );
    };
    const made: unknown[] = [];
    const onMade = (e: Event) => made.push((e as CustomEvent).detail);
    window.addEventListener('aq-request-unlabelled-copy', onRequest);
    window.addEventListener('aq-unlabelled-copy-made', onMade);
    try {
      const copy = await requestUnlabelledCopy(png, LABEL, request);
      expect(asked).to.deep.equal(['user-42|Poster for the trade fair|Print shop Example Ltd.|image/png']);
      // No explicit label was burnt in: the pixels are the original's.
      const pixels = async (b: Blob) => {
        const bmp = await createImageBitmap(b);
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = c.getContext('2d')!;
        ctx.drawImage(bmp, 0, 0);
        return Array.from(ctx.getImageData(0, 0, bmp.width, bmp.height).data);
      };
      expect(await pixels(copy.blob)).to.deep.equal(await pixels(png));
      const r = readImplicitLabel(await bytes(copy.blob));
      expect([r.count, r.label!.ProduceID]).to.deep.equal([1, 'conv-77']);
      expect((await exif(await bytes(copy.blob), 'u.png'))['XMP-TC260:Aigc']).to.contain('conv-77');
      await getOutbox().flush();
      const records = (await intake.received()).filter((x) => x.kind === 'unlabelled-copy');
      expect(records.length).to.equal(1);
      const p = records[0]!.payload as Record<string, unknown>;
      expect([p.requester, p.purpose, p.recipient]).to.deep.equal([request.requester, request.purpose, request.recipient]);
      expect(p.agreement).to.deep.include({ version: 'terms-2026-11' });
      expect(p.implicitLabel).to.deep.equal({ Label: '1', ContentProducer: LABEL.ContentProducer, ProduceID: 'conv-77' });
      expect(records[0]!.id).to.equal(copy.recordId);
      expect(made).to.have.length(1);
    } finally {
      window.removeEventListener('aq-request-unlabelled-copy', onRequest);
      window.removeEventListener('aq-unlabelled-copy-made', onMade);
    }
  });
});
