// The ledger: an append-only, hash-chained record store on top of storage and the outbox (consents,
// guardian consents, minors-mode changes). Each device installation keeps its own chain per ledger
// (a random chain id kept in this browser's storage), tagged with the subject it is about; each
// record's hash covers its content, chain, subject and the previous hash. The chain head goes with
// every sync: the server checks each chain on its own, refuses a record that does not continue the
// chain it holds, and answers each accepted record with a receipt signed with its key and time,
// which is kept with the record here. A browser that clears its storage starts a new chain; the
// server keeps the old one and shows the new one beside it, so history is never quietly rewritten.
import { getConfig } from './config-state.js';
import { randomId } from './global-events.js';
import { canonicalJson, sha256Hex } from './hash.js';
import type { Outbox } from './outbox.js';
import { type AnquanStorage, getStorage } from './storage.js';

/** The server's signed receipt of one ledger record (schema Receipt). */
export interface LedgerReceipt {
  id: string;
  receivedAt: string;
  chain?: string;
  seq?: number;
  hash?: string;
  subject?: string;
  keyId?: string;
  signature?: string;
  [k: string]: unknown;
}

export interface LedgerRecord<D = Record<string, unknown>> {
  ledger: string;
  /** The chain: one per device installation and ledger. */
  chain?: string;
  /** The subject (the host's user id) the record is about, when the host configured one. */
  subject?: string;
  seq: number;
  time: string;
  type: string;
  data: D;
  prevHash: string;
  hash: string;
  /** The server's signed receipt, once it accepted the record. Not covered by the hash. */
  receipt?: LedgerReceipt;
}

export type VerifyResult = { ok: true; length: number; head: string } | { ok: false; brokenAt: number; reason: string };

/** The hash of a record: SHA-256 over the canonical JSON of everything but `hash` and `receipt`. */
export function hashRecord(r: Omit<LedgerRecord, 'hash'>): Promise<string> {
  return sha256Hex(
    canonicalJson({
      ledger: r.ledger,
      seq: r.seq,
      time: r.time,
      type: r.type,
      data: r.data,
      prevHash: r.prevHash,
      chain: r.chain,
      subject: r.subject,
    }),
  );
}

/** The outbox id of a ledger record: one per chain and seq, so queueing it again is idempotent. */
export function ledgerItemId(chain: string, seq: number): string {
  return `lg-${chain}-${seq}`;
}

export class Ledger<D extends Record<string, unknown> = Record<string, unknown>> {
  readonly name: string;
  private readonly storage: AnquanStorage;
  /** The outbox given, null for none, undefined for the shared one (loaded on the first append). */
  private readonly outbox: Outbox | null | undefined;
  private local: Promise<unknown> = Promise.resolve();

  /**
   * @param name the ledger's name, e.g. `consent` or `minor-mode` (at most 64 characters)
   * @param options `outbox: null` keeps the ledger local (no sync)
   */
  constructor(name: string, options: { storage?: AnquanStorage; outbox?: Outbox | null } = {}) {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name))
      throw new TypeError(`[anquan] Ledger: name "${name}" must be 1-64 lower-case letters, digits or "-"`);
    this.name = name;
    this.storage = options.storage ?? getStorage();
    this.outbox = options.outbox;
  }

  private range() {
    return { lower: [this.name, 0] as [string, number], upper: [this.name, Number.MAX_SAFE_INTEGER] as [string, number] };
  }

  /** Run `fn` exclusively across tabs (Web Lock) and within this tab. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    const run = () => (locks?.request ? (locks.request(`anquan-ledger:${this.storage.name}:${this.name}`, fn) as Promise<T>) : fn());
    const result = this.local.then(run, run);
    this.local = result.catch(() => undefined);
    return result;
  }

  /** This installation's chain id for the ledger (made and kept on first use). */
  chainId(): Promise<string> {
    return this.exclusive(() => this.chainIdUnlocked());
  }

  private async chainIdUnlocked(): Promise<string> {
    const key = `ledger-chain:${this.name}`;
    let id = await this.storage.get<string>('kv', key);
    if (typeof id !== 'string') {
      id = randomId();
      await this.storage.put('kv', id, key);
    }
    return id;
  }

  /** Append a record, then queue it (with the new chain head) for the endpoint. */
  append(type: string, data: D): Promise<LedgerRecord<D>> {
    return this.exclusive(async () => {
      const last = await this.storage.last<LedgerRecord<D>>('ledger', this.range());
      const chain = await this.chainIdUnlocked();
      const subject = getConfig().subject;
      const base = {
        ledger: this.name,
        chain,
        ...(subject ? { subject } : {}),
        seq: last ? last.seq + 1 : 0,
        time: new Date().toISOString(),
        type,
        data,
        prevHash: last?.hash ?? '',
      };
      const record: LedgerRecord<D> = { ...base, hash: await hashRecord(base) };
      await this.storage.put('ledger', record);
      // The shared outbox is its own chunk: a page that only reads consent (a status line) never loads it.
      const outbox = this.outbox === undefined ? (await import('./outbox.js')).getOutbox() : this.outbox;
      if (outbox) {
        try {
          await outbox.enqueue('ledger-record', record, {
            id: ledgerItemId(chain, record.seq),
            chainHead: { ledger: this.name, chain, seq: record.seq, hash: record.hash },
            subject: subject ?? null,
          });
        } catch (err) {
          // The outbox is full: the record is kept here and is queued again when the server asks for it (chain_gap).
          console.error('[anquan] ledger: the record is kept locally but could not be queued', err);
        }
      }
      return record;
    });
  }

  /** The server's receipts kept with the records, oldest first (records not acknowledged yet have none). */
  async receipts(): Promise<LedgerReceipt[]> {
    return (await this.records()).flatMap((r) => (r.receipt ? [r.receipt] : []));
  }

  /** Every record, oldest first. */
  records(): Promise<LedgerRecord<D>[]> {
    return this.storage.getAll<LedgerRecord<D>>('ledger', this.range());
  }

  /** The chain head: the last record's seq and hash, or null for an empty ledger. */
  async head(): Promise<{ seq: number; hash: string } | null> {
    const last = await this.storage.last<LedgerRecord<D>>('ledger', this.range());
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  /** Recompute every hash and link; reports the first record that was changed, removed or reordered. */
  async verify(): Promise<VerifyResult> {
    const records = await this.records();
    let prev = '';
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (r.seq !== i) return { ok: false, brokenAt: i, reason: `record ${i} is missing (found seq ${r.seq})` };
      if (r.prevHash !== prev) return { ok: false, brokenAt: r.seq, reason: `record ${r.seq} does not link to the previous hash` };
      if ((await hashRecord(r)) !== r.hash)
        return { ok: false, brokenAt: r.seq, reason: `record ${r.seq} was modified after it was written` };
      prev = r.hash;
    }
    return { ok: true, length: records.length, head: prev };
  }

  /** The whole ledger as JSON-ready data, with its head and verification result. */
  async export(): Promise<{
    ledger: string;
    exportedAt: string;
    head: { seq: number; hash: string } | null;
    verified: VerifyResult;
    records: LedgerRecord<D>[];
  }> {
    const records = await this.records();
    return { ledger: this.name, exportedAt: new Date().toISOString(), head: await this.head(), verified: await this.verify(), records };
  }
}
