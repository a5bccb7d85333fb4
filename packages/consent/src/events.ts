// The consent package's events, added to core's AnquanEventMap and to the global event maps.
import type { Acknowledgement, ConsentState } from './consent-store.js';

/** `aq-consent-changed`: purposes granted or withdrawn (each also a ledger record sent through the outbox). */
export interface ConsentChangedDetail {
  changes: ConsentState[];
}

/** `aq-consent-notice-answered`: the first-run notice was answered. */
export interface ConsentNoticeAnsweredDetail {
  version: string;
  decision: 'accepted' | 'declined';
  /** General purposes granted / withdrawn by this answer (separate consents are never included). */
  granted: string[];
  withdrawn: string[];
  /** False only when a purpose marked necessary was declined (PIPL Art. 16). */
  coreServiceAvailable: boolean;
  /** The necessary purposes that were declined. */
  blockedBy: string[];
}

/** `aq-disclosure-found-incomplete`: required fields of a notice or disclosure are missing. */
export interface DisclosureFoundIncompleteDetail {
  missing: string[];
}

/** `aq-ai-disclosure-acknowledged`: the "you are interacting with an AI system" notice was confirmed. */
export interface AiDisclosureAcknowledgedDetail {
  acknowledgement: Acknowledgement;
}

/** `aq-request-settings` (cancelable): the status asks to reveal the opt-out switch. Cancel it to navigate yourself. */
export interface RequestSettingsDetail {
  /** The tag of the element that asked (`aq-training-status`). */
  source: string;
  purpose: string;
  /** The id from the status's `for` attribute, if any. */
  control: string | null;
}

declare module '@anquan/core/events' {
  interface AnquanEventMap {
    'aq-consent-changed': ConsentChangedDetail;
    'aq-consent-notice-answered': ConsentNoticeAnsweredDetail;
    'aq-disclosure-found-incomplete': DisclosureFoundIncompleteDetail;
    'aq-ai-disclosure-acknowledged': AiDisclosureAcknowledgedDetail;
    'aq-request-settings': RequestSettingsDetail;
  }
}
