// The SDK's event map. Each package adds its events by augmenting `AnquanEventMap`:
//   declare module '@anquan/core' { interface AnquanEventMap { 'aq-report-submitted': ReportSubmittedDetail } }
// and they are then typed on every element's `emit()` and in `GlobalEventHandlersEventMap`.
import type { DegradedDetail } from './storage.js';
import type { RejectedDetail, SentDetail } from './outbox.js';

export interface AnquanEventMap {
  'aq-storage-degraded': DegradedDetail;
  'aq-outbox-sent': SentDetail;
  'aq-outbox-rejected': RejectedDetail;
  'aq-outbox-retry': { id: string; kind: string; attempts: number; status: number; error: string; nextAttemptAt: number };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'aq-storage-degraded': CustomEvent<DegradedDetail>;
    'aq-outbox-sent': CustomEvent<SentDetail>;
    'aq-outbox-rejected': CustomEvent<RejectedDetail>;
  }
  interface WindowEventMap {
    'aq-storage-degraded': CustomEvent<DegradedDetail>;
    'aq-outbox-sent': CustomEvent<SentDetail>;
    'aq-outbox-rejected': CustomEvent<RejectedDetail>;
  }
}
