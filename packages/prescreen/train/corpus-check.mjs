#!/usr/bin/env node
// The pre-screen corpus: load, validate, deduplicate and describe it (docs/prescreen-corpus.md).
//
//   node packages/prescreen/train/corpus-check.mjs [files…] [--json out.json] [--strict]   (a file outside a train/, dev/ or test/ folder counts as train)
//   node packages/prescreen/train/corpus-check.mjs --dump   (the kept lines of every split as JSON on stdout, for train.py)
//
// With no files it reads every batch of packages/prescreen/train/corpus/{train,dev,test}/. It
// rejects malformed lines (with the file and line), exact duplicates and near-duplicates (character
// 3-gram Jaccard ≥ 0.8 after normalisation, found with MinHash + LSH), and a near-duplicate of a dev
// or test line in train (leakage: the train copy goes). It groups lines into "template families"
// (connected lines with Jaccard ≥ 0.6) and reports the largest family's share of the corpus, which
// must stay ≤ 1%. `--strict` exits 1 when a corpus rule (counts, shares, families) is broken.
// `loadCorpus()` is what the training and evaluation scripts use: the same rules, the same result.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = join(here, 'corpus');
export const SPLITS = ['train', 'dev', 'test'];
export const LANGS = ['zh-CN', 'en', 'zh-TW', 'mixed'];
/** The labels the default model covers (WRITING.md): the Appendix A risks a prompt can show, self-harm, and safe. */
export const COVERED = [
  'A1.a',
  'A1.b',
  'A1.c',
  'A1.d',
  'A1.e',
  'A1.f',
  'A1.g',
  'A1.h',
  'A2.a',
  'A2.b',
  'A2.c',
  'A2.d',
  'A2.e',
  'A2.f',
  'A2.g',
  'A2.h',
  'A2.i',
  'A3.a',
  'A3.b',
  'A3.c',
  'A3.d',
  'A3.e',
  'A4.a',
  'A4.b',
  'A4.c',
  'A4.d',
  'A4.e',
  'A4.f',
  'A4.g',
  'P.self-harm',
];
export const LABELS = ['safe', ...COVERED];

/** The corpus rules of issue #16, checked by `--strict` and reported always. */
export const RULES = {
  minTotal: 30_000,
  minZhCN: 0.6,
  minEn: 0.2,
  minPerRisk: 300,
  minSafe: 0.4,
  minHardOfSafe: 0.4,
  minObfuscatedOfHarmful: 0.2,
  maxFamilyShare: 0.01,
};

const DUP = 0.8;
const FAMILY = 0.6;

/** Normalise for comparison: NFKC, lower case, no whitespace, punctuation or zero-width characters. */
export function normalise(text) {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function shingles(s) {
  const out = new Set();
  if (s.length < 3) out.add(s);
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

function jaccard(a, b) {
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

// FNV-1a, then 64 seeded permutations by multiply-xorshift: MinHash signatures.
function hash32(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
const K = 64;
const SEEDS = Array.from({ length: K }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) ^ 0x85ebca6b) >>> 0);
function signature(set) {
  const sig = new Uint32Array(K).fill(0xffffffff);
  for (const g of set) {
    const h = hash32(g);
    for (let k = 0; k < K; k++) {
      let x = (h ^ SEEDS[k]) >>> 0;
      x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
      x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
      x = (x ^ (x >>> 16)) >>> 0;
      if (x < sig[k]) sig[k] = x;
    }
  }
  return sig;
}

/** Candidate pairs from LSH (bands of `rows` rows); verified by the exact Jaccard afterwards. */
function candidatePairs(sigs, rows) {
  const pairs = new Set();
  for (let b = 0; b < Math.floor(K / rows); b++) {
    const buckets = new Map();
    for (let i = 0; i < sigs.length; i++) {
      let key = '';
      for (let r = 0; r < rows; r++) key += `${sigs[i][b * rows + r].toString(36)},`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const list of buckets.values()) {
      if (list.length < 2 || list.length > 400) continue;
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) pairs.add(list[x] * 1e6 + list[y]);
    }
  }
  return pairs;
}

/** Read and validate the batch files. Returns lines with their origin, and the errors found. */
export function readBatches(files) {
  const lines = [];
  const errors = [];
  for (const file of files) {
    // a file's folder names its split; a new batch checked outside the corpus counts as train
    const folder = basename(dirname(file));
    const split = SPLITS.includes(folder) ? folder : 'train';
    const batch = basename(file).replace(/\.jsonl$/, '');
    const text = readFileSync(file, 'utf8');
    for (const [i, raw] of text.split('\n').entries()) {
      if (!raw.trim()) continue;
      const where = `${file}:${i + 1}`;
      let row;
      try {
        row = JSON.parse(raw);
      } catch (e) {
        errors.push(`${where}: not JSON (${e.message})`);
        continue;
      }
      if (typeof row.text !== 'string' || !row.text.trim()) {
        errors.push(`${where}: no text`);
        continue;
      }
      if (!LABELS.includes(row.label)) {
        errors.push(`${where}: unknown label ${JSON.stringify(row.label)}`);
        continue;
      }
      if (!LANGS.includes(row.lang)) {
        errors.push(`${where}: unknown lang ${JSON.stringify(row.lang)}`);
        continue;
      }
      if (row.batch !== batch) {
        errors.push(`${where}: batch ${JSON.stringify(row.batch)} is not the file name ${batch}`);
        continue;
      }
      lines.push({ text: row.text, label: row.label, lang: row.lang, batch, split, obf: row.obf ?? null, hard: row.hard === true, where });
    }
  }
  return { lines, errors };
}

export function batchFiles(dir = CORPUS_DIR) {
  const files = [];
  for (const split of SPLITS) {
    const d = join(dir, split);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) if (f.endsWith('.jsonl')) files.push(join(d, f));
  }
  return files;
}

const SPLIT_RANK = { test: 0, dev: 1, train: 2 };

/**
 * Load the corpus: validated, deduplicated (test wins over dev over train, then the first line
 * read), with the families and statistics. `{ train, dev, test, rejected, errors, stats }`.
 */
export function loadCorpus({ files = batchFiles() } = {}) {
  const { lines, errors } = readBatches(files);
  // Test first, so that a near-duplicate is dropped from train (no leakage), never from test.
  lines.sort((a, b) => SPLIT_RANK[a.split] - SPLIT_RANK[b.split]);
  const rejected = [];
  const seen = new Map();
  const kept = [];
  for (const l of lines) {
    const n = normalise(l.text);
    const first = seen.get(n);
    if (first) {
      rejected.push({ ...l, reason: 'exact duplicate', of: first.where });
      continue;
    }
    seen.set(n, l);
    l.norm = n;
    kept.push(l);
  }
  const sets = kept.map((l) => shingles(l.norm));
  const sigs = sets.map(signature);
  // Near-duplicates (J ≥ 0.8): 16 bands of 4 rows catch them with near certainty.
  const drop = new Set();
  for (const key of candidatePairs(sigs, 4)) {
    const i = Math.floor(key / 1e6);
    const j = key % 1e6;
    if (drop.has(i) || drop.has(j)) continue;
    if (jaccard(sets[i], sets[j]) >= DUP) {
      drop.add(j);
      rejected.push({
        ...kept[j],
        reason: kept[i].split !== kept[j].split ? `near duplicate of a ${kept[i].split} line` : 'near duplicate',
        of: kept[i].where,
      });
    }
  }
  const clean = kept.filter((_, i) => !drop.has(i));
  const cleanSets = sets.filter((_, i) => !drop.has(i));
  const cleanSigs = sigs.filter((_, i) => !drop.has(i));
  // Template families: connected components of pairs with J ≥ 0.6 (bands of 3 rows catch such pairs).
  const parent = clean.map((_, i) => i);
  const find = (x) => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const key of candidatePairs(cleanSigs, 3)) {
    const i = Math.floor(key / 1e6);
    const j = key % 1e6;
    if (jaccard(cleanSets[i], cleanSets[j]) >= FAMILY) parent[find(i)] = find(j);
  }
  const families = new Map();
  clean.forEach((_, i) => {
    const r = find(i);
    families.set(r, (families.get(r) ?? 0) + 1);
  });
  const largest = [...families.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const out = { train: [], dev: [], test: [] };
  for (const l of clean) {
    delete l.norm;
    out[l.split].push(l);
  }
  const stats = describe(
    clean,
    lines.length,
    rejected,
    largest.map(([r, n]) => ({ size: n, example: clean[r].text })),
  );
  return { ...out, rejected, errors, stats };
}

function count(xs, key) {
  const m = {};
  for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
}

function describe(clean, read, rejected, families) {
  const harmful = clean.filter((l) => l.label !== 'safe');
  const safe = clean.filter((l) => l.label === 'safe');
  const total = clean.length;
  const bySplit = Object.fromEntries(SPLITS.map((s) => [s, clean.filter((l) => l.split === s).length]));
  const stats = {
    read,
    kept: total,
    rejected: rejected.length,
    rejectedRate: read ? rejected.length / read : 0,
    rejectedByReason: count(rejected, (r) => r.reason),
    bySplit,
    byLang: count(clean, (l) => l.lang),
    byLabel: Object.fromEntries(LABELS.map((l) => [l, clean.filter((x) => x.label === l).length])),
    byLabelSplit: Object.fromEntries(
      LABELS.map((l) => [l, Object.fromEntries(SPLITS.map((s) => [s, clean.filter((x) => x.label === l && x.split === s).length]))]),
    ),
    byWriter: count(clean, (l) => l.batch.split('-')[0]),
    safeShare: total ? safe.length / total : 0,
    hardShareOfSafe: safe.length ? safe.filter((l) => l.hard).length / safe.length : 0,
    obfuscatedShareOfHarmful: harmful.length ? harmful.filter((l) => l.obf).length / harmful.length : 0,
    obfuscationKinds: count(
      harmful.filter((l) => l.obf),
      (l) => l.obf,
    ),
    largestFamilies: families.map((f) => ({ ...f, share: total ? f.size / total : 0 })),
  };
  const problems = [];
  if (total < RULES.minTotal) problems.push(`${total} lines < ${RULES.minTotal}`);
  if ((stats.byLang['zh-CN'] ?? 0) / total < RULES.minZhCN) problems.push('zh-CN below 60%');
  if ((stats.byLang.en ?? 0) / total < RULES.minEn) problems.push('en below 20%');
  for (const r of COVERED) if (stats.byLabel[r] < RULES.minPerRisk) problems.push(`${r}: ${stats.byLabel[r]} < ${RULES.minPerRisk}`);
  if (stats.safeShare < RULES.minSafe) problems.push('safe below 40%');
  if (stats.hardShareOfSafe < RULES.minHardOfSafe) problems.push('hard negatives below 40% of safe');
  if (stats.obfuscatedShareOfHarmful < RULES.minObfuscatedOfHarmful) problems.push('obfuscated below 20% of harmful');
  if ((families[0]?.size ?? 0) / total > RULES.maxFamilyShare) problems.push(`largest template family ${families[0].size} lines > 1%`);
  stats.problems = problems;
  return stats;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonOut = jsonAt >= 0 ? args[jsonAt + 1] : null;
  const files = args.filter((a, i) => !a.startsWith('--') && !(jsonAt >= 0 && i === jsonAt + 1));
  const started = Date.now();
  const c = loadCorpus(files.length ? { files } : {});
  if (args.includes('--dump')) {
    // exit once written: process.exit() would cut a piped stdout short
    process.stdout.write(JSON.stringify({ train: c.train, dev: c.dev, test: c.test }), () => process.exit(c.errors.length ? 1 : 0));
  } else {
    for (const e of c.errors.slice(0, 50)) console.log(`error: ${e}`);
    const s = c.stats;
    console.log(
      `read ${s.read}, kept ${s.kept}, rejected ${s.rejected} (${(s.rejectedRate * 100).toFixed(2)}%: ${JSON.stringify(s.rejectedByReason)}) in ${Date.now() - started} ms`,
    );
    console.log(`splits ${JSON.stringify(s.bySplit)}; langs ${JSON.stringify(s.byLang)}`);
    console.log(
      `safe ${(s.safeShare * 100).toFixed(1)}%, hard of safe ${(s.hardShareOfSafe * 100).toFixed(1)}%, obfuscated of harmful ${(s.obfuscatedShareOfHarmful * 100).toFixed(1)}%`,
    );
    console.log(`labels ${JSON.stringify(s.byLabel)}`);
    console.log(
      `largest template families: ${s.largestFamilies.map((f) => `${f.size} (${(f.share * 100).toFixed(2)}%) e.g. ${JSON.stringify(f.example.slice(0, 40))}`).join('; ')}`,
    );
    console.log(s.problems.length ? `corpus rules broken: ${s.problems.join('; ')}` : 'corpus rules: all met');
    if (jsonOut)
      writeFileSync(
        jsonOut,
        `${JSON.stringify({ ...s, errors: c.errors, rejected: c.rejected.map((r) => ({ where: r.where, reason: r.reason, of: r.of })) }, null, 1)}\n`,
      );
    if (c.errors.length || (args.includes('--strict') && s.problems.length)) process.exit(1);
  }
}
