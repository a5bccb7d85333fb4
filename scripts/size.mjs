#!/usr/bin/env node
// Bundle-size budgets: `node scripts/size.mjs` bundles each package entry (its index plus its
// register) with esbuild (bundle, minify, ESM; lit and idb external), and the whole UI (every
// package, lit and idb included; the classifier worker and transformers.js are never in the main
// graph), gzips each at level 9 and compares with size-budgets.json. Exit 1 when one is over.
//
//   node scripts/size.mjs            check against the budgets, print a table
//   node scripts/size.mjs --update   write size-budgets.json: measured size + 5 %, rounded up
//   node scripts/size.mjs --json     print the measurements as JSON (for docs and benches)
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUDGET_FILE = `${root}size-budgets.json`;
/** The whole UI without the classifier, lit included: the target in the issue. */
const UI_TARGET = 25 * 1024;
const GROWTH = 1.05;

const PACKAGES = ['core', 'label', 'minor-mode', 'report', 'consent', 'prescreen'];
const hasRegister = (pkg) => existsSync(`${root}packages/${pkg}/src/register.ts`);

/** Each entry: a name, the module text esbuild bundles, and what stays external. */
function entries() {
  const list = [];
  for (const pkg of PACKAGES) {
    if (!existsSync(`${root}packages/${pkg}/src/index.ts`)) continue;
    const lines = [`export * from '@anquan/${pkg}';`];
    if (hasRegister(pkg)) lines.push(`import '@anquan/${pkg}/register';`);
    list.push({ name: `@anquan/${pkg}`, contents: lines.join('\n'), external: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', 'idb', '@anquan/core', '@huggingface/transformers'], note: pkg === 'core' ? 'lit, idb external' : 'lit, idb, @anquan/core external' });
  }
  // core is shared: a package's own budget excludes it (it is counted once, in @anquan/core).
  list[0].external = list[0].external.filter((e) => e !== '@anquan/core');
  // The whole UI: the umbrella plus every package's register and API (the umbrella's final shape),
  // with lit and idb bundled. The classifier worker is started by URL, so it is never in this graph.
  const all = ["export * from 'anquan';", "export * from './packages/anquan/src/audit.ts';", "import './packages/anquan/src/audit-report/aq-audit-report.ts';"];
  for (const pkg of PACKAGES) {
    if (hasRegister(pkg)) all.push(`import '@anquan/${pkg}/register';`);
    if (pkg !== 'core') all.push(`export * from '@anquan/${pkg}';`);
  }
  list.push({ name: 'anquan (whole UI)', contents: all.join('\n'), external: ['@huggingface/transformers'], note: 'lit, idb included; no classifier worker' });
  // Only the elements (every register, nothing else exported): what a page that uses tags pays.
  const tags = PACKAGES.filter(hasRegister).map((pkg) => `import '@anquan/${pkg}/register';`);
  list.push({ name: 'anquan (elements only)', contents: tags.join('\n'), external: ['@huggingface/transformers'], note: 'every register; lit, idb included' });
  return list;
}

async function measure(entry) {
  const result = await build({
    stdin: { contents: entry.contents, resolveDir: root, sourcefile: 'size-entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source', 'browser'],
    external: entry.external,
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true } },
  });
  const bytes = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs);
  const forbidden = inputs.filter((p) => /transformers|onnxruntime|classifier\.worker/.test(p));
  if (forbidden.length) throw new Error(`${entry.name}: the classifier is in the main bundle: ${forbidden.join(', ')}`);
  return { name: entry.name, note: entry.note, minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  const args = new Set(process.argv.slice(2));
  const rows = [];
  for (const entry of entries()) rows.push(await measure(entry));
  if (args.has('--json')) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (args.has('--update')) {
    const budgets = { $comment: 'gzip -9 bytes per entry: the measured size + 5 %, rounded up (node scripts/size.mjs --update). Growth past it is a decision: raise it in a reviewed change.' };
    for (const r of rows) budgets[r.name] = Math.ceil(r.gzip * GROWTH);
    writeFileSync(BUDGET_FILE, `${JSON.stringify(budgets, null, 2)}\n`);
    console.log(`size: wrote ${BUDGET_FILE}`);
  }
  const budgets = existsSync(BUDGET_FILE) ? JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) : {};
  let over = 0;
  const table = [['entry', 'minified', 'gzip -9', 'budget', 'status', 'bundled']];
  for (const r of rows) {
    const budget = budgets[r.name];
    const status = budget === undefined ? 'NO BUDGET' : r.gzip > budget ? 'OVER' : 'ok';
    if (status !== 'ok') over++;
    table.push([r.name, `${r.minified} B`, `${r.gzip} B (${kb(r.gzip)})`, budget === undefined ? '-' : `${budget} B`, status, r.note]);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const [i, row] of table.entries()) {
    console.log(`| ${row.map((c, j) => c.padEnd(widths[j])).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
  const ui = rows.find((r) => r.name === 'anquan (whole UI)');
  console.log(`\nwhole UI without the classifier: ${kb(ui.gzip)} gzip; target ${kb(UI_TARGET)} (${ui.gzip <= UI_TARGET ? 'met' : `over by ${kb(ui.gzip - UI_TARGET)}: see docs/performance.md`})`);
  if (over) {
    console.error(`size: ${over} entr${over === 1 ? 'y is' : 'ies are'} over budget or without one (size-budgets.json)`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`size: ${err.message}`);
  process.exit(1);
});
