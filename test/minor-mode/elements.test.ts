import { AnquanStorage, configure, resetConfig, SafetyContext } from '@anquan/core';
import type { AqAgeGate, AqGuardianSettings, AqMinorLock, AqMinorMode, AqMinorModeToggle, AqPaidGate } from '@anquan/minor-mode';
import '@anquan/minor-mode/register';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, expectCspClean } from '../harness/index.js';
import { containsPin, dumpDatabase, dumpWebStorage, fakeTime, flush, type FakeTime, unique } from './helpers.js';

const PIN = '864213';

interface Setup {
  host: HTMLElement;
  mode: AqMinorMode;
  time: FakeTime;
  db: string;
  context: SafetyContext;
}

async function setup(inner = '', attrs = '', lang = 'en'): Promise<Setup> {
  const db = unique('aq-mm-el');
  const storage = new AnquanStorage(db);
  const time = fakeTime();
  const context = new SafetyContext(() => storage);
  const host = await fixture<HTMLElement>(html`<div lang=${lang}></div>`);
  const mode = document.createElement('aq-minor-mode') as AqMinorMode;
  for (const [k, v] of attrs.split(' ').filter(Boolean).map((a) => a.split('='))) mode.setAttribute(k, v ?? '');
  mode.setAttribute('time-zone', 'Asia/Shanghai');
  mode.options = { storage, outbox: null, context, time, tickMs: 0, pinIterations: 100_000 };
  host.append(mode);
  host.insertAdjacentHTML('beforeend', inner);
  await mode.loaded;
  await mode.updateComplete;
  return { host, mode, time, db, context };
}

/** Use the app actively for `minutes` (fake time, no sleeps). */
async function use(s: Setup, minutes: number) {
  const clock = s.mode.controller!.clock;
  for (let i = 0; i < minutes * 2; i++) {
    clock.activity();
    s.time.advance(30_000);
    await clock.tick();
  }
  await s.mode.updateComplete;
}

const lockOf = (mode: AqMinorMode) => mode.shadowRoot!.querySelector('aq-minor-lock') as AqMinorLock;
const active = (): Element | null => {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
};

describe('minor-mode elements', () => {
  afterEach(() => resetConfig());

  it('[CAC-MINOR-entry-exit][ANTHRO-14-companion] one click (keyboard) on the toggle enters and hides adult-only features; leaving needs the guardian PIN', async () => {
    const s = await setup('<aq-minor-mode-toggle></aq-minor-mode-toggle><button data-aq-adult-only id="companion">Virtual companion</button>', 'band=8-11');
    const toggle = s.host.querySelector('aq-minor-mode-toggle') as AqMinorModeToggle;
    await toggle.updateComplete;
    await s.mode.setGuardianPin(PIN);
    const button = toggle.shadowRoot!.querySelector('button')!;
    expect(button.textContent).to.equal('Turn on minors mode');
    button.focus();
    const changed = oneEvent(s.mode, 'aq-minor-mode-changed');
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail).to.deep.equal({ enabled: true, band: '8-11', source: 'user' });
    expect(s.context.get().minorMode).to.deep.equal({ enabled: true, band: '8-11' });
    await s.mode.updateComplete;
    expect(s.mode.getAttribute('state')).to.equal('on');
    const companion = s.host.querySelector<HTMLButtonElement>('#companion')!;
    expect(companion.hidden, '[ANTHRO-14-companion] adult-only hidden').to.be.true;
    expect(companion.inert).to.be.true;
    await toggle.updateComplete;
    await expectAccessible(toggle);
    // Leaving: the PIN form.
    button.click();
    await toggle.updateComplete;
    const input = toggle.shadowRoot!.querySelector('input')!;
    expect(active()).to.equal(input);
    await sendKeys({ type: '000000' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => toggle.shadowRoot!.querySelector('[part="message"]'));
    expect(toggle.shadowRoot!.querySelector('[part="message"]')!.textContent).to.contain('4 attempts left');
    expect(s.mode.enabled).to.be.true;
    expect(await s.mode.exit(PIN)).to.be.true;
    await s.mode.updateComplete;
    expect(companion.hidden).to.be.false;
    expect(s.mode.getAttribute('state')).to.equal('off');
    await expectNoPlainPin(s.db);
  });

  it('[CAC-MINOR-quota] the lock covers the app at the quota: alertdialog, announced, focus trapped, axe-clean', async () => {
    const s = await setup('<button id="app">App</button>');
    await s.mode.setGuardianPin(PIN);
    await s.mode.enter('12-15');
    const locked = oneEvent(s.host, 'aq-minor-mode-locked');
    await use(s, 60);
    expect((await locked).detail.reason).to.equal('quota');
    const lock = lockOf(s.mode);
    await lock.updateComplete;
    expect(lock.open).to.be.true;
    const dialog = lock.shadowRoot!.querySelector('[role="alertdialog"]')!;
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect(lock.shadowRoot!.querySelector('[aria-live="assertive"]')!.textContent).to.contain("Today's time is used up").and.to.contain('You can continue at');
    await expectAccessible(lock);
    // Focus trap: Tab and Shift+Tab stay inside; focusing the app pulls focus back.
    await sendKeys({ press: 'Tab' });
    expect(lock.shadowRoot!.contains(active())).to.be.true;
    s.host.querySelector<HTMLButtonElement>('#app')!.focus();
    expect(lock.shadowRoot!.contains(active()), 'focus pulled back into the lock').to.be.true;
    (lock.shadowRoot!.querySelector('button') as HTMLButtonElement).click();
    await lock.updateComplete;
    for (let i = 0; i < 5; i++) {
      await sendKeys({ press: 'Tab' });
      expect(lock.shadowRoot!.contains(active()), `Tab ${i}`).to.be.true;
    }
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(lock.shadowRoot!.contains(active())).to.be.true;
    await expectAccessible(lock);
  });

  it('[CAC-MINOR-quota] removing the lock from the DOM does not unlock; a new lock element shows it again; the guardian unlocks', async () => {
    const s = await setup();
    await s.mode.setGuardianPin(PIN);
    await s.mode.enter('12-15');
    await use(s, 60);
    const first = lockOf(s.mode);
    first.remove();
    await s.mode.controller!.clock.tick();
    await s.mode.updateComplete;
    await s.mode.updateComplete;
    const second = lockOf(s.mode);
    expect(second, 'the mode renders a fresh lock').to.exist.and.to.not.equal(first);
    await second.updateComplete;
    expect(second.open).to.be.true;
    expect(s.mode.controller!.clock.snapshot()!.locked).to.equal('quota');
    // A lock element the host adds later shows the same lock.
    const extra = document.createElement('aq-minor-lock') as AqMinorLock;
    s.host.append(extra);
    await extra.updateComplete;
    expect(extra.open).to.be.true;
    extra.remove();
    // Guardian unlock from the lock screen: 30 extra minutes.
    second.shadowRoot!.querySelector('button')!.click();
    await second.updateComplete;
    second.shadowRoot!.querySelector('input')!.value = PIN;
    const unlocked = oneEvent(second, 'aq-minor-mode-unlocked');
    second.shadowRoot!.querySelector('form')!.requestSubmit();
    expect((await unlocked).detail.previous).to.equal('quota');
    expect(s.mode.controller!.clock.snapshot()!.remainingMs).to.equal(30 * 60_000);
  });

  it('[CAC-MINOR-curfew] shows the curfew lock in zh-CN with the resume time', async () => {
    const s = await setup('', '', 'zh-CN');
    s.time.setWall(Date.UTC(2025, 0, 15, 14, 30)); // 22:30 Shanghai
    await s.mode.enter('16-17');
    await s.mode.controller!.clock.tick();
    await s.mode.updateComplete;
    const lock = lockOf(s.mode);
    await lock.updateComplete;
    expect(lock.shadowRoot!.textContent).to.contain('现在是休息时间（22:00–06:00）').and.to.contain('后可继续使用');
    expect(s.mode.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('未成年人模式已开启（16–17岁）');
    await expectAccessible(lock);
  });

  it('[CAC-MINOR-rest] shows a rest reminder after 30 minutes of continuous use', async () => {
    const s = await setup();
    await s.mode.enter('12-15');
    const rest = oneEvent(s.mode, 'aq-minor-rest-reminder');
    await use(s, 30);
    expect((await rest).detail.continuousMinutes).to.equal(30);
    await s.mode.updateComplete;
    const box = s.mode.shadowRoot!.querySelector('[part="rest"]')!;
    expect(box.textContent).to.contain('30 minutes');
    await expectAccessible(s.mode);
  });

  it('follows an OS or native-app minors-mode signal (attribute and API)', async () => {
    const s = await setup('', 'band=3-7');
    const changed = oneEvent(s.mode, 'aq-minor-mode-changed');
    s.mode.setAttribute('os-signal', 'on');
    expect((await changed).detail).to.deep.equal({ enabled: true, band: '3-7', source: 'os' });
    await s.mode.applyExternalSignal({ enabled: true, band: '8-11', source: 'app' });
    expect(s.context.get().minorMode.band).to.equal('8-11');
    await s.mode.applyExternalSignal({ enabled: false, source: 'app' });
    expect(s.mode.enabled).to.be.false;
  });

  it('a bad attribute logs one error naming element, attribute and allowed values, and falls back safely', async () => {
    const errors: string[] = [];
    const orig = console.error;
    console.error = (m: string) => errors.push(String(m));
    try {
      const s = await setup('<aq-paid-gate amount="12.5"><button>Buy</button></aq-paid-gate>', 'band=adult');
      expect(s.mode.band).to.equal('12-15');
      const e = errors.find((m) => m.includes('<aq-minor-mode>'))!;
      expect(e).to.contain('band="adult"').and.to.contain('under-3, 3-7, 8-11, 12-15, 16-17');
      expect(errors.filter((m) => m.includes('<aq-minor-mode>'))).to.have.length(1);
      // An invalid price blocks in minors mode (never "no protection").
      await s.mode.enter();
      const gate = s.host.querySelector('aq-paid-gate') as AqPaidGate;
      await gate.updateComplete;
      expect(errors.some((m) => m.includes('<aq-paid-gate>') && m.includes('amount="12.5"'))).to.be.true;
      let bought = 0;
      gate.querySelector('button')!.addEventListener('click', () => bought++);
      const blocked = oneEvent(gate, 'aq-minor-purchase-blocked');
      gate.querySelector('button')!.click();
      expect((await blocked).detail.reason).to.equal('invalid-amount');
      expect(bought).to.equal(0);
    } finally {
      console.error = orig;
    }
  });

  it('[GBT45654-minors-paid] the paid gate blocks young bands and over-cap amounts; the guardian approves within caps', async () => {
    const s = await setup('<aq-paid-gate amount="3000"><button id="buy">Buy ¥30</button></aq-paid-gate><aq-paid-gate amount="6000"><button id="big">Buy ¥60</button></aq-paid-gate>');
    await s.mode.setGuardianPin(PIN);
    const [gate, big] = Array.from(s.host.querySelectorAll('aq-paid-gate')) as AqPaidGate[];
    let bought = 0;
    s.host.querySelector('#buy')!.addEventListener('click', () => bought++);
    s.host.querySelector('#big')!.addEventListener('click', () => bought++);
    await s.mode.enter('3-7');
    let blocked = oneEvent(gate, 'aq-minor-purchase-blocked');
    s.host.querySelector<HTMLButtonElement>('#buy')!.click();
    expect((await blocked).detail).to.deep.include({ reason: 'band-blocked', band: '3-7' });
    expect(bought).to.equal(0);
    await s.mode.applyExternalSignal({ enabled: true, band: '12-15', source: 'host' });
    blocked = oneEvent(big, 'aq-minor-purchase-blocked');
    s.host.querySelector<HTMLButtonElement>('#big')!.click();
    expect((await blocked).detail.reason).to.equal('per-transaction');
    s.host.querySelector<HTMLButtonElement>('#buy')!.click();
    await waitFor(() => gate.shadowRoot!.querySelector('form'));
    expect(bought, 'held until the guardian approves').to.equal(0);
    await expectAccessible(gate);
    gate.shadowRoot!.querySelector('input')!.value = PIN;
    const approved = oneEvent(gate, 'aq-minor-purchase-approved');
    gate.shadowRoot!.querySelector('form')!.requestSubmit();
    expect((await approved).detail.amount).to.equal(3000);
    expect(bought).to.equal(1);
    expect(await s.mode.controller!.payment.spentThisMonth()).to.equal(3000);
    await s.mode.exit(PIN);
    s.host.querySelector<HTMLButtonElement>('#big')!.click();
    expect(bought, 'mode off: the gate passes').to.equal(2);
  });

  it('[GBT45654-minors-guardian] guardian settings: set the PIN, open with it, save a lower quota and curfew (keyboard)', async () => {
    const s = await setup('<aq-guardian-settings></aq-guardian-settings>');
    await s.mode.enter('12-15');
    const panel = s.host.querySelector('aq-guardian-settings') as AqGuardianSettings;
    await waitFor(() => panel.shadowRoot!.querySelector('input[name="confirm"]'));
    await expectAccessible(panel);
    panel.shadowRoot!.querySelector<HTMLInputElement>('input[name="pin"]')!.focus();
    await sendKeys({ type: PIN });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: PIN });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => panel.shadowRoot!.querySelector('input[name="quota"]'));
    await expectAccessible(panel);
    const root = panel.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[name="quota"]')!.value = '40';
    root.querySelector<HTMLInputElement>('input[name="curfewStart"]')!.value = '21:00';
    root.querySelector<HTMLInputElement>('input[name="windows"]')!.value = '16:00-17:00';
    const saved = oneEvent(panel, 'aq-minor-settings-changed');
    root.querySelector<HTMLFormElement>('form')!.requestSubmit();
    const detail = (await saved).detail;
    expect(detail.settings).to.deep.include({ dailyQuotaMinutes: 40, curfew: { start: '21:00', end: '06:00' }, allowedWindows: [{ start: '16:00', end: '17:00' }] });
    expect(s.mode.controller!.rules().dailyQuotaMinutes).to.equal(40);
    const records = await s.mode.controller!.ledger!.records();
    expect(records.map((r) => r.type)).to.include('settings-changed');
    await expectNoPlainPin(s.db);
  });

  it('[PIPL-31-under14] the age gate asks a guardian for a separate consent under 14 and records it in the ledger', async () => {
    const s = await setup('<aq-age-gate for-minors="minors-mode" policy-url="/children-rules"></aq-age-gate>');
    const gate = s.host.querySelector('aq-age-gate') as AqAgeGate;
    await gate.updateComplete;
    await expectAccessible(gate);
    gate.shadowRoot!.querySelector('input')!.value = '10';
    gate.shadowRoot!.querySelector('form')!.requestSubmit();
    await waitFor(() => gate.state === 'consent' && gate.shadowRoot!.querySelector('input[name="consent"]'));
    await gate.updateComplete;
    await expectAccessible(gate);
    gate.shadowRoot!.querySelector<HTMLInputElement>('input[name="pin"]')!.value = PIN;
    gate.shadowRoot!.querySelector('form')!.requestSubmit();
    await waitFor(() => gate.shadowRoot!.querySelector('[part="message"]'));
    expect(gate.state, 'no consent without the box ticked').to.equal('consent');
    gate.shadowRoot!.querySelector<HTMLInputElement>('input[name="consent"]')!.checked = true;
    gate.shadowRoot!.querySelector<HTMLInputElement>('input[name="pin"]')!.value = PIN;
    const passed = oneEvent(gate, 'aq-age-gate-passed');
    gate.shadowRoot!.querySelector('form')!.requestSubmit();
    expect((await passed).detail).to.deep.equal({ age: 10, band: '8-11', outcome: 'minors-mode', guardianConsent: true });
    const consent = (await s.mode.controller!.ledger!.records()).find((r) => r.type === 'guardian-consent')!;
    expect(consent.data).to.deep.include({ age: 10, band: '8-11', separate: true, policyUrl: '/children-rules' });
    expect(s.mode.state).to.deep.include({ enabled: true, band: '8-11', source: 'age-gate' });
    await expectNoPlainPin(s.db);
  });

  it('[GBT45654-not-for-minors] a service not for minors blocks them; adults pass (zh-CN)', async () => {
    const s = await setup('<aq-age-gate></aq-age-gate><aq-age-gate id="adult"></aq-age-gate>', '', 'zh-CN');
    const [gate, adult] = Array.from(s.host.querySelectorAll('aq-age-gate')) as AqAgeGate[];
    await gate.updateComplete;
    expect(gate.shadowRoot!.textContent).to.contain('请输入你的年龄');
    gate.shadowRoot!.querySelector('input')!.value = '15';
    const blocked = oneEvent(gate, 'aq-age-gate-blocked');
    gate.shadowRoot!.querySelector('form')!.requestSubmit();
    expect((await blocked).detail.outcome).to.equal('blocked');
    await gate.updateComplete;
    expect(gate.shadowRoot!.textContent).to.contain('本服务不面向未成年人');
    adult.shadowRoot!.querySelector('input')!.value = '30';
    const passed = oneEvent(adult, 'aq-age-gate-passed');
    adult.shadowRoot!.querySelector('form')!.requestSubmit();
    expect((await passed).detail.outcome).to.equal('adult');
  });

  it('both profiles: the mode works the same under cn and eu (eu defaults to English)', async () => {
    configure({ profile: 'eu' });
    const s = await setup('', '', '');
    s.host.removeAttribute('lang');
    document.documentElement.removeAttribute('lang');
    await s.mode.enter('16-17');
    s.mode.requestUpdate();
    await s.mode.updateComplete;
    expect(s.mode.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('Minors mode is on (16–17); 120 min left today');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({
      modules: ['/packages/minor-mode/src/register.ts'],
      html: '<aq-minor-mode band="8-11"></aq-minor-mode><aq-minor-mode-toggle></aq-minor-mode-toggle><aq-minor-lock></aq-minor-lock><aq-guardian-settings></aq-guardian-settings><aq-paid-gate amount="100"><button>Buy</button></aq-paid-gate><aq-age-gate></aq-age-gate>',
    });
  });
});

async function waitFor<T>(fn: () => T, tries = 100): Promise<NonNullable<T>> {
  for (let i = 0; i < tries; i++) {
    const v = fn();
    if (v) return v as NonNullable<T>;
    await flush();
  }
  throw new Error('waitFor: condition not met');
}

async function expectNoPlainPin(db: string) {
  const dump = await dumpDatabase(db);
  expect(dump).to.contain('PBKDF2-SHA256');
  expect(containsPin(dump, PIN), 'plain PIN in IndexedDB').to.be.false;
  expect(containsPin(dumpWebStorage(), PIN), 'plain PIN in Web Storage').to.be.false;
}
