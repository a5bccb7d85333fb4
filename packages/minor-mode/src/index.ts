/**
 * @anquan/minor-mode: the minor-protection mode. Age bands, the guardian PIN, the usage clock (daily
 * quota, rest reminder, curfew), the paid-feature gate, the age gate, and their elements. Importing
 * it defines no element and touches no `window` or `document`.
 * @packageDocumentation
 */
export * from './pin.js';
export * from './time.js';
export * from './clock.js';
export * from './payment.js';
export * from './controller.js';
export { AqMinorMode, type MinorModeChangedDetail } from './minor-mode/minor-mode.component.js';
export { AqMinorModeToggle } from './minor-mode-toggle/minor-mode-toggle.component.js';
export { AqMinorLock, type MinorLockDetail } from './minor-lock/minor-lock.component.js';
export { AqGuardianSettings } from './guardian-settings/guardian-settings.component.js';
export { AqPaidGate, type PurchaseDetail } from './paid-gate/paid-gate.component.js';
export { AqAgeGate, type AgeGateDetail } from './age-gate/age-gate.component.js';
export { MinorModeLink } from './link.js';
export { t as minorModeMessages } from './messages.js';
