#!/usr/bin/env node
// `npm run build`: ESM + .d.ts per package (tsc -b), custom-elements.json per package (from JSDoc),
// and the CDN folder packages/anquan/cdn/ (rollup).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** True when `out` is missing or older than one of `inputs`. */
function stale(out, inputs) {
  if (!existsSync(out)) return true;
  const t = statSync(out).mtimeMs;
  return inputs.some((i) => existsSync(i) && statSync(i).mtimeMs > t);
}

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`build: ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`build: ${[cmd, ...args].join(' ').slice(0, 80)} (${Date.now() - started} ms)`);
}

run(process.execPath, ['scripts/gen-clauses.mjs']);
run(process.execPath, ['scripts/gen-intake.mjs']);
// The manifests come from the sources; the generated wrappers, types and exports come from the
// manifests (scripts/gen-packaging.mjs), and tsc compiles them.
for (const pkg of readdirSync('packages')) {
  if (['react', 'vue', 'intake', 'classifier'].includes(pkg) || !existsSync(`packages/${pkg}/src`)) continue;
  run('npx', ['cem', 'analyze', '--config', '../../custom-elements-manifest.config.mjs', '--quiet'], { cwd: `packages/${pkg}` });
}
run(process.execPath, ['scripts/gen-packaging.mjs']);
run('npx', ['tsc', '-b', 'tsconfig.json']);
// @anquan/classifier: the worker as one self-contained module (transformers.js and onnxruntime-web
// inlined), the wasm beside it, and the default model's manifest (sha256 of every file).
// (Rebuilt only when its tsc output is newer: bundling transformers.js takes a minute.)
if (
  stale('packages/classifier/dist/classifier.worker.js', [
    'packages/classifier/dist/tsc/worker.js',
    'packages/classifier/rollup.config.mjs',
  ])
)
  run('npx', ['rollup', '-c', 'packages/classifier/rollup.config.mjs', '--silent']);
run(process.execPath, ['packages/classifier/bin/anquan-model-manifest.mjs', 'packages/classifier/model']);
rmSync('packages/anquan/cdn', { recursive: true, force: true });
run('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent']);
for (const [from, to] of copies()) {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}

/**
 * Static files the CDN folder serves beside the bundle. The CDN folder is its own asset base
 * (`anquan.js` sets it from its URL): @anquan/classifier's files sit under `classifier/` in the
 * package's own layout, so a host copies either folder the same way.
 */
function copies() {
  return [
    ['packages/classifier/dist/classifier.worker.js', 'packages/anquan/cdn/classifier/dist/classifier.worker.js'],
    ['packages/classifier/dist/classifier.webgpu.worker.js', 'packages/anquan/cdn/classifier/dist/classifier.webgpu.worker.js'],
    ['packages/classifier/dist/ort-wasm-simd-threaded.wasm', 'packages/anquan/cdn/classifier/dist/ort-wasm-simd-threaded.wasm'],
    [
      'packages/classifier/dist/ort-wasm-simd-threaded.asyncify.wasm',
      'packages/anquan/cdn/classifier/dist/ort-wasm-simd-threaded.asyncify.wasm',
    ],
    ['packages/classifier/model', 'packages/anquan/cdn/classifier/model'],
    ['packages/prescreen/data/sample-library.jsonl', 'packages/anquan/cdn/data/sample-library.jsonl'],
  ].filter(([from]) => existsSync(from));
}
