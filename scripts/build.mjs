#!/usr/bin/env node
// `npm run build`: ESM + .d.ts per package (tsc -b), custom-elements.json per package (from JSDoc),
// and the CDN folder packages/anquan/cdn/ (rollup).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`build: ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`build: ${[cmd, ...args].join(' ').slice(0, 80)} (${Date.now() - started} ms)`);
}

run('npx', ['tsc', '-b', 'tsconfig.json']);
for (const pkg of readdirSync('packages')) {
  if (pkg === 'anquan' || !existsSync(`packages/${pkg}/src`)) continue;
  run('npx', ['cem', 'analyze', '--config', '../../custom-elements-manifest.config.mjs', '--quiet'], { cwd: `packages/${pkg}` });
}
rmSync('packages/anquan/cdn', { recursive: true, force: true });
run('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent']);
for (const [from, to] of copies()) {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}

/** Static files the CDN folder serves beside the bundle (classifier model and runtime), when present. */
function copies() {
  return [
    ['packages/prescreen/model', 'packages/anquan/cdn/model'],
    ['packages/prescreen/data/sample-library.jsonl', 'packages/anquan/cdn/data/sample-library.jsonl'],
    // The one onnxruntime-web binary the classifier loads (WebGPU-capable build; its loader is bundled).
    ['node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm', 'packages/anquan/cdn/ort/ort-wasm-simd-threaded.asyncify.wasm'],
  ].filter(([from]) => existsSync(from));
}
