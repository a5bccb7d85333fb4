// Node-side check of @anquan/prescreen/keywords: the built package (dist) imports and runs in
// Node without a DOM. Build first: `npx tsc -b packages/prescreen`; run:
//   node --test test/prescreen/keywords.node.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  coverageReport,
  generateKeywordSigningKey,
  KeywordMatcher,
  loadKeywordLibrary,
  parseKeywordLibrary,
  signKeywordLibrary,
} from '@anquan/prescreen/keywords';

const sample = readFileSync(new URL('../../packages/prescreen/data/sample-library.jsonl', import.meta.url), 'utf8');

test('[GBT45654-detect-input] matches obfuscated keywords in Node with offsets into the original text', () => {
  const m = new KeywordMatcher([
    { term: '傻逼', risk: 'A1.f' },
    { term: '国家', risk: 'A1.b' },
    { term: 'shit', risk: 'A1.f' },
  ]);
  const text = '你个傻 逼！破壞國家 sh1t';
  const found = m.match(text);
  assert.deepEqual(
    found.map((x) => [x.term, x.risk, text.slice(x.start, x.end)]),
    [
      ['傻逼', 'A1.f', '傻 逼'],
      ['国家', 'A1.b', '國家'],
      ['shit', 'A1.f', 'sh1t'],
    ],
  );
});

test('[GBT45654-B-keywords] loads the sample library, compiles, reloads and reports coverage in Node', () => {
  const entries = parseKeywordLibrary(sample, 'jsonl');
  const m = new KeywordMatcher(entries);
  const reloaded = KeywordMatcher.fromCompiled(JSON.parse(JSON.stringify(m.compile())));
  const text = '操你妈 f.u.c.k';
  assert.deepEqual(reloaded.match(text), m.match(text));
  assert.ok(m.match(text).length >= 2);
  const report = coverageReport(entries);
  assert.equal(report.pass, false);
  assert.equal(report.totalMissing, 10_000 - report.total);
});

test('[robustness] signs with Node WebCrypto and loads a signed obfuscated library from a data: URL', async () => {
  const keys = await generateKeywordSigningKey();
  const compiled = new KeywordMatcher([{ term: '黑社会', risk: 'A1.h' }]).compile({ obfuscate: true });
  const signed = await signKeywordLibrary(compiled, keys.privateKey, 3);
  const url = `data:application/json,${encodeURIComponent(JSON.stringify(signed))}`;
  const { version, matcher } = await loadKeywordLibrary(url, { publicKey: keys.publicKey, expectedVersionAtLeast: 3 });
  assert.equal(version, 3);
  assert.deepEqual(
    matcher.match('黑 社 會').map((x) => [x.risk, x.start, x.end]),
    [['A1.h', 0, 5]],
  );
  await assert.rejects(loadKeywordLibrary(url, { publicKey: keys.publicKey, expectedVersionAtLeast: 4 }), { code: 'version' });
});
