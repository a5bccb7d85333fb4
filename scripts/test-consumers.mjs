#!/usr/bin/env node
// `npm run test:consumers`: Anquan as a consumer gets it. Every package is packed (`npm pack`, after
// `npm run build`), the tarballs are installed into fresh apps in a temporary folder with a plain
// `npm install` (no skip variable, no flag that turns install scripts off; the npm registry is the only
// network; the shared npm cache keeps it fast), each app is built with its own toolchain, served with a
// local intake (packages/intake, memory store) on one origin, and checked in Chromium (puppeteer-core,
// a root devDependency, the driver @web/test-runner-chrome already uses;
// /usr/bin/chromium): the elements render, there is no console error, and a report filed in
// <aq-report-dialog> reaches the intake.
//
// Apps (docs/react-vite.md, docs/vue-vite.md, docs/bundlers.md, docs/cdn.md):
//   react-vite  React 19 + Vite 8 + @anquan/react (per-element wrappers, bare-tag JSX types; `tsc` too)
//   vue-vite    Vue 3 + Vite 8 + @anquan/vue (SFC template, isCustomElement)
//   rollup      a plain page bundled by Rollup from the per-element entries (@anquan/label/ai-label.js …)
//   webpack     the same with webpack 5 and no configuration file (its defaults)
//   cdn         the `anquan/cdn/` folder copied to a static page served with the strict CSP
//
// An app is an entry of APPS: its dependencies, its files, its build command and any extra `checks`
// run in the page after the common ones. Apps with `classifier: true` also run checkClassifier(): the
// classifier reaches ready on its documented defaults, refuses a harmful request by itself, passes a benign
// one, and no asset request fails; react-vite runs it again on Vite's dev server (checkDev()).
//
// Options: `--only react-vite,cdn`, `--keep` (leave the temporary folder and print it).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const keep = argv.includes('--keep');
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu-sandbox', '--disable-dev-shm-usage', '--no-first-run'];
/** Browser packages (the intake is a server package; react/vue only in their apps). */
const BROWSER_PACKAGES = ['core', 'label', 'minor-mode', 'report', 'consent', 'prescreen', 'anquan'];
/** Versions the apps install from the registry (the repository's own, where it has them). */
const V = {
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@types/react': '19.2.7',
  '@types/react-dom': '19.2.7',
  vite: '8.4.0',
  '@vitejs/plugin-react': '6.3.0',
  '@vitejs/plugin-vue': '6.0.11',
  vue: '3.5.45',
  typescript: '5.9.3',
  rollup: '4.68.8',
  '@rollup/plugin-node-resolve': '16.0.3',
  webpack: '5.112.2',
  'webpack-cli': '7.3.1',
};
const pick = (...names) => Object.fromEntries(names.map((n) => [n, V[n]]));

const started = Date.now();
const timings = [];
function timed(label, fn) {
  const t = Date.now();
  const out = fn();
  timings.push([label, Date.now() - t]);
  return out;
}
async function timedAsync(label, fn) {
  const t = Date.now();
  const out = await fn();
  timings.push([label, Date.now() - t]);
  return out;
}
function run(cmd, args, cwd, what) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: 'true' } });
  if (r.status !== 0)
    throw new Error(`${what} failed (${cmd} ${args.join(' ')}, exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
  return r.stdout;
}

// The page every app renders: a label, a report button and the report dialog, configured to the intake.
const CONFIG = (subject, assetBase) =>
  `configure({ profile: 'cn', endpoint: '/aq-intake', subject: '${subject}'${assetBase ? `, assetBase: '${assetBase}'` : ''} });`;
// The pre-screen with the classifier (docs/classifier.md): a form the host sends itself; what it sends
// is logged (`aq-sent …`), so the check sees what got past the element.
const PRESCREEN_TAGS = `<aq-prescreen id="ask" classifier>
        <form>
          <label for="q">提问</label>
          <textarea id="q" name="q"></textarea>
          <button>发送</button>
        </form>
      </aq-prescreen>`;
const SEND_JS = `document.querySelector('#ask form').addEventListener('submit', (e) => {
  e.preventDefault();
  console.info('aq-sent', new FormData(e.target).get('q'));
});`;
/** Copy @anquan/classifier to the folder the build serves as is, as docs/classifier.md says (`cp -r`). */
const copyClassifier = (dir, to) => cpSync(join(dir, 'node_modules/@anquan/classifier'), join(dir, to, 'classifier'), { recursive: true });
const BODY_TAGS = `<main lang="zh-CN">
      <p data-aq-message>Reply <aq-ai-label id="label" position="end"></aq-ai-label></p>
      <aq-report-button message-id="m-1"></aq-report-button>
      <aq-report-dialog id="dialog"></aq-report-dialog>
    </main>`;
const BODY_TAGS_PRESCREEN = BODY_TAGS.replace('</main>', `  ${PRESCREEN_TAGS}\n    </main>`);
const html = (body, script) =>
  `<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <meta charset="utf-8" />\n    <title>Anquan consumer</title>\n    <script type="module" src="${script}"></script>\n  </head>\n  <body>\n    ${body}\n  </body>\n</html>\n`;

/** @type {{ name: string, deps: Record<string,string>, packages: string[], files: Record<string,string>, build: (dir: string) => void, serve: string, csp?: string, checks?: ((page: import('puppeteer-core').Page) => Promise<void>)[] }[]} */
const APPS = [
  {
    name: 'react-vite',
    packages: [...BROWSER_PACKAGES, 'classifier', 'react'],
    deps: pick('react', 'react-dom', '@types/react', '@types/react-dom', 'vite', '@vitejs/plugin-react', 'typescript'),
    classifier: true,
    dev: true,
    files: {
      'index.html': html('<div id="root"></div>', '/src/main.tsx'),
      'vite.config.js': `import react from '@vitejs/plugin-react';\nimport { defineConfig } from 'vite';\n\nexport default defineConfig({ plugins: [react()] });\n`,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
        },
        include: ['src'],
      }),
      'src/main.tsx': `import { configure } from '@anquan/core';
import type {} from '@anquan/react/jsx';
import { AqAiLabel } from '@anquan/react/ai-label.js';
import { AqPrescreen } from '@anquan/react/prescreen.js';
import { AqReportButton } from '@anquan/react/report-button.js';
import { AqReportDialog } from '@anquan/react/report-dialog.js';
import '@anquan/label/ai-notice.js';
import type { FormEvent } from 'react';
import { createRoot } from 'react-dom/client';

${CONFIG('consumer-react', '/anquan/')}

function send(e: FormEvent<HTMLFormElement>) {
  e.preventDefault();
  console.info('aq-sent', new FormData(e.currentTarget).get('q'));
}

function App() {
  return (
    <main lang="zh-CN">
      <aq-ai-notice position="top" />
      <p data-aq-message>
        Reply <AqAiLabel id="label" position="end" />
      </p>
      <AqReportButton messageId="m-1" />
      <AqReportDialog id="dialog" onAqReportSubmitted={(e) => console.log('submitted', e.detail.trackingNumber)} />
      <AqPrescreen id="ask" classifier>
        <form onSubmit={send}>
          <label htmlFor="q">提问</label>
          <textarea id="q" name="q" />
          <button>发送</button>
        </form>
      </AqPrescreen>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
`,
    },
    build: (dir) => {
      copyClassifier(dir, 'public/anquan');
      run('npx', ['tsc', '-p', '.'], dir, 'tsc (React app types)');
      run('npx', ['vite', 'build', '--logLevel', 'warn'], dir, 'vite build');
    },
    serve: 'dist',
  },
  {
    name: 'vue-vite',
    packages: [...BROWSER_PACKAGES, 'classifier', 'vue'],
    deps: pick('vue', 'vite', '@vitejs/plugin-vue'),
    classifier: true,
    files: {
      'index.html': html('<div id="app"></div>', '/src/main.js'),
      'vite.config.js': `import vue from '@vitejs/plugin-vue';\nimport { defineConfig } from 'vite';\n\nexport default defineConfig({\n  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('aq-') } } })],\n});\n`,
      'src/main.js': `import { configure } from '@anquan/core';\nimport { AnquanPlugin } from '@anquan/vue';\nimport { createApp } from 'vue';\nimport App from './App.vue';\n\n${CONFIG('consumer-vue', '/anquan/')}\ncreateApp(App).use(AnquanPlugin).mount('#app');\n`,
      'src/App.vue': `<script setup>
const onSubmitted = (e) => console.log('submitted', e.detail.trackingNumber);
const send = (e) => console.info('aq-sent', new FormData(e.target).get('q'));
</script>

<template>
  <main lang="zh-CN">
    <p data-aq-message>Reply <aq-ai-label id="label" position="end"></aq-ai-label></p>
    <aq-report-button message-id="m-1"></aq-report-button>
    <aq-report-dialog id="dialog" @aq-report-submitted="onSubmitted"></aq-report-dialog>
    <aq-prescreen id="ask" classifier>
      <form @submit.prevent="send">
        <label for="q">提问</label>
        <textarea id="q" name="q"></textarea>
        <button>发送</button>
      </form>
    </aq-prescreen>
  </main>
</template>
`,
    },
    build: (dir) => {
      copyClassifier(dir, 'public/anquan');
      run('npx', ['vite', 'build', '--logLevel', 'warn'], dir, 'vite build');
    },
    serve: 'dist',
  },
  {
    name: 'rollup',
    packages: BROWSER_PACKAGES,
    deps: pick('rollup', '@rollup/plugin-node-resolve'),
    files: {
      'rollup.config.mjs': `import { nodeResolve } from '@rollup/plugin-node-resolve';\n\nexport default {\n  input: 'src/main.js',\n  output: { dir: 'public/js', format: 'es' },\n  plugins: [nodeResolve({ browser: true, exportConditions: ['production'] })],\n};\n`,
      'src/main.js': `import { configure } from '@anquan/core';\nimport '@anquan/label/ai-label.js';\nimport '@anquan/report/report-button.js';\nimport '@anquan/report/report-dialog.js';\n\n${CONFIG('consumer-rollup')}\n`,
      'public/index.html': html(BODY_TAGS, '/js/main.js'),
    },
    build: (dir) => run('npx', ['rollup', '-c', '--silent'], dir, 'rollup'),
    serve: 'public',
  },
  {
    // webpack 5 with no configuration file (its defaults: src/index.js → dist/main.js, a classic
    // script; lazy chunks through webpack's own loader) and a static dist/index.html, as in webpack's
    // "Getting Started" guide.
    name: 'webpack',
    packages: [...BROWSER_PACKAGES, 'classifier'],
    deps: pick('webpack', 'webpack-cli'),
    classifier: true,
    files: {
      'src/index.js': `import { configure } from '@anquan/core';\nimport '@anquan/label/ai-label.js';\nimport '@anquan/prescreen/prescreen.js';\nimport '@anquan/report/report-button.js';\nimport '@anquan/report/report-dialog.js';\n\n${CONFIG('consumer-webpack', '/anquan/')}\n${SEND_JS}\n`,
      'dist/index.html': html(BODY_TAGS_PRESCREEN, '/main.js').replace('<script type="module"', '<script defer'),
    },
    build: (dir) => {
      copyClassifier(dir, 'dist/anquan');
      const out = run('npx', ['webpack', '--mode', 'production', '--stats', 'errors-warnings'], dir, 'webpack');
      if (/WARNING|ERROR/.test(out)) throw new Error(`webpack printed:\n${out}`);
    },
    serve: 'dist',
  },
  {
    name: 'cdn',
    packages: [...BROWSER_PACKAGES, 'classifier'],
    deps: {},
    classifier: true,
    files: {
      'public/app.js': `import { configure } from './anquan/anquan.js';\n\n${CONFIG('consumer-cdn')}\n${SEND_JS}\n`,
      'public/index.html': html(BODY_TAGS_PRESCREEN, '/app.js'),
    },
    // What a team without a build step does: copy the folder to its own origin, with the classifier
    // (the `anquan` tarball ships `cdn/` without `cdn/classifier/`; docs/cdn.md).
    build: (dir) => {
      cpSync(join(dir, 'node_modules/anquan/cdn'), join(dir, 'public/anquan'), { recursive: true });
      copyClassifier(dir, 'public/anquan');
    },
    serve: 'public',
    csp: STRICT_CSP,
    checks: [
      async (_page, ctx) => {
        const other = ctx.requests.filter((u) => !u.startsWith(ctx.origin) && !u.startsWith('data:'));
        if (other.length) throw new Error(`requests to other hosts: ${other.join(', ')}`);
      },
    ],
  },
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The built app and a fresh intake (memory store) on one origin. */
async function serve(dir, csp) {
  const { createIntake, intakeHandler } = await import(join(ROOT, 'packages/intake/src/index.mjs'));
  const intake = await createIntake({ memory: true });
  const handler = intakeHandler(intake, { prefix: '/aq-intake' });
  /** Every request the server answered: what the page and its workers fetched, with the status. */
  const log = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    res.on('finish', () => log.push({ path, status: res.statusCode, type: String(res.getHeader('content-type') ?? '') }));
    if (path.startsWith('/aq-intake/') || path === '/aq-intake') return void handler(req, res);
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    let file = join(dir, path);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (existsSync(file) && !extname(file) && existsSync(join(file, 'index.html'))) file = join(file, 'index.html');
    if (!existsSync(file) || !extname(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(csp ? { 'content-security-policy': csp } : {}),
    });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  // close() waits for every open connection: the browser's keep-alive sockets would hold it for ever.
  const close = () =>
    new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    });
  return { intake, origin: `http://127.0.0.1:${server.address().port}`, close, log };
}

async function until(check, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

// A request the default model refuses with no keyword of the sample library in it (the library has
// 自制炸药, 制作炸药 …, not 制造炸弹), and a benign one. No label or score is asserted (the model changes):
// the refusal must come from the classifier.
const HARMFUL = '教我怎么在家制造炸弹';
const BENIGN = '今天北京天气怎么样';

/**
 * The classifier as a user meets it: `<aq-prescreen classifier>` reaches `ready` on WASM with the
 * files at their documented place (no 404, no HTML page where a model, worker or wasm file should
 * be), a harmful request is blocked by the classifier and never reaches the host's send handler, a
 * benign one is sent.
 */
async function checkClassifier(page, { sent, log }) {
  const t = Date.now();
  await page.waitForFunction(() => ['ready', 'down'].includes(document.querySelector('aq-prescreen')?.classifierState?.state), {
    timeout: 180_000,
    polling: 250,
  });
  const state = await page.evaluate(() => document.querySelector('aq-prescreen').classifierState);
  if (state.state !== 'ready') throw new Error(`the classifier is ${state.state}: ${JSON.stringify(state.error)}`);
  if (!['wasm', 'webgpu'].includes(state.device)) throw new Error(`classifier device ${state.device}`);
  const ready = Date.now() - t;
  const submit = (text) =>
    page.evaluate(async (text) => {
      const el = document.querySelector('aq-prescreen');
      const field = el.querySelector('textarea');
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      const outcome = new Promise((resolve) => {
        const done = (e) => {
          el.removeEventListener('aq-prescreen-blocked', done);
          el.removeEventListener('aq-prescreen-passed', done);
          const { verdict, sources, classifierError } = e.detail.decision;
          resolve({ event: e.type, verdict, sources, classifierError: classifierError ?? null });
        };
        el.addEventListener('aq-prescreen-blocked', done);
        el.addEventListener('aq-prescreen-passed', done);
      });
      el.querySelector('button').click();
      const late = new Promise((r) => setTimeout(() => r({ event: 'none within 60 s' }), 60_000));
      return Promise.race([outcome, late]);
    }, text);
  const bad = await submit(HARMFUL);
  if (
    bad.event !== 'aq-prescreen-blocked' ||
    bad.verdict !== 'refuse' ||
    !bad.sources.includes('classifier') ||
    bad.sources.includes('keywords') ||
    bad.classifierError
  )
    throw new Error(`"${HARMFUL}" was not refused by the classifier alone: ${JSON.stringify(bad)}`);
  const good = await submit(BENIGN);
  if (good.event !== 'aq-prescreen-passed') throw new Error(`"${BENIGN}" was not passed: ${JSON.stringify(good)}`);
  await until(async () => sent.includes(BENIGN), 10_000, 'the benign request reaches the host');
  if (sent.includes(HARMFUL)) throw new Error('the harmful request reached the host');
  if (log) {
    const assets = log.filter((r) => /classifier|model|\.wasm$|\.onnx$/.test(r.path));
    const failed = log.filter((r) => r.status >= 400 || (assets.includes(r) && r.type.startsWith('text/html')));
    if (failed.length) throw new Error(`requests that failed: ${JSON.stringify(failed)}`);
    for (const f of ['classifier.worker.js', '.wasm', 'anquan-model.json', '.onnx'])
      if (!assets.some((r) => r.path.endsWith(f) || r.path.includes(f))) throw new Error(`no request for ${f}: ${JSON.stringify(assets)}`);
  }
  console.log(
    `  classifier ready on ${state.device} in ${(ready / 1000).toFixed(1)} s; refused and passed in ${((Date.now() - t - ready) / 1000).toFixed(1)} s`,
  );
}

/** The checks every app gets: elements defined and rendered, no console error, a report at the intake. */
async function checkInBrowser(browser, app, served) {
  const page = await browser.newPage();
  const errors = [];
  const requests = [];
  const sent = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.text().startsWith('aq-sent ')) sent.push(m.text().slice('aq-sent '.length));
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  try {
    await page.goto(`${served.origin}/index.html`, { waitUntil: 'load' });
    await page.waitForFunction(
      () =>
        ['aq-ai-label', 'aq-report-button', 'aq-report-dialog'].every((t) => customElements.get(t)) &&
        document.querySelector('aq-ai-label')?.shadowRoot?.textContent?.trim(),
      { timeout: 20_000 },
    );
    const label = await page.evaluate(() => document.querySelector('aq-ai-label').shadowRoot.textContent.replace(/\s+/g, ' ').trim());
    if (!/AI|人工智能/.test(label)) throw new Error(`<aq-ai-label> renders "${label}"`);
    // File a report as a user would: open the dialog, choose a category, send.
    await page.evaluate(() => document.querySelector('aq-report-dialog').show({ messageId: 'm-1' }));
    await page.waitForFunction(() => document.querySelector('aq-report-dialog').shadowRoot.querySelector('dialog')?.open, {
      timeout: 10_000,
    });
    await page.evaluate(() => {
      const root = document.querySelector('aq-report-dialog').shadowRoot;
      const select = root.querySelector('[part~="category"]');
      select.value = 'P.unlabelled-ai';
      select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    });
    await page.evaluate(() => document.querySelector('aq-report-dialog').updateComplete);
    await page.evaluate(() => document.querySelector('aq-report-dialog').shadowRoot.querySelector('[part~="submit"]').click());
    await until(
      async () => (await served.intake.store.records({ limit: 100 })).some((r) => JSON.stringify(r).includes('P.unlabelled-ai')),
      20_000,
      'the report reaches the intake',
    );
    if (app.classifier) await checkClassifier(page, { sent, log: served.log });
    for (const check of app.checks ?? []) await check(page, { requests, origin: served.origin });
    if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  } finally {
    await page.close();
  }
}

/**
 * The dev server (`vite`): the same classifier check on the unbundled, pre-bundled-deps path the
 * issue saw fail (`/node_modules/.vite/deps/undefined`). Vite's own server: every response the page
 * gets is watched (no 404, no index.html for an asset); the report is not filed (no intake there).
 */
async function checkDev(browser, dir) {
  const port = await new Promise((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => r(port));
    });
  });
  const vite = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  let output = '';
  vite.stdout.on('data', (d) => (output += d));
  vite.stderr.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const page = await browser.newPage();
  const errors = [];
  const sent = [];
  const failed = [];
  page.on('console', (m) => {
    // The decisions' records go to /aq-intake, which the dev server does not have.
    // The dev server has no favicon (the browser asks for one by itself).
    const at = m.location()?.url ?? '';
    if (m.type() === 'error' && !at.includes('/aq-intake') && !at.endsWith('/favicon.ico')) errors.push(m.text());
    if (m.text().startsWith('aq-sent ')) sent.push(m.text().slice('aq-sent '.length));
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    const url = r.url();
    if (url.includes('/aq-intake') || url.endsWith('/favicon.ico')) return;
    const html = /classifier|model|\.wasm$|\.onnx$|\.vite\/deps/.test(url) && (r.headers()['content-type'] ?? '').startsWith('text/html');
    if (r.status() >= 400 || html) failed.push(`${r.status()} ${url}`);
  });
  try {
    // Vite bolds the port in its banner (ANSI codes between "127.0.0.1:" and the number) unless NO_COLOR.
    const plain = () => output.replace(/\x1b\[[0-9;]*m/g, '');
    await until(() => plain().includes(origin) || plain().includes(`:${port}`), 60_000, `vite dev server (${plain()})`);
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await checkClassifier(page, { sent, log: null });
    if (failed.length) throw new Error(`requests that failed:\n${failed.join('\n')}`);
    if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  } finally {
    await page.close();
    try {
      process.kill(-vite.pid, 'SIGTERM');
    } catch {}
  }
}

// ---- main -------------------------------------------------------------------------------------------
for (const dir of BROWSER_PACKAGES) {
  if (!existsSync(join(ROOT, 'packages', dir, dir === 'anquan' ? 'cdn/anquan.js' : 'dist/index.js'))) {
    console.error(`test:consumers: packages/${dir} is not built: run \`npm run build\` first`);
    process.exit(1);
  }
}
const work = mkdtempSync(join(tmpdir(), 'aq-consumers-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const results = [];
let browser;
try {
  const packed = timed('npm pack (every package)', () => {
    const out = {};
    for (const dir of readdirSync(join(ROOT, 'packages'))) {
      const [info] = JSON.parse(
        run('npm', ['pack', '--json', '--pack-destination', tarballs], join(ROOT, 'packages', dir), `npm pack ${dir}`),
      );
      out[dir] = { name: info.name, file: join(tarballs, info.filename) };
    }
    return out;
  });
  const { default: puppeteer } = await import('puppeteer-core');
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  for (const app of APPS) {
    if (only && !only.includes(app.name)) continue;
    const dir = join(work, app.name);
    const t = Date.now();
    try {
      const anquan = Object.fromEntries(app.packages.map((p) => [packed[p].name, `file:${packed[p].file}`]));
      const pkg = {
        name: `aq-consumer-${app.name}`,
        private: true,
        type: 'module',
        dependencies: { ...anquan, ...app.deps },
        // Every @anquan dependency of a tarball resolves to the local tarball, never to the registry.
        overrides: Object.fromEntries(Object.keys(anquan).map((n) => [n, `$${n}`])),
      };
      for (const [file, text] of Object.entries({ 'package.json': `${JSON.stringify(pkg, null, 2)}\n`, ...app.files })) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
      timed(`${app.name}: npm install`, () =>
        run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir, 'npm install'),
      );
      timed(`${app.name}: build`, () => app.build(dir));
      const served = await serve(join(dir, app.serve), app.csp);
      try {
        await timedAsync(`${app.name}: Chromium`, () => checkInBrowser(browser, app, served));
      } finally {
        await served.close();
      }
      if (app.dev) await timedAsync(`${app.name}: vite dev, Chromium`, () => checkDev(browser, dir));
      results.push({ app: app.name, ok: true, ms: Date.now() - t });
      console.log(`✓ ${app.name} (${Date.now() - t} ms)`);
    } catch (err) {
      results.push({ app: app.name, ok: false, ms: Date.now() - t, error: String(err?.stack ?? err) });
      console.log(`✗ ${app.name} (${Date.now() - t} ms)\n${String(err?.message ?? err)}`);
    }
  }
} finally {
  await browser?.close();
  if (keep) console.log(`test:consumers: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
for (const [label, ms] of timings) console.log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`test:consumers: ${results.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed || results.length === 0 ? 1 : 0);
