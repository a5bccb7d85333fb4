// PrescreenPolicy: combines the keyword matcher, the classifier and a host-plugged third source into
// allow / warn / refuse / suspend, and keeps the per-user violation counters of GB/T 45654 (TC260-003
// §7 f)): 3 in a row or 5 within one calendar day suspend the service for a configured period.
// Counters live in core storage (IndexedDB) and every read-modify-write runs under a Web Lock, so two
// tabs count the same violations once. Plain TypeScript, no DOM: it runs in pages, workers and Node.
// Client-side screening is advisory; the host's server re-checks and enforces.

import { getConfig } from '@anquan/core/config-state';
import { type SafetyContext, safetyContext } from '@anquan/core/context';
import { sha256Hex } from '@anquan/core/hash';
import { getOutbox, type Outbox } from '@anquan/core/outbox';
import type { AgeBand } from '@anquan/core/profiles';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';
import { isRiskId, type RiskId } from '@anquan/core/taxonomy';
import { ensureT2s } from './keywords/t2s.js';

export type Verdict = 'allow' | 'warn' | 'refuse' | 'suspend';
export type SourceName = 'keyword' | 'classifier' | 'host';
export type Direction = 'input' | 'output';

/** What one source says about a text. */
export interface SourceVerdict {
  source: SourceName;
  verdict: 'allow' | 'warn' | 'refuse';
  risks: RiskId[];
  /** Classifier or host score in [0, 1], when there is one. */
  score?: number;
  /** Set when the source could not answer (the classifier failed to load or to run): why, in English. */
  error?: string;
}

/** The structural part of `KeywordMatcher` the policy needs. */
export interface KeywordSource {
  match(text: string): readonly { term: string; risk: string; start: number; end: number }[];
}

/** The structural part of `PrescreenClassifier` the policy needs. */
export interface ClassifierSource {
  /** Labels with scores, best first; labels are risk IDs or `safe`. */
  classify(text: string): Promise<readonly { label: string; score: number }[]>;
  /**
   * Refusal thresholds per risk ID shipped with the model (PrescreenClassifier: `info.thresholds`,
   * from `config.json` `anquan.thresholds`); read after each `classify()`.
   */
  readonly info?: { readonly thresholds?: Readonly<Record<string, number>>; readonly riskTotal?: number | null } | null;
}

/**
 * A host-plugged third source, typically a call to the host's own server-side moderation service.
 * Return null to abstain. A throwing or rejecting callback is logged and counts as abstaining.
 */
export type HostCheck = (
  text: string,
  info: { direction: Direction; user: string },
) => Promise<{ verdict: 'allow' | 'warn' | 'refuse'; risks?: string[]; score?: number } | null>;

export interface SuspensionThresholds {
  /** Violations in a row that suspend. */
  consecutive: number;
  /** Violations within one calendar day that suspend. */
  perDay: number;
  /** How long a suspension lasts, in minutes. */
  durationMinutes: number;
  /** IANA time zone of the calendar day; '' for the runtime's. */
  timeZone: string;
}

/** Per-user counters as stored (kv store, key `prescreen-counters:<user>`). */
export interface PrescreenCounters {
  consecutive: number;
  /** Violations on `day`. */
  today: number;
  /** The calendar day (`YYYY-MM-DD` in the policy's time zone) `today` counts. */
  day: string;
  /** Epoch ms the suspension ends, or null. */
  suspendedUntil: number | null;
}

/** The detail of `aq-prescreen-decided` and what `check()` resolves to. */
export interface PrescreenDecision {
  verdict: Verdict;
  /** Risk IDs behind a warn/refuse/suspend verdict (unique, in order of the sources). */
  risks: RiskId[];
  /** Sources that said warn or refuse. */
  sources: SourceName[];
  /** Every source's own verdict. */
  details: SourceVerdict[];
  direction: Direction;
  user: string;
  /** ISO time of the decision. */
  at: string;
  /** Counters after this decision (input decisions that count). */
  counters: { consecutive: number; today: number };
  /**
   * True when this decision counted as a violation towards suspension: an input refused by the
   * keyword library or the host's check. A refusal by the classifier alone is refused but not
   * counted (a false positive must not suspend anyone).
   */
  counted: boolean;
  /** Violations left before the suspension applies (the nearer of the two rules), or null when none counted. */
  remaining: number | null;
  /** The suspension length in force for this user (minutes). */
  policyDurationMinutes: number;
  /** Epoch ms the suspension ends (verdict `suspend`), else null. */
  suspendedUntil: number | null;
  /** True when this decision itself started the suspension. */
  suspendedNow: boolean;
  /** Keyword matches (offsets into the text); stays in the page, never sent. */
  matches: { term: string; risk: string; start: number; end: number }[];
  /**
   * Set when the policy has a classifier and it could not answer (it did not load, or inference
   * failed): the error message. The decision then fails closed (`refuse`, not counted) unless the
   * policy was built with `classifierOptional: true`.
   */
  classifierError: string | null;
}

export interface CheckOptions {
  /** `input` (default): a user's input; `output`: generated text (never counts against the user). */
  direction?: Direction;
  /** Count a refusal as a violation (default true for input). Screening while typing passes false. */
  count?: boolean;
  /** Send the decision to the intake endpoint (default: the policy's `send` setting). */
  send?: boolean;
}

export interface PrescreenPolicyOptions {
  keywords?: KeywordSource | null;
  classifier?: ClassifierSource | null;
  host?: HostCheck | null;
  /** The user whose counters apply; default: `getConfig().subject`, else `anonymous`. */
  user?: string | (() => string);
  storage?: AnquanStorage;
  /** The outbox for `prescreen-decision` records; null sends nothing. Default: `getOutbox()`. */
  outbox?: Outbox | null;
  /** The safety context to read the minors band from and to write the suspension to. */
  context?: SafetyContext;
  /** Overrides of `getConfig().thresholds.suspension`. */
  thresholds?: Partial<SuspensionThresholds>;
  /** Stricter thresholds per minors band (the smaller of these and the configured ones applies). */
  minorThresholds?: Partial<Record<AgeBand, Partial<Pick<SuspensionThresholds, 'consecutive' | 'perDay'>> & { classifierRefuse?: number }>>;
  /**
   * Classifier score at or above which a non-safe label refuses, for every label. Default: the
   * per-risk thresholds shipped with the model (`classifier.info.thresholds`), and 0.8 for a label
   * without one.
   */
  classifierRefuse?: number;
  /** Classifier score at or above which a non-safe label warns (default 0.5). */
  classifierWarn?: number;
  /** What a keyword match means (default `refuse`). */
  keywordVerdict?: 'warn' | 'refuse';
  /** Which decisions go to the intake endpoint: `all` (default; the server needs allows to count streaks), `non-allow`, `none`. */
  send?: 'all' | 'non-allow' | 'none';
  /** Where `aq-prescreen-decided` / `aq-prescreen-retracted` events go (default `globalThis` when it is an EventTarget). */
  events?: EventTarget | null;
  /** Clock (tests inject time). */
  now?: () => number;
  /**
   * Let `<aq-prescreen>` send with no source at all (no keywords, classifier or host check), i.e.
   * allow everything. Default false: the element treats a policy without sources as a configuration
   * error and blocks sending. Only for a host that screens entirely on its server.
   */
  allowWithoutSources?: boolean;
  /**
   * What a decision does when the classifier cannot answer (it did not load, or inference failed):
   * false (default) refuses the input (not counted as a violation; `decision.classifierError` says
   * why), so nothing is screened by keywords alone without anyone knowing; true screens with the
   * other sources and still reports `classifierError` (`<aq-prescreen classifier-optional>` shows it).
   */
  classifierOptional?: boolean;
}

/** Default stricter thresholds for younger minors (the configured values are ceilings). */
export const DEFAULT_MINOR_THRESHOLDS: Record<AgeBand, { consecutive: number; perDay: number; classifierRefuse: number }> = {
  'under-3': { consecutive: 1, perDay: 2, classifierRefuse: 0.5 },
  '3-7': { consecutive: 1, perDay: 2, classifierRefuse: 0.5 },
  '8-11': { consecutive: 2, perDay: 3, classifierRefuse: 0.6 },
  '12-15': { consecutive: 2, perDay: 4, classifierRefuse: 0.7 },
  '16-17': { consecutive: 3, perDay: 5, classifierRefuse: 0.8 },
};

const RANK: Record<Verdict, number> = { allow: 0, warn: 1, refuse: 2, suspend: 3 };

/** `YYYY-MM-DD` of `at` in `timeZone` ('' = the runtime's). */
export function calendarDay(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone || undefined,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const localLocks = new Map<string, Promise<unknown>>();

/** Run `fn` under a Web Lock (cross-tab); an in-process queue where Web Locks are missing (Node). */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) return locks.request(name, { mode: 'exclusive' }, fn) as Promise<T>;
  const previous = localLocks.get(name) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  localLocks.set(
    name,
    run.catch(() => undefined),
  );
  return run;
}

function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

/**
 * The pre-screening policy. `check(text)` screens a text with every configured source and
 * resolves to a decision; input refusals count towards suspension.
 *
 * ```ts
 * const policy = new PrescreenPolicy({ keywords: new KeywordMatcher(entries), classifier, host });
 * const d = await policy.check(userText);
 * if (d.verdict === 'refuse' || d.verdict === 'suspend') return; // the text never leaves the page
 * ```
 */
export class PrescreenPolicy {
  keywords: KeywordSource | null;
  classifier: ClassifierSource | null;
  host: HostCheck | null;
  /** The host opted in to sending with no source (see `PrescreenPolicyOptions.allowWithoutSources`). */
  readonly allowWithoutSources: boolean;
  /** See `PrescreenPolicyOptions.classifierOptional`. */
  classifierOptional: boolean;
  private readonly storageOf: AnquanStorage;
  private readonly outbox: Outbox | null;
  private readonly context: SafetyContext;
  private readonly userOf: () => string;
  private readonly options: PrescreenPolicyOptions;
  private readonly now: () => number;
  private readonly events: EventTarget | null;

  constructor(options: PrescreenPolicyOptions = {}) {
    this.options = options;
    this.keywords = options.keywords ?? null;
    this.classifier = options.classifier ?? null;
    this.host = options.host ?? null;
    this.allowWithoutSources = options.allowWithoutSources === true;
    this.classifierOptional = options.classifierOptional === true;
    this.storageOf = options.storage ?? getStorage();
    this.outbox = options.outbox === undefined ? getOutbox() : options.outbox;
    this.context = options.context ?? safetyContext;
    const user = options.user;
    this.userOf = typeof user === 'function' ? user : () => user ?? getConfig().subject ?? 'anonymous';
    this.now = options.now ?? (() => Date.now());
    const g = globalThis as unknown as EventTarget;
    this.events = options.events !== undefined ? options.events : typeof g.dispatchEvent === 'function' ? g : null;
  }

  /** True when at least one source (keywords, classifier, host check) is set. */
  get hasSources(): boolean {
    return !!(this.keywords || this.classifier || this.host);
  }

  /** The storage holding the counters. */
  get storage(): AnquanStorage {
    return this.storageOf;
  }

  private key(user: string): string {
    return `prescreen-counters:${user}`;
  }

  private lockName(user: string): string {
    return `anquan-prescreen:${this.storageOf.name}:${user}`;
  }

  /** The thresholds in force now: the configured ones, made stricter for a younger minor's band. */
  thresholds(): SuspensionThresholds & {
    classifierRefuse: number;
    classifierWarn: number;
    /** Refusal threshold per risk ID (the model's, capped by the minors band); `classifierRefuse` for the others. */
    perRisk: Partial<Record<RiskId, number>>;
    /** Refusal threshold on the summed risk scores (the model's `riskTotal`, capped by the band); null when none. */
    riskTotal: number | null;
  } {
    const base = { ...getConfig().thresholds.suspension, ...this.options.thresholds };
    let classifierRefuse = this.options.classifierRefuse ?? 0.8;
    let classifierWarn = this.options.classifierWarn ?? 0.5;
    let ceiling = 1;
    const band = this.context.get().minorMode.band;
    if (band) {
      const strict = { ...DEFAULT_MINOR_THRESHOLDS[band], ...this.options.minorThresholds?.[band] };
      base.consecutive = Math.min(base.consecutive, strict.consecutive);
      base.perDay = Math.min(base.perDay, strict.perDay);
      ceiling = strict.classifierRefuse;
      classifierRefuse = Math.min(classifierRefuse, ceiling);
      classifierWarn = Math.min(classifierWarn, classifierRefuse);
    }
    // Per-risk thresholds shipped with the model, unless the host set one for every label.
    const perRisk: Partial<Record<RiskId, number>> = {};
    if (this.options.classifierRefuse === undefined)
      for (const [risk, v] of Object.entries(this.classifier?.info?.thresholds ?? {}))
        if (isRiskId(risk) && typeof v === 'number' && v > 0 && v <= 1) perRisk[risk] = Math.min(v, ceiling);
    const total = this.classifier?.info?.riskTotal;
    const riskTotal =
      this.options.classifierRefuse === undefined && typeof total === 'number' && total > 0 ? Math.min(total, ceiling) : null;
    return { ...base, classifierRefuse, classifierWarn, perRisk, riskTotal };
  }

  /** The refusal and warning thresholds for one risk label. */
  private classifierCut(t: ReturnType<PrescreenPolicy['thresholds']>, risk: string): { refuse: number; warn: number } {
    const refuse = (isRiskId(risk) ? t.perRisk[risk] : undefined) ?? t.classifierRefuse;
    return { refuse, warn: Math.min(t.classifierWarn, refuse) };
  }

  /** The stored counters of `user` (default: the policy's user), as of now. */
  async counters(user = this.userOf()): Promise<PrescreenCounters> {
    const stored = await this.storageOf.get<PrescreenCounters>('kv', this.key(user));
    return this.current(stored);
  }

  private current(stored: PrescreenCounters | undefined): PrescreenCounters {
    const { timeZone } = this.thresholds();
    const now = this.now();
    const day = calendarDay(now, timeZone);
    const c: PrescreenCounters = stored ? { ...stored } : { consecutive: 0, today: 0, day, suspendedUntil: null };
    if (c.day !== day) {
      c.day = day;
      c.today = 0;
    }
    if (c.suspendedUntil !== null && c.suspendedUntil <= now) c.suspendedUntil = null;
    return c;
  }

  /** Epoch ms the user's suspension ends, or null when not suspended. */
  async suspendedUntil(user = this.userOf()): Promise<number | null> {
    return (await this.counters(user)).suspendedUntil;
  }

  /** End a suspension and reset the counters (an operator's decision, e.g. after an appeal). */
  async reset(user = this.userOf()): Promise<void> {
    await withLock(this.lockName(user), () => this.storageOf.delete('kv', this.key(user)));
    await this.context.update({ suspension: { suspended: false, until: null, reason: null } });
  }

  /** Ask every source about `text`. */
  async screen(text: string, direction: Direction = 'input'): Promise<{ details: SourceVerdict[]; matches: PrescreenDecision['matches'] }> {
    const details: SourceVerdict[] = [];
    // Traditional input waits for the traditional→simplified table (its own chunk): never unscreened.
    if (this.keywords) await ensureT2s(text);
    const matches = this.keywords ? this.keywords.match(text).map((m) => ({ term: m.term, risk: m.risk, start: m.start, end: m.end })) : [];
    if (this.keywords) {
      const risks = uniq(matches.map((m) => m.risk)).filter(isRiskId);
      details.push({ source: 'keyword', verdict: risks.length ? (this.options.keywordVerdict ?? 'refuse') : 'allow', risks });
    }
    const user = this.userOf();
    const [cls, host] = await Promise.all([
      this.classifier
        ? this.classifier.classify(text).then(
            (labels) => ({ labels, error: null }),
            (err: unknown) => {
              const error = err instanceof Error ? err.message : String(err);
              console.error(
                `[anquan] prescreen: the classifier failed; ${this.classifierOptional ? 'screening without it (classifierOptional)' : 'refusing the input (fail closed)'}`,
                err,
              );
              return { labels: null, error };
            },
          )
        : null,
      this.host
        ? Promise.resolve()
            .then(() => this.host?.(text, { direction, user }) ?? null)
            .catch((err: unknown) => {
              console.error('[anquan] prescreen: the host check failed; screening without it', err);
              return null;
            })
        : null,
    ]);
    if (cls?.error) {
      details.push({ source: 'classifier', verdict: this.classifierOptional ? 'allow' : 'refuse', risks: [], error: cls.error });
    } else if (cls?.labels) {
      // Each risk label against its own threshold: the highest-scoring label over its refusal
      // threshold refuses; else the highest over its warning threshold warns.
      const t = this.thresholds();
      const risky = cls.labels.filter((l) => l.label !== 'safe' && isRiskId(l.label)).sort((a, b) => b.score - a.score);
      const total = risky.reduce((sum, l) => sum + l.score, 0);
      const refused =
        risky.find((l) => l.score >= this.classifierCut(t, l.label).refuse) ??
        (t.riskTotal !== null && total >= t.riskTotal ? risky[0] : undefined);
      const warned = refused ? undefined : risky.find((l) => l.score >= this.classifierCut(t, l.label).warn);
      const top = refused ?? warned ?? risky[0];
      const score = top?.score ?? 0;
      const verdict = refused ? 'refuse' : warned ? 'warn' : 'allow';
      details.push({ source: 'classifier', verdict, risks: verdict === 'allow' || !top ? [] : [top.label as RiskId], score });
    }
    if (host) {
      const risks = uniq(host.risks ?? []).filter(isRiskId);
      const verdict = host.verdict === 'refuse' || host.verdict === 'warn' ? host.verdict : 'allow';
      details.push({ source: 'host', verdict, risks, ...(host.score !== undefined ? { score: host.score } : {}) });
    }
    return { details, matches };
  }

  /**
   * Screen `text` and decide. A refused input counts as a violation; the violation that reaches
   * the threshold suspends (verdict `suspend`), and while suspended every input is `suspend`
   * without being screened. Emits `aq-prescreen-decided` and sends a `prescreen-decision` record
   * (never the text; its SHA-256 only).
   */
  async check(text: string, options: CheckOptions = {}): Promise<PrescreenDecision> {
    const direction = options.direction ?? 'input';
    const count = options.count ?? direction === 'input';
    const user = this.userOf();
    const t = this.thresholds();

    const before = await this.counters(user);
    let details: SourceVerdict[] = [];
    let matches: PrescreenDecision['matches'] = [];
    let verdict: Verdict;
    if (direction === 'input' && before.suspendedUntil !== null) {
      verdict = 'suspend';
    } else {
      ({ details, matches } = await this.screen(text, direction));
      verdict = details.reduce<Verdict>((v, d) => (RANK[d.verdict] > RANK[v] ? d.verdict : v), 'allow');
    }
    const flagged = details.filter((d) => d.verdict !== 'allow');
    const risks = uniq(flagged.flatMap((d) => d.risks));
    const sources = uniq(flagged.map((d) => d.source));

    // A violation is an input the keyword library or the host's check refused; the classifier alone
    // refuses the input but does not count towards suspension.
    const countsAsViolation =
      verdict === 'refuse' && flagged.some((d) => d.verdict === 'refuse' && (d.source === 'keyword' || d.source === 'host'));
    let counters = { consecutive: before.consecutive, today: before.today };
    let suspendedUntil = before.suspendedUntil;
    let suspendedNow = false;
    if (count && direction === 'input' && verdict !== 'suspend') {
      const after = await withLock(this.lockName(user), async () => {
        const c = this.current(await this.storageOf.get<PrescreenCounters>('kv', this.key(user)));
        let startedSuspension = false;
        if (c.suspendedUntil !== null) {
          // Another tab suspended the user meanwhile.
        } else if (countsAsViolation) {
          c.consecutive += 1;
          c.today += 1;
          if (c.consecutive >= t.consecutive || c.today >= t.perDay) {
            c.suspendedUntil = this.now() + t.durationMinutes * 60_000;
            c.consecutive = 0;
            startedSuspension = true;
          }
        } else if (verdict === 'allow') {
          // Only an allowed input ends a run of violations; a warning or an uncounted refusal does not.
          c.consecutive = 0;
        }
        await this.storageOf.put('kv', c, this.key(user));
        return { c, startedSuspension };
      });
      counters = { consecutive: after.c.consecutive, today: after.c.today };
      suspendedUntil = after.c.suspendedUntil;
      suspendedNow = after.startedSuspension;
      if (suspendedUntil !== null) verdict = 'suspend';
    }
    if (suspendedNow && suspendedUntil !== null) {
      await this.context.update({ suspension: { suspended: true, until: suspendedUntil, reason: 'prescreen-violations' } });
    }

    const decision: PrescreenDecision = {
      verdict,
      risks,
      sources,
      details,
      direction,
      user,
      at: new Date(this.now()).toISOString(),
      counters,
      counted: countsAsViolation && count && direction === 'input',
      policyDurationMinutes: t.durationMinutes,
      remaining:
        countsAsViolation && count && verdict !== 'suspend'
          ? Math.max(0, Math.min(t.consecutive - counters.consecutive, t.perDay - counters.today))
          : null,
      suspendedUntil: verdict === 'suspend' ? suspendedUntil : null,
      suspendedNow,
      matches,
      classifierError: details.find((d) => d.source === 'classifier' && d.error)?.error ?? null,
    };
    this.dispatch('aq-prescreen-decided', decision);
    const mode = this.options.send ?? 'all';
    const send = options.send ?? (mode === 'all' || (mode === 'non-allow' && verdict !== 'allow'));
    if (send && this.outbox) await this.record(decision, text);
    return decision;
  }

  private async record(d: PrescreenDecision, text: string): Promise<void> {
    const payload: Record<string, unknown> = {
      verdict: d.verdict,
      risks: d.risks.slice(0, 40),
      sources: d.sources,
      direction: d.direction,
      at: d.at,
      textSha256: await sha256Hex(text),
      counters: d.counters,
    };
    if (d.suspendedUntil !== null) payload.suspendedUntil = new Date(d.suspendedUntil).toISOString();
    try {
      await this.outbox?.enqueue('prescreen-decision', payload);
    } catch (err) {
      console.error('[anquan] prescreen: could not queue the decision record', err);
    }
  }

  private dispatch(name: 'aq-prescreen-decided' | 'aq-prescreen-retracted', detail: unknown): void {
    if (!this.events || typeof CustomEvent === 'undefined') return;
    this.events.dispatchEvent(new CustomEvent(name, { detail }));
  }

  /**
   * Screen generated text as it streams, before it is shown: each chunk is yielded only after the
   * text so far passed the keyword matcher; a keyword hit stops the stream (no further chunk is
   * shown). At the end the whole reply goes through every source; a refusal then retracts the
   * reply already shown (`onRetract` and an `aq-prescreen-retracted` event).
   */
  async *screenStream(
    chunks: AsyncIterable<string> | Iterable<string>,
    options: { replyId?: string; onRetract?: (d: PrescreenDecision) => void; onBlocked?: (d: PrescreenDecision) => void } = {},
  ): AsyncGenerator<string, PrescreenDecision, void> {
    const replyId = options.replyId ?? `r${Math.random().toString(36).slice(2)}`;
    let text = '';
    for await (const chunk of chunks) {
      text += chunk;
      if (this.keywords) await ensureT2s(text);
      if (this.keywords?.match(text).some((m) => isRiskId(m.risk))) {
        const d = await this.check(text, { direction: 'output' });
        if (d.verdict === 'refuse' || d.verdict === 'warn') {
          options.onBlocked?.(d);
          if (text.length > chunk.length) this.retract(replyId, d, options.onRetract);
          return d;
        }
      }
      yield chunk;
    }
    const final = await this.check(text, { direction: 'output' });
    if (final.verdict === 'refuse') this.retract(replyId, final, options.onRetract);
    return final;
  }

  /** Retract a reply already shown (a later verdict refused it): calls `onRetract` and emits `aq-prescreen-retracted`. */
  retract(replyId: string, decision: PrescreenDecision, onRetract?: (d: PrescreenDecision) => void): void {
    onRetract?.(decision);
    this.dispatch('aq-prescreen-retracted', { replyId, decision });
  }
}
