// The CDN entry (cdn/anquan.js): everything `anquan` exports, and the CDN folder as the default
// asset base, so the classifier's files are found at `<this folder>/classifier/` with no
// configuration. `configure({ assetBase })` or `<script data-anquan-base="…">` override it.
import { setDefaultAssetBase } from '@anquan/core/config-state';

// Rollup may move this module's code into a shared chunk (cdn/chunks/…, see rollup.config.mjs), so
// `import.meta.url` is anquan.js or a file in chunks/: the CDN folder is the one above chunks/.
const here = new URL('./', import.meta.url);
setDefaultAssetBase(here.pathname.endsWith('/chunks/') ? new URL('../', here) : here);

export * from './index.js';
