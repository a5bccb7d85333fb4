// Submitting reports and keeping the user's own list. A report is written to the local list first,
// then to the core outbox (IndexedDB, retried until a 2xx, idempotency key = local id), so it is never
// lost: not offline, not on a reload, not when the answer is lost. Receipts (tracking number, due
// date) are written back to the list when the outbox reports the send, in this tab or after a reload.

import { getConfig } from '@anquan/core/config-state';
import { anquanEvents, randomId } from '@anquan/core/global-events';
import { getOutbox, type Outbox, type SentDetail } from '@anquan/core/outbox';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';
import type { ReportPayload } from './report-model.js';

/** The server's answer to a report (schema Receipt). */
export interface ReportReceipt {
  id: string;
  receivedAt: string;
  trackingNumber?: string;
  dueAt?: string;
  duplicate?: boolean;
  /** The per-report secret the status look-up needs (header `Aq-Report-Secret`); kept in this browser only. */
  secret?: string;
  /** The server's Ed25519 signature over the receipt, and the id of its key. */
  signature?: string;
  keyId?: string;
}

/** A decision with redress information (schema ReportStatus.decision; DSA Art. 16(5), Art. 17). */
export interface ReportDecision {
  outcome?: string;
  reasons?: string;
  automated?: boolean;
  redress?: string;
  decidedAt?: string;
}

/** One of the user's reports, kept in this browser (store `records`, namespace `aq-report`). */
export interface LocalReport {
  ns: 'aq-report';
  /** The local id: also the record's idempotency key. */
  id: string;
  createdAt: string;
  category: string;
  /** `queued` until the server answers; `received` with a receipt; `rejected` on a 4xx. */
  state: 'queued' | 'received' | 'rejected';
  /** The payload; attachment data is dropped once the server has the report. */
  payload: ReportPayload;
  receipt?: ReportReceipt;
  /** Last status from `GET {endpoint}/v1/reports/{trackingNumber}`. */
  status?: 'received' | 'in-review' | 'decided' | 'closed';
  decision?: ReportDecision;
  checkedAt?: string;
  error?: string;
  /** Code of `error` (outbox error codes, see `outboxErrorMessage` in @anquan/core), for localised text. */
  errorCode?: string;
}

export interface SubmitResult {
  state: LocalReport['state'];
  report: LocalReport;
}

export interface ReportClientOptions {
  storage?: AnquanStorage;
  outbox?: Outbox;
  /** Endpoint base URL for status look-ups; default `getConfig().endpoint`. */
  endpoint?: () => string | null;
  fetch?: typeof fetch;
}

const NS = 'aq-report';

function stripData(payload: ReportPayload): ReportPayload {
  if (!payload.attachments) return payload;
  return { ...payload, attachments: payload.attachments.map(({ dataBase64: _drop, ...rest }) => rest) };
}

/** Submit reports through the outbox and keep the user's list of reports. */
export class ReportClient {
  readonly storage: AnquanStorage;
  readonly outbox: Outbox;
  private readonly endpointOf: () => string | null;
  private readonly fetchFn: typeof fetch;
  private listening = false;
  private readonly onSent = (e: Event) => {
    const d = (e as CustomEvent<SentDetail>).detail;
    if (d?.kind === 'report') void this.recordReceipt(d.id, d.response as ReportReceipt);
  };
  private readonly onRejected = (e: Event) => {
    const d = (e as CustomEvent<{ id: string; kind: string; status: number; code?: string; message: string }>).detail;
    if (d?.kind === 'report') void this.recordRejection(d.id, `${d.status} ${d.message}`, d.code);
  };

  constructor(options: ReportClientOptions = {}) {
    this.storage = options.storage ?? getStorage();
    this.outbox = options.outbox ?? getOutbox();
    this.endpointOf = options.endpoint ?? (() => getConfig().endpoint);
    this.fetchFn = options.fetch ?? ((...a) => globalThis.fetch(...a));
  }

  /** Follow the outbox: write receipts and rejections into the list as they happen. */
  listen(): void {
    if (this.listening) return;
    this.listening = true;
    anquanEvents.addEventListener('aq-outbox-sent', this.onSent);
    anquanEvents.addEventListener('aq-outbox-rejected', this.onRejected);
    this.outbox.start();
  }

  /** Stop following the outbox. */
  stop(): void {
    this.listening = false;
    anquanEvents.removeEventListener('aq-outbox-sent', this.onSent);
    anquanEvents.removeEventListener('aq-outbox-rejected', this.onRejected);
  }

  /** Store the report (list first, then outbox); resolves once it is durable. */
  async enqueue(payload: ReportPayload, id: string = randomId()): Promise<LocalReport> {
    this.listen();
    const report: LocalReport = { ns: NS, id, createdAt: new Date().toISOString(), category: payload.category, state: 'queued', payload };
    await this.storage.put('records', report);
    await this.outbox.enqueue('report', payload, { id });
    return report;
  }

  /**
   * Submit a report and wait up to `waitMs` for the receipt. Resolves `received` with the receipt,
   * `queued` when the server has not answered yet (offline: the outbox keeps trying), or `rejected`.
   */
  async submit(payload: ReportPayload, options: { waitMs?: number; id?: string } = {}): Promise<SubmitResult> {
    const id = options.id ?? randomId();
    const waiting = this.outbox.waitFor(id);
    const report = await this.enqueue(payload, id);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), options.waitMs ?? 8000);
    });
    try {
      const sent = await Promise.race([waiting, timeout]);
      if (sent === 'timeout') return { state: 'queued', report };
      const updated = await this.recordReceipt(id, sent.response as ReportReceipt);
      return { state: 'received', report: updated ?? report };
    } catch (err) {
      const updated = await this.recordRejection(id, String((err as Error).message), (err as { code?: string }).code);
      return { state: 'rejected', report: updated ?? report };
    } finally {
      clearTimeout(timer);
      waiting.catch(() => {});
    }
  }

  private async recordReceipt(id: string, receipt: ReportReceipt | null): Promise<LocalReport | undefined> {
    const report = await this.storage.get<LocalReport>('records', [NS, id]);
    if (!report || !receipt || typeof receipt !== 'object') return report;
    if (report.state === 'received' && report.receipt?.trackingNumber) return report;
    const next: LocalReport = {
      ...report,
      state: 'received',
      receipt: { ...receipt, duplicate: undefined },
      payload: stripData(report.payload),
      status: report.status ?? 'received',
    };
    delete next.receipt!.duplicate;
    delete next.error;
    await this.storage.put('records', next);
    return next;
  }

  private async recordRejection(id: string, message: string, code?: string): Promise<LocalReport | undefined> {
    const report = await this.storage.get<LocalReport>('records', [NS, id]);
    if (!report) return undefined;
    const next: LocalReport = { ...report, state: 'rejected', error: message, ...(code ? { errorCode: code } : {}) };
    await this.storage.put('records', next);
    return next;
  }

  /** The user's reports, newest first. */
  async list(): Promise<LocalReport[]> {
    const all = await this.storage.getAll<LocalReport>('records', { lower: [NS, ''], upper: [NS, '\uffff'] });
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Repair the list after an interrupted page: a queued report that is no longer in the outbox was
   * sent but its receipt was not written (the page closed in between), or it never reached the
   * outbox. It is queued again with the same idempotency key; the server answers with the first
   * receipt (or stores it now). Returns how many were queued again.
   */
  async reconcile(): Promise<number> {
    this.listen();
    const inOutbox = new Set((await this.outbox.items()).map((i) => i.id));
    let n = 0;
    for (const r of await this.list()) {
      if (r.state === 'queued' && !inOutbox.has(r.id)) {
        await this.outbox.enqueue('report', r.payload, { id: r.id });
        n++;
      }
    }
    return n;
  }

  /** Fetch the status of one report from the endpoint and store it; returns the updated report. */
  async refresh(report: LocalReport): Promise<LocalReport> {
    const tracking = report.receipt?.trackingNumber;
    const endpoint = this.endpointOf();
    if (!tracking || !endpoint) return report;
    let next: LocalReport;
    try {
      const res = await this.fetchFn(`${endpoint}/v1/reports/${encodeURIComponent(tracking)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json', ...(report.receipt?.secret ? { 'aq-report-secret': report.receipt.secret } : {}) },
      });
      if (!res.ok) throw new Error(`${res.status}`);
      const body = (await res.json()) as { status?: LocalReport['status']; dueAt?: string; decision?: ReportDecision };
      next = { ...report, status: body.status ?? report.status, checkedAt: new Date().toISOString() };
      if (body.decision) next.decision = body.decision;
      if (body.dueAt && next.receipt) next.receipt = { ...next.receipt, dueAt: body.dueAt };
      delete next.error;
    } catch (err) {
      next = { ...report, error: `status: ${(err as Error).message}` };
    }
    await this.storage.put('records', next);
    return next;
  }

  /** Refresh every report that has a tracking number; returns the list. */
  async refreshAll(): Promise<LocalReport[]> {
    const list = await this.list();
    return Promise.all(list.map((r) => (r.receipt?.trackingNumber ? this.refresh(r) : r)));
  }
}

let shared: ReportClient | null = null;

/** The shared report client (the SDK's shared storage and outbox). */
export function getReportClient(): ReportClient {
  shared ??= new ReportClient();
  return shared;
}
