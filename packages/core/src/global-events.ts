// Events that belong to no element (storage degraded, outbox results) go to the global scope
// (window in a page, self in a worker), and also to `anquanEvents` so code without a window listens.
import type { AnquanEventMap } from './events.js';

/** Target for SDK-wide events; also re-dispatched on `globalThis` when it is an EventTarget. */
export const anquanEvents: EventTarget = new EventTarget();

/** Dispatch a CustomEvent on `anquanEvents` and on the global scope. */
export function emitGlobal<K extends keyof AnquanEventMap>(type: K, detail: AnquanEventMap[K]): void {
  anquanEvents.dispatchEvent(new CustomEvent(type, { detail }));
  const g = globalThis as unknown as { dispatchEvent?: (e: Event) => boolean };
  if (typeof g.dispatchEvent === 'function') g.dispatchEvent(new CustomEvent(type, { detail }));
}

/** Random id for idempotency keys and record ids. */
export function randomId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
