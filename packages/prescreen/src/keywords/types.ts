import type { ResolvedNormalizeOptions } from './normalize.js';

/** One library entry: a keyword and the risk it signals. */
export interface KeywordEntry {
  /** The keyword as written in the library (normalised before compiling). */
  term: string;
  /** Risk ID: `A1.a` … `A5.b`, or a product category such as `P.self-harm`. */
  risk: string;
}

/** One match in a scanned text. */
export interface KeywordMatch {
  /**
   * The library term (plain libraries), or the matched slice of the original text (obfuscated
   * libraries, which do not carry their terms).
   */
  term: string;
  /** Risk ID of the term. */
  risk: string;
  /** UTF-16 offset of the match's first character in the original text. */
  start: number;
  /** UTF-16 offset just after the match's last character (exclusive). */
  end: number;
}

/** A library entry that was left out, and why. */
export interface RejectedEntry {
  /** Position of the entry in the input. */
  index: number;
  /** The entry's term. */
  term: string;
  /** The entry's risk ID. */
  risk: string;
  /** Why it was left out. */
  reason: 'empty-after-normalisation';
}

/** Options that shape matching, as stored with a compiled library. */
export interface MatcherSettings {
  /** Normalisation steps. */
  normalize: ResolvedNormalizeOptions;
  /** Whether a term that begins (ends) with a Latin letter or digit must not touch a Latin letter or digit before (after) it. */
  latinWordBoundary: boolean;
}

/** Shared part of both compiled forms. Integer arrays are encoded strings (see `codec.ts`). */
export interface CompiledBase {
  /** Always `anquan-keywords`. */
  format: 'anquan-keywords';
  /** Layout version of this object. */
  formatVersion: 1;
  /** Normalisation rules and tables the library was compiled with. */
  normalizer: string;
  /** Matching options. */
  options: MatcherSettings;
  /** Risk IDs referred to by `patterns.risk`. */
  risks: string[];
  /** Per pattern: canonical length, risk index (-1: allow phrase), flag bits. */
  patterns: { count: number; length: string; risk: string; flags: string };
  /** Number of automaton states. */
  states: number;
  /** Failure link per state. */
  fail: string;
  /** Start of each state's outputs in `outPat` (states + 1 entries). */
  outStart: string;
  /** Pattern indices grouped by end state. */
  outPat: string;
}

/** Plain compiled library: carries its terms and alphabet. */
export interface CompiledPlainLibrary extends CompiledBase {
  obfuscated: false;
  /** Library term (as written) per pattern. */
  terms: string[];
  /** Symbol → code point. */
  alphabet: string;
  /** Parent state of each state. */
  parent: string;
  /** Edge symbol into each state. */
  label: string;
}

/** Obfuscated compiled library: edges are salted 64-bit hashes, no term or character is stored. */
export interface CompiledObfuscatedLibrary extends CompiledBase {
  obfuscated: true;
  /** Base64 of the 16-byte salt of the edge hashes. */
  salt: string;
  /** First 32 bits of each state's edge hash (state 0 unused). */
  edgeA: string;
  /** Second 32 bits of each state's edge hash. */
  edgeB: string;
  /** Per state: salted 32-bit filter of its children's characters (one of 32 buckets each; 0 for a leaf). */
  filter: string;
}

/** A compiled library: a JSON-safe object; `KeywordMatcher.fromCompiled` loads it without re-building. */
export type CompiledKeywordLibrary = CompiledPlainLibrary | CompiledObfuscatedLibrary;

/** What a scanning engine implements. */
export interface ScanEngine {
  /**
   * Appends keyword matches to `out` (in order of end offset) and allow-list spans to `allow`
   * (as start, end pairs). With `stopAtFirst`, returns after the first keyword match.
   */
  scan(text: string, out: KeywordMatch[], allow: number[], stopAtFirst: boolean): void;
  /** Whether any pattern is an allow-list phrase. */
  readonly hasAllow: boolean;
}
