/**
 * anquan: registers every aq-* element and re-exports every public API of the Anquan packages.
 * `import 'anquan'` (or the CDN file `anquan/cdn/anquan.js`) is all a page needs. The classifier's
 * runtime (transformers.js, onnxruntime-web) is not part of it: it loads in a worker only when a
 * PrescreenClassifier is enabled.
 * @packageDocumentation
 */
import '@anquan/consent/register';
import '@anquan/label/register';
import '@anquan/minor-mode/register';
import '@anquan/prescreen/register';
import '@anquan/report/register';
import './audit-report/aq-audit-report.js';

export * from '@anquan/consent';
export * from '@anquan/core';
export * from '@anquan/label';
export * from '@anquan/minor-mode';
export * from '@anquan/prescreen';
export * from '@anquan/report';
export * from './audit.js';
export { AqAuditReport } from './audit-report/audit-report.component.js';
export { messages as auditMessages } from './audit-report/messages.js';
export type * from './events.js';
