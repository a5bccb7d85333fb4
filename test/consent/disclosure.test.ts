import { configure, resetConfig } from '@anquan/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../packages/consent/src/register.js';
import type { AqAiDisclosure, AqTransparency, TransparencyDisclosure } from '../../packages/consent/src/index.js';
import { expectAccessible, expectCspClean } from '../harness/index.js';
import { captureErrors, freshStore, until } from './helpers.js';

const DISCLOSURE: TransparencyDisclosure = {
  service: { 'zh-CN': '示例助手', en: 'Example Assistant' },
  intendedUsers: { 'zh-CN': '18岁以上的个人用户', en: 'Adults aged 18 and over' },
  occasions: { 'zh-CN': '学习与办公场合', en: 'Study and office work' },
  purposes: { 'zh-CN': '问答、写作辅助', en: 'Questions and answers, writing help' },
  foundationModels: [{ name: 'Example-LM', version: '2.1', provider: 'Example AI', filing: 'Beijing-ExampleLM-20240101' }],
  limitations: [{ 'zh-CN': '回答可能不准确', en: 'Answers may be inaccurate' }, { en: 'No knowledge after 2025-06' }],
  modelSummary: {
    'zh-CN': '基于Transformer的大语言模型，经监督微调与人类反馈强化学习训练。',
    en: 'A transformer language model trained with supervised fine-tuning and RLHF.',
  },
  personalInformation: [{ category: { 'zh-CN': '输入内容', en: 'Your inputs' }, use: { 'zh-CN': '生成回答', en: 'To generate answers' } }],
  updated: '2025-11-01',
};

const sr = (el: Element) => el.shadowRoot!;
const text = (el: Element) => sr(el).textContent!.replace(/\s+/g, ' ');

describe('<aq-transparency>', () => {
  afterEach(() => resetConfig());

  it('[GBT45654-transparency-scope] [GBT45654-transparency-limits] [GBT45654-transparency-pi] renders every disclosure field in en and zh-CN', async () => {
    const wrap = await fixture<HTMLElement>(html`<div lang="en"><aq-transparency .disclosure=${DISCLOSURE}></aq-transparency></div>`);
    const el = wrap.querySelector('aq-transparency')!;
    await el.updateComplete;
    const fields = Array.from(sr(el).querySelectorAll('[part="field"]'), (f) => f.getAttribute('data-field'));
    expect(fields).to.deep.equal([
      'intendedUsers',
      'occasions',
      'purposes',
      'foundationModels',
      'limitations',
      'modelSummary',
      'personalInformation',
    ]);
    const en = text(el);
    for (const s of [
      'Example Assistant',
      'Adults aged 18',
      'Study and office work',
      'writing help',
      'Example-LM 2.1 (Example AI)',
      'Answers may be inaccurate',
      'No knowledge after',
      'transformer language model',
      'Your inputs',
      'To generate answers',
    ])
      expect(en).to.contain(s);
    expect(el.hasAttribute('incomplete')).to.be.false;
    await expectAccessible(wrap);
    wrap.setAttribute('lang', 'zh-CN');
    await until(() => text(el).includes('适用人群'), 3000, 'zh-CN');
    expect(text(el))
      .to.contain('18岁以上')
      .and.to.contain('所使用的基础模型')
      .and.to.contain('服务局限性')
      .and.to.contain('收集的个人信息及用途');
    // Missing zh-CN text falls back to en.
    expect(text(el)).to.contain('No knowledge after 2025-06');
    await expectAccessible(wrap);
  });

  it('missing required fields give one console error listing them and a visible incomplete state', async () => {
    let el!: AqTransparency;
    const partial = {
      intendedUsers: 'Adults',
      occasions: '',
      purposes: 'Chat',
      foundationModels: [],
      limitations: [],
    } as unknown as TransparencyDisclosure;
    const errors = await captureErrors(async () => {
      const wrap = await fixture<HTMLElement>(html`<div lang="en"><aq-transparency .disclosure=${partial}></aq-transparency></div>`);
      el = wrap.querySelector('aq-transparency')!;
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(errors).to.have.length(1);
    expect(errors[0])
      .to.contain('<aq-transparency>')
      .and.to.contain('occasions, foundationModels, limitations, modelSummary, personalInformation');
    expect(el.hasAttribute('incomplete')).to.be.true;
    const banner = sr(el).querySelector('[part="incomplete"]')!;
    expect(banner.textContent).to.contain('Incomplete disclosure').and.to.contain('Occasions').and.to.contain('Foundation models used');
    // Completing it clears the state.
    el.disclosure = DISCLOSURE;
    await el.updateComplete;
    expect(el.hasAttribute('incomplete')).to.be.false;
    expect(sr(el).querySelector('[part="incomplete"]')).to.be.null;
  });

  it('reads a JSON child and renders configured text as text only', async () => {
    const wrap = await fixture<HTMLElement>(html`<div lang="en"></div>`);
    const el = document.createElement('aq-transparency');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify({ ...DISCLOSURE, intendedUsers: '<b onmouseover="x()">Everyone</b>' });
    el.append(script);
    wrap.append(el);
    await until(() => text(el).includes('Everyone'), 3000, 'the JSON child');
    expect(sr(el).querySelector('b')).to.be.null;
    expect(text(el)).to.contain('<b onmouseover');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    const r = await expectCspClean({
      modules: ['/packages/consent/src/register.ts'],
      html: `<div lang="en"><aq-transparency><script type="application/json">${JSON.stringify(DISCLOSURE)}</script></aq-transparency><aq-ai-disclosure domain="medical"></aq-ai-disclosure></div>`,
      script: '/test/consent/csp-drive.ts',
    });
    expect(r.text).to.contain('Adults aged 18').and.to.contain('not a medical diagnosis');
  });
});

describe('<aq-ai-disclosure>', () => {
  afterEach(() => resetConfig());

  it('[AIACT-50.1-disclosure] under eu the AI notice is shown at first render, before any interaction, and is remembered per version', async () => {
    configure({ profile: 'eu' });
    const { store } = freshStore();
    const wrap = await fixture<HTMLElement>(html`<div lang="en"><aq-ai-disclosure .store=${store}></aq-ai-disclosure></div>`);
    const el = wrap.querySelector('aq-ai-disclosure')!;
    await el.ready;
    const notice = sr(el).querySelector('[part="notice"]')!;
    expect(notice).to.exist;
    expect(notice.getAttribute('role')).to.equal('note');
    expect(sr(el).querySelector('[part="text"]')!.textContent).to.equal('You are interacting with an AI system');
    await expectAccessible(wrap);
    // Keyboard: Tab to the button, Enter confirms.
    wrap.tabIndex = -1;
    wrap.focus();
    await sendKeys({ press: 'Tab' });
    expect(sr(el).activeElement?.getAttribute('part')).to.equal('acknowledge');
    setTimeout(() => sendKeys({ press: 'Enter' }));
    await oneEvent(el, 'aq-ai-disclosure-acknowledged');
    await el.updateComplete;
    expect(sr(el).querySelector('[part="notice"]')).to.be.null;
    expect(store.acknowledgement('ai-disclosure')).to.include({ noticeVersion: '1' });
    // Same version later: not shown; a new version: shown again.
    const again = await fixture<AqAiDisclosure>(html`<aq-ai-disclosure .store=${store}></aq-ai-disclosure>`);
    await again.ready;
    expect(sr(again).querySelector('[part="notice"]')).to.be.null;
    const v2 = await fixture<AqAiDisclosure>(html`<aq-ai-disclosure version="2" .store=${store}></aq-ai-disclosure>`);
    await v2.ready;
    expect(sr(v2).querySelector('[part="notice"]')).to.exist;
  });

  it('follows the profile measure: hidden under cn unless configured on; zh-CN wording', async () => {
    const { store } = freshStore();
    const el = await fixture<AqAiDisclosure>(html`<aq-ai-disclosure lang="zh-CN" .store=${store}></aq-ai-disclosure>`);
    await el.ready;
    expect(sr(el).querySelector('[part="notice"]')).to.be.null;
    configure({ measures: { aiDisclosure: true } });
    await el.updateComplete;
    expect(sr(el).querySelector('[part="text"]')!.textContent).to.equal('您正在与人工智能系统对话');
    expect(sr(el).querySelector('[part="acknowledge"]')!.textContent).to.equal('知道了');
  });

  it('[GBT45654-A5-domain] shows a persistent domain disclaimer for medical, financial and psychological use under both profiles', async () => {
    const { store } = freshStore();
    for (const profile of ['cn', 'eu'] as const) {
      configure({ profile });
      for (const [domain, en, zh] of [
        ['medical', 'not a medical diagnosis', '不构成医疗诊断'],
        ['financial', 'not investment', '不构成投资'],
        ['psychological', 'no substitute for professional counselling', '不能替代专业心理咨询'],
      ]) {
        const wrap = await fixture<HTMLElement>(
          html`<div lang="en"><aq-ai-disclosure domain=${domain} .store=${store}></aq-ai-disclosure></div>`,
        );
        const el = wrap.querySelector('aq-ai-disclosure')!;
        await el.ready;
        expect(sr(el).querySelector('[part="domain"]')!.textContent, `${profile} ${domain}`).to.contain(en);
        // Confirming the AI notice does not remove the domain disclaimer.
        if (profile === 'eu' && sr(el).querySelector('[part="acknowledge"]')) {
          await el.acknowledge();
          await el.updateComplete;
        }
        expect(sr(el).querySelector('[part="domain"]')).to.exist;
        wrap.setAttribute('lang', 'zh-CN');
        await until(() => sr(el).querySelector('[part="domain"]')!.textContent!.includes(zh), 3000, `zh-CN ${domain}`);
        await expectAccessible(wrap);
      }
    }
  });

  it('a bad domain attribute logs one error naming element, attribute and allowed values, and shows no domain text', async () => {
    const { store } = freshStore();
    let el!: AqAiDisclosure;
    const errors = await captureErrors(async () => {
      el = await fixture<AqAiDisclosure>(html`<aq-ai-disclosure domain="legal" .store=${store}></aq-ai-disclosure>`);
      await el.ready;
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-ai-disclosure>').and.to.contain('domain="legal"').and.to.contain('medical, financial, psychological');
    expect(sr(el).querySelector('[part="domain"]')).to.be.null;
  });
});
