/**
 * Scanning engine for plain compiled libraries.
 *
 * Cost per input character: one typed-array read for its normalised symbol, then the
 * Aho–Corasick step: a dense array at the root; elsewhere a 32-bit filter of the state's child
 * symbols, and only when the filter allows it an open-addressing hash of (state, symbol);
 * failure links on a miss. Failure links are amortised O(1) per character, and output links
 * visit only states that report a match, so a scan costs O(n + matches).
 *
 * @module
 */
import { type AutomatonData, FLAG_ALLOW, FLAG_ALNUM_END, FLAG_ALNUM_START, LATIN_SYMBOLS, outputLinks } from './automaton.js';
import { boundaryOk, UnitClassifier, V_FIRST, V_HIGH, V_LEET, V_OTHER, V_SKIP, V_UNKNOWN } from './classify.js';
import type { ResolvedNormalizeOptions } from './normalize.js';
import type { KeywordMatch, ScanEngine } from './types.js';

/** Smallest power of two ≥ `n` (and ≥ 2). */
export function pow2(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

/**
 * Scan state shared by both engines: a ring of recent start offsets long enough for the longest
 * pattern (a power of two, indexed with a mask), and whether the library has allow-list entries.
 */
export function scanRing(patLen: ArrayLike<number>, patFlags: ArrayLike<number>): { hasAllow: boolean; ring: Int32Array; rmask: number } {
  let maxLen = 1;
  let hasAllow = false;
  for (let p = 0; p < patLen.length; p++) {
    if (patLen[p] > maxLen) maxLen = patLen[p];
    if (patFlags[p] & FLAG_ALLOW) hasAllow = true;
  }
  const ring = new Int32Array(pow2(maxLen));
  return { hasAllow, ring, rmask: ring.length - 1 };
}

/**
 * The bit of a value in a state's child filter. A state is only looked up in the edge hash
 * when its filter has the bit of the next value, which skips most lookups that would miss.
 */
export function valueBit(v: number): number {
  return 1 << (Math.imul(v, 0x9e3779b1) >>> 27);
}

/** Which of a state's two filter words holds the value's bit (64-bit filter: word, then `valueBit`). */
function valueWord(v: number): number {
  return Math.imul(v, 0x85ebca77) >>> 31;
}

/** Engine value of automaton symbol `sym` (symbols start at 1, values at `V_FIRST`). */
const OFFSET = V_FIRST - 1;
const LATIN_FIRST = V_FIRST;
const LATIN_LAST = OFFSET + LATIN_SYMBOLS;
const isLatinValue = (v: number): boolean => v >= LATIN_FIRST && v <= LATIN_LAST;
/** Bit 31 of a transition target: the target state reports matches. */
const HAS_OUTPUT = 0x80000000 | 0;

/** Engine over an {@link AutomatonData} with its term strings. */
export class PlainEngine implements ScanEngine {
  readonly hasAllow: boolean;
  private readonly cls: UnitClassifier<Uint16Array> | UnitClassifier<Int32Array>;
  private readonly root: Int32Array;
  private readonly ht: Int32Array;
  private readonly hmask: number;
  /**
   * Per state, four words (16 bytes, four states per cache line): a 64-bit filter of its
   * children's values in two words (0 for a leaf), its failure link, and an unused word.
   */
  private readonly rec: Int32Array;
  /** States 1…depth1 are children of the root (all of them, in breadth-first numbering). */
  private readonly depth1: number;
  private readonly outLink: Int32Array;
  private readonly dict: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outPat: Int32Array;
  private readonly patLen: Int32Array;
  private readonly patRisk: Int32Array;
  private readonly patFlags: Int32Array;
  private readonly ring: Int32Array;
  private readonly rmask: number;

  constructor(
    data: AutomatonData,
    private readonly terms: readonly string[],
    private readonly risks: readonly string[],
    private readonly o: ResolvedNormalizeOptions,
    private readonly wordBoundary: boolean,
  ) {
    const values = new Map<number, number>();
    for (let s = 1; s < data.alphabet.length; s++) values.set(data.alphabet[s], s + OFFSET);
    const symbol = (cp: number) => values.get(cp) ?? V_OTHER;
    // A 16-bit cache when every value fits (always, short of 65,530 distinct characters).
    this.cls =
      data.alphabet.length + OFFSET <= 0xffff
        ? new UnitClassifier(o, symbol, new Uint16Array(65536))
        : new UnitClassifier(o, symbol, new Int32Array(65536));

    const n = data.states;
    this.root = new Int32Array(data.alphabet.length + OFFSET);
    const rec = new Int32Array(n * 4);
    let inner = 0;
    let depth1 = 0;
    for (let s = 1; s < n; s++) {
      const p = data.parent[s];
      const v = data.label[s] + OFFSET;
      if (p === 0 && depth1 === s - 1) depth1 = s;
      rec[p * 4 + valueWord(v)] |= valueBit(v);
      if (p === 0) this.root[v] = s;
      else inner++;
    }
    const cap = pow2(inner * 2 + 2);
    this.hmask = cap - 1;
    this.ht = new Int32Array(cap * 3);
    for (let s = 1; s < n; s++) {
      const p = data.parent[s];
      if (p === 0) continue;
      const v = data.label[s] + OFFSET;
      let h = Math.imul(p, 0x9e3779b1) ^ Math.imul(v, 0x85ebca77);
      h = (h ^ (h >>> 15)) & this.hmask;
      while (this.ht[h * 3 + 2] !== 0) h = (h + 1) & this.hmask;
      this.ht[h * 3] = p;
      this.ht[h * 3 + 1] = v;
      this.ht[h * 3 + 2] = s;
    }
    const links = outputLinks(n, data.fail, data.outStart);
    for (let s = 0; s < n; s++) rec[s * 4 + 2] = data.fail[s];
    // Transitions into a state that reports matches carry bit 31, so the scan loop needs no
    // extra load to know whether to report.
    for (let v = 0; v < this.root.length; v++) {
      const t = this.root[v];
      if (t !== 0 && links.outLink[t] !== 0) this.root[v] = t | HAS_OUTPUT;
    }
    for (let b = 0; b < this.ht.length; b += 3) {
      const t = this.ht[b + 2];
      if (t !== 0 && links.outLink[t] !== 0) this.ht[b + 2] = t | HAS_OUTPUT;
    }
    this.rec = rec;
    this.depth1 = depth1;
    this.outLink = links.outLink;
    this.dict = links.dict;
    this.outStart = data.outStart;
    this.outPat = data.outPat;
    this.patLen = data.patLen;
    this.patRisk = data.patRisk;
    this.patFlags = data.patFlags;
    ({ hasAllow: this.hasAllow, ring: this.ring, rmask: this.rmask } = scanRing(data.patLen, data.patFlags));
  }

  scan(text: string, out: KeywordMatch[], allow: number[], stopAtFirst: boolean): void {
    const cls = this.cls;
    const units = cls.units;
    const root = this.root;
    const ht = this.ht;
    const hmask = this.hmask;
    const rec = this.rec;
    const depth1 = this.depth1;
    const ring = this.ring;
    const rmask = this.rmask;
    const n = text.length;
    let state = 0;
    let last = 0;
    let k = 0;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      let v = units[c];
      let end = i + 1;
      if (v < V_FIRST) {
        if (v === V_OTHER) {
          state = 0;
          last = 0;
          i = end;
          continue;
        }
        if (v === V_SKIP) {
          i = end;
          continue;
        }
        let cp = c;
        if (v === V_UNKNOWN) v = cls.resolveUnit(c);
        if (v === V_HIGH) {
          const d = end < n ? text.charCodeAt(end) : 0;
          if (d >= 0xdc00 && d <= 0xdfff) {
            cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
            end++;
            v = cls.astralValue(cp);
          } else v = cls.loneSurrogate(c);
        }
        if (v === V_LEET) {
          v = isLatinValue(last) || cls.nextIsLatin(text, end, isLatinValue) ? cls.leetLetterValue(cp) : cls.leetPlainValue(cp);
        }
        if (v < V_FIRST) {
          if (v !== V_SKIP) {
            state = 0;
            last = 0;
          }
          i = end;
          continue;
        }
      }
      // Aho–Corasick step on value v. The root's transition is loaded up front (it does not
      // depend on the state), so a miss at a depth-1 state, the usual case, costs one load.
      const r0 = root[v];
      const bit = valueBit(v);
      const word = valueWord(v);
      let st = state;
      let nx = r0;
      while (st !== 0) {
        if ((rec[st * 4 + word] & bit) !== 0) {
          let h = Math.imul(st, 0x9e3779b1) ^ Math.imul(v, 0x85ebca77);
          h = (h ^ (h >>> 15)) & hmask;
          let b = h * 3;
          let hit = 0;
          for (;;) {
            const child = ht[b + 2];
            if (child === 0) break;
            if (ht[b] === st && ht[b + 1] === v) {
              hit = child;
              break;
            }
            h = (h + 1) & hmask;
            b = h * 3;
          }
          if (hit !== 0) {
            nx = hit;
            break;
          }
        }
        // Depth-1 states (numbered 1…depth1 in breadth-first order) fail to the root.
        st = st <= depth1 ? 0 : rec[st * 4 + 2];
      }
      state = nx & 0x7fffffff;
      last = v;
      ring[k & rmask] = i;
      k++;
      if (nx < 0) {
        if (this.emit(this.outLink[state], k, end, text, out, allow) && stopAtFirst) return;
      }
      i = end;
    }
  }

  /** Reports every pattern ending at the current position; true when a keyword was added. */
  private emit(t: number, k: number, end: number, text: string, out: KeywordMatch[], allow: number[]): boolean {
    let added = false;
    const { outStart, outPat, patLen, patFlags, ring, rmask, dict } = this;
    while (t !== 0) {
      for (let q = outStart[t], qe = outStart[t + 1]; q < qe; q++) {
        const p = outPat[q];
        const start = ring[(k - patLen[p]) & rmask];
        const f = patFlags[p];
        if (f & FLAG_ALLOW) {
          allow.push(start, end);
          continue;
        }
        if (this.wordBoundary && f & (FLAG_ALNUM_START | FLAG_ALNUM_END)) {
          if (!boundaryOk(text, start, end, (f & FLAG_ALNUM_START) !== 0, (f & FLAG_ALNUM_END) !== 0, this.o)) continue;
        }
        out.push({ term: this.terms[p], risk: this.risks[this.patRisk[p]], start, end });
        added = true;
      }
      t = dict[t];
    }
    return added;
  }
}
