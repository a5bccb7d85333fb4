// The durable outbox: an IndexedDB-backed queue that POSTs JSON records to the configured intake
// endpoint with an idempotency key. It retries with backoff on network errors, 5xx and time-outs,
// and again on `online` and `visibilitychange`; it survives reloads (an item leaves the queue only
// after a 2xx); two tabs never send the same item at once (Web Locks). With the server's
// de-duplication of idempotency keys this gives exactly-once delivery.
import { getConfig } from './config.js';
import { emitGlobal, randomId } from './global-events.js';
import { type AnquanStorage, getStorage } from './storage.js';
import { VERSION } from './version.js';

/** The record kinds of the intake contract and their paths. */
export const RECORD_PATHS = {
  report: '/v1/reports',
  'ledger-record': '/v1/ledger-records',
  'minor-mode-event': '/v1/minor-mode-events',
  'prescreen-decision': '/v1/prescreen-decisions',
} as const;
export type RecordKind = keyof typeof RECORD_PATHS;

export interface Envelope<P = unknown> {
  id: string;
  kind: RecordKind;
  createdAt: string;
  sdkVersion: string;
  profile: 'cn' | 'eu';
  subject?: string;
  payload: P;
  chainHead?: { ledger: string; seq: number; hash: string };
}

export interface OutboxItem<P = unknown> {
  id: string;
  kind: RecordKind;
  body: Envelope<P>;
  /** Send attempts so far. */
  attempts: number;
  /** Epoch ms before which the item is not retried. */
  nextAttemptAt: number;
  /** `pending` until sent; `rejected` when the server refused it (4xx): kept, never dropped silently. */
  state: 'pending' | 'rejected';
  lastError?: string;
  /** Endpoint override for this item (else the configured endpoint at send time). */
  endpoint?: string;
}

export interface SentDetail {
  id: string;
  kind: RecordKind;
  status: number;
  response: unknown;
}

export interface RejectedDetail {
  id: string;
  kind: RecordKind;
  status: number;
  message: string;
}

export interface OutboxOptions {
  storage?: AnquanStorage;
  /** Endpoint base URL; default: `getConfig().endpoint`. */
  endpoint?: () => string | null;
  /** Per-request time-out in ms (default 15 s). */
  timeoutMs?: number;
  /** First retry delay in ms (default 1 s); doubles per attempt with jitter. */
  baseDelayMs?: number;
  /** Longest retry delay in ms (default 5 min). */
  maxDelayMs?: number;
  fetch?: typeof fetch;
}

const RETRYABLE = new Set([408, 425, 429]);

type Waiter = { resolve: (d: SentDetail) => void; reject: (e: Error) => void };

export class Outbox {
  private readonly storage: AnquanStorage;
  private readonly endpointOf: () => string | null;
  private readonly timeoutMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly fetchFn: typeof fetch;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | null = null;
  private again = false;
  private ignoreBackoff = false;
  private started = false;
  private warnedNoEndpoint = false;
  private readonly waiters = new Map<string, Waiter[]>();
  private channel: BroadcastChannel | null = null;

  constructor(options: OutboxOptions = {}) {
    this.storage = options.storage ?? getStorage();
    this.endpointOf = options.endpoint ?? (() => getConfig().endpoint);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
    this.fetchFn = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  private get lockName(): string {
    return `anquan-outbox:${this.storage.name}`;
  }

  /** Listen for `online`, `visibilitychange` and other tabs; flush what a previous page left. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const g = globalThis as unknown as EventTarget & { document?: Document };
    if (typeof g.addEventListener === 'function') {
      g.addEventListener('online', () => this.kick(true));
      g.document?.addEventListener('visibilitychange', () => {
        if (g.document?.visibilityState === 'visible') this.kick(true);
      });
    }
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(`${this.lockName}:sent`);
      this.channel.onmessage = (e: MessageEvent<SentDetail | RejectedDetail>) => this.settle(e.data);
    }
    this.kick();
  }

  /** Persist a record and schedule sending. Resolves once the record is stored (not sent). */
  async enqueue<P>(kind: RecordKind, payload: P, extra: { chainHead?: Envelope['chainHead']; id?: string; endpoint?: string } = {}): Promise<OutboxItem<P>> {
    if (!(kind in RECORD_PATHS)) throw new TypeError(`[anquan] outbox: unknown record kind "${kind}"`);
    const config = getConfig();
    const id = extra.id ?? randomId();
    const body: Envelope<P> = {
      id,
      kind,
      createdAt: new Date().toISOString(),
      sdkVersion: VERSION,
      profile: config.id,
      ...(config.subject ? { subject: config.subject } : {}),
      payload,
      ...(extra.chainHead ? { chainHead: extra.chainHead } : {}),
    };
    const item: OutboxItem<P> = { id, kind, body, attempts: 0, nextAttemptAt: 0, state: 'pending', ...(extra.endpoint ? { endpoint: extra.endpoint } : {}) };
    await this.storage.put('outbox', item);
    this.start();
    this.kick();
    return item;
  }

  /** Resolves when the item is sent (from this tab or another), rejects if the server refuses it. */
  waitFor(id: string): Promise<SentDetail> {
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(id) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(id, list);
    });
  }

  private settle(detail: SentDetail | RejectedDetail): void {
    const list = this.waiters.get(detail.id);
    if (!list) return;
    this.waiters.delete(detail.id);
    for (const w of list) {
      if ('response' in detail) w.resolve(detail);
      else w.reject(new Error(`[anquan] outbox: the server rejected ${detail.kind} ${detail.id} (${detail.status}): ${detail.message}`));
    }
  }

  /** Items not yet sent (pending and rejected). */
  async items(): Promise<OutboxItem[]> {
    return this.storage.getAll<OutboxItem>('outbox');
  }

  /** Ask for a flush now; `ignoreBackoff` retries waiting items at once (back online, page visible). */
  kick(ignoreBackoff = false): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (ignoreBackoff) this.ignoreBackoff = true;
    void this.flush();
  }

  /**
   * Send every due item. Only one tab flushes at a time (Web Lock); a second call while flushing runs
   * once more after the current pass, so nothing enqueued meanwhile waits for the next trigger.
   */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        do {
          this.again = false;
          await this.withLock(() => this.sendDue());
        } while (this.again);
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  private async withLock(fn: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (locks?.request) await locks.request(this.lockName, { mode: 'exclusive' }, fn);
    else await fn();
  }

  private async sendDue(): Promise<void> {
    const base = this.endpointOf();
    const ignoreBackoff = this.ignoreBackoff;
    this.ignoreBackoff = false;
    const items = (await this.storage.getAll<OutboxItem>('outbox')).filter((i) => i.state === 'pending');
    let nextDue = Number.POSITIVE_INFINITY;
    for (const listed of items) {
      // Re-read under the lock: another tab may have sent it since we listed it.
      const item = await this.storage.get<OutboxItem>('outbox', listed.id);
      if (item?.state !== 'pending') continue;
      const endpoint = item.endpoint ?? base;
      if (!endpoint) {
        if (!this.warnedNoEndpoint) {
          this.warnedNoEndpoint = true;
          console.warn('[anquan] outbox: no endpoint configured (configure({ endpoint })); records stay queued in this browser.');
        }
        return;
      }
      if (!ignoreBackoff && item.nextAttemptAt > Date.now()) {
        nextDue = Math.min(nextDue, item.nextAttemptAt);
        continue;
      }
      const next = await this.sendOne(item, endpoint);
      if (next !== null) nextDue = Math.min(nextDue, next);
    }
    if (Number.isFinite(nextDue)) this.schedule(nextDue - Date.now());
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.max(0, delay));
  }

  /** Send one item; returns when to retry (epoch ms) or null when done. */
  private async sendOne(item: OutboxItem, endpoint: string): Promise<number | null> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let status = 0;
    let error: string;
    let retryAfter = 0;
    try {
      const res = await this.fetchFn(`${endpoint}${RECORD_PATHS[item.kind]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': item.id },
        body: JSON.stringify(item.body),
        signal: controller.signal,
        keepalive: JSON.stringify(item.body).length < 60_000,
        credentials: 'same-origin',
      });
      status = res.status;
      const text = await res.text();
      let response: unknown = text;
      try {
        response = text ? JSON.parse(text) : null;
      } catch {
        // A non-JSON answer is passed on as text.
      }
      if (res.ok) {
        await this.storage.delete('outbox', item.id);
        const detail: SentDetail = { id: item.id, kind: item.kind, status, response };
        this.settle(detail);
        this.channel?.postMessage(detail);
        emitGlobal('aq-outbox-sent', detail);
        return null;
      }
      const message = (response as { message?: string } | null)?.message ?? (typeof response === 'string' ? response : res.statusText);
      if (status < 500 && !RETRYABLE.has(status)) {
        await this.storage.put('outbox', { ...item, state: 'rejected', lastError: `${status} ${message}` });
        const detail: RejectedDetail = { id: item.id, kind: item.kind, status, message };
        this.settle(detail);
        this.channel?.postMessage(detail);
        console.error(`[anquan] outbox: the server rejected ${item.kind} ${item.id}: ${status} ${message}`);
        emitGlobal('aq-outbox-rejected', detail);
        return null;
      }
      retryAfter = Number(res.headers.get('retry-after')) * 1000 || 0;
      error = `${status} ${message}`;
    } catch (err) {
      error = controller.signal.aborted ? `timed out after ${this.timeoutMs} ms` : String((err as Error)?.message ?? err);
    } finally {
      clearTimeout(timer);
    }
    const attempts = item.attempts + 1;
    const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(attempts - 1, 20));
    const delay = Math.max(retryAfter, backoff * (0.5 + Math.random() * 0.5));
    const nextAttemptAt = Date.now() + delay;
    await this.storage.put('outbox', { ...item, attempts, nextAttemptAt, lastError: error });
    emitGlobal('aq-outbox-retry', { id: item.id, kind: item.kind, attempts, status, error, nextAttemptAt });
    return nextAttemptAt;
  }
}

let shared: Outbox | null = null;

/** The SDK's shared outbox (storage "anquan", the configured endpoint), created on first use. */
export function getOutbox(): Outbox {
  shared ??= new Outbox();
  return shared;
}
