// Canonical JSON and SHA-256, shared by the ledger (record hashes), signed keyword libraries and
// pre-screen decisions (text hashes). DOM-free: `@anquan/core/hash` imports in workers and Node.

/**
 * JSON with object keys sorted at every level and no whitespace: the bytes that are hashed or
 * signed. Object members that are `undefined` are left out; `undefined` in arrays becomes `null`.
 * @throws TypeError for non-finite numbers and values JSON cannot encode (functions, symbols, bigint)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('[anquan] canonical JSON: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  throw new TypeError(`[anquan] canonical JSON: cannot encode a ${typeof value}`);
}

/** Lower-case hex SHA-256 of the UTF-8 text (WebCrypto: pages, workers, Node 20). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
