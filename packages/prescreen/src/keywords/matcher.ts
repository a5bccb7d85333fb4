/**
 * `KeywordMatcher`: the obfuscation-aware keyword engine (GB/T 45654 input detection with
 * keywords, Appendix B keyword library).
 *
 * @module
 */
import { type AutomatonData, buildAutomaton, edgeFlags, FLAG_ALLOW, type PatternSpec } from './automaton.js';
import { base64ToBytes, bytesToBase64, decodeInts, encodeVarints, encodeWords } from './codec.js';
import { PlainEngine } from './engine.js';
import { KeywordLibraryError } from './errors.js';
import {
  codePointsToString,
  NORMALIZER_ID,
  type NormalizedText,
  type NormalizeOptions,
  normalizeTerm,
  normalizeText,
  resolveNormalizeOptions,
} from './normalize.js';
import { HashedEngine, type HashedParts, hashEdges } from './obfuscated.js';
import { isKeywordRiskId } from './risk.js';
import type {
  CompiledKeywordLibrary,
  CompiledObfuscatedLibrary,
  CompiledPlainLibrary,
  KeywordEntry,
  KeywordMatch,
  MatcherSettings,
  RejectedEntry,
  ScanEngine,
} from './types.js';

/** Options for {@link KeywordMatcher}. */
export interface KeywordMatcherOptions {
  /** Normalisation steps; all on by default. */
  normalize?: NormalizeOptions;
  /**
   * Allow-list: known false positives. A keyword match that lies entirely inside a match of
   * one of these phrases is dropped (e.g. allow `黑社会新闻` to keep `黑社会` from firing there).
   * Phrases are normalised like terms.
   */
  allow?: Iterable<string>;
  /**
   * Latin word boundaries: a term that starts (ends) with a Latin letter or digit does not
   * match when the original text has a Latin letter or digit right before (after) it, so `ass`
   * does not fire inside `class`. Off by default (every substring match is reported).
   */
  latinWordBoundary?: boolean;
}

/** Options for {@link KeywordMatcher.compile}. */
export interface CompileOptions {
  /** Store edges as salted hashes instead of characters, and drop the terms. */
  obfuscate?: boolean;
  /** 16-byte salt for the obfuscated form (random when left out). */
  salt?: Uint8Array;
}

interface PlainState {
  data: AutomatonData;
  terms: string[];
}

/**
 * Finds library keywords in text, through obfuscation (case, full-width, traditional
 * characters, zero-width and separator insertion, diacritics, Cyrillic/Greek look-alikes,
 * leetspeak), with offsets into the original text.
 *
 * ```ts
 * const m = new KeywordMatcher([{ term: '傻逼', risk: 'A1.f' }]);
 * m.match('你个傻*逼'); // [{ term: '傻逼', risk: 'A1.f', start: 2, end: 5 }]
 * ```
 *
 * Matching costs O(text length + number of matches) whatever the input (see the docs for the
 * output-sensitive bound). Client-side pre-screening is advisory: the server must re-check.
 */
export class KeywordMatcher {
  /** Normalisation and boundary settings in force. */
  declare readonly settings: MatcherSettings;
  /** Whether this matcher runs from an obfuscated library (matches then report the matched text as `term`). */
  declare readonly obfuscated: boolean;
  /** Number of distinct (canonical term, risk) keywords. */
  declare readonly size: number;
  /** Entries left out when building (e.g. a term that is only punctuation). */
  declare readonly rejected: readonly RejectedEntry[];
  /**
   * True when a compiled library was made with other normalisation tables than this build's
   * (an obfuscated library is then used as is; a plain one is re-built from its terms).
   */
  declare readonly normalizerMismatch: boolean;
  declare private readonly engine: ScanEngine;
  declare private readonly risks: string[];
  declare private readonly plain: PlainState | undefined;
  declare private readonly obfuscatedData: CompiledObfuscatedLibrary | undefined;

  /**
   * Builds a matcher from library entries.
   *
   * @throws KeywordLibraryError `unknown-risk` when an entry's risk is not a known risk ID,
   *   `parse` when an entry has no string `term`.
   */
  constructor(entries: Iterable<KeywordEntry>, options: KeywordMatcherOptions = {}) {
    const normalize = resolveNormalizeOptions(options.normalize);
    const settings: MatcherSettings = { normalize, latinWordBoundary: options.latinWordBoundary === true };
    const risks: string[] = [];
    const riskIndex = new Map<string, number>();
    const specs: PatternSpec[] = [];
    const terms: string[] = [];
    const seen = new Set<string>();
    const rejected: RejectedEntry[] = [];
    let index = 0;
    for (const entry of entries) {
      const term = entry?.term;
      const risk = entry?.risk;
      if (typeof term !== 'string') throw new KeywordLibraryError('parse', `keyword entry ${index}: "term" must be a string`);
      if (!isKeywordRiskId(risk)) {
        throw new KeywordLibraryError(
          'unknown-risk',
          `keyword entry ${index} (${JSON.stringify(term)}): unknown risk ID ${JSON.stringify(risk)}`,
        );
      }
      const cps = normalizeTerm(term, normalize);
      if (cps.length === 0) {
        rejected.push({ index, term, risk, reason: 'empty-after-normalisation' });
        index++;
        continue;
      }
      const key = `${codePointsToString(cps)}\u0000${risk}`;
      index++;
      if (seen.has(key)) continue;
      seen.add(key);
      let r = riskIndex.get(risk);
      if (r === undefined) {
        r = risks.length;
        risks.push(risk);
        riskIndex.set(risk, r);
      }
      specs.push({ cps, risk: r, flags: edgeFlags(cps) });
      terms.push(term);
    }
    const size = specs.length;
    for (const phrase of options.allow ?? []) {
      const cps = normalizeTerm(String(phrase), normalize);
      if (cps.length === 0) continue;
      const key = `${codePointsToString(cps)}\u0000#allow`;
      if (seen.has(key)) continue;
      seen.add(key);
      specs.push({ cps, risk: -1, flags: FLAG_ALLOW });
      terms.push(String(phrase));
    }
    const data = buildAutomaton(specs);
    this.init({
      settings,
      obfuscated: false,
      size,
      rejected,
      normalizerMismatch: false,
      risks,
      plain: { data, terms },
      obfuscatedData: undefined,
      engine: new PlainEngine(data, terms, risks, normalize, settings.latinWordBoundary),
    });
  }

  private init(fields: {
    settings: MatcherSettings;
    obfuscated: boolean;
    size: number;
    rejected: readonly RejectedEntry[];
    normalizerMismatch: boolean;
    risks: string[];
    plain: PlainState | undefined;
    obfuscatedData: CompiledObfuscatedLibrary | undefined;
    engine: ScanEngine;
  }): void {
    Object.assign(this, fields);
  }

  /**
   * Every keyword occurrence in `text`, overlapping and nested ones included, ordered by end
   * offset (longest first at the same end). Offsets are UTF-16 indices into `text`, end
   * exclusive; a match never starts or ends on a skipped character.
   */
  match(text: string): KeywordMatch[] {
    const out: KeywordMatch[] = [];
    const allow = SPANS;
    allow.length = 0;
    this.engine.scan(typeof text === 'string' ? text : String(text), out, allow, false);
    if (allow.length === 0) return out;
    const kept = dropAllowed(out, allow);
    allow.length = 0;
    return kept;
  }

  /** Whether `text` contains at least one keyword (stops at the first one when it can). */
  test(text: string): boolean {
    if (this.engine.hasAllow) return this.match(text).length > 0;
    const out: KeywordMatch[] = [];
    this.engine.scan(typeof text === 'string' ? text : String(text), out, SPANS, true);
    return out.length > 0;
  }

  /** The normalised form of `text` under this matcher's settings, with its map to the original. */
  normalize(text: string): NormalizedText {
    return normalizeText(text, this.settings.normalize);
  }

  /**
   * A JSON-safe compiled form for {@link KeywordMatcher.fromCompiled}. With `obfuscate`, the
   * edges are salted hashes and no term or character is stored (see `obfuscated.ts`).
   */
  compile(options: CompileOptions = {}): CompiledKeywordLibrary {
    if (this.obfuscatedData) return this.obfuscatedData;
    const { data, terms } = this.plain as PlainState;
    const base = {
      format: 'anquan-keywords' as const,
      formatVersion: 1 as const,
      normalizer: NORMALIZER_ID,
      options: { normalize: { ...this.settings.normalize }, latinWordBoundary: this.settings.latinWordBoundary },
      risks: [...this.risks],
      patterns: {
        count: data.patLen.length,
        length: encodeVarints(data.patLen),
        risk: encodeVarints(data.patRisk),
        flags: encodeVarints(data.patFlags),
      },
      states: data.states,
      fail: encodeVarints(data.fail),
      outStart: encodeVarints(data.outStart),
      outPat: encodeVarints(data.outPat),
    };
    if (!options.obfuscate) {
      const plain: CompiledPlainLibrary = {
        ...base,
        obfuscated: false,
        terms: [...terms],
        alphabet: encodeVarints(data.alphabet),
        parent: encodeVarints(data.parent),
        label: encodeVarints(data.label),
      };
      return plain;
    }
    const salt = options.salt ?? globalThis.crypto.getRandomValues(new Uint8Array(16));
    const { edgeA, edgeB, filter } = hashEdges(data, salt);
    return {
      ...base,
      obfuscated: true,
      salt: bytesToBase64(salt),
      edgeA: encodeWords(edgeA),
      edgeB: encodeWords(edgeB),
      filter: encodeWords(filter),
    };
  }

  /**
   * Loads a compiled library (from {@link KeywordMatcher.compile}, possibly after a JSON round
   * trip) without re-building the automaton.
   *
   * @throws KeywordLibraryError `format` when the object is not a valid compiled library.
   */
  static fromCompiled(compiled: CompiledKeywordLibrary): KeywordMatcher {
    const c = compiled as Partial<CompiledKeywordLibrary> | null;
    if (!c || typeof c !== 'object' || c.format !== 'anquan-keywords' || c.formatVersion !== 1) {
      throw new KeywordLibraryError('format', 'not a compiled keyword library (format "anquan-keywords", version 1)');
    }
    const states = c.states;
    if (!Number.isInteger(states) || (states as number) < 1) throw new KeywordLibraryError('format', 'compiled library: bad state count');
    const n = states as number;
    const settings: MatcherSettings = {
      normalize: resolveNormalizeOptions(c.options?.normalize),
      latinWordBoundary: c.options?.latinWordBoundary === true,
    };
    const risks = c.risks;
    if (!Array.isArray(risks) || !risks.every(isKeywordRiskId)) throw new KeywordLibraryError('format', 'compiled library: bad risk table');
    const pc = c.patterns?.count;
    if (!Number.isInteger(pc) || (pc as number) < 0) throw new KeywordLibraryError('format', 'compiled library: bad pattern count');
    const patCount = pc as number;
    const patLen = decodeInts(c.patterns?.length, 'patterns.length');
    const patRisk = decodeInts(c.patterns?.risk, 'patterns.risk');
    const patFlags = decodeInts(c.patterns?.flags, 'patterns.flags');
    const fail = decodeInts(c.fail, 'fail');
    const outStart = decodeInts(c.outStart, 'outStart');
    const outPat = decodeInts(c.outPat, 'outPat');
    checkLength(patLen, patCount, 'patterns.length');
    checkLength(patRisk, patCount, 'patterns.risk');
    checkLength(patFlags, patCount, 'patterns.flags');
    checkLength(fail, n, 'fail');
    checkLength(outStart, n + 1, 'outStart');
    checkLength(outPat, patCount, 'outPat');
    let size = 0;
    for (let p = 0; p < patCount; p++) {
      const allow = (patFlags[p] & FLAG_ALLOW) !== 0;
      if (patLen[p] < 1 || (allow ? patRisk[p] !== -1 : patRisk[p] < 0 || patRisk[p] >= risks.length)) {
        throw new KeywordLibraryError('format', `compiled library: bad pattern ${p}`);
      }
      if (!allow) size++;
    }
    for (let s = 0; s < n; s++) {
      if (fail[s] < 0 || (s > 0 && fail[s] >= s) || outStart[s + 1] < outStart[s]) {
        throw new KeywordLibraryError('format', `compiled library: bad state ${s}`);
      }
    }
    if (outStart[0] !== 0 || outStart[n] !== patCount || outPat.some((p) => p < 0 || p >= patCount)) {
      throw new KeywordLibraryError('format', 'compiled library: bad outputs');
    }
    const mismatch = c.normalizer !== NORMALIZER_ID;
    const matcher = Object.create(KeywordMatcher.prototype) as KeywordMatcher;

    if (c.obfuscated === true) {
      const o = c as CompiledObfuscatedLibrary;
      const salt = base64ToBytes(String(o.salt));
      if (salt.length !== 16) throw new KeywordLibraryError('format', 'compiled library: salt must be 16 bytes');
      const edgeA = decodeInts(o.edgeA, 'edgeA');
      const edgeB = decodeInts(o.edgeB, 'edgeB');
      const filter = decodeInts(o.filter, 'filter');
      checkLength(edgeA, n, 'edgeA');
      checkLength(edgeB, n, 'edgeB');
      checkLength(filter, n, 'filter');
      const parts: HashedParts = { states: n, salt, edgeA, edgeB, filter, fail, outStart, outPat, patLen, patRisk, patFlags };
      matcher.init({
        settings,
        obfuscated: true,
        size,
        rejected: [],
        normalizerMismatch: mismatch,
        risks: [...risks],
        plain: undefined,
        obfuscatedData: o,
        engine: new HashedEngine(parts, risks, settings.normalize, settings.latinWordBoundary),
      });
      return matcher;
    }
    if (c.obfuscated !== false) throw new KeywordLibraryError('format', 'compiled library: "obfuscated" must be true or false');
    const p = c as CompiledPlainLibrary;
    const terms = p.terms;
    if (!Array.isArray(terms) || terms.length !== patCount || !terms.every((t) => typeof t === 'string')) {
      throw new KeywordLibraryError('format', 'compiled library: bad term list');
    }
    if (mismatch) return rebuild(terms, patRisk, patFlags, risks, settings);
    const alphabet = decodeInts(p.alphabet, 'alphabet');
    const parent = decodeInts(p.parent, 'parent');
    const label = decodeInts(p.label, 'label');
    checkLength(parent, n, 'parent');
    checkLength(label, n, 'label');
    for (let s = 1; s < n; s++) {
      if (parent[s] < 0 || parent[s] >= s || label[s] < 1 || label[s] >= alphabet.length) {
        throw new KeywordLibraryError('format', `compiled library: bad edge into state ${s}`);
      }
    }
    const data: AutomatonData = { alphabet, states: n, parent, label, fail, outStart, outPat, patLen, patRisk, patFlags };
    matcher.init({
      settings,
      obfuscated: false,
      size,
      rejected: [],
      normalizerMismatch: false,
      risks: [...risks],
      plain: { data, terms: [...terms] },
      obfuscatedData: undefined,
      engine: new PlainEngine(data, terms, risks, settings.normalize, settings.latinWordBoundary),
    });
    return matcher;
  }
}

/** Scratch buffer for allow-list spans (scans are synchronous, so one buffer serves every matcher). */
const SPANS: number[] = [];

function checkLength(a: Int32Array, n: number, what: string): void {
  if (a.length !== n) throw new KeywordLibraryError('format', `compiled library: ${what} has ${a.length} entries, expected ${n}`);
}

/** A plain library compiled with other normalisation tables: build it again from its terms. */
function rebuild(terms: string[], patRisk: Int32Array, patFlags: Int32Array, risks: string[], settings: MatcherSettings): KeywordMatcher {
  const entries: KeywordEntry[] = [];
  const allow: string[] = [];
  for (let p = 0; p < terms.length; p++) {
    if (patFlags[p] & FLAG_ALLOW) allow.push(terms[p]);
    else entries.push({ term: terms[p], risk: risks[patRisk[p]] });
  }
  const m = new KeywordMatcher(entries, { normalize: settings.normalize, latinWordBoundary: settings.latinWordBoundary, allow });
  (m as { normalizerMismatch: boolean }).normalizerMismatch = true;
  return m;
}

/** Drops matches that lie entirely inside an allow-list span. O((m + a) log a). */
function dropAllowed(matches: KeywordMatch[], allow: number[]): KeywordMatch[] {
  const count = allow.length / 2;
  const order = Array.from({ length: count }, (_, i) => i).sort((x, y) => allow[2 * x] - allow[2 * y]);
  const starts = new Int32Array(count);
  const maxEnd = new Int32Array(count);
  let running = -1;
  for (let j = 0; j < count; j++) {
    starts[j] = allow[2 * order[j]];
    running = Math.max(running, allow[2 * order[j] + 1]);
    maxEnd[j] = running;
  }
  return matches.filter((m) => {
    // Last allow span starting at or before m.start.
    let lo = 0;
    let hi = count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= m.start) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 || maxEnd[found] < m.end;
  });
}
