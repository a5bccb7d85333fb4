// The pre-screen's events, added to core's typed event map.
import type { PrescreenDecision } from './policy.js';

export interface PrescreenRetractedDetail {
  replyId: string;
  decision: PrescreenDecision;
}

export interface PrescreenBlockedDetail {
  decision: PrescreenDecision;
}

declare module '@anquan/core' {
  interface AnquanEventMap {
    'aq-prescreen-decision': PrescreenDecision;
    'aq-prescreen-retracted': PrescreenRetractedDetail;
    'aq-prescreen-blocked': PrescreenBlockedDetail;
    'aq-prescreen-passed': PrescreenBlockedDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'aq-prescreen-decision': CustomEvent<PrescreenDecision>;
    'aq-prescreen-retracted': CustomEvent<PrescreenRetractedDetail>;
    'aq-prescreen-blocked': CustomEvent<PrescreenBlockedDetail>;
    'aq-prescreen-passed': CustomEvent<PrescreenBlockedDetail>;
  }
  interface WindowEventMap {
    'aq-prescreen-decision': CustomEvent<PrescreenDecision>;
    'aq-prescreen-retracted': CustomEvent<PrescreenRetractedDetail>;
  }
}
