import { configure, getConfig, hasLabelElements, loadConfigFromDocument, onConfigChange, resetConfig } from '@anquan/core';
import { expect } from '@open-wc/testing';
import { captureErrors } from '../harness/index.js';

describe('profiles and configuration', () => {
  afterEach(() => resetConfig());

  it("cn is the default profile with the rules' numbers", () => {
    const c = getConfig();
    expect(c.id).to.equal('cn');
    expect(c.thresholds.suspension).to.include({ consecutive: 3, perDay: 5 });
    expect(c.thresholds.minors.dailyQuotaMinutes['12-15']).to.equal(60);
    expect(c.thresholds.minors.dailyQuotaMinutes['16-17']).to.equal(120);
    expect(c.thresholds.minors.restReminderMinutes).to.equal(30);
    expect(c.thresholds.minors.curfew).to.deep.equal({ start: '22:00', end: '06:00' });
    expect(c.thresholds.trainingOptOutMaxClicks).to.equal(4);
    expect(c.thresholds.complaintDeadlineWorkingDays).to.equal(15);
    expect(c.measures.aiNoticeDismissible).to.be.false;
    expect(getConfig('eu').measures.dsaNotice).to.be.true;
    expect(getConfig('eu').measures.aiDisclosure).to.be.true;
  });

  it('applies valid overrides and tells listeners', () => {
    let seen = 0;
    const off = onConfigChange(() => seen++);
    const r = configure({ profile: 'eu', endpoint: '/intake/', thresholds: { suspension: { consecutive: 2 } } });
    off();
    expect(r.ok).to.be.true;
    expect(seen).to.equal(1);
    const c = getConfig();
    expect(c.id).to.equal('eu');
    expect(c.endpoint).to.equal('/intake');
    expect(c.thresholds.suspension.consecutive).to.equal(2);
    expect(c.thresholds.suspension.perDay).to.equal(5);
  });

  it('a bad value logs one error naming the key, the value and what is allowed, and keeps the safe default', async () => {
    await captureErrors((errors) => {
      const r = configure({ thresholds: { suspension: { consecutive: 10 } } });
      expect(r.ok).to.be.false;
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('thresholds.suspension.consecutive').and.to.contain('10').and.to.contain('an integer from 1 to 3');
      expect(getConfig().thresholds.suspension.consecutive).to.equal(3);
    });
  });

  it('never switches a required measure off, and refuses label wording without both elements', async () => {
    await captureErrors((errors) => {
      configure({ measures: { aiLabel: false, aiNoticeDismissible: true }, wording: { aiLabel: { en: 'Made by a bot' } } });
      expect(getConfig().measures.aiLabel).to.be.true;
      expect(getConfig().measures.aiNoticeDismissible).to.be.false;
      expect(getConfig().wording.aiLabel.en).to.equal('AI-generated content');
      expect(errors.some((e) => e.includes('measures.aiLabel'))).to.be.true;
      expect(errors.some((e) => e.includes('wording.aiLabel.en') && e.includes('Made by a bot'))).to.be.true;
      expect(hasLabelElements('人工智能生成')).to.be.true;
      expect(hasLabelElements('AI合成')).to.be.true;
      expect(hasLabelElements('AI')).to.be.false;
      expect(hasLabelElements('机器生成')).to.be.false;
    });
  });

  it('rejects unknown keys and wrong types without changing anything', async () => {
    await captureErrors((errors) => {
      configure({ profile: 'us' as 'cn', colour: 'red' } as never);
      configure({ thresholds: { minors: { curfew: { start: '25:00' } } } });
      configure({ endpoint: 'javascript:alert(1)' });
      expect(errors).to.have.length(4);
      expect(getConfig().id).to.equal('cn');
      expect(getConfig().thresholds.minors.curfew.start).to.equal('22:00');
      expect(getConfig().endpoint).to.equal(null);
    });
  });

  it('reads <script type="application/json" data-anquan-config> blocks, and reports bad JSON', async () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML = `<script type="application/json" data-anquan-config>{"profile":"eu","thresholds":{"complaintDeadlineWorkingDays":10}}</script>
      <script type="application/json" data-anquan-config>{oops</script>`;
    const errors = await captureErrors(() => {
      loadConfigFromDocument(doc);
    });
    expect(getConfig().id).to.equal('eu');
    expect(getConfig().thresholds.complaintDeadlineWorkingDays).to.equal(10);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('data-anquan-config').and.to.contain('not valid JSON');
  });

  it('the resolved configuration cannot be mutated by a host', () => {
    const c = getConfig();
    expect(() => {
      (c.thresholds.suspension as { consecutive: number }).consecutive = 99;
    }).to.throw();
    expect(getConfig().thresholds.suspension.consecutive).to.equal(3);
  });
});

describe('configuration order', () => {
  afterEach(() => {
    for (const s of document.querySelectorAll('script[data-anquan-config]')) s.remove();
    resetConfig();
  });

  it("a configure() call wins over the page's data-anquan-config block, even before anything read the configuration", () => {
    resetConfig();
    const block = document.createElement('script');
    block.type = 'application/json';
    block.setAttribute('data-anquan-config', '');
    block.textContent = '{"profile":"cn","thresholds":{"complaintDeadlineWorkingDays":12}}';
    document.head.append(block);
    configure({ profile: 'eu' });
    expect(getConfig().id).to.equal('eu');
    expect(getConfig().thresholds.complaintDeadlineWorkingDays).to.equal(12);
  });
});

describe('label wording', () => {
  // Real disclaimers operators use: all must pass.
  const MUST_PASS = [
    'AI生成',
    '人工智能生成合成',
    'AI合成',
    '由人工智能生成',
    'AI生成，未经人工审核',
    '内容由AI生成，不代表平台观点',
    '本回答由AI生成，仅供参考，不构成专业意见',
    '以上内容由人工智能生成，请注意甄别',
    'AI-generated',
    'AI-generated content',
    'Generated by AI',
    'Content generated by artificial intelligence',
    'This reply was generated by AI and has not been reviewed by a person',
    'Synthesised by AI, not professional advice',
  ];
  // Wordings that deny or lack an element: all must be refused.
  const MUST_REFUSE = [
    'AI',
    '机器生成',
    '非AI生成',
    '不是AI生成的',
    '并非由人工智能生成',
    '未使用AI生成',
    '非人工智能合成内容',
    'AI未生成',
    'Not AI-generated',
    'not generated by AI',
    'Non-AI generated',
    'No AI generated this',
    'generated without AI',
    'Human-written, not AI-generated',
    'Made by a bot',
    'Generated as said before',
  ];
  it('[GB45438-5.1-text] the text label needs an AI element and a generation element, neither negated where it stands; real disclaimers pass', () => {
    expect(
      MUST_PASS.filter((t) => !hasLabelElements(t)),
      'refused but must pass',
    ).to.deep.equal([]);
    expect(
      MUST_REFUSE.filter((t) => hasLabelElements(t)),
      'passed but must be refused',
    ).to.deep.equal([]);
  });

  it("[GB45438-5.1-text] configure() refuses a negated wording and keeps the profile's", async () => {
    try {
      await captureErrors((errors) => {
        configure({ wording: { aiLabel: { 'zh-CN': '非AI生成', en: 'Not AI-generated' } } } as never);
        expect(getConfig().wording.aiLabel['zh-CN']).to.not.equal('非AI生成');
        expect(getConfig().wording.aiLabel.en).to.equal('AI-generated content');
        expect(errors.some((e) => e.includes('wording.aiLabel'))).to.be.true;
      });
    } finally {
      resetConfig();
    }
  });
});

describe('minors defaults and ranges', () => {
  afterEach(() => resetConfig());

  it('[CAC-MINOR-quota] under 8 the default daily time is 40 min (8-15: 1 h, 16-17: 2 h); a host cannot raise it', async () => {
    const q = getConfig().thresholds.minors.dailyQuotaMinutes;
    expect(q).to.deep.equal({ 'under-3': 40, '3-7': 40, '8-11': 60, '12-15': 60, '16-17': 120 });
    await captureErrors((errors) => {
      configure({ thresholds: { minors: { dailyQuotaMinutes: { '3-7': 60, 'under-3': 41, '12-15': 30 } } } } as never);
      const after = getConfig().thresholds.minors.dailyQuotaMinutes;
      expect(after['3-7']).to.equal(40);
      expect(after['under-3']).to.equal(40);
      expect(after['12-15'], 'stricter is allowed').to.equal(30);
      expect(errors.filter((e) => e.includes('dailyQuotaMinutes'))).to.have.length(2);
    });
  });

  it('[CAC-MINOR-curfew] the curfew covers at least 22:00-06:00: a 03:00-03:01 curfew or one ending at 05:00 is refused, 21:00-07:00 is accepted', async () => {
    await captureErrors((errors) => {
      for (const curfew of [
        { start: '03:00', end: '03:01' },
        { start: '22:00', end: '05:00' },
        { start: '23:00', end: '06:00' },
        { start: '22:00', end: '22:00' },
        { start: '22:00' },
      ]) {
        configure({ thresholds: { minors: { curfew } } } as never);
        expect(getConfig().thresholds.minors.curfew, JSON.stringify(curfew)).to.deep.equal({ start: '22:00', end: '06:00' });
      }
      expect(errors.filter((e) => e.includes('curfew'))).to.have.length(5);
      configure({ thresholds: { minors: { curfew: { start: '21:00', end: '07:00' } } } } as never);
      expect(getConfig().thresholds.minors.curfew).to.deep.equal({ start: '21:00', end: '07:00' });
    });
  });
});
