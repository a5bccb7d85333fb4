/**
 * Per-code-unit cache of the normalisation, shared by both scanning engines. Each UTF-16 code
 * unit is folded once (lazily, on first sight) and the result kept in a 64K-entry typed array,
 * so the scanning loop does one array read per character instead of any string work.
 *
 * @module
 */
import { foldCodePoint, isSeparator, leetLetter, type ResolvedNormalizeOptions, SKIP } from './normalize.js';

/** Not classified yet (the zero a fresh typed array starts with). */
export const V_UNKNOWN = 0;
/** No pattern contains this character: back to the root. */
export const V_OTHER = 1;
/** Vanishes (invisible, combining mark, separator). */
export const V_SKIP = 2;
/** Leetspeak character: a letter or not depending on its neighbours. */
export const V_LEET = 3;
/** High surrogate: read the pair. */
export const V_HIGH = 4;
/** Engine symbols start here. */
export const V_FIRST = 5;

/**
 * Maps code points to engine values: a symbol (≥ {@link V_FIRST}) or one of the `V_*` markers.
 * `symbol` turns a normalised code point into the engine's value. `units` is the engine's
 * per-code-unit cache (zero-filled: every entry starts as `V_UNKNOWN`).
 */
export class UnitClassifier<U extends Uint16Array | Int32Array> {
  private readonly astral = new Map<number, number>();
  // Leetspeak resolutions: typed arrays for Latin-1 code units (digits in running text are
  // common), maps for the rest (full-width and compatibility digits).
  private readonly leetSymLow = new Int32Array(256);
  private readonly leetAltLow = new Int32Array(256);
  private readonly leetSym = new Map<number, number>();
  private readonly leetAlt = new Map<number, number>();

  constructor(
    private readonly o: ResolvedNormalizeOptions,
    private readonly symbol: (cp: number) => number,
    /** Value of each BMP code unit, `V_UNKNOWN` until first seen. */
    readonly units: U,
  ) {}

  private classify(cp: number): number {
    if (cp >= 0xd800 && cp <= 0xdfff) return this.symbol(cp); // lone surrogate: itself
    const x = foldCodePoint(cp, this.o);
    if (x === SKIP) return V_SKIP;
    const sep = this.o.separators && isSeparator(x);
    if (this.o.leetspeak) {
      const letter = leetLetter(x);
      if (letter >= 0) {
        const sym = this.symbol(letter);
        const alt = sep ? V_SKIP : this.symbol(x);
        if (cp < 256) {
          this.leetSymLow[cp] = sym;
          this.leetAltLow[cp] = alt;
        } else {
          this.leetSym.set(cp, sym);
          this.leetAlt.set(cp, alt);
        }
        return V_LEET;
      }
    }
    return sep ? V_SKIP : this.symbol(x);
  }

  /** Classifies a BMP code unit that was `V_UNKNOWN` and caches it. */
  resolveUnit(c: number): number {
    const v = c >= 0xd800 && c <= 0xdbff ? V_HIGH : this.classify(c);
    this.units[c] = v;
    return v;
  }

  /** Value of a supplementary-plane code point (cached). */
  astralValue(cp: number): number {
    let v = this.astral.get(cp);
    if (v === undefined) {
      v = this.classify(cp);
      this.astral.set(cp, v);
    }
    return v;
  }

  /** Value of a lone surrogate code unit. */
  loneSurrogate(c: number): number {
    return this.symbol(c);
  }

  /** The value a leetspeak code point takes as a letter. */
  leetLetterValue(cp: number): number {
    return cp < 256 ? this.leetSymLow[cp] : (this.leetSym.get(cp) as number);
  }

  /** The value a leetspeak code point takes when it is not read as a letter. */
  leetPlainValue(cp: number): number {
    return cp < 256 ? this.leetAltLow[cp] : (this.leetAlt.get(cp) as number);
  }

  /**
   * Whether the next code point from `from` that does not vanish is a Latin letter, by the
   * engine's own test `isLatin`. A leetspeak character there counts as "not a letter".
   */
  nextIsLatin(text: string, from: number, isLatin: (v: number) => boolean): boolean {
    for (let j = from; j < text.length; ) {
      const c = text.charCodeAt(j);
      let v = this.units[c];
      if (v === V_UNKNOWN) v = this.resolveUnit(c);
      j++;
      if (v === V_HIGH) {
        const d = j < text.length ? text.charCodeAt(j) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          v = this.astralValue(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
          j++;
        } else v = this.loneSurrogate(c);
      }
      if (v === V_SKIP) continue;
      if (v === V_LEET) return false;
      return isLatin(v);
    }
    return false;
  }
}

function isWordChar(cp: number, o: ResolvedNormalizeOptions): boolean {
  const x = foldCodePoint(cp, o);
  return (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a);
}

/**
 * The Latin word-boundary rule: false when a match whose canonical form starts (ends) with a
 * Latin letter or digit touches a Latin letter or digit just before (after) it in the original
 * text (`class` does not match `ass`; `f.u.c.k` and `a fuck b` still match).
 */
export function boundaryOk(
  text: string,
  start: number,
  end: number,
  checkStart: boolean,
  checkEnd: boolean,
  o: ResolvedNormalizeOptions,
): boolean {
  if (checkStart && start > 0) {
    let cp = text.charCodeAt(start - 1);
    if (cp >= 0xdc00 && cp <= 0xdfff && start > 1) {
      const hi = text.charCodeAt(start - 2);
      if (hi >= 0xd800 && hi <= 0xdbff) cp = ((hi - 0xd800) << 10) + (cp - 0xdc00) + 0x10000;
    }
    if (isWordChar(cp, o)) return false;
  }
  if (checkEnd && end < text.length) {
    const c = text.charCodeAt(end);
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && end + 1 < text.length) {
      const lo = text.charCodeAt(end + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
    }
    if (isWordChar(cp, o)) return false;
  }
  return true;
}
