import { AnquanElement, configure, resetConfig } from '@anquan/core';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { captureErrors } from '../harness/index.js';

declare module '@anquan/core' {
  interface AnquanEventMap {
    'aq-test-ping': { n: number };
  }
}

class TestLabel extends AnquanElement {
  renders = 0;
  override render() {
    this.renders++;
    return litHtml`<span part="text">${this.locale}|${this.direction}|${this.activeProfile}</span>`;
  }
  ping(n: number) {
    return this.emit('aq-test-ping', { n });
  }
  checkPosition(v: string | null) {
    return this.oneOf('position', v, ['start', 'end'] as const, 'end');
  }
}
TestLabel.define('aq-test-label');

const text = (el: Element) => el.shadowRoot!.querySelector('span')!.textContent;

describe('AnquanElement', () => {
  afterEach(() => resetConfig());

  it('emit() dispatches a typed event that bubbles out of shadow roots', async () => {
    const host = await fixture(html`<div><aq-test-label></aq-test-label></div>`);
    const el = host.querySelector('aq-test-label') as TestLabel;
    setTimeout(() => el.ping(7));
    const ev = (await oneEvent(host, 'aq-test-ping')) as CustomEvent<{ n: number }>;
    expect(ev.detail.n).to.equal(7);
    expect(ev.bubbles).to.be.true;
    expect(ev.composed).to.be.true;
  });

  it('define() tolerates a second registration and warns on a version conflict', () => {
    const warnings: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      TestLabel.define('aq-test-label');
      expect(warnings).to.have.length(0);
      class Other extends AnquanElement {
        static override version = '9.9.9';
      }
      Other.define('aq-test-label');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('aq-test-label').and.to.contain('9.9.9').and.to.contain('0.1.0');
      expect(customElements.get('aq-test-label')).to.equal(TestLabel);
    } finally {
      console.warn = orig;
    }
  });

  it('takes lang and dir from the nearest ancestor, across shadow roots, and re-renders when they change', async () => {
    const host = await fixture(html`<section lang="en" dir="rtl"><aq-test-label></aq-test-label></section>`);
    const el = host.querySelector('aq-test-label') as TestLabel;
    expect(text(el)).to.equal('en|rtl|cn');
    host.setAttribute('lang', 'zh-Hans');
    await aTimeout(0);
    await el.updateComplete;
    expect(text(el)).to.equal('zh-CN|rtl|cn');
    el.setAttribute('lang', 'en-GB');
    await aTimeout(0);
    await el.updateComplete;
    expect(text(el)).to.equal('en|rtl|cn');

    const outer = await fixture(html`<div lang="en"></div>`);
    const shadow = outer.attachShadow({ mode: 'open' });
    const inner = document.createElement('aq-test-label') as TestLabel;
    shadow.append(inner);
    await inner.updateComplete;
    expect(text(inner)).to.equal('en|ltr|cn');
  });

  it('uses the profile default locale when no lang is set, and follows configure()', async () => {
    const el = (await fixture(html`<aq-test-label></aq-test-label>`)) as TestLabel;
    document.documentElement.removeAttribute('lang');
    el.requestUpdate();
    await el.updateComplete;
    expect(text(el)).to.equal('zh-CN|ltr|cn');
    configure({ profile: 'eu' });
    await el.updateComplete;
    expect(text(el)).to.equal('en|ltr|eu');
  });

  it('a bad profile attribute logs one clear error and falls back to the active profile', async () => {
    await captureErrors(async (errors) => {
      const el = (await fixture(html`<aq-test-label profile="us"></aq-test-label>`)) as TestLabel;
      await el.updateComplete;
      expect(el.activeProfile).to.equal('cn');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('<aq-test-label>').and.to.contain('profile="us"').and.to.contain('cn, eu');
      expect(el.checkPosition('diagonal')).to.equal('end');
      expect(el.checkPosition('diagonal')).to.equal('end');
      expect(errors).to.have.length(2);
      expect(errors[1]).to.contain('position="diagonal"').and.to.contain('start, end');
    });
  });
});
