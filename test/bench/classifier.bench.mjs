#!/usr/bin/env node
// The default pre-screen model in the classifier's module worker, on WASM, in Debian's Chromium:
//   nice -n 19 node test/bench/classifier.bench.mjs [runs=100]
// Cold load: enable() on a fresh page (worker start, onnxruntime-web WASM, model fetch + SHA-256
// check, session), three pages, after `npm run build` (the worker is dist/classifier.worker.js).
// Per prompt: classify() of a 200-character zh-CN prompt (all its windows), `runs` times after 5
// warm-ups; prints p50/p95. One page at a time (CPU frugality); the numbers go to docs/performance.md.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.argv[2] ?? 100);
// Extra PrescreenClassifier options as JSON (e.g. '{"windowTokens":[126],"dtype":"fp32"}'), to compare settings.
const extra = JSON.parse(process.env.AQ_CLASSIFIER_OPTS || '{}');
const PROMPT = (
  '我最近在写一篇关于城市交通的课程论文，想请你帮我梳理一下思路。首先，我想比较地铁和公交在高峰时段的运力差异，' +
  '其次讨论共享单车对最后一公里出行的影响，最后提出一些改善建议。请按照引言、现状分析、问题、对策和结论五个部分给出提纲，' +
  '每部分列出两到三个要点，并推荐几个可以查阅的公开数据来源。谢谢！'
)
  .padEnd(200, '。')
  .slice(0, 200);
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
const q = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
try {
  const cold = [];
  let times = [];
  let info = null;
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/test/bench/classifier.html`);
    await page.waitForFunction('window.aqReady === true', { timeout: 120_000 });
    const r = await page.evaluate(
      async (prompt, runs, measure, extra) => {
        const t0 = performance.now();
        const c = new window.PrescreenClassifier({ device: 'wasm', warmupRuns: 1, ...extra });
        const info = await c.enable();
        const cold = performance.now() - t0;
        const times = [];
        if (measure) {
          for (let k = 0; k < 5; k++) await c.classify(prompt);
          for (let k = 0; k < runs; k++) {
            const s = performance.now();
            await c.classify(prompt);
            times.push(performance.now() - s);
          }
        }
        c.dispose();
        return { cold, times, info: { dtype: info.dtype, windows: info.windowTokens, maxTokens: info.maxTokens } };
      },
      PROMPT,
      runs,
      i === 0,
      extra,
    );
    cold.push(r.cold);
    if (i === 0) ({ times, info } = r);
    await page.close();
  }
  console.log(`model ${JSON.stringify(info)}; prompt ${PROMPT.length} characters`);
  console.log(`cold load (enable()) ms: ${cold.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(
    `classify ms over ${times.length} runs: p50 ${q(times, 0.5).toFixed(1)}, p95 ${q(times, 0.95).toFixed(1)}, max ${Math.max(...times).toFixed(1)}`,
  );
} finally {
  await browser.close();
  await web.stop();
}
