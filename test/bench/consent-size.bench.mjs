#!/usr/bin/env node
// Size of @anquan/consent (register + index) against vanilla-cookieconsent 3.1.0, gzip level 9,
// measured in the same run with the same code. Run: `node test/bench/consent-size.bench.mjs`
// (or `npm run bench consent-size`). esbuild bundles and minifies the TypeScript sources (the
// `source` export condition) as one ESM file; lit is either external or included.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

async function bundle(external) {
  const r = await build({
    stdin: {
      contents: "import '@anquan/consent/register';\nexport * from '@anquan/consent';\n",
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source'],
    tsconfig: join(root, 'packages/consent/tsconfig.json'),
    external,
    write: false,
    legalComments: 'none',
    logLevel: 'error',
  });
  return Buffer.from(r.outputFiles[0].contents);
}

const rows = [];
const add = (name, js, css = Buffer.alloc(0)) =>
  rows.push({ name, raw: js.length + css.length, gzJs: gz(js), gzCss: css.length ? gz(css) : 0 });

add(
  '@anquan/consent only (core, idb, lit external)',
  await bundle(['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@anquan/core', 'idb']),
);
add(
  '@anquan/consent + core + idb (lit external)',
  await bundle(['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*']),
);
add('@anquan/consent + core + idb + lit', await bundle([]));

const ccDir = dirname(require.resolve('vanilla-cookieconsent/package.json'));
const ccVersion = JSON.parse(readFileSync(join(ccDir, 'package.json'), 'utf8')).version;
add(
  `vanilla-cookieconsent ${ccVersion} (dist/cookieconsent.esm.js + cookieconsent.css)`,
  readFileSync(join(ccDir, 'dist/cookieconsent.esm.js')),
  readFileSync(join(ccDir, 'dist/cookieconsent.css')),
);

const kb = (n) => (n / 1024).toFixed(1);
console.log(`node ${process.version}, esbuild minify, gzip level 9 (node:zlib); sizes in KiB\n`);
console.log('| Bundle | minified | gzip JS | gzip CSS | gzip total |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows)
  console.log(`| ${r.name} | ${kb(r.raw)} | ${kb(r.gzJs)} | ${r.gzCss ? kb(r.gzCss) : '(in JS)'} | ${kb(r.gzJs + r.gzCss)} |`);
