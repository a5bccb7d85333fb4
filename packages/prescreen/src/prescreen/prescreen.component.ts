import { AnquanElement, CATEGORIES, getRisk, riskName } from '@anquan/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { messages } from '../messages.js';
import { type PrescreenDecision, PrescreenPolicy } from '../policy.js';
import { styles } from './prescreen.styles.js';
import '../events.js';

const SCREEN_MODES = ['submit', 'typing'] as const;
type ScreenMode = (typeof SCREEN_MODES)[number];

type Field = HTMLTextAreaElement | HTMLInputElement;

/**
 * @summary Screens a wrapped textarea or form before anything is sent: a refused input is blocked
 * in the page with an accessible refusal naming the risk category; a suspension shows when it ends.
 *
 * Wrap a form (`<aq-prescreen><form>…</form></aq-prescreen>`) or put it inside one around the
 * field (`<form><aq-prescreen name="q"><textarea></textarea></aq-prescreen></form>`). On submit it
 * stops the submit event before the host's own handlers, screens the text with its `policy`, and
 * re-submits only when the verdict is allow or warn. Form-associated: while a refusal stands the
 * element is invalid (ElementInternals), so the form cannot be submitted natively either.
 * Client-side screening is advisory; the host's server re-checks.
 *
 * @slot - The form, or the textarea/input to screen.
 * @event aq-prescreen-blocked - An input was refused or the user is suspended; nothing was sent. Detail `{ decision }`.
 * @event aq-prescreen-passed - An input passed; the form is re-submitted. Detail `{ decision }`.
 * @event aq-prescreen-decision - Every decision (from the policy), on `window`.
 * @csspart message - The message area (refusal, warning or suspension).
 * @csspart refusal - The refusal message.
 * @csspart warning - The warning shown while typing (screen="typing").
 * @csspart suspension - The suspension message with its end time.
 * @cssproperty --aq-prescreen-font-size - Message font size.
 * @cssproperty --aq-prescreen-refusal-background - Background of the refusal and suspension messages.
 */
export class PrescreenElement extends AnquanElement {
  static override styles = styles;
  static formAssociated = true;

  /** When to screen: `submit` (default) or `typing` (also while typing, debounced; warnings only). */
  @property({ reflect: true }) screen: string = 'submit';
  /** Debounce for screen="typing", in ms (default 400). */
  @property({ type: Number }) debounce = 400;
  /** Form field name: when set, the screened text is the element's form value. */
  @property({ reflect: true }) name: string | null = null;

  @state() private decision: PrescreenDecision | null = null;
  @state() private suspendedUntil: number | null = null;
  @state() private typingWarning: PrescreenDecision | null = null;

  private readonly internals: ElementInternals;
  private policyValue: PrescreenPolicy | null = null;
  private form: HTMLFormElement | null = null;
  private passing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expiry: ReturnType<typeof setTimeout> | undefined;
  private typingSeq = 0;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /** The policy that screens (keyword matcher, classifier, host check, counters). Set it before use. */
  get policy(): PrescreenPolicy {
    if (!this.policyValue) {
      console.warn('[anquan] <aq-prescreen> has no policy set; using one without sources (everything is allowed). Set element.policy.');
      this.policyValue = new PrescreenPolicy();
    }
    return this.policyValue;
  }

  set policy(value: PrescreenPolicy) {
    this.policyValue = value;
    void this.refreshSuspension();
  }

  /** The last decision, or null. */
  get lastDecision(): PrescreenDecision | null {
    return this.decision;
  }

  private get mode(): ScreenMode {
    return this.oneOf('screen', this.screen, SCREEN_MODES, 'submit');
  }

  /** The wrapped textarea or text input. */
  get field(): Field | null {
    return this.querySelector('textarea, input:not([type]), input[type="text"], input[type="search"]');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.form = this.querySelector('form') ?? this.closest('form');
    this.form?.addEventListener('submit', this.onSubmit, { capture: true });
    this.addEventListener('input', this.onInput);
    void this.refreshSuspension();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.form?.removeEventListener('submit', this.onSubmit, { capture: true });
    this.form = null;
    this.removeEventListener('input', this.onInput);
    clearTimeout(this.timer);
    clearTimeout(this.expiry);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('screen')) this.mode;
    if (changed.has('debounce') && (!Number.isFinite(this.debounce) || this.debounce < 0)) {
      this.attributeError('debounce', this.debounce, 'a number of milliseconds ≥ 0', '400');
      this.debounce = 400;
    }
  }

  private async refreshSuspension(): Promise<void> {
    if (!this.policyValue) return;
    const until = await this.policyValue.suspendedUntil();
    this.setSuspended(until);
  }

  private setSuspended(until: number | null): void {
    this.suspendedUntil = until;
    clearTimeout(this.expiry);
    if (until !== null) {
      this.setInvalid(this.suspensionText(until));
      const ms = until - Date.now();
      if (ms > 0 && ms < 2 ** 31 - 1) this.expiry = setTimeout(() => void this.refreshSuspension(), ms + 50);
    } else if (!this.decision || this.decision.verdict === 'allow' || this.decision.verdict === 'warn') {
      this.internals.setValidity({});
    }
  }

  private setInvalid(message: string): void {
    this.internals.setValidity({ customError: true }, message, this.field ?? undefined);
    this.field?.setAttribute('aria-invalid', 'true');
  }

  private readonly onInput = (e: Event): void => {
    if (e.target !== this.field) return;
    const text = this.field?.value ?? '';
    if (this.name) this.internals.setFormValue(text);
    if (this.decision && this.decision.verdict === 'refuse') {
      this.decision = null;
      this.field?.removeAttribute('aria-invalid');
      if (this.suspendedUntil === null) this.internals.setValidity({});
    }
    if (this.mode !== 'typing') return;
    clearTimeout(this.timer);
    const seq = ++this.typingSeq;
    this.timer = setTimeout(async () => {
      if (!text.trim()) {
        this.typingWarning = null;
        return;
      }
      const d = await this.policy.check(text, { count: false, send: false });
      if (seq === this.typingSeq) this.typingWarning = d.verdict === 'allow' ? null : d;
    }, this.debounce);
  };

  private readonly onSubmit = (e: SubmitEvent): void => {
    if (this.passing) {
      this.passing = false;
      return;
    }
    // Stop the submission before any handler of the host sees it; re-submit only after a pass.
    e.preventDefault();
    e.stopImmediatePropagation();
    void this.screenAndSubmit(e.submitter);
  };

  private async screenAndSubmit(submitter: HTMLElement | null): Promise<void> {
    const decision = await this.check();
    if (decision.verdict === 'allow' || decision.verdict === 'warn') {
      const form = this.form;
      if (!form) return;
      this.passing = true;
      try {
        form.requestSubmit(submitter && (submitter as HTMLButtonElement).form === form ? submitter : null);
      } finally {
        this.passing = false;
      }
    }
  }

  /**
   * Screen the field's text now (counts as a submitted input). Resolves to the decision; a refusal
   * or suspension is shown and `aq-prescreen-blocked` fires, else `aq-prescreen-passed`.
   */
  async check(): Promise<PrescreenDecision> {
    const text = this.field?.value ?? '';
    const decision = await this.policy.check(text);
    this.decision = decision;
    this.typingWarning = null;
    if (decision.verdict === 'suspend') {
      this.setSuspended(decision.suspendedUntil);
    } else if (decision.verdict === 'refuse') {
      this.setInvalid(this.refusalText(decision));
    } else {
      this.field?.removeAttribute('aria-invalid');
      if (this.suspendedUntil === null) this.internals.setValidity({});
    }
    if (decision.verdict === 'refuse' || decision.verdict === 'suspend') {
      this.emit('aq-prescreen-blocked', { decision });
      this.field?.focus();
    } else {
      this.emit('aq-prescreen-passed', { decision });
    }
    return decision;
  }

  private riskParams(d: PrescreenDecision): { risk: string; category: string } | null {
    const id = d.risks[0];
    const risk = id ? getRisk(id) : undefined;
    if (!risk) return null;
    const cat = CATEGORIES.find((c) => c.id === risk.category);
    const zh = this.locale === 'zh-CN';
    return { risk: riskName(risk.id, this.locale), category: cat ? (zh ? cat.zh : cat.en) : risk.category };
  }

  private refusalText(d: PrescreenDecision): string {
    const p = this.riskParams(d);
    return p ? messages(this.locale, 'refused', p) : messages(this.locale, 'refusedGeneric');
  }

  private suspensionText(until: number): string {
    const fmt = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return messages(this.locale, 'suspended', { until: fmt.format(new Date(until)) });
  }

  override render() {
    let body: unknown = nothing;
    if (this.suspendedUntil !== null) {
      body = html`<p part="message suspension">${this.suspensionText(this.suspendedUntil)}</p>`;
    } else if (this.decision?.verdict === 'refuse') {
      body = html`<p part="message refusal">${this.refusalText(this.decision)}</p>`;
    } else if (this.typingWarning) {
      const p = this.riskParams(this.typingWarning);
      body = html`<p part="message warning">${p ? messages(this.locale, 'warned', p) : messages(this.locale, 'refusedGeneric')}</p>`;
    }
    return html`<slot></slot>
      <div role="alert" aria-atomic="true">${body}</div>`;
  }
}
