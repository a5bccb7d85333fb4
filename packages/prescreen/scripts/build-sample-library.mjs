#!/usr/bin/env node
// Builds packages/prescreen/data/sample-library.jsonl from the Chinese and English lists of
// naughty-words (LDNOOBW, CC-BY-4.0), each term mapped to a risk ID.
//
//   node packages/prescreen/scripts/build-sample-library.mjs
//
// A small demonstration library, far below the Appendix B minimums (see its coverage report):
// operators bring their own. Mapping: obscenity, sexual content and insults → A1.f; violence →
// A1.f; ethnic slurs → A2.a; slurs on sexual orientation → A2.i; on gender identity → A2.e;
// on disability/health → A2.h; extremist symbols → A1.d / A1.e; child sexual abuse terms →
// P.csam; drugs → A1.h; spam and game-piracy terms → P.other. Terms with no letter or ideograph
// (e.g. "13.", "🖕") are left out: after normalisation they are empty or only digits.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const zh = JSON.parse(readFileSync(require.resolve('naughty-words/zh.json'), 'utf8'));
const en = JSON.parse(readFileSync(require.resolve('naughty-words/en.json'), 'utf8'));
const version = JSON.parse(readFileSync(require.resolve('naughty-words/package.json'), 'utf8')).version;

const RISK = {
  // English
  'A2.a': ['beaner', 'beaners', 'coon', 'coons', 'darkie', 'honkey', 'jigaboo', 'jiggaboo', 'jiggerboo', 'kike', 'negro', 'nigga', 'nigger', 'nig nog', 'paki', 'pikey', 'raghead', 'slanteye', 'spic', 'towelhead', 'wetback', '杂种'],
  'A2.i': ['fag', 'faggot', 'bulldyke', 'carpet muncher', 'carpetmuncher', 'fudge packer', 'fudgepacker'],
  'A2.e': ['tranny', 'shemale'],
  'A2.h': ['spastic', 'mong', '白痴', '白癡'],
  'A1.d': ['swastika', 'neonazi'],
  'A1.e': ['white power'],
  'P.csam': ['pthc', 'pedobear', 'nambla', 'jail bait', 'jailbait', 'paedophile', 'pedophile', 'lolita', 'shota'],
  'A1.h': ['迷药'],
  'P.other': ['viagra', 'cialis', '九游', '私服'],
};
const riskOf = new Map();
for (const [risk, terms] of Object.entries(RISK)) for (const t of terms) riskOf.set(t, risk);

const lines = [];
const seen = new Set();
const skipped = [];
for (const [lang, list] of [['zh', zh], ['en', en]]) {
  for (const term of list) {
    if (!/[\p{L}]/u.test(term)) {
      skipped.push(term);
      continue;
    }
    if (seen.has(term)) continue;
    seen.add(term);
    lines.push(JSON.stringify({ term, risk: riskOf.get(term) ?? 'A1.f', lang }));
  }
}
for (const t of riskOf.keys()) if (!seen.has(t)) throw new Error(`mapping names a term not in the lists: ${t}`);

const out = new URL('../data/sample-library.jsonl', import.meta.url);
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`naughty-words ${version}: wrote ${lines.length} entries to ${out.pathname}; left out ${JSON.stringify(skipped)}`);
