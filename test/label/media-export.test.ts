// Video and audio exports carry the explicit label in the media itself (GB 45438-2025 §5.3/§5.4; Labeling
// Measures Art. 4, last paragraph), read back by ffmpeg and ffprobe, not by this package.
import {
  downloadLabelled,
  exportLabelledAudio,
  exportLabelledVideo,
  MediaExportError,
  readImplicitLabel,
  writeImplicitLabel,
} from '@anquan/label';
import { expect } from '@open-wc/testing';
import { runTool } from '../harness/index.js';
import { fromBase64 } from './helpers.js';

const LABEL = { Label: '1', ContentProducer: '001191100000000000000000X00001', ProduceID: 'vid-7' } as const;

async function toBase64(blob: Blob | Uint8Array): Promise<string> {
  const bytes = blob instanceof Uint8Array ? blob : new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function ffmpeg(args: string[], input?: Blob, inputName = 'in.bin', outputName = 'out.bin') {
  const r = await runTool({
    tool: 'ffmpeg',
    args: ['-hide_banner', '-loglevel', 'error', ...args],
    input: input ? await toBase64(input) : undefined,
    inputName,
    outputName,
    timeout: 120_000,
  });
  expect(r.code, r.stderr).to.equal(0);
  return r;
}

async function probe(blob: Blob, name: string) {
  const r = await runTool({
    tool: 'ffprobe',
    args: ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', '{in}'],
    input: await toBase64(blob),
    inputName: name,
  });
  expect(r.code, r.stderr).to.equal(0);
  return JSON.parse(r.stdout) as {
    format: { duration: string; tags?: Record<string, string> };
    streams: { codec_type: string; codec_name: string; duration?: string; tags?: Record<string, string> }[];
  };
}

/** RGB of a crop of every frame (ffmpeg converts each stream's own range and matrix): arrays of w×h×3 bytes. */
async function cropFrames(blob: Blob, name: string, crop: { x: number; y: number; w: number; h: number }) {
  const r = await ffmpeg(
    ['-i', '{in}', '-vf', `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},format=rgb24`, '-f', 'rawvideo', '-y', '{out}'],
    blob,
    name,
    'frames.rgb',
  );
  const bytes = fromBase64(r.output!);
  const size = crop.w * crop.h * 3;
  const frames: Uint8Array[] = [];
  for (let i = 0; i + size <= bytes.length; i += size) frames.push(bytes.subarray(i, i + size));
  return frames;
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}

/** Rows of an RGB crop holding a near-white pixel: the inked height of white text on the dark box. */
function inkRows(frame: Uint8Array, w: number, h: number): number {
  let rows = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      if (frame[i]! > 200 && frame[i + 1]! > 200 && frame[i + 2]! > 200) {
        rows++;
        break;
      }
    }
  }
  return rows;
}

/**
 * Per-packet timing, size and MD5 of the audio stream, copied out without decoding: equal means unchanged audio.
 * (Packet side data is left out: the Matroska muxer does not carry Opus end-trimming side data over.)
 */
async function audioHash(blob: Blob, name: string): Promise<string> {
  const r = await ffmpeg(['-i', '{in}', '-map', '0:a:0', '-c', 'copy', '-f', 'framemd5', '-y', '{out}'], blob, name, 'a.txt');
  return atob(r.output!)
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').slice(2, 6).join(','))
    .join('\n');
}

let mp4: Blob;
let webm: Blob;

before(async function () {
  this.timeout(120_000);
  // 4 s of 640×360 test pattern at 30 fps with a 440 Hz tone: H.264 + AAC in MP4, made here with ffmpeg.
  const a = await ffmpeg(
    [
      ...['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=30:duration=4'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-shortest', '-y', '{out}'],
    ],
    undefined,
    'in.bin',
    'src.mp4',
  );
  mp4 = new Blob([fromBase64(a.output!) as Uint8Array<ArrayBuffer>], { type: 'video/mp4' });
  // 3 s of 320×180 VP8 + Opus in WebM.
  const b = await ffmpeg(
    [
      ...['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25:duration=3'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=48000:duration=3'],
      ...[
        '-c:v',
        'libvpx',
        '-b:v',
        '400k',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-c:a',
        'libopus',
        '-b:a',
        '64k',
        '-shortest',
        '-y',
        '{out}',
      ],
    ],
    undefined,
    'in.bin',
    'src.webm',
  );
  webm = new Blob([fromBase64(b.output!) as Uint8Array<ArrayBuffer>], { type: 'video/webm' });
});

describe('exportLabelledVideo()', function () {
  this.timeout(120_000);

  it('[GB45438-5.4-video] [MEASURES-4-export] MP4: the label is in the first 2 s of frames only, glyphs ≥ 5%, audio copied, ffprobe reads AIGC', async () => {
    const progress: number[] = [];
    const result = await exportLabelledVideo(mp4, LABEL, { locale: 'zh-CN', onProgress: (p) => progress.push(p.progress) });
    expect(result.container).to.equal('mp4');
    expect(result.videoCodec).to.equal('avc');
    expect(result.audioCodec).to.equal('aac');
    expect(progress.length).to.be.greaterThan(1);
    expect(progress.at(-1)).to.equal(1);

    // ffprobe: H.264 + AAC, the duration kept, the implicit label in moov.udta.meta.
    const info = await probe(result.blob, 'out.mp4');
    expect(info.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).to.have.members(['video:h264', 'audio:aac']);
    expect(Number(info.format.duration)).to.be.closeTo(4, 0.1);
    expect(JSON.parse(info.format.tags!.AIGC!)).to.include({ Label: '1', ProduceID: 'vid-7' });
    const read = readImplicitLabel(new Uint8Array(await result.blob.arrayBuffer()));
    expect(read.count).to.equal(1);
    expect(await audioHash(result.blob, 'out.mp4')).to.equal(await audioHash(mp4, 'src.mp4'));

    // Decoded frames: the label's region differs from the source in every frame before 2 s, and in none after.
    const { box } = result.layout;
    const crop = { x: box.x, y: box.y, w: box.width & ~1, h: box.height & ~1 };
    const [src, out] = [await cropFrames(mp4, 'src.mp4', crop), await cropFrames(result.blob, 'out.mp4', crop)];
    expect(out.length).to.equal(src.length);
    expect(out.length).to.equal(120);
    const diffs = out.map((f, i) => meanAbsDiff(f, src[i]!));
    const labelled = diffs.slice(0, 60);
    const later = diffs.slice(60);
    expect(Math.min(...labelled), 'every frame of the first 2 s carries the label').to.be.greaterThan(25);
    expect(Math.max(...later), 'frames after 2 s are the source').to.be.lessThan(10);
    // The inked rows of the label text are at least 5% of the 360 px shortest side, with no slack.
    expect(inkRows(out[0]!, crop.w, crop.h)).to.be.at.least(Math.ceil(360 * 0.05));
    expect(inkRows(out[59]!, crop.w, crop.h)).to.be.at.least(Math.ceil(360 * 0.05));
  });

  it('[GB45438-5.4-video] middle and end windows are drawn when configured; WebM keeps Opus and gets SimpleTag AIGC', async () => {
    const result = await exportLabelledVideo(webm, LABEL, { locale: 'en', middle: 0.4, end: 0.4, position: 'bottom-right' });
    expect(result.container).to.equal('webm');
    expect(result.audioCodec).to.equal('opus');
    const info = await probe(result.blob, 'out.webm');
    expect(info.streams.map((s) => s.codec_type)).to.have.members(['video', 'audio']);
    expect(Number(info.format.duration)).to.be.closeTo(3, 0.1);
    // Matroska SimpleTag AIGC at TargetTypeValue 50, which ffprobe names MOVIE/AIGC.
    expect(JSON.parse(info.format.tags!['MOVIE/AIGC']!)).to.include({ Label: '1', ProduceID: 'vid-7' });
    expect(await audioHash(result.blob, 'out.webm')).to.equal(await audioHash(webm, 'src.webm'));
    const { box } = result.layout;
    const crop = { x: box.x & ~1, y: box.y & ~1, w: box.width & ~1, h: box.height & ~1 };
    const [src, out] = [await cropFrames(webm, 'src.webm', crop), await cropFrames(result.blob, 'out.webm', crop)];
    expect(out.length).to.equal(75);
    const diffs = out.map((f, i) => meanAbsDiff(f, src[i]!));
    const at = (t: number) => diffs[Math.round(t * 25)]!;
    expect(Math.min(...diffs.slice(0, 50))).to.be.greaterThan(25); // 0–2 s
    expect(at(1.5)).to.be.greaterThan(25); // the middle window (1.3–1.7 s) overlaps the start here
    expect(at(2.2)).to.be.lessThan(10); // between the windows
    expect(at(2.8)).to.be.greaterThan(25); // the end window (2.6–3 s)
  });

  it('[MEASURES-4-export] cancel and the size cap stop the export with typed errors, never an unlabelled file', async () => {
    const controller = new AbortController();
    let error: unknown;
    try {
      await exportLabelledVideo(mp4, LABEL, { signal: controller.signal, onProgress: () => controller.abort() });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(MediaExportError);
    expect((error as MediaExportError).code).to.equal('aborted');
    expect((error as MediaExportError).name).to.equal('AbortError');

    error = undefined;
    try {
      await exportLabelledVideo(mp4, LABEL, { maxBytes: 40_000, maxInputBytes: Number.POSITIVE_INFINITY });
    } catch (e) {
      error = e;
    }
    expect((error as MediaExportError).code).to.equal('too-large');
    expect((error as MediaExportError).localizedMessage('zh-CN')).to.contain('导出上限');

    error = undefined;
    try {
      await exportLabelledVideo(new Blob([new Uint8Array(64)], { type: 'video/mp4' }), LABEL);
    } catch (e) {
      error = e;
    }
    expect((error as MediaExportError).code).to.equal('unsupported-media');
  });
});

/** Decoded mono float samples at 48 kHz, optionally through an ffmpeg filter. */
async function pcm(blob: Blob, name: string, filter?: string): Promise<Float32Array> {
  const r = await ffmpeg(
    ['-i', '{in}', ...(filter ? ['-af', filter] : []), '-ac', '1', '-ar', '48000', '-f', 'f32le', '-y', '{out}'],
    blob,
    name,
    'a.f32',
  );
  const bytes = fromBase64(r.output!);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/** RMS per 20 ms window. */
function rmsWindows(x: Float32Array, rate = 48_000, ms = 20): number[] {
  const n = (rate * ms) / 1000;
  const out: number[] = [];
  for (let i = 0; i + n <= x.length; i += n) {
    let s = 0;
    for (let j = i; j < i + n; j++) s += x[j]! * x[j]!;
    out.push(Math.sqrt(s / n));
  }
  return out;
}

/** Lengths (ms) of the on-runs of a thresholded envelope within [fromMs, toMs). */
function toneRuns(env: number[], threshold: number, fromMs: number, toMs: number, ms = 20): number[] {
  const runs: number[] = [];
  let run = 0;
  for (let i = Math.floor(fromMs / ms); i < Math.min(env.length, toMs / ms); i++) {
    if (env[i]! > threshold) run += ms;
    else if (run) {
      runs.push(run);
      run = 0;
    }
  }
  if (run) runs.push(run);
  return runs;
}

const CUE_BAND = 'highpass=f=600,highpass=f=600,lowpass=f=1500';

describe('exportLabelledAudio()', function () {
  this.timeout(120_000);
  let wav: Blob;

  before(async () => {
    // 3 s of a 220 Hz tone, 48 kHz mono 16-bit WAV, made with ffmpeg.
    const r = await ffmpeg(
      ['-f', 'lavfi', '-i', 'sine=frequency=220:sample_rate=48000:duration=3', '-c:a', 'pcm_s16le', '-y', '{out}'],
      undefined,
      'in.bin',
      'src.wav',
    );
    wav = new Blob([fromBase64(r.output!) as Uint8Array<ArrayBuffer>], { type: 'audio/wav' });
  });

  it('[GB45438-5.3-audio] [MEASURES-4-export] WAV: the rhythm cue short-long-short-short sounds at the start; the rest is the source; RIFF AIGC', async () => {
    const result = await exportLabelledAudio(wav, LABEL);
    expect(result.format).to.equal('wav');
    expect(result.blob.type).to.equal('audio/wav');
    const bytes = new Uint8Array(await result.blob.arrayBuffer());
    const read = readImplicitLabel(bytes);
    expect(read.format).to.equal('wav');
    expect(read.count).to.equal(1);
    expect(read.label).to.include({ Label: '1', ProduceID: 'vid-7' });
    // The encoder writes the AIGC chunk itself (no second copy of the file): it is the chunk the metadata writer
    // writes, in its place, so labelling the export again changes no byte.
    const again = writeImplicitLabel(bytes, LABEL);
    expect(again.length).to.equal(bytes.length);
    expect(again.findIndex((x, i) => x !== bytes[i])).to.equal(-1);
    const info = await probe(result.blob, 'out.wav');
    expect(Number(info.format.duration)).to.be.closeTo(3, 0.02);

    // The envelope in the cue's band (880 Hz), read by ffmpeg: tones of 100, 300, 100, 100 ms (Morse "AI").
    const env = rmsWindows(await pcm(result.blob, 'out.wav', CUE_BAND));
    const runs = toneRuns(env, 0.05, 0, 1500);
    expect(runs.length, `runs ${runs}`).to.equal(4);
    const [a, b, c, d] = runs as [number, number, number, number];
    for (const short of [a, c, d]) expect(short).to.be.within(80, 120);
    expect(b).to.be.within(280, 320);
    // The source has no energy in that band: the cue is in the export, not in the input.
    expect(toneRuns(rmsWindows(await pcm(wav, 'src.wav', CUE_BAND)), 0.05, 0, 1500)).to.deep.equal([]);
    // After the cue the content is the source (16-bit rounding aside), and nothing sounds at the end.
    const [src, out] = [rmsWindows(await pcm(wav, 'src.wav')), rmsWindows(await pcm(result.blob, 'out.wav'))];
    for (let i = 1300 / 20; i < 2900 / 20; i++) expect(Math.abs(out[i]! - src[i]!)).to.be.lessThan(0.002);
    expect(toneRuns(env, 0.05, 1500, 3000)).to.deep.equal([]);
  });

  it('[GB45438-5.3-audio] Opus in Ogg with the cue at both ends and the Vorbis comment AIGC, read by ffprobe', async () => {
    const result = await exportLabelledAudio(wav, LABEL, { format: 'ogg', position: 'both' });
    expect(result.blob.type).to.equal('audio/ogg');
    const info = await probe(result.blob, 'out.ogg');
    expect(info.streams[0]!.codec_name).to.equal('opus');
    const tags = { ...info.format.tags, ...info.streams[0]!.tags };
    expect(JSON.parse(tags.AIGC!)).to.include({ Label: '1', ProduceID: 'vid-7' });
    expect(Number(info.format.duration)).to.be.closeTo(3, 0.05);
    const env = rmsWindows(await pcm(result.blob, 'out.ogg', CUE_BAND));
    expect(toneRuns(env, 0.05, 0, 1500).length).to.equal(4);
    expect(toneRuns(env, 0.05, 1700, 3100).length).to.equal(4);
  });

  it('[MEASURES-4-export] downloadLabelled() puts the explicit label into downloaded audio and video, not only metadata', async () => {
    const audio = await downloadLabelled(wav, LABEL);
    expect(audio.type).to.equal('audio/wav');
    expect(toneRuns(rmsWindows(await pcm(audio, 'd.wav', CUE_BAND)), 0.05, 0, 1500).length).to.equal(4);
    const video = await downloadLabelled(webm, LABEL, { locale: 'en' });
    expect(video.type).to.equal('video/webm');
    const info = await probe(video, 'd.webm');
    expect(JSON.parse(info.format.tags!['MOVIE/AIGC']!)).to.include({ ProduceID: 'vid-7' });
    const crop = { x: 0, y: 0, w: 160, h: 40 };
    const [src, out] = [await cropFrames(webm, 'src.webm', crop), await cropFrames(video, 'd.webm', crop)];
    // The crop is larger than the label box (re-encoding alone differs by about 4 here).
    expect(meanAbsDiff(out[0]!, src[0]!), 'the first frame carries the label (top-left)').to.be.greaterThan(10);
    expect(meanAbsDiff(out[70]!, src[70]!), 'a frame after 2 s does not').to.be.lessThan(8);
  });
});
