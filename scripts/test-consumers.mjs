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
//   cdn         the `anquan/cdn/` folder copied to a static page served with the strict CSP
//
// An app is an entry of APPS: its dependencies, its files, its build command and any extra `checks`
// run in the page after the common ones. The classifier check ("the classifier loads and classifies")
// is to be added as such a check once @anquan/classifier exists (the `classifier` branch).
//
// Options: `--only react-vite,cdn`, `--keep` (leave the temporary folder and print it).
import { spawnSync } from 'node:child_process';
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
const CONFIG = (subject) => `configure({ profile: 'cn', endpoint: '/aq-intake', subject: '${subject}' });`;
const BODY_TAGS = `<main lang="zh-CN">
      <p data-aq-message>Reply <aq-ai-label id="label" position="end"></aq-ai-label></p>
      <aq-report-button message-id="m-1"></aq-report-button>
      <aq-report-dialog id="dialog"></aq-report-dialog>
    </main>`;
const html = (body, script) =>
  `<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <meta charset="utf-8" />\n    <title>Anquan consumer</title>\n    <script type="module" src="${script}"></script>\n  </head>\n  <body>\n    ${body}\n  </body>\n</html>\n`;

/** @type {{ name: string, deps: Record<string,string>, packages: string[], files: Record<string,string>, build: (dir: string) => void, serve: string, csp?: string, checks?: ((page: import('puppeteer-core').Page) => Promise<void>)[] }[]} */
const APPS = [
  {
    name: 'react-vite',
    packages: [...BROWSER_PACKAGES, 'react'],
    deps: pick('react', 'react-dom', '@types/react', '@types/react-dom', 'vite', '@vitejs/plugin-react', 'typescript'),
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
import { AqReportButton } from '@anquan/react/report-button.js';
import { AqReportDialog } from '@anquan/react/report-dialog.js';
import '@anquan/label/ai-notice.js';
import { createRoot } from 'react-dom/client';

${CONFIG('consumer-react')}

function App() {
  return (
    <main lang="zh-CN">
      <aq-ai-notice position="top" />
      <p data-aq-message>
        Reply <AqAiLabel id="label" position="end" />
      </p>
      <AqReportButton messageId="m-1" />
      <AqReportDialog id="dialog" onAqReportSubmitted={(e) => console.log('submitted', e.detail.trackingNumber)} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
`,
    },
    build: (dir) => {
      run('npx', ['tsc', '-p', '.'], dir, 'tsc (React app types)');
      run('npx', ['vite', 'build', '--logLevel', 'warn'], dir, 'vite build');
    },
    serve: 'dist',
  },
  {
    name: 'vue-vite',
    packages: [...BROWSER_PACKAGES, 'vue'],
    deps: pick('vue', 'vite', '@vitejs/plugin-vue'),
    files: {
      'index.html': html('<div id="app"></div>', '/src/main.js'),
      'vite.config.js': `import vue from '@vitejs/plugin-vue';\nimport { defineConfig } from 'vite';\n\nexport default defineConfig({\n  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('aq-') } } })],\n});\n`,
      'src/main.js': `import { configure } from '@anquan/core';\nimport { AnquanPlugin } from '@anquan/vue';\nimport { createApp } from 'vue';\nimport App from './App.vue';\n\n${CONFIG('consumer-vue')}\ncreateApp(App).use(AnquanPlugin).mount('#app');\n`,
      'src/App.vue': `<script setup>\nconst onSubmitted = (e) => console.log('submitted', e.detail.trackingNumber);\n</script>\n\n<template>\n  <main lang="zh-CN">\n    <p data-aq-message>Reply <aq-ai-label id="label" position="end"></aq-ai-label></p>\n    <aq-report-button message-id="m-1"></aq-report-button>\n    <aq-report-dialog id="dialog" @aq-report-submitted="onSubmitted"></aq-report-dialog>\n  </main>\n</template>\n`,
    },
    build: (dir) => run('npx', ['vite', 'build', '--logLevel', 'warn'], dir, 'vite build'),
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
    name: 'cdn',
    packages: BROWSER_PACKAGES,
    deps: {},
    files: {
      'public/app.js': `import { configure } from './anquan/anquan.js';\n\n${CONFIG('consumer-cdn')}\n`,
      'public/index.html': html(BODY_TAGS, '/app.js'),
    },
    // What a team without a build step does: copy the folder to its own origin.
    build: (dir) => cpSync(join(dir, 'node_modules/anquan/cdn'), join(dir, 'public/anquan'), { recursive: true }),
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
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
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
  return { intake, origin: `http://127.0.0.1:${server.address().port}`, close };
}

async function until(check, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

/** The checks every app gets: elements defined and rendered, no console error, a report at the intake. */
async function checkInBrowser(browser, app, served) {
  const page = await browser.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
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
    for (const check of app.checks ?? []) await check(page, { requests, origin: served.origin });
    if (errors.length) throw new Error(`console errors:\n${errors.join('\n')}`);
  } finally {
    await page.close();
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
