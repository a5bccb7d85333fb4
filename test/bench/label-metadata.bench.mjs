#!/usr/bin/env node
// Benchmark of @anquan/label/metadata: write and read the GB 45438 implicit label in ~5 MB and ~50 MB MP4 and JPEG
// files made here with ffmpeg (in the OS temp folder). The MP4 pair has the same duration (so the same moov size)
// and a 10x different bitrate; the JPEG pair is one noisy frame of 2200^2 vs 7000^2 pixels.
//
// Run: node test/bench/label-metadata.bench.mjs   (or: npm run bench -- label-metadata);
// AQ_BENCH_ONLY=hostile node test/bench/label-metadata.bench.mjs runs only the readers on adversarial input.
//
// A write returns a new Uint8Array, so it always pays one copy of the file; "copy" is that floor, measured as
// one allocation of the file's size plus `set` (what the writer does for the payload). The work beyond the copy ("write - copy") and the read follow the header, not the file size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'aq-label-bench-'));
const RUNS = 21;

try {
  const bundle = join(tmp, 'metadata.mjs');
  await build({
    entryPoints: [join(root, 'packages/label/src/metadata/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile: bundle,
    logLevel: 'error',
  });
  const { writeImplicitLabel, readImplicitLabel } = await import(pathToFileURL(bundle).href);

  const ffmpeg = (args, out) => {
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, join(tmp, out)], { stdio: 'inherit' });
    return new Uint8Array(readFileSync(join(tmp, out)));
  };
  const video = (bitrate) => [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=25',
    '-f',
    'lavfi',
    '-i',
    'sine=duration=10',
    '-t',
    '10',
    '-c:v',
    'mpeg4',
    '-b:v',
    bitrate,
    '-minrate',
    bitrate,
    '-maxrate',
    bitrate,
    '-bufsize',
    '8M',
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
  ];
  const noise = (side) => ['-f', 'lavfi', '-i', `color=c=gray:size=${side}x${side},noise=alls=100:allf=t`, '-frames:v', '1', '-q:v', '1'];

  // AQ_BENCH_ONLY=hostile skips the large samples (no ffmpeg) and runs only the adversarial readers.
  if (process.env.AQ_BENCH_ONLY !== 'hostile') {
    console.log('making samples with ffmpeg ...');
    const samples = [
      ['MP4 faststart, 10 s, 4 Mb/s', ffmpeg(video('4M'), 'small.mp4'), mp4Header],
      ['MP4 faststart, 10 s, 40 Mb/s', ffmpeg(video('40M'), 'big.mp4'), mp4Header],
      ['JPEG 2200x2200 noise q1', ffmpeg(noise(2200), 'small.jpg'), jpegHeader],
      ['JPEG 7000x7000 noise q1', ffmpeg(noise(7000), 'big.jpg'), jpegHeader],
    ];

    const label = { Label: '1', ContentProducer: '001191110108MA0123456700001', ProduceID: 'bench-0001' };
    /** Runs the functions interleaved (so they share the machine's state), RUNS times after 2 warm-ups. */
    const measure = (fns) => {
      const times = fns.map(() => []);
      for (let i = 0; i < RUNS + 2; i++) {
        fns.forEach((fn, k) => {
          globalThis.gc?.();
          const t0 = performance.now();
          fn();
          if (i >= 2) times[k].push(performance.now() - t0);
        });
      }
      return times.map((t) => {
        t.sort((a, b) => a - b);
        return { min: t[0], median: t[Math.floor(t.length / 2)] };
      });
    };

    const rows = [];
    for (const [name, bytes, header] of samples) {
      const labelled = writeImplicitLabel(bytes, label);
      const check = readImplicitLabel(labelled);
      if (check.count !== 1 || check.label.ProduceID !== 'bench-0001') throw new Error(`${name}: label not read back`);
      const [copy, write, read] = measure([
        () => {
          const out = new Uint8Array(bytes.length);
          out.set(bytes);
        },
        () => writeImplicitLabel(bytes, label),
        () => readImplicitLabel(labelled),
      ]);
      rows.push({
        file: name,
        'size MB': (bytes.length / 1e6).toFixed(1),
        'header KB': (header(bytes) / 1e3).toFixed(1),
        'write ms min/med': `${write.min.toFixed(2)} / ${write.median.toFixed(2)}`,
        'copy ms min/med': `${copy.min.toFixed(2)} / ${copy.median.toFixed(2)}`,
        'write-copy ms (min)': Math.max(0, write.min - copy.min).toFixed(2),
        'read ms min/med': `${read.min.toFixed(3)} / ${read.median.toFixed(3)}`,
      });
    }
    console.log(`\nimplicit label write/read, min and median of ${RUNS} interleaved runs, Node ${process.version}`);
    console.table(rows);
  }

  // Readers on hostile input (issue #14 item 10): the adversarial shapes of test/label/fixtures/adversarial.mjs at
  // growing sizes. Linear scanners take time proportional to size (the 4 MB / 1 MB ratio near 4; quadratic: 16).
  const { adversarialFiles } = await import(pathToFileURL(join(root, 'test/label/fixtures/adversarial.mjs')).href);
  const sizes = [1 << 16, 1 << 18, 1 << 20, 1 << 22];
  const bySize = sizes.map((size) => adversarialFiles(size));
  const hostile = [];
  for (let k = 0; k < bySize[0].length; k++) {
    const row = { shape: bySize[0][k][0] };
    const mins = [];
    for (let i = 0; i < sizes.length; i++) {
      const [, bytes, type] = bySize[i][k];
      const [t] = measureFew(() => {
        try {
          readImplicitLabel(bytes, { type });
        } catch {
          // typed errors are the expected outcome for most shapes
        }
      });
      mins.push(t);
      row[`${sizes[i] >> 10} KB ms`] = t.toFixed(2);
    }
    row['4MB/1MB'] = (mins[3] / Math.max(mins[2], 0.01)).toFixed(1);
    hostile.push(row);
  }
  console.log('\nreaders on adversarial input: min ms of 7 runs');
  console.table(hostile);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** Min time of 7 runs (after one warm-up). */
function measureFew(fn) {
  fn();
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return [min];
}

/** Size of the moov box. */
function mp4Header(b) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let o = 0; o + 8 <= b.length; ) {
    const size = dv.getUint32(o);
    if (String.fromCharCode(...b.subarray(o + 4, o + 8)) === 'moov') return size;
    if (size < 8) break;
    o += size;
  }
  return 0;
}

/** Bytes before the first SOS marker (the marker segments the writer walks). */
function jpegHeader(b) {
  for (let o = 2; o + 4 <= b.length; ) {
    if (b[o + 1] === 0xda) return o;
    o += 2 + ((b[o + 2] << 8) | b[o + 3]);
  }
  return 0;
}
