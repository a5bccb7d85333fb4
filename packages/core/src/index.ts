/**
 * @anquan/core: the base element, profiles and configuration, the risk taxonomy, i18n, storage,
 * the safety context, the durable outbox and the hash-chained ledger. Importing it touches no
 * `window` or `document`.
 * @packageDocumentation
 */
export { VERSION } from './version.js';
export * from './i18n.js';
export * from './profiles.js';
export * from './config.js';
export * from './taxonomy.js';
export * from './global-events.js';
export * from './storage.js';
export * from './context.js';
export * from './outbox.js';
export * from './hash.js';
export * from './ledger.js';
export type { AnquanEventMap } from './events.js';
export { AnquanElement, type EmitOptions } from './element.js';
export { baseStyles } from './styles.js';
