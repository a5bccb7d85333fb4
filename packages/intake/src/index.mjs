/**
 * @anquan/intake: the server side of the Anquan intake contract (intake-openapi.json). Stores:
 * SQLite (embedded; node:sqlite on Node 22.13+, else better-sqlite3) and PostgreSQL (pg), both
 * optional peers; memory only when asked for. Adapters for node:http, Connect/Express, Koa, Fastify
 * and Vite.
 * @packageDocumentation
 */
import { createPublicKey, verify } from 'node:crypto';
import { receiptPayload } from './intake.mjs';
import { checkVerdictWith } from './passkeys.mjs';

export { intakeFastify, intakeHandler, intakeKoa, intakeMiddleware, intakeVite } from './adapters.mjs';
export { canonicalJson, fingerprint, ledgerHash } from './core.mjs';
export { addWorkingDays, CN_2025, calendarProblem, isWorkingDay, workingDaysBetween } from './generated/working-days.mjs';
export { contract, createIntake, DEFAULT_LIMITS, DEFAULT_RETENTION_DAYS, KINDS, ROUTES, receiptPayload } from './intake.mjs';
export { PASSKEY_PURPOSES } from './passkeys.mjs';
export { createValidator, jsonDepth } from './schema.mjs';
export { createMemoryStore } from './stores/memory.mjs';
export { createPostgresStore } from './stores/postgres.mjs';
export { createSqliteStore, sqliteDriver } from './stores/sqlite.mjs';

/** Check a receipt's Ed25519 signature with the intake's public key (GET /v1/receipt-key → jwk). */
export function verifyReceipt(receipt, jwk) {
  if (!receipt?.signature) return false;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return verify(null, Buffer.from(receiptPayload(receipt)), key, Buffer.from(receipt.signature, 'base64url'));
}

/**
 * Check a guardian verdict (from POST /v1/passkeys/authentication/verify, passed on by the page) with
 * the intake's public key (GET /v1/receipt-key → jwk): the verdict when its Ed25519 signature holds,
 * it has not expired and it names `expect.subject` / `expect.purpose` where given; else null.
 */
export function verifyGuardianVerdict(token, jwk, expect) {
  return checkVerdictWith(createPublicKey({ key: jwk, format: 'jwk' }), token, expect);
}
