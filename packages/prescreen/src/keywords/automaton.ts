/**
 * Aho–Corasick automaton over normalised code points, built into flat typed arrays.
 *
 * States are numbered in breadth-first order (the root is 0, a parent always has a lower
 * number than its child, the children of a state are consecutive states sorted by symbol), so
 * the arrays compress well, load without any re-build, and a state's children can be searched
 * in place.
 *
 * @module
 */

/** Pattern flag: the pattern is an allow-list phrase, not a keyword. */
export const FLAG_ALLOW = 1;
/** Pattern flag: the canonical form starts with an ASCII letter or digit. */
export const FLAG_ALNUM_START = 2;
/** Pattern flag: the canonical form ends with an ASCII letter or digit. */
export const FLAG_ALNUM_END = 4;

/** Symbols 1–26 are `a`–`z`, 27–52 `A`–`Z`; 0 means "not in the alphabet". */
export const LATIN_SYMBOLS = 52;

/** One pattern to compile: canonical code points plus what a match reports. */
export interface PatternSpec {
  /** Canonical (normalised) code points, at least one. */
  cps: readonly number[];
  /** Index into the risk table; ignored for allow phrases. */
  risk: number;
  /** Combination of `FLAG_*` bits. */
  flags: number;
}

/** The automaton as flat arrays (what a compiled library carries). */
export interface AutomatonData {
  /** Symbol → code point; index 0 is unused (-1). Symbols 1–52 are always the Latin letters. */
  alphabet: Int32Array;
  /** Number of states, root included. */
  states: number;
  /** For each state, its parent state (root: -1). */
  parent: Int32Array;
  /** For each state, the symbol on the edge from its parent (root: 0). */
  label: Int32Array;
  /** Failure link of each state. */
  fail: Int32Array;
  /** Start of each state's own outputs in `outPat`; length `states + 1`. */
  outStart: Int32Array;
  /** Pattern indices, grouped by the state where the pattern ends. */
  outPat: Int32Array;
  /** Canonical length of each pattern, in code points. */
  patLen: Int32Array;
  /** Risk index of each pattern (-1 for allow phrases). */
  patRisk: Int32Array;
  /** `FLAG_*` bits of each pattern. */
  patFlags: Int32Array;
}

function isAsciiAlnum(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

/** Flags describing a canonical form's ends (for the optional Latin word-boundary rule). */
export function edgeFlags(cps: readonly number[]): number {
  let f = 0;
  if (isAsciiAlnum(cps[0])) f |= FLAG_ALNUM_START;
  if (isAsciiAlnum(cps[cps.length - 1])) f |= FLAG_ALNUM_END;
  return f;
}

/** The symbol of a Latin letter code point, or 0. */
export function latinSymbol(cp: number): number {
  if (cp >= 0x61 && cp <= 0x7a) return cp - 0x60;
  if (cp >= 0x41 && cp <= 0x5a) return cp - 0x41 + 27;
  return 0;
}

/**
 * Builds the automaton: a trie of the patterns, breadth-first renumbering, failure links.
 * Time O(total pattern length × average failure-chain walk), linear in practice.
 */
export function buildAutomaton(patterns: readonly PatternSpec[]): AutomatonData {
  // Alphabet: Latin letters first so "is a Latin letter" is a range test on the symbol.
  const symOf = new Map<number, number>();
  const alphabet: number[] = [-1];
  for (let c = 0x61; c <= 0x7a; c++) {
    symOf.set(c, alphabet.length);
    alphabet.push(c);
  }
  for (let c = 0x41; c <= 0x5a; c++) {
    symOf.set(c, alphabet.length);
    alphabet.push(c);
  }

  // Trie, in insertion order. Edge key: state * 2^21 + symbol (exact in a double).
  const edge = new Map<number, number>();
  const tParent: number[] = [-1];
  const tLabel: number[] = [0];
  const tOut: number[][] = [[]];
  for (let p = 0; p < patterns.length; p++) {
    let s = 0;
    for (const cp of patterns[p].cps) {
      let sym = symOf.get(cp);
      if (sym === undefined) {
        sym = alphabet.length;
        symOf.set(cp, sym);
        alphabet.push(cp);
      }
      const key = s * 0x200000 + sym;
      let next = edge.get(key);
      if (next === undefined) {
        next = tParent.length;
        tParent.push(s);
        tLabel.push(sym);
        tOut.push([]);
        edge.set(key, next);
      }
      s = next;
    }
    tOut[s].push(p);
  }
  const n = tParent.length;

  // Children lists (CSR by parent), then breadth-first order.
  const childStart = new Int32Array(n + 1);
  for (let v = 1; v < n; v++) childStart[tParent[v] + 1]++;
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
  const children = new Int32Array(Math.max(0, n - 1));
  const fill = childStart.slice(0, n);
  for (let v = 1; v < n; v++) children[fill[tParent[v]]++] = v;
  // Siblings sorted by symbol: after renumbering, a state's children are consecutive states
  // with increasing symbols, so the engine can search them in place.
  for (let u = 0; u < n; u++) {
    if (childStart[u + 1] - childStart[u] > 1) children.subarray(childStart[u], childStart[u + 1]).sort((x, y) => tLabel[x] - tLabel[y]);
  }
  const order = new Int32Array(n);
  const newId = new Int32Array(n);
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const u = order[head];
    newId[u] = head++;
    for (let c = childStart[u]; c < childStart[u + 1]; c++) order[tail++] = children[c];
  }

  // Failure links, in breadth-first order (old ids).
  const tFail = new Int32Array(n);
  for (let h = 1; h < n; h++) {
    const v = order[h];
    const u = tParent[v];
    if (u === 0) continue;
    const sym = tLabel[v];
    let f = tFail[u];
    let target: number | undefined;
    for (;;) {
      target = edge.get(f * 0x200000 + sym);
      if (target !== undefined || f === 0) break;
      f = tFail[f];
    }
    tFail[v] = target ?? 0;
  }

  // Renumber into flat arrays.
  const parent = new Int32Array(n);
  const label = new Int32Array(n);
  const fail = new Int32Array(n);
  const outStart = new Int32Array(n + 1);
  const outPat = new Int32Array(patterns.length);
  let q = 0;
  for (let h = 0; h < n; h++) {
    const v = order[h];
    parent[h] = v === 0 ? -1 : newId[tParent[v]];
    label[h] = tLabel[v];
    fail[h] = newId[tFail[v]];
    outStart[h] = q;
    for (const p of tOut[v]) outPat[q++] = p;
  }
  outStart[n] = q;

  const patLen = new Int32Array(patterns.length);
  const patRisk = new Int32Array(patterns.length);
  const patFlags = new Int32Array(patterns.length);
  for (let p = 0; p < patterns.length; p++) {
    patLen[p] = patterns[p].cps.length;
    patRisk[p] = patterns[p].flags & FLAG_ALLOW ? -1 : patterns[p].risk;
    patFlags[p] = patterns[p].flags;
  }
  return { alphabet: Int32Array.from(alphabet), states: n, parent, label, fail, outStart, outPat, patLen, patRisk, patFlags };
}

/**
 * Output links derived from failure links: `outLink[s]` is `s` when `s` has its own outputs,
 * otherwise the nearest state on its failure chain that has some (0 when none); `dict[s]` is
 * the nearest such state strictly below `s` on the chain. Following them visits exactly the
 * patterns that end at a position, so reporting costs O(1) per match.
 */
export function outputLinks(states: number, fail: Int32Array, outStart: Int32Array): { outLink: Int32Array; dict: Int32Array } {
  const outLink = new Int32Array(states);
  const dict = new Int32Array(states);
  for (let s = 1; s < states; s++) {
    const f = fail[s];
    dict[s] = outStart[f + 1] > outStart[f] ? f : dict[f];
    outLink[s] = outStart[s + 1] > outStart[s] ? s : dict[s];
  }
  return { outLink, dict };
}
