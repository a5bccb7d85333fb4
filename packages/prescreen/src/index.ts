/**
 * @anquan/prescreen: client-side input pre-screening for GB/T 45654 (TC260-003 §7 f)): the
 * obfuscation-aware keyword engine, the offline in-browser classifier, the suspension policy and
 * `<aq-prescreen>`. Importing it has no side effect and loads nothing of the ML runtime (the worker,
 * onnxruntime-web and the model are the separate package @anquan/classifier, started by URL).
 * Client-side screening is advisory: the host's server re-checks and enforces.
 * @packageDocumentation
 */

export * from './classifier/classifier.js';
export type * from './events.js';
export * from './keywords/index.js';
export { formatDuration, messages as prescreenMessages, suspensionNotice } from './messages.js';
export * from './policy.js';
export { AqPrescreen, type PrescreenClassifierState, PrescreenConfigError, type ScreenMode } from './prescreen/prescreen.component.js';
