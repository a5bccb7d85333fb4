// The ledger: an append-only, hash-chained record store on top of storage and the outbox (consents,
// guardian consents, minors-mode changes). Each record's hash covers its content and the previous
// hash; the chain head goes with every sync, so the server can tell when local history was rewritten.
import { randomId } from './global-events.js';
import { canonicalJson, sha256Hex } from './hash.js';
import { getOutbox, type Outbox } from './outbox.js';
import { type AnquanStorage, getStorage } from './storage.js';

export interface LedgerRecord<D = Record<string, unknown>> {
  ledger: string;
  seq: number;
  time: string;
  type: string;
  data: D;
  prevHash: string;
  hash: string;
}

export type VerifyResult = { ok: true; length: number; head: string } | { ok: false; brokenAt: number; reason: string };

/** The hash of a record: SHA-256 over the canonical JSON of everything but `hash`. */
export function hashRecord(r: Omit<LedgerRecord, 'hash'>): Promise<string> {
  return sha256Hex(canonicalJson({ ledger: r.ledger, seq: r.seq, time: r.time, type: r.type, data: r.data, prevHash: r.prevHash }));
}

export class Ledger<D extends Record<string, unknown> = Record<string, unknown>> {
  readonly name: string;
  private readonly storage: AnquanStorage;
  private readonly outbox: Outbox | null;
  private local: Promise<unknown> = Promise.resolve();

  /**
   * @param name the ledger's name, e.g. `consent` or `minor-mode` (at most 64 characters)
   * @param options `outbox: null` keeps the ledger local (no sync)
   */
  constructor(name: string, options: { storage?: AnquanStorage; outbox?: Outbox | null } = {}) {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) throw new TypeError(`[anquan] Ledger: name "${name}" must be 1-64 lower-case letters, digits or "-"`);
    this.name = name;
    this.storage = options.storage ?? getStorage();
    this.outbox = options.outbox === undefined ? getOutbox() : options.outbox;
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

  /** Append a record, then queue it (with the new chain head) for the endpoint. */
  append(type: string, data: D): Promise<LedgerRecord<D>> {
    return this.exclusive(async () => {
      const last = await this.storage.last<LedgerRecord<D>>('ledger', this.range());
      const base = { ledger: this.name, seq: last ? last.seq + 1 : 0, time: new Date().toISOString(), type, data, prevHash: last?.hash ?? '' };
      const record: LedgerRecord<D> = { ...base, hash: await hashRecord(base) };
      await this.storage.put('ledger', record);
      if (this.outbox) {
        await this.outbox.enqueue('ledger-record', record, {
          id: `ledger-${randomId()}`,
          chainHead: { ledger: this.name, seq: record.seq, hash: record.hash },
        });
      }
      return record;
    });
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
      if ((await hashRecord(r)) !== r.hash) return { ok: false, brokenAt: r.seq, reason: `record ${r.seq} was modified after it was written` };
      prev = r.hash;
    }
    return { ok: true, length: records.length, head: prev };
  }

  /** The whole ledger as JSON-ready data, with its head and verification result. */
  async export(): Promise<{ ledger: string; exportedAt: string; head: { seq: number; hash: string } | null; verified: VerifyResult; records: LedgerRecord<D>[] }> {
    const records = await this.records();
    return { ledger: this.name, exportedAt: new Date().toISOString(), head: await this.head(), verified: await this.verify(), records };
  }
}
