import {
  type CompiledKeywordLibrary,
  type KeywordEntry,
  type KeywordMatch,
  KeywordMatcher,
  type NormalizeOptions,
  normalizeTerm,
  normalizeText,
} from '@anquan/prescreen/keywords';
import { expect } from '@open-wc/testing';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Term characters: CJK (simplified and traditional), a supplementary-plane ideograph, Latin, leetspeak digits.
const TERM_CHARS = [
  '傻',
  '逼',
  '國',
  '国',
  '家',
  '操',
  '你',
  '妈',
  '干',
  '雞',
  '鸡',
  '巴',
  '𨳒',
  '閪',
  'a',
  's',
  'h',
  'i',
  't',
  'f',
  'u',
  'c',
  'k',
  'l',
  '1',
  '4',
  '0',
  ' ',
];
// Text pieces: all of the above plus separators, zero-width characters, emoji (surrogate pairs),
// lone surrogates, combining marks, full-width, Cyrillic/Greek look-alikes, upper case.
const TEXT_PIECES = [
  ...TERM_CHARS,
  '好',
  '人',
  '的',
  '。',
  '，',
  '！',
  ' ',
  '*',
  '.',
  '-',
  '\n',
  '\t',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u00ad',
  '\u0301',
  '\u0308',
  '😀',
  '🐶',
  '🖕',
  '👍🏻',
  '\ud800',
  '\udc00',
  '\ud83d',
  'Ｆ',
  'ｕ',
  '４',
  'с',
  'і',
  'ο',
  'А',
  'Α',
  'é',
  'Ü',
  'ß',
  'İ',
  '@',
  '$',
  '3',
  '5',
  '7',
  '2',
  '9',
  'S',
  'H',
  'I',
  'T',
  'L',
  'K',
];
const RISKS = ['A1.a', 'A1.f', 'A2.a', 'P.other'];

function key(m: { risk: string; start: number; end: number }): string {
  return `${m.start}:${m.end}:${m.risk}`;
}

type Norm = ReturnType<typeof normalizeText>;

/** Canonical (code points, risk) pairs of a library, deduplicated, and of its allow phrases. */
function canonical(entries: KeywordEntry[], allow: string[], options: NormalizeOptions) {
  const seen = new Set<string>();
  const terms: { cps: number[]; risk: string }[] = [];
  for (const { term, risk } of entries) {
    const cps = normalizeTerm(term, options);
    const id = `${String.fromCodePoint(...cps)}|${risk}`;
    if (cps.length === 0 || seen.has(id)) continue;
    seen.add(id);
    terms.push({ cps, risk });
  }
  const allowed = allow.map((p) => normalizeTerm(p, options)).filter((c) => c.length > 0);
  return { terms, allowed };
}

/** Every occurrence of every canonical term in the normalised text (naive search), minus those inside an allow span. */
function oracle(norm: Norm, lib: ReturnType<typeof canonical>): string[] {
  const cps = norm.codePoints;
  const occurrences = (canon: number[]): [number, number][] => {
    const out: [number, number][] = [];
    for (let i = 0; i + canon.length <= cps.length; i++) {
      let ok = true;
      for (let j = 0; j < canon.length && ok; j++) ok = cps[i + j] === canon[j];
      if (ok) out.push([norm.starts[i], norm.ends[i + canon.length - 1]]);
    }
    return out;
  };
  const allowSpans = lib.allowed.flatMap(occurrences);
  const result: string[] = [];
  for (const { cps: canon, risk } of lib.terms) {
    for (const [start, end] of occurrences(canon)) {
      if (allowSpans.some(([s, e]) => s <= start && end <= e)) continue;
      result.push(key({ start, end, risk }));
    }
  }
  return result.sort();
}

/** Bounds, offsets on kept characters, and the normalised slice equal to the term's canonical form; returns a problem or ''. */
function check(text: string, norm: Norm, found: KeywordMatch[], canon: Map<string, number[]> | null): string {
  for (const m of found) {
    if (!(m.start >= 0 && m.start < m.end && m.end <= text.length)) return `bounds ${JSON.stringify(m)}`;
    const k0 = norm.starts.indexOf(m.start);
    const k1 = norm.ends.indexOf(m.end);
    if (k0 < 0 || k1 < k0) return `offsets not on kept characters ${JSON.stringify(m)}`;
    const slice = String.fromCodePoint(...norm.codePoints.slice(k0, k1 + 1));
    if (canon) {
      const want = canon.get(m.term);
      if (!want || slice !== String.fromCodePoint(...want))
        return `slice ${JSON.stringify(slice)} is not the canonical form of ${JSON.stringify(m.term)}`;
    } else if (m.term !== text.slice(m.start, m.end)) return `obfuscated term is not the matched text ${JSON.stringify(m)}`;
  }
  return '';
}

describe('KeywordMatcher fuzz', () => {
  const rand = mulberry32(20250425);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  const entries: KeywordEntry[] = [];
  for (let i = 0; i < 160; i++) {
    const len = 1 + Math.floor(rand() * 4);
    let term = '';
    for (let j = 0; j < len; j++) term += pick(TERM_CHARS);
    entries.push({ term, risk: pick(RISKS) });
  }
  const allow = ['傻逼好人', 'shit', '国家的'];
  const texts: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const len = Math.floor(rand() * 40);
    let t = '';
    for (let j = 0; j < len; j++) t += rand() < 0.15 ? pick(entries).term : pick(TEXT_PIECES);
    texts.push(t);
  }

  const settings: { name: string; normalize: NormalizeOptions; allow: string[] }[] = [
    { name: 'every step on, with an allow-list', normalize: {}, allow },
    { name: 'separators off', normalize: { separators: false }, allow: [] },
    { name: 'leetspeak and case folding off', normalize: { leetspeak: false, caseFold: false }, allow: [] },
    {
      name: 'zero-width, diacritics, look-alikes and full-width off',
      normalize: { zeroWidth: false, diacritics: false, lookalikes: false, fullWidth: false },
      allow,
    },
  ];

  for (const s of settings) {
    it(`[GBT45654-detect-input] 3,000 random strings (${s.name}): never throws, offsets in bounds, exactly the oracle's matches`, () => {
      const m = new KeywordMatcher(entries, { normalize: s.normalize, allow: s.allow });
      const obf = KeywordMatcher.fromCompiled(JSON.parse(JSON.stringify(m.compile({ obfuscate: true }))) as CompiledKeywordLibrary);
      const lib = canonical(entries, s.allow, s.normalize);
      const canon = new Map(entries.map((x) => [x.term, normalizeTerm(x.term, s.normalize)]));
      const problems: string[] = [];
      let total = 0;
      for (const text of texts) {
        const found = m.match(text);
        const hidden = obf.match(text);
        const norm = normalizeText(text, s.normalize);
        const where = ` in ${JSON.stringify(text)}`;
        const p1 = check(text, norm, found, canon) || check(text, norm, hidden, null);
        if (p1) problems.push(p1 + where);
        const got = found.map(key);
        if (got.slice().sort().join() !== oracle(norm, lib).join())
          problems.push(`matches ${got.sort().join()} ≠ oracle ${oracle(norm, lib).join()}${where}`);
        if (hidden.map(key).join() !== got.join()) problems.push(`obfuscated ${hidden.map(key).join()} ≠ plain${where}`);
        if (m.test(text) !== found.length > 0) problems.push(`test() disagrees${where}`);
        total += found.length;
      }
      expect(problems.slice(0, 3)).to.deep.equal([]);
      // The generator plants terms: the fuzz exercises matching, not only the no-match path.
      expect(total).to.be.greaterThan(1000);
    });
  }

  it('[robustness] random code units (any of 65,536, unpaired surrogates included) never throw', () => {
    const m = new KeywordMatcher(entries);
    const r = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const units = Array.from({ length: 64 }, () => Math.floor(r() * 65536));
      const text = String.fromCharCode(...units);
      const found = m.match(text);
      const problem = check(text, normalizeText(text), found, new Map(entries.map((x) => [x.term, normalizeTerm(x.term)])));
      expect(problem).to.equal('');
    }
    expect(m.match('\ud800\ud800\udc00\udc00').length).to.equal(0);
  });
});
