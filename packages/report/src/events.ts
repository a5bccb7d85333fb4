// The report package's events, added to the core event map.
import type { LocalReport } from './report-client.js';

export interface ReportRequestDetail {
  messageId?: string;
  conversationId?: string;
}

export interface ReportSubmittedDetail {
  /** Local id (also the idempotency key). */
  id: string;
  category: string;
  /** `received` with a tracking number, or `queued` (stored on the device; sent when online). */
  state: 'received' | 'queued';
  trackingNumber?: string;
  dueAt?: string;
  report: LocalReport;
}

export interface ReportRejectedDetail {
  id: string;
  message: string;
}

declare module '@anquan/core' {
  interface AnquanEventMap {
    'aq-report-request': ReportRequestDetail;
    'aq-report-opened': ReportRequestDetail;
    'aq-report-closed': { submitted: boolean };
    'aq-report-submitted': ReportSubmittedDetail;
    'aq-report-rejected': ReportRejectedDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'aq-report-request': CustomEvent<ReportRequestDetail>;
    'aq-report-opened': CustomEvent<ReportRequestDetail>;
    'aq-report-closed': CustomEvent<{ submitted: boolean }>;
    'aq-report-submitted': CustomEvent<ReportSubmittedDetail>;
    'aq-report-rejected': CustomEvent<ReportRejectedDetail>;
  }
}
