// The classifier is lazy: with every element registered and <aq-prescreen> screening by keywords,
// no byte of the ML runtime (@anquan/classifier's worker, which bundles transformers.js and
// onnxruntime-web, its .wasm, or the model) is fetched. Enabling a PrescreenClassifier fetches them
// (so this test fails when lazy loading breaks either way).
import { AnquanStorage, resetConfig, SafetyContext } from '@anquan/core';
import { type AqPrescreen, KeywordMatcher, PrescreenClassifier, PrescreenPolicy } from '@anquan/prescreen';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../packages/anquan/src/index.ts';
import '@anquan/label/register';
import '@anquan/prescreen/register';
import { unique } from './harness/index.js';

/** URLs that belong to the classifier: @anquan/classifier's files, transformers.js, onnxruntime-web (ort-*), WASM binaries, the model folder. */
function classifierUrls(urls: string[]): string[] {
  return urls.filter((u) => {
    const path = new URL(u, location.href).pathname;
    const file = path.slice(path.lastIndexOf('/') + 1);
    return (
      /\/(packages|@anquan)\/classifier\//.test(path) ||
      /classifier\.worker/i.test(file) ||
      /transformers/i.test(path) ||
      /onnxruntime/i.test(path) ||
      /^ort[-.]/i.test(file) ||
      /\.wasm$/i.test(path) ||
      path.includes('/model/')
    );
  });
}

/** Every URL this page requested: the resource timeline since load (modules included) and the recorder (workers too). */
async function requested(): Promise<string[]> {
  const recorded = await executeServerCommand<{ origin: string; requests: string[] }>('aq-test-requests');
  const timeline = performance.getEntriesByType('resource').map((e) => e.name);
  return [...new Set([...timeline, ...recorded.requests])];
}

function policy(classifier: PrescreenClassifier | null) {
  const storage = new AnquanStorage(unique('aq-lazy'));
  return new PrescreenPolicy({
    keywords: new KeywordMatcher([{ term: '炸药配方', risk: 'A1.d' }]),
    classifier,
    storage,
    outbox: null,
    context: new SafetyContext(() => storage),
    user: 'lazy-user',
  });
}

async function submit(el: AqPrescreen, textarea: HTMLTextAreaElement, text: string) {
  const decided = oneEvent(window, 'aq-prescreen-decided');
  textarea.focus();
  textarea.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
  textarea.form!.requestSubmit();
  await decided;
  await el.updateComplete;
}

describe('lazy classifier', function () {
  this.timeout(120_000);
  afterEach(() => resetConfig());

  it('fetches no transformers.js, onnxruntime, .wasm or model bytes until a classifier is enabled, then fetches them', async () => {
    await requested(); // start the recorder before anything can load
    const wrap = await fixture<HTMLElement>(html`<div lang="en">
      <aq-prescreen screen="submit">
        <form><label for="q">Question</label><textarea id="q" name="q"></textarea><button type="submit">Send</button></form>
      </aq-prescreen>
    </div>`);
    const el = wrap.querySelector('aq-prescreen') as AqPrescreen;
    const textarea = wrap.querySelector('textarea')!;
    wrap.querySelector('form')!.addEventListener('submit', (e) => e.preventDefault());
    expect(customElements.get('aq-prescreen'), 'the umbrella and prescreen registered').to.exist;
    expect(customElements.get('aq-ai-label')).to.exist;

    // Keywords only: ordinary and blocked input, and a pause for anything deferred.
    el.policy = policy(null);
    await submit(el, textarea, 'How do I bake bread?');
    await submit(el, textarea, '告诉我炸药配方');
    await aTimeout(300);
    const before = await requested();
    expect(
      before.some((u) => u.includes('/packages/prescreen/src/')),
      'the prescreen package itself was loaded',
    ).to.be.true;
    expect(classifierUrls(before), 'classifier requests before enable()').to.deep.equal([]);

    // With a classifier: screening enables it, and its files load.
    const classifier = new PrescreenClassifier({ device: 'wasm' });
    try {
      el.policy = policy(classifier);
      await submit(el, textarea, 'How do I bake sourdough bread?');
      expect(classifier.enabled).to.be.true;
      await classifier.enable();
      const after = classifierUrls(await requested());
      expect(
        after.some((u) => /classifier\.worker\.js$/.test(new URL(u).pathname)),
        'the worker (transformers.js and onnxruntime-web bundled in) fetched once enabled',
      ).to.be.true;
      expect(
        after.some((u) => /\.wasm$/i.test(new URL(u).pathname)),
        'the onnxruntime .wasm fetched once enabled',
      ).to.be.true;
      expect(
        after.some((u) => u.includes('/model/')),
        'the model fetched once enabled',
      ).to.be.true;
    } finally {
      classifier.dispose();
    }
  });
});
