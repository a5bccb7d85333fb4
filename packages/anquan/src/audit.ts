// audit(): evidence for filing. Reads the active configuration, the live page (every aq-* element,
// also inside open shadow roots; label coverage of the host's generated messages; labelled media),
// storage (ledger summaries and their verification, the outbox, the degraded state) and the safety
// context, and maps them to the 49 user-facing clause IDs with a status and evidence strings. The
// result is plain JSON; `<aq-audit-report>` prints it for an assessor. The clause rules are owned by
// their packages (`@anquan/*/audit`) and only composed here. Importing this module touches
// no `window` or `document`.

import { consentAuditRules } from '@anquan/consent/audit';
import {
  type AuditFacts,
  type AuditRule,
  type AuditRuleResult,
  type AuditRules,
  type ClauseStatus,
  coreAuditRules,
  type EvidenceBasis,
  type LabelCoverage,
  type LedgerSummary,
  type OutboxSummary,
  type RuleStatus,
} from '@anquan/core/audit';
import { type AnquanConfig, getConfig, hasLabelElements } from '@anquan/core/config-state';
import { type SafetyContext, type SafetyState, safetyContext } from '@anquan/core/context';
import { Ledger } from '@anquan/core/ledger';
import { getOutbox, type Outbox } from '@anquan/core/outbox';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';
import { VERSION } from '@anquan/core/version';
import { labelAuditRules } from '@anquan/label/audit';
import { minorModeAuditRules } from '@anquan/minor-mode/audit';
import { prescreenAuditRules } from '@anquan/prescreen/audit';
import { reportAuditRules } from '@anquan/report/audit';
import { CLAUSES, type Clause } from './audit-report/clauses.js';

export { CLAUSES, type Clause } from './audit-report/clauses.js';

export type {
  AuditFacts,
  AuditRule,
  AuditRuleResult,
  AuditRules,
  ClauseStatus,
  EvidenceBasis,
  LabelCoverage,
  LedgerSummary,
  OutboxSummary,
  RuleStatus,
};

/** One clause in the report: `measured` (with `how`), `declared`, `missing` or `not-applicable`. */
export interface ClauseResult extends Clause, Omit<AuditRuleResult, 'status'> {
  status: ClauseStatus;
}

export interface AuditReport {
  /** Format version of this report. */
  format: 'anquan-audit/2';
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
  summary: { measured: number; declared: number; missing: number; notApplicable: number; total: number };
}

export interface AuditDeclaration {
  /**
   * `declared`: the host applies the measure (accepted only for clauses the page cannot show, such as
   * API measures or the complaint channels' staffing); `not-applicable`: the clause does not apply.
   */
  status: 'declared' | 'not-applicable';
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
   * reported as `declared` (basis `declared`), never as measured; a declaration for a clause the page
   * can show is not accepted (the clause stays `missing`, and the evidence says so).
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

const clip = (value: string, n = 80) => (value.length > n ? `${value.slice(0, n - 1)}…` : value);

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

/**
 * Clause ID → rule, composed from the packages that own them. A clause ID owned twice is a build
 * error of the SDK, caught here when the module loads.
 */
export const AUDIT_RULES: AuditRules = composeRules(
  coreAuditRules,
  labelAuditRules,
  minorModeAuditRules,
  reportAuditRules,
  consentAuditRules,
  prescreenAuditRules,
);

function composeRules(...sets: AuditRules[]): AuditRules {
  const out: Record<string, AuditRule> = {};
  for (const set of sets)
    for (const [id, rule] of Object.entries(set)) {
      if (id in out) throw new Error(`audit: clause ${id} has two rules`);
      out[id] = rule;
    }
  return Object.freeze(out);
}

/** Clauses that apply only under the eu profile. */
function euOnly(c: Clause): boolean {
  return /\(eu profile\)/.test(c.source);
}

function evaluate(c: Clause, f: AuditFacts, declarations: Record<string, AuditDeclaration>): ClauseResult {
  if (euOnly(c) && f.profile !== 'eu') {
    return {
      ...c,
      status: 'not-applicable',
      basis: 'configured',
      measure: 'eu profile',
      evidence: [`the active profile is ${f.profile}; the clause applies under eu`],
    };
  }
  const declared = declarations[c.id];
  const rule = AUDIT_RULES[c.id];
  const observed = normalise(
    rule ? rule(f) : { status: 'missing', basis: 'observed', measure: '(no rule)', evidence: ['the audit has no rule for this clause'] },
  );
  if (declared && observed.status !== 'measured') {
    const notApplicable = declared.status === 'not-applicable';
    if (notApplicable || observed.declarable) {
      return {
        ...c,
        ...observed,
        status: notApplicable ? 'not-applicable' : 'declared',
        basis: 'declared',
        evidence: [`declared by the host: ${declared.note}`, ...observed.evidence],
      };
    }
    return {
      ...c,
      ...observed,
      evidence: [
        ...observed.evidence,
        `declaration not accepted ("${declared.note}"): the page can show this measure, so only a measurement counts`,
      ],
    };
  }
  return { ...c, ...observed };
}

/** A rule's `present` (element presence) is reported as measured by the DOM walk; nothing is present on a guess. */
function normalise(r: AuditRuleResult): Omit<AuditRuleResult, 'status'> & { status: ClauseStatus } {
  if (r.status !== 'present') return r as Omit<AuditRuleResult, 'status'> & { status: ClauseStatus };
  return { ...r, status: 'measured', how: r.how ?? 'found in the page by walking its DOM (open shadow roots included)' };
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

  const facts: AuditFacts = {
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
    format: 'anquan-audit/2',
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
    summary: {
      measured: count('measured'),
      declared: count('declared'),
      missing: count('missing'),
      notApplicable: count('not-applicable'),
      total: clauses.length,
    },
  };
}
