// Shared test helpers: a fake time source (no real sleeps), unique databases, and a scan of every
// store of a database and of Web Storage for a secret.
import { AnquanStorage } from '@anquan/core';

import { unique } from '../harness/index.js';

export { unique };

/** 2025-01-15 10:00 in Asia/Shanghai (UTC+8). */
export const SHANGHAI_10AM = Date.UTC(2025, 0, 15, 2, 0);
export const TZ = 'Asia/Shanghai';
export const MIN = 60_000;

export interface FakeTime {
  now(): number;
  monotonic(): number;
  /** Time passes: wall and monotonic advance together. */
  advance(ms: number): void;
  /** The user changes the system clock: only wall time moves. */
  setWall(ms: number): void;
}

export function fakeTime(start = SHANGHAI_10AM, monoStart = 1000): FakeTime {
  let wall = start;
  let mono = monoStart;
  return {
    now: () => wall,
    monotonic: () => mono,
    advance(ms) {
      wall += ms;
      mono += ms;
    },
    setWall(ms) {
      wall = ms;
    },
  };
}

export function storage(prefix = 'aq-mm'): AnquanStorage {
  return new AnquanStorage(unique(prefix));
}

/** Every value of every object store of database `name`, as JSON text. */
export async function dumpDatabase(name: string): Promise<string> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const out: unknown[] = [];
  for (const store of Array.from(db.objectStoreNames)) {
    const values = await new Promise<unknown[]>((res, rej) => {
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const keys = await new Promise<IDBValidKey[]>((res, rej) => {
      const req = db.transaction(store).objectStore(store).getAllKeys();
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    out.push({ store, keys, values });
  }
  db.close();
  return JSON.stringify(out);
}

export function dumpWebStorage(): string {
  const all: Record<string, string | null> = {};
  for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i++) all[s.key(i)!] = s.getItem(s.key(i)!);
  return JSON.stringify(all);
}

/** Let queued tasks (BroadcastChannel messages, IndexedDB callbacks) run; not a timed wait. */
export const flush = () => new Promise((r) => setTimeout(r, 20));

/**
 * True when `pin` occurs in `text` as its own token. A digit run inside a hex or base64 hash is not
 * the PIN (a 6-digit run turns up in hashes by chance), so alphanumeric neighbours do not count.
 */
export function containsPin(text: string, pin: string): boolean {
  return new RegExp(`(^|[^0-9A-Za-z+/])${pin}([^0-9A-Za-z+/=]|$)`).test(text);
}
