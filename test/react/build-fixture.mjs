#!/usr/bin/env node
// React and react-dom ship CommonJS only, and the test dev server serves ES modules without bundling.
// This script bundles React, react-dom/client, @lit/react and the @anquan/react sources (from
// packages/react/src) into one ES module, node_modules/.cache/anquan/react-bundle.js (outside git and
// lint, served by the test server as /node_modules/.cache/anquan/react-bundle.js), that the browser
// tests in test/react/ import. `@anquan/*`, `anquan` and `lit` stay bare imports: the dev server resolves them
// (with the `source` condition), so the wrappers use the same element classes as the rest of the page.
// Run it before the React browser tests: `node test/react/build-fixture.mjs` (scripts/test.mjs does).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../node_modules/.cache/anquan/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const started = Date.now();
await build({
  entryPoints: [`${here}fixture-entry.ts`],
  outfile: `${outDir}react-bundle.js`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['source', 'browser'],
  external: ['@anquan/*', 'anquan', 'lit', 'lit/*', '@lit/reactive-element', '@lit/reactive-element/*', 'lit-html', 'lit-html/*', 'idb'],
  define: { 'process.env.NODE_ENV': '"development"' },
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true } },
  logLevel: 'warning',
});
console.log(`build: node_modules/.cache/anquan/react-bundle.js (${Date.now() - started} ms)`);
