// Web Test Runner: every browser test runs in Debian's Chromium (/usr/bin/chromium), never a downloaded browser.

import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countReporter } from './test/harness/count-reporter.mjs';
import { anquanCommandsPlugin, cspMiddleware } from './test/harness/server-plugins.mjs';
import { testIntakesMiddleware } from './test/harness/test-intakes.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  '--autoplay-policy=no-user-gesture-required',
];

/** Each suite has a time budget (ms per test file); CI must finish within 20 minutes on 2 cores. */
const groups = [
  { name: 'core', files: 'test/core/**/*.test.ts', budget: 60_000 },
  { name: 'label', files: 'test/label/**/*.test.ts', budget: 120_000 },
  { name: 'minor-mode', files: 'test/minor-mode/**/*.test.ts', budget: 60_000 },
  { name: 'report', files: 'test/report/**/*.test.ts', budget: 60_000 },
  { name: 'consent', files: 'test/consent/**/*.test.ts', budget: 60_000 },
  { name: 'prescreen', files: 'test/prescreen/**/*.test.ts', budget: 180_000 },
  { name: 'classifier', files: 'test/classifier/**/*.test.ts', budget: 180_000 },
  { name: 'react', files: 'test/react/**/*.test.ts', budget: 60_000 },
  { name: 'vue', files: 'test/vue/**/*.test.ts', budget: 60_000 },
  { name: 'cross', files: 'test/*.test.ts', budget: 180_000 },
];

/** A group whose folder has no test file yet is left out (web-test-runner fails on an empty group). */
function hasFiles(group) {
  const dir = group.files.slice(0, group.files.indexOf('*')).replace(/\/$/, '');
  if (!existsSync(dir)) return false;
  const deep = group.files.includes('**');
  return readdirSync(dir, { recursive: deep }).some((f) => String(f).endsWith('.test.ts'));
}

/**
 * mediabunny's ESM build imports `node:fs/promises` from a Node-only file its package.json "browser" map drops;
 * the dev server does not read that map, so the import is served as an empty module here (bundlers honour it).
 */
const nodeBuiltinsAway = {
  name: 'aq-node-builtins-away',
  resolveImport({ source }) {
    if (source === 'node:fs/promises') return '/__aq-empty-module.js';
    return undefined;
  },
  serve(context) {
    if (context.path === '/__aq-empty-module.js') return { body: 'export {};', type: 'js' };
    return undefined;
  },
};

export default {
  rootDir: root,
  nodeResolve: { exportConditions: ['source', 'browser'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: Number(process.env.AQ_FINISH_TIMEOUT ?? 180_000),
  browserStartTimeout: 60_000,
  // AQ_GREP=<regular expression> runs only the tests whose full titles match (mocha grep; scripts/sabotage.mjs
  // uses it to run the tests tagged with one clause).
  testFramework: { config: { timeout: 30_000, ...(process.env.AQ_GREP ? { grep: process.env.AQ_GREP } : {}) } },
  // AQ_FILES=path/to/one.test.ts runs one file (no groups).
  ...(process.env.AQ_FILES ? { files: process.env.AQ_FILES.split(',') } : {}),
  groups: process.env.AQ_FILES ? [] : groups.filter(hasFiles).map((g) => ({ name: g.name, files: g.files, testsFinishTimeout: g.budget })),
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter('.wtr-summary.json')],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  middleware: [cspMiddleware, testIntakesMiddleware({ prefix: '/aq-intake' })],
  plugins: [nodeBuiltinsAway, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}tsconfig.wtr.json` }), anquanCommandsPlugin()],
};
