import {
  type CompiledKeywordLibrary,
  type KeywordEntry,
  KeywordLibraryError,
  type KeywordMatch,
  KeywordMatcher,
  type NormalizeOptions,
  normalizeTerm,
  normalizeText,
  parseKeywordLibrary,
  toSimplified,
} from '@anquan/prescreen/keywords';
import { expect } from '@open-wc/testing';

const e = (term: string, risk = 'A1.f'): KeywordEntry => ({ term, risk });
const spans = (ms: KeywordMatch[]) => ms.map((m) => [m.term, m.start, m.end]);

async function sampleEntries(): Promise<KeywordEntry[]> {
  const res = await fetch('/packages/prescreen/data/sample-library.jsonl');
  expect(res.ok).to.equal(true);
  return parseKeywordLibrary(await res.text(), 'jsonl');
}

describe('KeywordMatcher: matching', () => {
  it('[GBT45654-detect-input] reports overlapping and nested matches with exact offsets', () => {
    const m = new KeywordMatcher(['he', 'she', 'his', 'hers'].map((t) => e(t)));
    expect(spans(m.match('ushers'))).to.deep.equal([
      ['she', 1, 4],
      ['he', 2, 4],
      ['hers', 2, 6],
    ]);
    const zh = new KeywordMatcher([
      e('中华', 'A1.b'),
      e('中华人民', 'A1.b'),
      e('人民', 'A1.b'),
      e('华人', 'A1.b'),
      e('人民共和国', 'A1.c'),
    ]);
    expect(zh.match('中华人民共和国').map((x) => [x.term, x.risk, x.start, x.end])).to.deep.equal([
      ['中华', 'A1.b', 0, 2],
      ['华人', 'A1.b', 1, 3],
      ['中华人民', 'A1.b', 0, 4],
      ['人民', 'A1.b', 2, 4],
      ['人民共和国', 'A1.c', 2, 7],
    ]);
  });

  it('[GBT45654-detect-input] reports one match per risk when a term is filed under two risks, and repeats', () => {
    const m = new KeywordMatcher([e('杂种', 'A2.a'), e('杂种', 'A1.f'), e('雜種', 'A2.a')]);
    expect(m.size).to.equal(2);
    const found = m.match('杂种，杂种');
    expect(found.map((x) => [x.risk, x.start, x.end])).to.deep.equal([
      ['A2.a', 0, 2],
      ['A1.f', 0, 2],
      ['A2.a', 3, 5],
      ['A1.f', 3, 5],
    ]);
  });

  it('[GBT45654-detect-input] returns nothing for clean text and test() agrees with match()', () => {
    const m = new KeywordMatcher([e('傻逼'), e('fuck')]);
    expect(m.match('今天天气很好，我们去公园散步吧。')).to.deep.equal([]);
    expect(m.test('今天天气很好')).to.equal(false);
    expect(m.test('你个傻 逼')).to.equal(true);
    expect(m.match('')).to.deep.equal([]);
  });

  it('[GBT45654-detect-input] maps offsets back to the original text through skipped characters and surrogate pairs', () => {
    const m = new KeywordMatcher([e('傻逼'), e('𨳒'), e('fuck')]);
    const text = '😀前缀 傻\u200b 😀 逼！ab𨳒c F.Ｕ.c\u0301.K end';
    const found = m.match(text);
    expect(found.map((x) => text.slice(x.start, x.end))).to.deep.equal(['傻\u200b 😀 逼', '𨳒', 'F.Ｕ.c\u0301.K']);
    expect(found.map((x) => x.term)).to.deep.equal(['傻逼', '𨳒', 'fuck']);
    // A match never starts or ends on a skipped character.
    for (const x of found) {
      expect(/[\s.！\u200b]/u.test(text[x.start])).to.equal(false);
      expect(/[\s.！\u200b]/u.test(text[x.end - 1])).to.equal(false);
    }
  });

  it('[GBT45654-detect-input] rejects unknown risk IDs and sets aside terms that normalise to nothing', () => {
    expect(() => new KeywordMatcher([e('x', 'A9.z')]))
      .to.throw(KeywordLibraryError)
      .with.property('code', 'unknown-risk');
    expect(() => new KeywordMatcher([e('x', 'a1.f')])).to.throw(KeywordLibraryError);
    const m = new KeywordMatcher([e('***'), e('\u200b'), e('ok'), e('自伤', 'P.self-harm')]);
    expect(m.rejected.map((r) => [r.index, r.reason])).to.deep.equal([
      [0, 'empty-after-normalisation'],
      [1, 'empty-after-normalisation'],
    ]);
    expect(m.size).to.equal(2);
    expect(m.match('不要自伤')[0].risk).to.equal('P.self-harm');
  });

  it('[robustness] an adversarial input finishes: "aaaa…" against a … a^40 reports exactly the output-size number of matches', () => {
    const m = new KeywordMatcher(Array.from({ length: 40 }, (_, i) => e('a'.repeat(i + 1))));
    const n = 20_000;
    // Position i ends min(i + 1, 40) matches.
    const expected = 40 * n - (40 * 39) / 2;
    expect(m.match('a'.repeat(n))).to.have.length(expected);
    // Separators between every character and a trailing non-match keep it linear too.
    const spaced = `${'a '.repeat(5_000)}b`;
    expect(m.match(spaced)).to.have.length(40 * 5_000 - (40 * 39) / 2);
    // A long almost-match repeated: no output, still fast (failure links, no backtracking).
    const near = new KeywordMatcher([e(`${'a'.repeat(200)}b`)]);
    expect(near.match('a'.repeat(50_000))).to.have.length(0);
    expect(near.match(`${'a'.repeat(50_000)}b`)).to.have.length(1);
  });
});

describe('KeywordMatcher: normalisation steps', () => {
  interface Case {
    step: keyof NormalizeOptions;
    term: string;
    text: string;
    slice: string;
  }
  const cases: Case[] = [
    { step: 'separators', term: '傻逼', text: '你个傻 逼啊', slice: '傻 逼' },
    { step: 'separators', term: '傻逼', text: '你个傻*逼啊', slice: '傻*逼' },
    { step: 'separators', term: 'fuck', text: 'what the f.u.c.k', slice: 'f.u.c.k' },
    { step: 'separators', term: '傻逼', text: '傻🐶逼', slice: '傻🐶逼' },
    { step: 'zeroWidth', term: '傻逼', text: '你个傻\u200b逼', slice: '傻\u200b逼' },
    { step: 'zeroWidth', term: 'fuck', text: 'f\u200du\u2060c\ufeffk', slice: 'f\u200du\u2060c\ufeffk' },
    { step: 'fullWidth', term: 'fuck', text: 'ｆｕｃｋ you', slice: 'ｆｕｃｋ' },
    { step: 'fullWidth', term: '8964', text: '记住８９６４', slice: '８９６４' },
    { step: 'traditionalToSimplified', term: '国家', text: '破壞國家統一', slice: '國家' },
    { step: 'traditionalToSimplified', term: '陰莖', text: '阴茎', slice: '阴茎' },
    { step: 'traditionalToSimplified', term: '鸡巴', text: '雞巴', slice: '雞巴' },
    { step: 'lookalikes', term: 'fuck', text: 'fuсk', slice: 'fuсk' }, // Cyrillic с
    { step: 'lookalikes', term: 'shit', text: 'ѕhіt', slice: 'ѕhіt' }, // Cyrillic ѕ, і
    { step: 'lookalikes', term: 'porn', text: 'ΡΟRΝ', slice: 'ΡΟRΝ' }, // Greek Ρ, Ο, Ν
    { step: 'diacritics', term: 'fuck', text: 'fúck', slice: 'fúck' },
    { step: 'diacritics', term: 'fuck', text: 'fu\u0301ck', slice: 'fu\u0301ck' },
    { step: 'caseFold', term: 'fuck', text: 'FUCK', slice: 'FUCK' },
    { step: 'caseFold', term: 'FUCK', text: 'fuck', slice: 'fuck' },
    { step: 'leetspeak', term: 'shit', text: 'sh1t', slice: 'sh1t' },
    { step: 'leetspeak', term: 'fag', text: 'f4g', slice: 'f4g' },
    { step: 'leetspeak', term: 'ass', text: 'kiss my @$$', slice: '@$$' },
    { step: 'leetspeak', term: 'hello', text: 'h3ll0', slice: 'h3ll0' },
    { step: 'leetspeak', term: 'lick', text: '1ick', slice: '1ick' },
    { step: 'leetspeak', term: 'slut', text: '5lu7', slice: '5lu7' },
  ];
  for (const c of cases) {
    it(`[GBT45654-detect-input] ${c.step}: "${c.term}" in ${JSON.stringify(c.text)} on, not off`, () => {
      const on = new KeywordMatcher([e(c.term)]).match(c.text);
      expect(on.map((x) => c.text.slice(x.start, x.end))).to.deep.equal([c.slice]);
      expect(on[0].term).to.equal(c.term);
      const off = new KeywordMatcher([e(c.term)], { normalize: { [c.step]: false } }).match(c.text);
      expect(off).to.deep.equal([]);
    });
  }

  it('[GBT45654-detect-input] with every step off, only the exact spelling matches', () => {
    const none: NormalizeOptions = {
      caseFold: false,
      fullWidth: false,
      traditionalToSimplified: false,
      zeroWidth: false,
      separators: false,
      diacritics: false,
      lookalikes: false,
      leetspeak: false,
    };
    const m = new KeywordMatcher([e('傻逼'), e('Fuck')], { normalize: none });
    expect(spans(m.match('傻逼 Fuck fuck 傻 逼'))).to.deep.equal([
      ['傻逼', 0, 2],
      ['Fuck', 3, 7],
    ]);
  });

  it('[GBT45654-detect-input] leetspeak digits stay digits away from Latin letters, so numbers and CJK keep their meaning', () => {
    expect(normalizeText('f4ck 2024年 傻@逼 sh1t').text).to.equal('fack2024年傻逼shit');
    const m = new KeywordMatcher([e('2024'), e('傻逼')]);
    expect(spans(m.match('2024年 傻@逼 傻$逼'))).to.deep.equal([
      ['2024', 0, 4],
      ['傻逼', 6, 9],
      ['傻逼', 10, 13],
    ]);
    // 1, l and i share one class character: no branching, no blow-up.
    expect(normalizeTerm('I1l|')).to.deep.equal([0x69, 0x69, 0x69]);
  });

  it('[GBT45654-detect-input] the traditional→simplified table comes from OpenCC and is idempotent', () => {
    for (const [t, s] of [
      ['國', '国'],
      ['傻', '傻'],
      ['雞', '鸡'],
      ['衞', '卫'],
      ['臺', '台'],
    ]) {
      expect(String.fromCodePoint(toSimplified(t.codePointAt(0) as number))).to.equal(s);
    }
    expect(normalizeText('國家機密與臺灣').text).to.equal('国家机密与台湾');
    const once = normalizeText('雞巴 陰莖 ＦＵＣＫ').text;
    expect(normalizeText(once).text).to.equal(once);
  });
});

describe('KeywordMatcher: allow-list and word boundaries', () => {
  it('[GBT45654-detect-input] drops a match that lies entirely inside an allow-listed phrase, and only those', () => {
    const m = new KeywordMatcher([e('黑社会', 'A1.h'), e('ass')], { allow: ['黑社会新闻', 'class', 'assess'] });
    expect(m.match('今天的黑社会新闻报道')).to.deep.equal([]);
    expect(spans(m.match('他是黑社会'))).to.deep.equal([['黑社会', 2, 5]]);
    expect(m.match('a class to assess')).to.deep.equal([]);
    expect(spans(m.match('a class, an ass'))).to.deep.equal([['ass', 12, 15]]);
    // Obfuscated spellings of the allowed phrase are allowed too.
    expect(m.match('黑 社 會 新 聞')).to.deep.equal([]);
    // A phrase that only overlaps the keyword does not suppress it.
    const partial = new KeywordMatcher([e('黑社会', 'A1.h')], { allow: ['社会新闻'] });
    expect(spans(partial.match('黑社会新闻'))).to.deep.equal([['黑社会', 0, 3]]);
    expect(partial.test('黑社会新闻')).to.equal(true);
    expect(m.test('今天的黑社会新闻')).to.equal(false);
  });

  it('[GBT45654-detect-input] latinWordBoundary keeps Latin terms from firing inside words but not across separators', () => {
    const loose = new KeywordMatcher([e('ass'), e('fuck')]);
    const strict = new KeywordMatcher([e('ass'), e('fuck')], { latinWordBoundary: true });
    const text = 'classic grass; you a.s.s, fuckfuck, fuck!';
    expect(loose.match(text).length).to.be.greaterThan(strict.match(text).length);
    expect(strict.match(text).map((x) => text.slice(x.start, x.end))).to.deep.equal(['a.s.s', 'fuck']);
    expect(strict.match('傻逼ass傻逼').map((x) => x.term)).to.deep.equal(['ass']);
  });
});

describe('KeywordMatcher: compiled forms', () => {
  const probe = [
    '你个傻 逼，操你妈的！fuck you, f.u.c.k, ｆｕｃｋ, sh1t, 雞巴, 陰莖 and 干你娘',
    'class assess ass 2g1c two girls one cup, 𨳒 閪 屌',
    '今天天气很好，我们去公园散步吧。',
  ];

  it('[robustness] compile() → JSON → fromCompiled() gives the same matches, without re-building', async () => {
    const entries = await sampleEntries();
    const m = new KeywordMatcher(entries, { allow: ['class'] });
    const compiled = m.compile();
    expect(compiled.obfuscated).to.equal(false);
    const json = JSON.stringify(compiled);
    const loaded = KeywordMatcher.fromCompiled(JSON.parse(json) as CompiledKeywordLibrary);
    expect(loaded.size).to.equal(m.size);
    expect(loaded.normalizerMismatch).to.equal(false);
    for (const text of probe) expect(loaded.match(text)).to.deep.equal(m.match(text));
    expect(m.match(probe[0]).length).to.be.greaterThan(5);
    // Compiling the loaded matcher gives the same object.
    expect(JSON.stringify(loaded.compile())).to.equal(json);
  });

  it('[robustness] the obfuscated form gives the same matches (term = matched text) and its JSON holds none of the terms', async () => {
    const entries = await sampleEntries();
    const m = new KeywordMatcher(entries, { allow: ['class'] });
    const salt = new Uint8Array(16).map((_, i) => i * 17 + 3);
    const compiled = m.compile({ obfuscate: true, salt });
    const json = JSON.stringify(compiled);
    const obf = KeywordMatcher.fromCompiled(JSON.parse(json) as CompiledKeywordLibrary);
    expect(obf.obfuscated).to.equal(true);
    for (const text of probe) {
      const plain = m.match(text);
      const hidden = obf.match(text);
      expect(hidden.map((x) => [x.risk, x.start, x.end])).to.deep.equal(plain.map((x) => [x.risk, x.start, x.end]));
      for (const x of hidden) expect(x.term).to.equal(text.slice(x.start, x.end));
    }
    expect(json).to.not.include('"terms"');
    expect(json).to.not.include('"alphabet"');
    // Every term is absent from the whole JSON when it cannot occur in base64 by chance (CJK,
    // or 6+ characters), and every term is absent from the strings that are not base64 data.
    const values = json.replace(/"[A-Za-z]+":/g, ':'); // key names: "obfuscated" contains "scat"
    const plainStrings: string[] = [];
    JSON.parse(json, (_k, v) => {
      if (typeof v === 'string' && !/^[vw]:\d+:/.test(v) && v !== (compiled as { salt: string }).salt) plainStrings.push(v);
      return v;
    });
    let checked = 0;
    for (const { term } of entries) {
      const canon = String.fromCodePoint(...normalizeTerm(term));
      for (const s of plainStrings) expect(s.includes(term) || s.includes(canon), term).to.equal(false);
      if (/\p{Script=Han}/u.test(term) || term.length >= 6) {
        expect(values.includes(term), term).to.equal(false);
        expect(values.includes(canon), term).to.equal(false);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(400);
    // An obfuscated matcher compiles back to its own data; a second salt gives other hashes.
    expect(obf.compile()).to.equal(obf.compile());
    const other = m.compile({ obfuscate: true, salt: new Uint8Array(16) }) as { edgeA: string };
    expect(other.edgeA).to.not.equal((compiled as { edgeA: string }).edgeA);
  });

  it('[robustness] fromCompiled rejects malformed data with a typed error', () => {
    const good = new KeywordMatcher([e('傻逼'), e('fuck')]).compile() as unknown as Record<string, unknown>;
    const bad: unknown[] = [
      null,
      { ...good, format: 'other' },
      { ...good, formatVersion: 2 },
      { ...good, states: -1 },
      { ...good, fail: 'v:3:AAAA' },
      { ...good, fail: 'x:1:AA' },
      { ...good, risks: ['A9.z'] },
      { ...good, terms: ['only one'] },
      { ...good, obfuscated: 'maybe' },
    ];
    for (const b of bad) {
      expect(() => KeywordMatcher.fromCompiled(b as CompiledKeywordLibrary), JSON.stringify(b)?.slice(0, 60))
        .to.throw(KeywordLibraryError)
        .with.property('code', 'format');
    }
  });

  it('[robustness] a library compiled with other normalisation tables still loads (plain: re-built; obfuscated: flagged)', () => {
    const m = new KeywordMatcher([e('國家', 'A1.b')], { allow: ['国家队'] });
    const plain = { ...m.compile(), normalizer: 'aq-norm/0' } as CompiledKeywordLibrary;
    const rebuilt = KeywordMatcher.fromCompiled(plain);
    expect(rebuilt.normalizerMismatch).to.equal(true);
    expect(spans(rebuilt.match('国家 国家队'))).to.deep.equal([['國家', 0, 2]]);
    const obf = { ...m.compile({ obfuscate: true }), normalizer: 'aq-norm/0' } as CompiledKeywordLibrary;
    const loaded = KeywordMatcher.fromCompiled(obf);
    expect(loaded.normalizerMismatch).to.equal(true);
    expect(loaded.match('国家').map((x) => x.term)).to.deep.equal(['国家']);
  });
});
