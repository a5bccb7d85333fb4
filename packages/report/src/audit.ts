// Audit rules for the clauses the report package answers (`@anquan/report/audit`); `audit()` in the
// umbrella composes them. Channels are read from the dialog's properties (a wrapper sets those).
import { type AuditFacts, type AuditRules, byElement, describeElement, elementsOf, measureLine, prop } from '@anquan/core/audit';

const reportEntry = ['aq-report-button', 'aq-report-dialog'];
const endpointLine = (f: AuditFacts) => `intake endpoint: ${f.config.endpoint ?? 'NOT CONFIGURED'}`;
const CHANNELS = [
  ['channelPhone', 'telephone'],
  ['channelEmail', 'e-mail'],
  ['channelSms', 'SMS'],
] as const;

export const reportAuditRules: AuditRules = {
  'INTERIM-15-entry': byElement(reportEntry, (f) => [
    measureLine(f, 'report'),
    f.labels.messages ? `report entry on ${f.labels.withReportEntry} of ${f.labels.messages} messages` : 'no marked messages',
  ]),
  'INTERIM-15-process': byElement(reportEntry, (f) => [
    `feedback time limit: ${f.config.thresholds.complaintDeadlineWorkingDays} working days, shown in the report form`,
  ]),
  'INTERIM-15-feedback': (f) => {
    const r = byElement([...reportEntry, 'aq-report-status'], () => [endpointLine(f)])(f);
    if (r.status === 'measured' && !f.config.endpoint) {
      r.status = 'missing';
      delete r.how;
      r.evidence.push('no intake endpoint: reports are queued but never delivered, so no receipt is returned');
    }
    return r;
  },
  'GBT45654-complaint-channels': (f) => {
    const dialogs = elementsOf(f, 'aq-report-dialog');
    const set = (d: Element) => CHANNELS.filter(([p]) => String(prop<string>(d, p) ?? '').trim() !== '');
    const best = dialogs.find((d) => set(d).length === CHANNELS.length) ?? dialogs[0];
    const present = best ? set(best) : [];
    const missing = CHANNELS.filter((c) => !present.includes(c));
    return {
      status: best && missing.length === 0 ? 'measured' : 'missing',
      basis: 'observed',
      ...(best && missing.length === 0 ? { how: `read channelPhone, channelEmail and channelSms of ${describeElement(best)}` } : {}),
      measure: '<aq-report-dialog> channelPhone, channelEmail, channelSms (channel-phone, channel-email, channel-sms)',
      evidence: best
        ? [
            describeElement(best),
            ...present.map(([p, name]) => `${name}: ${prop<string>(best, p)}`),
            'interactive window: the report dialog',
            ...(missing.length ? [`not set: ${missing.map(([p]) => p).join(', ')}`] : []),
          ]
        : ['no <aq-report-dialog> in the page with the host channels (telephone, e-mail, SMS)'],
    };
  },
  'PIPL-50-rights': byElement(reportEntry, () => [
    'the report form offers personal-information requests: access, copy, correction, deletion',
  ]),
  'MEASURES-report-unlabelled': byElement(reportEntry, () => ['the report form offers the category "unlabelled AI-generated content"']),
  'DSA-16.2-notice': byElement(reportEntry, (f) => [measureLine(f, 'dsaNotice')]),
  'DSA-16.4-receipt': byElement([...reportEntry, 'aq-report-status'], (f) => [endpointLine(f)]),
};
