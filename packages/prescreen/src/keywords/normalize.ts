/**
 * Normalisation of keyword text: the same per-code-point folding is applied to library terms
 * when they are compiled and to user input while it is scanned, so obfuscated spellings land on
 * the same canonical characters. Every step maps one code point to at most one code point, so a
 * normalised character always points back to exactly one span of the original text.
 *
 * @module
 */
import { t2sSource, toSimplified } from './t2s.js';

/** Switches for each normalisation step. Every step is on unless set to `false`. */
export interface NormalizeOptions {
  /** Lower-case letters (Unicode simple lower-casing, first code point). */
  caseFold?: boolean;
  /** Compatibility folding: full-width → half-width (ｆｕｃｋ → fuck), ideographic space, circled and mathematical letters, Kangxi radicals (NFKC where it gives one code point). */
  fullWidth?: boolean;
  /** Traditional (and Hong Kong variant) characters → simplified, from the OpenCC tables (國 → 国). */
  traditionalToSimplified?: boolean;
  /** Drop invisible characters: zero-width space/joiners, bidi marks, BOM, soft hyphen, variation selectors, Hangul fillers. */
  zeroWidth?: boolean;
  /** Skip whitespace, punctuation and symbols (incl. emoji) between characters: 傻 逼, 傻*逼, f.u.c.k. */
  separators?: boolean;
  /** Strip diacritics (é → e, ł → l) and drop combining marks. */
  diacritics?: boolean;
  /** Fold Cyrillic and Greek letters that look like Latin ones (а → a, ο → o, Η → H). */
  lookalikes?: boolean;
  /** Latin leetspeak: 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s next to a Latin letter; `l` and `i` share the class character `i`. */
  leetspeak?: boolean;
}

/** {@link NormalizeOptions} with every switch decided. */
export type ResolvedNormalizeOptions = Required<NormalizeOptions>;

/** Every step on. */
export const DEFAULT_NORMALIZE_OPTIONS: Readonly<ResolvedNormalizeOptions> = Object.freeze({
  caseFold: true,
  fullWidth: true,
  traditionalToSimplified: true,
  zeroWidth: true,
  separators: true,
  diacritics: true,
  lookalikes: true,
  leetspeak: true,
});

/** Identifies the normalisation rules and tables; compiled libraries record it. */
export const NORMALIZER_ID = `aq-norm/1;t2s=${t2sSource}`;

/** Fills in defaults (every step on). Unknown keys are ignored. */
export function resolveNormalizeOptions(options?: NormalizeOptions): ResolvedNormalizeOptions {
  const o = { ...DEFAULT_NORMALIZE_OPTIONS };
  if (options) {
    for (const k of Object.keys(o) as (keyof ResolvedNormalizeOptions)[]) {
      const v = options[k];
      if (v !== undefined) o[k] = v !== false;
    }
  }
  return o;
}

/** Returned by {@link foldCodePoint} for a code point that vanishes (invisible or combining). */
export const SKIP = -1;

const SEPARATOR_RE = /^[\p{Z}\p{P}\p{S}\p{Cc}]$/u;
const FORMAT_RE = /^\p{Cf}$/u;

/** Zero-width and other invisible characters removed by the `zeroWidth` step. */
export function isInvisible(cp: number): boolean {
  if (cp < 0xad) return false;
  if (cp === 0xad || cp === 0x34f || cp === 0x115f || cp === 0x1160 || cp === 0x17b4 || cp === 0x17b5) return true;
  if (cp === 0x3164 || cp === 0xffa0 || cp === 0x2800) return true;
  if ((cp >= 0x180b && cp <= 0x180f) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return true;
  return FORMAT_RE.test(String.fromCodePoint(cp));
}

/** Combining diacritical marks dropped by the `diacritics` step. */
export function isCombiningMark(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f)
  );
}

/** Whitespace, punctuation, symbols (emoji included) and control characters. */
export function isSeparator(cp: number): boolean {
  if (cp < 0x80) {
    return !((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a));
  }
  return SEPARATOR_RE.test(String.fromCodePoint(cp));
}

/** Letters without a canonical decomposition that still read as a plain Latin letter (pairs). */
const STROKED = new Map<number, number>([
  [0xd8, 0x4f],
  [0xf8, 0x6f],
  [0x110, 0x44],
  [0x111, 0x64],
  [0x126, 0x48],
  [0x127, 0x68],
  [0x131, 0x69],
  [0x141, 0x4c],
  [0x142, 0x6c],
  [0x166, 0x54],
  [0x167, 0x74],
  [0x180, 0x62],
  [0x197, 0x49],
  [0x268, 0x69],
  [0x1e9e, 0x53],
  [0xdf, 0x73],
]);

/** Cyrillic and Greek letters that look like Latin ones (both cases; case folding runs after). */
const LOOKALIKE_PAIRS =
  // Cyrillic capitals
  'АAВBЕEЁEЅSІIЇIЈJКKМMНHОOРPСCТTУYХXҮYӀI' +
  // Cyrillic small letters
  'аaвbгrеeёeѕsіiїiјjкkмmнhоoпnрpсcтtуyхxьbһhԁdԛqԝwүyӏlщwшw' +
  // Greek capitals
  'ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXϜF' +
  // Greek small letters
  'αaβbγyεeηnιiκkμuνvοoρpτtυuχxωwϲcϳjάaέeήnίiόoύuώw';
const LOOKALIKES = new Map<number, number>();
for (let i = 0; i < LOOKALIKE_PAIRS.length; i += 2) {
  LOOKALIKES.set(LOOKALIKE_PAIRS.charCodeAt(i), LOOKALIKE_PAIRS.charCodeAt(i + 1));
}

/** Leetspeak digits and symbols and the letter each stands for, indexed by ASCII code (-1: none). */
const LEET = new Int32Array(128).fill(-1);
LEET[0x30] = 0x6f; // 0 → o
LEET[0x31] = 0x69; // 1 → i (the i/l class character)
LEET[0x33] = 0x65; // 3 → e
LEET[0x34] = 0x61; // 4 → a
LEET[0x35] = 0x73; // 5 → s
LEET[0x37] = 0x74; // 7 → t
LEET[0x40] = 0x61; // @ → a
LEET[0x24] = 0x73; // $ → s

/** The letter a leetspeak character stands for, or -1. Takes a folded code point. */
export function leetLetter(cp: number): number {
  return cp < 0x80 ? LEET[cp] : -1;
}

/** `a`–`z` or `A`–`Z`. */
export function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
}

function single(s: string, fallback: number): number {
  const cp = s.codePointAt(0);
  if (cp === undefined) return fallback;
  return s.length === (cp > 0xffff ? 2 : 1) ? cp : fallback;
}

/**
 * Folds one code point through every enabled step except separator skipping and the
 * context-dependent leetspeak digits: returns the folded code point, or {@link SKIP} when the
 * code point vanishes (invisible character, combining mark).
 */
export function foldCodePoint(cp: number, o: ResolvedNormalizeOptions): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return cp; // lone surrogate: left as is
  if (o.zeroWidth && isInvisible(cp)) return SKIP;
  let x = cp;
  if (o.fullWidth) {
    if (x >= 0xff01 && x <= 0xff5e) x -= 0xfee0;
    else if (x === 0x3000) x = 0x20;
    else if (x >= 0xa0) x = single(String.fromCodePoint(x).normalize('NFKC'), x);
  }
  if (o.diacritics) {
    if (isCombiningMark(x)) return SKIP;
    if (x >= 0xc0) {
      const stroked = STROKED.get(x);
      if (stroked !== undefined) x = stroked;
      else if (x < 0x2e80 || (x >= 0xf900 && x <= 0xfaff)) {
        const d = String.fromCodePoint(x).normalize('NFD');
        const base = d.codePointAt(0) as number;
        const baseLen = base > 0xffff ? 2 : 1;
        let marksOnly = d.length > baseLen;
        for (let i = baseLen; i < d.length && marksOnly; i++) marksOnly = isCombiningMark(d.charCodeAt(i));
        if (marksOnly || (d.length === baseLen && base !== x)) x = base;
      }
    }
  }
  if (o.lookalikes) x = LOOKALIKES.get(x) ?? x;
  if (o.caseFold) {
    if (x < 0x80) {
      if (x >= 0x41 && x <= 0x5a) x += 0x20;
    } else {
      const lower = String.fromCodePoint(x).toLowerCase();
      const first = lower.codePointAt(0) as number;
      // İ lower-cases to i + combining dot: keep the base letter.
      if (lower.length === (first > 0xffff ? 2 : 1) || isCombiningMark(lower.charCodeAt(lower.length - 1))) x = first;
    }
  }
  if (o.traditionalToSimplified) x = toSimplified(x);
  if (o.leetspeak) {
    if (x === 0x6c)
      x = 0x69; // l → i
    else if (x === 0x4c) x = 0x49; // L → I
  }
  return x;
}

const foldCaches = new Map<string, Map<number, number>>();

/** {@link foldCodePoint} for fixed options, memoised (bounded) per option set. */
function folder(o: ResolvedNormalizeOptions): (cp: number) => number {
  const key = Object.values(o).map(Number).join('');
  let cache = foldCaches.get(key);
  if (!cache) {
    cache = new Map();
    foldCaches.set(key, cache);
  }
  const c = cache;
  return (cp) => {
    let x = c.get(cp);
    if (x === undefined) {
      if (c.size >= 65536) c.clear();
      x = foldCodePoint(cp, o);
      c.set(cp, x);
    }
    return x;
  };
}

/** The code point at `i` of `text` (a lone surrogate stands for itself). */
export function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** A normalised text with a map back to the original. */
export interface NormalizedText {
  /** The normalised text. */
  text: string;
  /** Normalised code points, in order. */
  codePoints: number[];
  /** For each normalised code point, the UTF-16 offset of its source character in the original. */
  starts: number[];
  /** For each normalised code point, the UTF-16 offset just after its source character. */
  ends: number[];
}

/**
 * Normalises a text exactly as {@link KeywordMatcher} sees it while scanning: skipped
 * characters are left out and every remaining code point keeps the span of the original
 * character it came from.
 *
 * Leetspeak characters (`0 1 3 4 5 7 @ $`) become letters only when the previous kept
 * character, or the next character that is not skipped, is a Latin letter; otherwise they stay
 * digits (or, for `@`/`$`, separators). So `f4ck` reads `fack`, while `2024` stays `2024`.
 */
export function normalizeText(text: string, options?: NormalizeOptions): NormalizedText {
  const o = resolveNormalizeOptions(options);
  const fold = folder(o);
  const codePoints: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let prevLatin = false;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const cp = codePointAt(text, i);
    const w = cp > 0xffff ? 2 : 1;
    const x = fold(cp);
    let out = x;
    if (x !== SKIP) {
      const leet = o.leetspeak ? leetLetter(x) : -1;
      const sep = o.separators && isSeparator(x);
      if (leet >= 0) {
        if (prevLatin || nextIsLatin(text, i + w, o, fold)) out = leet;
        else out = sep ? SKIP : x;
      } else if (sep) out = SKIP;
    }
    if (out !== SKIP) {
      codePoints.push(out);
      starts.push(i);
      ends.push(i + w);
      prevLatin = isAsciiLetter(out);
    }
    i += w;
  }
  return { text: codePointsToString(codePoints), codePoints, starts, ends };
}

/** Builds a string from code points without spreading (safe for long inputs). */
export function codePointsToString(cps: readonly number[]): string {
  let s = '';
  for (let i = 0; i < cps.length; i += 4096) s += String.fromCodePoint(...cps.slice(i, i + 4096));
  return s;
}

/** Whether the next character after `from` that is not skipped is a plain Latin letter. */
function nextIsLatin(text: string, from: number, o: ResolvedNormalizeOptions, fold: (cp: number) => number): boolean {
  for (let j = from; j < text.length; ) {
    const cp = codePointAt(text, j);
    const x = fold(cp);
    j += cp > 0xffff ? 2 : 1;
    if (x === SKIP) continue;
    if (o.leetspeak && leetLetter(x) >= 0) return false;
    if (o.separators && isSeparator(x)) continue;
    return isAsciiLetter(x);
  }
  return false;
}

/** The canonical (normalised) form of a library term as code points; empty when nothing is left. */
export function normalizeTerm(term: string, options?: NormalizeOptions): number[] {
  return normalizeText(term, options).codePoints;
}
