#!/usr/bin/env node
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// Bundle-size budgets: `node scripts/size.mjs` bundles each package entry (its index plus its
// register) with esbuild (bundle, minify, ESM; lit and idb external), and the whole UI (every
// package, lit and idb included; the classifier worker and transformers.js are never in the main
// graph), gzips each at level 9 and compares with size-budgets.json. Exit 1 when one is over.
//
//   node scripts/size.mjs            check against the budgets, print a table
//   node scripts/size.mjs --update   write size-budgets.json: measured size + 5 %, rounded up
//   node scripts/size.mjs --json     print the measurements as JSON (for docs and benches)
//   node scripts/size.mjs --breakdown "returning chat"
//                                    also list what the named entry's first load is made of: minified
//                                    bytes per source module (esbuild's metafile), largest first
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUDGET_FILE = `${root}size-budgets.json`;
/** The whole UI without the classifier, lit included: the target in the issue. */
const UI_TARGET = 25 * 1024;
const GROWTH = 1.05;

const PACKAGES = ['core', 'label', 'minor-mode', 'report', 'consent', 'prescreen'];

// Pages (issue: a first load a chat page does not notice): the tags a page uses, each through the
// module that registers that one tag (`src/**/aq-<tag>.ts`, the per-element entry), lit and idb
// bundled, what loads before the first interaction only (lazy chunks listed apart).
const CHAT = ['aq-ai-label', 'aq-ai-notice', 'aq-report-button', 'aq-training-status'];
const PAGES = [
  { name: 'page: returning chat', tags: CHAT, target: 15 * 1024 },
  { name: 'page: first visit', tags: [...CHAT, 'aq-consent-notice'], target: 22 * 1024 },
  // Everything a compliant chat page enforces before first input: the pre-screen (keyword engine,
  // default library chunk loaded at first screening) and minors mode. Its budget is the measured size.
  { name: 'page: compliant chat', tags: [...CHAT, 'aq-consent-notice', 'aq-prescreen', 'aq-minor-mode'], target: null },
];

/** The module that registers `tag` alone: packages/<pkg>/src/<dir>/aq-<name>.ts. */
function tagModule(tag) {
  const file = `${tag}.ts`;
  for (const pkg of PACKAGES) {
    const src = `${root}packages/${pkg}/src`;
    if (!existsSync(src)) continue;
    const stack = [src];
    while (stack.length) {
      const dir = stack.pop();
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) stack.push(p);
        else if (f === file) return p;
      }
    }
  }
  throw new Error(`size: no module registers <${tag}> (expected src/**/${file})`);
}
const hasRegister = (pkg) => existsSync(`${root}packages/${pkg}/src/register.ts`);

/** Each entry: a name, the module text esbuild bundles, and what stays external. */
function entries() {
  const list = [];
  for (const pkg of PACKAGES) {
    if (!existsSync(`${root}packages/${pkg}/src/index.ts`)) continue;
    const lines = [`export * from '@anquan/${pkg}';`];
    if (hasRegister(pkg)) lines.push(`import '@anquan/${pkg}/register';`);
    list.push({
      name: `@anquan/${pkg}`,
      contents: lines.join('\n'),
      external: [
        'lit',
        'lit/*',
        '@lit/*',
        'lit-html',
        'lit-html/*',
        'lit-element',
        'lit-element/*',
        'idb',
        '@anquan/core',
        '@huggingface/transformers',
      ],
      note: pkg === 'core' ? 'lit, idb external' : 'lit, idb, @anquan/core external',
    });
  }
  // core is shared: a package's own budget excludes it (it is counted once, in @anquan/core).
  list[0].external = list[0].external.filter((e) => e !== '@anquan/core');
  // The whole UI: the umbrella plus every package's register and API (the umbrella's final shape),
  // with lit and idb bundled. The classifier worker is started by URL, so it is never in this graph.
  const all = [
    "export * from 'anquan';",
    "export * from './packages/anquan/src/audit.ts';",
    "import './packages/anquan/src/audit-report/aq-audit-report.ts';",
  ];
  for (const pkg of PACKAGES) {
    if (hasRegister(pkg)) all.push(`import '@anquan/${pkg}/register';`);
    if (pkg !== 'core') all.push(`export * from '@anquan/${pkg}';`);
  }
  list.push({
    name: 'anquan (whole UI)',
    contents: all.join('\n'),
    external: ['@huggingface/transformers'],
    note: 'lit, idb included; no classifier worker',
  });
  // Only the elements (every register, nothing else exported): what a page that uses tags pays.
  const tags = PACKAGES.filter(hasRegister).map((pkg) => `import '@anquan/${pkg}/register';`);
  for (const page of PAGES) {
    list.push({
      name: page.name,
      contents: page.tags.map((t) => `import ${JSON.stringify(tagModule(t))};`).join('\n'),
      external: ['@huggingface/transformers'],
      note: `${page.tags.join(', ')}; lit, idb included`,
      target: page.target,
      listLazy: true,
    });
  }
  // The CDN autoloader's first load, lit included: the script itself (the tag map, the input hold)
  // plus all of lit, which the first element chunk brings (counted here whole, so the figure is an
  // upper bound). The enforcing elements are fetched when found, while the page's input is held
  // (autoloader.ts); each tag is a lazy chunk of its own.
  list.push({
    name: 'page: CDN autoloader',
    contents: "export * from './packages/anquan/src/autoloader.ts';\nexport * from 'lit';",
    external: ['@huggingface/transformers'],
    note: 'autoloader (tag map, input hold) + lit; every element a lazy chunk',
    target: 8 * 1024,
  });
  list.push({
    name: 'anquan (elements only)',
    contents: tags.join('\n'),
    external: ['@huggingface/transformers'],
    note: 'every register; lit, idb included',
  });
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
    // Code splitting as in the CDN build: a dynamic import (the default keyword library of
    // <aq-prescreen>) is its own chunk, reported apart as "lazy" and not in the measured entry.
    splitting: true,
    outdir: `${root}.size-out`,
    entryNames: 'entry',
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true } },
  });
  const js = result.outputFiles.filter((f) => f.path.endsWith('.js'));
  const main = js.find((f) => /[\\/]entry\.js$/.test(f.path));
  // What loads with the entry: the entry and the chunks it imports statically.
  const eager = new Set([main.path]);
  const outputs = result.metafile.outputs;
  const key = (path) => Object.keys(outputs).find((k) => path.endsWith(k.replace(/^\.\//, '')));
  for (const f of js) {
    if (!eager.has(f.path)) continue;
    for (const imp of outputs[key(f.path)]?.imports ?? []) {
      if (imp.kind !== 'import-statement' || imp.external) continue;
      const hit = js.find((g) => g.path.endsWith(imp.path.replace(/^\.\//, '')));
      if (hit) eager.add(hit.path);
    }
  }
  const eagerFiles = js.filter((f) => eager.has(f.path));
  const bytes = Buffer.concat(eagerFiles.map((f) => f.contents));
  const lazyFiles = js.filter((f) => !eager.has(f.path));
  const lazy = lazyFiles.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0);
  // Each lazy chunk by the source module that gives it most of its bytes.
  const chunks = lazyFiles.map((f) => {
    const inputs = Object.entries(outputs[key(f.path)]?.inputs ?? {}).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
    return { main: inputs[0]?.[0].replace(/^.*?packages\//, '') ?? '(imports only)', gzip: gzipSync(f.contents, { level: 9 }).length };
  });
  // The first load by source module (minified bytes in the output), for --breakdown.
  const byModule = {};
  for (const f of eagerFiles)
    for (const [input, { bytesInOutput }] of Object.entries(outputs[key(f.path)]?.inputs ?? {})) {
      const name = input.replace(/^.*?(packages|node_modules)\//, '$1/');
      byModule[name] = (byModule[name] ?? 0) + bytesInOutput;
    }
  const eagerInputs = eagerFiles.flatMap((f) => Object.keys(outputs[key(f.path)]?.inputs ?? {}));
  const forbidden = eagerInputs.filter((p) => /transformers|onnxruntime|classifier\.worker|mediabunny/.test(p));
  if (forbidden.length)
    throw new Error(`${entry.name}: a lazy-only dependency (classifier, mediabunny) is in the main bundle: ${forbidden.join(', ')}`);
  return {
    name: entry.name,
    note: entry.note,
    minified: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    lazy,
    target: entry.target,
    chunks: entry.listLazy ? chunks : undefined,
    byModule,
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  const argv = process.argv.slice(2);
  const args = new Set(argv);
  const breakdown = argv.includes('--breakdown') ? argv[argv.indexOf('--breakdown') + 1] : undefined;
  const rows = [];
  for (const entry of entries()) rows.push(await measure(entry));
  if (args.has('--json')) {
    console.log(
      JSON.stringify(
        rows.map(({ byModule, ...r }) => r),
        null,
        2,
      ),
    );
    return;
  }
  if (args.has('--update')) {
    const budgets = {
      $comment:
        'gzip -9 bytes per entry: the measured size + 5 %, rounded up (node scripts/size.mjs --update). Growth past it is a decision: raise it in a reviewed change.',
    };
    // A page with a goal (issue 17) never gets a budget past its goal.
    for (const r of rows) budgets[r.name] = Math.min(Math.ceil(r.gzip * GROWTH), r.target ?? Number.POSITIVE_INFINITY);
    writeFileSync(BUDGET_FILE, `${JSON.stringify(budgets, null, 2)}\n`);
    console.log(`size: wrote ${BUDGET_FILE}`);
  }
  const budgets = existsSync(BUDGET_FILE) ? JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) : {};
  let over = 0;
  const table = [['entry', 'minified', 'gzip -9', 'budget', 'status', 'lazy chunks (gzip)', 'bundled']];
  for (const r of rows) {
    const budget = budgets[r.name];
    const status = budget === undefined ? 'NO BUDGET' : r.gzip > budget ? 'OVER' : 'ok';
    if (status !== 'ok') over++;
    table.push([
      r.name,
      `${r.minified} B`,
      `${r.gzip} B (${kb(r.gzip)})`,
      budget === undefined ? '-' : `${budget} B`,
      status,
      `${r.lazy} B`,
      r.note,
    ]);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const [i, row] of table.entries()) {
    console.log(`| ${row.map((c, j) => c.padEnd(widths[j])).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
  console.log('\nPages (what loads before the first interaction; gzip -9):');
  for (const r of rows.filter((x) => x.name.startsWith('page: '))) {
    const goal = r.target ? ` target ${kb(r.target)}: ${r.gzip <= r.target ? 'met' : `over by ${kb(r.gzip - r.target)}`}` : '';
    console.log(`- ${r.name}: ${kb(r.gzip)}${goal}`);
    for (const c of r.chunks ?? []) console.log(`    lazy chunk ${c.main}: ${kb(c.gzip)}`);
  }
  if (breakdown) {
    const r = rows.find((x) => x.name === breakdown || x.name === `page: ${breakdown}`);
    if (!r) throw new Error(`--breakdown: no entry named "${breakdown}" (${rows.map((x) => x.name).join(', ')})`);
    console.log(`\nFirst load of ${r.name} by module (minified bytes):`);
    for (const [m, n] of Object.entries(r.byModule).sort((a, b) => b[1] - a[1])) if (n) console.log(`  ${String(n).padStart(7)}  ${m}`);
  }
  // The peer, measured in the same run: vanilla-cookieconsent (consent only), its ESM build and CSS.
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('vanilla-cookieconsent/package.json'));
    const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    const peer = Buffer.concat([readFileSync(join(dir, 'dist/cookieconsent.esm.js')), readFileSync(join(dir, 'dist/cookieconsent.css'))]);
    console.log(`- peer: vanilla-cookieconsent ${version} (consent only, JS + CSS): ${kb(gzipSync(peer, { level: 9 }).length)}`);
  } catch {
    console.log('- peer: vanilla-cookieconsent not installed');
  }
  const ui = rows.find((r) => r.name === 'anquan (whole UI)');
  console.log(
    `\nwhole UI without the classifier: ${kb(ui.gzip)} gzip; target ${kb(UI_TARGET)} (${ui.gzip <= UI_TARGET ? 'met' : `over by ${kb(ui.gzip - UI_TARGET)}: see docs/performance.md`})`,
  );
  if (over) {
    console.error(`size: ${over} entr${over === 1 ? 'y is' : 'ies are'} over budget or without one (size-budgets.json)`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`size: ${err.message}`);
  process.exit(1);
});
