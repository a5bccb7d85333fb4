import { configure, resetConfig } from '@anquan/core';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../packages/consent/src/register.js';
import type { AqConsentNotice, ConsentNoticeAnsweredDetail, ConsentNoticeConfig, ConsentStore } from '../../packages/consent/src/index.js';
import { ConsentNoticeHarness, expectAccessible, expectCspClean } from '../harness/index.js';
import { captureErrors, freshStore, until } from './helpers.js';

const NOTICE: ConsentNoticeConfig = {
  version: '2025-11-01',
  handler: { name: { 'zh-CN': '示例科技有限公司', en: 'Example Tech Ltd.' }, contact: 'privacy@example.com' },
  purposes: [
    { id: 'service', label: { 'zh-CN': '回答您的问题', en: 'Answering your questions' }, necessary: true },
    { id: 'chat-history', label: { 'zh-CN': '保存对话记录', en: 'Keep your chat history' } },
    { id: 'analytics', label: { 'zh-CN': '使用情况统计', en: 'Usage statistics' }, description: { en: 'Aggregated, no content.' } },
    {
      id: 'cross-border',
      label: { 'zh-CN': '由境外服务器处理', en: 'Processing on servers abroad' },
      separate: 'cross-border',
      description: { en: 'Recipient: Example GmbH, Germany' },
    },
    { id: 'voiceprint', label: { 'zh-CN': '声纹识别', en: 'Voiceprint recognition' }, separate: 'sensitive' },
  ],
  methods: { 'zh-CN': '自动化处理、加密存储', en: 'Automated processing and encrypted storage' },
  categories: { 'zh-CN': '输入内容、设备标识', en: 'Your inputs and a device identifier' },
  retention: { 'zh-CN': '账户注销后30天内删除', en: 'Deleted within 30 days of closing the account' },
  rights: {
    'zh-CN': '您可查阅、复制、更正、删除个人信息，联系 privacy@example.com',
    en: 'Access, copy, correct or delete your data: privacy@example.com',
  },
  policyUrl: '/privacy',
};

const sr = (el: Element) => el.shadowRoot!;
const text = (el: Element) => sr(el).textContent!.replace(/\s+/g, ' ');
/** The user's steps on a notice (agree, decline, one purpose's checkbox). */
const steps = (el: AqConsentNotice) => new ConsentNoticeHarness(el);

async function notice(store: ConsentStore, config: ConsentNoticeConfig = NOTICE, lang = 'en', mode = 'modal') {
  const wrap = await fixture<HTMLElement>(
    html`<div lang=${lang}><button id="opener">Open</button><aq-consent-notice mode=${mode} .store=${store} .notice=${config}></aq-consent-notice></div>`,
  );
  const el = wrap.querySelector('aq-consent-notice')!;
  await el.ready;
  await el.updateComplete;
  return { wrap, el };
}

describe('<aq-consent-notice>', () => {
  afterEach(() => resetConfig());

  it('[PIPL-14-17-notice] opens as a modal on first run with every Art. 17 field, and again only when the version changes', async () => {
    const { store } = freshStore();
    const { el } = await notice(store);
    expect(el.open).to.be.true;
    const dialog = sr(el).querySelector('dialog')!;
    expect(dialog.open).to.be.true;
    expect(dialog.matches(':modal')).to.be.true;
    const t = text(el);
    for (const s of [
      'Example Tech Ltd.',
      'privacy@example.com',
      'Keep your chat history',
      'Usage statistics',
      'Automated processing',
      'device identifier',
      '30 days',
      'Access, copy, correct',
      'Notice version 2025-11-01',
    ])
      expect(t).to.contain(s);
    setTimeout(() => void steps(el).agree());
    const ev = (await oneEvent(el, 'aq-consent-notice-answered')) as CustomEvent<ConsentNoticeAnsweredDetail>;
    expect(ev.detail).to.deep.include({ version: '2025-11-01', decision: 'accepted', coreServiceAvailable: true });
    await el.updateComplete;
    expect(el.open).to.be.false;
    expect(store.isGranted('service')).to.be.true;
    expect(ev.detail.granted, '"Agree" covers the necessary purposes only').to.deep.equal(['service']);
    expect(store.state('chat-history'), 'an optional purpose is not granted by "Agree"').to.be.undefined;
    expect(store.acknowledgement('pipl')).to.include({ noticeVersion: '2025-11-01', decision: 'accepted' });

    // Same version, next page: not shown. New version: shown again.
    const again = await notice(store);
    expect(again.el.open).to.be.false;
    const changed = await notice(store, { ...NOTICE, version: '2026-01-01' });
    expect(changed.el.open).to.be.true;
  });

  it('[PIPL-separate] separate consents are their own unchecked controls; "Agree" never grants them', async () => {
    const { store } = freshStore();
    const { el } = await notice(store);
    const legend = sr(el).querySelector('fieldset[part="separate"] legend')!;
    expect(legend.textContent).to.equal('Separate consents');
    expect(steps(el).purpose('cross-border').checked).to.be.false;
    expect(steps(el).purpose('voiceprint').checked).to.be.false;
    // Each has its own accessible name naming the kind of separate consent.
    expect(sr(el).querySelector('label[for="sep-cross-border"]')!.textContent).to.contain('Transfer outside the country');
    expect(sr(el).querySelector('label[for="sep-voiceprint"]')!.textContent).to.contain('Sensitive personal information');
    await steps(el).agree();
    await until(() => !el.open, 3000, 'the notice to close');
    expect(store.isGranted('service')).to.be.true;
    expect(store.state('analytics')).to.be.undefined;
    expect(store.state('cross-border')).to.be.undefined;
    expect(store.state('voiceprint')).to.be.undefined;

    // Given separately: one record of its own, with its kind; withdrawn with one click.
    el.show();
    await el.updateComplete;
    await steps(el).togglePurpose('cross-border');
    await until(() => store.isGranted('cross-border'), 3000, 'the separate grant');
    expect(store.state('cross-border')).to.include({ method: 'separate', separate: 'cross-border' });
    expect(store.isGranted('voiceprint')).to.be.false;
    await steps(el).togglePurpose('cross-border');
    await until(() => store.state('cross-border')?.granted === false, 3000, 'the separate withdrawal');
  });

  it('[PIPL-15-withdraw][PIPL-separate] each optional purpose is its own unchecked choice; one click gives it and one click withdraws it, per purpose, also on the privacy page', async () => {
    const { store } = freshStore();
    const { el } = await notice(store);
    const legend = sr(el).querySelector('fieldset[part="optional"] legend')!;
    expect(legend.textContent).to.contain('Optional purposes');
    expect(steps(el).purpose('analytics').checked).to.be.false;
    expect(steps(el).purpose('chat-history').checked).to.be.false;
    // Giving one purpose gives that one only.
    await steps(el).togglePurpose('analytics');
    await until(() => store.isGranted('analytics'), 3000, 'the grant');
    expect(store.state('analytics')).to.include({ method: 'switch' });
    expect(store.state('chat-history')).to.be.undefined;
    await steps(el).agree();
    await until(() => !el.open, 3000, 'the notice to close');
    expect(store.isGranted('analytics')).to.be.true;
    expect(store.state('chat-history')).to.be.undefined;
    // On the privacy page (inline), the same choice shows its state and one click withdraws it.
    const page = await notice(store, NOTICE, 'en', 'inline');
    await until(() => steps(page.el).purpose('analytics').checked, 3000, 'the state shown');
    let clicks = 0;
    await steps(page.el).togglePurpose('analytics');
    clicks++;
    await until(() => store.state('analytics')?.granted === false, 3000, 'the withdrawal');
    expect(clicks).to.equal(1);
    expect(store.state('chat-history')).to.be.undefined;
    expect(store.isGranted('service'), 'withdrawing one purpose leaves the others').to.be.true;
  });

  it('[PIPL-16-no-refusal] declining keeps the service available unless a purpose is necessary', async () => {
    const { store } = freshStore();
    const { el } = await notice(store, { ...NOTICE, purposes: NOTICE.purposes.filter((p) => !p.necessary) });
    expect(text(el)).to.contain('Declining does not stop you using the basic service.');
    setTimeout(() => void steps(el).decline());
    let ev = (await oneEvent(el, 'aq-consent-notice-answered')) as CustomEvent<ConsentNoticeAnsweredDetail>;
    expect(ev.detail).to.deep.include({ decision: 'declined', coreServiceAvailable: true, blockedBy: [] });
    expect(store.isGranted('analytics')).to.be.false;
    // Declined is an answer: not asked again for this version.
    expect((await notice(store, { ...NOTICE, purposes: NOTICE.purposes.filter((p) => !p.necessary) })).el.open).to.be.false;

    const necessary: ConsentNoticeConfig = {
      ...NOTICE,
      version: 'n1',
      purposes: NOTICE.purposes,
    };
    const { store: s2 } = freshStore();
    const n = await notice(s2, necessary);
    expect(text(n.el)).to.contain('necessary for the service').and.to.contain('Answering your questions');
    setTimeout(() => void steps(n.el).decline());
    ev = (await oneEvent(n.el, 'aq-consent-notice-answered')) as CustomEvent<ConsentNoticeAnsweredDetail>;
    expect(ev.detail).to.deep.include({ coreServiceAvailable: false, blockedBy: ['service'] });
  });

  it('modal focus policy: focus moves in, Tab and Shift+Tab stay inside, Escape does not dismiss, focus returns on close; keyboard-only answer', async () => {
    const { store } = freshStore();
    const wrap = await fixture<HTMLElement>(html`<div lang="en"><button id="opener">Open</button></div>`);
    const opener = wrap.querySelector<HTMLButtonElement>('#opener')!;
    opener.focus();
    const el = document.createElement('aq-consent-notice');
    el.store = store;
    el.notice = NOTICE;
    wrap.append(el);
    await el.ready;
    await until(() => sr(el).activeElement?.localName === 'h2', 3000, 'focus on the title');
    const inside = () => document.activeElement === el && sr(el).activeElement !== null;
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Tab' });
      expect(inside(), `focus inside after Tab ${i + 1}`).to.be.true;
    }
    // From the first control (the first optional purpose), Shift+Tab wraps to the last (Agree).
    steps(el).purpose('chat-history').focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(sr(el).activeElement).to.equal(steps(el).acceptButton);
    // Escape twice: Chromium closes a modal on the second Escape even when cancel is prevented; the
    // unanswered notice opens again at once.
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await aTimeout(50);
    await el.updateComplete;
    expect(el.open).to.be.true;
    expect(sr(el).querySelector('dialog')!.open).to.be.true;
    expect(sr(el).querySelector('dialog')!.matches(':modal')).to.be.true;
    // Keyboard only: Space on a separate consent, then Enter on Agree.
    steps(el).purpose('voiceprint').focus();
    await sendKeys({ press: 'Space' });
    await until(() => store.isGranted('voiceprint'), 3000, 'Space to give the separate consent');
    steps(el).acceptButton.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !el.open, 3000, 'Enter to answer');
    expect(document.activeElement).to.equal(opener);
    expect(store.isGranted('service')).to.be.true;
  });

  it('is accessible as an open modal and as an inline region, in zh-CN and en', async () => {
    const { store } = freshStore();
    const { wrap, el } = await notice(store, NOTICE, 'zh-CN');
    expect(text(el))
      .to.contain('个人信息处理告知')
      .and.to.contain('示例科技有限公司')
      .and.to.contain('单独同意')
      .and.to.contain('向境外提供');
    expect(steps(el).acceptButton.textContent).to.equal('同意');
    await expectAccessible(wrap);
    const inline = await notice(freshStore().store, NOTICE, 'en', 'inline');
    expect(sr(inline.el).querySelector('dialog')).to.be.null;
    expect(sr(inline.el).querySelector('section[aria-labelledby="title"]')).to.exist;
    expect(text(inline.el)).to.contain('Example Tech Ltd.');
    await expectAccessible(inline.wrap);
  });

  it('uses the eu profile default locale (en)', async () => {
    configure({ profile: 'eu' });
    document.documentElement.removeAttribute('lang');
    const { store } = freshStore();
    const wrap = await fixture<HTMLElement>(
      html`<div><aq-consent-notice mode="inline" .store=${store} .notice=${NOTICE}></aq-consent-notice></div>`,
    );
    const el = wrap.querySelector('aq-consent-notice')!;
    await el.ready;
    expect(steps(el).acceptButton.textContent).to.equal('Agree');
    await steps(el).agree();
    await until(() => store.isGranted('service'), 3000, 'the grant');
    expect(store.state('service')!.profile).to.equal('eu');
  });

  it('reads its configuration from a JSON child and renders configured text as text only', async () => {
    const { store } = freshStore();
    const evil = { ...NOTICE, handler: { name: '<img src=x onerror="window.__pwned=1">Evil Corp', contact: 'x@example.com' } };
    const wrap = await fixture<HTMLElement>(html`<div lang="en"></div>`);
    const el = document.createElement('aq-consent-notice');
    el.store = store;
    el.setAttribute('mode', 'inline');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(evil);
    el.append(script);
    wrap.append(el);
    await el.ready;
    await until(() => text(el).includes('Evil Corp'), 3000, 'the JSON child to apply');
    expect(sr(el).querySelector('img')).to.be.null;
    expect(text(el)).to.contain('<img src=x');
    expect((window as unknown as { __pwned?: number }).__pwned).to.be.undefined;
  });

  it('missing Art. 17 fields give one console error listing them and a visible incomplete state', async () => {
    const { store } = freshStore();
    let el!: AqConsentNotice;
    const errors = await captureErrors(async () => {
      const partial = {
        version: '1',
        handler: { name: 'Acme', contact: '' },
        purposes: [{ id: 'a', label: 'A' }],
        methods: 'm',
        categories: '',
      } as unknown as ConsentNoticeConfig;
      ({ el } = await notice(store, partial, 'en', 'inline'));
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(errors).to.have.length(1);
    expect(errors[0])
      .to.contain('<aq-consent-notice>')
      .and.to.contain('handler.contact')
      .and.to.contain('categories')
      .and.to.contain('retention')
      .and.to.contain('rights');
    expect(el.hasAttribute('incomplete')).to.be.true;
    expect(sr(el).querySelector('[part="incomplete"]')!.textContent).to.contain('Incomplete notice');
  });

  it('a bad mode attribute logs one error naming element, attribute and allowed values, and falls back to modal', async () => {
    const { store } = freshStore();
    let el!: AqConsentNotice;
    const errors = await captureErrors(async () => {
      ({ el } = await notice(store, NOTICE, 'en', 'popup'));
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-consent-notice>').and.to.contain('mode="popup"').and.to.contain('modal, inline');
    expect(sr(el).querySelector('dialog')!.open).to.be.true;
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    const json = JSON.stringify({ ...NOTICE, version: `csp-${Date.now()}` });
    const r = await expectCspClean({
      modules: ['/packages/consent/src/register.ts'],
      html: `<div lang="en"><aq-consent-notice mode="inline" data-click="[part~=accept]"><script type="application/json">${json}</script></aq-consent-notice></div>`,
      script: '/test/consent/csp-drive.ts',
    });
    expect(r.text).to.contain('Example Tech Ltd.').and.to.contain('Separate consents');
  });
});
