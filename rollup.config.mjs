// The CDN bundle: packages/anquan/cdn/anquan.js registers every element and exports the public API,
// for `<script type="module" src=".../anquan.js">` on a page with no build step. It bundles lit and
// idb. Heavy parts (the classifier's worker, runtime and model: @anquan/classifier, copied under
// cdn/classifier/ by scripts/build.mjs) are separate files, fetched only when the classifier is
// enabled. Input: the tsc output in packages/*/dist; the entry (cdn.js) makes the CDN folder the
// asset base.
import { existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

// cdn/autoloader.js: defines tags as they appear (each element its own chunk), the enforcing ones at once.
const input = { anquan: 'packages/anquan/dist/cdn.js', autoloader: 'packages/anquan/dist/autoloader.js' };
// <aq-aigc-badge> reads files in a module worker beside its own module (new URL('./aigc-badge.worker.js',
// import.meta.url)); that module is a chunk under chunks/, so the worker is written there too.
const badgeWorker = 'packages/label/dist/aigc-badge/aigc-badge.worker.js';
if (existsSync(badgeWorker)) input['aigc-badge.worker'] = badgeWorker;

export default {
  input,
  output: {
    dir: 'packages/anquan/cdn',
    format: 'es',
    entryFileNames: (chunk) => (chunk.name === 'aigc-badge.worker' ? 'chunks/[name].js' : '[name].js'),
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
