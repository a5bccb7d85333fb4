import { configure, getConfig, resetConfig } from '@anquan/core';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../packages/consent/src/register.js';
import { consentAuditRules } from '@anquan/consent/audit';
import type { AuditFacts } from '@anquan/core/audit';
import type { AqTrainingOptout, AqTrainingStatus, ConsentStore } from '../../packages/consent/src/index.js';
import { expectAccessible, expectCspClean, TrainingOptOutHarness } from '../harness/index.js';
import { captureErrors, freshStore, realClick, until } from './helpers.js';

const sw = (el: AqTrainingOptout) => new TrainingOptOutHarness(el).switch;
const statusText = (el: AqTrainingStatus) => el.shadowRoot!.querySelector('[part="state"]')!.textContent!.trim();

/**
 * A small app shell: a main screen with a settings button and the training status; a settings
 * screen with tabs; the privacy tab holds the opt-out switch. Navigation is the host's own code.
 */
async function appShell(store: ConsentStore) {
  const root = await fixture<HTMLElement>(html`
    <div lang="en">
      <main id="main-screen">
        <h1>Chat</h1>
        <aq-training-status for="optout" .store=${store}></aq-training-status>
        <button id="open-settings" type="button" aria-controls="settings">Settings</button>
      </main>
      <section id="settings" hidden aria-label="Settings">
        <div role="tablist">
          <button role="tab" id="tab-general" type="button" aria-selected="true" aria-controls="panel-general">General</button>
          <button role="tab" id="tab-privacy" type="button" aria-selected="false" aria-controls="panel-privacy">Privacy</button>
        </div>
        <div id="panel-general" role="tabpanel" aria-labelledby="tab-general"><p>Theme</p></div>
        <div id="panel-privacy" role="tabpanel" aria-labelledby="tab-privacy" hidden>
          <aq-training-optout id="optout" .store=${store}></aq-training-optout>
        </div>
      </section>
    </div>
  `);
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const showMain = () => {
    $('#main-screen').hidden = false;
    $('#settings').hidden = true;
    $('#panel-general').hidden = false;
    $('#panel-privacy').hidden = true;
  };
  const openSettings = () => {
    $('#main-screen').hidden = true;
    $('#settings').hidden = false;
  };
  const openPrivacy = () => {
    $('#panel-general').hidden = true;
    $('#panel-privacy').hidden = false;
    $('#tab-privacy').setAttribute('aria-selected', 'true');
    $('#tab-general').setAttribute('aria-selected', 'false');
  };
  $('#open-settings').addEventListener('click', openSettings);
  $('#tab-privacy').addEventListener('click', openPrivacy);
  // The status's action: the host navigates to the privacy tab; the element then focuses the switch.
  root.addEventListener('aq-request-settings', () => {
    openSettings();
    openPrivacy();
  });
  let clicks = 0;
  const count = (e: Event) => {
    if (e.isTrusted) clicks++;
  };
  document.addEventListener('click', count, true);
  const optout = $<AqTrainingOptout>('aq-training-optout');
  const status = $<AqTrainingStatus>('aq-training-status');
  await optout.ready;
  await status.ready;
  return {
    root,
    showMain,
    optout,
    status,
    /** From the main screen, the way a user finds it: Settings → Privacy → the switch. Returns the clicks used. */
    async walkToSwitch(): Promise<number> {
      showMain();
      clicks = 0;
      const before = optout.checked;
      await realClick($('#open-settings'));
      await realClick($('#tab-privacy'));
      await realClick(sw(optout));
      await until(() => store.isGranted('training') === !before && optout.checked === !before, 3000, 'the switch to change state');
      return clicks;
    },
    /** From the main screen through the status indicator's action. */
    async walkViaStatus(): Promise<number> {
      showMain();
      clicks = 0;
      const before = optout.checked;
      await status.updateComplete;
      await realClick(status.shadowRoot!.querySelector('[part="action"]')!);
      await until(() => optout.matches(':focus-within'), 3000, 'the switch to receive focus');
      await realClick(sw(optout));
      await until(() => store.isGranted('training') === !before, 3000, 'the switch to change state');
      return clicks;
    },
    dispose: () => document.removeEventListener('click', count, true),
  };
}

describe('<aq-training-optout> and <aq-training-status>', () => {
  afterEach(() => resetConfig());

  it('[GBT45654-training-optout] [PIPL-15-withdraw] the switch is within trainingOptOutMaxClicks of the main screen, and withdrawing takes no more clicks than granting', async () => {
    const { store } = freshStore();
    const shell = await appShell(store);
    try {
      const max = getConfig().thresholds.trainingOptOutMaxClicks;
      expect(max).to.equal(4);
      const grantClicks = await shell.walkToSwitch();
      expect(store.isGranted('training')).to.be.true;
      const withdrawClicks = await shell.walkToSwitch();
      expect(store.isGranted('training')).to.be.false;
      expect(grantClicks).to.be.at.most(max);
      expect(withdrawClicks).to.be.at.most(max);
      expect(withdrawClicks).to.be.at.most(grantClicks);
      // audit() measures the same depth from the main screen by walking the page's DOM, without clicking.
      shell.showMain();
      const audited = consentAuditRules['GBT45654-training-optout']!({
        config: getConfig(),
        tags: new Map([['aq-training-optout', [shell.optout]]]),
        ledgers: new Map(),
      } as unknown as AuditFacts);
      expect(audited.status).to.equal('measured');
      expect(audited.how).to.contain(`Settings → Privacy → the switch: ${grantClicks} clicks (at most ${max})`);
      // The status shortcut: two clicks from the main screen.
      const viaStatus = await shell.walkViaStatus();
      expect(viaStatus).to.equal(2);
      expect(store.isGranted('training')).to.be.true;
      const back = await shell.walkViaStatus();
      expect(back).to.be.at.most(viaStatus);
      const records = await store.ledger.records();
      expect(records.map((r) => r.type)).to.deep.equal(['grant', 'withdraw', 'grant', 'withdraw']);
      expect(records.every((r) => (r.data as { method: string }).method === 'switch')).to.be.true;
    } finally {
      shell.dispose();
    }
  });

  it('[GBT45654-training-status] the status shows whether inputs are collected and how to switch it off, and follows the switch', async () => {
    const { store } = freshStore();
    const shell = await appShell(store);
    shell.dispose();
    const { status, optout } = shell;
    expect(statusText(status)).to.equal('Input collection: off');
    expect(sw(optout).getAttribute('aria-checked')).to.equal('false');
    await optout.setChecked(true);
    await until(() => statusText(status) === 'Input collection: on', 3000, 'the status to follow');
    expect(status.shadowRoot!.querySelector('[part="how"]')!.textContent).to.contain('turn this off');
    expect(status.shadowRoot!.querySelector('[part="action"]')!.textContent!.trim()).to.equal('Turn off collection');
    shell.root.setAttribute('lang', 'zh-CN');
    await until(() => statusText(status) === '输入收集：开启', 3000, 'zh-CN text');
    expect(optout.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('使用我的输入改进模型');
    expect(optout.shadowRoot!.querySelector('[part="how"]')!.textContent).to.contain('一次点击');
    await expectAccessible(shell.root);
  });

  it('default-state="on" shows collection on until the user withdraws; both elements agree', async () => {
    const { store } = freshStore();
    const el = await fixture<HTMLElement>(html`<div lang="en">
      <aq-training-status default-state="on" for="o" .store=${store}></aq-training-status>
      <aq-training-optout id="o" default-state="on" .store=${store}></aq-training-optout>
    </div>`);
    const status = el.querySelector('aq-training-status')!;
    const optout = el.querySelector('aq-training-optout')!;
    await optout.ready;
    await status.ready;
    expect(statusText(status)).to.equal('Input collection: on');
    expect(sw(optout).getAttribute('aria-checked')).to.equal('true');
    await realClick(sw(optout));
    await until(() => statusText(status) === 'Input collection: off', 3000, 'withdrawal in one click');
    expect((await store.ledger.records()).map((r) => r.type)).to.deep.equal(['withdraw']);
  });

  it('works by keyboard alone: Tab to the switch, Space and Enter toggle it; the status action moves focus to it', async () => {
    const { store } = freshStore();
    const root = await fixture<HTMLElement>(html`<div lang="en">
      <button id="before">Before</button>
      <aq-training-status for="ko" .store=${store}></aq-training-status>
      <aq-training-optout id="ko" .store=${store}></aq-training-optout>
    </div>`);
    const status = root.querySelector('aq-training-status')!;
    const optout = root.querySelector('aq-training-optout')!;
    await optout.ready;
    await status.ready;
    root.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(status.shadowRoot!.activeElement?.getAttribute('part')).to.equal('action');
    await sendKeys({ press: 'Enter' });
    await until(() => optout.shadowRoot!.activeElement === sw(optout), 3000, 'focus on the switch');
    await sendKeys({ press: 'Space' });
    await until(() => store.isGranted('training'), 3000, 'Space to grant');
    await sendKeys({ press: 'Enter' });
    await until(() => store.state('training')?.granted === false, 3000, 'Enter to withdraw');
    await expectAccessible(root);
  });

  it('a bad default attribute logs one error naming element, attribute and allowed values, and falls back to off', async () => {
    const { store } = freshStore();
    const errors = await captureErrors(async () => {
      const el = await fixture<AqTrainingOptout>(html`<aq-training-optout default-state="maybe" .store=${store}></aq-training-optout>`);
      await el.ready;
      expect(el.checked).to.be.false;
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-training-optout>').and.to.contain('default-state="maybe"').and.to.contain('off, on');
  });

  it('a status whose "for" names no element logs one error and keeps the focus', async () => {
    const { store } = freshStore();
    const el = await fixture<AqTrainingStatus>(html`<aq-training-status for="nowhere" .store=${store}></aq-training-status>`);
    await el.ready;
    const errors = await captureErrors(() => el.reveal());
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-training-status>').and.to.contain('for="nowhere"');
  });

  it('renders under the eu profile in en by default', async () => {
    configure({ profile: 'eu' });
    document.documentElement.removeAttribute('lang');
    const { store } = freshStore();
    const el = await fixture<AqTrainingOptout>(html`<aq-training-optout .store=${store}></aq-training-optout>`);
    await el.ready;
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Use my inputs to improve the model');
    await el.setChecked(true);
    expect(store.state('training')!.profile).to.equal('eu');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    const r = await expectCspClean({
      modules: ['/packages/consent/src/register.ts'],
      html: '<div lang="en"><aq-training-status for="x"></aq-training-status><aq-training-optout id="x" data-click="[role=switch]"></aq-training-optout></div>',
      script: '/test/consent/csp-drive.ts',
    });
    // The shared store may already hold a decision from another test: the click must flip it either way.
    const [before, after] = r.text.split('AFTER');
    expect(before).to.contain('Use my inputs to improve the model');
    const state = (s: string) => /Input collection: (on|off)/.exec(s)?.[1];
    expect(state(before)).to.be.oneOf(['on', 'off']);
    expect(state(after)).to.equal(state(before) === 'on' ? 'off' : 'on');
  });
});
