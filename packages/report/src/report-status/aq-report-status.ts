import { AqReportStatus } from './report-status.component.js';

export { AqReportStatus };

AqReportStatus.define('aq-report-status');

declare global {
  interface HTMLElementTagNameMap {
    'aq-report-status': AqReportStatus;
  }
}
