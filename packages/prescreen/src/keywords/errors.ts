/** What went wrong, for {@link KeywordLibraryError}. */
export type KeywordLibraryErrorCode =
  /** A JSONL/CSV line (or an entry given to the matcher) could not be read; `issues` lists every bad line. */
  | 'parse'
  /** An entry names a risk ID that is neither an Appendix A ID nor a `P.*` product category. */
  | 'unknown-risk'
  /** A compiled library is malformed or of an unknown format. */
  | 'format'
  /** A signed library's signature does not verify. */
  | 'signature'
  /** A signed library is older than the version the caller already has. */
  | 'version'
  /** The library (or the traditional→simplified table) could not be fetched. */
  | 'fetch'
  /** Text with traditional characters met the normaliser before the traditional→simplified table loaded (`loadT2s()`). */
  | 't2s-pending';

/** One bad line of a keyword library file. */
export interface KeywordLibraryIssue {
  /** 1-based line number in the file. */
  line: number;
  /** What is wrong with the line. */
  message: string;
}

/** Typed error of the keyword engine: check `code` rather than the message. */
export class KeywordLibraryError extends Error {
  /** Machine-readable reason. */
  readonly code: KeywordLibraryErrorCode;
  /** For `parse` / `unknown-risk`: every bad line found (up to 100). */
  readonly issues: readonly KeywordLibraryIssue[];

  constructor(code: KeywordLibraryErrorCode, message: string, issues: readonly KeywordLibraryIssue[] = []) {
    super(message);
    this.name = 'KeywordLibraryError';
    this.code = code;
    this.issues = issues;
  }

  /** Line number of the first bad line, where there is one. */
  get line(): number | undefined {
    return this.issues[0]?.line;
  }
}
