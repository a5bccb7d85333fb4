// The safety context: one shared, subscribable state that every element reads. The minors mode writes
// the band, the pre-screen reads it; the suspension policy writes the suspension. It is persisted and
// kept the same across tabs.
import { getActiveProfile, onConfigChange } from './config-state.js';
import type { AgeBand, ProfileId } from './profiles.js';
import { type AnquanStorage, getStorage } from './storage.js';

export interface SafetyState {
  /** The active profile. */
  readonly profile: ProfileId;
  /** Minors mode and its age band (null band when off). */
  readonly minorMode: { readonly enabled: boolean; readonly band: AgeBand | null };
  /** Suspension under the 3-in-a-row / 5-a-day rule. `until` is epoch ms, null when not suspended. */
  readonly suspension: { readonly suspended: boolean; readonly until: number | null; readonly reason: string | null };
}

export type SafetyPatch = {
  minorMode?: Partial<SafetyState['minorMode']>;
  suspension?: Partial<SafetyState['suspension']>;
};

type Listener = (state: SafetyState, previous: SafetyState) => void;

const KV_KEY = 'safety-context';

/** A safety context bound to one storage. Most code uses the shared `safetyContext`. */
export class SafetyContext {
  private state: SafetyState;
  private readonly listeners = new Set<Listener>();
  private loaded: Promise<void> | null = null;
  private readonly storageOf: () => AnquanStorage;

  constructor(storage: () => AnquanStorage = getStorage) {
    this.storageOf = storage;
    this.state = {
      profile: 'cn',
      minorMode: { enabled: false, band: null },
      suspension: { suspended: false, until: null, reason: null },
    };
  }

  /** The current state (synchronous). Call `load()` once to restore the persisted state. */
  get(): SafetyState {
    const profile = getActiveProfile();
    if (profile !== this.state.profile) this.state = { ...this.state, profile };
    return this.expire(this.state);
  }

  private expire(state: SafetyState): SafetyState {
    const s = state.suspension;
    if (s.suspended && s.until !== null && s.until <= Date.now()) {
      return { ...state, suspension: { suspended: false, until: null, reason: null } };
    }
    return state;
  }

  /** Restore the persisted state and follow other tabs' changes. Safe to call many times. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      const storage = this.storageOf();
      const saved = await storage.get<Omit<SafetyState, 'profile'>>('kv', KV_KEY);
      if (saved) this.replace({ ...this.state, ...saved });
      storage.subscribe(async (change, remote) => {
        if (remote && change.store === 'kv' && change.key === KV_KEY) {
          const next = await storage.get<Omit<SafetyState, 'profile'>>('kv', KV_KEY);
          if (next) this.replace({ ...this.state, ...next });
        }
      });
      onConfigChange(() => this.replace(this.get()));
    })();
    return this.loaded;
  }

  private replace(next: SafetyState): void {
    const previous = this.state;
    this.state = next;
    if (JSON.stringify(previous) === JSON.stringify(next)) return;
    for (const l of this.listeners) {
      try {
        l(this.get(), previous);
      } catch (err) {
        console.error('[anquan] a safety-context listener threw', err);
      }
    }
  }

  /** Change part of the state, persist it and tell every subscriber (in this tab and others). */
  async update(patch: SafetyPatch): Promise<SafetyState> {
    await this.load();
    const current = this.get();
    const minorMode = { ...current.minorMode, ...patch.minorMode };
    const next: SafetyState = {
      ...current,
      minorMode: minorMode.enabled ? minorMode : { enabled: false, band: null },
      suspension: { ...current.suspension, ...patch.suspension },
    };
    this.replace(next);
    await this.storageOf().put('kv', { minorMode: next.minorMode, suspension: next.suspension }, KV_KEY);
    return next;
  }

  /** Call `listener(state, previous)` after each change; returns an unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The shared safety context (database "anquan"). */
export const safetyContext = new SafetyContext();
