/**
 * `@anquan/prescreen/keywords`: obfuscation-aware keyword engine for GB/T 45654 input
 * detection, with the Appendix B keyword-library tooling (file formats, coverage report, signed
 * hot updates). Pure TypeScript without DOM: runs in a page, a worker and Node ≥ 20.
 *
 * @module
 */

export { type CoverageReport, coverageReport, type RiskCoverage } from './coverage.js';
export { KeywordLibraryError, type KeywordLibraryErrorCode, type KeywordLibraryIssue } from './errors.js';
export { formatKeywordLibrary, type KeywordLibraryFormat, parseKeywordLibrary } from './library.js';
export { type CompileOptions, KeywordMatcher, type KeywordMatcherOptions } from './matcher.js';
export {
  DEFAULT_NORMALIZE_OPTIONS,
  NORMALIZER_ID,
  type NormalizedText,
  type NormalizeOptions,
  normalizeTerm,
  normalizeText,
  type ResolvedNormalizeOptions,
  resolveNormalizeOptions,
} from './normalize.js';
export {
  APPENDIX_A_RISK_IDS,
  APPENDIX_B_KEYWORD_MINIMUMS,
  APPENDIX_B_KEYWORD_TOTAL,
  isKeywordRiskId,
  type KeywordMinimum,
  PRODUCT_RISK_IDS,
} from './risk.js';
export {
  generateKeywordSigningKey,
  type KeywordKey,
  type LoadedKeywordLibrary,
  type LoadKeywordLibraryOptions,
  loadKeywordLibrary,
  type SignedKeywordLibrary,
  signedBytes,
  signKeywordLibrary,
  type VerifyKeywordLibraryOptions,
  verifyKeywordLibrary,
} from './signed.js';
export { ensureT2s, hasTraditional, isTraditional, loadT2s, t2sLoaded, t2sSource, toSimplified } from './t2s.js';

import { installT2s } from './t2s.js';
import { T2S_PAIRS } from './t2s-data.js';

// This entry is the keyword tooling (Node, build scripts, hosts that compile or sign libraries): it
// has the traditional→simplified table at once. <aq-prescreen> and its default policy import the
// matcher directly and load the table only when traditional input first appears.
installT2s(T2S_PAIRS);

export type {
  CompiledKeywordLibrary,
  CompiledObfuscatedLibrary,
  CompiledPlainLibrary,
  KeywordEntry,
  KeywordMatch,
  MatcherSettings,
  RejectedEntry,
} from './types.js';
