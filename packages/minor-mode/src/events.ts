// The minors mode's events, added to core's typed event map (and so to GlobalEventHandlersEventMap).
import type { AgeBand } from '@anquan/core/profiles';
import type { LockReason } from './clock.js';
import type { GuardianSettings, ModeSource } from './controller.js';

/** `aq-minor-mode-changed`: the mode or its band changed. */
export interface MinorModeChangedDetail {
  enabled: boolean;
  band: AgeBand | null;
  source: ModeSource;
}

/** `aq-minor-mode-rest-reminded`: continuous use reached the rest reminder. */
export interface MinorModeRestRemindedDetail {
  continuousMinutes: number;
}

/** `aq-minor-mode-pin-locked`: too many wrong guardian PINs; the PIN is locked until `lockedUntil`. */
export interface MinorModePinLockedDetail {
  lockedUntil: number;
  failures: number;
}

/** `aq-minor-mode-clock-moved`: the device clock jumped against the monotonic clock (a possible tamper). */
export interface MinorModeClockMovedDetail {
  direction: 'back' | 'forward';
  /** How far, in ms. */
  byMs: number;
  /** True when the jump was not followed (a moved clock never lifts a limit in force). */
  held: boolean;
  /** True when a trusted time (the intake's Date, a server time source) decided the effective time. */
  trusted: boolean;
}

/** `aq-minor-mode-settings-changed`: the guardian saved new settings. */
export interface MinorModeSettingsChangedDetail {
  settings: GuardianSettings;
  band: AgeBand | null;
}

/** `aq-minor-mode-locked`: the lock screen is shown (quota spent, curfew, rest). */
export interface MinorModeLockedDetail {
  reason: LockReason;
  /** When use resumes (epoch ms), or null. */
  resumesAt: number | null;
}

/** `aq-minor-mode-unlocked`: the lock screen was lifted (by time or by the guardian). */
export interface MinorModeUnlockedDetail {
  previous: LockReason;
}

/** A purchase held by `<aq-paid-gate>`. */
export interface PurchaseDetail {
  amount: number;
  band: AgeBand | null;
  reason?: string;
}
/** `aq-minor-mode-purchase-blocked`: a purchase was refused for the minor's band. */
export type MinorModePurchaseBlockedDetail = PurchaseDetail;
/** `aq-minor-mode-purchase-approved`: a purchase went through (within the band's caps, or by the guardian). */
export type MinorModePurchaseApprovedDetail = PurchaseDetail;

/** The outcome of `<aq-age-gate>`. */
export interface AgeGateDetail {
  age: number;
  band: AgeBand | null;
  /** How the user continues: as an adult, blocked, or in minors mode. */
  outcome: 'adult' | 'blocked' | 'minors-mode';
  guardianConsent: boolean;
}
/** `aq-age-gate-passed`: the user may continue (adult, or minor in minors mode with consent where needed). */
export type AgeGatePassedDetail = AgeGateDetail;
/** `aq-age-gate-blocked`: the user may not continue. */
export type AgeGateBlockedDetail = AgeGateDetail;

/**
 * How the guardian was verified for an under-14 consent: a PIN, the host's verifier, or a guardian
 * passkey the intake verified, each existing before the flow.
 */
export type GuardianChannel = 'pin' | 'host' | 'passkey';

/** `aq-guardian-consent-recorded`: the guardian's consent for an under-age user is in the ledger. */
export interface GuardianConsentRecordedDetail {
  age: number;
  band: AgeBand | null;
  purpose: string;
  channel: GuardianChannel;
  /** The intake's signed verdict when the channel is `passkey` (the host's server checks it). */
  verdict?: string;
}

/** `aq-age-gate-restored`: a remembered outcome was applied on load (no age or birthday is kept). */
export interface AgeGateRestoredDetail {
  outcome: 'adult' | 'minors-mode' | 'blocked';
  /** The band for the minors mode; null for adults, for blocked users and under consent age without consent. */
  band: AgeBand | null;
  /** When the outcome was decided (epoch ms). */
  at: number;
}

/** `aq-age-gate-cleared`: the guardian or the host cleared the remembered outcome (`reset()`); the gate asks again. */
export interface AgeGateClearedDetail {
  via: GuardianChannel;
  /** `via: 'passkey'`: the intake's signed guardian verdict (purpose `reset`) for the host's server to check. */
  verdict?: string;
}

declare module '@anquan/core/events' {
  interface AnquanEventMap {
    'aq-minor-mode-changed': MinorModeChangedDetail;
    'aq-minor-mode-rest-reminded': MinorModeRestRemindedDetail;
    'aq-minor-mode-pin-locked': MinorModePinLockedDetail;
    'aq-minor-mode-settings-changed': MinorModeSettingsChangedDetail;
    'aq-minor-mode-clock-moved': MinorModeClockMovedDetail;
    'aq-minor-mode-locked': MinorModeLockedDetail;
    'aq-minor-mode-unlocked': MinorModeUnlockedDetail;
    'aq-minor-mode-purchase-blocked': MinorModePurchaseBlockedDetail;
    'aq-minor-mode-purchase-approved': MinorModePurchaseApprovedDetail;
    'aq-age-gate-passed': AgeGatePassedDetail;
    'aq-age-gate-blocked': AgeGateBlockedDetail;
    'aq-guardian-consent-recorded': GuardianConsentRecordedDetail;
    'aq-age-gate-restored': AgeGateRestoredDetail;
    'aq-age-gate-cleared': AgeGateClearedDetail;
  }
}
