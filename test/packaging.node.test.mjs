// Packaging, checked as npm packs it (needs the build): the generated layers match the manifests, and
// every package passes scripts/check-packages.mjs (npm pack file list, publint 0.3.25,
// @arethetypeswrong/cli 0.18.5). A deliberately broken package shows the check catches what it claims.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readElements } from '../scripts/manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = (args) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });

test('the wrappers, types, exports and autoloader map are what scripts/gen-packaging.mjs makes from the manifests', () => {
  const r = node(['scripts/gen-packaging.mjs', '--check']);
  assert.equal(r.status, 0, r.stderr);
});

test('every element has an explicit entry in its package exports (and a React wrapper entry); no wildcard', () => {
  for (const el of readElements()) {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', el.pkg, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.exports[el.subpath], {
      types: `./dist/${el.entry}.d.ts`,
      source: `./src/${el.entry}.ts`,
      default: `./dist/${el.entry}.js`,
    });
    const react = JSON.parse(readFileSync(join(root, 'packages/react/package.json'), 'utf8'));
    assert.ok(react.exports[el.subpath], `@anquan/react${el.subpath.slice(1)}`);
  }
  for (const dir of ['core', 'label', 'minor-mode', 'report', 'consent', 'prescreen', 'anquan', 'react', 'vue', 'intake']) {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    assert.ok(!Object.keys(pkg.exports).some((k) => k.includes('*')), `${dir}: no ./* in exports`);
  }
});

test('every package: npm pack lists no build cache and every field names a packed file; publint and attw clean', {
  timeout: 900_000,
}, () => {
  const r = node(['scripts/check-packages.mjs', '--json']);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.problems, []);
  assert.equal(r.status, 0);
  assert.ok(Object.keys(out.report).length >= 10, 'every package checked');
});

test('the check catches a packed .tsbuildinfo, an export to a missing file, a wildcard and a customElements field not packed', {
  timeout: 300_000,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'aq-badpkg-'));
  try {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.js'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'dist/index.d.ts'), 'export declare const x: number;\n');
    writeFileSync(join(dir, 'dist/.tsbuildinfo'), '{}');
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'aq-bad-package',
        version: '0.0.0',
        type: 'module',
        license: 'Apache-2.0',
        files: ['dist'],
        types: './dist/index.d.ts',
        customElements: 'custom-elements.json',
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './gone.js': './dist/gone.js', './*': './dist/*' },
      }),
    );
    const r = node(['scripts/check-packages.mjs', '--dir', dir, '--json']);
    assert.equal(r.status, 1);
    const problems = JSON.parse(r.stdout).problems.join('\n');
    assert.match(problems, /packs a build cache: dist\/\.tsbuildinfo/);
    assert.match(problems, /exports\["\.\/gone\.js"\] names \.\/dist\/gone\.js, which is not in the tarball/);
    assert.match(problems, /wildcard/);
    assert.match(problems, /customElements names custom-elements\.json, which is not in the tarball/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bundler keeps the side effect of an element entry and of @anquan/react (sideEffects lists them)', async () => {
  const { build } = await import('esbuild');
  const bundle = async (contents) => {
    const r = await build({
      stdin: { contents, resolveDir: root },
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      external: ['react', 'react-dom'],
      conditions: ['production'],
      logLevel: 'silent',
    });
    return new TextDecoder().decode(r.outputFiles[0].contents);
  };
  const label = await bundle("import '@anquan/label/ai-label.js';");
  assert.match(label, /"aq-ai-label"/);
  assert.doesNotMatch(label, /"aq-ai-notice"/, 'the ai-label entry defines no other element');
  const react = await bundle("import '@anquan/react';");
  for (const el of readElements()) assert.ok(react.includes(`"${el.tag}"`), `import '@anquan/react' defines <${el.tag}>`);
});
