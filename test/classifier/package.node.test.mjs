// @anquan/classifier as it ships: two self-contained workers (no import of any package left; a WASM
// build and a WebGPU build), the onnxruntime-web binary each loads, the default model with its manifest; and no ML package or native
// binary in the dependency tree of any package a consumer installs.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rollup/parseAst';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = join(root, 'packages', 'classifier');
const workers = {
  'classifier.worker.js': 'ort-wasm-simd-threaded.wasm',
  'classifier.webgpu.worker.js': 'ort-wasm-simd-threaded.asyncify.wasm',
};
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

for (const [name, binary] of Object.entries(workers))
  test(`the built ${name} is one ES module with no import of a package (transformers.js and onnxruntime-web are inside)`, () => {
    const worker = join(pkgDir, 'dist', name);
    assert.ok(existsSync(worker), `npm run build writes packages/classifier/dist/${name}`);
    const code = readFileSync(worker, 'utf8');
    const specifiers = [];
    const walk = (node) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      if (
        (node.type === 'ImportDeclaration' ||
          node.type === 'ExportAllDeclaration' ||
          node.type === 'ExportNamedDeclaration' ||
          node.type === 'ImportExpression') &&
        node.source?.type === 'Literal'
      )
        specifiers.push(node.source.value);
      for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
    };
    walk(parseAst(code));
    assert.deepEqual(specifiers, [], `imports left in the worker: ${specifiers.join(', ')}`);
    // What it must contain: transformers.js's pipeline and onnxruntime-web's WebGPU/WASM backend.
    assert.match(code, /text-classification/);
    assert.ok(code.includes(binary), `it loads ${binary}`);
    for (const other of Object.values(workers)) if (other !== binary) assert.ok(!code.includes(`"${other}"`), `it does not load ${other}`);
    assert.match(code, /anquan-model\.json/);
    console.log(`# ${name} ${statSync(worker).size} B`);
  });

test('the package ships only the wasm the worker loads, and every export points to a shipped file', () => {
  const pkg = readJson(join(pkgDir, 'package.json'));
  const wasm = readdirSync(join(pkgDir, 'dist')).filter((f) => f.endsWith('.wasm'));
  assert.deepEqual(wasm.sort(), Object.values(workers).sort());
  for (const w of wasm) console.log(`# ${w} ${statSync(join(pkgDir, 'dist', w)).size} B`);
  assert.deepEqual(pkg.dependencies ?? {}, {}, '@anquan/classifier has no dependencies: everything is bundled');
  assert.equal(pkg.scripts?.install ?? pkg.scripts?.postinstall ?? pkg.scripts?.preinstall, undefined);
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (key.includes('*') || key === './package.json') continue;
    assert.ok(existsSync(join(pkgDir, target)), `${key} -> ${target}`);
    assert.ok(
      pkg.files.some((f) => target.replace(/^\.\//, '').startsWith(f)),
      `${target} is in "files"`,
    );
  }
  const manifest = readJson(join(pkgDir, 'model', 'anquan-model.json'));
  for (const f of ['config.json', 'tokenizer.json']) assert.ok(manifest.files[f], `the manifest lists ${f}`);
  assert.ok(manifest.files['onnx/model_quantized.onnx'] || manifest.files['onnx/model.onnx'], 'the manifest lists the weights');
});

test('the page and the worker speak the same protocol (one file, kept in both packages)', () => {
  assert.equal(
    readFileSync(join(root, 'packages/prescreen/src/classifier/protocol.ts'), 'utf8'),
    readFileSync(join(pkgDir, 'src/protocol.ts'), 'utf8'),
  );
});

/** Every package reachable from `name` through dependencies, optional and peer dependencies (installed ones). */
function tree(name, from, seen = new Map()) {
  let dir = from;
  let found = null;
  for (;;) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) {
      found = candidate;
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (!found || seen.has(name)) return seen;
  const pkg = readJson(found);
  seen.set(name, pkg.version);
  const base = dirname(found);
  for (const deps of [pkg.dependencies, pkg.optionalDependencies, pkg.peerDependencies])
    for (const d of Object.keys(deps ?? {})) tree(d, base, seen);
  return seen;
}

const SHIPPED = readdirSync(join(root, 'packages'))
  .map((d) => join(root, 'packages', d, 'package.json'))
  .filter((p) => existsSync(p))
  .map((p) => readJson(p))
  .filter((p) => !p.private);

test('no shipped package brings onnxruntime-node or sharp, and only @anquan/classifier (bundled, no dependencies) stands for the ML runtime', () => {
  const ML = ['@huggingface/transformers', 'onnxruntime-web', 'onnxruntime-common', 'onnxruntime-node', 'sharp'];
  assert.ok(SHIPPED.some((p) => p.name === '@anquan/classifier'));
  for (const pkg of SHIPPED) {
    const reached = tree(pkg.name, root);
    const bad = ML.filter((m) => reached.has(m));
    assert.deepEqual(bad, [], `${pkg.name} reaches ${bad.join(', ')}`);
  }
  const prescreen = SHIPPED.find((p) => p.name === '@anquan/prescreen');
  assert.deepEqual(Object.keys(prescreen.dependencies).sort(), ['@anquan/core', 'lit']);
  assert.equal(prescreen.peerDependenciesMeta?.['@anquan/classifier']?.optional, true, 'the classifier is an optional peer');
  const anquan = tree('anquan', root);
  assert.ok(!anquan.has('@anquan/classifier') || SHIPPED.find((p) => p.name === 'anquan').dependencies['@anquan/classifier'] === undefined);
});
