// The report package's events, added to the core event map.
import type { LocalReport } from './report-client.js';

/** `aq-request-report` (cancelable): a report button asks to open the report dialog. Cancel it to open your own form. */
export interface RequestReportDetail {
  /** The tag of the element that asked (`aq-report-button`). */
  source: string;
  messageId?: string;
  conversationId?: string;
}

/** `aq-report-opened`: the report dialog opened, for this message if any. */
export interface ReportOpenedDetail {
  messageId?: string;
  conversationId?: string;
}

/** `aq-report-closed`: the report dialog closed. */
export interface ReportClosedDetail {
  /** True when a report was submitted (received or queued) before it closed. */
  submitted: boolean;
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

/** `aq-report-dialog-failed`: the report dialog's chunk could not load; the button shows the host's channels instead. */
export interface ReportDialogFailedDetail {
  error: string;
}

declare module '@anquan/core/events' {
  interface AnquanEventMap {
    'aq-request-report': RequestReportDetail;
    'aq-report-opened': ReportOpenedDetail;
    'aq-report-closed': ReportClosedDetail;
    'aq-report-submitted': ReportSubmittedDetail;
    'aq-report-rejected': ReportRejectedDetail;
    'aq-report-dialog-failed': ReportDialogFailedDetail;
  }
}
