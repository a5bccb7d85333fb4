/**
 * @anquan/core: the base element, profiles and configuration, the risk taxonomy, i18n, storage,
 * the safety context, the durable outbox and the hash-chained ledger. Importing it touches no
 * `window` or `document`.
 * @packageDocumentation
 */

export * from './concurrency.js';
export * from './config.js';
export * from './context.js';
export { controlStyles } from './control-styles.js';
export * from './dates.js';
export { AnquanElement, type EmitOptions, type RequestEventName } from './element.js';
export type * from './events.js';
export * from './global-events.js';
export * from './hash.js';
export * from './i18n.js';
export * from './ledger.js';
export { deepActiveElement, ModalController, type ModalHost, type ModalOptions } from './modal.js';
export * from './outbox.js';
export * from './profiles.js';
export * from './server-clock.js';
export * from './storage.js';
export { baseStyles } from './styles.js';
export * from './taxonomy.js';
export { VERSION } from './version.js';
