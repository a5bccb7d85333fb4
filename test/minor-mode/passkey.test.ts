// Guardian passkeys in Chromium: Chromium's virtual authenticator (CDP WebAuthn domain, ctap2,
// internal transport, user verification) answers navigator.credentials, and a test intake with
// guardian passkeys (test/harness/test-intakes.mjs, `passkey-` namespaces) verifies what it signs.
// Played as the child: registering a passkey without the host's verification, a passkey made only in
// the browser, and a passkey of another subject answering this subject's challenge.
import { AnquanStorage, getConfig, SafetyContext } from '@anquan/core';
import type { AuditFacts } from '@anquan/core/audit';
import type { AqAgeGate, AqGuardianSettings, AqMinorMode, AqMinorModeToggle } from '@anquan/minor-mode';
import { setGuardianVerifier } from '@anquan/minor-mode';
import { minorModeAuditRules } from '@anquan/minor-mode/audit';
import '@anquan/minor-mode/register';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { AgeGateHarness, GuardianSettingsHarness, until } from '../harness/index.js';
import { fakeTime, unique } from './helpers.js';

interface Setup {
  host: HTMLElement;
  mode: AqMinorMode;
  endpoint: string | null;
  subject: string;
}

const webauthn = <T = Record<string, unknown>>(payload: Record<string, unknown>) => executeServerCommand<T>('aq-webauthn', payload);
let authenticatorId = '';

before(async () => {
  ({ authenticatorId } = await webauthn<{ authenticatorId: string }>({ action: 'add' }));
});
after(async () => {
  if (authenticatorId) await webauthn({ action: 'remove', authenticatorId });
});
const credentialCount = async () =>
  (await webauthn<{ credentials: unknown[] }>({ action: 'credentials', authenticatorId })).credentials.length;

async function setup(
  inner: string,
  { endpoint = `/aq-test-intake/${unique('passkey-')}`, subject = unique('child-') }: { endpoint?: string | null; subject?: string } = {},
): Promise<Setup> {
  const storage = new AnquanStorage(unique('aq-mm-pk'));
  const context = new SafetyContext(() => storage);
  const host = await fixture<HTMLElement>(html`<div lang="en"></div>`);
  const mode = document.createElement('aq-minor-mode') as AqMinorMode;
  mode.setAttribute('time-zone', 'Asia/Shanghai');
  mode.options = { storage, outbox: null, context, time: fakeTime(), tickMs: 0, pinIterations: 100_000, passkey: { endpoint, subject } };
  host.append(mode);
  host.insertAdjacentHTML('beforeend', inner);
  await mode.loaded;
  await mode.updateComplete;
  return { host, mode, endpoint, subject };
}

/** The host's server after it verified the guardian (e.g. an SMS code): a one-time guardian token. */
async function hostToken(s: Setup): Promise<string> {
  const res = await fetch(`${s.endpoint}/__guardian-token`, { method: 'POST', body: JSON.stringify({ subject: s.subject }) });
  return ((await res.json()) as { token: string }).token;
}

const b64u = (b: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(b)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64u = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

describe('guardian passkeys (Chromium virtual authenticator, intake verification)', () => {
  it("[CAC-MINOR-entry-exit] the child registering a passkey without the host's verification is refused, and a passkey made only in the browser does not leave minors mode", async () => {
    const s = await setup('<aq-guardian-settings></aq-guardian-settings><aq-minor-mode-toggle></aq-minor-mode-toggle>');
    await s.mode.applyExternalSignal({ enabled: true, band: '8-11', source: 'os' });
    const c = s.mode.controller!;
    const panel = s.host.querySelector('aq-guardian-settings') as AqGuardianSettings;
    const steps = new GuardianSettingsHarness(panel);
    // The panel offers "register passkey" (an intake is configured); the child clicks it.
    const before = await credentialCount();
    await steps.click(await steps.waitFor('button[data-passkey="register"]'));
    await until(() => steps.text().includes('needs the service to verify the guardian first'), 15_000, 'refusal shown');
    expect(await credentialCount(), 'no credential was even created').to.equal(before);
    expect(await c.passkey.registered()).to.equal(null);

    // The child makes a passkey in the browser alone (own challenge, no intake) and writes the
    // device's record of it, as a page script could.
    const cred = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'child', id: location.hostname },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'child', displayName: 'child' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { userVerification: 'required', residentKey: 'preferred' },
      },
    })) as PublicKeyCredential;
    await c.storage.put(
      'kv',
      { v: 1, credentialId: cred.id, subject: s.subject, endpoint: s.endpoint, registeredAt: Date.now(), level: 'guardian' },
      `minor-mode:passkey:${c.name}`,
    );
    // The toggle now offers the passkey; the child uses it. The intake knows no guardian passkey of
    // this subject, so nothing verifies (mutation caught: exitWithPasskey trusting the local record,
    // or the intake's registration gate opened).
    const toggle = s.host.querySelector('aq-minor-mode-toggle') as AqMinorModeToggle;
    const t = new GuardianSettingsHarness(toggle);
    await t.click('[part~="button"]');
    await t.click(await t.waitFor('button[data-passkey]'));
    await until(() => t.text().includes('not verified by the service'), 15_000, 'failure shown');
    expect(s.mode.enabled).to.equal(true);
    expect((await c.exitWithPasskey()).ok).to.equal(false);
    expect(await c.verifyGuardianForSetup('passkey')).to.equal(false);
    expect(s.mode.enabled).to.equal(true);
    expect((await c.ledger!.records()).filter((r) => r.type === 'exited')).to.have.length(0);
  });

  it('[CAC-MINOR-entry-exit][GBT45654-minors-guardian] a passkey registered after the host verified the guardian leaves minors mode through the intake; the ledger names channel passkey with the verdict', async () => {
    const s = await setup('<aq-guardian-settings></aq-guardian-settings><aq-minor-mode-toggle></aq-minor-mode-toggle>');
    await s.mode.applyExternalSignal({ enabled: true, band: '8-11', source: 'os' });
    const c = s.mode.controller!;
    const panel = s.host.querySelector('aq-guardian-settings') as AqGuardianSettings;
    panel.guardianToken = () => hostToken(s);
    const steps = new GuardianSettingsHarness(panel);
    await steps.click(await steps.waitFor('button[data-passkey="register"]'));
    await until(() => steps.text().includes("guardian's passkey is registered"), 10_000, 'registered');
    expect(await c.passkey.registered()).to.include({ subject: s.subject, level: 'guardian' });
    expect((await c.ledger!.records()).find((r) => r.type === 'guardian-passkey-registered')).to.exist;

    const toggle = s.host.querySelector('aq-minor-mode-toggle') as AqMinorModeToggle;
    const t = new GuardianSettingsHarness(toggle);
    await t.click('[part~="button"]');
    const changed = oneEvent(s.mode, 'aq-minor-mode-changed');
    await t.click(await t.waitFor('button[data-passkey]'));
    expect((await changed).detail).to.include({ enabled: false });
    await until(async () => (await c.ledger!.records()).some((r) => r.type === 'exited'), 15_000, 'exit recorded');
    const exited = (await c.ledger!.records()).find((r) => r.type === 'exited')!;
    expect(exited.data).to.include({ channel: 'passkey', source: 'guardian' });
    const verdict = String(exited.data.verdict);
    const body = JSON.parse(atob(verdict.split('.')[0].replace(/-/g, '+').replace(/_/g, '/')));
    expect(body).to.include({ type: 'guardian-verdict', subject: s.subject, purpose: 'exit', channel: 'passkey' });
  });

  it("[CAC-MINOR-entry-exit] a passkey assertion for another subject fails: the child answers this subject's challenge with the passkey of their own account", async () => {
    const endpoint = `/aq-test-intake/${unique('passkey-')}`;
    const guarded = await setup('', { endpoint });
    expect((await guarded.mode.controller!.registerPasskey(await hostToken(guarded))).ok).to.equal(true);
    // The child's own account (the host verified its holder: the child) with its own passkey.
    const own = await setup('', { endpoint });
    const ownReg = await own.mode.controller!.registerPasskey(await hostToken(own));
    expect(ownReg.ok).to.equal(true);
    await guarded.mode.applyExternalSignal({ enabled: true, band: '12-15', source: 'os' });
    // Ask for the guarded subject's challenge, sign it with the child's credential, send it as the guarded subject.
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${endpoint}/v1/passkeys/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { options: { challenge: string; rpId: string }; error?: string } };
    };
    const opts = await post('authentication/options', { subject: guarded.subject, purpose: 'exit' });
    expect(opts.status).to.equal(200);
    const cred = (await navigator.credentials.get({
      publicKey: {
        challenge: fromB64u(opts.body.options.challenge),
        rpId: opts.body.options.rpId,
        allowCredentials: [{ type: 'public-key', id: fromB64u(ownReg.credentialId!) }],
        userVerification: 'required',
      },
    })) as PublicKeyCredential;
    const r = cred.response as AuthenticatorAssertionResponse;
    const verify = await post('authentication/verify', {
      subject: guarded.subject,
      response: {
        id: cred.id,
        rawId: b64u(cred.rawId),
        type: 'public-key',
        response: {
          clientDataJSON: b64u(r.clientDataJSON),
          authenticatorData: b64u(r.authenticatorData),
          signature: b64u(r.signature),
        },
        clientExtensionResults: {},
      },
    });
    expect(verify.status).to.equal(403);
    expect(verify.body.error).to.equal('wrong_credential');
    expect(guarded.mode.enabled).to.equal(true);
    // The guardian's own passkey does leave.
    expect((await guarded.mode.controller!.exitWithPasskey()).ok).to.equal(true);
    expect(guarded.mode.enabled).to.equal(false);
  });

  it('[PIPL-31-under14] under-14 consent through a guardian passkey registered before the flow: no PIN asked, the ledger names channel passkey', async () => {
    const s = await setup('');
    expect((await s.mode.controller!.registerPasskey(await hostToken(s))).ok).to.equal(true);
    s.host.insertAdjacentHTML('beforeend', '<aq-age-gate for-minors="minors-mode" policy-url="/children-rules"></aq-age-gate>');
    const gate = s.host.querySelector('aq-age-gate') as AqAgeGate;
    await gate.updateComplete;
    const steps = new AgeGateHarness(gate);
    await steps.enterAge(10);
    await steps.submit();
    await until(() => gate.state === 'consent' && !!gate.shadowRoot!.querySelector('input[name="consent"]'), 15_000, 'consent step');
    await gate.updateComplete;
    expect(gate.shadowRoot!.querySelector('input[name="pin"]'), 'no PIN field').to.equal(null);
    const recorded = oneEvent(gate, 'aq-guardian-consent-recorded');
    await steps.check('input[name="consent"]');
    await steps.submit();
    const detail = (await recorded).detail;
    expect(detail).to.include({ age: 10, channel: 'passkey' });
    expect(detail.verdict).to.be.a('string');
    const consent = (await s.mode.controller!.ledger!.records()).find((r) => r.type === 'guardian-consent')!;
    expect(consent.data).to.include({ channel: 'passkey', separate: true });
    await until(() => s.mode.enabled, 15_000, 'minors mode on');
  });

  it("[GBT45654-not-for-minors] the age gate's remembered block is reset only by the guardian's host-verified passkey, not by a passkey the child registered alone", async () => {
    const s = await setup('<aq-age-gate></aq-age-gate>');
    const c = s.mode.controller!;
    const gate = s.host.querySelector('aq-age-gate') as AqAgeGate & {
      restored: Promise<void>;
      reset(credential?: string | { passkey: true }): Promise<boolean>;
    };
    await gate.restored;
    await gate.updateComplete;
    const steps = new AgeGateHarness(gate);
    await steps.enterAge(12);
    const blocked = oneEvent(gate, 'aq-age-gate-blocked');
    await steps.submit();
    await blocked;
    expect(gate.state).to.equal('blocked');
    // The child: registering without the host's verification is refused by the intake; a passkey made
    // in the browser alone, with the device's record of it written as a page script could, is unknown
    // to the intake. (Mutation caught: reset trusting the local passkey record, or no intake check.)
    expect((await c.registerPasskey()).ok).to.equal(false);
    const cred = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'child', id: location.hostname },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'child', displayName: 'child' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { userVerification: 'required', residentKey: 'preferred' },
      },
    })) as PublicKeyCredential;
    await c.storage.put(
      'kv',
      { v: 1, credentialId: cred.id, subject: s.subject, endpoint: s.endpoint, registeredAt: Date.now(), level: 'guardian' },
      `minor-mode:passkey:${c.name}`,
    );
    expect(await gate.reset({ passkey: true }), "the child's passkey does not reset").to.equal(false);
    expect(await gate.reset('1234'), 'nor a guessed PIN').to.equal(false);
    expect(gate.state).to.equal('blocked');
    // The guardian, after the host verified them: the passkey resets the gate, via passkey, with a verdict for purpose reset.
    expect((await c.registerPasskey(await hostToken(s))).ok).to.equal(true);
    const cleared = oneEvent(gate, 'aq-age-gate-cleared');
    expect(await gate.reset({ passkey: true })).to.equal(true);
    const detail = (await cleared).detail;
    expect(detail.via).to.equal('passkey');
    const body = JSON.parse(atob(String(detail.verdict).split('.')[0].replace(/-/g, '+').replace(/_/g, '/')));
    expect(body).to.include({ type: 'guardian-verdict', subject: s.subject, purpose: 'reset', channel: 'passkey' });
    await gate.updateComplete;
    expect(gate.state).to.equal('ask');
    expect(gate.shadowRoot!.querySelector('input[name="age"]')).not.to.equal(null);
  });

  it('[CAC-MINOR-entry-exit] with only a guardian passkey, a PIN typed to leave is told to use the passkey (not that nothing is set up), and does not leave', async () => {
    const s = await setup('<aq-minor-mode-toggle></aq-minor-mode-toggle>');
    expect((await s.mode.controller!.registerPasskey(await hostToken(s))).ok).to.equal(true);
    await s.mode.applyExternalSignal({ enabled: true, band: '8-11', source: 'os' });
    const toggle = s.host.querySelector('aq-minor-mode-toggle') as AqMinorModeToggle;
    const t = new GuardianSettingsHarness(toggle);
    await t.click('[part~="button"]');
    await t.enterPin('1234');
    await t.submit();
    await until(() => t.text().includes('the guardian verifies with the passkey'), 15_000, 'passkey hint shown');
    expect(t.text()).not.to.include('no guardian verification is set up');
    expect(toggle.shadowRoot!.querySelector('button[data-passkey]'), 'the passkey button is offered').not.to.equal(null);
    expect(s.mode.enabled).to.equal(true);
  });

  it('[CAC-MINOR-entry-exit] audit() reports guardian-level vs device-level and names the guardian channels', async () => {
    const evidence = (mode: AqMinorMode) => {
      const facts = {
        config: getConfig(),
        profile: 'cn',
        tags: new Map([['aq-minor-mode', [mode]]]),
        context: { minorMode: { enabled: false, band: null } },
        ledgers: new Map(),
        adultOnly: 0,
      } as unknown as AuditFacts;
      return minorModeAuditRules['CAC-MINOR-entry-exit'](facts).evidence.join('\n');
    };
    const withIntake = await setup('');
    const a = evidence(withIntake.mode);
    expect(a).to.contain('guardian-level channel configured');
    expect(a).to.contain(
      `guardian channel passkey: guardian-level (registered only after the host verified the guardian, each assertion verified by the intake at ${withIntake.endpoint})`,
    );
    expect(a).to.contain('guardian channel PIN: device-level');
    // No intake endpoint: the passkey is not offered, and the PIN alone is device-level.
    const noIntake = await setup('', { endpoint: null });
    const b = evidence(noIntake.mode);
    expect(b).to.contain('device-level only');
    expect(b).to.contain('passkey: not offered (no intake endpoint; a passkey checked only in the browser would be device-level)');
    setGuardianVerifier(async () => false);
    try {
      const c = evidence(noIntake.mode);
      expect(c).to.contain('guardian-level channel configured');
      expect(c).to.contain('host verifier (setGuardianVerifier): guardian-level');
    } finally {
      setGuardianVerifier(null);
    }
  });
});
