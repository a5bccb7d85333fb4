import { AqReportButton } from './report-button.component.js';

export { AqReportButton };

AqReportButton.define('aq-report-button');

declare global {
  interface HTMLElementTagNameMap {
    'aq-report-button': AqReportButton;
  }
}
