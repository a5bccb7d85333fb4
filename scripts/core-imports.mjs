#!/usr/bin/env node
// Rewrites `import { … } from '@anquan/core'` in the packages' sources into imports from the core
// module that defines each name (`@anquan/core/element`, `@anquan/core/config`, …), and keeps the
// core `exports` map in step. Why: a bundler that splits code (esbuild, the size measure in
// scripts/size.mjs) places every module reachable from an entry in that entry's first load, and the
// core index reaches every core module (taxonomy, outbox, modal…). With per-module imports a chat
// page's first load reaches only what its elements use; the report dialog's taxonomy stays in its chunk.
//
//   node scripts/core-imports.mjs          rewrite (idempotent)
//   node scripts/core-imports.mjs --check  exit 1 when a package source still imports the core index
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const coreSrc = join(root, 'packages/core/src');
const check = process.argv.includes('--check');

/** Core modules that may be imported by subpath (everything but the index). */
const modules = readdirSync(coreSrc)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3));
const subpath = (m) => (m === 'audit-rules' ? 'audit' : m);

/** name → module, from each core module's own exports (what the index re-exports). */
const owner = new Map();
for (const m of modules) {
  const file = join(coreSrc, `${m}.ts`);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  for (const st of sf.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((k) => k.kind === ts.SyntaxKind.ExportKeyword);
    if (exported) {
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) owner.set(d.name.getText(sf), m);
      else if (st.name) owner.set(st.name.getText(sf), m);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.moduleSpecifier) {
      for (const e of st.exportClause.elements) owner.set(e.name.getText(sf), m);
    }
  }
}
// The index re-exports with these names only; a name two modules export is not ambiguous in practice.

function* files(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(f) && !f.endsWith('.d.ts')) yield p;
  }
}

const used = new Set();
const stale = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  if (pkg === 'core') continue;
  let src;
  try {
    src = join(root, 'packages', pkg, 'src');
    statSync(src);
  } catch {
    continue;
  }
  for (const file of files(src)) {
    let text = readFileSync(file, 'utf8');
    if (!text.includes("'@anquan/core")) continue;
    // Event-map augmentations name the module that declares the map, so they hold without the index.
    if (text.includes("declare module '@anquan/core' {")) {
      if (check) stale.push(`${file}: augments '@anquan/core' (use '@anquan/core/events')`);
      else {
        text = text.replaceAll("declare module '@anquan/core' {", "declare module '@anquan/core/events' {");
        writeFileSync(file, text);
      }
      used.add('events');
    }
    if (text.includes("declare module '@anquan/core/events'")) used.add('events');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const edits = [];
    for (const st of sf.statements) {
      const isImport = ts.isImportDeclaration(st);
      const isExport = ts.isExportDeclaration(st);
      if (!isImport && !isExport) continue;
      const spec = st.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      if (spec.text.startsWith('@anquan/core/')) used.add(spec.text.slice('@anquan/core/'.length));
      if (spec.text !== '@anquan/core') continue;
      const named = isImport ? st.importClause?.namedBindings : st.exportClause;
      const allType = isImport ? !!st.importClause?.isTypeOnly : st.isTypeOnly;
      if (isExport && !named) continue; // `export * from '@anquan/core'`: the umbrella re-exports the whole API
      if (!named || !(ts.isNamedImports(named) || ts.isNamedExports(named)) || (isImport && st.importClause?.name)) {
        stale.push(`${file}: ${st.getText(sf)}`);
        continue;
      }
      const groups = new Map();
      for (const el of named.elements) {
        const name = (el.propertyName ?? el.name).getText(sf);
        const m = owner.get(name);
        if (!m) {
          stale.push(`${file}: ${name} is not defined by a core module`);
          continue;
        }
        if (!groups.has(m)) groups.set(m, []);
        groups.get(m).push(el.getText(sf));
      }
      const kw = isImport ? 'import' : 'export';
      const lines = [...groups].map(([m, names]) => {
        used.add(subpath(m));
        return `${kw} ${allType ? 'type ' : ''}{ ${names.join(', ')} } from '@anquan/core/${subpath(m)}';`;
      });
      edits.push([st.getStart(sf), st.getEnd(), lines.join('\n')]);
    }
    if (!edits.length) continue;
    if (check) {
      stale.push(`${file}: imports '@anquan/core' (run node scripts/core-imports.mjs)`);
      continue;
    }
    let out = text;
    for (const [a, b, r] of edits.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + r + out.slice(b);
    writeFileSync(file, out);
  }
}

// The exports map: one explicit entry per core module a package imports (no `./*` wildcard).
const pkgFile = join(root, 'packages/core/package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
const exportsMap = { '.': pkg.exports['.'] };
const wanted = new Set([
  ...Object.keys(pkg.exports)
    .filter((k) => k.startsWith('./') && !k.endsWith('.json'))
    .map((k) => k.slice(2)),
  ...used,
]);
for (const sp of [...wanted].sort()) {
  const m = sp === 'audit' ? 'audit-rules' : sp;
  exportsMap[`./${sp}`] = { types: `./dist/${m}.d.ts`, source: `./src/${m}.ts`, default: `./dist/${m}.js` };
}
for (const [k, v] of Object.entries(pkg.exports)) if (k.endsWith('.json')) exportsMap[k] = v;
const changed = JSON.stringify(exportsMap) !== JSON.stringify(pkg.exports);
if (changed && check) stale.push('packages/core/package.json: exports lack a subpath a package imports');
if (changed && !check) {
  pkg.exports = exportsMap;
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
}
if (stale.length) {
  console.error(stale.join('\n'));
  process.exit(1);
}
