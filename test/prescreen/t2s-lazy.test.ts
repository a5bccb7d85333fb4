// The traditional→simplified table is the one part of <aq-prescreen>'s decision that loads late: a
// chunk of its own, fetched when traditional input first appears. The evader types the traditional
// form of a library term before the table has loaded: the text must wait for the table, never pass
// unscreened; if the table cannot load, nothing is sent. This file imports only the element's module,
// so nothing here has loaded the table before.
import '../../packages/prescreen/src/prescreen/aq-prescreen.ts';
import { configure } from '@anquan/core/config';
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { captureErrors, until } from '../harness/index.js';

// Evaluated once every static import has loaded: what loaded before this is the first load.
const firstLoadDone = performance.now();
const block = (patterns: string[]) => executeServerCommand('aq-block-requests', { patterns });
async function requested(): Promise<string[]> {
  const recorded = await executeServerCommand<{ origin: string; requests: string[] }>('aq-test-requests');
  return [...new Set([...performance.getEntriesByType('resource').map((e) => e.name), ...recorded.requests])];
}
const t2sRequested = async () => (await requested()).some((u) => u.includes('t2s-data'));

// 白痴 is an A2.h term of the sample library; 白癡 is its traditional form, which only the table maps.
const TRADITIONAL = '你這個白癡';
const SIMPLIFIED = '你这个白痴';

async function mount() {
  // A subject of its own: the refusals here never add to another file's violation streak on this origin.
  configure({ subject: `t2s-${Math.random().toString(36).slice(2)}` });
  const wrap = await fixture<HTMLDivElement>(html`<div lang="zh-CN">
    <aq-prescreen><form><label for="q">Q</label><textarea id="q"></textarea><button>Send</button></form></aq-prescreen>
  </div>`);
  const el = wrap.querySelector('aq-prescreen') as HTMLElement & { updateComplete: Promise<unknown> };
  const form = wrap.querySelector('form')!;
  const textarea = wrap.querySelector('textarea')!;
  const sent: string[] = [];
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sent.push(textarea.value);
  });
  const submit = (text: string) => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    form.requestSubmit();
  };
  const refused = () => el.shadowRoot?.querySelector('[part~="refusal"]')?.textContent ?? '';
  return { el, sent, submit, refused };
}

describe('<aq-prescreen>: the traditional→simplified table loads when traditional input appears', () => {
  after(() => block([]));

  it('[GBT45654-detect-input] simplified input is screened without the table; the element and its keyword engine were in the first load', async () => {
    const h = await mount();
    h.submit('今天天气怎么样');
    await until(() => h.sent.length === 1, 5000, 'an allowed prompt is sent');
    h.submit(SIMPLIFIED);
    await until(() => h.refused() !== '', 5000, 'the simplified term is refused');
    expect(h.sent).to.deep.equal(['今天天气怎么样']);
    expect(await t2sRequested(), 'no traditional input yet: the table was not fetched').to.equal(false);
    // Mutation caught: a default policy loaded by dynamic import (fetched only at the first screening).
    const modules = performance.getEntriesByType('resource').filter((e) => /default-policy|sample-library|keywords\/matcher/.test(e.name));
    expect(modules.map((e) => e.name.replace(/^.*\/src\//, '').replace(/\?.*$/, '')).sort()).to.deep.equal([
      'keywords/matcher.ts',
      'prescreen/default-policy.ts',
      'prescreen/sample-library.ts',
    ]);
    for (const e of modules) expect(e.startTime, `${e.name} in the first load`).to.be.below(firstLoadDone);
  });

  it('[GBT45654-detect-input] the table cannot load: the traditional prompt is not sent; once it loads, the prompt is refused', async () => {
    const h = await mount();
    await block(['t2s-data']);
    const errors = await captureErrors(async () => {
      h.submit(TRADITIONAL);
      await until(async () => await t2sRequested(), 5000, 'the table is asked for');
      // Give the failed screening time to settle; it must not have sent anything.
      await new Promise((r) => setTimeout(r, 300));
    });
    // Mutations caught: a policy that screens without waiting for the table (ensureT2s removed: the
    // retry below never loads it), and with it a toSimplified() that passes characters through (sent).
    expect(h.sent, 'never sent unscreened').to.deep.equal([]);
    expect(errors.some((e) => e.includes('nothing was sent'))).to.equal(true);
    await block([]);
    h.submit(TRADITIONAL);
    await until(() => h.refused() !== '', 5000, 'refused once the table loaded');
    expect(h.sent).to.deep.equal([]);
  });
});
