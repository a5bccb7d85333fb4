/**
 * @anquan/report: complaints and reports. `<aq-report-button>`, `<aq-report-dialog>`,
 * `<aq-report-status>`, the report client (durable submission through the core outbox), the report
 * model and working-day due dates. Importing it registers nothing and touches no `window`.
 * @packageDocumentation
 */

export type * from './events.js';
export { messages as reportMessages } from './messages.js';
export { AqReportButton, openReportDialog } from './report-button/report-button.component.js';
export * from './report-client.js';
export { AqReportDialog, type ReportContext } from './report-dialog/report-dialog.component.js';
export * from './report-model.js';
export { AqReportStatus } from './report-status/report-status.component.js';
export * from './working-days.js';
