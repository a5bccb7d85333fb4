/**
 * Risk IDs accepted in a keyword library, from the one taxonomy module of `@anquan/core`
 * (`@anquan/core/taxonomy` is DOM-free, so the keyword engine still runs in workers and Node).
 *
 * @module
 */
import { APPENDIX_A_RISKS, isRiskId, KEYWORD_RISKS, RISKS } from '@anquan/core/taxonomy';

/** The 31 risks of GB/T 45654 Appendix A, as stable IDs. */
export const APPENDIX_A_RISK_IDS: readonly string[] = Object.freeze(APPENDIX_A_RISKS.map((r) => r.id));

/** Product categories outside the standard (non-Appendix values). */
export const PRODUCT_RISK_IDS: readonly string[] = Object.freeze(RISKS.filter((r) => r.outsideStandard).map((r) => r.id));

const PRODUCT_PATTERN = /^P\.[a-z][a-z-]{1,31}$/;

/**
 * Whether `id` is a risk a keyword may carry: a risk of the core taxonomy (`A1.a` … `A5.b`, the
 * product categories), or an operator's own product category `P.<name>` (lower-case letters and
 * hyphens, e.g. `P.gambling`).
 */
export function isKeywordRiskId(id: unknown): id is string {
  return isRiskId(id) || (typeof id === 'string' && PRODUCT_PATTERN.test(id));
}

/** Appendix B keyword minimum for one risk. */
export interface KeywordMinimum {
  /** Risk ID, e.g. `A1.a`. */
  risk: string;
  /** Appendix A name in Chinese. */
  zh: string;
  /** English rendering. */
  en: string;
  /** Minimum number of canonical keywords. */
  min: number;
}

/** Appendix B §3.1: at least 200 keywords per A.1 risk and 100 per A.2 risk (from the core taxonomy). */
export const APPENDIX_B_KEYWORD_MINIMUMS: readonly KeywordMinimum[] = Object.freeze(
  KEYWORD_RISKS.map((r) => ({ risk: r.id, zh: r.zh, en: r.en, min: r.minKeywords })),
);

/** Appendix B §3.1: at least 10,000 keywords in total. */
export const APPENDIX_B_KEYWORD_TOTAL = 10_000;
