// Configuration, the public module: the active profile plus the host's overrides, from one
// `configure({...})` call or a `<script type="application/json" data-anquan-config>` block; every value
// validated (a bad one logs one console error naming the key, the value and what is allowed, and the
// safe default stays). Two modules underneath: config-state.ts (the state and its reading, what elements
// import: `@anquan/core/config-state`) and config-validate.ts (the validator), which a page without
// configuration never loads.
export {
  type AnquanConfig,
  type AnquanConfigInput,
  configReady,
  getActiveProfile,
  getAssetBase,
  getConfig,
  hasLabelElements,
  onConfigChange,
  resetConfig,
  setDefaultAssetBase,
} from './config-state.js';
export { configure, loadConfigFromDocument } from './config-validate.js';
