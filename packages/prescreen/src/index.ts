/**
 * @anquan/prescreen: client-side input pre-screening for GB/T 45654 (TC260-003 §7 f)): the
 * obfuscation-aware keyword engine, the offline in-browser classifier, the suspension policy and
 * `<aq-prescreen>`. Importing it has no side effect and loads nothing of transformers.js.
 * Client-side screening is advisory: the host's server re-checks and enforces.
 * @packageDocumentation
 */
export * from './keywords/index.js';
export * from './policy.js';
export * from './classifier/classifier.js';
export type * from './events.js';
export { PrescreenElement } from './prescreen/prescreen.component.js';
