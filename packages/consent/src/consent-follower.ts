// The base of the elements that show consent state: follows a consent source (the host's `store`,
// else the read-only view of the page's shared consent state) and re-renders on every change, in this tab and in others.
// Elements that write consent use the shared ConsentStore (consent-element.ts); `<aq-training-status>`
// only shows it and uses the read-only view (consent-view.ts), which keeps the store out of its first load.
import { AnquanElement } from '@anquan/core/element';
import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import type { ConsentSnapshot, ConsentStore } from './consent-store.js';
import { type ConsentSource, getConsentView } from './consent-view.js';
import './events.js';

export class ConsentFollower extends AnquanElement {
  /** The consent store to follow (default: the page's shared consent state on the `consent` ledger). */
  @property({ attribute: false }) store?: ConsentStore;

  /** The store's snapshot; null until it has loaded. */
  @state() protected snapshot: ConsentSnapshot | null = null;

  private following: ConsentSource | null = null;
  private unfollow: (() => void) | null = null;
  private loadedOnce: Promise<void> = Promise.resolve();

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
    const source: ConsentSource = this.store ?? getConsentView();
    if (this.isConnected && this.following !== source) {
      this.unfollow?.();
      this.following = source;
      this.snapshot = null;
      this.unfollow = source.subscribe((snap) => {
        this.snapshot = snap;
        this.storeChanged();
      });
      this.loadedOnce = source.load().then(() => {
        if (this.following !== source) return;
        this.snapshot = source.snapshot;
        this.storeChanged();
      });
    }
  }

  /** Called after the store loaded and after every change. */
  protected storeChanged(): void {}
}
