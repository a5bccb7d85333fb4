import '@anquan/label/register';
import { configure, resetConfig } from '@anquan/core';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, expectCspClean } from '../harness/index.js';
import { captureErrors, part } from './helpers.js';
import type { AqLabellingNotice } from './local.js';

describe('<aq-labelling-notice>', () => {
  afterEach(() => resetConfig());

  it('[MEASURES-8-agreement] describes every label method and style with the configured wording and numbers', async () => {
    const host = await fixture(html`<div lang="zh-CN"><aq-labelling-notice></aq-labelling-notice></div>`);
    const el = host.querySelector('aq-labelling-notice') as AqLabellingNotice;
    const text = el.shadowRoot!.textContent!;
    for (const s of ['内容由AI生成', '本服务内容由人工智能生成合成', '5%', '2秒', '短长短短', '以下内容由人工智能生成', '隐式标识', '声明'])
      expect(text).to.contain(s);
    expect(part(el, 'heading')!.localName).to.equal('h2');
    expect(el.shadowRoot!.querySelectorAll('li')).to.have.length(6);
    await expectAccessible(host);
    host.setAttribute('lang', 'en');
    await aTimeout(0);
    await el.updateComplete;
    const en = el.shadowRoot!.textContent!;
    for (const s of ['AI-generated content', 'at least 5%', '2 s', 'short-long-short-short', 'Implicit label']) expect(en).to.contain(s);
  });

  it("[MEASURES-8-agreement] follows the eu wording and the host's configured wording", async () => {
    configure({ profile: 'eu', wording: { aiNotice: { en: 'Replies here are AI-generated' } } });
    const el = (await fixture(html`<aq-labelling-notice lang="en" heading-level="3"></aq-labelling-notice>`)) as AqLabellingNotice;
    expect(el.shadowRoot!.textContent).to.contain('Replies here are AI-generated');
    expect(part(el, 'heading')!.localName).to.equal('h3');
  });

  it('keeps keyboard focus flowing through host content (no focus trap)', async () => {
    const host = await fixture(
      html`<div><button id="a">a</button><aq-labelling-notice lang="en"><a href="#terms">terms</a></aq-labelling-notice><button id="b">b</button></div>`,
    );
    (host.querySelector('#a') as HTMLElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.textContent).to.equal('terms');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.id).to.equal('b');
  });

  it('a bad heading-level logs one clear error and falls back to 2', async () => {
    const errors = await captureErrors(async () => {
      const el = (await fixture(html`<aq-labelling-notice heading-level="9"></aq-labelling-notice>`)) as AqLabellingNotice;
      await el.updateComplete;
      expect(part(el, 'heading')!.localName).to.equal('h2');
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-labelling-notice>').and.contain('heading-level="9"').and.contain('2, 3, 4, 5, 6');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({ modules: ['/packages/label/src/register.ts'], html: '<aq-labelling-notice></aq-labelling-notice>' });
  });
});
