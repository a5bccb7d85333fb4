// The classifier worker as ONE self-contained ES module: the tsc output (dist/tsc/worker.js) with
// transformers.js's web build and onnxruntime-web's WebGPU bundle (which embeds its WASM loader)
// inlined, no import left. Next to it the one onnxruntime-web binary that bundle loads.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const WASM = 'ort-wasm-simd-threaded.asyncify.wasm';

export default {
  input: join(here, 'dist/tsc/worker.js'),
  output: { file: join(here, 'dist/classifier.worker.js'), format: 'es', inlineDynamicImports: true, sourcemap: false },
  plugins: [
    nodeResolve({ exportConditions: ['browser', 'import', 'default'], browser: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
    {
      name: 'anquan-ort-wasm',
      writeBundle() {
        const ortDist = dirname(require.resolve('onnxruntime-web', { paths: [here] }));
        mkdirSync(join(here, 'dist'), { recursive: true });
        copyFileSync(join(ortDist, WASM), join(here, 'dist', WASM));
      },
    },
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'EVAL') return;
    warn(warning);
  },
};
