// The shape of audit rules (`@anquan/core/audit`). Each package owns the rules for the clauses its
// elements answer and exports them as `AuditRules`; `audit()` in the umbrella gathers the facts once
// and only composes the packages' rules. Rules read element *properties* (what a React or Vue
// wrapper sets), never attribute strings. Importing this module touches no `window` or `document`.
import type { AnquanConfig } from './config-state.js';
import type { SafetyState } from './context.js';
import type { VerifyResult } from './ledger.js';
import { APPENDIX_A_RISKS, CATEGORIES } from './taxonomy.js';

/**
 * What the audit knows of a clause. `measured`: the audit itself found the measure and says how
 * (`how`, with the figure: the elements found by walking the page DOM, the click depth to the
 * opt-out, the policy a pre-screen loaded); `declared`: the host said so, accepted only for clauses
 * the page cannot show (API measures, server endpoints, staffing); `missing`: neither;
 * `not-applicable`: the clause does not apply (the profile, or the host's declaration).
 * Never "present" on a guess.
 */
export type ClauseStatus = 'measured' | 'declared' | 'missing' | 'not-applicable';

/**
 * What a rule may return. `present` is the former name of `measured` for element-presence rules:
 * `audit()` reports it as `measured` by the DOM walk that found the elements.
 * @deprecated return `measured` with `how`.
 */
export type RuleStatus = ClauseStatus | 'present';

/**
 * Where a status comes from: `observed` in the live page or storage, `configured` in the active
 * profile, `sdk` (built into the SDK), or `declared` by the host through `declarations`.
 */
export type EvidenceBasis = 'observed' | 'configured' | 'sdk' | 'declared';

/** What one rule says of one clause. */
export interface AuditRuleResult {
  status: RuleStatus;
  basis: EvidenceBasis;
  /** For `measured`: the figure and how the audit measured it. */
  how?: string;
  /**
   * True when only the host can meet or show the clause (an API measure, a server endpoint, the
   * complaint channels' staffing): a host declaration then counts as `declared`. A declaration for a
   * clause the page can show is not accepted; the clause stays `missing` until the page shows it.
   */
  declarable?: boolean;
  /** The measure that answers the clause (element or API). */
  measure: string;
  /** Facts an assessor can check: elements and their properties, configured values, counts. */
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

/** The facts every clause rule reads, gathered once by `audit()`. */
export interface AuditFacts {
  config: AnquanConfig;
  profile: 'cn' | 'eu';
  /** aq-* tag → the elements (open shadow roots included), in document order. */
  tags: ReadonlyMap<string, readonly Element[]>;
  labels: LabelCoverage;
  ledgers: ReadonlyMap<string, LedgerSummary>;
  outbox: OutboxSummary;
  context: SafetyState;
  /** Elements marked `data-aq-adult-only`. */
  adultOnly: number;
}

export type AuditRule = (facts: AuditFacts) => AuditRuleResult;

/** Clause ID → the rule that answers it. Each clause ID is owned by exactly one package. */
export type AuditRules = Readonly<Record<string, AuditRule>>;

function clip(value: string, n = 80): string {
  return value.length > n ? `${value.slice(0, n - 1)}…` : value;
}

/** `<aq-x a="1" b>`: the element with its attributes, for evidence. */
export function describeElement(el: Element): string {
  const attrs = Array.from(el.attributes)
    .filter((a) => !['class', 'style'].includes(a.name))
    .map((a) => (a.value === '' ? a.name : `${a.name}="${clip(a.value, 60)}"`));
  return `<${el.localName}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`;
}

/** A property of an element, read as the element sees it (wrappers set properties, not attributes). */
export function prop<T>(el: Element, name: string): T | undefined {
  return (el as unknown as Record<string, T | undefined>)[name];
}

/** The elements with this tag. */
export const elementsOf = (f: AuditFacts, tag: string): readonly Element[] => f.tags.get(tag) ?? [];
/** Whether the page has an element with this tag. */
export const hasElement = (f: AuditFacts, tag: string): boolean => elementsOf(f, tag).length > 0;

/** The first three elements with this tag, described, and a count of the rest. */
export function listElements(f: AuditFacts, tag: string): string[] {
  const els = elementsOf(f, tag);
  const shown = els.slice(0, 3).map(describeElement);
  return els.length > 3 ? [...shown, `… ${els.length - 3} more <${tag}>`] : shown;
}

/** `wording.key: "zh" / "en"`. */
export const wordingLine = (f: AuditFacts, key: keyof AnquanConfig['wording']): string =>
  `wording.${key}: "${f.config.wording[key]['zh-CN']}" / "${f.config.wording[key].en}"`;

/** `measures.x = true`. */
export const measureLine = (f: AuditFacts, m: keyof AnquanConfig['measures']): string => `measures.${m} = ${f.config.measures[m]}`;

/** One line on a ledger: its records per type and whether its chain verifies. */
export function ledgerLine(f: AuditFacts, name: string): string {
  const l = f.ledgers.get(name);
  if (!l) return `ledger "${name}" not read`;
  const types = Object.entries(l.types)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `ledger "${name}": ${l.records} records${types ? ` (${types})` : ''}, chain ${l.verified.ok ? 'verified' : `BROKEN at ${l.verified.brokenAt}: ${l.verified.reason}`}`;
}

/** A clause met by an element on the page. */
export function byElement(tag: string | string[], extra: (f: AuditFacts) => string[] = () => [], measure?: string): AuditRule {
  const tags = Array.isArray(tag) ? tag : [tag];
  return (f) => {
    const found = tags.filter((t) => hasElement(f, t));
    return {
      status: found.length ? 'measured' : 'missing',
      basis: 'observed',
      ...(found.length
        ? {
            how: `found ${found.map((t) => `${elementsOf(f, t).length} <${t}>`).join(', ')} by walking the page DOM (open shadow roots included)`,
          }
        : {}),
      measure: measure ?? tags.map((t) => `<${t}>`).join(' or '),
      evidence: found.length
        ? [...found.flatMap((t) => listElements(f, t)), ...extra(f)]
        : [`no ${tags.map((t) => `<${t}>`).join(' or ')} in the page`, ...extra(f)],
    };
  };
}

/** A clause met through an API the page cannot show; the host declares it. */
export function byApi(measure: string, extra: (f: AuditFacts) => string[] = () => []): AuditRule {
  return (f) => ({
    status: 'missing',
    basis: 'observed',
    declarable: true,
    measure,
    evidence: [`not observable in the page: applied by ${measure}; declare it in audit({ declarations })`, ...extra(f)],
  });
}

/** The clauses core answers: the risk taxonomy every package uses. */
export const coreAuditRules: AuditRules = {
  'GBT45654-A-taxonomy': () => ({
    status: 'measured',
    basis: 'sdk',
    how: `counted ${APPENDIX_A_RISKS.length} Appendix A risks in the taxonomy the SDK ships`,
    measure: 'the risk taxonomy of @anquan/core',
    evidence: [
      `${APPENDIX_A_RISKS.length} Appendix A risks in ${CATEGORIES.filter((c) => !c.outsideStandard).length} categories, used by reports, keywords and the classifier`,
    ],
  }),
};
