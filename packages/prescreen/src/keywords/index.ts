/**
 * `@anquan/prescreen/keywords`: obfuscation-aware keyword engine for GB/T 45654 input
 * detection, with the Appendix B keyword-library tooling (file formats, coverage report, signed
 * hot updates). Pure TypeScript without DOM: runs in a page, a worker and Node ≥ 20.
 *
 * @module
 */
export { KeywordMatcher, type KeywordMatcherOptions, type CompileOptions } from './matcher.js';
export type {
  KeywordEntry,
  KeywordMatch,
  RejectedEntry,
  MatcherSettings,
  CompiledKeywordLibrary,
  CompiledPlainLibrary,
  CompiledObfuscatedLibrary,
} from './types.js';
export {
  normalizeText,
  normalizeTerm,
  resolveNormalizeOptions,
  DEFAULT_NORMALIZE_OPTIONS,
  NORMALIZER_ID,
  type NormalizeOptions,
  type ResolvedNormalizeOptions,
  type NormalizedText,
} from './normalize.js';
export { toSimplified, t2sSource } from './t2s.js';
export { parseKeywordLibrary, formatKeywordLibrary, type KeywordLibraryFormat } from './library.js';
export { coverageReport, type CoverageReport, type RiskCoverage } from './coverage.js';
export {
  signKeywordLibrary,
  verifyKeywordLibrary,
  loadKeywordLibrary,
  generateKeywordSigningKey,
  signedBytes,
  type SignedKeywordLibrary,
  type KeywordKey,
  type VerifyKeywordLibraryOptions,
  type LoadKeywordLibraryOptions,
  type LoadedKeywordLibrary,
} from './signed.js';
export { KeywordLibraryError, type KeywordLibraryErrorCode, type KeywordLibraryIssue } from './errors.js';
export {
  isKeywordRiskId,
  APPENDIX_A_RISK_IDS,
  PRODUCT_RISK_IDS,
  APPENDIX_B_KEYWORD_MINIMUMS,
  APPENDIX_B_KEYWORD_TOTAL,
  type KeywordMinimum,
} from './risk.js';
