// One IndexedDB database (through idb) with a versioned schema and migrations. When IndexedDB is
// unavailable (blocked, private mode, version conflict, quota exceeded) the SDK keeps working in
// memory and emits `aq-storage-degraded` once. Changes are announced to other tabs (BroadcastChannel).
import { type IDBPDatabase, openDB } from 'idb';
import { emitGlobal } from './global-events.js';

/** The object stores every package shares. Generic stores mean no package needs a schema bump. */
export const STORES = ['kv', 'outbox', 'ledger', 'records'] as const;
export type StoreName = (typeof STORES)[number];
export type Key = string | number | (string | number)[];

/** Schema migrations: index i upgrades from version i to i + 1. Append only. */
const MIGRATIONS: ((db: IDBDatabase, tx: IDBTransaction) => void)[] = [
  (db) => {
    db.createObjectStore('kv');
    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('nextAttemptAt', 'nextAttemptAt');
    db.createObjectStore('ledger', { keyPath: ['ledger', 'seq'] });
    // Generic records of a package: key [namespace, id].
    db.createObjectStore('records', { keyPath: ['ns', 'id'] });
  },
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export interface StorageChange {
  store: StoreName;
  key: Key;
  op: 'put' | 'delete';
}

export interface DegradedDetail {
  /** Database name. */
  name: string;
  /** Why: `unavailable`, `open-failed`, `blocked`, `quota` or `write-failed`. */
  reason: 'unavailable' | 'open-failed' | 'blocked' | 'quota' | 'write-failed';
  /** The DOMException name, when there was one. */
  error?: string;
}

/** Compare IndexedDB keys (numbers < strings < arrays), the subset the SDK uses. */
export function compareKeys(a: Key, b: Key): number {
  const rank = (k: Key) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface KeyRange {
  lower?: Key;
  upper?: Key;
}

function inRange(key: Key, range?: KeyRange): boolean {
  if (!range) return true;
  if (range.lower !== undefined && compareKeys(key, range.lower) < 0) return false;
  if (range.upper !== undefined && compareKeys(key, range.upper) > 0) return false;
  return true;
}

function toIdbRange(range?: KeyRange): IDBKeyRange | undefined {
  if (!range) return undefined;
  if (range.lower !== undefined && range.upper !== undefined) return IDBKeyRange.bound(range.lower, range.upper);
  if (range.lower !== undefined) return IDBKeyRange.lowerBound(range.lower);
  if (range.upper !== undefined) return IDBKeyRange.upperBound(range.upper);
  return undefined;
}

const KEY_PATHS: Record<StoreName, string | string[] | null> = {
  kv: null,
  outbox: 'id',
  ledger: ['ledger', 'seq'],
  records: ['ns', 'id'],
};

function keyOf(store: StoreName, value: unknown, key?: Key): Key {
  const path = KEY_PATHS[store];
  if (path === null) {
    if (key === undefined) throw new TypeError(`[anquan] storage: store "${store}" needs an explicit key`);
    return key;
  }
  const v = value as Record<string, Key>;
  return Array.isArray(path) ? (path.map((p) => v[p]) as Key) : v[path];
}

function isQuotaError(err: unknown): boolean {
  return err instanceof DOMException && (err.name === 'QuotaExceededError' || err.name === 'UnknownError');
}

/**
 * The SDK's storage. Writes go to IndexedDB; if IndexedDB cannot be opened or a write fails for lack
 * of quota, they go to an in-memory layer instead. Reads see both layers, memory first, so nothing
 * already stored is hidden by a later failure.
 */
export class AnquanStorage {
  readonly name: string;
  private db: IDBPDatabase | null = null;
  private ready: Promise<void> | null = null;
  private readonly memory = new Map<StoreName, Map<string, { key: Key; value: unknown }>>();
  private degradedReason: DegradedDetail | null = null;
  private channel: BroadcastChannel | null = null;
  private readonly listeners = new Set<(change: StorageChange, remote: boolean) => void>();
  private readonly openTimeoutMs: number;

  constructor(name = 'anquan', options: { openTimeoutMs?: number } = {}) {
    this.name = name;
    this.openTimeoutMs = options.openTimeoutMs ?? 3000;
  }

  /** True once the SDK fell back to memory for this database. */
  get degraded(): boolean {
    return this.degradedReason !== null;
  }

  /** Why storage is degraded, or null. */
  get degradedDetail(): DegradedDetail | null {
    return this.degradedReason;
  }

  private degrade(reason: DegradedDetail['reason'], err?: unknown): void {
    if (this.degradedReason) return;
    this.degradedReason = { name: this.name, reason, error: err instanceof Error ? err.name : undefined };
    console.warn(`[anquan] storage "${this.name}" degraded (${reason}); keeping records in memory for this page.`, err ?? '');
    emitGlobal('aq-storage-degraded', this.degradedReason);
  }

  /** Open the database (once). Never rejects: on failure the storage runs in memory. */
  open(): Promise<void> {
    this.ready ??= this.doOpen();
    return this.ready;
  }

  private async doOpen(): Promise<void> {
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(`anquan:${this.name}`);
      this.channel.onmessage = (e: MessageEvent<StorageChange>) => this.notify(e.data, true);
    }
    if (typeof indexedDB === 'undefined') {
      this.degrade('unavailable');
      return;
    }
    // Two waits, neither of which counts the schema upgrade itself (a first visit creates every
    // store; WebKit took up to 2 s for that on a loaded machine, and longer would have sent a
    // healthy first visit to memory): openTimeoutMs once another tab's connection blocks the
    // upgrade, and 10 s (or 3 × openTimeoutMs, if longer) for an open that gives no sign at all.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let fail: (err: DOMException) => void = () => {};
    const wait = (ms: number, why: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(new DOMException(`IndexedDB open timed out (${why})`, 'TimeoutError')), ms);
    };
    try {
      const timeout = new Promise<never>((_, reject) => {
        fail = reject;
      });
      wait(Math.max(this.openTimeoutMs * 3, 10_000), 'no answer');
      const opening = openDB(this.name, SCHEMA_VERSION, {
        upgrade: (db, oldVersion, _newVersion, tx) => {
          clearTimeout(timer);
          for (let v = oldVersion; v < SCHEMA_VERSION; v++) {
            MIGRATIONS[v](db as unknown as IDBDatabase, tx as unknown as IDBTransaction);
          }
        },
        blocked: () => wait(this.openTimeoutMs, 'blocked'),
        blocking: () => {
          // Another tab wants a newer schema: let it upgrade.
          this.db?.close();
          this.db = null;
          this.ready = null;
        },
      });
      this.db = await Promise.race([opening, timeout]);
    } catch (err) {
      this.degrade(err instanceof DOMException && err.name === 'TimeoutError' ? 'blocked' : 'open-failed', err);
    } finally {
      clearTimeout(timer);
    }
  }

  private mem(store: StoreName): Map<string, { key: Key; value: unknown }> {
    let m = this.memory.get(store);
    if (!m) {
      m = new Map();
      this.memory.set(store, m);
    }
    return m;
  }

  /** Subscribe to changes of this database, in this tab (`remote` false) and in others (true). */
  subscribe(listener: (change: StorageChange, remote: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(change: StorageChange, remote: boolean): void {
    for (const l of this.listeners) l(change, remote);
  }

  private announce(change: StorageChange): void {
    this.notify(change, false);
    try {
      this.channel?.postMessage(change);
    } catch {
      // A closed channel (page unloading) is not an error worth reporting.
    }
  }

  async get<T>(store: StoreName, key: Key): Promise<T | undefined> {
    await this.open();
    const m = this.mem(store).get(JSON.stringify(key));
    if (m) return m.value as T;
    if (!this.db) return undefined;
    try {
      return (await this.db.get(store, key as IDBValidKey)) as T | undefined;
    } catch (err) {
      this.degrade('open-failed', err);
      return undefined;
    }
  }

  /** Store `value`; stores with a key path take the key from the value. */
  async put(store: StoreName, value: unknown, key?: Key): Promise<void> {
    await this.open();
    const k = keyOf(store, value, key);
    if (this.db && !this.memory.get(store)?.has(JSON.stringify(k))) {
      try {
        await this.db.put(store, value, KEY_PATHS[store] === null ? (k as IDBValidKey) : undefined);
        this.announce({ store, key: k, op: 'put' });
        return;
      } catch (err) {
        this.degrade(isQuotaError(err) ? 'quota' : 'write-failed', err);
      }
    }
    this.mem(store).set(JSON.stringify(k), { key: k, value: structuredClone(value) });
    this.announce({ store, key: k, op: 'put' });
  }

  async delete(store: StoreName, key: Key): Promise<void> {
    await this.open();
    this.mem(store).delete(JSON.stringify(key));
    if (this.db) {
      try {
        await this.db.delete(store, key as IDBValidKey);
      } catch (err) {
        this.degrade('open-failed', err);
      }
    }
    this.announce({ store, key, op: 'delete' });
  }

  /** Every value in `store` (within `range`), in key order, both layers merged. */
  async getAll<T>(store: StoreName, range?: KeyRange): Promise<T[]> {
    await this.open();
    const rows = new Map<string, { key: Key; value: unknown }>();
    if (this.db) {
      try {
        const tx = this.db.transaction(store);
        let cursor = await tx.store.openCursor(toIdbRange(range));
        while (cursor) {
          rows.set(JSON.stringify(cursor.key), { key: cursor.key as Key, value: cursor.value });
          cursor = await cursor.continue();
        }
      } catch (err) {
        this.degrade('open-failed', err);
      }
    }
    for (const [k, v] of this.mem(store)) if (inRange(v.key, range)) rows.set(k, v);
    return [...rows.values()].sort((a, b) => compareKeys(a.key, b.key)).map((r) => r.value as T);
  }

  /** The last value in key order within `range`, or undefined. */
  async last<T>(store: StoreName, range?: KeyRange): Promise<T | undefined> {
    await this.open();
    let best: { key: Key; value: unknown } | undefined;
    if (this.db) {
      try {
        const cursor = await this.db.transaction(store).store.openCursor(toIdbRange(range), 'prev');
        if (cursor) best = { key: cursor.key as Key, value: cursor.value };
      } catch (err) {
        this.degrade('open-failed', err);
      }
    }
    for (const v of this.mem(store).values()) {
      if (inRange(v.key, range) && (!best || compareKeys(v.key, best.key) > 0)) best = v;
    }
    return best?.value as T | undefined;
  }

  /** Close the database and the channel (tests; a host tearing the SDK down). */
  close(): void {
    this.db?.close();
    this.db = null;
    this.channel?.close();
    this.channel = null;
    this.ready = null;
  }
}

let shared: AnquanStorage | null = null;

/** The SDK's shared storage (database "anquan"), created on first use. */
export function getStorage(): AnquanStorage {
  shared ??= new AnquanStorage('anquan');
  return shared;
}
