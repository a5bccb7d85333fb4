import { type AgeBand, AnquanElement, Ledger } from '@anquan/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { bandForAge, type MinorModeController } from '../controller.js';
import { MinorModeLink } from '../link.js';
import { t } from '../messages.js';
import { isValidPin } from '../pin.js';
import styles from './age-gate.styles.js';

export interface AgeGateDetail {
  age: number;
  band: AgeBand | null;
  /** How a minor continues: `blocked` or `minors-mode`. */
  outcome: 'adult' | 'blocked' | 'minors-mode';
  guardianConsent: boolean;
}

declare module '@anquan/core' {
  interface AnquanEventMap {
    'aq-age-gate-passed': AgeGateDetail;
    'aq-age-gate-blocked': AgeGateDetail;
    'aq-guardian-consent-recorded': { age: number; band: AgeBand | null; purpose: string };
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'aq-age-gate-passed': CustomEvent<AgeGateDetail>;
    'aq-age-gate-blocked': CustomEvent<AgeGateDetail>;
    'aq-guardian-consent-recorded': CustomEvent<{ age: number; band: AgeBand | null; purpose: string }>;
  }
}

const FOR_MINORS = ['block', 'minors-mode'] as const;

/**
 * @summary An age gate before any personal-information collection. Adults pass; minors are blocked
 * (`for-minors="block"`, a service not meant for minors) or continue in the minors mode with their
 * band. Under `consent-age` (14), the guardian gives a separate consent, recorded in the
 * `minor-mode` ledger (PIPL Art. 28, 31), and sets the guardian PIN when none exists.
 *
 * @event aq-age-gate-passed - `{ age, band, outcome, guardianConsent }`.
 * @event aq-age-gate-blocked - `{ age, band, outcome: 'blocked' }`.
 * @event aq-guardian-consent-recorded - `{ age, band, purpose }`.
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
  @property({ attribute: 'for-minors' }) forMinors: string | null = null;

  /** Link to the children's personal-information rules. */
  @property({ attribute: 'policy-url' }) policyUrl = '';

  /** What the consent covers (recorded). */
  @property() purpose = 'personal-information';

  /** `ask`, `consent`, `blocked` or `passed` (read-only, reflected). */
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

  @state() private message = '';
  @state() private needsPin = false;
  private age = -1;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('forMinors')) this.oneOf('for-minors', this.forMinors, FOR_MINORS, 'block');
    if (changed.has('minAge') && !(Number.isInteger(this.minAge) && this.minAge >= 14 && this.minAge <= 21)) {
      this.attributeError('min-age', this.minAge, 'an integer from 14 to 21', '18');
      this.minAge = 18;
    }
    if (changed.has('consentAge') && !(Number.isInteger(this.consentAge) && this.consentAge >= 14 && this.consentAge <= 18)) {
      this.attributeError('consent-age', this.consentAge, 'an integer from 14 to 18', '14');
      this.consentAge = 14;
    }
  }

  private get mode(): 'block' | 'minors-mode' {
    return this.oneOf('for-minors', this.forMinors, FOR_MINORS, 'block');
  }

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
    if (age >= this.minAge) {
      this.state = 'passed';
      this.emit('aq-age-gate-passed', this.detail('adult'));
      return;
    }
    const c = this.link.controller;
    if (this.mode === 'block' || !c) {
      this.state = 'blocked';
      this.emit('aq-age-gate-blocked', this.detail('blocked'));
      return;
    }
    if (age < this.consentAge) {
      this.needsPin = !(await c.pin.hasPin());
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
    this.emit('aq-age-gate-passed', this.detail('minors-mode', consent));
  }

  private async submitConsent(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.link.controller!;
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    if (!d.get('consent')) return void (this.message = t(this.locale, 'consentNeedsCheck'));
    const pin = String(d.get('pin') ?? '');
    form.reset();
    if (this.needsPin) {
      if (!isValidPin(pin)) return void (this.message = t(this.locale, 'pinInvalid'));
      await c.pin.set(pin);
      this.needsPin = false;
    } else {
      const outcome = await c.pin.verify(pin, 'consent');
      if (!outcome.ok) return void (this.message = t(this.locale, 'wrongPin', { remaining: outcome.remaining }));
    }
    const band = bandForAge(this.age);
    const record = { age: this.age, band, purpose: this.purpose, ...(this.policyUrl ? { policyUrl: this.policyUrl } : {}) };
    if (c.ledger) await c.recordGuardianConsent(record);
    else await (this.ledger ?? new Ledger('minor-mode')).append('guardian-consent', { ...record, separate: true });
    this.emit('aq-guardian-consent-recorded', { age: this.age, band, purpose: this.purpose });
    this.message = '';
    await this.enterMinorsMode(true);
  }

  override render() {
    const loc = this.locale;
    const message = this.message ? html`<p part="message" class="error" role="alert">${this.message}</p>` : nothing;
    if (this.state === 'passed') return nothing;
    if (this.state === 'blocked') return html`<p part="message" role="alert">${t(loc, 'notForMinors')}</p>`;
    if (this.state === 'consent')
      return html`<h2>${t(loc, 'consentTitle')}</h2>
        <form part="form" @submit=${this.submitConsent}>
          <p>${t(loc, 'consentBody')}</p>
          ${this.policyUrl ? html`<p><a href=${this.policyUrl} target="_blank" rel="noopener">${t(loc, 'consentPolicy')}</a></p>` : nothing}
          <label class="inline"><input name="consent" type="checkbox" />${t(loc, 'consentCheck')}</label>
          ${this.needsPin ? html`<p>${t(loc, 'consentSetPin')}</p>` : nothing}
          <label>${this.needsPin ? t(loc, 'newPin') : t(loc, 'pin')}<input name="pin" type="password" inputmode="numeric" autocomplete="off" required /></label>
          <div class="row"><button type="submit" class="primary">${t(loc, 'confirm')}</button></div>
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
