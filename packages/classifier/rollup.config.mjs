// The classifier worker as self-contained ES modules: the tsc output (dist/tsc/worker.js) with
// transformers.js's web build and an onnxruntime-web bundle (which embeds its WASM loader) inlined,
// no import left. Two builds of the same source, each next to the one onnxruntime-web binary it loads:
// - dist/classifier.worker.js: onnxruntime-web's WASM bundle, `ort-wasm-simd-threaded.wasm` (14 MB).
//   The default for `device: 'wasm'` and for `auto` (measured: a 200-character prompt in about a fifth
//   of the time the asyncify build takes on WASM, see docs/performance.md).
// - dist/classifier.webgpu.worker.js: the WebGPU bundle, `ort-wasm-simd-threaded.asyncify.wasm`
//   (26 MB), started for `device: 'webgpu'` and by `auto` only when the page has a WebGPU adapter.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** transformers.js imports `onnxruntime-web/webgpu`; the WASM build gets `onnxruntime-web/wasm` instead. */
const ortBundle = (entry) => ({
  name: 'anquan-ort-bundle',
  async resolveId(source, importer) {
    if (source !== 'onnxruntime-web/webgpu' || entry === 'onnxruntime-web/webgpu') return null;
    return this.resolve(entry, importer, { skipSelf: true });
  },
});

const build = (file, entry, wasm) => ({
  input: join(here, 'dist/tsc/worker.js'),
  output: { file: join(here, 'dist', file), format: 'es', inlineDynamicImports: true, sourcemap: false },
  plugins: [
    ortBundle(entry),
    nodeResolve({ exportConditions: ['browser', 'import', 'default'], browser: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
    {
      name: 'anquan-ort-wasm',
      writeBundle() {
        const ortDist = dirname(require.resolve('onnxruntime-web', { paths: [here] }));
        mkdirSync(join(here, 'dist'), { recursive: true });
        copyFileSync(join(ortDist, wasm), join(here, 'dist', wasm));
      },
    },
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'EVAL') return;
    warn(warning);
  },
});

export default [
  build('classifier.worker.js', 'onnxruntime-web/wasm', 'ort-wasm-simd-threaded.wasm'),
  build('classifier.webgpu.worker.js', 'onnxruntime-web/webgpu', 'ort-wasm-simd-threaded.asyncify.wasm'),
];
