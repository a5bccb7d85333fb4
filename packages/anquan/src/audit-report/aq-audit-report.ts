import { AqAuditReport } from './audit-report.component.js';

export { AqAuditReport };

AqAuditReport.define('aq-audit-report');

declare global {
  interface HTMLElementTagNameMap {
    'aq-audit-report': AqAuditReport;
  }
}
