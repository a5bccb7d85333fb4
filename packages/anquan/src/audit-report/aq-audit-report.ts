import { AuditReportElement } from './audit-report.component.js';

AuditReportElement.define('aq-audit-report');

declare global {
  interface HTMLElementTagNameMap {
    'aq-audit-report': AuditReportElement;
  }
}
