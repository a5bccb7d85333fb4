import { ReportDialog } from './report-dialog.component.js';

ReportDialog.define('aq-report-dialog');

declare global {
  interface HTMLElementTagNameMap {
    'aq-report-dialog': ReportDialog;
  }
}
