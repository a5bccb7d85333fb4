import { serial } from '@anquan/core/concurrency';
import { AnquanElement } from '@anquan/core/element';
import { getRisk, riskName } from '@anquan/core/taxonomy';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import type { PrescreenClassifierFailedDetail, PrescreenConfigErrorCode, PrescreenConfigFailedDetail } from '../events.js';
import type { KeywordKey } from '../keywords/signed.js';
import { formatDuration, messages } from '../messages.js';
import type { PrescreenDecision, PrescreenPolicy } from '../policy.js';
import * as defaultPolicy from './default-policy.js';
import { styles } from './prescreen.styles.js';
import '../events.js';

/** Why the element has no usable policy; `policyReady()` rejects with it and nothing is sent. */
export class PrescreenConfigError extends Error {
  readonly code: PrescreenConfigErrorCode;
  readonly library: string | null;
  constructor(code: PrescreenConfigErrorCode, message: string, library: string | null = null) {
    super(message);
    this.name = 'PrescreenConfigError';
    this.code = code;
    this.library = library;
  }
}

function toConfigError(err: unknown, library: string | null): PrescreenConfigError {
  if (err instanceof PrescreenConfigError) return err;
  const code = (err as { code?: string } | null)?.code;
  const known: PrescreenConfigErrorCode =
    code === 'fetch' || code === 'signature' || code === 'version' ? code : library && code === undefined ? 'fetch' : 'format';
  return new PrescreenConfigError(known, `${(err as Error)?.message ?? err}`, library);
}

/** The classifier's state as `<aq-prescreen>` shows it (`classifierState`). */
export interface PrescreenClassifierState {
  /** `none`: the policy has no classifier; `loading`; `ready`; `down`: it failed to load or to run. */
  state: 'none' | 'loading' | 'ready' | 'down';
  /** True when the policy keeps screening with its other sources while the classifier is down. */
  optional: boolean;
  /** Why it is down. */
  error: { code: string; message: string } | null;
  /** The device it runs on, once ready. */
  device: string | null;
}

type EnablingClassifier = { enable?: () => Promise<{ device?: string; urls?: { model?: string } }>; urls?: () => { model: string } };

const SCREEN_MODES = ['submit', 'typing'] as const;
/** The `screen` values: `submit` (default) or `typing`. */
export type ScreenMode = (typeof SCREEN_MODES)[number];

type Field = HTMLTextAreaElement | HTMLInputElement;

/**
 * @summary Screens a wrapped textarea or form before anything is sent: a refused input is blocked
 * in the page with an accessible refusal naming the risk category; a suspension shows when it ends.
 *
 * Wrap a form (`<aq-prescreen><form>…</form></aq-prescreen>`) or put it inside one around the
 * field (`<form><aq-prescreen name="q"><textarea></textarea></aq-prescreen></form>`). On submit it
 * stops the submit event before the host's own handlers, takes the field's text at that moment,
 * screens it with its `policy`, and re-submits only when the verdict is allow or warn, with the
 * field holding exactly the text that was screened (an edit made while screening is never sent in
 * its place; it is put back afterwards when the host left the field as it was). Submissions made
 * while one is being screened queue up and are screened and sent in order, none dropped; the
 * element is `aria-busy` (ElementInternals) and `screening` is true meanwhile. Form-associated: while a refusal stands the element is invalid
 * (ElementInternals), so the form cannot be submitted natively either.
 * Client-side screening is advisory; the host's server re-checks.
 *
 * It fails closed. With no `policy` set it builds its own from configuration: the keyword matcher
 * over the bundled sample library, or, with `library` (and `library-key`), over a signed compiled
 * library fetched from the host and verified (ECDSA P-256) before the first submission; the active
 * profile's thresholds apply. Submissions made while it loads wait. When the library cannot be
 * fetched or verified, or a policy has no source at all (unless built with
 * `allowWithoutSources: true`), every submission is blocked, a localised configuration error shows
 * (`part="message error"`), `aq-prescreen-config-failed` fires and one console error is logged.
 *
 * @slot - The form, or the textarea/input to screen.
 * @event aq-prescreen-blocked - An input was refused or the user is suspended; nothing was sent. Detail `{ decision }`.
 * @event aq-prescreen-passed - An input passed; the form is re-submitted. Detail `{ decision }`.
 * @event aq-prescreen-decided - Every decision (from the policy), on `window`.
 * With `classifier`, the built policy adds the in-browser classifier (@anquan/classifier, loaded from
 * the asset base, or the model at `model-url`); its files load only then. When the classifier cannot
 * load or fails at run time, a localised notice shows, `aq-prescreen-classifier-failed` fires, and
 * sending is blocked, unless `classifier-optional` is set: then the other sources screen alone and
 * the notice stays.
 *
 * @event aq-prescreen-classifier-failed - The classifier could not load or run. Detail `{ code, message, optional, modelUrl }`.
 * @event aq-prescreen-config-failed - No usable policy (library fetch or signature failed, or no source); sending is blocked. Detail `{ code, message, library }`.
 * @csspart message - The message area (refusal, warning or suspension).
 * @csspart refusal - The refusal message.
 * @csspart warning - The warning shown while typing (screen="typing").
 * @csspart suspension - The suspension message with its end time.
 * @csspart error - The configuration error (sending is blocked until it is fixed).
 * @csspart classifier - The notice that the classifier is down.
 * @cssproperty --aq-prescreen-font-size - Message font size.
 * @cssproperty --aq-prescreen-refusal-background - Background of the refusal and suspension messages.
 */
export class AqPrescreen extends AnquanElement {
  static override styles = styles;
  static formAssociated = true;

  /** When to screen: `submit` (default) or `typing` (also while typing, debounced; warnings only). */
  @property({ reflect: true }) screen: ScreenMode = 'submit';
  /** Debounce for screen="typing", in ms (default 400). */
  @property({ type: Number }) debounce = 400;
  /** Form field name: when set, the screened text is the element's form value. */
  @property({ reflect: true }) name: string | null = null;
  /**
   * URL of a signed compiled keyword library on the host (`signKeywordLibrary()` output), used when
   * no `policy` is set. Needs `library-key`. Fetched and verified before anything is sent.
   */
  @property() library: string | null = null;
  /** The operator's ECDSA P-256 public key for `library`: base64 SPKI (attribute), a JWK or a CryptoKey. */
  @property({ attribute: 'library-key' }) libraryKey: KeywordKey | null = null;
  /** Add the in-browser classifier to the built policy (@anquan/classifier must be served at the asset base, or set `model-url`). */
  @property({ type: Boolean, reflect: true }) classifier = false;
  /** The classifier's model folder on the host (with its anquan-model.json); default `<asset base>classifier/model/`. */
  @property({ attribute: 'model-url' }) modelUrl: string | null = null;
  /** Keep sending, screened by the other sources, while the classifier is down (the notice still shows). Default: blocked. */
  @property({ type: Boolean, attribute: 'classifier-optional', reflect: true }) classifierOptional = false;

  @state() private decision: PrescreenDecision | null = null;
  @state() private suspendedUntil: number | null = null;
  @state() private typingWarning: PrescreenDecision | null = null;
  @state() private failure: PrescreenConfigError | null = null;
  @state() private classifierInfo: PrescreenClassifierState = { state: 'none', optional: false, error: null, device: null };

  private readonly internals: ElementInternals;
  /** The policy the host set, if any. */
  private hostPolicy: PrescreenPolicy | null = null;
  /** The policy the element built from configuration, once loaded. */
  private builtPolicy: PrescreenPolicy | null = null;
  /** The load of the built policy in flight or done (null: not started, or the configuration changed). */
  private pending: Promise<PrescreenPolicy> | null = null;
  private form: HTMLFormElement | null = null;
  private passing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expiry: ReturnType<typeof setTimeout> | undefined;
  private typingSeq = 0;
  /** Submissions screened one after another, in the order they were made. */
  private readonly queue = serial();
  private queued = 0;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /**
   * The policy that screens (keyword matcher, classifier, host check, counters): the one the host
   * set, else the one the element built from configuration (null while it loads or when it failed).
   * Setting null goes back to the built one.
   */
  get policy(): PrescreenPolicy | null {
    return this.hostPolicy ?? this.builtPolicy;
  }

  set policy(value: PrescreenPolicy | null) {
    this.hostPolicy = value ?? null;
    this.setFailure(null);
    if (this.isConnected)
      void this.policyReady().then(
        () => this.refreshSuspension(),
        () => undefined,
      );
  }

  /**
   * Where the policy in force comes from: `host` (set by the host), `library` (the signed `library`),
   * `sample` (the bundled sample library), or null while it loads or when it failed.
   */
  get policySource(): 'host' | 'library' | 'sample' | null {
    if (this.hostPolicy) return 'host';
    if (!this.builtPolicy) return null;
    return this.library ? 'library' : 'sample';
  }

  /** The configuration error that blocks sending, or null. */
  get configError(): PrescreenConfigError | null {
    return this.failure;
  }

  /**
   * Resolves to the policy in force once it is usable (the built one loaded and verified); rejects
   * with a `PrescreenConfigError` when there is none. Every submission waits for it.
   */
  async policyReady(): Promise<PrescreenPolicy> {
    for (;;) {
      const host = this.hostPolicy;
      if (host) {
        if (!host.hasSources && !host.allowWithoutSources) {
          throw this.setFailure(
            new PrescreenConfigError(
              'no-sources',
              'the policy has no source (keywords, classifier or host check) and allowWithoutSources is not set',
            ),
          );
        }
        if (this.failure?.code === 'no-sources') this.setFailure(null);
        this.watchClassifier(host);
        return host;
      }
      this.pending ??= this.loadBuilt();
      const pending = this.pending;
      let policy: PrescreenPolicy | null = null;
      let error: unknown = null;
      try {
        policy = await pending;
      } catch (err) {
        error = err;
      }
      // The configuration changed meanwhile: use the new one.
      if (this.hostPolicy || pending !== this.pending) continue;
      if (error || !policy) throw error;
      this.watchClassifier(policy);
      return policy;
    }
  }

  private watched: PrescreenPolicy | null = null;

  /** Enable the policy's classifier (once per policy) and show its state. */
  private watchClassifier(policy: PrescreenPolicy): void {
    if (this.watched === policy) return;
    this.watched = policy;
    const c = policy.classifier as (EnablingClassifier & object) | null;
    const optional = policy.classifierOptional;
    if (!c) {
      this.classifierInfo = { state: 'none', optional, error: null, device: null };
      this.syncValidity();
      return;
    }
    this.classifierInfo = { state: 'loading', optional, error: null, device: null };
    if (typeof c.enable !== 'function') {
      this.classifierInfo = { ...this.classifierInfo, state: 'ready' };
      return;
    }
    c.enable().then(
      (info) => {
        if (this.watched === policy) this.classifierInfo = { state: 'ready', optional, error: null, device: info?.device ?? null };
      },
      (err: unknown) => {
        if (this.watched === policy) this.classifierDown(policy, err);
      },
    );
  }

  /** The classifier failed (loading or at run time): show it, emit once per error, block unless optional. */
  private classifierDown(policy: PrescreenPolicy, err: unknown, fallbackCode = 'load'): void {
    const code = String((err as { code?: unknown } | null)?.code ?? fallbackCode);
    const message = err instanceof Error ? err.message : String(err);
    const before = this.classifierInfo.error;
    this.classifierInfo = { state: 'down', optional: policy.classifierOptional, error: { code, message }, device: null };
    this.syncValidity();
    if (before && before.code === code && before.message === message) return;
    let modelUrl: string | null = null;
    try {
      modelUrl = (policy.classifier as EnablingClassifier).urls?.().model ?? null;
    } catch {}
    this.emit('aq-prescreen-classifier-failed', {
      code,
      message,
      optional: policy.classifierOptional,
      modelUrl,
    } satisfies PrescreenClassifierFailedDetail);
  }

  /** The classifier as the element shows it: none, loading, ready or down (and whether sending goes on without it). */
  get classifierState(): PrescreenClassifierState {
    return this.classifierInfo;
  }

  /** True while the classifier is down and sending is blocked for it. */
  private get classifierBlocks(): boolean {
    return this.classifierInfo.state === 'down' && !this.classifierInfo.optional;
  }

  private syncValidity(): void {
    if (this.failure) this.setInvalid(this.failureText(this.failure));
    else if (this.suspendedUntil !== null) this.setInvalid(this.suspensionText(this.suspendedUntil));
    else if (this.classifierBlocks) this.setInvalid(messages(this.locale, 'classifierDown'));
    else if (this.decision?.verdict === 'refuse') this.setInvalid(this.refusalText(this.decision));
    else {
      this.internals.setValidity({});
      this.field?.removeAttribute('aria-invalid');
    }
  }

  private loadBuilt(): Promise<PrescreenPolicy> {
    const library = this.library || null;
    const key = this.libraryKey;
    const classifier = this.classifier ? { modelUrl: this.modelUrl || null, optional: this.classifierOptional } : null;
    this.builtPolicy = null;
    const p: Promise<PrescreenPolicy> = Promise.resolve(defaultPolicy)
      .then((m) => {
        if (!library) return m.samplePolicy(classifier);
        if (!key) throw new PrescreenConfigError('no-key', 'library is set but library-key (its public key) is not', library);
        return m.libraryPolicy(library, key, classifier);
      })
      .then(
        (policy) => {
          if (this.pending === p && !this.hostPolicy) {
            this.builtPolicy = policy;
            this.setFailure(null);
            void this.refreshSuspension();
          }
          return policy;
        },
        (err: unknown) => {
          const e = toConfigError(err, library);
          if (this.pending === p && !this.hostPolicy) this.setFailure(e);
          throw e;
        },
      );
    p.catch(() => undefined);
    return p;
  }

  /** Show (or clear) a configuration error: blocks the form, logs once, fires `aq-prescreen-config-failed`. */
  private setFailure(error: PrescreenConfigError | null): PrescreenConfigError | null {
    const before = this.failure;
    if (!error) {
      if (!before) return null;
      this.failure = null;
      if (this.suspendedUntil === null && this.decision?.verdict !== 'refuse' && !this.classifierBlocks) this.internals.setValidity({});
      return null;
    }
    if (before && before.code === error.code && before.message === error.message && before.library === error.library) return before;
    this.failure = error;
    this.setInvalid(this.failureText(error));
    console.error(`[anquan] <${this.localName}>: no usable pre-screening policy (${error.code}: ${error.message}); nothing will be sent.`);
    this.emit('aq-prescreen-config-failed', {
      code: error.code,
      message: error.message,
      library: error.library,
    } satisfies PrescreenConfigFailedDetail);
    return error;
  }

  private failureText(error: PrescreenConfigError): string {
    const key =
      error.code === 'fetch'
        ? 'configLibrary'
        : error.code === 'no-sources' || error.code === 'no-key'
          ? 'configMissing'
          : 'configSignature';
    return messages(this.locale, key);
  }

  /** True while submissions are being screened (the element is `aria-busy` meanwhile). */
  get screening(): boolean {
    return this.queued > 0;
  }

  /** The last decision, or null. */
  get lastDecision(): PrescreenDecision | null {
    return this.decision;
  }

  private mode: ScreenMode = 'submit';
  private validDebounce = 400;

  /** The wrapped textarea or text input. */
  get field(): Field | null {
    return this.querySelector('textarea, input:not([type]), input[type="text"], input[type="search"]');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.form = this.querySelector('form') ?? this.closest('form');
    this.form?.addEventListener('submit', this.onSubmit, { capture: true });
    this.addEventListener('input', this.onInput);
    // Load (or check) the policy now, so a configuration error shows before anyone submits.
    void this.policyReady().then(
      () => this.refreshSuspension(),
      () => undefined,
    );
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
    if (changed.has('screen')) this.mode = this.oneOf('screen', this.screen, SCREEN_MODES, 'submit');
    if (changed.has('debounce')) this.validDebounce = this.numberInRange('debounce', this.debounce, 0, 60_000, 400);
    const built = ['library', 'libraryKey', 'classifier', 'modelUrl', 'classifierOptional'];
    if (built.some((k) => changed.has(k)) && this.hasUpdated) this.reloadBuilt();
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    // `library` set before the first update: the load connect started (if any) was for other settings.
    if ((this.library || this.libraryKey || this.classifier || this.modelUrl || this.classifierOptional) && !this.hostPolicy)
      this.reloadBuilt();
  }

  private reloadBuilt(): void {
    this.pending = null;
    this.builtPolicy = null;
    if (!this.hostPolicy) this.setFailure(null);
    if (this.isConnected)
      void this.policyReady().then(
        () => this.refreshSuspension(),
        () => undefined,
      );
  }

  private async refreshSuspension(): Promise<void> {
    const policy = this.policy;
    if (!policy) return;
    const until = await policy.suspendedUntil();
    this.setSuspended(until);
  }

  private setSuspended(until: number | null): void {
    this.suspendedUntil = until;
    clearTimeout(this.expiry);
    if (until !== null) {
      this.setInvalid(this.suspensionText(until));
      const ms = until - Date.now();
      if (ms > 0 && ms < 2 ** 31 - 1) this.expiry = setTimeout(() => void this.refreshSuspension(), ms + 50);
    } else if (this.failure) {
      this.setInvalid(this.failureText(this.failure));
    } else if (this.classifierBlocks) {
      this.setInvalid(messages(this.locale, 'classifierDown'));
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
      if (this.suspendedUntil === null && !this.failure && !this.classifierBlocks) this.internals.setValidity({});
    }
    if (this.mode !== 'typing') return;
    clearTimeout(this.timer);
    const seq = ++this.typingSeq;
    this.timer = setTimeout(async () => {
      if (!text.trim()) {
        this.typingWarning = null;
        return;
      }
      let policy: PrescreenPolicy;
      try {
        policy = await this.policyReady();
      } catch {
        return;
      }
      const d = await policy.check(text, { count: false, send: false });
      if (seq === this.typingSeq) this.typingWarning = d.verdict === 'allow' ? null : d;
    }, this.validDebounce);
  };

  private readonly onSubmit = (e: SubmitEvent): void => {
    if (this.passing) {
      this.passing = false;
      return;
    }
    // Stop the submission before any handler of the host sees it; re-submit only after a pass.
    e.preventDefault();
    e.stopImmediatePropagation();
    // The text is taken now: what is screened is what this submission sends, whatever happens to
    // the field while the screening runs.
    const text = this.field?.value ?? '';
    const submitter = e.submitter;
    this.queued++;
    this.internals.ariaBusy = 'true';
    void this.queue(() => this.screenAndSubmit(text, submitter))
      .catch((err: unknown) => {
        // A configuration error is shown and was logged once when it was found.
        if (!(err instanceof PrescreenConfigError)) console.error('[anquan] <aq-prescreen>: screening failed; nothing was sent', err);
      })
      .finally(() => {
        if (--this.queued === 0) this.internals.ariaBusy = null;
      });
  };

  private async screenAndSubmit(text: string, submitter: HTMLElement | null): Promise<void> {
    const decision = await this.check(text);
    if (decision.verdict !== 'allow' && decision.verdict !== 'warn') return;
    const form = this.form;
    if (!form) return;
    const field = this.field;
    const draft = field?.value;
    if (field && field.value !== text) field.value = text;
    if (this.name) this.internals.setFormValue(text);
    this.passing = true;
    try {
      form.requestSubmit(submitter && (submitter as HTMLButtonElement).form === form ? submitter : null);
    } finally {
      this.passing = false;
    }
    // The user's newer draft comes back unless the host's handler changed the field itself.
    if (field && draft !== undefined && draft !== text && field.value === text) {
      field.value = draft;
      if (this.name) this.internals.setFormValue(draft);
    }
  }

  /**
   * Screen `text` (default: the field's text now; counts as a submitted input). Resolves to the decision; a refusal
   * or suspension is shown and `aq-prescreen-blocked` fires, else `aq-prescreen-passed`. Waits for the
   * policy; rejects with a `PrescreenConfigError` when there is no usable one (nothing may be sent).
   */
  async check(text: string = this.field?.value ?? ''): Promise<PrescreenDecision> {
    const policy = await this.policyReady();
    const decision = await policy.check(text);
    if (decision.classifierError) {
      const own = (policy.classifier as { error?: unknown } | null)?.error;
      this.classifierDown(policy, own ?? new Error(decision.classifierError), 'inference');
    } else if (this.classifierInfo.state === 'down' && decision.details.some((d) => d.source === 'classifier')) {
      this.classifierInfo = { ...this.classifierInfo, state: 'ready', error: null };
    }
    this.decision = decision;
    this.typingWarning = null;
    if (decision.verdict === 'suspend') {
      this.setSuspended(decision.suspendedUntil);
    } else if (decision.verdict === 'refuse') {
      this.setInvalid(this.refusalText(decision));
    } else {
      this.field?.removeAttribute('aria-invalid');
      if (this.suspendedUntil === null && !this.classifierBlocks) this.internals.setValidity({});
    }
    if (decision.verdict === 'refuse' || decision.verdict === 'suspend') {
      this.emit('aq-prescreen-blocked', { decision });
      this.field?.focus();
    } else {
      this.emit('aq-prescreen-passed', { decision });
    }
    return decision;
  }

  /** The real risk, named in the user's language (never the category's catch-all wording). */
  private riskParams(d: PrescreenDecision): { risk: string } | null {
    const risk = d.risks[0] ? getRisk(d.risks[0]) : undefined;
    return risk ? { risk: riskName(risk.id, this.locale) } : null;
  }

  private refusalText(d: PrescreenDecision): string {
    // Refused only because the classifier could not answer (fail closed): say that, not "harmful".
    if (d.classifierError && d.risks.length === 0) return messages(this.locale, 'classifierDown');
    const p = this.riskParams(d);
    const refused = p ? messages(this.locale, 'refused', p) : messages(this.locale, 'refusedGeneric');
    // Before the sanction applies, the user is told how many violations remain (GB/T 45654: the
    // agreement announces it; the element repeats it at the moment it matters).
    if (!d.counted || d.remaining === null || d.remaining <= 0) return refused;
    const duration = formatDuration(this.locale, d.policyDurationMinutes);
    const count = Math.max(d.counters.consecutive, d.counters.today);
    const left =
      d.remaining === 1
        ? messages(this.locale, 'lastWarning', { count, duration })
        : messages(this.locale, 'violationsLeft', { count, remaining: d.remaining, duration });
    return `${refused} ${left}`;
  }

  private suspensionText(until: number): string {
    const fmt = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return messages(this.locale, 'suspended', { until: fmt.format(new Date(until)) });
  }

  override render() {
    let body: unknown = nothing;
    const down = this.classifierInfo.state === 'down';
    if (this.failure) {
      body = html`<p part="message error">${this.failureText(this.failure)}</p>`;
    } else if (down && !this.classifierInfo.optional && this.suspendedUntil === null) {
      body = html`<p part="message error classifier">${messages(this.locale, 'classifierDown')}</p>`;
    } else if (this.suspendedUntil !== null) {
      body = html`<p part="message suspension">${this.suspensionText(this.suspendedUntil)}</p>`;
    } else if (this.decision?.verdict === 'refuse') {
      body = html`<p part="message refusal">${this.refusalText(this.decision)}</p>`;
    } else if (this.typingWarning) {
      const p = this.riskParams(this.typingWarning);
      body = html`<p part="message warning">${p ? messages(this.locale, 'warned', p) : messages(this.locale, 'refusedGeneric')}</p>`;
    }
    const notice =
      down && this.classifierInfo.optional && !this.failure
        ? html`<p part="message classifier">${messages(this.locale, 'classifierDownOptional')}</p>`
        : nothing;
    return html`<slot></slot>
      <div role="alert" aria-atomic="true">${body}${notice}</div>`;
  }
}
