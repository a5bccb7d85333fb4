/**
 * @anquan/minor-mode: the minor-protection mode. Age bands, the guardian PIN, the usage clock (daily
 * quota, rest reminder, curfew), the paid-feature gate, the age gate, and their elements. Importing
 * it defines no element and touches no `window` or `document`.
 * @packageDocumentation
 */

export { type AgeGateForMinors, AqAgeGate } from './age-gate/age-gate.component.js';
export * from './clock.js';
export * from './controller.js';
export type * from './events.js';
export { AqGuardianSettings } from './guardian-settings/guardian-settings.component.js';
export { MinorModeLink } from './link.js';
export { messages as minorModeMessages } from './messages.js';
export { AqMinorLock } from './minor-lock/minor-lock.component.js';
export { type AdultOnlyMode, AqMinorMode, type MinorModeSignal } from './minor-mode/minor-mode.component.js';
export { AqMinorModeToggle } from './minor-mode-toggle/minor-mode-toggle.component.js';
export { AqPaidGate } from './paid-gate/paid-gate.component.js';
export * from './passkey.js';
export * from './payment.js';
export * from './pin.js';
export * from './time.js';
