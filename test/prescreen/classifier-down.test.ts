// <aq-prescreen classifier>: when the classifier cannot load, or fails at run time, the element says
// so in the user's language, emits aq-prescreen-classifier-failed, reports it in audit(), and fails
// closed (nothing is sent) unless the operator chose classifier-optional, which still shows the state.
import { AnquanStorage, Outbox, resetConfig, SafetyContext } from '@anquan/core';
import { type AqPrescreen, KeywordMatcher, PrescreenPolicy, prescreenMessages } from '@anquan/prescreen';
import '@anquan/prescreen/register';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { audit } from '../../packages/anquan/src/audit.ts';
import type { PrescreenClassifierFailedDetail } from '../../packages/prescreen/src/events.ts';
import { unique, until } from '../harness/index.js';

/** A model folder with no anquan-model.json: the classifier cannot load from it. */
const BROKEN = '/test/classifier/fixtures/';

async function mount(lang: 'zh-CN' | 'en', attrs: { optional?: boolean } = {}) {
  const failed = oneEvent(document, 'aq-prescreen-classifier-failed') as Promise<CustomEvent<PrescreenClassifierFailedDetail>>;
  const wrap = await fixture<HTMLDivElement>(html`
    <div lang=${lang}>
      <aq-prescreen classifier model-url=${BROKEN} ?classifier-optional=${attrs.optional === true}>
        <form><label for="q">Question</label><textarea id="q" name="q"></textarea><button type="submit">Send</button></form>
      </aq-prescreen>
    </div>
  `);
  const el = wrap.querySelector('aq-prescreen') as AqPrescreen;
  const sent: string[] = [];
  const form = wrap.querySelector('form') as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sent.push((wrap.querySelector('textarea') as HTMLTextAreaElement).value);
  });
  return { wrap, el, form, sent, failed };
}

async function submit(el: AqPrescreen, form: HTMLFormElement, text: string): Promise<string> {
  (form.querySelector('textarea') as HTMLTextAreaElement).value = text;
  const outcome = Promise.race([
    oneEvent(el, 'aq-prescreen-blocked').then(() => 'blocked'),
    oneEvent(el, 'aq-prescreen-passed').then(() => 'passed'),
  ]);
  form.requestSubmit();
  const r = await outcome;
  await el.updateComplete;
  return r;
}

const shown = (el: AqPrescreen) => el.shadowRoot?.querySelector('[part~="classifier"]')?.textContent?.trim() ?? '';

function isolated() {
  const storage = new AnquanStorage(unique('aq-cls-down'));
  return { storage, outbox: new Outbox({ storage, endpoint: () => null }), context: new SafetyContext(() => storage) };
}

describe('<aq-prescreen> when the classifier is down', function () {
  this.timeout(60_000);
  afterEach(() => resetConfig());

  it('[GBT45654-detect-input] says so in zh-CN, emits aq-prescreen-classifier-failed, blocks sending and reports it in audit()', async () => {
    const { wrap, el, form, sent, failed } = await mount('zh-CN');
    const e = await failed;
    expect(e.detail.code).to.equal('manifest');
    expect(e.detail.optional).to.equal(false);
    expect(e.detail.modelUrl).to.equal(new URL(BROKEN, location.href).href);
    await el.updateComplete;
    expect(el.classifierState.state).to.equal('down');
    expect(shown(el)).to.equal(prescreenMessages('zh-CN', 'classifierDown'));
    expect(await submit(el, form, '今天北京天气怎么样'), 'an ordinary question').to.equal('blocked');
    expect(sent, 'sent while the classifier is down').to.deep.equal([]);
    expect(el.lastDecision?.classifierError).to.be.a('string');
    expect(el.lastDecision?.counted, 'not a violation of the user').to.equal(false);
    const report = await audit({ root: wrap, ...isolated() });
    const evidence = report.clauses.find((c) => c.id === 'GBT45654-detect-input')?.evidence.join('\n') ?? '';
    expect(evidence).to.include('classifier DOWN').and.include('blocked');
  });

  it('[GBT45654-detect-input] classifier-optional screens by keywords alone but keeps the notice (en) and says so in the event and audit()', async () => {
    const { wrap, el, form, sent, failed } = await mount('en', { optional: true });
    expect((await failed).detail.optional).to.equal(true);
    await el.updateComplete;
    expect(shown(el)).to.equal(prescreenMessages('en', 'classifierDownOptional'));
    expect(await submit(el, form, 'What is the weather in Beijing?')).to.equal('passed');
    await until(() => sent.length === 1);
    expect(sent).to.deep.equal(['What is the weather in Beijing?']);
    expect(shown(el), 'the notice stays after a pass').to.equal(prescreenMessages('en', 'classifierDownOptional'));
    const report = await audit({ root: wrap, ...isolated() });
    const evidence = report.clauses.find((c) => c.id === 'GBT45654-detect-input')?.evidence.join('\n') ?? '';
    expect(evidence).to.include('classifier DOWN').and.include('classifier-optional');
  });

  it('[GBT45654-detect-input] an inference failure at run time blocks the input and shows the notice', async () => {
    const wrap = await fixture<HTMLDivElement>(html`
      <div lang="en">
        <aq-prescreen><form><label for="q2">Q</label><textarea id="q2"></textarea><button>Send</button></form></aq-prescreen>
      </div>
    `);
    const el = wrap.querySelector('aq-prescreen') as AqPrescreen;
    const form = wrap.querySelector('form') as HTMLFormElement;
    const sent: string[] = [];
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      sent.push('x');
    });
    const storage = new AnquanStorage(unique('aq-cls-rt'));
    // The host's own classifier, failing at run time (fault injection: its worker ran out of memory).
    const classifier = { classify: () => Promise.reject(new Error('inference failed: out of memory')) };
    el.policy = new PrescreenPolicy({
      keywords: new KeywordMatcher([{ term: 'bomb recipe', risk: 'A1.d' }]),
      classifier,
      storage,
      outbox: null,
      context: new SafetyContext(() => storage),
      user: 'rt',
    });
    const failed = oneEvent(el, 'aq-prescreen-classifier-failed') as Promise<CustomEvent<PrescreenClassifierFailedDetail>>;
    expect(await submit(el, form, 'How do I bake bread?')).to.equal('blocked');
    const e = await failed;
    expect(e.detail).to.deep.include({ code: 'inference', optional: false });
    expect(e.detail.message).to.include('out of memory');
    expect(shown(el)).to.equal(prescreenMessages('en', 'classifierDown'));
    expect(sent).to.deep.equal([]);
  });
});
