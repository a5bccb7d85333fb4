// The SDK's event map: one source for every `aq-*` event's detail type.
//
// Conventions (docs/api-conventions.md): a fact is `aq-{noun}-{past participle}` and is not
// cancelable; an intent is `aq-request-{verb}`, cancelable, with `detail.source`. The detail type
// of `aq-foo-bar` is exported as `FooBarDetail` from the package's `src/events.ts`.
//
// Each package adds its events by augmenting `AnquanEventMap` in its `src/events.ts`:
//   declare module '@anquan/core' { interface AnquanEventMap { 'aq-report-submitted': ReportSubmittedDetail } }
// and they are then typed on every element's `emit()`, in `addEventListener` on any element,
// document or window (`GlobalEventHandlersEventMap` extends the whole map below), and in the
// framework wrappers generated from the manifests.

import type { CapacityDetail, HeldDetail, RejectedDetail, RetryDetail, SentDetail } from './outbox.js';
import type { DegradedDetail } from './storage.js';

/** The detail every intent (`aq-request-*`, cancelable) carries: what asked for it. */
export interface RequestDetail {
  /**
   * What asked: for `aq-request-close`, the trigger (`close-button`, `escape`, `done`, `host`);
   * for the other intents, the tag of the element that asked (e.g. `aq-report-button`).
   */
  source: string;
}

/** `aq-request-close` (cancelable): a dialog is about to close. Cancel it to keep it open. */
export interface RequestCloseDetail extends RequestDetail {
  source: 'close-button' | 'escape' | 'done' | 'host';
}

/** `aq-storage-degraded`: IndexedDB could not be used; the SDK is running on memory storage. */
export type StorageDegradedDetail = DegradedDetail;
/** `aq-outbox-sent`: the intake acknowledged a record. */
export type OutboxSentDetail = SentDetail;
/** `aq-outbox-rejected`: the intake refused a record for good; it stays in the dead-letter store. */
export type OutboxRejectedDetail = RejectedDetail;
/** `aq-outbox-retry-scheduled`: a send failed and will be retried at `nextAttemptAt`. */
export type OutboxRetryScheduledDetail = RetryDetail;
/** `aq-outbox-held`: the intake refused a record in a way the host must act on (413); it stays queued until `release()`. */
export type OutboxHeldDetail = HeldDetail;
/** `aq-outbox-capacity-reached`: the outbox is near (80%) or at its size cap; nothing queued is dropped. */
export type OutboxCapacityReachedDetail = CapacityDetail;

export interface AnquanEventMap {
  'aq-storage-degraded': StorageDegradedDetail;
  'aq-outbox-sent': OutboxSentDetail;
  'aq-outbox-rejected': OutboxRejectedDetail;
  'aq-outbox-retry-scheduled': OutboxRetryScheduledDetail;
  'aq-outbox-held': OutboxHeldDetail;
  'aq-outbox-capacity-reached': OutboxCapacityReachedDetail;
  'aq-request-close': RequestCloseDetail;
}

/** `AnquanEventMap` as DOM events: `{ 'aq-x': CustomEvent<XDetail> }`. */
export type AnquanCustomEventMap = { [K in keyof AnquanEventMap]: CustomEvent<AnquanEventMap[K]> };

declare global {
  // Every event of every package, typed on elements, document and window (WindowEventMap extends it).
  interface GlobalEventHandlersEventMap extends AnquanCustomEventMap {}
}
