#!/usr/bin/env node
// `npm run check:packages`: every published package checked as npm would pack it (run after the build;
// test/packaging.node.test.mjs runs it in CI):
//
// 1. `npm pack --dry-run --json`: no build cache (`.tsbuildinfo`, `.cache`), no test file, and every
//    field that names a file (main, types, module, bin, customElements, every target of `exports`)
//    names one that is in the tarball; every `files` entry matches something;
// 2. publint 0.3.25 (the package as published): no error, no warning;
// 3. @arethetypeswrong/cli 0.18.5 on the packed tarball, profile `esm-only` (the packages are ES modules
//    only, with no `require` condition, as documented): no problem for node16 (ESM) or bundler resolution.
//
// `--only label,react` checks some packages, `--dir <path>` one folder; `--json` prints the findings as JSON.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const asJson = argv.includes('--json');
// `--dir <path>`: check one package folder elsewhere (the test's deliberately broken package).
const extra = argv.includes('--dir') ? resolve(argv[argv.indexOf('--dir') + 1]) : null;
const dirs = extra ? [extra] : readdirSync(join(root, 'packages')).filter((d) => !only || only.includes(d));

/** Paths in `exports` (every condition, every subpath), `main`, `types`, `module`, `bin`, `customElements`. */
export function fieldTargets(pkg) {
  const out = [];
  const walk = (value, where) => {
    if (typeof value === 'string') out.push({ field: where, path: value });
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${where}[${JSON.stringify(k)}]`);
  };
  for (const field of ['main', 'types', 'typings', 'module', 'customElements']) if (typeof pkg[field] === 'string') walk(pkg[field], field);
  if (typeof pkg.bin === 'string') walk(pkg.bin, 'bin');
  else if (pkg.bin) walk(pkg.bin, 'bin');
  if (pkg.exports) walk(pkg.exports, 'exports');
  return out;
}

const norm = (p) => p.replace(/^\.\//, '');
const problems = [];
const report = {};
for (const dir of dirs) {
  const cwd = extra ?? join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  const found = [];
  const started = Date.now();

  // 1. What npm packs (one real `npm pack`: its file list, and the tarball for publint and attw).
  const tmp = mkdtempSync(join(tmpdir(), 'aq-pack-'));
  try {
    const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd, encoding: 'utf8' });
    if (pack.status !== 0) {
      found.push(`npm pack failed: ${pack.stderr.slice(-400)}`);
    } else {
      const [info] = JSON.parse(pack.stdout);
      const tarball = join(tmp, info.filename);
      const files = new Set(info.files.map((f) => f.path));
      for (const f of files) {
        if (/\.tsbuildinfo$|(^|\/)\.cache\//.test(f)) found.push(`packs a build cache: ${f}`);
        if (/\.test\.[cm]?[jt]sx?$/.test(f)) found.push(`packs a test file: ${f}`);
      }
      for (const { field, path } of fieldTargets(pkg)) {
        if (path.includes('*')) found.push(`${field}: a wildcard (${path}) makes internals public`);
        else if (!files.has(norm(path))) found.push(`${field} names ${path}, which is not in the tarball`);
      }
      for (const entry of pkg.files ?? []) {
        if (entry.startsWith('!')) continue;
        const e = norm(entry).replace(/\/$/, '');
        if (![...files].some((f) => f === e || f.startsWith(`${e}/`))) found.push(`files: "${entry}" matches nothing packed`);
      }
      report[dir] = { files: files.size, size: info.size, unpackedSize: info.unpackedSize };

      // 2. publint, on the tarball.
      const buf = readFileSync(tarball);
      const { messages, pkg: published } = await publint({
        pack: { tarball: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) },
        level: 'suggestion',
        strict: true,
      });
      for (const m of messages) {
        if (m.type === 'suggestion') continue;
        found.push(`publint ${m.type}: ${formatMessage(m, published) ?? m.code}`);
      }

      // 3. arethetypeswrong, on the tarball.
      if (pkg.types || pkg.exports) {
        const attw = spawnSync(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'json', '--no-emoji'], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        let result;
        try {
          result = JSON.parse(attw.stdout);
        } catch {
          found.push(`attw gave no JSON (exit ${attw.status}): ${(attw.stderr || attw.stdout).slice(-400)}`);
        }
        const ignored = new Set(['node10', 'node16-cjs']);
        for (const p of result?.analysis?.problems ?? []) {
          if (p.resolutionKind && ignored.has(p.resolutionKind)) continue;
          // Data files in `exports` (JSON, JSON Lines) are fetched or read, not imported as modules.
          if (p.entrypoint && /\.(json|jsonl|wasm|onnx)$/.test(p.entrypoint)) continue;
          found.push(`attw ${p.kind}${p.entrypoint ? ` ${p.entrypoint}` : ''}${p.resolutionKind ? ` (${p.resolutionKind})` : ''}`);
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (report[dir]) report[dir].ms = Date.now() - started;
  for (const f of found) problems.push(`${pkg.name}: ${f}`);
  if (!asJson) console.log(`${found.length ? '✗' : '✓'} ${pkg.name} (${report[dir]?.files ?? '?'} files, ${Date.now() - started} ms)`);
}

if (asJson) console.log(JSON.stringify({ problems, report }, null, 1));
else for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
