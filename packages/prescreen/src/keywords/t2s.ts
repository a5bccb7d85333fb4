// Traditional → simplified, one code point to one. The table (t2s-data.ts, about 34 KB gzip) is a
// chunk of its own: a page loads it when traditional input first appears (`loadT2s()`), and until it
// has, anything that needs it throws KeywordLibraryError `t2s-pending` instead of passing text
// through unconverted. The keys (t2s-keys.ts, 2.4 KB gzip) are in the first load, so the page can
// tell which text needs the table without it.
import { KeywordLibraryError } from './errors.js';
import { T2S_KEY_COUNT, T2S_KEYS, T2S_SOURCE } from './t2s-keys.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let keys: Set<number> | undefined;
let table: Map<number, number> | undefined;
let loading: Promise<void> | undefined;

/** The code points the table maps, decoded from the key string on first use. */
function keySet(): Set<number> {
  if (keys) return keys;
  const set = new Set<number>();
  let prev = 0;
  let value = 0;
  let shift = 0;
  for (let i = 0; i < T2S_KEYS.length; i++) {
    const v = ALPHABET.indexOf(T2S_KEYS[i]);
    value |= (v & 31) << shift;
    if (v & 32) shift += 5;
    else {
      prev += value;
      set.add(prev);
      value = 0;
      shift = 0;
    }
  }
  if (set.size !== T2S_KEY_COUNT) throw new KeywordLibraryError('format', `t2s: ${set.size} keys decoded, ${T2S_KEY_COUNT} expected`);
  keys = set;
  return set;
}

/** Parse the generated pair string into the table. */
function parse(pairs: string): Map<number, number> {
  const map = new Map<number, number>();
  let from = -1;
  for (let i = 0; i < pairs.length; ) {
    const cp = pairs.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    if (from < 0) from = cp;
    else {
      map.set(from, cp);
      from = -1;
    }
  }
  return map;
}

/** True when `cp` has a simplified form in the table (a traditional or variant character). */
export function isTraditional(cp: number): boolean {
  return cp >= 0x2e80 && keySet().has(cp);
}

/** True when `text` has a character the table maps: screening it needs the table loaded. */
export function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2e80) continue;
    const cp = text.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (keySet().has(cp)) return true;
  }
  return false;
}

/** Whether the table is loaded. */
export function t2sLoaded(): boolean {
  return table !== undefined;
}

/** Install the table from its pair string (the tooling entry does this with the bundled data). */
export function installT2s(pairs: string): void {
  table ??= parse(pairs);
}

/** Load the table (its own chunk); resolves at once when it is loaded. A failed load can be retried. */
export function loadT2s(): Promise<void> {
  if (table) return Promise.resolve();
  loading ??= import('./t2s-data.js').then(
    (m) => {
      table = parse(m.T2S_PAIRS);
    },
    (err: unknown) => {
      loading = undefined;
      throw new KeywordLibraryError('fetch', `t2s: the traditional→simplified table could not load (${String(err)})`);
    },
  );
  return loading;
}

/** Load the table when `text` needs it; resolves at once otherwise. */
export function ensureT2s(text: string): Promise<void> {
  return table || !hasTraditional(text) ? Promise.resolve() : loadT2s();
}

/**
 * Simplified form of one code point (OpenCC `t → cn`, plus Hong Kong variants), or the code
 * point itself when it has none. One code point in, one out: offsets never shift. Throws
 * KeywordLibraryError `t2s-pending` for a traditional character while the table is not loaded
 * (call `loadT2s()` or `ensureT2s(text)` first): never a silent pass-through.
 */
export function toSimplified(cp: number): number {
  if (cp < 0x2e80) return cp;
  if (!keySet().has(cp)) return cp;
  if (!table)
    throw new KeywordLibraryError(
      't2s-pending',
      'the traditional→simplified table is not loaded yet: await loadT2s() or ensureT2s(text) first',
    );
  return table.get(cp) ?? cp;
}

/** Where the table comes from, e.g. `opencc-js@1.4.2`. */
export const t2sSource: string = T2S_SOURCE;
