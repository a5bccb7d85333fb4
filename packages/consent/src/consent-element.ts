// The base of the consent elements: follows a ConsentStore (the shared one unless `store` is set)
// and re-renders on every change, in this tab and in others.
import { AnquanElement } from '@anquan/core/element';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type ConsentSnapshot, type ConsentStore, getConsentStore } from './consent-store.js';
import './events.js';

export class ConsentElement extends AnquanElement {
  /** The consent store to read and write (default: the shared store on the `consent` ledger). */
  @property({ attribute: false }) store?: ConsentStore;

  /** The store's snapshot; null until it has loaded. */
  @state() protected snapshot: ConsentSnapshot | null = null;

  private following: ConsentStore | null = null;
  private unfollow: (() => void) | null = null;
  private loadedOnce: Promise<void> = Promise.resolve();

  /** The store in use. */
  get consentStore(): ConsentStore {
    return this.store ?? getConsentStore();
  }

  /** Resolves once the store has loaded and the element has rendered its state. */
  get ready(): Promise<boolean> {
    // The first update starts the load (willUpdate); it may wait for a locale's message table first.
    return this.updateComplete.then(() => this.loadedOnce).then(() => this.updateComplete);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unfollow?.();
    this.unfollow = null;
    this.following = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const store = this.consentStore;
    if (this.isConnected && this.following !== store) {
      this.unfollow?.();
      this.following = store;
      this.snapshot = null;
      this.unfollow = store.subscribe((snap) => {
        this.snapshot = snap;
        this.storeChanged();
      });
      this.loadedOnce = store.load().then(() => {
        if (this.following !== store) return;
        this.snapshot = store.snapshot;
        this.storeChanged();
      });
    }
  }

  /** Called after the store loaded and after every change. */
  protected storeChanged(): void {}
}
