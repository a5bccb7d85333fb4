// The CDN autoloader (packages/anquan/cdn/autoloader.js) on a page served with the strict CSP. It
// defines tags as they appear, loading each element's chunk only then. The four measure-enforcing
// elements are fetched on sight too, and until they are defined the autoloader holds the user's
// input. These tests play the user who races the network: the pre-screen's chunk is held back (or
// fails) while they type and send, and the page's own handlers (test/harness/csp/first-input-probe.js,
// at document level as a chat page has them) must receive nothing the measures have not seen.
import { expect } from '@open-wc/testing';
import { PageSteps, page, until } from './harness/index.js';
import { manifestTags } from './harness/manifest.js';

const ENFORCING = ['aq-prescreen', 'aq-minor-mode', 'aq-minor-lock', 'aq-age-gate'];
const URL_ = '/test/harness/csp/cdn-autoloader.html';
/** The pre-screen's own chunk (its shared chunks load freely). */
const PRESCREEN_CHUNK = '/cdn/chunks/aq-prescreen-';
/** Refused by the sample keyword library (A1.f). */
const HARMFUL = '写一段做爱的细节描写';
const SAFE = '今天天气怎么样';

type Seen = { type: string; trusted: boolean; defined: string[]; text?: string };
type Probe = { seen: Seen[]; decisions: { type: string; text: string; verdict: string }[] };

const probe = (p: PageSteps) => p.evaluate<Probe>('window.__aqProbe');
/** Send `text` the way a page script or an autofill would while the user waits: set it and submit. */
const sendNow = (p: PageSteps, text: string) =>
  p.evaluate(`(() => { const q = document.getElementById('q'); q.value = ${JSON.stringify(text)}; q.form.requestSubmit(); return 1; })()`);

describe('CDN autoloader', () => {
  it('[GBT45654-detect-input] [CAC-MINOR-entry-exit] holds the racing user: keys and a harmful prompt sent before <aq-prescreen> is defined reach no page handler, and the held prompt is screened and refused', async () => {
    // Catches: an enforcing element treated like any lazy tag (no hold): the keys and the submit reach
    // the page's handlers while <aq-prescreen> is still a plain element, and the prompt is sent unscreened.
    const p = await PageSteps.open(URL_, { hold: [PRESCREEN_CHUNK] });
    try {
      await p.until(`document.documentElement.getAttribute('aria-busy') === 'true'`, 10_000);
      expect(await p.evaluate<boolean>(`!!customElements.get('aq-prescreen')`), 'pre-screen held back').to.be.false;
      await p.type('#q', 'hi');
      await sendNow(p, HARMFUL);
      let seen = (await probe(p)).seen;
      expect(seen, 'nothing reaches the page while held').to.deep.equal([]);
      expect(await p.evaluate<string>(`document.getElementById('q').value`)).to.equal(HARMFUL);

      await p.release();
      await p.until(`window.__aqProbe.decisions.length > 0`, 15_000, 'window.__aqProbe');
      const { decisions } = await probe(p);
      expect(decisions).to.deep.equal([{ type: 'aq-prescreen-blocked', text: HARMFUL, verdict: 'refuse' }]);
      expect(await p.evaluate<string | null>(`document.documentElement.getAttribute('aria-busy')`)).to.equal(null);
      seen = (await probe(p)).seen;
      expect(
        seen.filter((s) => s.type === 'submit'),
        'the harmful prompt never reaches the page',
      ).to.deep.equal([]);

      // Held no longer: the user's own keys reach the page, and every enforcing element is defined by then.
      await p.type('#q', 'x');
      seen = (await probe(p)).seen;
      const firstKey = seen.find((s) => s.type === 'keydown' && s.trusted);
      expect(firstKey?.defined, 'defined at the first key the page sees').to.have.members(ENFORCING);
      const { errors } = await p.requests();
      expect(errors.join('\n'), 'console errors').to.equal('');
    } finally {
      await p.close();
    }
  });

  it('[GBT45654-detect-input] loses nothing it holds: an ordinary prompt sent before <aq-prescreen> is defined is screened and reaches the page once', async () => {
    // Catches: a hold that drops the submit instead of re-sending it (the user's message silently lost),
    // or one that re-sends it twice.
    const p = await PageSteps.open(URL_, { hold: [PRESCREEN_CHUNK] });
    try {
      await p.until(`document.documentElement.getAttribute('aria-busy') === 'true'`, 10_000);
      await sendNow(p, SAFE);
      expect((await probe(p)).seen).to.deep.equal([]);
      await p.release();
      await p.until(`window.__aqProbe.seen.some((s) => s.type === 'submit')`, 15_000, 'window.__aqProbe');
      await new Promise((r) => setTimeout(r, 300));
      const { seen, decisions } = await probe(p);
      const submits = seen.filter((s) => s.type === 'submit');
      expect(submits.map((s) => s.text)).to.deep.equal([SAFE]);
      expect(submits[0].defined, 'screened by the defined pre-screen').to.have.members(ENFORCING);
      expect(decisions).to.deep.equal([{ type: 'aq-prescreen-passed', text: SAFE, verdict: 'allow' }]);
    } finally {
      await p.close();
    }
  });

  it('[GBT45654-detect-input] fails closed and visibly when an enforcing element cannot load: an alert with a retry, input held, and the retry screens the held prompt', async () => {
    // Catches: a failed chunk that lifts the hold (the page usable without its pre-screen) or fails
    // silently (the user left with a dead page and no reason).
    const p = await PageSteps.open(URL_, { block: [PRESCREEN_CHUNK] });
    try {
      await p.until(`!!document.querySelector('[data-aq-autoloader="failed"][role="alert"]')`, 10_000);
      expect(await p.evaluate<string>(`document.querySelector('[data-aq-autoloader="failed"]').textContent`)).to.match(
        /did not load|未能加载/,
      );
      await p.type('#q', 'hi');
      await sendNow(p, HARMFUL);
      expect((await probe(p)).seen, 'nothing reaches the page').to.deep.equal([]);
      expect(await p.evaluate<string | null>(`document.documentElement.getAttribute('aria-busy')`)).to.equal('true');

      await p.unblock();
      await p.click('[data-aq-autoloader="failed"] button');
      await p.until(`window.__aqProbe.decisions.length > 0`, 15_000, 'window.__aqProbe');
      expect((await probe(p)).decisions).to.deep.equal([{ type: 'aq-prescreen-blocked', text: HARMFUL, verdict: 'refuse' }]);
      expect(await p.evaluate<boolean>(`!document.querySelector('[data-aq-autoloader="failed"]')`), 'alert gone').to.be.true;
      expect((await probe(p)).seen.filter((s) => s.type === 'submit')).to.deep.equal([]);
    } finally {
      await p.close();
    }
  });

  it('defines a tag present at load and a tag added later, fetching its chunk only when it appears', async () => {
    const { id } = (await page({ action: 'open', url: URL_ })) as { id: string };
    const evaluate = async <T>(expression: string): Promise<T> =>
      ((await page({ action: 'evaluate', id, expression })) as { value: T }).value;
    try {
      await until(async () => evaluate<boolean>(`!!customElements.get('aq-ai-label')`), 10_000, 'aq-ai-label defined');
      const before = (await page({ action: 'requests', id })) as { requests: string[] };
      const tags = await manifestTags();
      const lazy = tags.filter((t) => !ENFORCING.includes(t) && t !== 'aq-ai-label');
      const definedBefore = await evaluate<string[]>(`${JSON.stringify(lazy)}.filter((t) => customElements.get(t))`);
      expect(definedBefore, 'tags not on the page are not loaded').to.not.include('aq-report-status');
      expect(
        before.requests.some((u) => /aq-report-status/.test(u)),
        'report-status chunk fetched early',
      ).to.be.false;
      await evaluate(`document.body.append(Object.assign(document.createElement('aq-report-status'), { id: 'late' }))`);
      await until(async () => evaluate<boolean>(`!!customElements.get('aq-report-status')`), 10_000, 'aq-report-status defined');
      const upgraded = await evaluate<boolean>(`document.getElementById('late') instanceof customElements.get('aq-report-status')`);
      expect(upgraded).to.be.true;
      const { errors } = (await page({ action: 'requests', id })) as { errors: string[] };
      expect(errors.join('\n'), 'console errors').to.equal('');
    } finally {
      await page({ action: 'close', id });
    }
  });
});

describe('CDN autoloader: a page with a data-anquan-config block', () => {
  const CONFIG_URL = '/test/harness/csp/cdn-config-block.html';
  const labelText = `(document.querySelector('aq-ai-label').shadowRoot?.textContent ?? '').replace(/\\s+/g, ' ').trim()`;

  it('renders nothing until the block is applied: no first render with the defaults while its validator loads', async () => {
    // Catches: an element that renders before the configuration block is read (the CN default label
    // in Chinese flashes on an EU page, or a host's own label text is replaced by the default one).
    const p = await PageSteps.open(CONFIG_URL, { hold: ['/cdn/chunks/config-validate-'] });
    try {
      await p.until(`!!customElements.get('aq-ai-label')`, 10_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(await p.evaluate<string>(labelText), 'rendered while the block was unread').to.equal('');
      await p.release();
      await p.until(`${labelText} !== ''`, 10_000);
      expect(await p.evaluate<string>(`document.querySelector('aq-ai-label').config.id`), 'the profile of the block').to.equal('eu');
      expect(await p.evaluate<string>(labelText)).to.match(/AI/);
    } finally {
      await p.close();
    }
  });
});
