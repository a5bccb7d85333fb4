import { ReportButton } from './report-button.component.js';

ReportButton.define('aq-report-button');

declare global {
  interface HTMLElementTagNameMap {
    'aq-report-button': ReportButton;
  }
}
