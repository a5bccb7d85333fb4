import { T2S_PAIRS, T2S_SOURCE } from './t2s-data.js';

let table: Map<number, number> | undefined;

/** The traditional→simplified map, parsed from the generated pair string on first use. */
function t2sTable(): Map<number, number> {
  if (table) return table;
  const map = new Map<number, number>();
  let from = -1;
  for (let i = 0; i < T2S_PAIRS.length; ) {
    const cp = T2S_PAIRS.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    if (from < 0) from = cp;
    else {
      map.set(from, cp);
      from = -1;
    }
  }
  table = map;
  return map;
}

/**
 * Simplified form of one code point (OpenCC `t → cn`, plus Hong Kong variants), or the code
 * point itself when it has none. One code point in, one out: offsets never shift.
 */
export function toSimplified(cp: number): number {
  if (cp < 0x2e80) return cp;
  return t2sTable().get(cp) ?? cp;
}

/** Where the table comes from, e.g. `opencc-js@1.4.2`. */
export const t2sSource: string = T2S_SOURCE;
