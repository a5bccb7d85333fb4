// The base of the consent elements that write consent (the notice, the training switch, the AI
// disclosure). They show the state from the read-only view (consent-view.ts) and write through the
// shared ConsentStore, whose module (storage, ledger, outbox) is a chunk of its own: fetched when the
// element has rendered, before anyone can answer, and awaited by the first write. A host's `store`
// is used for both. When the chunk cannot load, the write rejects and the element says so; nothing is
// recorded as given that was not.
import { html, nothing } from 'lit';
import { state } from 'lit/decorators/state.js';
import { ConsentFollower } from './consent-follower.js';
import type { ConsentStore } from './consent-store.js';
import { messages } from './messages.js';

let storeModule: Promise<typeof import('./consent-store.js')> | null = null;

/** The shared consent store, loading its module first (once; a failed load is tried again next time). */
export function loadConsentStore(): Promise<ConsentStore> {
  storeModule ??= import('./consent-store.js').catch((err: unknown) => {
    storeModule = null;
    throw err;
  });
  return storeModule.then((m) => m.getConsentStore());
}

export class ConsentElement extends ConsentFollower {
  /** Set when the last write could not be made (the store's module did not load, storage refused it). */
  @state() protected writeError: string | null = null;

  /** The store writes go to: `store` when set, else the shared store (its module loaded on first use). */
  writableStore(): Promise<ConsentStore> {
    return this.store ? Promise.resolve(this.store) : loadConsentStore();
  }

  /**
   * Run one write against the store. A failure is shown (`part="write-error"`, an alert) and
   * rethrown; the next successful write clears it.
   */
  protected async write<T>(fn: (store: ConsentStore) => Promise<T>): Promise<T> {
    try {
      const result = await fn(await this.writableStore());
      this.writeError = null;
      return result;
    } catch (err) {
      this.writeError = err instanceof Error ? err.message : String(err);
      console.error(`[anquan] <${this.localName}>: the choice could not be recorded`, err);
      throw err;
    }
  }

  /** The write failure, for the element's template. */
  protected renderWriteError() {
    return this.writeError ? html`<p part="write-error" role="alert">${messages(this.locale, 'writeFailed')}</p>` : nothing;
  }

  protected override firstUpdated(changed: Map<PropertyKey, unknown>): void {
    super.firstUpdated(changed);
    // Fetch the writer now, while the user reads: the first answer does not wait for the network.
    if (!this.store) loadConsentStore().catch(() => undefined);
  }
}
