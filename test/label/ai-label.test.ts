import '@anquan/label/register';
import { configure, resetConfig } from '@anquan/core';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, expectCspClean } from '../harness/index.js';
import { captureErrors, part } from './helpers.js';
import { type AqAiLabel, type AqAiNotice, hasLabelElementsOf } from './local.js';

describe('<aq-ai-label>', () => {
  afterEach(() => resetConfig());

  it('[GB45438-5.1-text] shows a label with an AI element and a generation element, in zh-CN and en', async () => {
    const host = await fixture(html`<div lang="zh-CN"><aq-ai-label>你好，这是回答。</aq-ai-label></div>`);
    const el = host.querySelector('aq-ai-label') as AqAiLabel;
    const label = part(el, 'label')!;
    expect(label.textContent).to.equal('内容由AI生成');
    expect(hasLabelElementsOf(label.textContent!)).to.be.true;
    expect(label.getAttribute('role')).to.equal('note');
    expect(label.getBoundingClientRect().width).to.be.greaterThan(0);
    host.setAttribute('lang', 'en');
    await aTimeout(0);
    await el.updateComplete;
    expect(part(el, 'label')!.textContent).to.equal('AI-generated content');
    await expectAccessible(host);
  });

  it('[GB45438-5.1-text] places the label at the start, the end or a middle position of the message', async () => {
    const host = await fixture(html`<div lang="en" style="width:600px">
      <p><aq-ai-label position="start"><span class="msg">Hello there</span></aq-ai-label></p>
      <p><aq-ai-label position="end"><span class="msg">Hello there</span></aq-ai-label></p>
      <p><aq-ai-label position="middle"><span class="msg">First half.</span><span class="msg2" slot="after">Second half.</span></aq-ai-label></p>
    </div>`);
    const [start, end, middle] = Array.from(host.querySelectorAll('aq-ai-label')) as AqAiLabel[];
    const x = (el: Element) => el.getBoundingClientRect().left;
    expect(x(part(start!, 'label')!)).to.be.lessThan(x(start!.querySelector('.msg')!));
    expect(x(part(end!, 'label')!)).to.be.greaterThan(x(end!.querySelector('.msg')!));
    const m = x(part(middle!, 'label')!);
    expect(m).to.be.greaterThan(x(middle!.querySelector('.msg')!));
    expect(m).to.be.lessThan(x(middle!.querySelector('.msg2')!));
  });

  it('[GB45438-5.1-text] refuses custom wording without both elements, with a clear error, and keeps the default', async () => {
    const errors = await captureErrors(async () => {
      const el = (await fixture(html`<aq-ai-label lang="zh-CN" text="AI">x</aq-ai-label>`)) as AqAiLabel;
      expect(part(el, 'label')!.textContent).to.equal('内容由AI生成');
      el.text = '本回答由人工智能合成';
      await el.updateComplete;
      expect(part(el, 'label')!.textContent).to.equal('本回答由人工智能合成');
      el.text = '机器写的';
      await el.updateComplete;
      expect(part(el, 'label')!.textContent).to.equal('内容由AI生成');
    });
    expect(errors).to.have.length(2);
    expect(errors[0])
      .to.contain('<aq-ai-label>')
      .and.contain('text="AI"')
      .and.contain('人工智能')
      .and.contain('生成')
      .and.contain('内容由AI生成');
    expect(errors[1]).to.contain('text="机器写的"');
  });

  it('a bad position logs one error naming the element, attribute and allowed values, and falls back to end', async () => {
    const errors = await captureErrors(async () => {
      const el = (await fixture(html`<aq-ai-label position="diagonal"><span>msg</span></aq-ai-label>`)) as AqAiLabel;
      await el.updateComplete;
      // The attribute keeps what the host wrote; the label stands at the end (after the message).
      expect(el.getAttribute('position')).to.equal('diagonal');
      const label = part(el, 'label')!;
      const slot = el.shadowRoot!.querySelector('slot:not([name])')!;
      expect(slot.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-ai-label>').and.contain('position="diagonal"').and.contain('start, end, middle');
  });

  it('uses EU wording (AI Act Art. 50(4)) under the eu profile', async () => {
    configure({ profile: 'eu' });
    const el = (await fixture(html`<aq-ai-label lang="en">x</aq-ai-label>`)) as AqAiLabel;
    expect(part(el, 'label')!.textContent).to.equal('AI-generated');
    const cn = (await fixture(html`<aq-ai-label lang="en" profile="cn">x</aq-ai-label>`)) as AqAiLabel;
    expect(part(cn, 'label')!.textContent).to.equal('AI-generated content');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({
      modules: ['/packages/label/src/register.ts'],
      html: '<aq-ai-label position="start">hi</aq-ai-label><aq-ai-notice></aq-ai-notice>',
    });
  });
});

describe('<aq-ai-notice>', () => {
  afterEach(() => resetConfig());

  it('[GB45438-interface] shows a persistent label with both elements and cannot be dismissed under cn', async () => {
    const host = await fixture(html`<div lang="zh-CN"><aq-ai-notice></aq-ai-notice></div>`);
    const el = host.querySelector('aq-ai-notice') as AqAiNotice;
    expect(part(el, 'text')!.textContent).to.equal('本服务内容由人工智能生成合成');
    expect(part(el, 'notice')!.getAttribute('role')).to.equal('note');
    expect(part(el, 'dismiss')).to.be.null;
    expect(el.dismiss()).to.be.false;
    await el.updateComplete;
    expect(part(el, 'notice')).to.exist;
    host.setAttribute('lang', 'en');
    await aTimeout(0);
    await el.updateComplete;
    expect(part(el, 'text')!.textContent).to.equal('Content in this service is generated by AI');
    await expectAccessible(host);
  });

  it('[GB45438-interface] sticks to the top or the bottom of a scrolling interface', async () => {
    const host = await fixture(html`<div style="height:200px;overflow:auto" lang="en">
      <aq-ai-notice position="top"></aq-ai-notice>
      <div style="height:1000px"></div>
      <aq-ai-notice position="bottom"></aq-ai-notice>
    </div>`);
    const [top, bottom] = Array.from(host.querySelectorAll('aq-ai-notice')) as AqAiNotice[];
    host.scrollTop = 400;
    await aTimeout(50);
    const box = host.getBoundingClientRect();
    expect(Math.abs(top!.getBoundingClientRect().top - box.top)).to.be.lessThan(2);
    expect(Math.abs(bottom!.getBoundingClientRect().bottom - box.bottom)).to.be.lessThan(2);
  });

  it('is dismissible by keyboard under eu, and emits aq-ai-notice-dismissed', async () => {
    configure({ profile: 'eu' });
    const el = (await fixture(html`<aq-ai-notice lang="en" position="bottom"></aq-ai-notice>`)) as AqAiNotice;
    expect(part(el, 'text')!.textContent).to.contain('AI system');
    const button = part(el, 'dismiss') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.equal('Dismiss notice');
    await expectAccessible(el);
    const events: unknown[] = [];
    el.addEventListener('aq-ai-notice-dismissed', (e) => events.push(e.detail));
    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(part(el, 'notice')).to.be.null;
    expect(events).to.deep.equal([{ position: 'bottom' }]);
    // Back to cn: the notice cannot stay dismissed.
    configure({ profile: 'cn' });
    await el.updateComplete;
    expect(part(el, 'notice')).to.exist;
  });

  it('a bad position logs one clear error and falls back to top; bad wording is refused', async () => {
    const errors = await captureErrors(async () => {
      const el = (await fixture(html`<aq-ai-notice lang="en" position="left" text="Be nice"></aq-ai-notice>`)) as AqAiNotice;
      await el.updateComplete;
      expect(el.getAttribute('position')).to.equal('left');
      expect(part(el, 'text')!.textContent).to.equal('Content in this service is generated by AI');
    });
    expect(errors.some((e) => e.includes('<aq-ai-notice>') && e.includes('position="left"') && e.includes('top, bottom'))).to.be.true;
    expect(errors.some((e) => e.includes('text="Be nice"'))).to.be.true;
    expect(errors).to.have.length(2);
  });
});
