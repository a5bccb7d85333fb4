// The pre-screen training corpus (packages/prescreen/train/corpus, docs/prescreen-corpus.md): every
// line valid, the corpus rules of its datasheet met after deduplication, splits made by writing
// batch with dev and test written by writers who wrote no train batch, and no near-duplicate of a
// dev or test line left in train.
// Run: node --test test/prescreen/corpus.node.test.mjs
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COVERED, loadCorpus, RULES } from '../../packages/prescreen/train/corpus-check.mjs';

const corpus = loadCorpus();
const s = corpus.stats;

describe('pre-screen corpus', () => {
  test('every line parses with a known label and language, and names its batch file', () => {
    assert.deepEqual(corpus.errors, []);
  });

  test(`the datasheet's rules hold after deduplication (≥ ${RULES.minTotal} lines, zh-CN ≥ 60%, en ≥ 20%, ≥ ${RULES.minPerRisk} a risk, safe ≥ 40% with ≥ 40% hard, ≥ 20% of harmful obfuscated, no template family over 1%)`, () => {
    assert.deepEqual(s.problems, []);
    assert.equal(COVERED.length, 30);
  });

  test('splits are by writing batch: no batch in two splits, and no dev or test writer wrote a train batch', () => {
    const where = new Map();
    for (const split of ['train', 'dev', 'test']) {
      for (const l of corpus[split]) {
        const before = where.get(l.batch);
        assert.ok(!before || before === split, `batch ${l.batch} in ${before} and ${split}`);
        where.set(l.batch, split);
      }
    }
    const writers = (split) => new Set(corpus[split].map((l) => l.batch.split('-')[0]));
    for (const w of [...writers('dev'), ...writers('test')])
      assert.ok(!writers('train').has(w), `writer ${w} wrote train and dev/test batches`);
    for (const w of writers('dev')) assert.ok(!writers('test').has(w), `writer ${w} wrote dev and test batches`);
  });

  test('deduplication kept test over train: no rejected line is from test, and every covered risk is in the test split', () => {
    assert.equal(corpus.rejected.filter((r) => r.split === 'test').length, 0);
    for (const r of COVERED) assert.ok(s.byLabelSplit[r].test >= 40, `${r}: ${s.byLabelSplit[r].test} test lines`);
  });
});
