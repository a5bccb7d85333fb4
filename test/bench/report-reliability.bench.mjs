#!/usr/bin/env node
// Report reliability benchmark (`npm run bench report`): 1,000 reports submitted from a real Chromium
// page while the intake fails ~30% of requests, drops ~5% of answers after storing, restarts once
// (its HTTP server is closed with every open connection and the SQLite database reopened from the
// file) and the page reloads twice in the middle of sending. Checks that every report is stored
// exactly once and that every local report ends with its receipt; prints the numbers for docs/report.md.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIntake } from '@anquan/intake';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';

const N = Number(process.env.AQ_BENCH_REPORTS ?? 1000);
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'aq-report-bench-'));
const dbPath = join(dir, 'intake.sqlite');
const faults = { failRate: 0.3, dropRate: 0.05, status: 503, delayMs: 1 };
const totals = { injected: 0, dropped: 0 };

async function freePort() {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address();
  s.close();
  return port;
}

// The intake: a node:http server around createIntake with the SQLite store.
let intake;
let intakeServer;
const intakePort = await freePort();
const posts = [];
async function startIntake() {
  intake = await createIntake({ sqlite: dbPath, faults: { ...faults }, limits: { perSecond: 0 }, onRecord: (key) => posts.push(key) });
  intakeServer = createServer(async (req, res) => {
    const handled = await intake.handle(req, res, new URL(req.url, 'http://x').pathname);
    if (!handled) {
      res.statusCode = 404;
      res.end();
    }
  });
  intakeServer.listen(intakePort, '127.0.0.1');
  await once(intakeServer, 'listening');
}
async function stopIntake() {
  totals.injected += intake.faults.injected;
  totals.dropped += intake.faults.dropped;
  intakeServer.closeAllConnections();
  await new Promise((r) => intakeServer.close(r));
  await intake.close();
}
await startIntake();

// The page server: the repository through @web/dev-server, /aq-bench-intake proxied to the intake.
const proxy = async (ctx, next) => {
  if (!ctx.path.startsWith('/aq-bench-intake/')) return next();
  ctx.respond = false;
  const upstream = request(
    { host: '127.0.0.1', port: intakePort, method: ctx.method, path: ctx.url.slice('/aq-bench-intake'.length), headers: ctx.req.headers },
    (res) => {
      ctx.res.writeHead(res.statusCode, res.headers);
      res.pipe(ctx.res);
    },
  );
  // Intake down or the connection dropped: drop the browser's connection too.
  upstream.on('error', () => ctx.req.socket.destroy());
  ctx.req.pipe(upstream);
};
const webPort = await freePort();
const web = await startDevServer({
  config: {
    rootDir: root,
    port: webPort,
    hostname: '127.0.0.1',
    nodeResolve: { exportConditions: ['source', 'browser'] },
    middleware: [proxy],
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(root, 'tsconfig.wtr.json') })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--headless=new',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage();
const url = `http://127.0.0.1:${webPort}/test/report/report-page.html?db=bench-${Date.now()}&endpoint=${encodeURIComponent('/aq-bench-intake')}&delay=50`;
const ready = () => page.waitForFunction('window.aq && window.aq.ready', { timeout: 60_000 });
let storedNow = 0;
const stored = () => storedNow;
setInterval(async () => {
  try {
    storedNow = await intake.store.count();
  } catch {}
}, 50).unref();
async function until(check, ms = 300_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

const started = Date.now();
await page.goto(url);
await ready();
const events = [];
const third = Math.floor(N / 3);
await page.evaluate((a, b) => window.aq.submit(a, b, 'bench'), 0, third);
await until(() => stored() >= third / 3);
events.push(`reload 1 at ${stored()} stored`);
await page.reload();
await ready();
await page.evaluate((a, b) => window.aq.submit(a, b, 'bench'), third, 2 * third);
await until(() => stored() >= third);
events.push(`intake restart at ${stored()} stored`);
await stopIntake();
await new Promise((r) => setTimeout(r, 1500)); // down: every request in this window fails to connect
await startIntake();
await page.evaluate((a, b) => window.aq.submit(a, b, 'bench'), 2 * third, N);
await until(() => stored() >= 1.5 * third);
events.push(`reload 2 at ${stored()} stored`);
await page.reload();
await ready();
await page.evaluate('window.aq.repaired');
await until(() => stored() >= N);
await until(async () => (await page.evaluate('window.aq.pending()')) === 0);
await until(async () => (await page.evaluate('window.aq.summary()')).received === N);
const seconds = (Date.now() - started) / 1000;
const summary = await page.evaluate('window.aq.summary()');

const records = await intake.store.records({ limit: 100_000 });
await stopIntake();
const ids = new Set(records.map((r) => r.id));
const missing = [];
for (let i = 0; i < N; i++) if (!ids.has(`bench-${String(i).padStart(5, '0')}`)) missing.push(i);
const requests = posts.length + totals.injected;
const ok = records.length === N && ids.size === N && missing.length === 0 && summary.received === N && summary.tracking === N;

await browser.close();
await web.stop();
rmSync(dir, { recursive: true, force: true });

console.log(`| measure | value |\n|---|---|`);
console.log(`| reports submitted | ${N} |`);
console.log(`| stored by the intake (SQLite) | ${records.length} |`);
console.log(`| distinct ids stored | ${ids.size} |`);
console.log(`| missing | ${missing.length} |`);
console.log(`| local receipts with tracking number | ${summary.tracking} |`);
console.log(`| POST requests reaching the intake | ${requests} |`);
console.log(`| injected 503 failures | ${totals.injected} (${((100 * totals.injected) / requests).toFixed(1)}%) |`);
console.log(`| answers dropped after storing | ${totals.dropped} |`);
console.log(`| repeats answered from the idempotency store | ${posts.length - N} |`);
console.log(`| events | ${events.join('; ')} |`);
console.log(`| wall time | ${seconds.toFixed(1)} s |`);
console.log(ok ? 'PASS: every report stored exactly once' : 'FAIL');
process.exit(ok ? 0 : 1);
