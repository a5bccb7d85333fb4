// audit(): evidence for filing. Reads the active configuration, the live page (every aq-* element,
// also inside open shadow roots; label coverage of the host's generated messages; labelled media),
// storage (ledger summaries and their verification, the outbox, the degraded state) and the safety
// context, and maps them to the 49 user-facing clause IDs with a status and evidence strings. The
// result is plain JSON; `<aq-audit-report>` prints it for an assessor. Importing this module touches
// no `window` or `document`.
import {
  type AnquanConfig,
  type AnquanStorage,
  APPENDIX_A_RISKS,
  CATEGORIES,
  getConfig,
  getOutbox,
  getStorage,
  hasLabelElements,
  Ledger,
  type Outbox,
  type SafetyContext,
  type SafetyState,
  safetyContext,
  VERSION,
  type VerifyResult,
} from '@anquan/core';
import { type Clause, CLAUSES } from './audit-report/clauses.js';

export { type Clause, CLAUSES } from './audit-report/clauses.js';

/** `present`: the measure is on the page or configured; `missing`: it is not; `not-applicable`: the clause does not apply. */
export type ClauseStatus = 'present' | 'missing' | 'not-applicable';

/**
 * Where a status comes from: `observed` in the live page or storage, `configured` in the active
 * profile, `sdk` (built into the SDK), or `declared` by the host through `declarations`.
 */
export type EvidenceBasis = 'observed' | 'configured' | 'sdk' | 'declared';

export interface ClauseResult extends Clause {
  status: ClauseStatus;
  basis: EvidenceBasis;
  /** The measure that answers the clause (element or API). */
  measure: string;
  /** Facts an assessor can check: elements and their attributes, configured values, counts. */
  evidence: string[];
}

export interface LedgerSummary {
  name: string;
  records: number;
  head: { seq: number; hash: string } | null;
  verified: VerifyResult;
  /** Records per type, e.g. `{ grant: 3, withdraw: 1 }`. */
  types: Record<string, number>;
  first: string | null;
  last: string | null;
}

export interface LabelCoverage {
  /** The selector that marks the host's generated messages. */
  selector: string;
  messages: number;
  /** Messages that contain (or are) an `<aq-ai-label>`. */
  labelled: number;
  /** labelled / messages; null when the page marks no message. */
  coverage: number | null;
  /** Ids (`data-message-id`, `data-aq-message`, `id`) of unlabelled messages, at most 50. */
  unlabelled: string[];
  /** Messages with an `<aq-report-button>`. */
  withReportEntry: number;
  images: { wrappers: number; wrapped: number; unwrappedInMessages: number };
  videos: { wrappers: number; wrapped: number; unwrappedInMessages: number };
}

export interface OutboxSummary {
  pending: number;
  rejected: number;
  byKind: Record<string, { pending: number; rejected: number }>;
  oldestPending: string | null;
  /** The last errors of rejected records (at most 10). */
  rejections: { id: string; kind: string; error: string }[];
}

export interface AuditReport {
  /** Format version of this report. */
  format: 'anquan-audit/1';
  generatedAt: string;
  sdkVersion: string;
  url: string | null;
  title: string | null;
  profile: 'cn' | 'eu';
  config: {
    endpoint: string | null;
    /** Whether a subject id is configured (its value is not copied into the report). */
    subjectSet: boolean;
    measures: AnquanConfig['measures'];
    thresholds: AnquanConfig['thresholds'];
    wording: AnquanConfig['wording'];
    /** Wording keys whose text lacks the AI or the generation element (should be empty). */
    wordingWithoutLabelElements: string[];
  };
  /** aq-* tag → how many are in the page (open shadow roots included). */
  elements: Record<string, number>;
  labels: LabelCoverage;
  ledgers: LedgerSummary[];
  outbox: OutboxSummary;
  storage: { name: string; degraded: boolean; reason: string | null };
  context: SafetyState;
  clauses: ClauseResult[];
  summary: { present: number; missing: number; notApplicable: number; total: number };
}

export interface AuditDeclaration {
  status: 'present' | 'not-applicable';
  /** What the host does (e.g. "downloads go through downloadLabelled()") or why the clause does not apply. */
  note: string;
}

export interface AuditOptions {
  /** What to inspect: the document (default), an element or a shadow root. */
  root?: Document | Element | ShadowRoot;
  storage?: AnquanStorage;
  outbox?: Outbox;
  context?: SafetyContext;
  /** Ledgers to summarise (default: consent, minor-mode, aigc-declaration). */
  ledgers?: string[];
  /** Marks the host's generated messages (default `[data-aq-message], [data-message-id]`). */
  messageSelector?: string;
  /**
   * The host's own statements for measures the page cannot show (API measures such as downloads,
   * audio or metadata) or clauses that do not apply to the service (e.g. no video). They are
   * reported with basis `declared`.
   */
  declarations?: Record<string, AuditDeclaration>;
}

export const DEFAULT_LEDGERS = ['consent', 'minor-mode', 'aigc-declaration'] as const;
export const DEFAULT_MESSAGE_SELECTOR = '[data-aq-message], [data-message-id]';
const MAX_ELEMENTS = 100_000;

/** Every element under `root`, including inside open shadow roots, in document order. */
export function deepElements(root: Document | Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  const visit = (node: Document | Element | ShadowRoot) => {
    if (node instanceof Element) {
      out.push(node);
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const el of Array.from(node.querySelectorAll('*'))) {
      if (out.length >= MAX_ELEMENTS) return;
      out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return out;
}

function clip(value: string, n = 80): string {
  return value.length > n ? `${value.slice(0, n - 1)}…` : value;
}

/** `<aq-x a="1" b>`: the element with its attributes, for evidence. */
function describe(el: Element): string {
  const attrs = Array.from(el.attributes)
    .filter((a) => !['class', 'style'].includes(a.name))
    .map((a) => (a.value === '' ? a.name : `${a.name}="${clip(a.value, 60)}"`));
  return `<${el.localName}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`;
}

function messageId(el: Element, index: number): string {
  return el.getAttribute('data-message-id') || el.getAttribute('data-aq-message') || el.id || `#${index + 1}`;
}

function labelCoverage(all: Element[], selector: string): LabelCoverage {
  const messages = all.filter((e) => e.matches(selector));
  const unlabelled: string[] = [];
  let labelled = 0;
  let withReportEntry = 0;
  let imagesOutside = 0;
  let videosOutside = 0;
  messages.forEach((m, i) => {
    const inner = deepElements(m);
    if (inner.some((e) => e.localName === 'aq-ai-label')) labelled++;
    else if (unlabelled.length < 50) unlabelled.push(messageId(m, i));
    if (inner.some((e) => e.localName === 'aq-report-button')) withReportEntry++;
    for (const e of inner) {
      if (e.localName === 'img' && !e.closest('aq-ai-image')) imagesOutside++;
      if (e.localName === 'video' && !e.closest('aq-ai-video')) videosOutside++;
    }
  });
  const wrappers = (tag: string, media: string) => {
    const list = all.filter((e) => e.localName === tag);
    return { wrappers: list.length, wrapped: list.filter((w) => w.querySelector(media)).length };
  };
  return {
    selector,
    messages: messages.length,
    labelled,
    coverage: messages.length ? labelled / messages.length : null,
    unlabelled,
    withReportEntry,
    images: { ...wrappers('aq-ai-image', 'img, picture, canvas, svg'), unwrappedInMessages: imagesOutside },
    videos: { ...wrappers('aq-ai-video', 'video'), unwrappedInMessages: videosOutside },
  };
}

async function ledgerSummary(name: string, storage: AnquanStorage): Promise<LedgerSummary> {
  const exported = await new Ledger(name, { storage, outbox: null }).export();
  const types: Record<string, number> = {};
  for (const r of exported.records) types[r.type] = (types[r.type] ?? 0) + 1;
  return {
    name,
    records: exported.records.length,
    head: exported.head,
    verified: exported.verified,
    types,
    first: exported.records[0]?.time ?? null,
    last: exported.records.at(-1)?.time ?? null,
  };
}

async function outboxSummary(outbox: Outbox): Promise<OutboxSummary> {
  const items = await outbox.items();
  const byKind: OutboxSummary['byKind'] = {};
  let oldest: string | null = null;
  for (const item of items) {
    const k = (byKind[item.kind] ??= { pending: 0, rejected: 0 });
    k[item.state]++;
    if (item.state === 'pending' && (oldest === null || item.body.createdAt < oldest)) oldest = item.body.createdAt;
  }
  const rejected = items.filter((i) => i.state === 'rejected');
  return {
    pending: items.length - rejected.length,
    rejected: rejected.length,
    byKind,
    oldestPending: oldest,
    rejections: rejected.slice(-10).map((i) => ({ id: i.id, kind: i.kind, error: clip(i.lastError ?? '', 200) })),
  };
}

function wordingProblems(config: AnquanConfig): string[] {
  const out: string[] = [];
  for (const key of ['aiLabel', 'aiNotice', 'imageLabel', 'videoLabel', 'spokenLabel'] as const) {
    for (const [locale, text] of Object.entries(config.wording[key])) if (!hasLabelElements(text)) out.push(`wording.${key}.${locale}`);
  }
  return out;
}

/** The facts every clause rule reads. */
interface Facts {
  config: AnquanConfig;
  profile: 'cn' | 'eu';
  tags: Map<string, Element[]>;
  labels: LabelCoverage;
  ledgers: Map<string, LedgerSummary>;
  outbox: OutboxSummary;
  context: SafetyState;
  adultOnly: number;
}

type Rule = (f: Facts) => { status: ClauseStatus; basis: EvidenceBasis; measure: string; evidence: string[] };

const on = (f: Facts, tag: string) => f.tags.get(tag) ?? [];
const seen = (f: Facts, tag: string) => on(f, tag).length > 0;
const listed = (f: Facts, tag: string) => {
  const els = on(f, tag);
  const shown = els.slice(0, 3).map(describe);
  return els.length > 3 ? [...shown, `… ${els.length - 3} more <${tag}>`] : shown;
};
const w = (f: Facts, key: keyof AnquanConfig['wording']) => `wording.${key}: "${f.config.wording[key]['zh-CN']}" / "${f.config.wording[key].en}"`;
const measureFlag = (f: Facts, m: keyof AnquanConfig['measures']) => `measures.${m} = ${f.config.measures[m]}`;
const ledgerLine = (f: Facts, name: string) => {
  const l = f.ledgers.get(name);
  if (!l) return `ledger "${name}" not read`;
  const types = Object.entries(l.types).map(([k, n]) => `${k} ${n}`).join(', ');
  return `ledger "${name}": ${l.records} records${types ? ` (${types})` : ''}, chain ${l.verified.ok ? 'verified' : `BROKEN at ${l.verified.brokenAt}: ${l.verified.reason}`}`;
};

/** A clause met by an element on the page. */
function byElement(tag: string | string[], extra: (f: Facts) => string[] = () => [], measure?: string): Rule {
  const tags = Array.isArray(tag) ? tag : [tag];
  return (f) => {
    const found = tags.filter((t) => seen(f, t));
    return {
      status: found.length ? 'present' : 'missing',
      basis: 'observed',
      measure: measure ?? tags.map((t) => `<${t}>`).join(' or '),
      evidence: found.length ? [...found.flatMap((t) => listed(f, t)), ...extra(f)] : [`no ${tags.map((t) => `<${t}>`).join(' or ')} in the page`, ...extra(f)],
    };
  };
}

/** A clause met through an API the page cannot show; the host declares it. */
function byApi(measure: string, extra: (f: Facts) => string[] = () => []): Rule {
  return (f) => ({
    status: 'missing',
    basis: 'observed',
    measure,
    evidence: [`not observable in the page: applied by ${measure}; declare it in audit({ declarations })`, ...extra(f)],
  });
}

/** The service is not for minors when an age gate blocks them and no minors mode runs. */
function notForMinors(f: Facts): boolean {
  return !seen(f, 'aq-minor-mode') && on(f, 'aq-age-gate').some((g) => g.getAttribute('for-minors') !== 'minors-mode');
}

/** A minors-mode clause: the mode must run, unless the service keeps minors out. */
function minors(tag: string | string[], extra: (f: Facts) => string[] = () => []): Rule {
  const rule = byElement(tag, extra);
  return (f) => {
    if (notForMinors(f)) return { status: 'not-applicable', basis: 'observed', measure: 'minors mode', evidence: ['the service is not for minors: <aq-age-gate> blocks them', ...listed(f, 'aq-age-gate')] };
    const r = rule(f);
    if (!f.config.measures.minorMode) r.evidence.push(measureFlag(f, 'minorMode'));
    return r;
  };
}

const mode = (f: Facts) => {
  const m = f.config.thresholds.minors;
  const band = f.context.minorMode;
  return [`safety context: minors mode ${band.enabled ? `on (${band.band})` : 'off'}`, `daily quota (min): ${Object.entries(m.dailyQuotaMinutes).map(([b, n]) => `${b} ${n}`).join(', ')}`];
};

const reportEntry = ['aq-report-button', 'aq-report-dialog'];
const dialogs = (f: Facts) => on(f, 'aq-report-dialog');
const transparency = (field: string) => (f: Facts) =>
  on(f, 'aq-transparency').map((el) => {
    const d = (el as Element & { disclosure?: Record<string, unknown> }).disclosure;
    const v = d?.[field];
    return `<aq-transparency> ${field}: ${v === undefined ? 'not set' : Array.isArray(v) ? `${v.length} entries` : 'set'}`;
  });
const noticeOf = (el: Element) => (el as Element & { notice?: { version?: string; purposes?: { separate?: string }[] } }).notice;

const RULES: Record<string, Rule> = {
  'GB45438-5.1-text': (f) => {
    const l = f.labels;
    const ev = [measureFlag(f, 'aiLabel'), w(f, 'aiLabel'), `${on(f, 'aq-ai-label').length} <aq-ai-label> in the page`];
    if (l.messages) ev.push(`label coverage: ${l.labelled} of ${l.messages} messages (${l.selector})${l.unlabelled.length ? `; unlabelled: ${l.unlabelled.join(', ')}` : ''}`);
    if (seen(f, 'aq-ai-notice')) ev.push('interface label: <aq-ai-notice> present');
    const ok = l.messages ? l.labelled === l.messages : seen(f, 'aq-ai-label') || seen(f, 'aq-ai-notice');
    return { status: ok ? 'present' : 'missing', basis: 'observed', measure: '<aq-ai-label> on each generated message', evidence: ev };
  },
  'GB45438-interface': byElement('aq-ai-notice', (f) => [w(f, 'aiNotice'), measureFlag(f, 'aiNoticeDismissible')]),
  'GB45438-5.2-image': (f) => {
    const i = f.labels.images;
    const ev = [...listed(f, 'aq-ai-image'), `${i.wrapped} of ${i.wrappers} <aq-ai-image> wrap an image`, `label text ≥ ${f.config.thresholds.labelMinTextRatio * 100}% of the shortest side`, w(f, 'imageLabel')];
    if (i.unwrappedInMessages) ev.push(`${i.unwrappedInMessages} image(s) in generated messages without <aq-ai-image>`);
    return { status: i.wrapped > 0 && i.unwrappedInMessages === 0 ? 'present' : 'missing', basis: 'observed', measure: '<aq-ai-image>; burnInImageLabel() for downloads', evidence: ev };
  },
  'GB45438-5.4-video': (f) => {
    const v = f.labels.videos;
    const ev = [...listed(f, 'aq-ai-video'), `${v.wrapped} of ${v.wrappers} <aq-ai-video> wrap a video`, `start label ≥ ${f.config.thresholds.videoLabelMinSeconds} s`, w(f, 'videoLabel')];
    if (v.unwrappedInMessages) ev.push(`${v.unwrappedInMessages} video(s) in generated messages without <aq-ai-video>`);
    return { status: v.wrapped > 0 && v.unwrappedInMessages === 0 ? 'present' : 'missing', basis: 'observed', measure: '<aq-ai-video>', evidence: ev };
  },
  'GB45438-5.3-audio': byApi('SpokenLabeler / playAudioCue()', (f) => [w(f, 'spokenLabel')]),
  'MEASURES-4-export': byApi('downloadLabelled() / installLabelledCopy() / burnInImageLabel()'),
  'GB45438-6.1-implicit': byApi('the metadata writers (writeImplicitLabel and per-format writers)', (f) => [measureFlag(f, 'implicitLabel')]),
  'TC260-PG-carriers': byApi('the per-format metadata writers (PNG, JPEG, WebP, MP3, WAV, MP4, Markdown)', (f) => [measureFlag(f, 'implicitLabel')]),
  'MEASURES-6-platform': byElement('aq-aigc-badge'),
  'MEASURES-6-declare': byElement('aq-aigc-declare', (f) => [ledgerLine(f, 'aigc-declaration')]),
  'MEASURES-8-agreement': byElement('aq-labelling-notice'),
  'AIACT-50.2-marking': byApi('the metadata writers (machine-readable marking)', (f) => [measureFlag(f, 'implicitLabel')]),
  'GBT45654-minors-guardian': minors('aq-guardian-settings', (f) => [ledgerLine(f, 'minor-mode')]),
  'GBT45654-minors-paid': minors('aq-paid-gate', (f) => [
    `payment caps (per transaction / month, minor units): ${Object.entries(f.config.thresholds.minors.payment)
      .map(([b, p]) => `${b} ${p.allowed ? `${p.perTransaction}/${p.perMonth}` : 'none'}`)
      .join(', ')}`,
  ]),
  'GBT45654-minors-content': minors('aq-minor-mode', (f) => [...mode(f), seen(f, 'aq-prescreen') ? '<aq-prescreen> applies the stricter per-band thresholds' : 'no <aq-prescreen>: per-band screening not observed']),
  'GBT45654-not-for-minors': (f) => {
    if (seen(f, 'aq-minor-mode')) return { status: 'not-applicable', basis: 'observed', measure: '<aq-age-gate for-minors="block">', evidence: ['the service offers a minors mode: it is for minors', ...listed(f, 'aq-minor-mode')] };
    const gates = on(f, 'aq-age-gate').filter((g) => g.getAttribute('for-minors') !== 'minors-mode');
    return {
      status: gates.length ? 'present' : 'missing',
      basis: 'observed',
      measure: '<aq-age-gate for-minors="block">',
      evidence: gates.length ? gates.slice(0, 3).map(describe) : ['neither <aq-minor-mode> nor a blocking <aq-age-gate> in the page'],
    };
  },
  'CAC-MINOR-entry-exit': minors(['aq-minor-mode-toggle', 'aq-minor-mode'], (f) => [seen(f, 'aq-minor-mode-toggle') ? 'one-click entry: <aq-minor-mode-toggle>' : 'no <aq-minor-mode-toggle>: entry only through the API', `leaving needs the guardian PIN (${f.config.thresholds.minors.pinMaxAttempts} attempts)`]),
  'CAC-MINOR-quota': minors('aq-minor-mode', mode),
  'CAC-MINOR-rest': minors('aq-minor-mode', (f) => [`rest reminder after ${f.config.thresholds.minors.restReminderMinutes} min`]),
  'CAC-MINOR-curfew': minors('aq-minor-mode', (f) => [`curfew ${f.config.thresholds.minors.curfew.start}-${f.config.thresholds.minors.curfew.end}`]),
  'CAC-MINOR-bands': minors('aq-minor-mode', (f) => on(f, 'aq-minor-mode').map((m) => `band ${m.getAttribute('band') ?? '12-15 (default)'}`)),
  'PIPL-31-under14': (f) => {
    const gates = on(f, 'aq-age-gate');
    return {
      status: gates.length ? 'present' : 'missing',
      basis: 'observed',
      measure: '<aq-age-gate> (guardian separate consent under consent-age)',
      evidence: gates.length ? [...gates.slice(0, 3).map((g) => `${describe(g)} consent age ${g.getAttribute('consent-age') ?? '14'}`), ledgerLine(f, 'minor-mode')] : ['no <aq-age-gate> in the page'],
    };
  },
  'INTERIM-10-addiction': (f) =>
    notForMinors(f)
      ? { status: 'present', basis: 'observed', measure: '<aq-age-gate for-minors="block">', evidence: ['minors are kept out', ...listed(f, 'aq-age-gate')] }
      : byElement('aq-minor-mode', (g) => [...mode(g), `rest reminder after ${g.config.thresholds.minors.restReminderMinutes} min`])(f),
  'ANTHRO-14-companion': minors('aq-minor-mode', (f) => [`${f.adultOnly} element(s) marked data-aq-adult-only (hidden and inert while the mode is on)`]),
  'INTERIM-15-entry': byElement(reportEntry, (f) => [measureFlag(f, 'report'), f.labels.messages ? `report entry on ${f.labels.withReportEntry} of ${f.labels.messages} messages` : 'no marked messages']),
  'INTERIM-15-process': byElement(reportEntry, (f) => [`feedback time limit: ${f.config.thresholds.complaintDeadlineWorkingDays} working days, shown in the report form`]),
  'INTERIM-15-feedback': (f) => {
    const r = byElement([...reportEntry, 'aq-report-status'], () => [`intake endpoint: ${f.config.endpoint ?? 'NOT CONFIGURED'}`])(f);
    if (r.status === 'present' && !f.config.endpoint) {
      r.status = 'missing';
      r.evidence.push('no intake endpoint: reports are queued but never delivered, so no receipt is returned');
    }
    return r;
  },
  'GBT45654-complaint-channels': (f) => {
    const wanted = ['channel-phone', 'channel-email', 'channel-sms'];
    const best = dialogs(f).find((d) => wanted.every((a) => d.getAttribute(a))) ?? dialogs(f)[0];
    const missing = best ? wanted.filter((a) => !best.getAttribute(a)) : wanted;
    return {
      status: best && missing.length === 0 ? 'present' : 'missing',
      basis: 'observed',
      measure: '<aq-report-dialog channel-phone channel-email channel-sms channel-chat>',
      evidence: best
        ? [describe(best), 'interactive window: the report dialog', ...(missing.length ? [`not set: ${missing.join(', ')}`] : [])]
        : ['no <aq-report-dialog> in the page with the host channels (telephone, e-mail, SMS)'],
    };
  },
  'PIPL-50-rights': byElement(reportEntry, () => ['the report form offers personal-information requests: access, copy, correction, deletion']),
  'MEASURES-report-unlabelled': byElement(reportEntry, () => ['the report form offers the category "unlabelled AI-generated content"']),
  'DSA-16.2-notice': byElement(reportEntry, (f) => [measureFlag(f, 'dsaNotice')]),
  'DSA-16.4-receipt': byElement([...reportEntry, 'aq-report-status'], (f) => [`intake endpoint: ${f.config.endpoint ?? 'NOT CONFIGURED'}`]),
  'GBT45654-transparency-scope': byElement('aq-transparency', (f) => [...transparency('intendedUsers')(f), ...transparency('foundationModels')(f)]),
  'GBT45654-transparency-limits': byElement('aq-transparency', (f) => [...transparency('limitations')(f), ...transparency('modelSummary')(f)]),
  'GBT45654-transparency-pi': byElement(['aq-transparency', 'aq-consent-notice'], transparency('personalInformation')),
  'GBT45654-training-optout': byElement('aq-training-optout', (f) => [measureFlag(f, 'trainingOptOut'), `at most ${f.config.thresholds.trainingOptOutMaxClicks} clicks from the main interface`, ledgerLine(f, 'consent')]),
  'GBT45654-training-status': byElement('aq-training-status'),
  'PIPL-14-17-notice': byElement('aq-consent-notice', (f) => [
    ...on(f, 'aq-consent-notice').map((n) => `notice version ${noticeOf(n)?.version ?? 'not set'}`),
    ledgerLine(f, 'consent'),
  ]),
  'PIPL-15-withdraw': byElement(['aq-consent-notice', 'aq-training-optout'], (f) => [ledgerLine(f, 'consent')]),
  'PIPL-16-no-refusal': byElement('aq-consent-notice'),
  'PIPL-separate': (f) => {
    const notices = on(f, 'aq-consent-notice');
    if (!notices.length) return { status: 'missing', basis: 'observed', measure: '<aq-consent-notice> separate purposes', evidence: ['no <aq-consent-notice> in the page'] };
    const separate = notices.flatMap((n) => (noticeOf(n)?.purposes ?? []).filter((p) => p.separate).map((p) => p.separate as string));
    return separate.length
      ? { status: 'present', basis: 'observed', measure: '<aq-consent-notice> separate purposes', evidence: [`separate consents: ${separate.join(', ')}`, ledgerLine(f, 'consent')] }
      : { status: 'not-applicable', basis: 'observed', measure: '<aq-consent-notice> separate purposes', evidence: ['the notice lists no third-party, public, sensitive or cross-border purpose'] };
  },
  'AIACT-50.1-disclosure': byElement('aq-ai-disclosure', (f) => [measureFlag(f, 'aiDisclosure'), w(f, 'aiDisclosure')]),
  'GBT45654-A5-domain': (f) => {
    const withDomain = on(f, 'aq-ai-disclosure').filter((d) => d.getAttribute('domain'));
    return {
      status: withDomain.length ? 'present' : 'missing',
      basis: 'observed',
      measure: '<aq-ai-disclosure domain="medical|financial|psychological">',
      evidence: withDomain.length ? withDomain.slice(0, 3).map(describe) : ['no <aq-ai-disclosure domain> in the page; declare not-applicable when the service is not in a high-stakes domain'],
    };
  },
  'GBT45654-A-taxonomy': () => ({
    status: 'present',
    basis: 'sdk',
    measure: 'the risk taxonomy of @anquan/core',
    evidence: [`${APPENDIX_A_RISKS.length} Appendix A risks in ${CATEGORIES.filter((c) => !c.outsideStandard).length} categories, used by reports, keywords and the classifier`],
  }),
  'GBT45654-detect-input': byElement('aq-prescreen', (f) => [measureFlag(f, 'prescreen'), 'advisory: the host\'s server screens again']),
  'GBT45654-suspend-3-5': byElement('aq-prescreen', (f) => {
    const s = f.config.thresholds.suspension;
    return [`suspension after ${s.consecutive} in a row or ${s.perDay} a day, for ${s.durationMinutes} min`, `safety context: ${f.context.suspension.suspended ? `suspended until ${new Date(f.context.suspension.until ?? 0).toISOString()}` : 'not suspended'}`];
  }),
  'GBT45654-refuse-answer': byElement('aq-prescreen', () => ['inducing input is held before the host sends it; other input passes']),
  'GBT45654-B-keywords': byApi('the keyword library and its coverage report (npm run eval:prescreen)'),
  'GBT45654-B-refusal-rates': byApi('the refusal-bank evaluation (npm run eval:prescreen)'),
};

/** Clauses that apply only under the eu profile. */
function euOnly(c: Clause): boolean {
  return /\(eu profile\)/.test(c.source);
}

function evaluate(c: Clause, f: Facts, declarations: Record<string, AuditDeclaration>): ClauseResult {
  if (euOnly(c) && f.profile !== 'eu') {
    return { ...c, status: 'not-applicable', basis: 'configured', measure: 'eu profile', evidence: [`the active profile is ${f.profile}; the clause applies under eu`] };
  }
  const declared = declarations[c.id];
  const rule = RULES[c.id];
  const observed = rule ? rule(f) : { status: 'missing' as const, basis: 'observed' as const, measure: '(no rule)', evidence: ['the audit has no rule for this clause'] };
  if (declared && observed.status !== 'present') {
    return { ...c, status: declared.status, basis: 'declared', measure: observed.measure, evidence: [`declared by the host: ${declared.note}`, ...observed.evidence] };
  }
  return { ...c, ...observed };
}

/**
 * Inspect the live page, storage and configuration; list per clause ID which measure is present
 * and how it is configured. The report is JSON-ready (`JSON.stringify(report)`).
 */
export async function audit(options: AuditOptions = {}): Promise<AuditReport> {
  const root = options.root ?? document;
  const storage = options.storage ?? getStorage();
  const outbox = options.outbox ?? getOutbox();
  const context = options.context ?? safetyContext;
  const config = getConfig();
  const profile = config.id;

  const all = deepElements(root);
  const tags = new Map<string, Element[]>();
  for (const el of all) {
    if (!el.localName.startsWith('aq-')) continue;
    if (!tags.has(el.localName)) tags.set(el.localName, []);
    tags.get(el.localName)!.push(el);
  }
  const labels = labelCoverage(all, options.messageSelector ?? DEFAULT_MESSAGE_SELECTOR);

  await storage.open();
  const ledgers = await Promise.all((options.ledgers ?? DEFAULT_LEDGERS).map((n) => ledgerSummary(n, storage)));
  const outboxInfo = await outboxSummary(outbox);
  await context.load();
  const state = context.get();

  const facts: Facts = {
    config,
    profile,
    tags,
    labels,
    ledgers: new Map(ledgers.map((l) => [l.name, l])),
    outbox: outboxInfo,
    context: state,
    adultOnly: all.filter((e) => e.hasAttribute('data-aq-adult-only')).length,
  };
  const clauses = CLAUSES.map((c) => evaluate(c, facts, options.declarations ?? {}));
  const count = (s: ClauseStatus) => clauses.filter((c) => c.status === s).length;
  const loc = (globalThis as { location?: Location }).location;
  const doc = root instanceof Document ? root : (root as Node).ownerDocument;

  return {
    format: 'anquan-audit/1',
    generatedAt: new Date().toISOString(),
    sdkVersion: VERSION,
    url: loc?.href ?? null,
    title: doc?.title || null,
    profile,
    config: {
      endpoint: config.endpoint,
      subjectSet: config.subject !== null,
      measures: structuredClone(config.measures),
      thresholds: structuredClone(config.thresholds),
      wording: structuredClone(config.wording),
      wordingWithoutLabelElements: wordingProblems(config),
    },
    elements: Object.fromEntries([...tags].sort(([a], [b]) => a.localeCompare(b)).map(([t, els]) => [t, els.length])),
    labels,
    ledgers,
    outbox: outboxInfo,
    storage: { name: storage.name, degraded: storage.degraded, reason: storage.degradedDetail?.reason ?? null },
    context: structuredClone(state),
    clauses,
    summary: { present: count('present'), missing: count('missing'), notApplicable: count('not-applicable'), total: clauses.length },
  };
}
