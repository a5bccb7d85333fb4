// GB 45438-2025 implicit labels in real files: every carrier of TC260's practice guides, checked against the
// module's own reader, an external reader (exiftool / ffprobe / an independent parser) and a decoder.

import {
  detectFormat,
  type ImplicitLabel,
  ImplicitLabelError,
  readImplicitLabel,
  serializeLabel,
  writeImplicitLabel,
} from '@anquan/label/metadata';
import { expect } from '@open-wc/testing';
import {
  ascii,
  be32,
  decode,
  exif,
  ffmpegMake,
  findBox,
  formatTags,
  frameHashes,
  insertAfterIhdr,
  latin1,
  le32,
  pngChunk,
  pngChunks,
  riffChunks,
  stcoEntries,
  tool,
} from './fixtures/metadata-tools.js';

/** 27-character producer code as observed (001 + 1 + USCC + suffix); values that need XML and JSON escaping. */
const LABEL: ImplicitLabel = {
  Label: '1',
  ContentProducer: '001191110108MA0123456700001',
  ProduceID: 'gen-2025/07<&>#1',
  ReservedCode1: '{"SecurityData":"c2lnbmF0dXJl"}',
};
const FULL: Required<ImplicitLabel> = {
  Label: '1',
  ContentProducer: '001191110108MA0123456700001',
  ProduceID: 'gen-2025/07<&>#1',
  ReservedCode1: '{"SecurityData":"c2lnbmF0dXJl"}',
  ContentPropagator: '',
  PropagateID: '',
  ReservedCode2: '',
};
const SECOND: ImplicitLabel = {
  Label: '3',
  ContentProducer: 'P2',
  ProduceID: 'x9',
  ContentPropagator: '001291440300MA5ABCDEF000002',
  PropagateID: 'post-778',
};
const SECOND_FULL = { ReservedCode1: '', ReservedCode2: '', ...SECOND };
const KEY_ORDER = ['Label', 'ContentProducer', 'ProduceID', 'ReservedCode1', 'ContentPropagator', 'PropagateID', 'ReservedCode2'];

const VIDEO = ['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10'];
const AUDIO = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1'];

function expectRoundTrip(bytes: Uint8Array, format: string, label: ImplicitLabel = LABEL): void {
  const r = readImplicitLabel(bytes);
  expect(r.format).to.equal(format);
  expect(r.count).to.equal(1);
  expect(r.label).to.deep.equal(label === LABEL ? FULL : SECOND_FULL);
  expect(Object.keys(r.label!)).to.deep.equal(KEY_ORDER);
}

/** Writes LABEL, then SECOND over it: the second read must show SECOND only. */
function writeTwice(bytes: Uint8Array, format: string, type?: string): { once: Uint8Array; twice: Uint8Array } {
  expect(readImplicitLabel(bytes, { type }).count).to.equal(0);
  const once = writeImplicitLabel(bytes, LABEL, { type });
  expectRoundTrip(once, format);
  const twice = writeImplicitLabel(once, SECOND);
  expectRoundTrip(twice, format, SECOND);
  return { once, twice };
}

async function expectDecodes(bytes: Uint8Array, name: string): Promise<void> {
  const r = await decode(bytes, name);
  expect(r.stderr, `ffmpeg stderr for ${name}`).to.equal('');
  expect(r.code).to.equal(0);
}

function expectError(fn: () => unknown, code: string, key?: string): ImplicitLabelError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ImplicitLabelError);
    expect((err as ImplicitLabelError).code).to.equal(code);
    if (key) {
      expect((err as ImplicitLabelError).message).to.contain(key);
      expect((err as ImplicitLabelError).key).to.equal(key);
    }
    return err as ImplicitLabelError;
  }
  throw new Error(`expected ImplicitLabelError ${code}`);
}

describe('implicit label: Appendix E payload', () => {
  it('[GB45438-6.1-implicit] serializeLabel writes the 7 keys in Appendix E order, missing optional ones as ""', () => {
    expect(serializeLabel({ ProduceID: 'b', ContentProducer: 'a', Label: '2' } as ImplicitLabel)).to.equal(
      '{"Label":"2","ContentProducer":"a","ProduceID":"b","ReservedCode1":"","ContentPropagator":"","PropagateID":"","ReservedCode2":""}',
    );
    const json = JSON.parse(serializeLabel(LABEL)) as Record<string, string>;
    expect(Object.keys(json)).to.deep.equal(KEY_ORDER);
    expect(json).to.deep.equal(FULL);
  });

  it('[GB45438-6.1-implicit] Label must be "1", "2" or "3" and the producer fields are required (typed errors)', () => {
    for (const bad of ['0', '4', '', '1 ', 'yes']) {
      expectError(() => serializeLabel({ ...LABEL, Label: bad as '1' }), bad.trim() === '1' ? 'charset' : 'invalid-label');
    }
    expectError(() => serializeLabel({ ...LABEL, ContentProducer: '' }), 'invalid-label', 'ContentProducer');
    expectError(() => serializeLabel({ Label: '1', ContentProducer: 'a' } as ImplicitLabel), 'invalid-label', 'ProduceID');
    expectError(() => serializeLabel({ ...LABEL, PropagateID: 42 as unknown as string }), 'invalid-label', 'PropagateID');
    for (const v of ['1', '2', '3'] as const) expect(JSON.parse(serializeLabel({ ...LABEL, Label: v })).Label).to.equal(v);
  });

  it('[GB45438-6.1-implicit] only 0x21-0x7E: space, control, DEL and Chinese fail with a charset error naming the key', async () => {
    const png = await ffmpegMake([...VIDEO, '-frames:v', '1'], 'c.png');
    const cases: [keyof ImplicitLabel, string][] = [
      ['ContentProducer', '某某科技有限公司'],
      ['ProduceID', 'a b'],
      ['ReservedCode1', 'tab\there'],
      ['ContentPropagator', 'del\x7f'],
      ['PropagateID', 'line\n'],
      ['ReservedCode2', 'nbsp\u00a0'],
    ];
    for (const [key, value] of cases) {
      expectError(() => serializeLabel({ ...LABEL, [key]: value }), 'charset', key);
      expectError(() => writeImplicitLabel(png, { ...LABEL, [key]: value }), 'charset', key);
    }
    // Every printable ASCII character is allowed, including the quote that JSON escapes.
    let all = '';
    for (let c = 0x21; c <= 0x7e; c++) all += String.fromCharCode(c);
    const out = writeImplicitLabel(png, { ...LABEL, ReservedCode2: all });
    expect(readImplicitLabel(out).label!.ReservedCode2).to.equal(all);
  });

  it('[GB45438-6.1-implicit] a stored label that breaks Appendix E is reported as a typed error, not returned', () => {
    const md = (yaml: string): Uint8Array => new TextEncoder().encode(`---\nAIGC:\n${yaml}---\nbody\n`);
    expectError(() => readImplicitLabel(md('  Label: "7"\n  ContentProducer: "a"\n  ProduceID: "b"\n')), 'invalid-label');
    expectError(() => readImplicitLabel(md('  Label: "1"\n  ContentProducer: "某公司"\n  ProduceID: "b"\n')), 'charset', 'ContentProducer');
  });
});

describe('implicit label: format detection', () => {
  it('[TC260-PG-carriers] detectFormat sniffs bytes, not names; text is Markdown only by MIME type or front matter', async () => {
    const samples: [string, Uint8Array][] = [
      ['png', await ffmpegMake([...VIDEO, '-frames:v', '1'], 'd.png')],
      ['jpeg', await ffmpegMake([...VIDEO, '-frames:v', '1'], 'd.jpg')],
      ['webp', await ffmpegMake([...VIDEO, '-frames:v', '1', '-c:v', 'libwebp'], 'd.webp')],
      ['mp3', await ffmpegMake(AUDIO, 'd.mp3')],
      ['mp3', await ffmpegMake([...AUDIO, '-id3v2_version', '0', '-write_xing', '0'], 'bare.mp3')],
      ['wav', await ffmpegMake(AUDIO, 'd.wav')],
      ['mp4', await ffmpegMake([...VIDEO, '-t', '1'], 'd.mp4')],
      ['mp4', await ffmpegMake([...VIDEO, '-t', '1'], 'd.mov')],
      ['mp4', await ffmpegMake([...AUDIO, '-c:a', 'aac'], 'd.m4a')],
      ['markdown', new TextEncoder().encode('---\ntitle: x\n---\n# 标题\n\nAI 生成的文本。\n')],
    ];
    for (const [format, bytes] of samples) expect(detectFormat(bytes), format).to.equal(format);
    expect(detectFormat(new TextEncoder().encode('# 标题\n'), 'text/markdown')).to.equal('markdown');
    expect(detectFormat(new TextEncoder().encode('# 标题\n'))).to.equal(null);
    expect(detectFormat(new Uint8Array([0, 1, 2, 3, 0xff, 0xfe]))).to.equal(null);
    expect(detectFormat(new Uint8Array([0xc3, 0x28, 0x41]))).to.equal(null); // invalid UTF-8
    expectError(() => writeImplicitLabel(new Uint8Array([0, 0, 0, 1, 2, 3]), LABEL), 'unsupported-format');
    expectError(() => readImplicitLabel(new Uint8Array([0x89, 0x50, 0x4e])), 'unsupported-format');
  });
});

describe('implicit label: PNG', () => {
  it('[GB45438-6.1-implicit][TC260-PG-carriers] PNG: iTXt XMP before IDAT with correct CRCs, read by exiftool, still decodes', async () => {
    const png = await ffmpegMake([...VIDEO, '-frames:v', '1'], 'p.png');
    const { once, twice } = writeTwice(png, 'png');
    const chunks = pngChunks(twice);
    expect(
      chunks.every((c) => c.crcOk),
      'all CRCs',
    ).to.equal(true);
    const xmpIndex = chunks.findIndex((c) => c.type === 'iTXt' && ascii(c.data, 0, 18) === 'XML:com.adobe.xmp\0');
    expect(xmpIndex).to.be.greaterThan(0);
    expect(xmpIndex).to.be.lessThan(chunks.findIndex((c) => c.type === 'IDAT'));
    expect(chunks.filter((c) => c.type === 'iTXt').length).to.equal(1);
    const text = new TextDecoder().decode(chunks[xmpIndex]!.data.subarray(22));
    expect(text).to.contain('xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/"');
    expect(text).to.contain('<TC260:AIGC>');
    for (const [bytes, label] of [
      [once, LABEL],
      [twice, SECOND],
    ] as const) {
      const meta = await exif(bytes, 'p.png', ['-XMP-TC260:all']);
      expect(meta['XMP-TC260:Aigc']).to.equal(serializeLabel(label));
    }
    await expectDecodes(twice, 'p.png');
    expect(await frameHashes(twice, 'p.png')).to.deep.equal(await frameHashes(png, 'p.png'));
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] PNG: reads Appendix B tEXt "AIGC" (bare and wrapped), counts duplicates, write leaves one', async () => {
    const png = await ffmpegMake([...VIDEO, '-frames:v', '1'], 't.png');
    const bare = insertAfterIhdr(png, pngChunk('tEXt', latin1(`AIGC\0${serializeLabel(SECOND)}`)));
    expectRoundTrip(bare, 'png', SECOND);
    const wrapped = insertAfterIhdr(png, pngChunk('tEXt', latin1(`AIGC\0{"AIGC":${serializeLabel(SECOND)}}`)));
    expectRoundTrip(wrapped, 'png', SECOND);
    // A file holding two labels (tEXt + XMP) breaks §6.1 c): count says so, the first one is returned.
    const both = insertAfterIhdr(writeImplicitLabel(png, LABEL), pngChunk('tEXt', latin1(`AIGC\0${serializeLabel(SECOND)}`)));
    const r = readImplicitLabel(both);
    expect(r.count).to.equal(2);
    expect(r.label).to.deep.equal(SECOND_FULL);
    const fixed = writeImplicitLabel(both, LABEL);
    expectRoundTrip(fixed, 'png');
    expect(pngChunks(fixed).some((c) => c.type === 'tEXt' && ascii(c.data, 0, 5) === 'AIGC\0')).to.equal(false);
    await expectDecodes(fixed, 't.png');
  });

  it('[TC260-PG-carriers] PNG: other XMP properties of an existing packet are kept (exiftool dc:title)', async () => {
    const png = await ffmpegMake([...VIDEO, '-frames:v', '1'], 'x.png');
    const withXmp = (
      await tool('exiftool', ['-q', '-XMP-dc:Title=Kept', '-o', '{out}', '{in}'], {
        input: png,
        inputName: 'x.png',
        outputName: 'y.png',
      })
    ).bytes!;
    const out = writeImplicitLabel(writeImplicitLabel(withXmp, LABEL), SECOND);
    expectRoundTrip(out, 'png', SECOND);
    const meta = await exif(out, 'y.png');
    expect(meta['XMP-dc:Title']).to.equal('Kept');
    expect(meta['XMP-TC260:Aigc']).to.equal(serializeLabel(SECOND));
    expect(pngChunks(out).filter((c) => c.type === 'iTXt').length).to.equal(1);
  });

  it('[GB45438-6.1-implicit] PNG: truncated and CRC-damaged files give typed errors', async () => {
    const png = writeImplicitLabel(await ffmpegMake([...VIDEO, '-frames:v', '1'], 'e.png'), LABEL);
    expectError(() => readImplicitLabel(png.subarray(0, png.length - 20)), 'truncated');
    const bad = png.slice();
    const at = 8 + 25 + 8 + 30; // inside the iTXt data that follows IHDR
    bad[at] = bad[at]! ^ 0x20;
    expectError(() => readImplicitLabel(bad), 'corrupt');
  });
});

describe('implicit label: JPEG', () => {
  it('[GB45438-6.1-implicit][TC260-PG-carriers] JPEG: APP1 XMP after SOI/APP0, read by exiftool, still decodes', async () => {
    const jpg = await ffmpegMake([...VIDEO, '-frames:v', '1'], 'j.jpg');
    const { once, twice } = writeTwice(jpg, 'jpeg');
    // Segment order: SOI, APP0 (JFIF), APP1 XMP.
    expect([twice[0], twice[1]]).to.deep.equal([0xff, 0xd8]);
    expect([twice[2], twice[3]]).to.deep.equal([0xff, 0xe0]);
    const app1 = 4 + ((twice[4]! << 8) | twice[5]!);
    expect([twice[app1], twice[app1 + 1]]).to.deep.equal([0xff, 0xe1]);
    expect(ascii(twice, app1 + 4, 29)).to.equal('http://ns.adobe.com/xap/1.0/\0');
    for (const [bytes, label] of [
      [once, LABEL],
      [twice, SECOND],
    ] as const) {
      expect((await exif(bytes, 'j.jpg', ['-XMP-TC260:all']))['XMP-TC260:Aigc']).to.equal(serializeLabel(label));
    }
    await expectDecodes(twice, 'j.jpg');
    expect(await frameHashes(twice, 'j.jpg')).to.deep.equal(await frameHashes(jpg, 'j.jpg'));
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] JPEG: Exif and other XMP are kept; a duplicate XMP segment is counted and removed', async () => {
    const jpg = await ffmpegMake([...VIDEO, '-frames:v', '1'], 'k.jpg');
    const tagged = (
      await tool('exiftool', ['-q', '-Exif:Artist=Kept', '-XMP-dc:Title=KeptToo', '-o', '{out}', '{in}'], {
        input: jpg,
        inputName: 'k.jpg',
        outputName: 'l.jpg',
      })
    ).bytes!;
    const out = writeImplicitLabel(tagged, LABEL);
    expectRoundTrip(out, 'jpeg');
    const meta = await exif(out, 'l.jpg');
    expect(meta['IFD0:Artist']).to.equal('Kept');
    expect(meta['XMP-dc:Title']).to.equal('KeptToo');
    expect(meta['XMP-TC260:Aigc']).to.equal(serializeLabel(LABEL));
    // Duplicate: copy the XMP APP1 segment of a labelled file in front of its own.
    const labelled = writeImplicitLabel(jpg, SECOND);
    const app1 = 4 + ((labelled[4]! << 8) | labelled[5]!);
    const segEnd = app1 + 2 + ((labelled[app1 + 2]! << 8) | labelled[app1 + 3]!);
    const seg = labelled.subarray(app1, segEnd);
    const dup = new Uint8Array(labelled.length + seg.length);
    dup.set(labelled.subarray(0, app1));
    dup.set(seg, app1);
    dup.set(labelled.subarray(app1), app1 + seg.length);
    expect(readImplicitLabel(dup).count).to.equal(2);
    const fixed = writeImplicitLabel(dup, LABEL);
    expectRoundTrip(fixed, 'jpeg');
    await expectDecodes(fixed, 'k.jpg');
  });

  it('[GB45438-6.1-implicit] JPEG: a label too large for one APP1 segment is a too-large error', async () => {
    const jpg = await ffmpegMake([...VIDEO, '-frames:v', '1'], 'm.jpg');
    expectError(() => writeImplicitLabel(jpg, { ...LABEL, ReservedCode1: '&'.repeat(14_000) }), 'too-large');
  });
});

describe('implicit label: WebP', () => {
  for (const [name, args] of [
    ['lossy (simple VP8)', ['-c:v', 'libwebp', '-lossless', '0']],
    ['lossless (simple VP8L)', ['-c:v', 'libwebp', '-lossless', '1']],
  ] as const) {
    it(`[GB45438-6.1-implicit][TC260-PG-carriers] WebP ${name}: becomes VP8X with the XMP flag and canvas 64x48, read by exiftool, still decodes`, async () => {
      const webp = await ffmpegMake([...VIDEO, '-frames:v', '1', ...args], 'w.webp');
      expect(ascii(webp, 12, 4)).to.match(/^VP8[ L]$/);
      const { once, twice } = writeTwice(webp, 'webp');
      for (const out of [once, twice]) {
        expect(le32(out, 4)).to.equal(out.length - 8);
        const chunks = riffChunks(out);
        expect(chunks[0]!.id).to.equal('VP8X');
        expect(chunks[0]!.data[0]! & 0x04, 'XMP flag').to.equal(0x04);
        const d = chunks[0]!.data;
        expect((d[4]! | (d[5]! << 8) | (d[6]! << 16)) + 1).to.equal(64);
        expect((d[7]! | (d[8]! << 8) | (d[9]! << 16)) + 1).to.equal(48);
        expect(chunks.map((c) => c.id)).to.deep.equal(['VP8X', ascii(webp, 12, 4), 'XMP ']);
      }
      expect((await exif(twice, 'w.webp', ['-XMP-TC260:all']))['XMP-TC260:Aigc']).to.equal(serializeLabel(SECOND));
      await expectDecodes(twice, 'w.webp');
      expect(await frameHashes(twice, 'w.webp')).to.deep.equal(await frameHashes(webp, 'w.webp'));
    });
  }

  it('[TC260-PG-carriers] WebP extended (VP8X + ALPH): XMP flag added, alpha flag and chunks kept', async () => {
    // Half-transparent red: libwebp writes VP8X + ALPH + VP8.
    const webp = await ffmpegMake(
      ['-f', 'lavfi', '-i', 'color=c=red@0.5:size=64x48,format=rgba', '-frames:v', '1', '-c:v', 'libwebp', '-lossless', '0'],
      'a.webp',
    );
    const before = riffChunks(webp);
    expect(before.map((c) => c.id)).to.deep.equal(['VP8X', 'ALPH', 'VP8 ']);
    expect(before[0]!.data[0]! & 0x10, 'alpha flag').to.equal(0x10);
    const { twice } = writeTwice(webp, 'webp');
    const after = riffChunks(twice);
    expect(after.map((c) => c.id)).to.deep.equal([...before.map((c) => c.id), 'XMP ']);
    expect(after[0]!.data[0]).to.equal(before[0]!.data[0]! | 0x04);
    expect(le32(twice, 4)).to.equal(twice.length - 8);
    expect((await exif(twice, 'a.webp'))['XMP-TC260:Aigc']).to.equal(serializeLabel(SECOND));
    await expectDecodes(twice, 'a.webp');
  });
});

describe('implicit label: MP3', () => {
  it('[GB45438-6.1-implicit][TC260-PG-carriers] MP3 with an ID3v2.4 tag: TXXX "AIGC" read by ffprobe, other tags kept, still decodes', async () => {
    const mp3 = await ffmpegMake([...AUDIO, '-metadata', 'title=Kept'], 's.mp3');
    expect(ascii(mp3, 0, 3)).to.equal('ID3');
    const { once, twice } = writeTwice(mp3, 'mp3');
    expect((await formatTags(once, 's.mp3')).AIGC).to.equal(serializeLabel(LABEL));
    const tags = await formatTags(twice, 's.mp3');
    expect(tags.AIGC).to.equal(serializeLabel(SECOND));
    expect(tags.title).to.equal('Kept');
    await expectDecodes(twice, 's.mp3');
    expect(await frameHashes(twice, 's.mp3')).to.deep.equal(await frameHashes(mp3, 's.mp3'));
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] MP3 without a tag gets an ID3v2 tag with a syncsafe size; ffprobe reads it', async () => {
    const mp3 = await ffmpegMake([...AUDIO, '-id3v2_version', '0', '-write_xing', '0'], 'n.mp3');
    expect(mp3[0]).to.equal(0xff);
    const { twice } = writeTwice(mp3, 'mp3');
    expect(ascii(twice, 0, 3)).to.equal('ID3');
    expect([3, 4]).to.include(twice[3]);
    const sizeBytes = [twice[6]!, twice[7]!, twice[8]!, twice[9]!];
    expect(
      sizeBytes.every((x) => x < 0x80),
      'syncsafe',
    ).to.equal(true);
    const size = (sizeBytes[0]! << 21) | (sizeBytes[1]! << 14) | (sizeBytes[2]! << 7) | sizeBytes[3]!;
    // The audio follows the tag byte for byte.
    expect(Array.from(twice.subarray(10 + size, 10 + size + 64))).to.deep.equal(Array.from(mp3.subarray(0, 64)));
    expect(twice.length - 10 - size).to.equal(mp3.length);
    expect((await formatTags(twice, 'n.mp3')).AIGC).to.equal(serializeLabel(SECOND));
    await expectDecodes(twice, 'n.mp3');
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] MP3: a TXXX "AIGC" written by ffmpeg (ID3v2.3) is read and replaced', async () => {
    const mp3 = await ffmpegMake([...AUDIO, '-id3v2_version', '3', '-metadata', `AIGC=${serializeLabel(SECOND)}`], 'o.mp3');
    expectRoundTrip(mp3, 'mp3', SECOND);
    const out = writeImplicitLabel(mp3, LABEL);
    expectRoundTrip(out, 'mp3');
    expect(out[3]).to.equal(3);
    expect((await formatTags(out, 'o.mp3')).AIGC).to.equal(serializeLabel(LABEL));
    await expectDecodes(out, 'o.mp3');
  });
});

describe('implicit label: WAV', () => {
  it('[GB45438-6.1-implicit][TC260-PG-carriers] WAV: RIFF "AIGC" chunk with the JSON, pad byte, RIFF size consistent, still decodes', async () => {
    const wav = await ffmpegMake(AUDIO, 's.wav');
    const { once, twice } = writeTwice(wav, 'wav');
    for (const [out, label] of [
      [once, LABEL],
      [twice, SECOND],
    ] as const) {
      expect(ascii(out, 0, 4)).to.equal('RIFF');
      expect(le32(out, 4)).to.equal(out.length - 8);
      const chunks = riffChunks(out);
      const aigc = chunks.filter((c) => c.id === 'AIGC');
      expect(aigc.length).to.equal(1);
      const json = serializeLabel(label);
      expect(aigc[0]!.size).to.equal(json.length);
      expect(ascii(aigc[0]!.data, 0, json.length)).to.equal(json);
      if (json.length % 2 === 1) expect(out[aigc[0]!.offset + 8 + json.length]).to.equal(0);
      // The walk ends exactly at the end of the file: every size and pad is right.
      const last = chunks[chunks.length - 1]!;
      expect(last.offset + 8 + last.size + (last.size & 1)).to.equal(out.length);
      expect(chunks.map((c) => c.id)).to.include.members(['fmt ', 'data']);
    }
    expect(serializeLabel(LABEL).length % 2 !== serializeLabel(SECOND).length % 2, 'one odd, one even JSON').to.equal(true);
    await expectDecodes(twice, 's.wav');
    expect(await frameHashes(twice, 's.wav')).to.deep.equal(await frameHashes(wav, 's.wav'));
  });

  it('[GB45438-6.1-implicit] WAV: a file with two AIGC chunks reports count 2; writing leaves exactly one', async () => {
    const wav = writeImplicitLabel(await ffmpegMake(AUDIO, 'd.wav'), LABEL);
    const json = serializeLabel(SECOND);
    const extra = new Uint8Array(8 + json.length + (json.length & 1));
    extra.set(latin1('AIGC'));
    new DataView(extra.buffer).setUint32(4, json.length, true);
    extra.set(latin1(json), 8);
    const dup = new Uint8Array(wav.length + extra.length);
    dup.set(wav);
    dup.set(extra, wav.length);
    new DataView(dup.buffer).setUint32(4, dup.length - 8, true);
    const r = readImplicitLabel(dup);
    expect(r.count).to.equal(2);
    expect(r.label).to.deep.equal(FULL);
    const fixed = writeImplicitLabel(dup, SECOND);
    expectRoundTrip(fixed, 'wav', SECOND);
    expect(riffChunks(fixed).filter((c) => c.id === 'AIGC').length).to.equal(1);
    await expectDecodes(fixed, 'd.wav');
  });
});

describe('implicit label: MP4 / MOV / M4A', () => {
  it('[GB45438-6.1-implicit][TC260-PG-carriers] MP4 faststart: moov/udta/meta mdta "AIGC" read by ffprobe and exiftool; stco shifted; decodes identically', async () => {
    const mp4 = await ffmpegMake(
      [...VIDEO, '-f', 'lavfi', '-i', 'sine=duration=2', '-t', '2', '-c:a', 'aac', '-movflags', '+faststart'],
      'f.mp4',
    );
    const top = findBox(mp4, ['moov'])[0]!;
    expect(top.start).to.be.lessThan(findBox(mp4, ['mdat'])[0]!.start);
    const before = stcoEntries(mp4);
    expect(before.length).to.be.greaterThan(2);
    const { once, twice } = writeTwice(mp4, 'mp4');
    for (const [out, label] of [
      [once, LABEL],
      [twice, SECOND],
    ] as const) {
      const delta = out.length - mp4.length;
      expect(delta).to.not.equal(0);
      // Every chunk offset moved with the data behind the grown moov.
      expect(stcoEntries(out)).to.deep.equal(before.map((o) => o + delta));
      expect((await formatTags(out, 'f.mp4')).AIGC).to.equal(serializeLabel(label));
      const keys = findBox(out, ['moov', 'udta', 'meta']).find((m) => ascii(out, m.start + 12 + 16, 4) === 'mdta');
      expect(keys, 'mdta meta in moov/udta').to.not.equal(undefined);
    }
    expect((await exif(twice, 'f.mp4'))['Keys:AIGC']).to.equal(serializeLabel(SECOND));
    // Second write is shorter than the first: moov shrank, offsets moved back.
    expect(twice.length).to.be.lessThan(once.length);
    await expectDecodes(twice, 'f.mp4');
    const reference = await frameHashes(mp4, 'f.mp4');
    expect(await frameHashes(once, 'f.mp4')).to.deep.equal(reference);
    expect(await frameHashes(twice, 'f.mp4')).to.deep.equal(reference);
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] MP4 with moov after mdat: offsets unchanged, label read by ffprobe, decodes', async () => {
    const mp4 = await ffmpegMake([...VIDEO, '-t', '1'], 'e.mp4');
    expect(findBox(mp4, ['moov'])[0]!.start).to.be.greaterThan(findBox(mp4, ['mdat'])[0]!.start);
    const { twice } = writeTwice(mp4, 'mp4');
    expect(stcoEntries(twice)).to.deep.equal(stcoEntries(mp4));
    expect((await formatTags(twice, 'e.mp4')).AIGC).to.equal(serializeLabel(SECOND));
    await expectDecodes(twice, 'e.mp4');
    expect(await frameHashes(twice, 'e.mp4')).to.deep.equal(await frameHashes(mp4, 'e.mp4'));
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] MP4 written by ffmpeg -movflags use_metadata_tags: existing AIGC read, replaced, other keys kept', async () => {
    const mp4 = await ffmpegMake(
      [
        ...VIDEO,
        '-t',
        '1',
        '-movflags',
        '+faststart+use_metadata_tags',
        '-metadata',
        `AIGC=${serializeLabel(SECOND)}`,
        '-metadata',
        'zz=last',
      ],
      'u.mp4',
    );
    expectRoundTrip(mp4, 'mp4', SECOND);
    const out = writeImplicitLabel(mp4, LABEL);
    expectRoundTrip(out, 'mp4');
    const tags = await formatTags(out, 'u.mp4');
    expect(tags.AIGC).to.equal(serializeLabel(LABEL));
    expect(tags.zz).to.equal('last');
    await expectDecodes(out, 'u.mp4');
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] MP4 with an Apple-style moov/meta keys list (exiftool): label merged there, not duplicated', async () => {
    const mp4 = await ffmpegMake([...VIDEO, '-t', '1', '-movflags', '+faststart'], 'k.mp4');
    const keyed = (
      await tool('exiftool', ['-q', '-Keys:Comment=kept', '-o', '{out}', '{in}'], {
        input: mp4,
        inputName: 'k.mp4',
        outputName: 'l.mp4',
      })
    ).bytes!;
    expect(findBox(keyed, ['moov', 'meta']).length).to.equal(1);
    const { twice } = writeTwice(keyed, 'mp4');
    // One keys list in the file: ffmpeg reads only the first one it meets.
    const keysBoxes = [...findBox(twice, ['moov', 'meta']), ...findBox(twice, ['moov', 'udta', 'meta'])].filter((m) =>
      ascii(twice, m.start, m.end - m.start).includes('keys'),
    );
    expect(keysBoxes.length).to.equal(1);
    const tags = await formatTags(twice, 'l.mp4');
    expect(tags.AIGC).to.equal(serializeLabel(SECOND));
    expect(tags['com.apple.quicktime.comment']).to.equal('kept');
    const meta = await exif(twice, 'l.mp4');
    expect(meta['Keys:AIGC']).to.equal(serializeLabel(SECOND));
    expect(meta['Keys:Comment']).to.equal('kept');
    await expectDecodes(twice, 'l.mp4');
  });

  for (const [name, args, file] of [
    ['MOV', [...VIDEO, '-t', '1', '-movflags', '+faststart'], 'q.mov'],
    ['M4A', [...AUDIO, '-c:a', 'aac', '-movflags', '+faststart'], 'a.m4a'],
  ] as const) {
    it(`[GB45438-6.1-implicit][TC260-PG-carriers] ${name}: label read by ffprobe, decodes identically`, async () => {
      const src = await ffmpegMake([...args], file);
      const { twice } = writeTwice(src, 'mp4');
      expect((await formatTags(twice, file)).AIGC).to.equal(serializeLabel(SECOND));
      await expectDecodes(twice, file);
      expect(await frameHashes(twice, file)).to.deep.equal(await frameHashes(src, file));
    });
  }

  it('[GB45438-6.1-implicit] MP4: a file without moov, or cut inside it, gives a typed error', async () => {
    const mp4 = await ffmpegMake([...VIDEO, '-t', '1', '-movflags', '+faststart'], 'c.mp4');
    const moov = findBox(mp4, ['moov'])[0]!;
    expectError(() => readImplicitLabel(mp4.subarray(0, moov.start + 100)), 'truncated');
    const noMoov = mp4.slice();
    noMoov.set(latin1('free'), moov.start + 4);
    expectError(() => writeImplicitLabel(noMoov, LABEL), 'corrupt');
    expect(be32(mp4, 0)).to.be.greaterThan(8);
  });
});

describe('implicit label: Markdown', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

  it('[GB45438-6.1-implicit][TC260-PG-carriers] Markdown without front matter gets YAML front matter with an AIGC mapping of the 7 keys', () => {
    const md = enc('# 标题\n\n正文。\n');
    const { twice } = writeTwice(md, 'markdown', 'text/markdown');
    const text = dec(twice);
    expect(text.startsWith('---\nAIGC:\n  Label: "3"\n  ContentProducer: "P2"\n')).to.equal(true);
    const lines = text.split('\n');
    expect(lines.slice(2, 9).map((l) => l.trim().split(':')[0])).to.deep.equal(KEY_ORDER);
    expect(lines[9]).to.equal('---');
    expect(text.endsWith('---\n# 标题\n\n正文。\n')).to.equal(true);
    expect(text.match(/^AIGC:/gm)!.length).to.equal(1);
  });

  it('[GB45438-6.1-implicit][TC260-PG-carriers] Markdown: other front matter, CRLF and BOM are kept; escaping survives', () => {
    const md = enc('\ufeff---\r\ntitle: "Hello"\r\ntags: [a, b]\r\n---\r\nBody\r\n');
    const out = writeImplicitLabel(md, LABEL);
    expectRoundTrip(out, 'markdown');
    expect(Array.from(out.subarray(0, 4))).to.deep.equal([0xef, 0xbb, 0xbf, 0x2d]);
    const text = dec(out);
    expect(text).to.contain('title: "Hello"\r\ntags: [a, b]\r\nAIGC:\r\n');
    expect(text).to.contain('ReservedCode1: "{\\"SecurityData\\":\\"c2lnbmF0dXJl\\"}"\r\n');
    expect(text.endsWith('---\r\nBody\r\n')).to.equal(true);
    expect(text.includes('\n') && !/[^\r]\n/.test(text)).to.equal(true);
    const again = writeImplicitLabel(out, SECOND);
    expectRoundTrip(again, 'markdown', SECOND);
    expect(dec(again)).to.contain('title: "Hello"');
  });

  it('[GB45438-6.1-implicit] Markdown: JSON and flow forms are read; duplicate AIGC entries are counted and replaced by one', () => {
    const flow = enc(`---\nAIGC: ${serializeLabel(SECOND)}\nauthor: me\n---\ntext\n`);
    expectRoundTrip(flow, 'markdown', SECOND);
    const dup = enc(
      `---\nAIGC:\n  Label: '1'\n  ContentProducer: ${FULL.ContentProducer}\n  ProduceID: "${FULL.ProduceID}"\n  ReservedCode1: '${FULL.ReservedCode1}'\nauthor: me\nAIGC: {Label: "3", ContentProducer: P2, ProduceID: x9, ContentPropagator: ${SECOND.ContentPropagator}, PropagateID: post-778}\n---\ntext\n`,
    );
    const r = readImplicitLabel(dup);
    expect(r.count).to.equal(2);
    expect(r.label).to.deep.equal(FULL);
    const fixed = writeImplicitLabel(dup, SECOND);
    expectRoundTrip(fixed, 'markdown', SECOND);
    expect(dec(fixed)).to.contain('author: me');
    expect(dec(fixed).endsWith('---\ntext\n')).to.equal(true);
  });
});

describe('implicit label: runs without a DOM', () => {
  it('[robustness] the module works in a module worker (no document/window)', async () => {
    const worker = new Worker(new URL('./fixtures/metadata-worker.ts', import.meta.url), { type: 'module' });
    const wav = await ffmpegMake(AUDIO, 'w.wav');
    const result = await new Promise<{ ok: boolean; label?: unknown; count?: number; error?: string }>((resolve) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => resolve({ ok: false, error: String(e.message) });
      worker.postMessage({ bytes: wav, label: LABEL });
    });
    worker.terminate();
    expect(result.error).to.equal(undefined);
    expect(result.ok).to.equal(true);
    expect(result.count).to.equal(1);
    expect(result.label).to.deep.equal(FULL);
  });
});
