#!/usr/bin/env node
// Measures the shipped default model on the corpus' test split the way the shipped code decides:
// transformers.js pipeline (q8, onnxruntime-node in Node), the per-risk thresholds and the total-risk
// threshold from config.json `anquan` (PrescreenPolicy's rule), alone and OR'd with the sample
// keyword library (KeywordMatcher from dist/, after `npm run build`; traditional input through t2s).
//   nice -n 19 node packages/prescreen/train/measure.mjs [--split test] [--model DIR] [--json]
// Inputs are single lines (all shorter than one 126-token window), so one pass each.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : d;
};
const split = arg('--split', 'test');
const modelDir = resolve(arg('--model', join(here, '..', '..', 'classifier', 'model')));
const pkg = join(here, '..');
const rows = readdirSync(join(here, 'corpus', split))
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) =>
    readFileSync(join(here, 'corpus', split, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );

const { KeywordMatcher, parseKeywordLibrary } = await import(join(pkg, 'dist', 'keywords', 'index.js'));
const { ensureT2s } = await import(join(pkg, 'dist', 'keywords', 't2s.js'));
const matcher = new KeywordMatcher(parseKeywordLibrary(readFileSync(join(pkg, 'data', 'sample-library.jsonl'), 'utf8'), 'jsonl'));

const { env, pipeline } = await import('@huggingface/transformers');
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = `${dirname(modelDir)}/`;
const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8'));
const per = config.anquan?.thresholds ?? {};
const total = config.anquan?.riskTotalThreshold ?? null;
const clf = await pipeline('text-classification', modelDir.split('/').pop(), { dtype: 'q8' });

const decide = (labels) => {
  const risky = labels.filter((l) => l.label !== 'safe').sort((a, b) => b.score - a.score);
  const sum = risky.reduce((s, l) => s + l.score, 0);
  const hit = risky.find((l) => l.score >= (per[l.label] ?? 0.8)) ?? (total !== null && sum >= total ? risky[0] : undefined);
  return hit?.label ?? null;
};

const stats = {};
const bump = (key, harmful, cls, both) => {
  stats[key] ??= { harmful: 0, safe: 0, clsRefused: 0, clsFalse: 0, bothRefused: 0, bothFalse: 0 };
  const s = stats[key];
  if (harmful) {
    s.harmful++;
    s.clsRefused += cls ? 1 : 0;
    s.bothRefused += both ? 1 : 0;
  } else {
    s.safe++;
    s.clsFalse += cls ? 1 : 0;
    s.bothFalse += both ? 1 : 0;
  }
};
const t0 = performance.now();
for (const r of rows) {
  await ensureT2s(r.text);
  const kw = matcher.match(r.text).length > 0;
  const cls = decide(await clf(r.text, { top_k: 100 })) !== null;
  const harmful = r.label !== 'safe';
  for (const key of ['all', r.lang, harmful ? r.label : null].filter(Boolean)) bump(key, harmful, cls, cls || kw);
}
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
if (process.argv.includes('--json')) console.log(JSON.stringify(stats, null, 2));
else {
  console.log(`${split} split, ${rows.length} lines, ${modelDir} (q8, transformers.js), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(
    '| group | harmful | refused (classifier) | refused (+ keywords) | safe | false refusal (classifier) | false refusal (+ keywords) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [k, s] of Object.entries(stats).sort(([a], [b]) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b))))
    console.log(
      `| ${k} | ${s.harmful} | ${pct(s.clsRefused, s.harmful)} | ${pct(s.bothRefused, s.harmful)} | ${s.safe} | ${pct(s.clsFalse, s.safe)} | ${pct(s.bothFalse, s.safe)} |`,
    );
}
