/**
 * Appendix B keyword-library coverage: total ≥ 10,000, ≥ 200 per A.1 risk, ≥ 100 per A.2 risk,
 * counting canonical terms (normalised, deduplicated), not spelling variants.
 *
 * @module
 */
import { codePointsToString, type NormalizeOptions, normalizeTerm, resolveNormalizeOptions } from './normalize.js';
import { APPENDIX_B_KEYWORD_MINIMUMS, APPENDIX_B_KEYWORD_TOTAL } from './risk.js';
import type { KeywordEntry } from './types.js';

/** Coverage of one Appendix B risk. */
export interface RiskCoverage {
  /** Risk ID, e.g. `A1.a`. */
  risk: string;
  /** Appendix A name in Chinese. */
  zh: string;
  /** English rendering. */
  en: string;
  /** Minimum from Appendix B. */
  required: number;
  /** Canonical terms carrying this risk. */
  count: number;
  /** How many more are needed (0 when met). */
  missing: number;
  /** Whether the minimum is met. */
  pass: boolean;
}

/** Result of {@link coverageReport}. */
export interface CoverageReport {
  /** Distinct canonical terms in the library (a term filed under two risks counts once). */
  total: number;
  /** Appendix B minimum total (10,000). */
  requiredTotal: number;
  /** How many more terms the total needs (0 when met). */
  totalMissing: number;
  /** The 17 A.1/A.2 risks with their counts, in Appendix A order. */
  risks: RiskCoverage[];
  /** Canonical-term counts for other risks (A.3–A.5, product categories). */
  otherRisks: Record<string, number>;
  /** The risks below their minimum, with how many terms each still needs. */
  missing: { risk: string; missing: number }[];
  /** Entries whose term normalises to nothing (not counted). */
  emptyTerms: number;
  /** True when the total and every per-risk minimum are met. */
  pass: boolean;
}

/**
 * Counts canonical terms per risk against GB/T 45654 Appendix B. Terms are normalised with
 * `normalize` (default: every step, as the matcher does) and deduplicated, so `傻逼`, `傻 逼`
 * and `傻*逼` count once, as do `國家` and `国家`.
 */
export function coverageReport(entries: Iterable<KeywordEntry>, options: { normalize?: NormalizeOptions } = {}): CoverageReport {
  const o = resolveNormalizeOptions(options.normalize);
  const all = new Set<string>();
  const perRisk = new Map<string, Set<string>>();
  let emptyTerms = 0;
  for (const e of entries) {
    const cps = normalizeTerm(String(e.term), o);
    if (cps.length === 0) {
      emptyTerms++;
      continue;
    }
    const canonical = codePointsToString(cps);
    all.add(canonical);
    let set = perRisk.get(e.risk);
    if (!set) {
      set = new Set();
      perRisk.set(e.risk, set);
    }
    set.add(canonical);
  }
  const risks: RiskCoverage[] = APPENDIX_B_KEYWORD_MINIMUMS.map((m) => {
    const count = perRisk.get(m.risk)?.size ?? 0;
    const missing = Math.max(0, m.min - count);
    return { risk: m.risk, zh: m.zh, en: m.en, required: m.min, count, missing, pass: missing === 0 };
  });
  const otherRisks: Record<string, number> = {};
  for (const [risk, set] of [...perRisk].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!APPENDIX_B_KEYWORD_MINIMUMS.some((m) => m.risk === risk)) otherRisks[risk] = set.size;
  }
  const totalMissing = Math.max(0, APPENDIX_B_KEYWORD_TOTAL - all.size);
  const missing = risks.filter((r) => r.missing > 0).map((r) => ({ risk: r.risk, missing: r.missing }));
  return {
    total: all.size,
    requiredTotal: APPENDIX_B_KEYWORD_TOTAL,
    totalMissing,
    risks,
    otherRisks,
    missing,
    emptyTerms,
    pass: totalMissing === 0 && missing.length === 0,
  };
}
