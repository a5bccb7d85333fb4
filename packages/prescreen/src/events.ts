// The pre-screen's events, added to core's typed event map.
import type { PrescreenDecision } from './policy.js';

export interface PrescreenRetractedDetail {
  replyId: string;
  decision: PrescreenDecision;
}

/** `aq-prescreen-decided` (on `window`, from the policy): every decision. */
export type PrescreenDecidedDetail = PrescreenDecision;

/** `aq-prescreen-blocked`: an input was refused or the user is suspended; nothing was sent. */
export interface PrescreenBlockedDetail {
  decision: PrescreenDecision;
}

/** `aq-prescreen-passed`: an input passed and the form is re-submitted with exactly the screened text. */
export interface PrescreenPassedDetail {
  decision: PrescreenDecision;
}

/** Why `<aq-prescreen>` has no usable policy (see `aq-prescreen-config-failed`). */
export type PrescreenConfigErrorCode = 'no-sources' | 'no-key' | 'fetch' | 'format' | 'signature' | 'version';

/**
 * `aq-prescreen-config-failed`: the element has no usable policy (its signed library did not load or
 * verify, or the policy has no source), so it blocks every submission until the configuration is fixed.
 */
export interface PrescreenConfigFailedDetail {
  code: PrescreenConfigErrorCode;
  /** The error in English, for the host's logs. */
  message: string;
  /** The `library` URL, when the failure is about it. */
  library: string | null;
}

/**
 * `aq-prescreen-classifier-failed`: the classifier of `<aq-prescreen>` could not load or could not
 * classify. Unless the element is `classifier-optional`, sending is blocked (fail closed); either
 * way a localised notice shows.
 */
export interface PrescreenClassifierFailedDetail {
  /** `worker`, `manifest`, `integrity`, `load`, `labels` (loading) or `inference` (at run time). */
  code: string;
  /** The error in English, for the host's logs. */
  message: string;
  /** True when the element keeps sending with its other sources (`classifier-optional`). */
  optional: boolean;
  /** The model folder used. */
  modelUrl: string | null;
}

declare module '@anquan/core/events' {
  interface AnquanEventMap {
    'aq-prescreen-decided': PrescreenDecidedDetail;
    'aq-prescreen-retracted': PrescreenRetractedDetail;
    'aq-prescreen-blocked': PrescreenBlockedDetail;
    'aq-prescreen-passed': PrescreenPassedDetail;
    'aq-prescreen-config-failed': PrescreenConfigFailedDetail;
    'aq-prescreen-classifier-failed': PrescreenClassifierFailedDetail;
  }
}
