// The CDN bundle: packages/anquan/cdn/anquan.js registers every element and exports the public API,
// for `<script type="module" src=".../anquan.js">` on a page with no build step. It bundles lit and
// idb. Heavy parts (the classifier's worker, runtime and model) are separate files beside it,
// fetched only when the classifier is enabled. Input: the tsc output in packages/*/dist.
import { existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const input = { anquan: 'packages/anquan/dist/index.js' };
// The classifier worker is its own entry so the page can start it with new Worker(new URL(...)).
const worker = 'packages/prescreen/dist/classifier/classifier.worker.js';
if (existsSync(worker)) input['classifier.worker'] = worker;

export default {
  input,
  output: {
    dir: 'packages/anquan/cdn',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  preserveEntrySignatures: 'exports-only',
  plugins: [
    nodeResolve({ exportConditions: ['production', 'browser', 'import', 'default'], browser: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
