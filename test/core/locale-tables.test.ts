// Per-locale message tables (issue 17): a zh-CN page loads only the zh-CN text; an English page loads
// the en table before its first render (never a key, never the zh-CN text first), and a runtime
// `lang` switch waits for the table, then shows the new language.
import '../../packages/report/src/report-button/aq-report-button.ts';
import '../../packages/consent/src/training-status/aq-training-status.ts';
import { expect, fixture, html } from '@open-wc/testing';
import { statusMessages } from '../../packages/consent/src/training-status/status-messages.js';
import { buttonMessages } from '../../packages/report/src/report-button/button-messages.js';
import { until } from '../harness/index.js';

const text = (el: Element, part: string) => el.shadowRoot?.querySelector(`[part~="${part}"]`)?.textContent?.trim() ?? '';

describe('per-locale message tables', () => {
  it('an English page shows English text at its first render, never zh-CN or a key', async () => {
    const seen: string[] = [];
    const el = document.createElement('aq-report-button');
    el.setAttribute('lang', 'en');
    el.setAttribute('variant', 'global');
    document.body.append(el);
    // The shadow root exists from connect on, before the first render: record every render.
    expect(el.shadowRoot, 'shadow root at connect').to.not.equal(null);
    const watch = new MutationObserver(() => seen.push(text(el, 'button')));
    watch.observe(el.shadowRoot as ShadowRoot, { subtree: true, childList: true, characterData: true });
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(buttonMessages.has('en')).to.equal(true);
    expect(text(el, 'button')).to.equal('Complaints and reports');
    for (const s of seen) expect(s).not.to.match(/[\u4e00-\u9fff]|reportGlobal/);
    expect(seen.length, 'the render was observed').to.be.greaterThan(0);
    watch.disconnect();
    el.remove();
  });

  it('a runtime lang switch shows the other language once its table is there', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><aq-training-status></aq-training-status></div>`);
    const el = wrap.querySelector('aq-training-status') as HTMLElement & { updateComplete: Promise<unknown> };
    await until(() => text(el, 'state') !== '');
    expect(text(el, 'state')).to.equal(statusMessages('zh-CN', 'statusOff'));
    wrap.setAttribute('lang', 'en');
    await until(() => text(el, 'state') === 'Input collection: off');
    wrap.setAttribute('lang', 'zh-CN');
    await until(() => text(el, 'state') === '输入收集：关闭');
  });

  it('zh-CN text is inline; the en table is its own module', () => {
    expect(statusMessages.tables['zh-CN'].statusOn).to.equal('输入收集：开启');
    expect(Object.keys(statusMessages.tables)).to.include('zh-CN');
  });
});
