import { AnquanElement } from '@anquan/core/element';
import { Ledger } from '@anquan/core/ledger';
import { getOutbox } from '@anquan/core/outbox';
import type { AgeBand } from '@anquan/core/profiles';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { bandForAge, type MinorModeController, queueMinorModeEvent } from '../controller.js';
import type { AgeGateDetail, AgeGateRestoredDetail, GuardianChannel } from '../events.js';
import { MinorModeLink } from '../link.js';
import { messages as t } from '../messages.js';
import { getGuardianVerifier } from '../pin.js';
import styles from './age-gate.styles.js';

const FOR_MINORS = ['block', 'minors-mode'] as const;
/** The `for-minors` values: `block` (default) or `minors-mode`. */
export type AgeGateForMinors = (typeof FOR_MINORS)[number];

/**
 * @summary An age gate before any personal-information collection. Adults pass; minors are blocked
 * (`for-minors="block"`, a service not meant for minors) or continue in the minors mode with their
 * band. Under `consent-age` (14), the guardian gives a separate consent, recorded in the
 * `minor-mode` ledger with the channel that verified the guardian (PIPL Art. 28, 31): the guardian PIN
 * only when it existed before this flow began, else the host's verifier; without either the gate
 * cannot be passed on the device. The outcome (blocked, adult, or the minors band; never the age) is
 * remembered on the device: a reload shows it again, and only `reset()` with the guardian's
 * verification asks again.
 *
 * @event aq-age-gate-passed - `{ age, band, outcome, guardianConsent }`.
 * @event aq-age-gate-blocked - `{ age, band, outcome: 'blocked' }`.
 * @event aq-age-gate-restored - A remembered outcome was applied on load: `{ outcome, band, at }`.
 * @event aq-age-gate-cleared - The guardian or host cleared the remembered outcome: `{ via }`.
 * @event aq-guardian-consent-recorded - `{ age, band, purpose, channel }`.
 * @csspart form - The age form and the consent form.
 * @csspart message - Feedback.
 */
export class AqAgeGate extends AnquanElement {
  static override styles = styles;

  private readonly link = new MinorModeLink(this);

  /** Age from which the service is open without restriction (default 18). */
  @property({ attribute: 'min-age', type: Number }) minAge = 18;

  /** Under this age a guardian's separate consent is needed (default 14). */
  @property({ attribute: 'consent-age', type: Number }) consentAge = 14;

  /** What happens to minors: `block` (default) or `minors-mode`. */
  @property({ attribute: 'for-minors' }) forMinors: AgeGateForMinors | null = null;

  /** Link to the children's personal-information rules. */
  @property({ attribute: 'policy-url' }) policyUrl = '';

  /** What the consent covers (recorded). */
  @property() purpose = 'personal-information';

  /**
   * `ask`, `consent`, `blocked` or `passed` (read-only, reflected).
   * @readonly
   */
  @property({ reflect: true }) state: 'ask' | 'consent' | 'blocked' | 'passed' = 'ask';

  @property({ attribute: false })
  set controller(c: MinorModeController | null) {
    this.link.set(c);
  }
  get controller(): MinorModeController | null {
    return this.link.controller;
  }

  /** Ledger for the consent when no `<aq-minor-mode>` is present. */
  @property({ attribute: false }) ledger: Ledger | null = null;

  /** Key of the remembered outcome, to keep several gates apart (default `default`). */
  @property() name = 'default';

  /** Storage for the remembered outcome; default: the minors controller's, else the page's. */
  @property({ attribute: false }) storage: AnquanStorage | null = null;

  @state() private message = '';
  /** The guardian channel for an under-14 consent, fixed when the flow begins; null: none exists. */
  @state() private channel: GuardianChannel | null = null;
  private age = -1;
  private restoring: Promise<void> | null = null;

  private get store(): AnquanStorage {
    return this.storage ?? this.link.controller?.storage ?? getStorage();
  }

  private get outcomeKey(): string {
    return `age-gate:outcome:${this.name}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.restoring ??= this.restore();
  }

  /** Resolves once a remembered outcome (if any) is applied. */
  get restored(): Promise<void> {
    this.restoring ??= this.restore();
    return this.restoring;
  }

  private async restore(): Promise<void> {
    await this.store.open();
    const saved = await this.store.get<AgeGateRestoredDetail>('kv', this.outcomeKey);
    if (!saved) return;
    this.state = saved.outcome === 'blocked' ? 'blocked' : 'passed';
    this.emit('aq-age-gate-restored', saved);
  }

  /** Remember the outcome on the device and tell the host's endpoint; never the age. */
  private async remember(outcome: AgeGateRestoredDetail['outcome'], band: AgeBand | null): Promise<void> {
    const saved: AgeGateRestoredDetail = { outcome, band, at: Date.now() };
    await this.store.put('kv', saved, this.outcomeKey);
    const c = this.link.controller;
    const extra = { reason: 'age-gate-outcome', band, data: { outcome } };
    if (c) await c.record('settings-changed', extra);
    else await queueMinorModeEvent(getOutbox(), 'settings-changed', saved.at, extra);
  }

  /**
   * Clear the remembered outcome so the gate asks again: only with the guardian's verification (the
   * guardian PIN through the minors controller, the host's verifier, or `{ passkey: true }`: the
   * guardian passkey of the minors controller, verified by the intake). Resolves false when refused.
   */
  async reset(credential?: string | { passkey: true }): Promise<boolean> {
    const c = this.link.controller;
    const verifier = getGuardianVerifier();
    let via: GuardianChannel | null = null;
    let verdict: string | undefined;
    if (typeof credential === 'object' && credential?.passkey) {
      // A passkey counts only as the intake verified it: registered after the host verified the
      // guardian (the intake refuses any other registration), asserted with user verification.
      const outcome = c ? await c.passkey.verify('reset') : null;
      if (!outcome?.ok) return false;
      via = 'passkey';
      verdict = outcome.verdict;
    } else {
      const pin = credential as string | undefined;
      if (c && (await c.pin.hasPin())) {
        if ((await c.pin.verify(pin, 'reset')).ok) via = verifier ? 'host' : 'pin';
      } else if (verifier && (await verifier({ purpose: 'reset', ...(pin !== undefined ? { pin } : {}) }).catch(() => false)) === true)
        via = 'host';
    }
    if (!via) return false;
    await this.store.delete('kv', this.outcomeKey);
    this.state = 'ask';
    this.age = -1;
    this.emit('aq-age-gate-cleared', { via, ...(verdict ? { verdict } : {}) });
    return true;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('forMinors')) this.mode = this.oneOf('for-minors', this.forMinors, FOR_MINORS, 'block');
    if (changed.has('minAge')) this.validMinAge = this.intInRange('min-age', this.minAge, 14, 21, 18);
    if (changed.has('consentAge')) this.validConsentAge = this.intInRange('consent-age', this.consentAge, 14, 18, 14);
  }

  private mode: AgeGateForMinors = 'block';
  private validMinAge = 18;
  private validConsentAge = 14;

  private detail(outcome: AgeGateDetail['outcome'], guardianConsent = false): AgeGateDetail {
    return { age: this.age, band: bandForAge(this.age), outcome, guardianConsent };
  }

  private async submitAge(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const raw = String(new FormData(e.target as HTMLFormElement).get('age') ?? '').trim();
    const age = Number(raw);
    if (!/^\d{1,3}$/.test(raw) || age > 120) return void (this.message = t(this.locale, 'ageInvalid'));
    this.age = age;
    this.message = '';
    if (age >= this.validMinAge) {
      this.state = 'passed';
      await this.remember('adult', null);
      this.emit('aq-age-gate-passed', this.detail('adult'));
      return;
    }
    const c = this.link.controller;
    if (this.mode === 'block' || !c) {
      this.state = 'blocked';
      // Under consent age nothing that identifies age leaves the device before a guardian consents.
      await this.remember('blocked', age < this.validConsentAge ? null : bandForAge(age));
      this.emit('aq-age-gate-blocked', this.detail('blocked'));
      return;
    }
    if (age < this.validConsentAge) {
      if (!this.policyUrl)
        console.error(
          '[anquan] <aq-age-gate> for-minors="minors-mode" needs policy-url (the rules for children\'s personal information) before a guardian can consent; the consent step is blocked.',
        );
      // The guardian channel is the one that exists now, before this flow: a PIN created here
      // could be the child's own, so it never counts.
      // A guardian passkey (registered after the host verified the guardian, checked by the intake)
      // comes first, then the host's verifier, then a PIN that existed before.
      this.channel = (await c.passkey.registered()) ? 'passkey' : getGuardianVerifier() ? 'host' : (await c.pin.hasPin()) ? 'pin' : null;
      this.state = 'consent';
      return;
    }
    await this.enterMinorsMode(false);
  }

  private async enterMinorsMode(consent: boolean): Promise<void> {
    const c = this.link.controller!;
    const band = bandForAge(this.age) ?? '16-17';
    await c.enter(band, 'age-gate');
    this.state = 'passed';
    await this.remember('minors-mode', band);
    this.emit('aq-age-gate-passed', this.detail('minors-mode', consent));
  }

  private async submitConsent(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.link.controller!;
    const channel = this.channel;
    if (!channel) return;
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    if (!d.get('consent')) return void (this.message = t(this.locale, 'consentNeedsCheck'));
    const pin = String(d.get('pin') ?? '');
    form.reset();
    let verdict: string | undefined;
    if (channel === 'passkey') {
      const outcome = await c.passkey.verify('consent');
      if (!outcome.ok) return void (this.message = t(this.locale, 'passkeyFailed'));
      verdict = outcome.verdict;
    } else {
      const outcome = await c.pin.verify(pin === '' && channel === 'host' ? undefined : pin, 'consent');
      if (!outcome.ok) return void (this.message = t(this.locale, 'wrongPin', { remaining: outcome.remaining }));
    }
    const band = bandForAge(this.age);
    const record = {
      age: this.age,
      band,
      purpose: this.purpose,
      channel,
      ...(verdict ? { verdict } : {}),
      ...(this.policyUrl ? { policyUrl: this.policyUrl } : {}),
    };
    if (c.ledger) await c.recordGuardianConsent(record);
    else await (this.ledger ?? new Ledger('minor-mode')).append('guardian-consent', { ...record, separate: true });
    this.emit('aq-guardian-consent-recorded', { age: this.age, band, purpose: this.purpose, channel, ...(verdict ? { verdict } : {}) });
    this.message = '';
    await this.enterMinorsMode(true);
  }

  override render() {
    const loc = this.locale;
    const message = this.message ? html`<p part="message" class="error" role="alert">${this.message}</p>` : nothing;
    if (this.state === 'passed') return nothing;
    if (this.state === 'blocked') return html`<p part="message" role="alert">${t(loc, 'notForMinors')}</p>`;
    if (this.state === 'consent' && !this.policyUrl)
      // PIPL Art. 31: the guardian consents to rules they can read. Without the link the consent step
      // does not run (fails closed) and the host is told once on the console.
      return html`<h2>${t(loc, 'consentTitle')}</h2>
        <p part="message" role="alert">${t(loc, 'consentNeedsPolicy')}</p>`;
    if (this.state === 'consent' && !this.channel)
      // No guardian credential existed before this flow and the host has no verifier: a PIN set up
      // here could be the child's own, so the consent cannot be given on this device.
      return html`<h2>${t(loc, 'consentTitle')}</h2>
        <p part="message" role="alert">${t(loc, 'consentNeedsHost')}</p>`;
    if (this.state === 'consent')
      return html`<h2>${t(loc, 'consentTitle')}</h2>
        <form part="form" @submit=${this.submitConsent}>
          <p>${t(loc, 'consentBody')}</p>
          ${this.policyUrl ? html`<p><a href=${this.policyUrl} target="_blank" rel="noopener">${t(loc, 'consentPolicy')}</a></p>` : nothing}
          <label class="inline"><input name="consent" type="checkbox" />${t(loc, 'consentCheck')}</label>
          ${
            this.channel === 'passkey'
              ? nothing
              : html`<label>${t(loc, 'pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="off" ?required=${this.channel === 'pin'} /></label>`
          }
          <div class="row"><button type="submit" class="primary">${this.channel === 'passkey' ? t(loc, 'usePasskey') : t(loc, 'confirm')}</button></div>
        </form>
        ${message}`;
    return html`<h2>${t(loc, 'ageTitle')}</h2>
      <form part="form" @submit=${this.submitAge}>
        <p>${t(loc, 'ageQuestion')}</p>
        <label>${t(loc, 'age')}<input name="age" type="number" min="0" max="120" step="1" inputmode="numeric" required /></label>
        <div class="row"><button type="submit" class="primary">${t(loc, 'continue')}</button></div>
      </form>
      ${message}`;
  }
}
