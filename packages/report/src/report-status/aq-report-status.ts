import { ReportStatus } from './report-status.component.js';

ReportStatus.define('aq-report-status');

declare global {
  interface HTMLElementTagNameMap {
    'aq-report-status': ReportStatus;
  }
}
