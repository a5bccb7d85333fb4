// Small helpers shared by the label tests.
import { aTimeout } from '@open-wc/testing';

export { captureErrors } from '../harness/index.js';

/** The visible text of an element's shadow part. */
export function part(el: Element, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`);
}

/** Wait for ResizeObserver callbacks and the re-render they cause. */
export async function settle(el: { updateComplete: Promise<unknown> }): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  await aTimeout(0);
  await el.updateComplete;
}

/** A solid-colour PNG of `w`×`h` as a Blob (canvas, no network). */
export async function solidPng(w: number, h: number, colour = '#3a7'): Promise<Blob> {
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, w, h);
  return c.convertToBlob({ type: 'image/png' });
}

/** Base64 to bytes. */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
