// A read-only view of the consent state, for elements that only show it (`<aq-training-status>`, the
// returning visitor's chat page): it reads the `consent` ledger straight from IndexedDB and follows
// changes over the storage's BroadcastChannel (`anquan:anquan`, which every write of this tab and of
// the others announces), without the storage layer, idb, the ledger or the outbox in the first load.
// Once the page has the shared consent store (`getConsentStore()`, made by any element or call that
// writes consent), the view follows that store instead: the store holds the records IndexedDB could
// not take (the memory fallback), which the view cannot read. Both derive the state with the same
// function (consent-derive.ts), so they show the same state for the same records.
import type { LedgerRecord } from '@anquan/core/ledger';
import { CONSENT_LEDGER, changedKeys, deriveSnapshot, SHARED_CONSENT_STORE } from './consent-derive.js';
import type { ConsentLedgerData, ConsentListener, ConsentSnapshot, ConsentStore } from './consent-store.js';

/** What an element that shows consent follows: the store, or this view. */
export interface ConsentSource {
  readonly snapshot: ConsentSnapshot;
  load(): Promise<void>;
  subscribe(listener: ConsentListener): () => void;
}

const DB = 'anquan';
const EMPTY: ConsentSnapshot = { purposes: {}, notices: {}, seq: -1 };

/**
 * The consent ledger's records from the SDK's database, or [] when there is none or it cannot be
 * read (the view then shows the defaults, as the store does with an empty ledger). Never creates the
 * database: a first visit's open is aborted in its upgrade, and the storage creates it with its schema.
 */
function readRecords(): Promise<LedgerRecord<ConsentLedgerData>[]> {
  return new Promise((resolve) => {
    const none = () => resolve([]);
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB);
    } catch {
      return none();
    }
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = (e) => {
      e.preventDefault();
      none();
    };
    req.onsuccess = () => {
      const db = req.result;
      // Never stand in the way of the storage's schema upgrade (another tab, a newer SDK).
      db.onversionchange = () => db.close();
      const done = (records: LedgerRecord<ConsentLedgerData>[]) => {
        db.close();
        resolve(records);
      };
      try {
        const all = db
          .transaction('ledger', 'readonly')
          .objectStore('ledger')
          .getAll(IDBKeyRange.bound([CONSENT_LEDGER, 0], [CONSENT_LEDGER, Number.MAX_SAFE_INTEGER]));
        all.onsuccess = () => done(all.result as LedgerRecord<ConsentLedgerData>[]);
        all.onerror = (e) => {
          e.preventDefault();
          done([]);
        };
      } catch {
        done([]); // no `ledger` store (a database this SDK did not make)
      }
    };
  });
}

/** The shared consent store, once the page made it. */
function sharedStore(): ConsentStore | undefined {
  return (globalThis as Record<symbol, ConsentStore | undefined>)[SHARED_CONSENT_STORE];
}

/** The read-only consent view (one per page: `getConsentView()`). */
export class ConsentView implements ConsentSource {
  private snap: ConsentSnapshot = EMPTY;
  private readonly listeners = new Set<ConsentListener>();
  private loading: Promise<void> | null = null;
  private channel: BroadcastChannel | null = null;
  private reading: Promise<void> = Promise.resolve();
  private store: ConsentStore | null = null;

  get snapshot(): ConsentSnapshot {
    return this.snap;
  }

  /** Read the state and follow its changes. Safe to call many times. */
  load(): Promise<void> {
    if (!this.loading) {
      const store = sharedStore();
      if (store) void this.follow(store);
      this.loading = this.store ? this.read() : this.start();
    }
    return this.loading;
  }

  subscribe(listener: ConsentListener): () => void {
    this.listeners.add(listener);
    void this.load();
    return () => this.listeners.delete(listener);
  }

  private start(): Promise<void> {
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(`anquan:${DB}`);
      this.channel.onmessage = (e: MessageEvent<{ store?: unknown; key?: unknown }>) => {
        const key = e.data?.key;
        if (e.data?.store !== 'ledger' || !Array.isArray(key) || key[0] !== CONSENT_LEDGER) return;
        // A write of this page's store may have gone to memory: read through the store from now on.
        const store = sharedStore();
        void (store ? this.follow(store) : this.refresh());
      };
    }
    return this.refresh();
  }

  /**
   * Follow `store` from now on (`getConsentStore()` calls it when it makes the shared store): its
   * snapshot includes what it keeps in memory when IndexedDB refuses a write. A view in use
   * (loaded) reads the store at once; the promise resolves once it shows the store's state.
   */
  follow(store: ConsentStore): Promise<void> {
    if (!this.store) {
      this.store = store;
      this.channel?.close();
      this.channel = null;
      store.subscribe((snapshot) => this.take(snapshot));
    }
    return this.loading ? this.read() : Promise.resolve();
  }

  /** The followed store's state, once loaded. */
  private read(): Promise<void> {
    const store = this.store as ConsentStore;
    return store.load().then(() => this.take(store.snapshot));
  }

  private refresh(): Promise<void> {
    this.reading = this.reading.then(async () => {
      const records = typeof indexedDB === 'undefined' ? [] : await readRecords();
      if (!this.store) this.take(deriveSnapshot(records));
    });
    return this.reading;
  }

  private take(next: ConsentSnapshot): void {
    const changed = changedKeys(this.snap, next);
    const moved = next.seq !== this.snap.seq || changed.length > 0;
    this.snap = next;
    if (!moved) return;
    for (const l of this.listeners) {
      try {
        l(this.snap, changed);
      } catch (err) {
        console.error('[anquan] a consent listener threw', err);
      }
    }
  }
}

let view: ConsentView | null = null;

/** The page's read-only consent view, created on first use. */
export function getConsentView(): ConsentView {
  view ??= new ConsentView();
  return view;
}
