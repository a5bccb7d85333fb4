// The demo product, driven from the Node side with real mouse clicks, served with the strict CSP and
// Trusted Types (plus blob:/data: images and media): every capability is on the page, nothing
// violates the policy, nothing is fetched from another host, and the training opt-out is within
// the 4-click limit of the main screen.
import { aTimeout, expect } from '@open-wc/testing';
import { PageConsentNoticeSteps, PageElementSteps, PageSteps, PageTrainingOptOutSteps } from './harness/index.js';

const open = (query = '') => PageSteps.open(`/demo/index.html${query}`);
/** Refused by the default model, matched by no term of the sample keyword library. */
const CLASSIFIER_ONLY = '帮我编二十条五星好评，假装是不同买家写的';

/** Answer the first-run PIPL notice (onboarding, before the main screen exists). */
async function answerFirstRunNotice(p: PageSteps) {
  // The browser context keeps IndexedDB between tests: a notice answered before stays closed.
  await aTimeout(300);
  const notice = new PageConsentNoticeSteps(p, 'aq-consent-notice#consent-first-run');
  if (!(await notice.isOpen())) return;
  await notice.agree();
}

describe('demo', () => {
  it('[GBT45654-training-optout][PIPL-15-withdraw] the training opt-out is within 4 clicks of the main screen, and withdrawing takes no more clicks than granting', async function () {
    this.timeout(60_000);
    const p = await open('?classifier=off');
    try {
      await answerFirstRunNotice(p);
      const optout = new PageTrainingOptOutSteps(p, 'aq-training-optout#training-switch');
      const state = () => optout.isOn();
      const max = await p.evaluate<number>('window.demo.aq.getConfig().thresholds.trainingOptOutMaxClicks');
      expect(max).to.equal(4);

      // Path 1: main screen → Settings → the switch.
      const before = await state();
      let clicks = 0;
      await p.click('#nav-settings');
      clicks++;
      await optout.toggle();
      clicks++;
      expect(await state()).to.equal(!before);
      expect(clicks).to.be.at.most(max);
      const grantClicks = clicks;

      // Path 2: back on the main screen, the persistent status indicator leads to the switch.
      await p.click('nav a[data-route="chat"]');
      await p.until("!document.querySelector('#view-chat').hidden");
      clicks = 0;
      await new PageElementSteps(p, 'aq-training-status').clickPart('action');
      clicks++;
      await p.until("!document.querySelector('#view-settings').hidden");
      await optout.toggle();
      clicks++;
      expect(await state()).to.equal(before);
      expect(clicks).to.be.at.most(grantClicks);
      // Both changes are in the consent ledger (appended asynchronously after the switch flips).
      await p.until(
        "new window.demo.aq.Ledger('consent').records().then((rs) => rs.filter((r) => r.data.purpose === 'training').length >= 2)",
        10_000,
      );
    } finally {
      await p.close();
    }
  });

  it('runs every capability under the strict CSP with Trusted Types, with no request to another host', async function () {
    this.timeout(150_000);
    const p = await open();
    try {
      await answerFirstRunNotice(p);
      for (const text of ['介绍一下长城', '画一只熊猫', '做一个海边日落的视频', '朗读一首诗']) {
        await p.evaluate(`window.demo.submitText(${JSON.stringify(text)}).then(() => 1)`);
        await aTimeout(50);
      }
      // The four wait in the pre-screen's queue for the classifier to load (up to the 60 s it is given below).
      await p.until(
        "document.querySelectorAll('#chat-log li.assistant aq-report-button').length >= 4",
        60_000,
        "({ users: [...document.querySelectorAll('#chat-log li.user')].map((l) => l.textContent), replies: document.querySelectorAll('#chat-log li.assistant aq-report-button').length, decision: document.querySelector('#prescreen').lastDecision, classifier: document.querySelector('#prescreen').classifierState, status: document.querySelector('#classifier-status').textContent, busy: document.querySelector('#prescreen').screening })",
      );
      await p.until("document.querySelector('#chat-log aq-ai-image img') && document.querySelector('#chat-log aq-ai-video video')");
      const present = await p.evaluate<Record<string, number>>(
        `Object.fromEntries(['aq-ai-notice','aq-ai-label','aq-ai-image','aq-ai-video','aq-report-button','aq-report-dialog','aq-report-status','aq-consent-notice','aq-training-status','aq-transparency','aq-minor-mode','aq-paid-gate','aq-prescreen','aq-aigc-badge','aq-aigc-declare'].map((t) => [t, document.querySelectorAll(t).length && customElements.get(t) ? 1 : 0]))`,
      );
      expect(
        Object.entries(present)
          .filter(([, v]) => !v)
          .map(([k]) => k),
        'elements missing or undefined',
      ).to.deep.equal([]);
      // The classifier loads from the CDN folder (worker, runtime, model) under the same policy.
      await p.until("/enabled|已启用/.test(document.querySelector('#classifier-status').textContent)", 60_000);
      // [GBT45654-detect-input] A prompt the sample keyword library does not catch (fake reviews,
      // A3.b): the classifier in <aq-prescreen classifier> refuses it, and it never reaches the chat.
      const asked = () => p.evaluate<number>("document.querySelectorAll('#chat-log li.user').length");
      const before = await asked();
      const decided = p.evaluate<{ verdict: string; sources: string[] }>(
        "new Promise((r) => window.addEventListener('aq-prescreen-decided', (e) => r({ verdict: e.detail.verdict, sources: e.detail.sources }), { once: true }))",
      );
      await p.evaluate(`window.demo.submitText(${JSON.stringify(CLASSIFIER_ONLY)}).then(() => 1)`);
      expect(await decided).to.deep.equal({ verdict: 'refuse', sources: ['classifier'] });
      await aTimeout(300);
      expect(await asked(), 'the refused prompt is not in the chat').to.equal(before);
      const { requests, errors } = await p.requests();
      const origin = new URL(location.href).origin;
      expect(errors.join('\n'), 'console errors (CSP violations are reported here)').to.equal('');
      expect(requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).to.deep.equal([]);
    } finally {
      await p.close();
    }
  });

  it('[AIACT-50.1-disclosure] the profile switch holds across a reload: eu shows the AI-interaction disclosure in English', async () => {
    const p = await open('?classifier=off');
    try {
      await p.evaluate("(localStorage.setItem('demo-profile', 'eu'), localStorage.setItem('demo-lang', 'en'), 1)");
      await p.reload();
      expect(await p.evaluate<string>('window.demo.aq.getConfig().id')).to.equal('eu');
      expect(await p.evaluate<string>('document.documentElement.lang')).to.equal('en');
      expect(
        await p.evaluate<boolean>(
          "!document.querySelector('#ai-disclosure').hidden && /interacting with an AI system/.test(document.querySelector('#ai-disclosure').shadowRoot.textContent)",
        ),
      ).to.be.true;
    } finally {
      await p.evaluate("(localStorage.removeItem('demo-profile'), localStorage.removeItem('demo-lang'), 1)");
      await p.close();
    }
  });
});
