import {
  APPENDIX_B_KEYWORD_MINIMUMS,
  type CompiledKeywordLibrary,
  coverageReport,
  formatKeywordLibrary,
  generateKeywordSigningKey,
  type KeywordEntry,
  KeywordLibraryError,
  KeywordMatcher,
  loadKeywordLibrary,
  parseKeywordLibrary,
  type SignedKeywordLibrary,
  signKeywordLibrary,
  verifyKeywordLibrary,
} from '@anquan/prescreen/keywords';
import { expect } from '@open-wc/testing';

async function rejects(p: Promise<unknown>): Promise<KeywordLibraryError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(KeywordLibraryError);
    return err as KeywordLibraryError;
  }
  throw new Error('expected a rejection');
}

function caught(fn: () => unknown): KeywordLibraryError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(KeywordLibraryError);
    return err as KeywordLibraryError;
  }
  throw new Error('expected an error');
}

describe('keyword library files', () => {
  it('[robustness] parses JSONL, ignoring blank lines and extra keys', () => {
    const text = '{"term":"傻逼","risk":"A1.f"}\n\n{"term":"fuck","risk":"A1.f","lang":"en"}\r\n{"term":"自残","risk":"P.self-harm"}\n';
    expect(parseKeywordLibrary(text, 'jsonl')).to.deep.equal([
      { term: '傻逼', risk: 'A1.f' },
      { term: 'fuck', risk: 'A1.f' },
      { term: '自残', risk: 'P.self-harm' },
    ]);
  });

  it('[robustness] reports every bad JSONL line with its line number', () => {
    const text = [
      '{"term":"ok","risk":"A1.f"}',
      '{"term":"broken",',
      '{"risk":"A1.f"}',
      '["term","A1.f"]',
      '{"term":"x","risk":"A9.z"}',
      '{"term":"   ","risk":"A1.f"}',
    ].join('\n');
    const err = caught(() => parseKeywordLibrary(text, 'jsonl'));
    expect(err.code).to.equal('parse');
    expect(err.line).to.equal(2);
    expect(err.issues.map((i) => i.line)).to.deep.equal([2, 3, 4, 5, 6]);
    expect(err.issues[0].message).to.match(/invalid JSON/);
    expect(err.issues[1].message).to.match(/"term"/);
    expect(err.issues[3].message).to.match(/unknown risk ID "A9\.z"/);
    expect(err.message).to.match(/line 2: invalid JSON/);
    expect(err.message).to.match(/line 5: unknown risk ID/);
  });

  it('[robustness] an unknown risk alone gives the unknown-risk code', () => {
    const err = caught(() => parseKeywordLibrary('{"term":"a","risk":"A1.f"}\n{"term":"b","risk":"B1.a"}', 'jsonl'));
    expect(err.code).to.equal('unknown-risk');
    expect(err.line).to.equal(2);
  });

  it('[robustness] parses CSV with quoting, CRLF, a BOM and columns in any order', () => {
    const text = '\uFEFFrisk,term,note\r\nA1.f,"傻,逼",x\r\nA2.a,"say ""hi""",\r\n\r\nA1.f, spaced ,\r\n';
    expect(parseKeywordLibrary(text, 'csv')).to.deep.equal([
      { term: '傻,逼', risk: 'A1.f' },
      { term: 'say "hi"', risk: 'A2.a' },
      { term: ' spaced ', risk: 'A1.f' },
    ]);
  });

  it('[robustness] reports bad CSV lines with line numbers', () => {
    const noHeader = caught(() => parseKeywordLibrary('word,category\nx,A1.f\n', 'csv'));
    expect(noHeader.code).to.equal('parse');
    expect(noHeader.line).to.equal(1);
    expect(noHeader.message).to.match(/header/);
    const err = caught(() => parseKeywordLibrary('term,risk\nok,A1.f\n"open,A1.f\nlonely\nx,A1.z\nbad"quote,A1.f\n', 'csv'));
    expect(err.issues.map((i) => i.line)).to.deep.equal([3, 4, 5, 6]);
    expect(err.issues[0].message).to.match(/unterminated/);
    expect(err.issues[1].message).to.match(/at least 2 fields/);
    expect(err.issues[2].message).to.match(/unknown risk/);
    expect(err.issues[3].message).to.match(/stray quote/);
    expect(caught(() => parseKeywordLibrary('', 'xml' as 'csv')).code).to.equal('parse');
  });

  it('[robustness] formatKeywordLibrary writes files that parse back to the same entries', () => {
    const entries: KeywordEntry[] = [
      { term: '傻,逼', risk: 'A1.f' },
      { term: 'say "hi"', risk: 'A2.a' },
      { term: ' x ', risk: 'P.other' },
    ];
    for (const format of ['jsonl', 'csv'] as const) {
      expect(parseKeywordLibrary(formatKeywordLibrary(entries, format), format)).to.deep.equal(entries);
    }
  });
});

describe('Appendix B coverage report', () => {
  it('[GBT45654-B-keywords] reports what the sample library is missing', async () => {
    const res = await fetch('/packages/prescreen/data/sample-library.jsonl');
    const entries = parseKeywordLibrary(await res.text(), 'jsonl');
    expect(entries.length).to.equal(725);
    const report = coverageReport(entries);
    expect(report.pass).to.equal(false);
    expect(report.requiredTotal).to.equal(10_000);
    expect(report.total).to.be.greaterThan(600).and.lessThan(720);
    expect(report.totalMissing).to.equal(10_000 - report.total);
    expect(report.risks.map((r) => r.risk)).to.deep.equal(APPENDIX_B_KEYWORD_MINIMUMS.map((m) => m.risk));
    const byRisk = Object.fromEntries(report.risks.map((r) => [r.risk, r]));
    expect(byRisk['A1.a']).to.include({ count: 0, required: 200, missing: 200, pass: false });
    expect(byRisk['A1.f'].count).to.be.greaterThan(600);
    expect(byRisk['A1.f']).to.include({ missing: 0, pass: true });
    expect(byRisk['A2.a'].count).to.equal(22);
    expect(byRisk['A2.a'].missing).to.equal(78);
    expect(byRisk['A2.b']).to.include({ count: 0, required: 100, missing: 100 });
    expect(report.missing).to.have.length(16);
    expect(report.missing[0]).to.deep.equal({ risk: 'A1.a', missing: 200 });
    // Nine P.csam entries, eight canonical terms: "jail bait" and "jailbait" are one.
    expect(report.otherRisks['P.csam']).to.equal(8);
  });

  it('[GBT45654-B-keywords] counts canonical terms: spelling variants of one term count once', () => {
    const report = coverageReport([
      { term: '傻逼', risk: 'A1.f' },
      { term: '傻 逼', risk: 'A1.f' },
      { term: '傻*逼', risk: 'A1.f' },
      { term: 'FUCK', risk: 'A1.f' },
      { term: 'ｆｕｃｋ', risk: 'A1.f' },
      { term: 'fuck', risk: 'A2.e' },
      { term: '國家', risk: 'A1.b' },
      { term: '国家', risk: 'A1.b' },
      { term: '***', risk: 'A1.b' },
    ]);
    expect(report.total).to.equal(3);
    expect(report.emptyTerms).to.equal(1);
    const byRisk = Object.fromEntries(report.risks.map((r) => [r.risk, r.count]));
    expect(byRisk['A1.f']).to.equal(2);
    expect(byRisk['A1.b']).to.equal(1);
    expect(byRisk['A2.e']).to.equal(1);
  });

  it('[GBT45654-B-keywords] passes a library that meets every minimum, and fails it one term short', () => {
    const entries: KeywordEntry[] = [];
    let n = 0;
    // Hangul syllables: no case, width, traditional or leetspeak folding merges two of them.
    const term = () => `词${String.fromCharCode(0xac00 + n++)}`;
    for (const m of APPENDIX_B_KEYWORD_MINIMUMS) for (let i = 0; i < m.min; i++) entries.push({ term: term(), risk: m.risk });
    while (entries.length < 10_000) entries.push({ term: term(), risk: 'A1.h' });
    const report = coverageReport(entries);
    expect(report.total).to.equal(10_000);
    expect(report.missing).to.deep.equal([]);
    expect(report.pass).to.equal(true);
    const short = coverageReport(entries.filter((x, i) => !(x.risk === 'A2.i' && i === entries.findIndex((y) => y.risk === 'A2.i'))));
    expect(short.pass).to.equal(false);
    expect(short.missing).to.deep.equal([{ risk: 'A2.i', missing: 1 }]);
    expect(short.totalMissing).to.equal(1);
  });
});

describe('signed hot updates', () => {
  const entries: KeywordEntry[] = [
    { term: '傻逼', risk: 'A1.f' },
    { term: '黑社会', risk: 'A1.h' },
  ];
  const dataUrl = (value: unknown) => `data:application/json,${encodeURIComponent(JSON.stringify(value))}`;

  let keys: CryptoKeyPair;
  let signed: SignedKeywordLibrary;
  before(async () => {
    keys = await generateKeywordSigningKey();
    signed = await signKeywordLibrary(new KeywordMatcher(entries).compile(), keys.privateKey, 2025061801);
  });

  it('[robustness] a library with a good signature loads from a data: URL and matches', async () => {
    expect(signed.algorithm).to.equal('ES256');
    const { version, matcher } = await loadKeywordLibrary(dataUrl(signed), {
      publicKey: keys.publicKey,
      expectedVersionAtLeast: 2025061801,
    });
    expect(version).to.equal(2025061801);
    expect(matcher.match('他是黑 社 會').map((m) => [m.term, m.risk, m.start, m.end])).to.deep.equal([['黑社会', 'A1.h', 2, 7]]);
  });

  it('[robustness] loads an obfuscated library from a blob: URL with a JWK or SPKI public key', async () => {
    const obf = await signKeywordLibrary(new KeywordMatcher(entries).compile({ obfuscate: true }), keys.privateKey, 7);
    const url = URL.createObjectURL(new Blob([JSON.stringify(obf)], { type: 'application/json' }));
    try {
      const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
      const a = await loadKeywordLibrary(url, { publicKey: jwk });
      expect(a.matcher.obfuscated).to.equal(true);
      expect(a.matcher.match('傻 逼').map((m) => m.term)).to.deep.equal(['傻 逼']);
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
      const b64 = btoa(String.fromCharCode(...spki));
      const b = await loadKeywordLibrary(url, { publicKey: b64 });
      expect(b.version).to.equal(7);
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('[robustness] tampered data, a tampered version or another key is rejected with a signature error', async () => {
    const tampered = structuredClone(signed) as SignedKeywordLibrary & { data: { terms: string[] } };
    tampered.data.terms[0] = '好人';
    expect((await rejects(loadKeywordLibrary(dataUrl(tampered), { publicKey: keys.publicKey }))).code).to.equal('signature');
    const bumped = { ...signed, version: signed.version + 1 };
    expect((await rejects(loadKeywordLibrary(dataUrl(bumped), { publicKey: keys.publicKey }))).code).to.equal('signature');
    const other = await generateKeywordSigningKey();
    expect((await rejects(loadKeywordLibrary(dataUrl(signed), { publicKey: other.publicKey }))).code).to.equal('signature');
    const garbage = { ...signed, signature: 'not base64!' };
    expect((await rejects(verifyKeywordLibrary(garbage, { publicKey: keys.publicKey }))).code).to.equal('signature');
  });

  it('[robustness] an older version is rejected with a version error, even when its signature is good', async () => {
    const old = await signKeywordLibrary(signed.data as CompiledKeywordLibrary, keys.privateKey, 2025060101);
    const err = await rejects(loadKeywordLibrary(dataUrl(old), { publicKey: keys.publicKey, expectedVersionAtLeast: 2025061801 }));
    expect(err.code).to.equal('version');
    expect(err.message).to.match(/older/);
  });

  it('[robustness] uses a passed fetch function and reports fetch and format failures', async () => {
    const seen: string[] = [];
    const fakeFetch = async (url: string) => {
      seen.push(url);
      return new Response(JSON.stringify(signed), { status: 200 });
    };
    const ok = await loadKeywordLibrary('https://cdn.example/kw.json', { publicKey: keys.publicKey, fetch: fakeFetch });
    expect(ok.version).to.equal(signed.version);
    expect(seen).to.deep.equal(['https://cdn.example/kw.json']);
    const notFound = async () => new Response('nope', { status: 404 });
    expect((await rejects(loadKeywordLibrary('https://cdn.example/x', { publicKey: keys.publicKey, fetch: notFound }))).code).to.equal(
      'fetch',
    );
    const notJson = async () => new Response('<html>', { status: 200 });
    expect((await rejects(loadKeywordLibrary('https://cdn.example/x', { publicKey: keys.publicKey, fetch: notJson }))).code).to.equal(
      'fetch',
    );
    expect((await rejects(loadKeywordLibrary(dataUrl({ version: 1 }), { publicKey: keys.publicKey }))).code).to.equal('format');
  });
});
