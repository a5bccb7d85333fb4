#!/usr/bin/env node
// Inter-annotator agreement on the relabelled sample of the corpus (docs/prescreen-corpus.md):
// relabel-sample.keys.jsonl holds the writers' labels of 1,000 lines drawn by label (seeded),
// relabel-sample.second.jsonl a second writer's blind labels of the same lines (from
// relabel-sample.input.jsonl, text only). Prints Cohen's kappa over the 31 labels and over
// harmful/safe, the raw agreement, and the most frequent disagreements.
//   node packages/prescreen/train/agreement.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const read = (f) =>
  readFileSync(join(here, f), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** Cohen's kappa of two label arrays. */
export function kappa(a, b) {
  const n = a.length;
  const labels = [...new Set([...a, ...b])];
  let agree = 0;
  const pa = new Map();
  const pb = new Map();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    pa.set(a[i], (pa.get(a[i]) ?? 0) + 1);
    pb.set(b[i], (pb.get(b[i]) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const l of labels) pe += ((pa.get(l) ?? 0) / n) * ((pb.get(l) ?? 0) / n);
  return { kappa: (po - pe) / (1 - pe), observed: po, expected: pe, n };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const keys = new Map(read('relabel-sample.keys.jsonl').map((k) => [k.id, k.label]));
  const second = read('relabel-sample.second.jsonl');
  const a = [];
  const b = [];
  const confusions = new Map();
  for (const s of second) {
    if (!keys.has(s.id)) continue;
    a.push(keys.get(s.id));
    b.push(s.label);
    if (keys.get(s.id) !== s.label) {
      const k = `${keys.get(s.id)} → ${s.label}`;
      confusions.set(k, (confusions.get(k) ?? 0) + 1);
    }
  }
  const all = kappa(a, b);
  const bin = kappa(
    a.map((x) => (x === 'safe' ? 'safe' : 'harmful')),
    b.map((x) => (x === 'safe' ? 'safe' : 'harmful')),
  );
  const cat = kappa(
    a.map((x) => x.split('.')[0]),
    b.map((x) => x.split('.')[0]),
  );
  const f = (k) =>
    `kappa ${k.kappa.toFixed(3)} (observed agreement ${(k.observed * 100).toFixed(1)}%, chance ${(k.expected * 100).toFixed(1)}%)`;
  console.log(`${all.n} lines relabelled blind by a second writer`);
  console.log(`31 labels: ${f(all)}`);
  console.log(`category (safe, A1…A4, P): ${f(cat)}`);
  console.log(`harmful vs safe: ${f(bin)}`);
  console.log(
    `most frequent disagreements: ${[...confusions.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 12)
      .map(([k, v]) => `${k} ×${v}`)
      .join(', ')}`,
  );
}
