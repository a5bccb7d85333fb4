// The carrier table of shared/spec/requirements.md §4.4 (part 3: documents): PDF, OOXML and the opt-in HTML/JSON
// conventions, read back by exiftool, Ghostscript and the browser's parsers.

import {
  detectFormat,
  ImplicitLabelError,
  readImplicitLabel,
  readImplicitLabelAsync,
  writeImplicitLabel,
  writeImplicitLabelAsync,
} from '@anquan/label/metadata';
import { expect } from '@open-wc/testing';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import {
  dec,
  docx,
  enc,
  expectError,
  expectRejects,
  gsRenders,
  JSON1,
  JSON2,
  LABEL,
  objectStreamPdf,
  SECOND,
  twice,
  xrefStreamPdf,
} from './fixtures/carriers.js';
import { exif, tool } from './fixtures/metadata-tools.js';

describe('implicit label: the §4.4 carriers (documents)', function () {
  this.timeout(120_000);

  it('[GB45438-6.1-implicit][TC260-PG-carriers] PDF: Info /AIGC by incremental update (classic xref and xref stream), read by exiftool, rendered by Ghostscript', async () => {
    const made = await tool(
      'gs',
      [
        '-q',
        '-dSAFER',
        '-sDEVICE=pdfwrite',
        '-o',
        '{out}',
        '-c',
        '/Helvetica findfont 12 scalefont setfont 10 10 moveto (hello) show showpage',
      ],
      {
        outputName: 'g.pdf',
      },
    );
    expect(made.code, made.stderr).to.equal(0);
    for (const [name, pdf] of [
      ['gs.pdf', made.bytes!],
      ['xrefstream.pdf', xrefStreamPdf()],
    ] as const) {
      await gsRenders(pdf);
      const { once, second } = await twice(pdf, 'pdf');
      // Incremental update: the original bytes are a prefix of the output.
      expect(Array.from(once.subarray(0, pdf.length))).to.deep.equal(Array.from(pdf));
      expect(Array.from(second.subarray(0, once.length))).to.deep.equal(Array.from(once));
      const x1 = await exif(once, name);
      expect(x1['PDF:AIGC'], name).to.equal(JSON1);
      const x2 = await exif(second, name);
      expect(x2['PDF:AIGC'], name).to.equal(JSON2);
      expect((await exif(second, name, ['-validate']))['ExifTool:Validate'], name).to.equal('OK');
      // Other Info entries are kept.
      if (name === 'xrefstream.pdf') expect(x2['PDF:Title']).to.equal('Sample (one)');
      else expect(x2['PDF:Producer']).to.match(/Ghostscript/);
      const out = await gsRenders(second);
      expect(out).to.not.match(/error|repair/i);
    }
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] PDF: a label in an Info dictionary kept in a compressed object stream is read, and rewriting keeps its entries', async () => {
    // Catches: a reader that looks for Info only as a plain object (it missed the label another tool wrote).
    const theirs = objectStreamPdf(JSON1);
    expect((await exif(theirs, 'objstm.pdf'))['PDF:AIGC'], 'exiftool reads the fixture').to.equal(JSON1);
    const read = await readImplicitLabelAsync(theirs);
    expect(read.format).to.equal('pdf');
    expect(read.label?.ContentProducer).to.equal(LABEL.ContentProducer);
    // The sync reader cannot inflate: it says so instead of reporting no label.
    expectError(() => readImplicitLabel(theirs), 'unsupported-format');
    const out = await writeImplicitLabelAsync(objectStreamPdf(), SECOND);
    const x = await exif(out, 'objstm-labelled.pdf');
    expect(x['PDF:AIGC']).to.equal(JSON2);
    expect(x['PDF:Title'], 'the streamed Info entries are kept in the new revision').to.equal('Streamed title');
    expect(x['PDF:Producer']).to.equal('objstm-test');
    expect((await readImplicitLabelAsync(out)).label?.ProduceID).to.equal(SECOND.ProduceID);
    const rendered = await gsRenders(out);
    expect(rendered).to.not.match(/error|repair/i);
  });

  it('[GB45438-6.1-implicit] PDF: an object stream that inflates past the bound is refused with a typed error', async () => {
    // A 2 MB run of zeros deflates to ~2 KB: over the 200× ratio for a file of a few KB.
    const bomb = objectStreamPdf(`${'0'.repeat(2_000_000)}`);
    const err = await readImplicitLabelAsync(bomb).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(ImplicitLabelError);
    expect((err as ImplicitLabelError).code).to.equal('too-large');
  });

  it('PDF: encrypted files are refused', async () => {
    // Encrypted PDFs are refused: their strings would have to be encrypted too.
    const encrypted = enc(
      '%PDF-1.4\n1 0 obj\n<<>>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 2 /Root 1 0 R /Encrypt 1 0 R >>\nstartxref\n29\n%%EOF\n',
    );
    expectError(() => writeImplicitLabel(encrypted, LABEL), 'unsupported-format');
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] OOXML: custom property AIGC in docProps/custom.xml, read by exiftool; the package stays a valid zip', async () => {
    const src = docx();
    expect(detectFormat(src)).to.equal('ooxml');
    // The zip library is loaded only by the async functions.
    expectError(() => writeImplicitLabel(src, LABEL), 'unsupported-format');
    const { once, second } = await twice(src, 'ooxml');
    expect((await exif(once, 'd.docx'))['XML:AIGC']).to.equal(JSON1);
    expect((await exif(second, 'd.docx'))['XML:AIGC']).to.equal(JSON2);
    const files = unzipSync(second);
    expect(strFromU8(files['word/document.xml']!)).to.contain('正文');
    expect(strFromU8(files['[Content_Types].xml']!).match(/PartName="\/docProps\/custom\.xml"/g)!.length).to.equal(1);
    expect(strFromU8(files['_rels/.rels']!).match(/custom-properties/g)!.length).to.equal(1);
    const custom = new DOMParser().parseFromString(strFromU8(files['docProps/custom.xml']!), 'application/xml');
    const props = [...custom.getElementsByTagName('property')];
    expect(props.map((p) => p.getAttribute('name'))).to.deep.equal(['AIGC']);
    expect(props[0]!.getAttribute('fmtid')).to.equal('{D5CDD505-2E9C-101B-9397-08002B2CF9AE}');
    expect(props[0]!.textContent).to.equal(JSON2);
    // Other custom properties are kept.
    const withProp = docx({
      'docProps/custom.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client"><vt:lpwstr>ACME</vt:lpwstr></property></Properties>',
      ),
    });
    const kept = strFromU8(unzipSync(await writeImplicitLabelAsync(withProp, LABEL))['docProps/custom.xml']!);
    expect(kept).to.contain('name="Client"');
    expect(kept).to.contain('pid="3" name="AIGC"');
  });

  it('[GB45438-6.1-implicit] HTML <meta name="AIGC"> and a JSON "AIGC" member are opt-in conventions, read back by the browser parsers', async () => {
    const html = enc(
      '<!doctype html>\n<html lang="zh-CN"><head><title>t</title><meta name="AIGC" content="old"></head><body>正文</body></html>\n',
    );
    await expectRejects(writeImplicitLabelAsync(html, LABEL), 'unsupported-format');
    await expectRejects(readImplicitLabelAsync(html), 'unsupported-format');
    const opt = { conventions: true };
    const once = writeImplicitLabel(html, LABEL, opt);
    const second = writeImplicitLabel(once, SECOND, opt);
    expect(readImplicitLabel(second, opt).count).to.equal(1);
    const doc = new DOMParser().parseFromString(dec(second), 'text/html');
    const metas = doc.head.querySelectorAll('meta[name="AIGC"]');
    expect(metas.length).to.equal(1);
    expect(metas[0]!.getAttribute('content')).to.equal(JSON2);
    expect(doc.body.textContent!.trim()).to.equal('正文');

    const json = enc('{\n  "id": 12345678901234567890,\n  "AIGC": {"Label": "2"},\n  "text": "a}b"\n}\n');
    expectError(() => writeImplicitLabel(json, LABEL), 'unsupported-format');
    const j1 = writeImplicitLabel(json, LABEL, opt);
    const j2 = writeImplicitLabel(j1, SECOND, opt);
    const parsed = JSON.parse(dec(j2)) as Record<string, unknown>;
    expect(parsed.AIGC).to.deep.equal(JSON.parse(JSON2));
    expect(parsed.text).to.equal('a}b');
    // Other members keep their bytes (a re-serialisation would lose the big integer's digits).
    expect(dec(j2)).to.contain('"id": 12345678901234567890,');
    expect(dec(j2).match(/"AIGC"/g)!.length).to.equal(1);
    expectError(() => writeImplicitLabel(enc('[1, 2]'), LABEL, opt), 'unsupported-format');
  });
});
