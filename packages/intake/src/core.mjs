// Store-independent pieces of the intake: canonical JSON and hashes (the same bytes as
// @anquan/core's canonicalJson and hashRecord), the idempotency fingerprint, and the one acceptance
// procedure every store runs inside its transaction, so SQLite, PostgreSQL and memory decide alike.
import { createHash } from 'node:crypto';

/** JSON with sorted keys and no whitespace (identical to @anquan/core canonicalJson). */
export function canonicalJson(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON: cannot encode a ${typeof value}`);
}

export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** The hash a ledger record must carry (core's hashRecord: everything but `hash` and `receipt`). */
export function ledgerHash(r) {
  const base = { ledger: r.ledger, seq: r.seq, time: r.time, type: r.type, data: r.data, prevHash: r.prevHash };
  if (r.chain !== undefined) base.chain = r.chain;
  if (r.subject !== undefined) base.subject = r.subject;
  return sha256(canonicalJson(base));
}

/**
 * What makes two POSTs with one idempotency key "the same record": kind, profile, subject, payload
 * and chain head. Not createdAt or sdkVersion: a record queued again after a reload or an upgrade is
 * the same record.
 */
export function fingerprint(body) {
  return sha256(
    canonicalJson({ kind: body.kind, profile: body.profile, subject: body.subject, payload: body.payload, chainHead: body.chainHead }),
  );
}

/**
 * Accept one record inside the store's open transaction. `tx` gives the store's reads and writes
 * (sync or async; both are awaited). Returns one of
 *   { status: 'stored', receipt } | { status: 'duplicate', receipt }
 *   { status: 'refused', code: 'idempotency_conflict' | 'chain_gap' | 'chain_rewritten', message, expectedSeq? }
 * A refusal writes nothing; the message names only the record's own chain and seq, never another
 * chain's data.
 */
export async function acceptOp(tx, op) {
  const l = op.ledger;
  // The chain row first: in PostgreSQL this locks it, so a second process sending the same record
  // waits here and then finds the first one's key below.
  const head = l ? await tx.chain(l.chain) : null;
  const seen = await tx.byKey(op.key);
  if (seen) {
    if (seen.fingerprint && seen.fingerprint !== op.fingerprint)
      return {
        status: 'refused',
        code: 'idempotency_conflict',
        message: `Idempotency-Key ${op.key} was already used for another record`,
      };
    await tx.bumpDeliveries(op.key);
    return { status: 'duplicate', receipt: seen.receipt };
  }
  if (l) {
    if (!head) {
      if (l.seq !== 0)
        return { status: 'refused', code: 'chain_gap', expectedSeq: 0, message: `Chain ${l.chain} has no record yet: send seq 0 first` };
      if (l.prevHash !== '')
        return { status: 'refused', code: 'chain_rewritten', message: `Chain ${l.chain} record 0 must not link to a previous hash` };
      await tx.insertChain({ chain: l.chain, ledger: l.ledger, subject: op.subject ?? null, startedAt: op.receipt.receivedAt });
    } else {
      if (head.ledger !== l.ledger)
        return { status: 'refused', code: 'chain_rewritten', message: `Chain ${l.chain} belongs to another ledger` };
      if (l.seq <= head.seq)
        return { status: 'refused', code: 'chain_rewritten', message: `Chain ${l.chain} already has a different record ${l.seq}` };
      if (l.seq > head.seq + 1)
        return {
          status: 'refused',
          code: 'chain_gap',
          expectedSeq: head.seq + 1,
          message: `Chain ${l.chain}: record ${l.seq} arrived before ${head.seq + 1}`,
        };
      if (l.prevHash !== head.hash)
        return {
          status: 'refused',
          code: 'chain_rewritten',
          message: `Chain ${l.chain} record ${l.seq} does not continue the stored chain`,
        };
    }
    await tx.setHead(l.chain, l.seq, l.hash, op.receipt.receivedAt);
  }
  await tx.insertRecord(op);
  return { status: 'stored', receipt: op.receipt };
}
