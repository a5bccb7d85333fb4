import { configure, getConfig, hasLabelElements, loadConfigFromDocument, onConfigChange, resetConfig } from '@anquan/core';
import { expect } from '@open-wc/testing';

function captureErrors() {
  const errors: string[] = [];
  const orig = console.error;
  console.error = (m: string) => errors.push(String(m));
  return { errors, restore: () => (console.error = orig) };
}

describe('profiles and configuration', () => {
  afterEach(() => resetConfig());

  it('cn is the default profile with the rules\' numbers', () => {
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

  it('a bad value logs one error naming the key, the value and what is allowed, and keeps the safe default', () => {
    const { errors, restore } = captureErrors();
    try {
      const r = configure({ thresholds: { suspension: { consecutive: 10 } } });
      expect(r.ok).to.be.false;
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('thresholds.suspension.consecutive').and.to.contain('10').and.to.contain('an integer from 1 to 3');
      expect(getConfig().thresholds.suspension.consecutive).to.equal(3);
    } finally {
      restore();
    }
  });

  it('never switches a required measure off, and refuses label wording without both elements', () => {
    const { errors, restore } = captureErrors();
    try {
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
    } finally {
      restore();
    }
  });

  it('rejects unknown keys and wrong types without changing anything', () => {
    const { errors, restore } = captureErrors();
    try {
      configure({ profile: 'us' as 'cn', colour: 'red' } as never);
      configure({ thresholds: { minors: { curfew: { start: '25:00' } } } });
      configure({ endpoint: 'javascript:alert(1)' });
      expect(errors).to.have.length(4);
      expect(getConfig().id).to.equal('cn');
      expect(getConfig().thresholds.minors.curfew.start).to.equal('22:00');
      expect(getConfig().endpoint).to.equal(null);
    } finally {
      restore();
    }
  });

  it('reads <script type="application/json" data-anquan-config> blocks, and reports bad JSON', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML = `<script type="application/json" data-anquan-config>{"profile":"eu","thresholds":{"complaintDeadlineWorkingDays":10}}</script>
      <script type="application/json" data-anquan-config>{oops</script>`;
    const { errors, restore } = captureErrors();
    try {
      loadConfigFromDocument(doc);
    } finally {
      restore();
    }
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

  it('a configure() call wins over the page\'s data-anquan-config block, even before anything read the configuration', () => {
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
