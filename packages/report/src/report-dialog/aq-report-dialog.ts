import { AqReportDialog } from './report-dialog.component.js';

export { AqReportDialog };

AqReportDialog.define('aq-report-dialog');

declare global {
  interface HTMLElementTagNameMap {
    'aq-report-dialog': AqReportDialog;
  }
}
