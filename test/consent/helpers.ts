// Helpers for the consent tests: a store on its own database, console capture, real mouse clicks.
import { AnquanStorage, Outbox } from '@anquan/core';
import { sendMouse } from '@web/test-runner-commands';
import { ConsentStore } from '../../packages/consent/src/index.js';

import { unique } from '../harness/index.js';

export { unique };

/** A consent store on a fresh database; `endpoint` gives it an outbox, else the ledger stays local. */
export function freshStore(options: { db?: string; outbox?: boolean } = {}) {
  const storage = new AnquanStorage(options.db ?? unique('aq-consent'));
  const outbox = options.outbox ? new Outbox({ storage, baseDelayMs: 20 }) : null;
  return { store: new ConsentStore({ storage, outbox }), storage, outbox };
}

export { captureErrors, until } from '../harness/index.js';

/** A real mouse click in the middle of `el` (through the browser's input pipeline). */
export async function realClick(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) throw new Error(`cannot click an invisible element: ${el.outerHTML.slice(0, 80)}`);
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}
