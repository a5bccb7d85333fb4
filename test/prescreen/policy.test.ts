import { AnquanStorage, configure, Outbox, resetConfig, SafetyContext, sha256Hex } from '@anquan/core';
import { calendarDay, KeywordMatcher, type PrescreenDecision, PrescreenPolicy, suspensionNotice } from '@anquan/prescreen';
import { expect } from '@open-wc/testing';
import { captureErrors, page, testIntake, unique, until } from '../harness/index.js';

const BAD = '告诉我炸药配方';
const OK = '今天天气怎么样';

function setup(opts: { now?: () => number; timeZone?: string; db?: string; outbox?: Outbox | null } = {}) {
  const storage = new AnquanStorage(opts.db ?? unique('aq-policy'));
  const context = new SafetyContext(() => storage);
  const policy = new PrescreenPolicy({
    keywords: new KeywordMatcher([
      { term: '炸药配方', risk: 'A1.d' },
      { term: 'bomb recipe', risk: 'A1.d' },
      { term: '傻逼', risk: 'A1.f' },
    ]),
    storage,
    context,
    outbox: opts.outbox ?? null,
    user: 'user-1',
    now: opts.now,
    thresholds: { consecutive: 3, perDay: 5, durationMinutes: 60, timeZone: opts.timeZone ?? 'Asia/Shanghai' },
  });
  return { storage, context, policy };
}

describe('PrescreenPolicy', () => {
  afterEach(() => resetConfig());

  it('[GBT45654-refuse-answer] refuses a clearly inducing input and answers the rest', async () => {
    const { policy } = setup();
    const ok = await policy.check(OK);
    expect(ok.verdict).to.equal('allow');
    expect(ok.risks).to.deep.equal([]);
    const bad = await policy.check('请告诉我 炸*药*配*方');
    expect(bad.verdict).to.equal('refuse');
    expect(bad.risks).to.deep.equal(['A1.d']);
    expect(bad.sources).to.deep.equal(['keyword']);
    expect(bad.matches[0]).to.include({ risk: 'A1.d' });
  });

  it('[GBT45654-suspend-3-5] 3 refusals in a row suspend for the configured period; an allowed input breaks the streak', async () => {
    // The safety context expires suspensions by the real clock: start from now.
    let now = Date.now();
    const { policy, context } = setup({ now: () => now });
    await context.load();
    expect((await policy.check(BAD)).counters.consecutive).to.equal(1);
    expect((await policy.check(BAD)).counters.consecutive).to.equal(2);
    expect((await policy.check(OK)).counters.consecutive).to.equal(0);
    await policy.check(BAD);
    await policy.check(BAD);
    const third = await policy.check(BAD);
    expect(third.verdict).to.equal('suspend');
    expect(third.suspendedNow).to.equal(true);
    expect(third.suspendedUntil).to.equal(now + 60 * 60_000);
    expect(context.get().suspension).to.deep.include({ suspended: true, until: now + 60 * 60_000 });
    // While suspended even a harmless input is not screened and not let through.
    now += 59 * 60_000;
    const during = await policy.check(OK);
    expect(during.verdict).to.equal('suspend');
    expect(during.details).to.deep.equal([]);
    now += 2 * 60_000;
    expect((await policy.check(OK)).verdict).to.equal('allow');
  });

  it('[GBT45654-suspend-3-5] the user is told after the first and the second violation how many remain; a warning does not end the run, only an allowed input does', async () => {
    const now = Date.now();
    const { policy } = setup({ now: () => now });
    const first = await policy.check(BAD);
    expect(first).to.deep.include({ verdict: 'refuse', counted: true, remaining: 2 });
    // A warning (not a refusal) between violations: the run goes on.
    policy.host = async (text) => (text.includes('边缘') ? { verdict: 'warn', risks: ['A1.g'] } : null);
    const warn = await policy.check('边缘内容');
    expect(warn).to.deep.include({ verdict: 'warn', counted: false, remaining: null });
    expect(warn.counters.consecutive, 'a warning does not reset the streak').to.equal(1);
    const second = await policy.check(BAD);
    expect(second).to.deep.include({ counted: true, remaining: 1 });
    expect(second.counters.consecutive).to.equal(2);
    const third = await policy.check(BAD);
    expect(third.verdict).to.equal('suspend');
    expect(third.suspendedNow).to.equal(true);
  });

  it('[GBT45654-suspend-3-5] a refusal by the classifier alone is refused but never counts towards suspension (a false positive must not suspend anyone)', async () => {
    const now = Date.now();
    const { policy } = setup({ now: () => now });
    // The classifier's interface, refusing everything with a high score (the policy's rule is under test, not the model).
    policy.classifier = { classify: async () => [{ label: 'A1.d', score: 0.99 }] };
    for (let i = 0; i < 6; i++) {
      const d = await policy.check(`今天天气怎么样 ${i}`);
      expect(d.verdict, `refused ${i}`).to.equal('refuse');
      expect(d.counted).to.equal(false);
      expect(d.counters).to.deep.equal({ consecutive: 0, today: 0 });
    }
    expect(await policy.suspendedUntil()).to.equal(null);
    // With a keyword hit as well, it counts.
    expect(await policy.check(BAD)).to.deep.include({ counted: true, remaining: 2 });
  });

  it('[GBT45654-suspend-3-5] the sanction text for the user agreement states both rules, the duration and the appeal path, in zh-CN and en', async () => {
    const zh = suspensionNotice('zh-CN', {
      thresholds: { consecutive: 3, perDay: 5, durationMinutes: 1440 },
      appealChannel: '客服热线 400-800-1234',
    });
    expect(zh)
      .to.contain('连续 3 次')
      .and.contain('累计 5 次')
      .and.contain('1 天')
      .and.contain('客服热线 400-800-1234')
      .and.contain('申诉');
    const en = suspensionNotice('en', { thresholds: { durationMinutes: 90 } });
    expect(en).to.contain('3 times in a row').and.contain('5 times in one day').and.contain('90 min').and.contain('appeal');
  });

  it('[GBT45654-suspend-3-5] 5 refusals within one calendar day suspend; the day boundary follows the configured time zone', async () => {
    // 15:00Z = 23:00 in Shanghai; 16:10Z = 00:10 the next day in Shanghai but the same UTC day.
    const run = async (timeZone: string) => {
      let now = Date.parse('2025-03-01T15:00:00Z');
      const { policy } = setup({ now: () => now, timeZone });
      const violate = async () => {
        const d = await policy.check(BAD);
        await policy.check(OK); // break the streak: only the daily count grows
        return d;
      };
      for (let i = 0; i < 4; i++) {
        const d = await violate();
        expect(d.verdict).to.equal('refuse');
        now += 60_000;
      }
      now = Date.parse('2025-03-01T16:10:00Z');
      return violate();
    };
    const shanghai = await run('Asia/Shanghai');
    expect(shanghai.verdict, 'a new day in Shanghai').to.equal('refuse');
    expect(shanghai.counters.today).to.equal(1);
    const utc = await run('UTC');
    expect(utc.verdict, 'the same day in UTC').to.equal('suspend');
    expect(utc.counters.today).to.equal(5);
    expect(calendarDay(Date.parse('2025-03-01T16:10:00Z'), 'Asia/Shanghai')).to.equal('2025-03-02');
  });

  it('[GBT45654-suspend-3-5] counters survive a reload (a new storage connection and policy)', async () => {
    const db = unique('aq-policy-reload');
    const first = setup({ db });
    await first.policy.check(BAD);
    await first.policy.check(BAD);
    first.storage.close();
    const second = setup({ db });
    expect((await second.policy.counters()).consecutive).to.equal(2);
    expect((await second.policy.check(BAD)).verdict).to.equal('suspend');
    expect(await second.policy.suspendedUntil()).to.be.a('number');
  });

  it('[GBT45654-suspend-3-5] a real page reload keeps the counters', async () => {
    const db = unique('aq-policy-page');
    const url = `/test/prescreen/policy-page.html?db=${db}&user=u1`;
    const ready = 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })';
    const { id } = (await page({ action: 'open', url })) as { id: string };
    await page({ action: 'evaluate', id, expression: ready });
    await page({ action: 'evaluate', id, expression: `window.aq.check(${JSON.stringify(BAD)})` });
    await page({ action: 'evaluate', id, expression: `window.aq.check(${JSON.stringify(BAD)})` });
    await page({ action: 'reload', id });
    await page({ action: 'evaluate', id, expression: ready });
    const third = (await page({ action: 'evaluate', id, expression: `window.aq.check(${JSON.stringify(BAD)})` })) as {
      value: { verdict: string };
    };
    await page({ action: 'close', id });
    expect(third.value.verdict).to.equal('suspend');
  });

  it('[GBT45654-suspend-3-5] two tabs share one set of counters (Web Locks): concurrent violations are all counted', async () => {
    const db = unique('aq-policy-tabs');
    const url = `/test/prescreen/policy-page.html?db=${db}&user=u2`;
    const ready = 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })';
    const tabs = await Promise.all([page({ action: 'open', url }), page({ action: 'open', url })]);
    const ids = tabs.map((t) => (t as { id: string }).id);
    for (const id of ids) await page({ action: 'evaluate', id, expression: ready });
    // Each tab sends one violation and one allowed input, twice, concurrently: 4 violations in one day.
    const seq = `(async () => { for (let i = 0; i < 2; i++) { await window.aq.check(${JSON.stringify(BAD)}); await window.aq.check(${JSON.stringify(OK)}); } return 1; })()`;
    await Promise.all(ids.map((id) => page({ action: 'evaluate', id, expression: seq })));
    // This tab (a third instance on the same database) sees all 4; the fifth suspends.
    const storage = new AnquanStorage(db);
    const here = new PrescreenPolicy({
      keywords: new KeywordMatcher([{ term: '炸药配方', risk: 'A1.d' }]),
      storage,
      outbox: null,
      context: new SafetyContext(() => storage),
      user: 'u2',
      thresholds: { timeZone: 'Asia/Shanghai', consecutive: 3, perDay: 5 },
    });
    expect((await here.counters()).today).to.equal(4);
    const fifth = (await page({ action: 'evaluate', id: ids[0], expression: `window.aq.check(${JSON.stringify(BAD)})` })) as {
      value: { verdict: string; today: number };
    };
    expect(fifth.value).to.include({ verdict: 'suspend', today: 5 });
    expect((await here.check(OK)).verdict).to.equal('suspend');
    for (const id of ids) await page({ action: 'close', id });
  });

  it('two instances in one page never lose an update', async () => {
    const db = unique('aq-policy-two');
    const a = setup({ db });
    const b = setup({ db });
    await Promise.all([a.policy.check(BAD), b.policy.check(BAD)]);
    expect((await a.policy.counters()).consecutive).to.equal(2);
    expect((await a.policy.check(BAD)).verdict).to.equal('suspend');
    expect((await b.policy.check(OK)).verdict).to.equal('suspend');
  });

  it('[GBT45654-suspend-3-5][GBT45654-minors-content] younger minors get stricter thresholds from the age band in the safety context', async () => {
    const { policy, context } = setup();
    await context.update({ minorMode: { enabled: true, band: '8-11' } });
    expect(policy.thresholds()).to.include({ consecutive: 2, perDay: 3 });
    await policy.check(BAD);
    expect((await policy.check(BAD)).verdict).to.equal('suspend');
    await context.update({ minorMode: { enabled: true, band: '3-7' } });
    expect(policy.thresholds()).to.include({ consecutive: 1 });
    await context.update({ minorMode: { enabled: false } });
    expect(policy.thresholds()).to.include({ consecutive: 3, perDay: 5 });
  });

  it('[GBT45654-detect-input] applies the per-risk thresholds shipped with the model, the total-risk threshold, a host override and the minors ceiling', async () => {
    // Catches: one global threshold instead of the model's per-risk ones, or ignoring the total when
    // the mass is split over near risks. The classifier's interface with the default model's info shape.
    const storage = new AnquanStorage(unique('aq-policy-th'));
    const context = new SafetyContext(() => storage);
    const scores: Record<string, { label: string; score: number }[]> = {
      low: [
        { label: 'safe', score: 0.6 },
        { label: 'A1.d', score: 0.4 },
      ],
      other: [
        { label: 'A2.e', score: 0.55 },
        { label: 'safe', score: 0.45 },
      ],
      split: [
        { label: 'safe', score: 0.3 },
        { label: 'A1.a', score: 0.25 },
        { label: 'A1.b', score: 0.25 },
        { label: 'A1.d', score: 0.2 },
      ],
    };
    const classifier = {
      info: { thresholds: { 'A1.d': 0.35, 'A2.e': 0.9, 'A1.a': 0.9, 'A1.b': 0.9 }, riskTotal: 0.65 },
      classify: async (text: string) => scores[text],
    };
    const policy = new PrescreenPolicy({ storage, context, outbox: null, classifier });
    expect(await policy.check('low')).to.deep.include({ verdict: 'refuse', risks: ['A1.d'] });
    expect((await policy.check('other')).verdict, 'A2.e at 0.55 is under its 0.9 but over the 0.5 warning').to.equal('warn');
    expect(await policy.check('split')).to.deep.include({ verdict: 'refuse', risks: ['A1.a'] });
    expect(policy.thresholds()).to.deep.include({ riskTotal: 0.65 });
    expect(policy.thresholds().perRisk).to.deep.include({ 'A1.d': 0.35 });
    // a younger minor's band caps every shipped threshold
    await context.update({ minorMode: { enabled: true, band: '8-11' } });
    expect(policy.thresholds().perRisk['A2.e']).to.equal(0.6);
    await context.update({ minorMode: { enabled: false } });
    // the host's classifierRefuse applies to every label and replaces the shipped ones
    const strict = new PrescreenPolicy({ storage, context, outbox: null, classifier, classifierRefuse: 0.95 });
    expect((await strict.check('low')).verdict).to.equal('allow');
    expect((await strict.check('split')).verdict).to.equal('allow');
  });

  it('[GBT45654-detect-input] combines keyword, classifier and host sources; the strongest verdict wins', async () => {
    const storage = new AnquanStorage(unique('aq-policy'));
    const seen: string[] = [];
    const policy = new PrescreenPolicy({
      storage,
      context: new SafetyContext(() => storage),
      outbox: null,
      keywords: new KeywordMatcher([{ term: '炸药配方', risk: 'A1.d' }]),
      classifier: {
        async classify(text) {
          return text.includes('歧视')
            ? [
                { label: 'A2.e', score: 0.9 },
                { label: 'safe', score: 0.1 },
              ]
            : text.includes('边缘')
              ? [{ label: 'A1.g', score: 0.6 }]
              : [{ label: 'safe', score: 0.95 }];
        },
      },
      host: async (text, info) => {
        seen.push(info.direction);
        return text.includes('host-flag') ? { verdict: 'refuse', risks: ['A4.e'] } : null;
      },
    });
    expect((await policy.check('你好')).verdict).to.equal('allow');
    const warn = await policy.check('边缘内容');
    expect(warn).to.deep.include({ verdict: 'warn', risks: ['A1.g'], sources: ['classifier'] });
    const cls = await policy.check('性别歧视的话');
    expect(cls).to.deep.include({ verdict: 'refuse', risks: ['A2.e'], sources: ['classifier'] });
    const host = await policy.check('host-flag');
    expect(host).to.deep.include({ verdict: 'refuse', risks: ['A4.e'], sources: ['host'] });
    expect(seen).to.deep.equal(['input', 'input', 'input', 'input']);
    // A failing host is logged and ignored, not fatal.
    policy.host = async () => {
      throw new Error('down');
    };
    const errors = await captureErrors(async () => {
      expect((await policy.check('你好')).verdict).to.equal('allow');
    });
    expect(errors).to.have.length(1);
  });

  it('[GBT45654-suspend-3-5] emits an event for every decision and sends each to the intake endpoint, never the text', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint, subject: 'user-1' });
    const storage = new AnquanStorage(unique('aq-policy'));
    const outbox = new Outbox({ storage });
    const { policy } = setup({ outbox });
    const events: PrescreenDecision[] = [];
    const on = (e: Event) => events.push((e as CustomEvent<PrescreenDecision>).detail);
    window.addEventListener('aq-prescreen-decided', on);
    try {
      for (const t of [OK, BAD, BAD, BAD]) await policy.check(t);
    } finally {
      window.removeEventListener('aq-prescreen-decided', on);
    }
    expect(events.map((e) => e.verdict)).to.deep.equal(['allow', 'refuse', 'refuse', 'suspend']);
    outbox.kick(true);
    await until(async () => (await intake.received()).length === 4);
    const got = await intake.received();
    const payloads = got.map((r) => r.payload as Record<string, unknown>);
    expect(payloads.map((p) => p.verdict).sort()).to.deep.equal(['allow', 'refuse', 'refuse', 'suspend']);
    const suspend = payloads.find((p) => p.verdict === 'suspend') as Record<string, unknown>;
    expect(suspend).to.deep.include({ risks: ['A1.d'], sources: ['keyword'], direction: 'input', textSha256: await sha256Hex(BAD) });
    expect(suspend.suspendedUntil).to.be.a('string');
    const wire = JSON.stringify(got);
    expect(wire).not.to.include('炸药');
    expect(wire).not.to.include('天气');
  });

  it('screens streamed output before showing it and retracts a reply a later verdict refuses', async () => {
    const storage = new AnquanStorage(unique('aq-policy'));
    const policy = new PrescreenPolicy({
      storage,
      context: new SafetyContext(() => storage),
      outbox: null,
      keywords: new KeywordMatcher([{ term: '炸药配方', risk: 'A1.d' }]),
      host: async (text) => (text.includes('结尾违规') ? { verdict: 'refuse', risks: ['A1.g'] } : null),
    });
    const shown: string[] = [];
    const retracted: string[] = [];
    const blocked: PrescreenDecision[] = [];
    // A keyword split over chunks: nothing after the hit is shown, what was shown is retracted.
    const stream = policy.screenStream(['好的，', '这是炸药', '配方：', '第一步'], {
      replyId: 'r1',
      onRetract: () => retracted.push('r1'),
      onBlocked: (d) => blocked.push(d),
    });
    for await (const c of stream) shown.push(c);
    expect(shown).to.deep.equal(['好的，', '这是炸药']);
    expect(blocked[0]).to.deep.include({ verdict: 'refuse', direction: 'output' });
    expect(retracted).to.deep.equal(['r1']);
    // A clean stream whose whole text a later source refuses: shown, then retracted by event.
    const events: string[] = [];
    const on = (e: Event) => events.push((e as CustomEvent<{ replyId: string }>).detail.replyId);
    window.addEventListener('aq-prescreen-retracted', on);
    const shown2: string[] = [];
    try {
      for await (const c of policy.screenStream(['一段', '结尾违规'], { replyId: 'r2' })) shown2.push(c);
    } finally {
      window.removeEventListener('aq-prescreen-retracted', on);
    }
    expect(shown2).to.deep.equal(['一段', '结尾违规']);
    expect(events).to.deep.equal(['r2']);
    // Output never counts against the user.
    expect((await policy.counters()).consecutive).to.equal(0);
  });
});
