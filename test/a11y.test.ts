// Accessibility sweep: every registered aq-* element, with representative configuration, in zh-CN and
// en, in the light and the dark scheme, through axe-core (WCAG 2.1 A/AA + best practice); and a
// keyboard path through every dialog (report dialog, consent notice, minors lock, guardian PIN
// prompt, age gate). A violation fails here with the rule, the element and the node: fix it in the
// element's package, never by disabling the rule.

import { type ConsentNoticeConfig, ConsentStore, type TransparencyDisclosure } from '@anquan/consent';
import { AnquanStorage, configure, type Locale, Outbox, resetConfig, SafetyContext } from '@anquan/core';
import type { AqMinorMode } from '@anquan/minor-mode';
import { type AqPrescreen, KeywordMatcher, PrescreenPolicy } from '@anquan/prescreen';
import { type AqReportDialog, ReportClient } from '@anquan/report';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../packages/anquan/src/index.ts';
import '@anquan/consent/register';
import '@anquan/report/register';
import '@anquan/minor-mode/register';
import '@anquan/label/register';
import '@anquan/prescreen/register';
import '../packages/anquan/src/audit-report/aq-audit-report.ts';
import { audit } from '../packages/anquan/src/audit.ts';
import {
  AgeGateHarness,
  expectAccessible,
  GuardianSettingsHarness,
  MinorLockHarness,
  PrescreenHarness,
  ReportButtonHarness,
  ReportDialogHarness,
  runTool,
  testIntake,
  unique,
  until,
} from './harness/index.js';
import { manifestTags } from './harness/manifest.js';
import { type FakeTime, fakeTime } from './minor-mode/helpers.js';

type Scheme = 'light' | 'dark';
const PIN = '864213';
const IMG =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="320" height="240"%3E%3Crect width="320" height="240" fill="%23678"/%3E%3C/svg%3E';

/** Every tag the SDK registers, from the manifests. The sweep fails when one is not registered or has no render below. */
const ALL_TAGS = await manifestTags();

const NOTICE: ConsentNoticeConfig = {
  version: '2025-11-01',
  handler: { name: { 'zh-CN': '示例科技有限公司', en: 'Example Tech Ltd.' }, contact: 'privacy@example.com' },
  purposes: [
    { id: 'chat-history', label: { 'zh-CN': '保存对话记录', en: 'Keep your chat history' } },
    { id: 'analytics', label: { 'zh-CN': '使用情况统计', en: 'Usage statistics' } },
    { id: 'cross-border', label: { 'zh-CN': '由境外服务器处理', en: 'Processing on servers abroad' }, separate: 'cross-border' },
  ],
  methods: { 'zh-CN': '自动化处理、加密存储', en: 'Automated processing and encrypted storage' },
  categories: { 'zh-CN': '输入内容、设备标识', en: 'Your inputs and a device identifier' },
  retention: { 'zh-CN': '账户注销后30天内删除', en: 'Deleted within 30 days of closing the account' },
  rights: { 'zh-CN': '您可查阅、复制、更正、删除个人信息', en: 'Access, copy, correct or delete your data' },
  policyUrl: '/privacy',
};

const DISCLOSURE: TransparencyDisclosure = {
  service: { 'zh-CN': '示例助手', en: 'Example Assistant' },
  intendedUsers: { 'zh-CN': '成年用户', en: 'Adults' },
  occasions: { 'zh-CN': '日常问答', en: 'Everyday questions' },
  purposes: { 'zh-CN': '信息查询与写作辅助', en: 'Information and writing help' },
  foundationModels: [{ name: 'Example-LM', version: '2.1', provider: 'Example AI', filing: 'Beijing-ExampleLM-20240101' }],
  limitations: [{ 'zh-CN': '回答可能不准确', en: 'Answers can be wrong' }],
  modelSummary: { 'zh-CN': 'Transformer 语言模型', en: 'A transformer language model' },
  personalInformation: [{ category: { 'zh-CN': '输入内容', en: 'Your inputs' }, use: { 'zh-CN': '生成回答', en: 'To generate answers' } }],
  updated: '2025-11-01',
};

/** The page around an element, as a host would style it: the scheme's background and color-scheme. */
async function page(lang: Locale, scheme: Scheme): Promise<HTMLElement> {
  const style =
    scheme === 'dark'
      ? 'background:#0d1117;color:#e6edf3;color-scheme:dark;padding:8px'
      : 'background:#ffffff;color:#1f2328;color-scheme:light;padding:8px';
  return fixture<HTMLElement>(html`<main lang=${lang} style=${style}></main>`);
}

function consentStore() {
  return new ConsentStore({ storage: new AnquanStorage(unique('aq-a11y-consent')), outbox: null });
}

function reportClient() {
  const storage = new AnquanStorage(unique('aq-a11y-report'));
  return new ReportClient({ storage, outbox: new Outbox({ storage, baseDelayMs: 20, maxDelayMs: 200 }) });
}

/** A minors mode on its own storage and a fake clock (no real waiting), plus `inner` beside it. */
async function minorMode(wrap: HTMLElement, inner = '', options: { pin?: boolean } = {}) {
  const storage = new AnquanStorage(unique('aq-a11y-mm'));
  const time = fakeTime();
  const mode = document.createElement('aq-minor-mode') as AqMinorMode;
  mode.setAttribute('band', '12-15');
  mode.setAttribute('time-zone', 'Asia/Shanghai');
  mode.options = { storage, outbox: null, context: new SafetyContext(() => storage), time, tickMs: 0, pinIterations: 100_000 };
  wrap.append(mode);
  await mode.loaded;
  await mode.updateComplete;
  if (options.pin) await mode.setGuardianPin(PIN);
  wrap.insertAdjacentHTML('beforeend', inner);
  await settle(wrap);
  return { mode, time };
}

/** Use the app for `minutes` on the fake clock. */
async function use(mode: AqMinorMode, time: FakeTime, minutes: number) {
  const clock = mode.controller!.clock;
  for (let i = 0; i < minutes * 2; i++) {
    clock.activity();
    time.advance(30_000);
    await clock.tick();
  }
  await mode.updateComplete;
}

async function settle(wrap: HTMLElement) {
  for (const el of wrap.querySelectorAll('*')) await (el as { updateComplete?: Promise<unknown> }).updateComplete;
  await aTimeout(50);
}

let videoUrl = '';

/** Each tag's representative rendering; returns what axe checks. */
const RENDER: Record<string, (wrap: HTMLElement) => Promise<Element>> = {
  async 'aq-consent-notice'(wrap) {
    const el = document.createElement('aq-consent-notice');
    el.store = consentStore();
    el.notice = NOTICE;
    wrap.append(el);
    await el.ready;
    await until(() => el.open);
    await el.updateComplete;
    return wrap;
  },
  async 'aq-training-optout'(wrap) {
    const el = document.createElement('aq-training-optout');
    el.store = consentStore();
    wrap.append(el);
    await el.ready;
    return wrap;
  },
  async 'aq-training-status'(wrap) {
    const el = document.createElement('aq-training-status');
    el.store = consentStore();
    el.setAttribute('href', '/settings#privacy');
    wrap.append(el);
    await el.ready;
    return wrap;
  },
  async 'aq-transparency'(wrap) {
    const el = document.createElement('aq-transparency');
    el.disclosure = DISCLOSURE;
    wrap.append(el);
    await el.updateComplete;
    return wrap;
  },
  async 'aq-ai-disclosure'(wrap) {
    const el = document.createElement('aq-ai-disclosure');
    el.store = consentStore();
    el.setAttribute('domain', 'medical');
    wrap.append(el);
    await el.ready;
    return wrap;
  },
  async 'aq-report-button'(wrap) {
    wrap.innerHTML =
      '<div data-aq-message><p>A generated answer.</p><aq-report-button message-id="m1"></aq-report-button></div><aq-report-button variant="global"></aq-report-button>';
    await settle(wrap);
    return wrap;
  },
  async 'aq-report-dialog'(wrap) {
    const el = document.createElement('aq-report-dialog') as AqReportDialog;
    el.client = reportClient();
    for (const [k, v] of Object.entries({
      'channel-phone': '400-800-1234',
      'channel-email': 'report@example.cn',
      'channel-sms': '10690000',
      'channel-chat': '/help/chat',
    }))
      el.setAttribute(k, v);
    wrap.append(el);
    await el.updateComplete;
    const dialog = new ReportDialogHarness(el);
    await dialog.open(undefined, { messageId: 'm1', excerpt: 'A generated answer.' });
    expect(dialog.isOpen).to.be.true;
    return wrap;
  },
  async 'aq-report-status'(wrap) {
    const el = document.createElement('aq-report-status');
    el.client = reportClient();
    wrap.append(el);
    await settle(wrap);
    return wrap;
  },
  async 'aq-minor-mode'(wrap) {
    const { mode } = await minorMode(wrap);
    await mode.enter('12-15');
    await mode.updateComplete;
    return wrap;
  },
  async 'aq-minor-mode-toggle'(wrap) {
    await minorMode(wrap, '<aq-minor-mode-toggle></aq-minor-mode-toggle>');
    await settle(wrap);
    return wrap;
  },
  async 'aq-minor-lock'(wrap) {
    const { mode, time } = await minorMode(wrap);
    await mode.setGuardianPin(PIN);
    await mode.enter('12-15');
    await use(mode, time, 60);
    const lock = mode.shadowRoot!.querySelector('aq-minor-lock')!;
    await lock.updateComplete;
    expect(lock.open, 'locked at the quota').to.be.true;
    await new MinorLockHarness(lock).openGuardian(); // the guardian's PIN form, too
    return wrap;
  },
  async 'aq-guardian-settings'(wrap) {
    await minorMode(wrap, '<aq-guardian-settings></aq-guardian-settings>', { pin: true });
    const panel = wrap.querySelector('aq-guardian-settings')!;
    await until(() => !!panel.shadowRoot!.querySelector('input[name="pin"]') && !panel.shadowRoot!.querySelector('input[name="confirm"]'));
    return wrap;
  },
  async 'aq-paid-gate'(wrap) {
    const { mode } = await minorMode(wrap, '<aq-paid-gate amount="3000"><button type="button">Buy ¥30</button></aq-paid-gate>');
    await mode.setGuardianPin(PIN);
    await mode.enter('12-15');
    const gate = wrap.querySelector('aq-paid-gate')!;
    await gate.updateComplete;
    wrap.querySelector<HTMLButtonElement>('aq-paid-gate button')!.click(); // asks for the guardian's approval
    await until(() => !!gate.shadowRoot!.querySelector('form'));
    return wrap;
  },
  async 'aq-age-gate'(wrap) {
    await minorMode(wrap, '<aq-age-gate for-minors="minors-mode" policy-url="/children-rules"></aq-age-gate>');
    await settle(wrap);
    return wrap;
  },
  async 'aq-ai-label'(wrap) {
    wrap.innerHTML = '<div data-aq-message><aq-ai-label position="start">这是模型的回答。This is the answer.</aq-ai-label></div>';
    await settle(wrap);
    return wrap;
  },
  async 'aq-ai-notice'(wrap) {
    wrap.innerHTML = '<aq-ai-notice position="top"></aq-ai-notice><p>Chat</p>';
    await settle(wrap);
    return wrap;
  },
  async 'aq-ai-image'(wrap) {
    wrap.innerHTML = `<aq-ai-image><img src='${IMG}' alt="A generated landscape" width="320" height="240"></aq-ai-image>`;
    const img = wrap.querySelector('img')!;
    if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
    await settle(wrap);
    return wrap;
  },
  async 'aq-ai-video'(wrap) {
    wrap.innerHTML = `<aq-ai-video><video muted playsinline controls preload="auto" src="${videoUrl}" aria-label="A generated clip"></video></aq-ai-video>`;
    const video = wrap.querySelector('video')!;
    if (video.readyState < 2) await new Promise((r) => video.addEventListener('loadeddata', r, { once: true }));
    await settle(wrap);
    return wrap;
  },
  async 'aq-aigc-badge'(wrap) {
    wrap.innerHTML = '<aq-aigc-badge declared></aq-aigc-badge>';
    await settle(wrap);
    return wrap;
  },
  async 'aq-aigc-declare'(wrap) {
    wrap.innerHTML = '<form><aq-aigc-declare name="aigc" required></aq-aigc-declare><button>Publish</button></form>';
    await settle(wrap);
    return wrap;
  },
  async 'aq-labelling-notice'(wrap) {
    wrap.innerHTML = '<aq-labelling-notice heading-level="2"></aq-labelling-notice>';
    await settle(wrap);
    return wrap;
  },
  async 'aq-prescreen'(wrap) {
    wrap.innerHTML =
      '<aq-prescreen screen="submit"><form><label for="q">Question / 提问</label><textarea id="q" name="q"></textarea><button type="submit">Send / 发送</button></form></aq-prescreen>';
    const el = wrap.querySelector('aq-prescreen') as AqPrescreen;
    const storage = new AnquanStorage(unique('aq-a11y-ps'));
    el.policy = new PrescreenPolicy({
      keywords: new KeywordMatcher([{ term: '炸药配方', risk: 'A1.d' }]),
      storage,
      outbox: null,
      context: new SafetyContext(() => storage),
      user: 'a11y',
    });
    wrap.querySelector('form')!.addEventListener('submit', (e) => e.preventDefault());
    // The refusal state, as a user meets it.
    const user = new PrescreenHarness(el);
    await user.type('告诉我炸药配方');
    const blocked = oneEvent(el, 'aq-prescreen-blocked');
    await user.submit();
    await blocked;
    await el.updateComplete;
    return wrap;
  },
  async 'aq-audit-report'(wrap) {
    wrap.innerHTML = '<div data-message-id="m1"><aq-ai-label>Answer</aq-ai-label></div>';
    const storage = new AnquanStorage(unique('aq-a11y-audit'));
    const report = await audit({
      root: wrap,
      storage,
      outbox: new Outbox({ storage, endpoint: () => null }),
      context: new SafetyContext(() => storage),
    });
    const el = document.createElement('aq-audit-report');
    el.report = report;
    wrap.append(el);
    await el.updateComplete;
    return wrap;
  },
};

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

before(async function () {
  this.timeout(60_000);
  // A real 2-second VP8 WebM for <aq-ai-video>, made here with ffmpeg.
  const r = await runTool({
    tool: 'ffmpeg',
    args: [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25:duration=2',
      '-c:v',
      'libvpx',
      '-b:v',
      '200k',
      '-y',
      '{out}',
    ],
    outputName: 'v.webm',
  });
  expect(r.code, r.stderr).to.equal(0);
  videoUrl = URL.createObjectURL(new Blob([Uint8Array.from(atob(r.output!), (c) => c.charCodeAt(0))], { type: 'video/webm' }));
});

describe('accessibility sweep', function () {
  this.timeout(60_000);
  afterEach(() => resetConfig());

  it('covers every registered aq-* element', () => {
    expect(
      ALL_TAGS.filter((t) => !customElements.get(t)),
      'tags not registered',
    ).to.deep.equal([]);
    expect(
      ALL_TAGS.filter((t) => !RENDER[t]),
      'tags without a rendering in this sweep',
    ).to.deep.equal([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    describe(`${scheme} scheme`, () => {
      before(() => emulateMedia({ colorScheme: scheme }));
      after(() => emulateMedia({ colorScheme: 'light' }));

      it('the scheme is in effect', () => {
        expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(scheme === 'dark');
      });

      for (const lang of ['zh-CN', 'en'] as const) {
        for (const tag of ALL_TAGS) {
          it(`<${tag}> ${lang} ${scheme}: no WCAG 2.1 AA or best-practice violation`, async () => {
            const wrap = await page(lang, scheme);
            const target = await RENDER[tag](wrap);
            expect(wrap.querySelector(tag) ?? deepHas(wrap, tag), `<${tag}> rendered`).to.be.ok;
            await expectAccessible(target);
          });
        }
      }
    });
  }
});

function deepHas(root: Element, tag: string): boolean {
  for (const el of root.querySelectorAll('*')) {
    if (el.localName === tag) return true;
    if (
      el.shadowRoot &&
      Array.from(el.shadowRoot.querySelectorAll('*')).some((e) => e.localName === tag || (e.shadowRoot && deepHas(e, tag)))
    )
      return true;
  }
  return false;
}

describe('keyboard path through every dialog', function () {
  this.timeout(60_000);
  afterEach(() => resetConfig());

  it('report dialog: Enter on the entry opens it; arrows, typing and Tab fill it; Enter submits; Enter on Close closes and focus returns', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const wrap = await page('en', 'light');
    wrap.innerHTML =
      '<div data-aq-message><p>A generated answer.</p><aq-report-button message-id="m1" dialog="rd"></aq-report-button></div><aq-report-dialog id="rd" receipt-wait-ms="5000"></aq-report-dialog>';
    const dialog = wrap.querySelector('aq-report-dialog') as AqReportDialog;
    dialog.client = reportClient();
    await settle(wrap);
    const entry = new ReportButtonHarness(wrap.querySelector('aq-report-button')!).button;
    entry.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.id === 'category');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('description');
    await sendKeys({ type: 'A harmful answer' });
    // Tab through every control: focus never leaves the dialog, and reaches the submit button.
    for (let i = 0; i < 25 && deepActive()?.getAttribute('type') !== 'submit'; i++) {
      await sendKeys({ press: 'Tab' });
      expect(dialog.shadowRoot!.contains(deepActive()), `Tab ${i + 1} stays in the dialog`).to.be.true;
    }
    expect(deepActive()?.getAttribute('type')).to.equal('submit');
    const submitted = oneEvent(dialog, 'aq-report-submitted');
    await sendKeys({ press: 'Enter' });
    expect((await submitted).detail.state).to.equal('received');
    await dialog.updateComplete;
    for (let i = 0; i < 10 && !/^(Close|关闭)$/.test(deepActive()?.textContent?.trim() ?? ''); i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => !dialog.shadowRoot!.querySelector('dialog')!.open);
    await until(() => deepActive() === entry);
  });

  it('consent notice (modal): focus moves in, Tab stays inside, Escape does not dismiss, Space gives a separate consent, Enter on Agree answers', async () => {
    const wrap = await page('zh-CN', 'light');
    const opener = document.createElement('button');
    opener.textContent = 'Open';
    wrap.append(opener);
    opener.focus();
    const store = consentStore();
    const el = document.createElement('aq-consent-notice');
    el.store = store;
    el.notice = NOTICE;
    wrap.append(el);
    await el.ready;
    await until(() => el.shadowRoot!.activeElement !== null);
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.contains(deepActive()), `Tab ${i + 1} stays in the notice`).to.be.true;
    }
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open, 'Escape does not dismiss a required notice').to.be.true;
    for (let i = 0; i < 20 && (deepActive() as HTMLInputElement | null)?.dataset?.purpose !== 'cross-border'; i++)
      await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await until(() => store.isGranted('cross-border'));
    for (let i = 0; i < 20 && !deepActive()?.matches('[part~="accept"]'); i++) await sendKeys({ press: 'Tab' });
    expect(deepActive()?.textContent).to.equal('同意');
    await sendKeys({ press: 'Enter' });
    await until(() => !el.open);
    expect(document.activeElement).to.equal(opener);
  });

  it('minors lock: focus is trapped; Enter opens the guardian form; the PIN typed and Enter unlock', async () => {
    const wrap = await page('en', 'light');
    const { mode, time } = await minorMode(wrap, '<button id="app">App</button>');
    await mode.setGuardianPin(PIN);
    await mode.enter('12-15');
    await use(mode, time, 60);
    const lock = mode.shadowRoot!.querySelector('aq-minor-lock')!;
    await lock.updateComplete;
    expect(lock.open).to.be.true;
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      expect(lock.shadowRoot!.contains(deepActive()), `Tab ${i + 1} stays in the lock`).to.be.true;
    }
    new MinorLockHarness(lock).$('button')!.focus(); // "Guardian unlock"
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.getAttribute('name') === 'pin');
    await sendKeys({ type: PIN });
    const unlocked = oneEvent(lock, 'aq-minor-mode-unlocked');
    await sendKeys({ press: 'Enter' });
    expect((await unlocked).detail.previous).to.equal('quota');
  });

  it('guardian settings: the PIN prompt by keyboard, then Tab to a setting, change it, Enter saves', async () => {
    const wrap = await page('en', 'light');
    const { mode } = await minorMode(wrap, '<aq-guardian-settings></aq-guardian-settings>', { pin: true });
    await mode.enter('12-15');
    const panel = wrap.querySelector('aq-guardian-settings')!;
    await until(() => !!panel.shadowRoot!.querySelector('input[name="pin"]') && !panel.shadowRoot!.querySelector('input[name="confirm"]'));
    new GuardianSettingsHarness(panel).$('input[name="pin"]')!.focus();
    await sendKeys({ type: PIN });
    await sendKeys({ press: 'Enter' });
    await until(() => !!panel.shadowRoot!.querySelector('input[name="quota"]'));
    for (let i = 0; i < 10 && deepActive()?.getAttribute('name') !== 'quota'; i++) await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('name'), 'Tab reaches the daily quota').to.equal('quota');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: '40' });
    const saved = oneEvent(panel, 'aq-minor-mode-settings-changed');
    await sendKeys({ press: 'Enter' });
    expect((await saved).detail.settings.dailyQuotaMinutes).to.equal(40);
  });

  it('age gate: type the age and Enter; Tab to the consent box, Space, Tab to the PIN, type it, Enter passes into the minors mode', async () => {
    const wrap = await page('zh-CN', 'light');
    const { mode } = await minorMode(wrap, '<aq-age-gate for-minors="minors-mode" policy-url="/children-rules"></aq-age-gate>');
    await mode.setGuardianPin(PIN);
    const gate = wrap.querySelector('aq-age-gate')!;
    await gate.updateComplete;
    new AgeGateHarness(gate).$('input[name="age"]')!.focus();
    await sendKeys({ type: '10' });
    await sendKeys({ press: 'Enter' });
    await until(() => !!gate.shadowRoot!.querySelector('input[name="consent"]'));
    gate.shadowRoot!.querySelector<HTMLElement>('h2')!.setAttribute('tabindex', '-1');
    gate.shadowRoot!.querySelector<HTMLElement>('h2')!.focus();
    for (let i = 0; i < 6 && deepActive()?.getAttribute('name') !== 'consent'; i++) await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('name'), 'Tab reaches the consent box').to.equal('consent');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('name')).to.equal('pin');
    await sendKeys({ type: PIN });
    const passed = oneEvent(gate, 'aq-age-gate-passed');
    await sendKeys({ press: 'Enter' });
    expect((await passed).detail).to.deep.include({ age: 10, outcome: 'minors-mode', guardianConsent: true });
  });
});
