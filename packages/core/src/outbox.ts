// The durable outbox: an IndexedDB-backed queue that POSTs JSON records to the configured intake
// endpoint with an idempotency key. It survives reloads (an item leaves the queue only after a 2xx);
// two tabs never send the same item at once (Web Locks). With the server's de-duplication of
// idempotency keys this gives exactly-once delivery.
//
// What each answer does (docs/intake.md has the table): a record is final (`rejected`, kept in the
// dead-letter store, `aq-outbox-rejected`) only for 400/422, a validation error of that record, and
// 409 `idempotency_conflict`. Everything else keeps it queued: network errors, time-outs, 404 (the
// endpoint is not deployed yet), 401/403, 408, 409 `chain_*` (after re-queueing the chain's missing
// records), 429 and 503 (after Retry-After), other 5xx: with backoff, and at once on `online`,
// `visibilitychange` and a page load. 413 holds the item until the host acts (`release()`).
import { getConfig } from './config-state.js';
import { emitGlobal, randomId } from './global-events.js';
import { defineMessages, type Locale } from './i18n.js';
import { ledgerItemId } from './ledger.js';
import { noteServerDate } from './server-clock.js';
import { type AnquanStorage, getStorage } from './storage.js';
import { VERSION } from './version.js';

/** The record kinds of the intake contract and their paths. */
export const RECORD_PATHS = {
  report: '/v1/reports',
  'ledger-record': '/v1/ledger-records',
  'minor-mode-event': '/v1/minor-mode-events',
  'prescreen-decision': '/v1/prescreen-decisions',
  'unlabelled-copy': '/v1/unlabelled-copies',
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
  chainHead?: { ledger: string; chain: string; seq: number; hash: string };
}

/**
 * A stable code for why a record is not sent yet or was refused: the server's `error` code, or one
 * of the client's (`network`, `timeout`, `no_endpoint`, `not_found`, `http_<status>`). User-facing
 * text comes from `outboxErrorMessage(code, locale)`.
 */
export type OutboxErrorCode = string;

export interface OutboxItem<P = unknown> {
  id: string;
  kind: RecordKind;
  body: Envelope<P>;
  /** Send attempts so far. */
  attempts: number;
  /** Epoch ms before which the item is not retried. */
  nextAttemptAt: number;
  /** `pending` until sent; `rejected` when the server refused this record for good: kept, never dropped silently. */
  state: 'pending' | 'rejected';
  /** Set on a pending item that waits for the host (413: too large for the intake): not retried until `release()`. */
  held?: 'too_large';
  lastError?: string;
  /** Code of the last error (see OutboxErrorCode). */
  lastCode?: OutboxErrorCode;
  lastStatus?: number;
  /** When it was queued (epoch ms); the send order, with the chain seq for ledger records. */
  queuedAt?: number;
  /** Bytes of the JSON body. */
  size?: number;
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
  code: OutboxErrorCode;
  message: string;
}

export interface RetryDetail {
  id: string;
  kind: string;
  attempts: number;
  status: number;
  code: OutboxErrorCode;
  error: string;
  nextAttemptAt: number;
}

export interface HeldDetail {
  id: string;
  kind: RecordKind;
  status: number;
  code: OutboxErrorCode;
  message: string;
}

export interface CapacityDetail {
  items: number;
  bytes: number;
  maxItems: number;
  maxBytes: number;
  /** True when the outbox is full and the record `refusedId` was not queued (nothing queued is ever dropped). */
  full: boolean;
  refusedId?: string;
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
  /** Size cap: at most this many items (default 5,000) and bytes (default 50 MB) queued, rejected ones included. */
  maxItems?: number;
  maxBytes?: number;
  /** Share of the cap at which `aq-outbox-capacity-reached` warns (default 0.8). */
  warnAt?: number;
  fetch?: typeof fetch;
}

/** An outbox error with a code the UI can localise (`outboxErrorMessage`). */
export class OutboxError extends Error {
  readonly code: OutboxErrorCode;
  readonly status: number;
  constructor(code: OutboxErrorCode, status: number, message: string) {
    super(message);
    this.name = 'OutboxError';
    this.code = code;
    this.status = status;
  }
}

/** zh-CN and en text for every outbox error code. */
export const outboxMessages = defineMessages({
  'zh-CN': {
    network: '网络不可用，记录已保存在本机，联网后自动发送。',
    timeout: '服务器响应超时，记录已保存，稍后自动重试。',
    no_endpoint: '尚未配置接收地址，记录已保存在本机。',
    not_found: '接收服务暂不可用（404），记录已保存，稍后自动重试。',
    unauthorized: '接收服务要求登录（401），记录已保存，登录后自动重试。',
    forbidden: '接收服务拒绝访问（403），记录已保存，稍后自动重试。',
    too_large: '内容超过服务器允许的大小，记录已保存，请删减附件后重试或联系服务提供者。',
    rate_limited: '提交过于频繁，记录已保存，稍后自动发送。',
    busy: '服务器繁忙，记录已保存，稍后自动重试。',
    unavailable: '服务器暂时无法保存，记录已保存在本机，稍后自动重试。',
    server_error: '服务器出错，记录已保存，稍后自动重试。',
    invalid: '服务器认为内容不完整或格式有误，未能受理：{message}',
    bad_json: '提交的内容格式有误，未能受理。',
    too_deep: '提交的内容结构过深，未能受理。',
    idempotency_conflict: '同一编号已用于另一条记录，未能受理。',
    chain_gap: '记录需按顺序同步，正在补发之前的记录。',
    chain_rewritten: '本机记录与服务器已存记录不一致，服务器拒绝改写，记录保留在本机。',
    chain_unknown: '服务器不认识这条记录链，记录已保存，稍后重试。',
    capacity: '本机待发送记录已满，新记录未能保存，请联网后再试。',
    unknown: '提交失败（{status}），记录已保存，稍后自动重试。',
  },
  en: {
    network: 'No network: the record is saved on this device and is sent once online.',
    timeout: 'The server did not answer in time: the record is saved and is retried.',
    no_endpoint: 'No endpoint is configured: the record is saved on this device.',
    not_found: 'The intake is not available (404): the record is saved and is retried.',
    unauthorized: 'The intake asks you to sign in (401): the record is saved and is retried.',
    forbidden: 'The intake refused access (403): the record is saved and is retried.',
    too_large: 'The record is larger than the server accepts: it is saved; remove attachments and retry, or contact the provider.',
    rate_limited: 'Too many submissions at once: the record is saved and is sent shortly.',
    busy: 'The server is busy: the record is saved and is retried.',
    unavailable: 'The server cannot store records right now: the record is saved on this device and is retried.',
    server_error: 'The server failed: the record is saved and is retried.',
    invalid: 'The server found the record incomplete or malformed and did not accept it: {message}',
    bad_json: 'The record was malformed and was not accepted.',
    too_deep: 'The record was nested too deeply and was not accepted.',
    idempotency_conflict: 'This id was already used for another record; it was not accepted.',
    chain_gap: 'Records are synchronised in order: the earlier ones are being sent first.',
    chain_rewritten:
      'This device’s record differs from the one the server holds; the server refuses to rewrite it. The record is kept here.',
    chain_unknown: 'The server does not know this chain of records: the record is saved and is retried.',
    capacity: 'The outbox on this device is full: the new record was not saved. Go online and try again.',
    unknown: 'Sending failed ({status}): the record is saved and is retried.',
  },
});
export type OutboxMessageKey = keyof (typeof outboxMessages.tables)['en'];

/** The user-facing text of an outbox error code, in zh-CN or en. */
export function outboxErrorMessage(code: OutboxErrorCode, locale: Locale, params: { status?: number; message?: string } = {}): string {
  const key: OutboxMessageKey =
    code in outboxMessages.tables.en ? (code as OutboxMessageKey) : code === 'http_401' ? 'unauthorized' : 'unknown';
  return outboxMessages(locale, key, { status: params.status ?? 0, message: params.message ?? '' });
}

/** The code a status stands for when the server gave none. */
function codeOf(status: number, serverCode: unknown): OutboxErrorCode {
  if (typeof serverCode === 'string' && /^[a-z_]{2,40}$/.test(serverCode) && serverCode !== 'injected') return serverCode;
  if (status === 404) return 'not_found';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server_error';
  return `http_${status}`;
}

/** Final: the server refused this record for good. Everything else is retried (or held for 413). */
function isFinal(status: number, code: OutboxErrorCode): boolean {
  return status === 400 || status === 422 || (status === 409 && code === 'idempotency_conflict');
}

/** Retry-After in ms (seconds or an HTTP date), or 0. */
function retryAfterMs(value: string | null): number {
  if (!value) return 0;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

type Waiter = { resolve: (d: SentDetail) => void; reject: (e: Error) => void };

export class Outbox {
  private readonly storage: AnquanStorage;
  private readonly endpointOf: () => string | null;
  private readonly timeoutMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  readonly maxItems: number;
  readonly maxBytes: number;
  private readonly warnAt: number;
  private readonly fetchFn: typeof fetch;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | null = null;
  private again = false;
  private ignoreBackoff = false;
  private started = false;
  private warnedNoEndpoint = false;
  private warned = false;
  private usage: { items: number; bytes: number; at: number } | null = null;
  private readonly waiters = new Map<string, Waiter[]>();
  private channel: BroadcastChannel | null = null;
  private order = 0;

  constructor(options: OutboxOptions = {}) {
    this.storage = options.storage ?? getStorage();
    this.endpointOf = options.endpoint ?? (() => getConfig().endpoint);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
    this.maxItems = options.maxItems ?? 5000;
    this.maxBytes = options.maxBytes ?? 50_000_000;
    this.warnAt = options.warnAt ?? 0.8;
    this.fetchFn = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  private get lockName(): string {
    return `anquan-outbox:${this.storage.name}`;
  }

  /** Listen for `online`, `visibilitychange` and other tabs; send at once what a previous page left. */
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
    this.kick(true);
  }

  /** Items and bytes queued (pending and rejected), re-read from storage now and then (other tabs add too). */
  private async measure(): Promise<{ items: number; bytes: number }> {
    if (!this.usage || Date.now() - this.usage.at > 5000) {
      const all = await this.storage.getAll<OutboxItem>('outbox');
      this.usage = { items: all.length, bytes: all.reduce((n, i) => n + (i.size ?? 0), 0), at: Date.now() };
    }
    return this.usage;
  }

  /**
   * Persist a record and schedule sending. Resolves once the record is stored (not sent). Rejects
   * with OutboxError `capacity` when the outbox is full (after `aq-outbox-capacity-reached` warned
   * at `warnAt` of the cap): nothing already queued is dropped to make room.
   */
  async enqueue<P>(
    kind: RecordKind,
    payload: P,
    extra: { chainHead?: Envelope['chainHead']; id?: string; endpoint?: string; subject?: string | null } = {},
  ): Promise<OutboxItem<P>> {
    if (!(kind in RECORD_PATHS)) throw new TypeError(`[anquan] outbox: unknown record kind "${kind}"`);
    const config = getConfig();
    const id = extra.id ?? randomId();
    const subject = extra.subject === undefined ? config.subject : (extra.subject ?? undefined);
    const body: Envelope<P> = {
      id,
      kind,
      createdAt: new Date().toISOString(),
      sdkVersion: VERSION,
      profile: config.id,
      ...(subject ? { subject } : {}),
      payload,
      ...(extra.chainHead ? { chainHead: extra.chainHead } : {}),
    };
    const size = JSON.stringify(body).length;
    const usage = await this.measure();
    const existing = await this.storage.get<OutboxItem>('outbox', id);
    if (!existing) {
      const items = usage.items + 1;
      const bytes = usage.bytes + size;
      if (items > this.maxItems || bytes > this.maxBytes) {
        const detail: CapacityDetail = {
          items: usage.items,
          bytes: usage.bytes,
          maxItems: this.maxItems,
          maxBytes: this.maxBytes,
          full: true,
          refusedId: id,
        };
        emitGlobal('aq-outbox-capacity-reached', detail);
        throw new OutboxError(
          'capacity',
          0,
          `[anquan] outbox: full (${usage.items} items, ${usage.bytes} bytes): ${kind} ${id} was not queued`,
        );
      }
      if (!this.warned && (items >= this.maxItems * this.warnAt || bytes >= this.maxBytes * this.warnAt)) {
        this.warned = true;
        console.warn(
          `[anquan] outbox: ${items} items, ${bytes} bytes queued: near the cap (${this.maxItems} items, ${this.maxBytes} bytes)`,
        );
        emitGlobal('aq-outbox-capacity-reached', {
          items,
          bytes,
          maxItems: this.maxItems,
          maxBytes: this.maxBytes,
          full: false,
        } satisfies CapacityDetail);
      }
      usage.items = items;
      usage.bytes = bytes;
    } else if (existing.state === 'pending') {
      // Queued already (the same id again: a re-sync or a repaired report): keep the first copy.
      this.start();
      this.kick();
      return existing as OutboxItem<P>;
    }
    const item: OutboxItem<P> = {
      id,
      kind,
      body,
      attempts: 0,
      nextAttemptAt: 0,
      state: 'pending',
      queuedAt: Date.now() + (this.order++ % 1000) / 1000,
      size,
      ...(extra.endpoint ? { endpoint: extra.endpoint } : {}),
    };
    await this.storage.put('outbox', item);
    this.start();
    this.kick();
    return item;
  }

  /** Resolves when the item is sent (from this tab or another), rejects with OutboxError if the server refuses it. */
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
      else
        w.reject(
          new OutboxError(
            detail.code,
            detail.status,
            `[anquan] outbox: the server rejected ${detail.kind} ${detail.id} (${detail.status} ${detail.code}): ${detail.message}`,
          ),
        );
    }
  }

  /** Items not yet sent (pending, held and rejected). */
  async items(): Promise<OutboxItem[]> {
    return this.storage.getAll<OutboxItem>('outbox');
  }

  /** The dead-letter store: records the server refused for good, oldest first. */
  async rejected(): Promise<OutboxItem[]> {
    return (await this.items()).filter((i) => i.state === 'rejected').sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0));
  }

  /** The dead-letter store as JSON-ready data for the host (to file, fix or resend elsewhere). */
  async exportRejected(): Promise<{ exportedAt: string; items: OutboxItem[] }> {
    return { exportedAt: new Date().toISOString(), items: await this.rejected() };
  }

  /** Remove one rejected or held item for good (the host has exported or handled it). Returns whether it was there. */
  async discard(id: string): Promise<boolean> {
    const item = await this.storage.get<OutboxItem>('outbox', id);
    if (!item || (item.state === 'pending' && !item.held)) return false;
    await this.storage.delete('outbox', id);
    this.usage = null;
    return true;
  }

  /** Send held (413) items again, or one item by id (also a rejected one, after the host fixed the cause). */
  async release(id?: string): Promise<number> {
    let n = 0;
    for (const item of await this.items()) {
      if (id ? item.id !== id : !item.held) continue;
      const { held: _h, ...rest } = item;
      await this.storage.put('outbox', { ...rest, state: 'pending', nextAttemptAt: 0 });
      n++;
    }
    if (n) this.kick(true);
    return n;
  }

  /** Ask for a flush now; `ignoreBackoff` retries waiting items at once (back online, page visible, page load). */
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
    // Oldest first; a chain's records in seq order. A chain whose record did not go through is not
    // sent further in this pass (the server takes each chain in order).
    const items = (await this.storage.getAll<OutboxItem>('outbox'))
      .filter((i) => i.state === 'pending' && !i.held)
      .sort((a, b) => {
        const ca = a.body.chainHead;
        const cb = b.body.chainHead;
        if (ca && cb && ca.chain === cb.chain) return ca.seq - cb.seq;
        return (a.queuedAt ?? 0) - (b.queuedAt ?? 0) || a.body.createdAt.localeCompare(b.body.createdAt);
      });
    const blocked = new Set<string>();
    let nextDue = Number.POSITIVE_INFINITY;
    for (const listed of items) {
      const chain = listed.body.chainHead?.chain;
      if (chain && blocked.has(chain)) continue;
      // Re-read under the lock: another tab may have sent it since we listed it.
      const item = await this.storage.get<OutboxItem>('outbox', listed.id);
      if (item?.state !== 'pending' || item.held) continue;
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
        if (chain) blocked.add(chain);
        continue;
      }
      const next = await this.sendOne(item, endpoint);
      if (next !== null) {
        nextDue = Math.min(nextDue, next);
        if (chain) blocked.add(chain);
      }
    }
    if (Number.isFinite(nextDue)) this.schedule(nextDue - Date.now());
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.max(0, delay));
  }

  /**
   * After 409 chain_gap: queue again every record of the chain from the seq the server expects up
   * to this one that is not queued (a lost or discarded item), from this browser's ledger.
   */
  private async resync(item: OutboxItem, expectedSeq: number): Promise<number> {
    const head = item.body.chainHead;
    if (!head || !Number.isInteger(expectedSeq) || expectedSeq < 0 || expectedSeq >= head.seq) return 0;
    let n = 0;
    for (let seq = expectedSeq; seq < head.seq; seq++) {
      const record = await this.storage.get<{ chain?: string; subject?: string; hash: string; seq: number }>('ledger', [head.ledger, seq]);
      if (!record || record.chain !== head.chain) continue;
      const id = ledgerItemId(head.chain, seq);
      // Queued already, or in the dead-letter store (the host decides about those).
      if (await this.storage.get<OutboxItem>('outbox', id)) continue;
      const { receipt: _r, ...payload } = record as Record<string, unknown>;
      await this.enqueue('ledger-record', payload, {
        id,
        chainHead: { ledger: head.ledger, chain: head.chain, seq, hash: record.hash },
        subject: record.subject ?? null,
      });
      n++;
    }
    return n;
  }

  /** Send one item; returns when to retry (epoch ms) or null when done (sent, rejected or held). */
  private async sendOne(item: OutboxItem, endpoint: string): Promise<number | null> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let status = 0;
    let error: string;
    let code: OutboxErrorCode;
    let retryAfter = 0;
    try {
      const text = JSON.stringify(item.body);
      const res = await this.fetchFn(`${endpoint}${RECORD_PATHS[item.kind]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': item.id },
        body: text,
        signal: controller.signal,
        keepalive: text.length < 60_000,
        credentials: 'same-origin',
      });
      status = res.status;
      noteServerDate(res.headers.get('date'));
      const answer = await res.text();
      let response: unknown = answer;
      try {
        response = answer ? JSON.parse(answer) : null;
      } catch {
        // A non-JSON answer is passed on as text.
      }
      if (res.ok) {
        await this.storage.delete('outbox', item.id);
        if (this.usage) {
          this.usage.items--;
          this.usage.bytes -= item.size ?? 0;
        }
        if (item.kind === 'ledger-record') await this.keepReceipt(item, response);
        const detail: SentDetail = { id: item.id, kind: item.kind, status, response };
        this.settle(detail);
        this.channel?.postMessage(detail);
        emitGlobal('aq-outbox-sent', detail);
        return null;
      }
      const r = response && typeof response === 'object' ? (response as { message?: string; error?: string; expectedSeq?: number }) : null;
      const message = r?.message ?? (typeof response === 'string' && response.length < 300 ? response : res.statusText);
      code = codeOf(status, r?.error);
      if (isFinal(status, code)) {
        await this.storage.put('outbox', {
          ...item,
          state: 'rejected',
          lastError: `${status} ${message}`,
          lastCode: code,
          lastStatus: status,
        });
        const detail: RejectedDetail = { id: item.id, kind: item.kind, status, code, message };
        this.settle(detail);
        this.channel?.postMessage(detail);
        console.error(`[anquan] outbox: the server rejected ${item.kind} ${item.id}: ${status} ${code} ${message}`);
        emitGlobal('aq-outbox-rejected', detail);
        return null;
      }
      if (status === 413) {
        await this.storage.put('outbox', {
          ...item,
          held: 'too_large',
          lastError: `${status} ${message}`,
          lastCode: code,
          lastStatus: status,
        });
        console.warn(`[anquan] outbox: ${item.kind} ${item.id} is too large for the intake (413); kept until release()`);
        emitGlobal('aq-outbox-held', { id: item.id, kind: item.kind, status, code, message } satisfies HeldDetail);
        return null;
      }
      if (status === 409 && code === 'chain_gap' && typeof r?.expectedSeq === 'number') await this.resync(item, r.expectedSeq);
      retryAfter = retryAfterMs(res.headers.get('retry-after'));
      error = `${status} ${message}`;
    } catch (err) {
      code = controller.signal.aborted ? 'timeout' : 'network';
      error = controller.signal.aborted ? `timed out after ${this.timeoutMs} ms` : String((err as Error)?.message ?? err);
    } finally {
      clearTimeout(timer);
    }
    const attempts = item.attempts + 1;
    const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(attempts - 1, 20));
    const delay = Math.max(Math.min(retryAfter, 3_600_000), backoff * (0.5 + Math.random() * 0.5));
    const nextAttemptAt = Date.now() + delay;
    await this.storage.put('outbox', { ...item, attempts, nextAttemptAt, lastError: error, lastCode: code, lastStatus: status });
    emitGlobal('aq-outbox-retry-scheduled', {
      id: item.id,
      kind: item.kind,
      attempts,
      status,
      code,
      error,
      nextAttemptAt,
    } satisfies RetryDetail);
    return nextAttemptAt;
  }

  /** Keep the server's signed receipt with the local ledger record it acknowledges. */
  private async keepReceipt(item: OutboxItem, receipt: unknown): Promise<void> {
    const head = item.body.chainHead;
    if (!head || !receipt || typeof receipt !== 'object') return;
    const record = await this.storage.get<Record<string, unknown>>('ledger', [head.ledger, head.seq]);
    if (!record || record.hash !== head.hash || record.chain !== head.chain) return;
    const { duplicate: _d, ...kept } = receipt as Record<string, unknown>;
    await this.storage.put('ledger', { ...record, receipt: kept });
  }
}

let shared: Outbox | null = null;

/** The SDK's shared outbox (storage "anquan", the configured endpoint), created on first use. */
export function getOutbox(): Outbox {
  shared ??= new Outbox();
  return shared;
}
