/**
 * Signed hot updates of a compiled keyword library (Appendix B asks for at least weekly
 * updates). The operator's build signs `{ version, data }` with an ECDSA P-256 / SHA-256 key;
 * the page fetches the library, verifies the signature with WebCrypto against the public key
 * it was shipped with, refuses anything older than what it already has, and loads the matcher.
 *
 * Signed bytes: UTF-8 of `"anquan-keywords/1\n" + version + "\n" + canonicalJson(data)`, where
 * canonical JSON sorts object keys and has no whitespace. Signature: IEEE P1363 (r ‖ s,
 * 64 bytes), base64 — the WebCrypto format.
 *
 * @module
 */
import { canonicalJson } from '@anquan/core/hash';
import { base64ToBytes, bytesToBase64 } from './codec.js';
import { KeywordLibraryError } from './errors.js';
import { KeywordMatcher } from './matcher.js';
import type { CompiledKeywordLibrary } from './types.js';

/** The wire format of a signed library. */
export interface SignedKeywordLibrary {
  /** Library version: a non-negative integer that only goes up (e.g. `2025061801`). */
  version: number;
  /** The compiled library (plain or obfuscated). */
  data: CompiledKeywordLibrary;
  /** Signature algorithm; always `ES256` (ECDSA P-256 with SHA-256). */
  algorithm: 'ES256';
  /** Base64 of the 64-byte IEEE P1363 signature. */
  signature: string;
}

/** A key given as a `CryptoKey`, a JWK, or (public keys only) base64 SPKI. */
export type KeywordKey = CryptoKey | JsonWebKey | string;

/** Options for {@link verifyKeywordLibrary}. */
export interface VerifyKeywordLibraryOptions {
  /** The operator's ECDSA P-256 public key. */
  publicKey: KeywordKey;
  /** Reject libraries with a lower version (anti-rollback): pass the version you already run. */
  expectedVersionAtLeast?: number;
}

/** Options for {@link loadKeywordLibrary}. */
export interface LoadKeywordLibraryOptions extends VerifyKeywordLibraryOptions {
  /** Fetch implementation (default: `globalThis.fetch`). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Extra fetch options (headers, credentials). */
  init?: RequestInit;
  /** Aborts the download. */
  signal?: AbortSignal;
}

/** A verified and loaded library. */
export interface LoadedKeywordLibrary {
  /** The library's version. */
  version: number;
  /** Ready-to-use matcher. */
  matcher: KeywordMatcher;
}

const PREFIX = 'anquan-keywords/1\n';
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** The exact bytes a signature covers. */
export function signedBytes(version: number, data: CompiledKeywordLibrary): Uint8Array {
  let json: string;
  try {
    json = canonicalJson(data);
  } catch (err) {
    throw new KeywordLibraryError('format', (err as Error).message);
  }
  return new TextEncoder().encode(`${PREFIX}${version}\n${json}`);
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new KeywordLibraryError('signature', 'WebCrypto (crypto.subtle) is not available; a secure context is required');
  return s;
}

async function importKey(key: KeywordKey, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  if (typeof key === 'string') {
    if (usage === 'sign') throw new KeywordLibraryError('signature', 'a private key must be a CryptoKey or a JWK');
    const spki = base64ToBytes(key.replace(/-----[^-]+-----|\s+/g, ''));
    return subtle().importKey('spki', spki, ALGORITHM, false, [usage]);
  }
  if (typeof (key as CryptoKey).algorithm === 'object' && typeof (key as CryptoKey).type === 'string') return key as CryptoKey;
  const jwk = { ...(key as JsonWebKey) };
  if (usage === 'verify') delete jwk.d;
  delete jwk.key_ops;
  return subtle().importKey('jwk', jwk, ALGORITHM, false, [usage]);
}

function isVersion(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Creates an extractable ECDSA P-256 key pair for signing keyword libraries. */
export async function generateKeywordSigningKey(): Promise<CryptoKeyPair> {
  return subtle().generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/**
 * Signs a compiled library for distribution (operator build tooling; runs in Node ≥ 20 or a
 * browser).
 */
export async function signKeywordLibrary(
  compiled: CompiledKeywordLibrary,
  privateKey: CryptoKey | JsonWebKey,
  version: number,
): Promise<SignedKeywordLibrary> {
  if (!isVersion(version)) throw new KeywordLibraryError('version', 'library version must be a non-negative safe integer');
  const key = await importKey(privateKey, 'sign');
  const sig = new Uint8Array(await subtle().sign(SIGN, key, signedBytes(version, compiled) as BufferSource));
  return { version, data: compiled, algorithm: 'ES256', signature: bytesToBase64(sig) };
}

/**
 * Verifies a signed library object (already parsed from JSON).
 *
 * @throws KeywordLibraryError `format` (malformed), `signature` (does not verify), `version`
 *   (older than `expectedVersionAtLeast`).
 */
export async function verifyKeywordLibrary(
  signed: unknown,
  options: VerifyKeywordLibraryOptions,
): Promise<{ version: number; data: CompiledKeywordLibrary }> {
  const s = signed as Partial<SignedKeywordLibrary> | null;
  if (!s || typeof s !== 'object' || !isVersion(s.version) || !s.data || typeof s.data !== 'object' || typeof s.signature !== 'string') {
    throw new KeywordLibraryError('format', 'signed keyword library must be {version, data, signature}');
  }
  if (s.algorithm !== undefined && s.algorithm !== 'ES256') {
    throw new KeywordLibraryError('signature', `unsupported signature algorithm ${JSON.stringify(s.algorithm)}`);
  }
  let sig: Uint8Array;
  try {
    sig = base64ToBytes(s.signature);
  } catch {
    throw new KeywordLibraryError('signature', 'signature is not base64');
  }
  const key = await importKey(options.publicKey, 'verify');
  let ok = false;
  try {
    ok = sig.length === 64 && (await subtle().verify(SIGN, key, sig as BufferSource, signedBytes(s.version, s.data) as BufferSource));
  } catch {
    ok = false;
  }
  if (!ok) throw new KeywordLibraryError('signature', 'keyword library signature does not verify');
  const min = options.expectedVersionAtLeast;
  if (min !== undefined && s.version < min) {
    throw new KeywordLibraryError('version', `keyword library version ${s.version} is older than ${min}`);
  }
  return { version: s.version, data: s.data };
}

/**
 * Fetches a signed compiled library, verifies it and loads a matcher. Accepts any URL the fetch
 * implementation accepts (`https:`, `data:`, `blob:`).
 *
 * @throws KeywordLibraryError `fetch`, `format`, `signature` or `version`.
 */
export async function loadKeywordLibrary(url: string | URL, options: LoadKeywordLibraryOptions): Promise<LoadedKeywordLibrary> {
  const doFetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!doFetch) throw new KeywordLibraryError('fetch', 'no fetch implementation available');
  let body: unknown;
  try {
    const res = await doFetch(String(url), { ...options.init, signal: options.signal ?? options.init?.signal });
    if (!res.ok) throw new KeywordLibraryError('fetch', `keyword library fetch failed: HTTP ${res.status}`);
    body = await res.json();
  } catch (e) {
    if (e instanceof KeywordLibraryError) throw e;
    throw new KeywordLibraryError('fetch', `keyword library fetch failed: ${(e as Error)?.message ?? e}`);
  }
  const { version, data } = await verifyKeywordLibrary(body, options);
  return { version, matcher: KeywordMatcher.fromCompiled(data) };
}
