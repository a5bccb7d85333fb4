import { AnquanStorage, configure, resetConfig, SafetyContext } from '@anquan/core';
import type { AqAgeGate, AqGuardianSettings, AqMinorLock, AqMinorMode, AqMinorModeToggle, AqPaidGate } from '@anquan/minor-mode';
import { setGuardianVerifier } from '@anquan/minor-mode';
import '@anquan/minor-mode/register';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import {
  AgeGateHarness,
  captureErrors,
  expectAccessible,
  expectCspClean,
  GuardianSettingsHarness,
  MinorLockHarness,
  PaidGateHarness,
  page,
} from '../harness/index.js';
import { containsPin, dumpDatabase, dumpWebStorage, type FakeTime, fakeTime, flush, unique } from './helpers.js';

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
  for (const [k, v] of attrs
    .split(' ')
    .filter(Boolean)
    .map((a) => a.split('=')))
    mode.setAttribute(k, v ?? '');
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
    const s = await setup(
      '<aq-minor-mode-toggle></aq-minor-mode-toggle><button data-aq-adult-only id="companion">Virtual companion</button>',
      'band=8-11',
    );
    const toggle = s.host.querySelector('aq-minor-mode-toggle') as AqMinorModeToggle;
    await toggle.updateComplete;
    await s.mode.setGuardianPin(PIN);
    const button = toggle.shadowRoot!.querySelector('button')!;
    expect(button.textContent).to.equal('Turn on minors mode');
    button.focus();
    const changed = oneEvent(s.mode, 'aq-minor-mode-changed');
    await sendKeys({ press: 'Enter' });
    // Entering asks for the band (the PIN exists already, so no set-up fields): Tab to Confirm, Enter.
    await waitFor(() => toggle.shadowRoot!.querySelector('select[name="band"]'));
    expect(toggle.shadowRoot!.querySelector('input[name="pin"]')).to.equal(null);
    expect(active()).to.equal(toggle.shadowRoot!.querySelector('select[name="band"]'));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail).to.deep.equal({ enabled: true, band: '8-11', source: 'user' });
    expect(s.context.get().minorMode).to.deep.equal({ enabled: true, band: '8-11' });
    await s.mode.updateComplete;
    expect(s.mode.hasAttribute('active')).to.equal(true);
    expect(s.mode.getAttribute('active-band')).to.equal('8-11');
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
    expect(s.mode.hasAttribute('active')).to.equal(false);
    expect(s.mode.hasAttribute('active-band')).to.equal(false);
    await expectNoPlainPin(s.db);
  });

  it('[CAC-MINOR-entry-exit][GBT45654-minors-guardian] the child in a mode the OS turned on cannot create the PIN that would let them out', async () => {
    const s = await setup('<aq-guardian-settings></aq-guardian-settings><aq-minor-mode-toggle></aq-minor-mode-toggle>', 'band=8-11');
    await s.mode.applyExternalSignal({ enabled: true, band: '8-11', source: 'os' });
    const panel = s.host.querySelector('aq-guardian-settings') as AqGuardianSettings;
    const toggle = s.host.querySelector('aq-minor-mode-toggle') as AqMinorModeToggle;
    // The panel offers no set-PIN form: it says why. (Mutation caught: the old "set PIN whenever none
    // exists" form, or a PinError check dropped from GuardianPin.set.)
    await waitFor(() => panel.shadowRoot!.textContent!.includes('a PIN can be set only after the service verifies the guardian'));
    expect(panel.shadowRoot!.querySelector('input')).to.equal(null);
    await expectAccessible(panel);
    // The API refuses too (a child with the console, or a host page that wires its own form).
    let refused: unknown = null;
    await s.mode.setGuardianPin(PIN).catch((e) => (refused = e));
    expect(refused).to.have.property('code', 'setup-locked');
    expect(await s.mode.controller!.pin.hasPin()).to.equal(false);
    // Leaving: nothing typed can verify; the toggle says the service must verify the guardian.
    const steps = new GuardianSettingsHarness(toggle);
    await steps.click('[part~="button"]');
    await steps.fill('input[name="pin"]', '1234');
    await steps.submit();
    await waitFor(() => toggle.shadowRoot!.querySelector('[part~="message"]'));
    expect(toggle.shadowRoot!.querySelector('[part~="message"]')!.textContent).to.contain(
      'leaving needs the service to verify the guardian',
    );
    expect(await s.mode.exit('1234')).to.equal(false);
    expect(s.mode.enabled).to.equal(true);
    // The lockout counter is untouched (no attempt was possible), and no credential appeared.
    expect((await s.mode.controller!.pin.lockout()).failures).to.equal(0);
    expect(await s.mode.controller!.pin.hasPin()).to.equal(false);
  });

  it("[CAC-MINOR-entry-exit] with no credential, only the host's verifier ends an OS-signalled mode or opens a PIN set-up", async () => {
    const s = await setup('', 'band=8-11');
    await s.mode.applyExternalSignal({ enabled: true, band: '8-11', source: 'os' });
    const asked: string[] = [];
    setGuardianVerifier(async ({ purpose, pin }) => {
      asked.push(purpose);
      return pin === undefined || pin === '5555';
    });
    try {
      // With the host's verifier (e.g. an SMS code to the guardian), the set-up window opens.
      expect(await s.mode.controller!.verifyGuardianForSetup()).to.equal(true);
      expect(await s.mode.controller!.mayCreateCredential()).to.equal(true);
      expect(await s.mode.exit('0000')).to.equal(false);
      expect(await s.mode.exit('5555')).to.equal(true);
      expect(asked).to.deep.equal(['setup', 'exit', 'exit']);
    } finally {
      setGuardianVerifier(null);
    }
    // Without it, the window is closed again for a new OS-signalled mode of another device profile.
    const other = await setup('', 'band=8-11');
    await other.mode.applyExternalSignal({ enabled: true, band: '8-11', source: 'os' });
    expect(await other.mode.controller!.verifyGuardianForSetup()).to.equal(false);
    expect(await other.mode.controller!.mayCreateCredential()).to.equal(false);
  });

  it('[CAC-MINOR-entry-exit][CAC-MINOR-bands] entering by the toggle asks for the band and sets up the guardian PIN before the mode is on', async () => {
    const s = await setup('<aq-minor-mode-toggle></aq-minor-mode-toggle>', 'band=12-15');
    const toggle = s.host.querySelector('aq-minor-mode-toggle') as AqMinorModeToggle;
    await toggle.updateComplete;
    const steps = new GuardianSettingsHarness(toggle);
    await steps.click('[part~="button"]');
    await waitFor(() => toggle.shadowRoot!.querySelector('input[name="confirm"]'));
    expect(toggle.shadowRoot!.textContent).to.contain('choose the age band and set the guardian PIN');
    await expectAccessible(toggle);
    // Mismatched PINs: the mode stays off and nothing is stored. (Mutation caught: entering first.)
    await steps.fill('select[name="band"]', '3-7');
    await steps.fill('input[name="pin"]', PIN);
    await steps.fill('input[name="confirm"]', '111111');
    await steps.submit();
    await waitFor(() => toggle.shadowRoot!.querySelector('[part~="message"]'));
    expect(s.mode.enabled).to.equal(false);
    expect(await s.mode.controller!.pin.hasPin()).to.equal(false);
    await steps.fill('select[name="band"]', '3-7');
    await steps.fill('input[name="pin"]', PIN);
    await steps.fill('input[name="confirm"]', PIN);
    const changed = oneEvent(s.mode, 'aq-minor-mode-changed');
    await steps.submit();
    expect((await changed).detail).to.deep.include({ enabled: true, band: '3-7' });
    expect(await s.mode.controller!.pin.hasPin()).to.equal(true);
    // The PIN now guards the exit, and it cannot be replaced without itself.
    expect(await s.mode.changeGuardianPin('000000', '1234')).to.equal(false);
    expect(await s.mode.exit('1234')).to.equal(false);
    expect(await s.mode.exit(PIN)).to.equal(true);
    await expectNoPlainPin(s.db);
  });

  it('[CAC-MINOR-quota] the lock covers the app at the quota: alertdialog, announced, focus trapped, axe-clean', async () => {
    const s = await setup('<button id="app">App</button>');
    let appClicks = 0;
    s.host.querySelector<HTMLButtonElement>('#app')!.addEventListener('click', () => appClicks++);
    await s.mode.setGuardianPin(PIN);
    await s.mode.enter('12-15');
    const locked = oneEvent(s.host, 'aq-minor-mode-locked');
    await use(s, 60);
    expect((await locked).detail.reason).to.equal('quota');
    const lock = lockOf(s.mode);
    await lock.updateComplete;
    expect(lock.open).to.be.true;
    const dialog = lock.shadowRoot!.querySelector('[role="alertdialog"]') as HTMLDialogElement;
    // A native modal <dialog> in the top layer: the page behind it is inert.
    expect(dialog.localName).to.equal('dialog');
    expect(dialog.matches(':modal')).to.be.true;
    expect(s.host.querySelector('#app')!.matches(':modal')).to.be.false;
    expect(lock.shadowRoot!.querySelector('[aria-live="assertive"]')!.textContent)
      .to.contain("Today's time is used up")
      .and.to.contain('You can continue at');
    await expectAccessible(lock);
    // Focus trap: Tab and Shift+Tab stay inside; focusing the app pulls focus back.
    await sendKeys({ press: 'Tab' });
    expect(lock.shadowRoot!.contains(active())).to.be.true;
    s.host.querySelector<HTMLButtonElement>('#app')!.focus();
    expect(lock.shadowRoot!.contains(active()), 'focus pulled back into the lock').to.be.true;
    await new MinorLockHarness(lock).openGuardian();
    for (let i = 0; i < 5; i++) {
      await sendKeys({ press: 'Tab' });
      expect(lock.shadowRoot!.contains(active()), `Tab ${i}`).to.be.true;
    }
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(lock.shadowRoot!.contains(active())).to.be.true;
    await expectAccessible(lock);
    // The child presses Escape, twice (Chromium closes a modal on a second Escape even when the
    // cancel event is prevented): the lock is still shown, and nothing closed it for good.
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await lock.updateComplete;
    expect(dialog.open, 'the lock re-opened').to.be.true;
    expect(dialog.matches(':modal')).to.be.true;
    // A click where the app's button is lands on the cover, not on the app.
    const r = s.host.querySelector('#app')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
    expect(appClicks, 'the page behind the lock is inert').to.equal(0);
    // A script closing the dialog (a host bug, a devtools user) does not lift the lock either.
    dialog.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(dialog.open, 'closed by a script, shown again').to.be.true;
    expect(dialog.matches(':modal')).to.be.true;
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
    const guardian = new MinorLockHarness(second);
    await guardian.openGuardian();
    await guardian.enterPin(PIN);
    const unlocked = oneEvent(second, 'aq-minor-mode-unlocked');
    await guardian.submit();
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
    const rest = oneEvent(s.mode, 'aq-minor-mode-rest-reminded');
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
    await captureErrors(async (errors) => {
      const s = await setup('<aq-paid-gate amount="12.5"><button>Buy</button></aq-paid-gate>', 'band=adult');
      // The attribute keeps what the host wrote; entering uses the fallback band.
      expect(s.mode.getAttribute('band')).to.equal('adult');
      const e = errors.find((m) => m.includes('<aq-minor-mode>'))!;
      expect(e).to.contain('band="adult"').and.to.contain('under-3, 3-7, 8-11, 12-15, 16-17');
      expect(errors.filter((m) => m.includes('<aq-minor-mode>'))).to.have.length(1);
      // An invalid price blocks in minors mode (never "no protection").
      await s.mode.enter();
      expect(s.mode.state?.band).to.equal('12-15');
      const gate = s.host.querySelector('aq-paid-gate') as AqPaidGate;
      await gate.updateComplete;
      expect(errors.some((m) => m.includes('<aq-paid-gate>') && m.includes('amount="12.5"'))).to.be.true;
      let bought = 0;
      gate.querySelector('button')!.addEventListener('click', () => bought++);
      const blocked = oneEvent(gate, 'aq-minor-mode-purchase-blocked');
      gate.querySelector('button')!.click();
      expect((await blocked).detail.reason).to.equal('invalid-amount');
      expect(bought).to.equal(0);
    });
  });

  it('[GBT45654-minors-paid] the paid gate blocks young bands and over-cap amounts; the guardian approves within caps', async () => {
    const s = await setup(
      '<aq-paid-gate amount="3000"><button id="buy">Buy ¥30</button></aq-paid-gate><aq-paid-gate amount="6000"><button id="big">Buy ¥60</button></aq-paid-gate>',
    );
    await s.mode.setGuardianPin(PIN);
    const [gate, big] = Array.from(s.host.querySelectorAll('aq-paid-gate')) as AqPaidGate[];
    let bought = 0;
    s.host.querySelector('#buy')!.addEventListener('click', () => bought++);
    s.host.querySelector('#big')!.addEventListener('click', () => bought++);
    await s.mode.enter('3-7');
    let blocked = oneEvent(gate, 'aq-minor-mode-purchase-blocked');
    s.host.querySelector<HTMLButtonElement>('#buy')!.click();
    expect((await blocked).detail).to.deep.include({ reason: 'band-blocked', band: '3-7' });
    expect(bought).to.equal(0);
    await s.mode.applyExternalSignal({ enabled: true, band: '12-15', source: 'host' });
    blocked = oneEvent(big, 'aq-minor-mode-purchase-blocked');
    s.host.querySelector<HTMLButtonElement>('#big')!.click();
    expect((await blocked).detail.reason).to.equal('per-transaction');
    const buyer = new PaidGateHarness(gate);
    await buyer.buy('#buy');
    await waitFor(() => buyer.holding);
    expect(bought, 'held until the guardian approves').to.equal(0);
    await expectAccessible(gate);
    // The child guesses: a wrong PIN approves nothing.
    await buyer.approve('000000');
    await waitFor(() => buyer.message() !== '');
    expect(bought, 'a wrong PIN buys nothing').to.equal(0);
    await buyer.buy('#buy');
    const approved = oneEvent(gate, 'aq-minor-mode-purchase-approved');
    await buyer.approve(PIN);
    expect((await approved).detail.amount).to.equal(3000);
    expect(bought).to.equal(1);
    expect(await s.mode.controller!.payment.spentThisMonth()).to.equal(3000);
    await s.mode.exit(PIN);
    s.host.querySelector<HTMLButtonElement>('#big')!.click();
    expect(bought, 'mode off: the gate passes').to.equal(2);
  });

  it('[GBT45654-minors-guardian] guardian settings: set the PIN, open with it, save a lower quota and curfew (keyboard)', async () => {
    const s = await setup('<aq-guardian-settings></aq-guardian-settings>');
    const panel = s.host.querySelector('aq-guardian-settings') as AqGuardianSettings;
    // The guardian sets the PIN up before the mode is on (while it is on, nobody can create one).
    await waitFor(() => panel.shadowRoot!.querySelector('input[name="confirm"]'));
    await expectAccessible(panel);
    panel.shadowRoot!.querySelector<HTMLInputElement>('input[name="pin"]')!.focus();
    await sendKeys({ type: PIN });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: PIN });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => panel.shadowRoot!.querySelector('input[name="quota"]'));
    await s.mode.enter('12-15');
    await panel.updateComplete;
    await expectAccessible(panel);
    const settings = new GuardianSettingsHarness(panel);
    await settings.set('quota', '40');
    await settings.set('curfewStart', '21:00');
    await settings.set('windows', '16:00-17:00');
    const saved = oneEvent(panel, 'aq-minor-mode-settings-changed');
    await settings.save();
    const detail = (await saved).detail;
    expect(detail.settings).to.deep.include({
      dailyQuotaMinutes: 40,
      curfew: { start: '21:00', end: '06:00' },
      allowedWindows: [{ start: '16:00', end: '17:00' }],
    });
    expect(s.mode.controller!.rules().dailyQuotaMinutes).to.equal(40);
    const records = await s.mode.controller!.ledger!.records();
    expect(records.map((r) => r.type)).to.include('settings-changed');
    await expectNoPlainPin(s.db);
  });

  it('[PIPL-31-under14] the age gate asks a guardian for a separate consent under 14 and records it in the ledger', async () => {
    const s = await setup('');
    // The guardian PIN exists before the flow begins (set up when the guardian configured the device).
    await s.mode.setGuardianPin(PIN);
    s.host.insertAdjacentHTML('beforeend', '<aq-age-gate for-minors="minors-mode" policy-url="/children-rules"></aq-age-gate>');
    const gate = s.host.querySelector('aq-age-gate') as AqAgeGate;
    await gate.updateComplete;
    await expectAccessible(gate);
    const steps = new AgeGateHarness(gate);
    await steps.enterAge(10);
    await steps.submit();
    await waitFor(() => gate.state === 'consent' && gate.shadowRoot!.querySelector('input[name="consent"]'));
    await gate.updateComplete;
    await expectAccessible(gate);
    await steps.giveGuardianConsent(PIN, false);
    await waitFor(() => steps.message);
    expect(gate.state, 'no consent without the box ticked').to.equal('consent');
    const passed = oneEvent(gate, 'aq-age-gate-passed');
    await steps.giveGuardianConsent(PIN);
    expect((await passed).detail).to.deep.equal({ age: 10, band: '8-11', outcome: 'minors-mode', guardianConsent: true });
    const consent = (await s.mode.controller!.ledger!.records()).find((r) => r.type === 'guardian-consent')!;
    expect(consent.data).to.deep.include({ age: 10, band: '8-11', separate: true, policyUrl: '/children-rules', channel: 'pin' });
    expect(s.mode.state).to.deep.include({ enabled: true, band: '8-11', source: 'age-gate' });
    await expectNoPlainPin(s.db);
  });

  it('[PIPL-31-under14] the consent age is 14: at 13 the guardian consents first, at 14 the child enters the minors mode alone', async () => {
    const s = await setup('');
    await s.mode.setGuardianPin(PIN);
    s.host.insertAdjacentHTML(
      'beforeend',
      '<aq-age-gate for-minors="minors-mode" name="thirteen" policy-url="/children-rules"></aq-age-gate><aq-age-gate for-minors="minors-mode" name="fourteen" policy-url="/children-rules"></aq-age-gate>',
    );
    const [thirteen, fourteen] = [...s.host.querySelectorAll('aq-age-gate')] as AqAgeGate[];
    await thirteen!.updateComplete;
    const at13 = new AgeGateHarness(thirteen!);
    await at13.enterAge(13);
    await at13.submit();
    await waitFor(() => thirteen!.state === 'consent');
    expect(s.mode.enabled, 'nothing before the guardian consents').to.equal(false);
    await fourteen!.updateComplete;
    const at14 = new AgeGateHarness(fourteen!);
    const passed = oneEvent(fourteen!, 'aq-age-gate-passed');
    await at14.enterAge(14);
    await at14.submit();
    expect((await passed).detail).to.deep.include({ age: 14, band: '12-15', outcome: 'minors-mode', guardianConsent: false });
  });

  it('[PIPL-31-under14] a PIN the child could create in the flow never counts: without a prior credential only the host channel consents', async () => {
    const s = await setup('<aq-age-gate for-minors="minors-mode" policy-url="/children-rules"></aq-age-gate>');
    const gate = s.host.querySelector('aq-age-gate') as AqAgeGate;
    const child = new AgeGateHarness(gate);
    await gate.updateComplete;
    await child.enterAge(10);
    await child.submit();
    // No form to tick and no PIN to invent (mutation caught: the old "set a PIN here" consent form).
    await waitFor(() => gate.state === 'consent' && gate.shadowRoot!.textContent!.includes("service's guardian channel"));
    expect(gate.shadowRoot!.querySelector('input')).to.equal(null);
    await expectAccessible(gate);
    expect(s.mode.enabled).to.equal(false);
    expect((await s.mode.controller!.ledger!.records()).filter((r) => r.type === 'guardian-consent')).to.have.length(0);
    expect(await s.mode.controller!.pin.hasPin()).to.equal(false);

    // With the host's verifier (a code sent to the guardian), the same flow consents through it.
    setGuardianVerifier(async ({ purpose, pin }) => purpose === 'consent' && pin === '7788');
    try {
      const s2 = await setup('<aq-age-gate for-minors="minors-mode" name="host" policy-url="/children-rules"></aq-age-gate>');
      const gate2 = s2.host.querySelector('aq-age-gate') as AqAgeGate;
      const steps = new AgeGateHarness(gate2);
      await gate2.updateComplete;
      await steps.enterAge(9);
      await steps.submit();
      await steps.giveGuardianConsent('0000');
      await waitFor(() => steps.message);
      expect(gate2.state, 'a wrong code consents nothing').to.equal('consent');
      const recorded = oneEvent(gate2, 'aq-guardian-consent-recorded');
      await steps.giveGuardianConsent('7788');
      expect((await recorded).detail).to.deep.include({ age: 9, channel: 'host' });
      const consent = (await s2.mode.controller!.ledger!.records()).find((r) => r.type === 'guardian-consent')!;
      expect(consent.data).to.deep.include({ channel: 'host', separate: true });
    } finally {
      setGuardianVerifier(null);
    }
  });

  it('[PIPL-31-under14] without policy-url the consent step does not run: no form, a visible reason, one console error', async () => {
    // Mutation caught: a consent form shown without the children's personal-information rules.
    const s = await setup('');
    await s.mode.setGuardianPin(PIN);
    s.host.insertAdjacentHTML('beforeend', '<aq-age-gate for-minors="minors-mode" name="nopolicy"></aq-age-gate>');
    const gate = s.host.querySelector('aq-age-gate') as AqAgeGate;
    await gate.updateComplete;
    const child = new AgeGateHarness(gate);
    await child.enterAge(10);
    const errors = await captureErrors(() => child.submit());
    await waitFor(() => gate.shadowRoot!.textContent!.includes("rules for children's personal information"));
    expect(gate.shadowRoot!.querySelector('input')).to.equal(null);
    expect(errors.filter((e) => e.includes('policy-url'))).to.have.length(1);
    expect(s.mode.enabled).to.equal(false);
  });

  it('[GBT45654-not-for-minors] the age gate remembers: blocked at 12, a new page load on the same device typing 18 is still blocked; only the guardian resets it', async () => {
    const storage = new AnquanStorage(unique('aq-age-remember'));
    const mount = async () => {
      const wrap = await fixture<HTMLElement>(html`<div lang="en"><aq-age-gate .storage=${storage}></aq-age-gate></div>`);
      const gate = wrap.querySelector('aq-age-gate') as AqAgeGate & { restored: Promise<void>; reset(pin?: string): Promise<boolean> };
      await gate.restored;
      await gate.updateComplete;
      return gate;
    };
    const first = await mount();
    const child = new AgeGateHarness(first);
    await child.enterAge(12);
    const blocked = oneEvent(first, 'aq-age-gate-blocked');
    await child.submit();
    await blocked;
    first.remove();
    // The outcome is kept without the age (under 14: not even the band).
    const kept = await storage.get<Record<string, unknown>>('kv', 'age-gate:outcome:default');
    expect(kept).to.deep.include({ outcome: 'blocked', band: null });
    // Only these three keys: no age, no birth year (the timestamp alone may contain the digits "12").
    expect(Object.keys(kept!).sort()).to.deep.equal(['at', 'band', 'outcome']);
    expect(kept!.at).to.be.a('number');
    // The child reloads and tries again as an adult. (Mutation caught: an outcome kept in memory only.)
    const again = await mount();
    expect(again.state).to.equal('blocked');
    expect(again.shadowRoot!.querySelector('input[name="age"]'), 'no age form to retype').to.equal(null);
    expect(await again.reset('1234'), 'no guardian verification: no reset').to.equal(false);
    expect(again.state).to.equal('blocked');
    // The host's guardian path clears it; the gate asks again.
    setGuardianVerifier(async ({ purpose }) => purpose === 'reset');
    try {
      const reset = oneEvent(again, 'aq-age-gate-cleared');
      expect(await again.reset()).to.equal(true);
      expect((await reset).detail).to.deep.equal({ via: 'host' });
    } finally {
      setGuardianVerifier(null);
    }
    await again.updateComplete;
    expect(again.shadowRoot!.querySelector('input[name="age"]')).not.to.equal(null);
  });

  it('[GBT45654-not-for-minors] the child types 12, reloads the real page and types 18: still blocked; the age is not stored', async () => {
    // Mutation caught: an outcome kept in memory only (the reload reopens the gate), or one that stores the age.
    const name = unique('gate');
    const { id } = (await page({ action: 'open', url: `/test/minor-mode/age-gate-page.html?name=${name}` })) as { id: string };
    try {
      const ev = async (expression: string) => ((await page({ action: 'evaluate', id, expression })) as { value: unknown }).value;
      await ev('window.aqReady');
      expect(await ev(`window.aq.type('12')`)).to.equal('blocked');
      const stored = JSON.parse(String(await ev('window.aq.stored()')));
      expect(stored).to.deep.include({ outcome: 'blocked', band: null });
      expect(Object.keys(stored).sort()).to.deep.equal(['at', 'band', 'outcome']);
      await page({ action: 'reload', id });
      await ev('window.aqReady');
      expect(await ev('window.aq.state()'), 'blocked after the reload').to.equal('blocked');
      expect(await ev(`window.aq.type('18')`), 'typing 18 after the reload').to.equal('blocked');
    } finally {
      await page({ action: 'close', id });
    }
  });

  it('[GBT45654-not-for-minors] a service not for minors blocks them; adults pass (zh-CN)', async () => {
    const s = await setup('<aq-age-gate></aq-age-gate><aq-age-gate id="adult"></aq-age-gate>', '', 'zh-CN');
    const [gate, adult] = Array.from(s.host.querySelectorAll('aq-age-gate')) as AqAgeGate[];
    await gate.updateComplete;
    expect(gate.shadowRoot!.textContent).to.contain('请输入你的年龄');
    const child = new AgeGateHarness(gate);
    await child.enterAge(15);
    const blocked = oneEvent(gate, 'aq-age-gate-blocked');
    await child.submit();
    expect((await blocked).detail.outcome).to.equal('blocked');
    await gate.updateComplete;
    expect(gate.shadowRoot!.textContent).to.contain('本服务不面向未成年人');
    const grownUp = new AgeGateHarness(adult);
    await grownUp.enterAge(30);
    const passed = oneEvent(adult, 'aq-age-gate-passed');
    await grownUp.submit();
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
