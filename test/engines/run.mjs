#!/usr/bin/env node
// The cross-engine suite: `node test/engines/run.mjs [webkit] [firefox] [chromium] [--json FILE]`
// (default: webkit firefox). Serves the built CDN bundle (packages/anquan/cdn) and test/engines/ with
// the strict CSP of server/csp.mjs, and a local intake (@anquan/intake, in memory) at /aq-intake;
// opens test/engines/page.html in each engine, which walks the main flows (test/engines/flows.js);
// then checks on the server that the report and the consent records of that engine arrived.
//
// Engines, all from Debian (scripts/preflight.mjs installs them), nothing downloaded:
// - WebKitGTK: WebKitWebDriver (webkit2gtk-driver) driving MiniBrowser, under Xvfb (it needs a display);
// - Firefox ESR: WebDriver BiDi through puppeteer-core (Debian has no geckodriver);
// - Chromium (reference, not in the default set): puppeteer-core over CDP.
// One result per flow and engine; the last line is "N passed, N failed".
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIntake } from '@anquan/intake';
import { DEMO_CSP } from '../../server/csp.mjs';
import { openChromium, openFirefox, openWebKit } from './engines.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.wasm': 'application/wasm',
};
const PUBLIC = ['packages/anquan/cdn', 'test/engines', 'demo'];

/** Every tag the packages declare, from their custom-elements.json. */
export function manifestTags() {
  const tags = [];
  for (const pkg of readdirSync(join(root, 'packages'))) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'custom-elements.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const m of manifest.modules ?? []) for (const d of m.declarations ?? []) if (d.customElement && d.tagName) tags.push(d.tagName);
  }
  return [...new Set(tags)].sort();
}

async function serve() {
  const intake = await createIntake({ memory: true });
  const tags = JSON.stringify(manifestTags());
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.startsWith('/aq-intake/')) {
        if (await intake.handle(req, res, url.pathname.slice('/aq-intake'.length))) return;
        res.writeHead(404).end();
        return;
      }
      if (url.pathname === '/engines/tags.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(tags);
        return;
      }
      const file = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!PUBLIC.some((p) => file.startsWith(join(root, p) + '/'))) {
        if (process.env.AQ_ENGINES_DEBUG) console.log(`404 ${url.pathname}`);
        res.writeHead(404).end();
        return;
      }
      let body = readFileSync(file);
      // The demo page gets the error recorder first and the check (test/engines/demo-check.js) last.
      if (file === join(root, 'demo/index.html'))
        body = body
          .toString()
          .replace('<head>', '<head><script type="module" src="/test/engines/errors.js"></script>')
          .replace('</body>', '<script type="module" src="/test/engines/demo-check.js"></script></body>');
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': DEMO_CSP,
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      if (!res.headersSent) res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { intake, server, origin: `http://127.0.0.1:${server.address().port}` };
}

const OPENERS = { webkit: openWebKit, firefox: openFirefox, chromium: openChromium };

/** One engine: open the page, wait for the flows, then the server-side checks. */
async function runEngine(name, origin, intake) {
  const results = [];
  const started = Date.now();
  let browser;
  try {
    browser = await OPENERS[name]();
    await browser.open(
      `${origin}/test/engines/page.html${process.env.AQ_ENGINES_ONLY ? `?only=${encodeURIComponent(process.env.AQ_ENGINES_ONLY)}` : ''}`,
    );
    let state = null;
    for (const end = Date.now() + 120_000; Date.now() < end; ) {
      state = await browser.evaluate('window.__aqEngines && window.__aqEngines.done ? window.__aqEngines : null');
      if (state) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    if (!state) throw new Error('the flows did not finish within 120 s');
    const logged = await browser.logged();
    for (const r of state.results) {
      const why = [r.error, ...r.errors].filter(Boolean).join('; ');
      results.push({ title: r.title, ok: r.ok, why, ms: r.ms });
    }
    // On the server: the report and the consent records came from this engine's page (not when
    // AQ_ENGINES_ONLY left those flows out).
    const deadline = process.env.AQ_ENGINES_ONLY ? 0 : Date.now() + 15_000;
    let report;
    let consent = [];
    while (Date.now() < deadline) {
      const reports = await intake.store.records({ kind: 'report' });
      report = reports.find((x) => x.receipt?.trackingNumber === state.trackingNumber);
      consent = (await intake.store.records({ kind: 'ledger-record' })).filter((x) => JSON.stringify(x).includes(state.subject));
      if (report && consent.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (deadline)
      results.push({
        title: 'the local intake stored the report and the consent ledger records sent from the page',
        ok: Boolean(report) && consent.length > 0,
        why: `${report ? '' : `no report ${state.trackingNumber}; `}${consent.length ? '' : `no ledger record for ${state.subject}`}`,
      });
    // The demo (the CDN bundle in a product page, with the on-device classifier).
    await browser.open(`${origin}/demo/index.html?classifier=on`);
    let demo = null;
    for (const end = Date.now() + 120_000; Date.now() < end; ) {
      demo = await browser.evaluate('window.__aqDemo && window.__aqDemo.done ? { ...window.__aqDemo, errors: window.__aqErrors } : null');
      if (demo) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const d = demo?.result;
    const demoProblems = [
      !demo && 'the demo check did not finish within 120 s',
      demo?.error,
      ...(demo?.errors ?? []),
      d?.undefinedTags.length && `undefined: ${d.undefinedTags.join(', ')}`,
      d && d.labelled < 3 && `${d.labelled} of ${d.replies} replies labelled`,
      d && !d.imageLabel && 'no image label',
      d && !d.videoLabel && 'no video label',
    ].filter(Boolean);
    results.push({
      title: 'the demo: every element defined, text, image and video replies labelled',
      ok: !demoProblems.length,
      why: demoProblems.join('; '),
    });
    const classifierOk = d && /enabled|已启用/.test(d.classifier);
    results.push({
      title: 'the demo: the on-device classifier loads (WebAssembly in a module worker)',
      ok: Boolean(classifierOk),
      why: d?.classifier ?? '',
    });
    results.push({
      title: 'no console error or page error reported by the browser',
      ok: logged.length === 0,
      why: logged.join('; '),
    });
    return {
      name,
      features: state.features,
      classifier: d?.classifier,

      results,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (err) {
    results.push({ title: 'opens the page and walks the flows', ok: false, why: String(err?.stack ?? err) });
    return { name, features: null, results, seconds: (Date.now() - started) / 1000 };
  } finally {
    await browser?.close().catch(() => {});
  }
}

export async function runEngines(names) {
  const { intake, server, origin } = await serve();
  const engines = [];
  try {
    for (const name of names) engines.push(await runEngine(name, origin, intake));
  } finally {
    server.close();
    await intake.close();
  }
  return engines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
  const names = args.length ? args : ['webkit', 'firefox'];
  for (const n of names) if (!OPENERS[n]) throw new Error(`unknown engine ${n} (webkit, firefox, chromium)`);
  const engines = await runEngines(names);
  let passed = 0;
  let failed = 0;
  const tests = [];
  for (const e of engines) {
    console.log(`\n${e.name} (${e.seconds.toFixed(1)} s)${e.features ? `: ${e.features.userAgent}` : ''}`);
    for (const r of e.results) {
      console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.title}${r.ms ? ` (${r.ms} ms)` : ''}${r.ok ? '' : `\n       ${r.why}`}`);
      if (r.ok) passed++;
      else failed++;
      tests.push({ file: `engines:${e.name}`, title: `${e.name}: ${r.title}`, result: r.ok ? 'passed' : 'failed' });
    }
  }
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ passed, failed, tests, engines }, null, 1));
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
