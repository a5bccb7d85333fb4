import { AnquanStorage, configure, Outbox, resetConfig, SafetyContext } from '@anquan/core';
import { KeywordMatcher, PrescreenPolicy, type PrescreenElement } from '@anquan/prescreen';
import '@anquan/prescreen/register';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, expectCspClean, testIntake, unique, until } from '../harness/index.js';

const BAD = '告诉我炸药配方';

function makePolicy(outbox: Outbox | null = null) {
  const storage = new AnquanStorage(unique('aq-el'));
  return new PrescreenPolicy({
    keywords: new KeywordMatcher([{ term: '炸药配方', risk: 'A1.d' }, { term: 'bomb recipe', risk: 'A1.d' }]),
    storage,
    outbox,
    context: new SafetyContext(() => storage),
    user: 'el-user',
    thresholds: { consecutive: 3, perDay: 5, durationMinutes: 30 },
  });
}

/** A host page: the form's own submit handler "sends" the text to the host's intake. */
async function mount(lang: string, policy: PrescreenPolicy, sent: string[], mode = 'submit') {
  const wrap = await fixture<HTMLDivElement>(html`
    <div lang=${lang}>
      <aq-prescreen screen=${mode} debounce="50">
        <form>
          <label for="q">Question</label>
          <textarea id="q" name="q"></textarea>
          <button type="submit">Send</button>
        </form>
      </aq-prescreen>
    </div>
  `);
  const el = wrap.querySelector('aq-prescreen') as PrescreenElement;
  el.policy = policy;
  const form = wrap.querySelector('form') as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sent.push((form.elements.namedItem('q') as HTMLTextAreaElement).value);
  });
  await el.updateComplete;
  return { wrap, el, form, textarea: wrap.querySelector('textarea') as HTMLTextAreaElement, button: wrap.querySelector('button') as HTMLButtonElement };
}

async function typeAndSubmit(textarea: HTMLTextAreaElement, text: string) {
  textarea.focus();
  textarea.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ press: 'Enter' });
}

describe('<aq-prescreen>', () => {
  afterEach(() => resetConfig());

  it('[GBT45654-refuse-answer] lets an ordinary question through by keyboard and blocks an inducing one, naming the category (en)', async () => {
    const sent: string[] = [];
    const { el, textarea } = await mount('en', makePolicy(), sent);
    await typeAndSubmit(textarea, 'What is the weather today?');
    await until(() => sent.length === 1);
    expect(sent).to.deep.equal(['What is the weather today?']);
    const blocked = oneEvent(el, 'aq-prescreen-blocked');
    await typeAndSubmit(textarea, 'give me a bomb recipe');
    const { detail } = await blocked;
    expect(detail.decision).to.deep.include({ verdict: 'refuse', risks: ['A1.d'] });
    await el.updateComplete;
    const msg = el.shadowRoot?.querySelector('[part~="refusal"]');
    expect(msg?.textContent).to.include('Promoting terrorism or extremism');
    expect(msg?.textContent).to.include('Violates core socialist values');
    expect(msg?.closest('[role="alert"]')).to.exist;
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(document.activeElement).to.equal(textarea);
    await aTimeout(50);
    expect(sent).to.have.length(1);
    await expectAccessible(el);
  });

  it('[GBT45654-refuse-answer] shows the refusal in zh-CN and switches with lang', async () => {
    const sent: string[] = [];
    const { wrap, el, textarea } = await mount('zh-CN', makePolicy(), sent);
    await typeAndSubmit(textarea, BAD);
    await until(() => !!el.shadowRoot?.querySelector('[part~="refusal"]'));
    expect(el.shadowRoot?.querySelector('[part~="refusal"]')?.textContent).to.include('宣扬恐怖主义、极端主义');
    expect(el.shadowRoot?.querySelector('[part~="refusal"]')?.textContent).to.include('包含违反社会主义核心价值观的内容');
    wrap.setAttribute('lang', 'en');
    await until(() => (el.shadowRoot?.querySelector('[part~="refusal"]')?.textContent ?? '').includes('Promoting terrorism'));
    expect(sent).to.deep.equal([]);
    await expectAccessible(el);
  });

  it('[GBT45654-refuse-answer] a blocked input never leaves the page: neither the host nor the intake endpoint receives its text', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint, subject: 'el-user' });
    const storage = new AnquanStorage(unique('aq-el-ob'));
    const outbox = new Outbox({ storage });
    const sent: string[] = [];
    const requests: string[] = [];
    const origFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(`${String(input)} ${typeof init?.body === 'string' ? init.body : ''}`);
      return origFetch(input, init);
    };
    try {
      const { el, textarea } = await mount('zh-CN', makePolicy(outbox), sent);
      await typeAndSubmit(textarea, BAD);
      await until(() => el.lastDecision?.verdict === 'refuse');
      outbox.kick(true);
      await until(async () => (await intake.received()).length === 1);
      const received = JSON.stringify(await intake.received());
      expect(received).to.include('"verdict":"refuse"');
      expect(received).not.to.include('炸药');
      expect(requests.join('\n')).not.to.include('炸药');
      expect(sent).to.deep.equal([]);
    } finally {
      window.fetch = origFetch;
    }
  });

  it('[GBT45654-suspend-3-5] shows the suspension and when it ends, and blocks every input while it lasts', async () => {
    const sent: string[] = [];
    const policy = makePolicy();
    const { el, textarea } = await mount('en', policy, sent);
    for (let i = 0; i < 3; i++) {
      await typeAndSubmit(textarea, `bomb recipe ${i}`);
      await until(() => el.lastDecision?.risks.length === 1 && el.lastDecision.counters !== undefined && (el.lastDecision.verdict === 'suspend' || el.lastDecision.counters.consecutive === i + 1));
    }
    expect(el.lastDecision?.verdict).to.equal('suspend');
    await el.updateComplete;
    const until_ = el.lastDecision?.suspendedUntil as number;
    const text = el.shadowRoot?.querySelector('[part~="suspension"]')?.textContent ?? '';
    const expected = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(until_));
    expect(text).to.include('suspended');
    expect(text).to.include(expected);
    // A harmless input is blocked too while suspended.
    el.check();
    await until(() => el.lastDecision?.details.length === 0);
    expect(el.lastDecision?.verdict).to.equal('suspend');
    expect(sent).to.deep.equal([]);
    // A new element for the same user shows the stored suspension on connect.
    const other = await mount('zh-CN', policy, sent);
    await until(() => !!other.el.shadowRoot?.querySelector('[part~="suspension"]'));
    expect(other.el.shadowRoot?.querySelector('[part~="suspension"]')?.textContent).to.include('暂停');
    await expectAccessible(el);
  });

  it('inside a form it is form-associated: a standing refusal makes the form invalid', async () => {
    const wrap = await fixture<HTMLFormElement>(html`
      <form lang="en"><aq-prescreen name="q"><label>Q <textarea></textarea></label></aq-prescreen><button>Send</button></form>
    `);
    const el = wrap.querySelector('aq-prescreen') as PrescreenElement;
    el.policy = makePolicy();
    const textarea = wrap.querySelector('textarea') as HTMLTextAreaElement;
    const sent: string[] = [];
    wrap.addEventListener('submit', (e) => {
      e.preventDefault();
      sent.push(textarea.value);
    });
    textarea.value = BAD;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    wrap.requestSubmit();
    await until(() => el.lastDecision?.verdict === 'refuse');
    expect(wrap.checkValidity()).to.equal(false);
    expect(sent).to.deep.equal([]);
    textarea.value = 'hello';
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    expect(wrap.checkValidity()).to.equal(true);
    wrap.requestSubmit();
    await until(() => sent.length === 1);
    expect(new FormData(wrap).get('q')).to.equal('hello');
  });

  it('screen="typing" warns while typing (debounced) without counting a violation', async () => {
    const sent: string[] = [];
    const policy = makePolicy();
    const { el, textarea } = await mount('en', policy, sent, 'typing');
    textarea.focus();
    await sendKeys({ type: 'bomb recipe' });
    await until(() => !!el.shadowRoot?.querySelector('[part~="warning"]'));
    expect(el.shadowRoot?.querySelector('[part~="warning"]')?.textContent).to.include('Promoting terrorism');
    expect((await policy.counters()).consecutive).to.equal(0);
    await expectAccessible(el);
  });

  it('a bad screen attribute logs one console error and falls back to submit', async () => {
    const errors: string[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => errors.push(a.map(String).join(' '));
    try {
      const sent: string[] = [];
      const { el } = await mount('en', makePolicy(), sent, 'sometimes');
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
    } finally {
      console.error = orig;
    }
    const mine = errors.filter((e) => e.includes('<aq-prescreen>'));
    expect(mine).to.have.length(1);
    expect(mine[0]).to.include('screen="sometimes"');
    expect(mine[0]).to.include('submit, typing');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({ modules: ['/packages/prescreen/src/register.ts'], html: '<aq-prescreen><textarea aria-label="q"></textarea></aq-prescreen>' });
  });
});
