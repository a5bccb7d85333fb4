// Reading a badge's source: in a module worker next to this file (so no main-thread task grows with the file),
// or, where no worker can start (a CSP without worker-src, an old engine), on the main thread, which the result
// says (`thread: 'main'`).
import type { ImplicitLabelInspection } from '../metadata/index.js';

export interface BadgeRead {
  result?: ImplicitLabelInspection;
  error?: string;
  thread: 'worker' | 'main';
}

type Pending = (m: { result?: ImplicitLabelInspection; error?: string }) => void;

let worker: Worker | null | undefined;
const pending = new Map<number, Pending>();
let seq = 0;

type TrustedTypesFactory = {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): { createScriptURL(input: string): unknown };
};
let policy: { createScriptURL(input: string): unknown } | null = null;

/** `new Worker(url)` is a Trusted Types sink: the policy `anquan-badge` passes only this package's worker URL. */
function trusted(href: string): string {
  const tt = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!tt) return href;
  policy ??= tt.createPolicy('anquan-badge', {
    createScriptURL: (input: string) => {
      if (input !== href) throw new TypeError(`[anquan] aigc-badge: refusing worker URL ${input}`);
      return input;
    },
  });
  return policy.createScriptURL(href) as string;
}

function start(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    // Next to this module: `.ts` when served from source (dev server), `.js` once built (and in the CDN folder).
    const ext = import.meta.url.split('?')[0]!.endsWith('.ts') ? '.ts' : '.js';
    const url = new URL(`./aigc-badge.worker${ext}`, import.meta.url).href;
    const w = new Worker(trusted(url), { type: 'module', name: 'aq-aigc-badge' });
    w.onmessage = (e: MessageEvent<{ id: number; result?: ImplicitLabelInspection; error?: string }>) => {
      const done = pending.get(e.data.id);
      pending.delete(e.data.id);
      done?.(e.data);
    };
    w.onerror = () => {
      // The worker script could not load: answer what is waiting from the main thread, and stop using it.
      worker = null;
      w.terminate();
      for (const [, done] of pending) done({ error: 'worker-failed' });
      pending.clear();
    };
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}

async function onMain(blob: Blob, type: string | undefined): Promise<BadgeRead> {
  // The readers load only here: with a worker, the page never loads them.
  const { ImplicitLabelError, inspectImplicitLabel } = await import('../metadata/index.js');
  try {
    const result = await inspectImplicitLabel(new Uint8Array(await blob.arrayBuffer()), { type: type || blob.type });
    return { result, thread: 'main' };
  } catch (err) {
    return { error: err instanceof ImplicitLabelError ? `${err.code}: ${err.message}` : String(err), thread: 'main' };
  }
}

/** Reads the implicit label of `blob` (a worker where possible). Never throws: errors come back as `error`. */
export async function readBadgeSource(blob: Blob, type?: string): Promise<BadgeRead> {
  const w = start();
  if (!w) return onMain(blob, type);
  const id = ++seq;
  const answer = await new Promise<{ result?: ImplicitLabelInspection; error?: string }>((resolve) => {
    pending.set(id, resolve);
    w.postMessage({ id, blob, type });
  });
  if (answer.error === 'worker-failed') return onMain(blob, type);
  return { ...answer, thread: 'worker' };
}
