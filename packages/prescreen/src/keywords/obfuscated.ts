/**
 * Obfuscated ("hashed trie") form of a compiled library.
 *
 * A plain automaton stores, for every edge, the character it reads; the terms can be read
 * back by walking it. The obfuscated form stores no characters at all: each edge into state
 * `s` is kept only as a salted 64-bit hash of (parent state, normalised code point). While
 * scanning, the engine hashes (current state, next normalised code point) and looks the pair
 * up; a hit is the trie edge. Failure links, outputs and pattern lengths are kept as plain
 * numbers (they reveal the shape of the trie, not its characters), and a match reports the
 * matched slice of the input instead of the library term.
 *
 * This deters casual extraction; it is not a secret. The salt ships with the data, so anyone
 * holding it can recover the terms by hashing (state, candidate character) for every state
 * and every plausible character, which takes seconds to minutes on a laptop.
 *
 * @module
 */
import { type AutomatonData, FLAG_ALLOW, FLAG_ALNUM_END, FLAG_ALNUM_START, outputLinks } from './automaton.js';
import { boundaryOk, UnitClassifier, V_FIRST, V_HIGH, V_LEET, V_SKIP, V_UNKNOWN } from './classify.js';
import { pow2, scanRing } from './engine.js';
import type { ResolvedNormalizeOptions } from './normalize.js';
import type { KeywordMatch, ScanEngine } from './types.js';

/** MurmurHash3 (x86, 32-bit) of the two words `a`, `b` with seed `seed`. */
function mm2(a: number, b: number, seed: number): number {
  let h = seed;
  let k = Math.imul(a, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  k = Math.imul(b, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 8;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The salt as four 32-bit words. */
export function saltWords(salt: Uint8Array): Int32Array {
  if (salt.length !== 16) throw new RangeError('keyword library salt must be 16 bytes');
  const w = new Int32Array(4);
  for (let i = 0; i < 4; i++) w[i] = salt[i * 4] | (salt[i * 4 + 1] << 8) | (salt[i * 4 + 2] << 16) | (salt[i * 4 + 3] << 24);
  return w;
}

/** First half of the edge hash of (state, code point). */
export function edgeHashA(state: number, cp: number, k: Int32Array): number {
  return mm2(state ^ k[2], cp, k[0]);
}

/** Second half of the edge hash of (state, code point). */
export function edgeHashB(state: number, cp: number, k: Int32Array): number {
  return mm2(cp ^ k[3], state, k[1]);
}

/**
 * The salted bit of a code point in a state's child filter (5 bits of a salted hash). The
 * filter lets the engine skip most edge-hash lookups that would miss; it tells a reader one of
 * 32 buckets per child character, not the character.
 */
export function filterBit(cp: number, k: Int32Array): number {
  return 1 << (Math.imul(cp ^ k[3], 0x9e3779b1) >>> 27);
}

/** Edge hashes of every state of a plain automaton (index 0, the root, unused) and each state's child filter. */
export function hashEdges(data: AutomatonData, salt: Uint8Array): { edgeA: Int32Array; edgeB: Int32Array; filter: Int32Array } {
  const k = saltWords(salt);
  const edgeA = new Int32Array(data.states);
  const edgeB = new Int32Array(data.states);
  const filter = new Int32Array(data.states);
  for (let s = 1; s < data.states; s++) {
    const cp = data.alphabet[data.label[s]];
    edgeA[s] = edgeHashA(data.parent[s], cp, k);
    edgeB[s] = edgeHashB(data.parent[s], cp, k);
    filter[data.parent[s]] |= filterBit(cp, k);
  }
  return { edgeA, edgeB, filter };
}

/** What the hashed engine needs. */
export interface HashedParts {
  states: number;
  salt: Uint8Array;
  edgeA: Int32Array;
  edgeB: Int32Array;
  filter: Int32Array;
  fail: Int32Array;
  outStart: Int32Array;
  outPat: Int32Array;
  patLen: Int32Array;
  patRisk: Int32Array;
  patFlags: Int32Array;
}

/** Engine value of a normalised code point. */
const OFFSET = V_FIRST;
const isLatinValue = (v: number): boolean => (v >= 0x61 + OFFSET && v <= 0x7a + OFFSET) || (v >= 0x41 + OFFSET && v <= 0x5a + OFFSET);

/**
 * Engine over the obfuscated form. Values are normalised code points + `V_FIRST`; every step hashes
 * (state, code point), so it runs somewhat slower than the plain engine, still in O(n + matches).
 */
export class HashedEngine implements ScanEngine {
  readonly hasAllow: boolean;
  private readonly cls: UnitClassifier<Int32Array>;
  private readonly k: Int32Array;
  private readonly ht: Int32Array;
  private readonly hmask: number;
  private readonly filter: Int32Array;
  private readonly fail: Int32Array;
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
    parts: HashedParts,
    private readonly risks: readonly string[],
    private readonly o: ResolvedNormalizeOptions,
    private readonly wordBoundary: boolean,
  ) {
    this.cls = new UnitClassifier(o, (cp) => cp + OFFSET, new Int32Array(65536));
    this.k = saltWords(parts.salt);
    const n = parts.states;
    const cap = pow2(n * 2 + 2);
    this.hmask = cap - 1;
    this.ht = new Int32Array(cap * 3);
    for (let s = 1; s < n; s++) {
      const a = parts.edgeA[s];
      let h = a & this.hmask;
      while (this.ht[h * 3 + 2] !== 0) h = (h + 1) & this.hmask;
      this.ht[h * 3] = a;
      this.ht[h * 3 + 1] = parts.edgeB[s];
      this.ht[h * 3 + 2] = s;
    }
    this.filter = parts.filter;
    this.fail = parts.fail;
    this.outStart = parts.outStart;
    this.outPat = parts.outPat;
    this.patLen = parts.patLen;
    this.patRisk = parts.patRisk;
    this.patFlags = parts.patFlags;
    const links = outputLinks(n, parts.fail, parts.outStart);
    this.outLink = links.outLink;
    this.dict = links.dict;
    ({ hasAllow: this.hasAllow, ring: this.ring, rmask: this.rmask } = scanRing(parts.patLen, parts.patFlags));
  }

  scan(text: string, out: KeywordMatch[], allow: number[], stopAtFirst: boolean): void {
    const cls = this.cls;
    const units = cls.units;
    const ht = this.ht;
    const hmask = this.hmask;
    const filter = this.filter;
    const kf = this.k[3];
    const fail = this.fail;
    const outLink = this.outLink;
    const ring = this.ring;
    const rmask = this.rmask;
    const k0 = this.k[0];
    const k1 = this.k[1];
    const k2 = this.k[2];
    const k3 = this.k[3];
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
        if (v === V_SKIP) {
          i = end;
          continue;
        }
      }
      const cpv = v - OFFSET;
      const bit = 1 << (Math.imul(cpv ^ kf, 0x9e3779b1) >>> 27); // filterBit(cpv, k)
      let st = state;
      let nx = 0;
      for (;;) {
        if ((filter[st] & bit) !== 0) {
          const a = mm2(st ^ k2, cpv, k0);
          let h = a & hmask;
          let b = h * 3;
          let hit = 0;
          for (;;) {
            const child = ht[b + 2];
            if (child === 0) break;
            if (ht[b] === a && ht[b + 1] === mm2(cpv ^ k3, st, k1)) {
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
        if (st === 0) break;
        st = fail[st];
      }
      state = nx;
      last = v;
      ring[k & rmask] = i;
      k++;
      if (nx !== 0 && outLink[nx] !== 0) {
        if (this.emit(outLink[nx], k, end, text, out, allow) && stopAtFirst) return;
      }
      i = end;
    }
  }

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
        out.push({ term: text.slice(start, end), risk: this.risks[this.patRisk[p]], start, end });
        added = true;
      }
      t = dict[t];
    }
    return added;
  }
}
