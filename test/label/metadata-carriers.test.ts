// The carrier table of shared/spec/requirements.md §4.4 (part 1: detection, video and images): WebM/MKV, GIF and SVG,
// each read back by an outside tool (ffprobe, exiftool, the browser) and still decoding after two writes.

import { detectFormat, writeImplicitLabel } from '@anquan/label/metadata';
import { expect } from '@open-wc/testing';
import {
  AUDIO,
  dec,
  enc,
  expectDecodesSame,
  expectError,
  IPTC,
  JSON1,
  JSON2,
  LABEL,
  probeTags,
  twice,
  VIDEO,
} from './fixtures/carriers.js';
import { exif, ffmpegMake, tool } from './fixtures/metadata-tools.js';

describe('implicit label: format detection by content and MIME type', () => {
  it('[TC260-PG-carriers] JSON, HTML, SVG, CSV and plain text are not taken for Markdown; unknown text is unsupported-format', () => {
    const json = enc('{"a": 1}\n');
    const html = enc('<!doctype html><html><head></head><body>x</body></html>');
    const svg = enc('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>');
    const csv = enc('a,b\n1,2\n');
    const txt = enc('就是一段文字\n');
    expect([json, html, svg, csv, txt].map((b) => detectFormat(b))).to.deep.equal(['json', 'html', 'svg', null, null]);
    expect(detectFormat(csv, 'text/csv')).to.equal(null);
    expect(detectFormat(txt, 'text/plain; charset=utf-8')).to.equal(null);
    expect(detectFormat(txt, 'text/markdown')).to.equal('markdown');
    expect(detectFormat(json, 'application/ld+json')).to.equal('json');
    // Binary formats follow their bytes whatever the MIME type says.
    expect(detectFormat(enc('%PDF-1.7\n'), 'text/plain')).to.equal('pdf');
    // Before this change these bytes got YAML front matter prepended, which broke them; now they are refused.
    for (const [bytes, type] of [
      [json, undefined],
      [html, undefined],
      [csv, 'text/csv'],
      [txt, undefined],
    ] as const) {
      expectError(() => writeImplicitLabel(bytes, LABEL, { type }), 'unsupported-format');
    }
  });
});

describe('implicit label: the §4.4 carriers (video, images)', function () {
  this.timeout(120_000);

  it('[GB45438-6.1-implicit][TC260-PG-carriers] WebM and MKV: a global SimpleTag AIGC that ffprobe reads; frames and seeking intact', async () => {
    for (const [name, args] of [
      ['v.webm', [...VIDEO, '-t', '1', '-c:v', 'libvpx', '-b:v', '200k']],
      ['v.mkv', [...VIDEO, ...AUDIO, '-t', '1', '-c:v', 'mpeg4', '-c:a', 'aac']],
    ] as const) {
      const src = await ffmpegMake([...args], name);
      const { once, second } = await twice(src, 'matroska');
      expect((await probeTags(once, name)).AIGC).to.equal(JSON1);
      expect((await probeTags(second, name)).AIGC).to.equal(JSON2);
      await expectDecodesSame(src, second, name);
      // Seeking uses the SeekHead and Cues, whose positions moved with the inserted Tags.
      const seek = await tool('ffmpeg', ['-v', 'warning', '-ss', '0.5', '-i', '{in}', '-f', 'null', '-'], {
        input: second,
        inputName: name,
      });
      expect(seek.stderr, `seek warnings for ${name}`).to.equal('');
    }
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers][AIACT-50.2-marking] GIF: XMP application extension with TC260:AIGC and IPTC DigitalSourceType, read by exiftool; frames intact', async () => {
    const gif = await ffmpegMake([...VIDEO, '-t', '0.5'], 'g.gif');
    const { once, second } = await twice(gif, 'gif');
    const x1 = await exif(once, 'g.gif');
    expect(x1['XMP-TC260:Aigc']).to.equal(JSON1);
    expect(x1['XMP-iptcExt:DigitalSourceType']).to.equal(IPTC);
    expect((await exif(second, 'g.gif'))['XMP-TC260:Aigc']).to.equal(JSON2);
    expect((await exif(second, 'g.gif', ['-validate']))['ExifTool:Validate']).to.equal('OK');
    await expectDecodesSame(gif, second, 'g.gif');
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers][AIACT-50.2-marking] SVG: XMP in <metadata>, read by exiftool and still a valid SVG image', async () => {
    const svg = enc(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="10" height="10" fill="red"/></svg>\n',
    );
    const { once, second } = await twice(svg, 'svg');
    const x = await exif(once, 's.svg');
    expect(x['XMP-TC260:SvgMetadataAigc']).to.equal(JSON1);
    expect(x['XMP-iptcExt:SvgMetadataDigitalSourceType']).to.equal(IPTC);
    expect((await exif(second, 's.svg'))['XMP-TC260:SvgMetadataAigc']).to.equal(JSON2);
    const doc = new DOMParser().parseFromString(dec(second), 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    expect(doc.documentElement.localName).to.equal('svg');
    expect(doc.documentElement.firstElementChild?.localName).to.equal('metadata');
    // The browser still draws it.
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([second as Uint8Array<ArrayBuffer>], { type: 'image/svg+xml' }));
    await img.decode();
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([20, 10]);
  });
});
