// The umbrella package's events (the audit report), added to core's typed event map.
import type { AuditReport } from './audit.js';

/** `aq-request-export` (cancelable): the audit JSON is about to be downloaded; cancel to handle it yourself. */
export interface RequestExportDetail {
  /** The tag of the element that asked (`aq-audit-report`). */
  source: string;
  json: string;
  filename: string;
}

/** `aq-audit-completed`: a live audit finished. */
export interface AuditCompletedDetail {
  summary: AuditReport['summary'];
}

declare module '@anquan/core/events' {
  interface AnquanEventMap {
    'aq-request-export': RequestExportDetail;
    'aq-audit-completed': AuditCompletedDetail;
  }
}
