// The consent store: the current consent per purpose, derived from the hash-chained `consent` ledger
// of @anquan/core. Every grant and withdrawal is a ledger record (purpose, notice version, time,
// method, profile); the ledger sends each record with the chain head through the outbox, so the
// server can tell when local history was rewritten. No DOM: it runs in workers, Node and tests.

import { getActiveProfile } from '@anquan/core/config-state';
import { Ledger } from '@anquan/core/ledger';
import type { Outbox } from '@anquan/core/outbox';
import type { ProfileId } from '@anquan/core/profiles';
import { type AnquanStorage, getStorage, type StorageChange } from '@anquan/core/storage';
import { changedKeys, deriveSnapshot, SEPARATE_CONSENTS, type SeparateConsent, SHARED_CONSENT_STORE } from './consent-derive.js';
import { getConsentView } from './consent-view.js';

/** How a consent was given or withdrawn. */
export const CONSENT_METHODS = ['notice', 'separate', 'switch', 'voice', 'api'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export { SEPARATE_CONSENTS, type SeparateConsent, TRAINING_DEFAULTS, TRAINING_PURPOSE, type TrainingDefault } from './consent-derive.js';

/** The data of a `grant` or `withdraw` ledger record. */
export type ConsentRecordData = {
  purpose: string;
  noticeVersion: string;
  method: ConsentMethod;
  profile: ProfileId;
  /** Set when this is one of the separate consents. */
  separate?: SeparateConsent;
};

/** The data of an `acknowledge` ledger record: a notice was answered (`pipl`) or shown and confirmed (`ai-disclosure`). */
export type AcknowledgeData = {
  notice: string;
  noticeVersion: string;
  method: ConsentMethod;
  profile: ProfileId;
  /** For the PIPL notice: the general decision. */
  decision?: 'accepted' | 'declined';
};

export type ConsentLedgerData = ConsentRecordData | AcknowledgeData;

/** The current state of one purpose. */
export interface ConsentState {
  purpose: string;
  granted: boolean;
  noticeVersion: string;
  method: ConsentMethod;
  profile: ProfileId;
  separate?: SeparateConsent;
  /** ISO time of the record that set this state. */
  time: string;
  /** Ledger sequence number and hash of that record. */
  seq: number;
  hash: string;
}

/** The latest acknowledgement of a notice. */
export interface Acknowledgement {
  notice: string;
  noticeVersion: string;
  decision?: 'accepted' | 'declined';
  time: string;
  seq: number;
}

/** One change to record: grant (`granted: true`) or withdraw a purpose. */
export interface ConsentChange {
  purpose: string;
  granted: boolean;
  noticeVersion: string;
  method: ConsentMethod;
  separate?: SeparateConsent;
}

export interface ConsentSnapshot {
  purposes: Readonly<Record<string, ConsentState>>;
  notices: Readonly<Record<string, Acknowledgement>>;
  /** Sequence number of the last record applied (-1 for an empty ledger). */
  seq: number;
}

export type ConsentListener = (snapshot: ConsentSnapshot, changed: string[]) => void;

export interface ConsentStoreOptions {
  /** Storage of the ledger (default: the shared storage). Needed to follow other tabs. */
  storage?: AnquanStorage;
  /** Outbox for the ledger records (default: the shared outbox; `null` keeps them local). */
  outbox?: Outbox | null;
  /** A ledger to use instead of `new Ledger('consent', { storage, outbox })`. */
  ledger?: Ledger<ConsentLedgerData>;
}

const PURPOSE_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export class ConsentStore {
  readonly ledger: Ledger<ConsentLedgerData>;
  private readonly storage: AnquanStorage;
  private snap: ConsentSnapshot = { purposes: {}, notices: {}, seq: -1 };
  private readonly listeners = new Set<ConsentListener>();
  private loading: Promise<void> | null = null;
  private unsubscribeStorage: (() => void) | null = null;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(options: ConsentStoreOptions = {}) {
    this.storage = options.storage ?? getStorage();
    this.ledger =
      options.ledger ??
      new Ledger<ConsentLedgerData>('consent', {
        storage: this.storage,
        ...(options.outbox === undefined ? {} : { outbox: options.outbox }),
      });
  }

  /** Read the ledger and follow its changes in this tab and in others (BroadcastChannel). Safe to call many times. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      this.unsubscribeStorage = this.storage.subscribe((change) => this.onStorageChange(change));
      await this.refresh();
    })();
    return this.loading;
  }

  /** True once `load()` finished. */
  get loaded(): boolean {
    return this.ready;
  }
  private ready = false;

  private onStorageChange(change: StorageChange): void {
    if (change.store !== 'ledger' || !Array.isArray(change.key) || change.key[0] !== this.ledger.name) return;
    if (typeof change.key[1] === 'number' && change.key[1] <= this.snap.seq) return;
    void this.refresh();
  }

  /** Re-read the ledger; notify subscribers of what changed. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(async () => {
      const next = deriveSnapshot(await this.ledger.records());
      this.ready = true;
      if (next.seq === this.snap.seq) return;
      const changed = changedKeys(this.snap, next);
      this.snap = next;
      for (const l of this.listeners) {
        try {
          l(this.snap, changed);
        } catch (err) {
          console.error('[anquan] a consent listener threw', err);
        }
      }
    });
    return this.refreshing;
  }

  /** The current snapshot (synchronous; call `load()` first). */
  get snapshot(): ConsentSnapshot {
    return this.snap;
  }

  /** The current state of `purpose`, or undefined when never decided. */
  state(purpose: string): ConsentState | undefined {
    return this.snap.purposes[purpose];
  }

  /** True when `purpose` is currently granted. */
  isGranted(purpose: string): boolean {
    return this.snap.purposes[purpose]?.granted === true;
  }

  /** The latest acknowledgement of `notice` (`pipl`, `ai-disclosure`), or undefined. */
  acknowledgement(notice: string): Acknowledgement | undefined {
    return this.snap.notices[notice];
  }

  /** True when `notice` at `version` has not been answered yet: show it (again, when the version changed). */
  needsNotice(notice: string, version: string): boolean {
    return this.snap.notices[notice]?.noticeVersion !== version;
  }

  /** Record grants and withdrawals, in order, as ledger records. Unchanged purposes are recorded too (a re-confirmation). */
  async record(changes: ConsentChange[]): Promise<ConsentState[]> {
    await this.load();
    const profile = getActiveProfile();
    for (const c of changes) {
      if (!PURPOSE_RE.test(c.purpose))
        throw new TypeError(`[anquan] consent: purpose "${c.purpose}" must be 1-64 lower-case letters, digits, ".", "_" or "-"`);
      if (c.separate !== undefined && !SEPARATE_CONSENTS.includes(c.separate))
        throw new TypeError(`[anquan] consent: separate "${c.separate}" must be one of ${SEPARATE_CONSENTS.join(', ')}`);
    }
    for (const c of changes) {
      const data: ConsentRecordData = {
        purpose: c.purpose,
        noticeVersion: String(c.noticeVersion),
        method: c.method,
        profile,
        ...(c.separate ? { separate: c.separate } : {}),
      };
      await this.ledger.append(c.granted ? 'grant' : 'withdraw', data);
    }
    await this.refresh();
    return changes.map((c) => this.snap.purposes[c.purpose]);
  }

  /** Grant one purpose. */
  async grant(
    purpose: string,
    options: { noticeVersion: string; method?: ConsentMethod; separate?: SeparateConsent },
  ): Promise<ConsentState> {
    const [s] = await this.record([
      {
        purpose,
        granted: true,
        noticeVersion: options.noticeVersion,
        method: options.method ?? 'api',
        ...(options.separate ? { separate: options.separate } : {}),
      },
    ]);
    return s;
  }

  /** Withdraw one purpose (PIPL Art. 15: as easy as granting; earlier lawful processing stays lawful). */
  async withdraw(
    purpose: string,
    options: { noticeVersion: string; method?: ConsentMethod; separate?: SeparateConsent },
  ): Promise<ConsentState> {
    const [s] = await this.record([
      {
        purpose,
        granted: false,
        noticeVersion: options.noticeVersion,
        method: options.method ?? 'api',
        ...(options.separate ? { separate: options.separate } : {}),
      },
    ]);
    return s;
  }

  /** Record that `notice` at `version` was answered (PIPL notice) or shown and confirmed (AI disclosure). */
  async acknowledge(
    notice: string,
    version: string,
    options: { method?: ConsentMethod; decision?: 'accepted' | 'declined' } = {},
  ): Promise<Acknowledgement> {
    await this.load();
    await this.ledger.append('acknowledge', {
      notice,
      noticeVersion: String(version),
      method: options.method ?? 'notice',
      profile: getActiveProfile(),
      ...(options.decision ? { decision: options.decision } : {}),
    });
    await this.refresh();
    return this.snap.notices[notice];
  }

  /** Call `listener(snapshot, changedPurposes)` after every change (this tab and others); returns an unsubscribe function. */
  subscribe(listener: ConsentListener): () => void {
    this.listeners.add(listener);
    void this.load();
    return () => this.listeners.delete(listener);
  }

  /** The whole consent history as JSON text: current state, every record, the chain head and its verification. */
  async exportJson(): Promise<string> {
    await this.load();
    const ledger = await this.ledger.export();
    return JSON.stringify(
      { format: 'anquan-consent-export/1', current: this.snap.purposes, notices: this.snap.notices, ...ledger },
      null,
      2,
    );
  }

  /** Stop following storage changes (tests; a host tearing the SDK down). */
  dispose(): void {
    this.unsubscribeStorage?.();
    this.unsubscribeStorage = null;
    this.listeners.clear();
    this.loading = null;
  }
}

let shared: ConsentStore | null = null;

/** The shared consent store (ledger `consent` on the shared storage and outbox), created on first use. */
export function getConsentStore(): ConsentStore {
  if (!shared) {
    shared = new ConsentStore();
    // The read-only view (consent-view.ts) follows this store once it exists: it holds the records
    // IndexedDB could not take (memory fallback), which the view cannot read itself.
    (globalThis as Record<symbol, unknown>)[SHARED_CONSENT_STORE] = shared;
    void getConsentView().follow(shared);
  }
  return shared;
}
