// The PostgreSQL store, for providers who outgrow one machine: several intake processes on one
// database. The driver `pg` is an optional peer. Each record is one transaction: the chain row is
// locked (SELECT … FOR UPDATE) so two processes never extend one chain at once; idempotency keys and
// (chain, seq) are UNIQUE, so a record is stored once whichever process wins a race, and the loser
// answers with the winner's receipt. Commits wait for the WAL flush (synchronous_commit on).
import { createRequire } from 'node:module';
import { acceptOp } from '../core.mjs';
import { challengeOut, credentialArgs, credentialOut, insertArgs, migrations, Q, rowOut } from './sql.mjs';
import { chainOut } from './sqlite.mjs';

const require = createRequire(import.meta.url);

/** `?` placeholders → `$1, $2, …` */
const pgSql = (sql) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};
const cache = new Map();
const P = (sql) => {
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = pgSql(sql)));
  return s;
};

/**
 * @param {{ connectionString?: string, pool?: object, max?: number, schema?: string }} options
 *   `connectionString` (postgres://user@host:port/db) or an existing `pg.Pool` as `pool`.
 */
export async function createPostgresStore(options = {}) {
  let pg;
  try {
    pg = require('pg');
  } catch {
    throw new Error('createPostgresStore: the PostgreSQL driver is missing: npm install pg (an optional peer of @anquan/intake)');
  }
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 30_000,
    });
  pool.on?.('error', () => {}); // an idle client lost; the next query reconnects
  const one = async (sql, args = []) => (await pool.query(P(sql), args)).rows[0];

  // Migrations: one advisory lock so two processes starting together migrate once.
  {
    const c = await pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock(74617261)');
      await c.query(Q.migrationsTable);
      const applied = new Set((await c.query(Q.applied)).rows.map((r) => Number(r.version)));
      for (const m of migrations('postgres')) {
        if (applied.has(m.version)) continue;
        await c.query('BEGIN');
        try {
          await c.query(m.sql);
          await c.query(P(Q.markApplied), [m.version, m.name, new Date().toISOString()]);
          await c.query('COMMIT');
        } catch (err) {
          await c.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(74617261)').catch(() => {});
      c.release();
    }
  }

  async function acceptOne(op) {
    const c = await pool.connect();
    let broken = false;
    try {
      for (let attempt = 0; ; attempt++) {
        await c.query('BEGIN');
        try {
          const q = async (sql, args) => (await c.query(P(sql), args)).rows;
          const tx = {
            byKey: async (key) => {
              const r = (await q(Q.byKey, [key]))[0];
              return r && { fingerprint: r.fingerprint, receipt: JSON.parse(r.receipt) };
            },
            bumpDeliveries: (key) => q(Q.bump, [key]),
            chain: async (chain) => {
              const r = (await q(`${Q.chain} FOR UPDATE`, [chain]))[0];
              return r && Number(r.seq) >= 0 ? { ledger: r.ledger, seq: Number(r.seq), hash: r.hash } : null;
            },
            insertChain: async (ch) => {
              await q(Q.insertChain, [ch.chain, ch.ledger, ch.subject, ch.startedAt, ch.startedAt]);
              // Another process may have created it meanwhile: lock it and re-check it is still empty.
              const r = (await q(`${Q.chain} FOR UPDATE`, [ch.chain]))[0];
              if (Number(r.seq) >= 0) throw Object.assign(new Error('chain started concurrently'), { retry: true });
            },
            setHead: (chain, seq, hash, at) => q(Q.setHead, [seq, hash, at, chain]),
            insertRecord: (op2) => q(Q.insert, insertArgs(op2)),
          };
          const result = await acceptOp(tx, op);
          if (result.status === 'refused') await c.query('ROLLBACK');
          else await c.query('COMMIT');
          return result;
        } catch (err) {
          await c.query('ROLLBACK').catch(() => {
            broken = true;
          });
          // A unique violation means another process stored the same key (or seq) first: run again
          // and answer from what it stored.
          if (!broken && attempt < 3 && (err.retry || err.code === '23505' || err.code === '40001' || err.code === '40P01')) continue;
          throw err;
        }
      }
    } finally {
      c.release(broken);
    }
  }

  return {
    kind: 'postgres',
    durable: true,
    pool,
    /** One transaction per record, run in parallel over the pool (PostgreSQL groups the WAL flushes). */
    async accept(ops) {
      return Promise.all(ops.map((op) => acceptOne(op).catch((error) => ({ status: 'error', error }))));
    },
    getReport: async (tracking) => rowOut(await one(Q.byTracking, [tracking])),
    setDecision: async (tracking, status, decision) =>
      (await pool.query(P(Q.setDecision), [status, decision ? JSON.stringify(decision) : null, tracking])).rowCount > 0,
    async records({ kind, after = 0, limit = 1000 } = {}) {
      const { rows } = kind ? await pool.query(P(Q.listKind), [kind, after, limit]) : await pool.query(P(Q.list), [after, limit]);
      return rows.map((r) => ({ seq: Number(r.seq), ...rowOut(r) }));
    },
    count: async (kind) => Number((kind ? await one(Q.countKind, [kind]) : await one(Q.count)).n),
    async subjectLedger(subject) {
      const chains = (await pool.query(P(Q.subjectChains), [subject])).rows.map(chainOut);
      const records = (await pool.query(P(Q.subjectLedger), [subject])).rows.map((r) => ({ seq: Number(r.seq), ...rowOut(r) }));
      return { chains, records };
    },
    async deleteSubject(subject, tombstone) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const counts = Object.fromEntries((await c.query(P(Q.countSubject), [subject])).rows.map((r) => [r.kind, Number(r.n)]));
        await c.query(P(Q.deleteSubjectRecords), [subject]);
        counts.chains = (await c.query(P(Q.deleteSubjectChains), [subject])).rowCount;
        const passkeys = (await c.query(P(Q.deleteSubjectCredentials), [subject])).rowCount;
        if (passkeys) counts.passkeys = passkeys;
        await c.query(P(Q.deleteSubjectChallenges), [subject]);
        await c.query(P(Q.tombstone), [tombstone.subjectSha256, tombstone.at, JSON.stringify(counts)]);
        await c.query('COMMIT');
        return counts;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    async prune(cutoffs) {
      const counts = {};
      for (const [kind, before] of Object.entries(cutoffs)) counts[kind] = (await pool.query(P(Q.prune), [kind, before])).rowCount;
      if (cutoffs['ledger-record']) await pool.query(P(Q.pruneChains), [cutoffs['ledger-record']]);
      await pool.query(P(Q.pruneChallenges), [new Date().toISOString()]);
      return counts;
    },
    /** Guardian passkeys: single-use challenges and credentials per subject. */
    passkeys: {
      putChallenge: async (c) =>
        void (await pool.query(P(Q.putChallenge), [c.id, c.subject, c.purpose, JSON.stringify(c.data ?? {}), c.expiresAt])),
      takeChallenge: async (id) => challengeOut(await one(Q.takeChallenge, [id])),
      addCredential: async (c) => (await pool.query(P(Q.addCredential), credentialArgs(c))).rowCount > 0,
      credential: async (id) => credentialOut(await one(Q.credential, [id])),
      credentials: async (subject) => (await pool.query(P(Q.credentials), [subject])).rows.map(credentialOut),
      setCounter: async (id, from, to, at) => (await pool.query(P(Q.setCounter), [to, at, id, from])).rowCount > 0,
    },
    async meta(key, create) {
      const r = await one(Q.getMeta, [key]);
      if (r) return r.value;
      await pool.query(P(Q.putMeta), [key, create()]);
      return (await one(Q.getMeta, [key])).value;
    },
    async health() {
      await pool.query('SELECT 1');
      return true;
    },
    async close() {
      if (!options.pool) await pool.end();
    },
  };
}
