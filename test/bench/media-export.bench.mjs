#!/usr/bin/env node
// Video and audio export time in Debian's Chromium (WebCodecs + mediabunny), on this machine:
//   node test/bench/media-export.bench.mjs [seconds=10]
// A 1280×720 30 fps H.264 + AAC MP4 of `seconds` (ffmpeg testsrc + sine) is exported with the label in the first
// 2 s of frames (every frame re-encoded; audio copied), and a 60 s 48 kHz stereo WAV gets the rhythm cue (WAV and
// Opus/Ogg). Prints wall time per second of media and the main-thread tasks over 50 ms during each export. One run each (CPU frugality); the numbers go to
// docs/performance.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.argv[2] ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'aq-media-bench-'));
const ff = (args) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args], { stdio: 'inherit' });
const mp4 = join(dir, 'in.mp4');
const wav = join(dir, 'in.wav');
ff([
  '-f',
  'lavfi',
  '-i',
  `testsrc=size=1280x720:rate=30:duration=${seconds}`,
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
  '-c:v',
  'libx264',
  '-preset',
  'ultrafast',
  '-pix_fmt',
  'yuv420p',
  '-c:a',
  'aac',
  '-shortest',
  '-y',
  mp4,
]);
ff(['-f', 'lavfi', '-i', 'sine=frequency=220:sample_rate=48000:duration=60', '-ac', '2', '-c:a', 'pcm_s16le', '-y', wav]);

const nodeBuiltinsAway = {
  name: 'aq-node-builtins-away',
  resolveImport: ({ source }) => (source === 'node:fs/promises' ? '/__aq-empty-module.js' : undefined),
  serve: (ctx) => (ctx.path === '/__aq-empty-module.js' ? { body: 'export {};', type: 'js' } : undefined),
};
const web = await startDevServer({
  config: {
    rootDir: root,
    port: 0,
    hostname: '127.0.0.1',
    nodeResolve: { exportConditions: ['source', 'browser'] },
    plugins: [nodeBuiltinsAway, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(root, 'tsconfig.wtr.json') })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const port = web.server.address().port;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/test/bench/media-export.html`);
  await page.waitForFunction('window.aqReady === true', { timeout: 120_000 });
  const label = { Label: '1', ContentProducer: 'bench', ProduceID: 'bench-1' };
  const run = (file, type, fn) =>
    page.evaluate(
      async (b64, type, label, fn) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const blob = new Blob([bytes], { type });
        // Main-thread tasks over 50 ms while the export runs (the Long Tasks API): what a user of the page feels.
        const long = [];
        const po = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) long.push(e.duration);
        });
        po.observe({ type: 'longtask', buffered: false });
        const t0 = performance.now();
        const r =
          fn === 'video'
            ? await window.aqLabel.exportLabelledVideo(blob, label)
            : await window.aqLabel.exportLabelledAudio(blob, label, { format: fn });
        const ms = performance.now() - t0;
        await new Promise((res) => setTimeout(res, 100));
        po.disconnect();
        return {
          ms,
          out: r.blob.size,
          codec: r.videoCodec ?? r.format,
          longTasks: long.length,
          longestTask: long.length ? Math.max(...long) : 0,
          longTotal: long.reduce((a, b) => a + b, 0),
        };
      },
      readFileSync(file).toString('base64'),
      type,
      label,
      fn,
    );
  const tasks = (r) =>
    `main-thread tasks over 50 ms: ${r.longTasks} (longest ${r.longestTask.toFixed(0)} ms, ${r.longTotal.toFixed(0)} ms in all)`;
  const v = await run(mp4, 'video/mp4', 'video');
  console.log(
    `video 1280x720 30fps ${seconds} s (${v.codec}): ${(v.ms / 1000).toFixed(2)} s total, ${(v.ms / 1000 / seconds).toFixed(2)} s per second of video, output ${(v.out / 2 ** 20).toFixed(1)} MiB; ${tasks(v)}`,
  );
  for (const f of ['wav', 'ogg']) {
    const a = await run(wav, 'audio/wav', f);
    console.log(
      `audio 60 s 48 kHz stereo -> ${f}: ${(a.ms / 1000).toFixed(2)} s total, ${(a.ms / 60).toFixed(1)} ms per second of audio, output ${(a.out / 2 ** 20).toFixed(1)} MiB; ${tasks(a)}`,
    );
  }
} finally {
  await browser.close();
  await web.stop();
  rmSync(dir, { recursive: true, force: true });
}
