// The SQLite store, the embedded default. The driver is an optional peer: `node:sqlite` where the
// running Node has it unflagged (22.13 and later), else `better-sqlite3`. WAL journal with
// synchronous=FULL: a commit is on disk before any request in it is answered. Group commit: the
// intake hands many requests to one accept() call, which runs them in one transaction (one fsync),
// each in its own savepoint, so one failing request never takes the others with it.
import { createRequire } from 'node:module';
import { acceptOp } from '../core.mjs';
import { challengeOut, credentialArgs, credentialOut, insertArgs, migrations, Q, rowOut } from './sql.mjs';

const require = createRequire(import.meta.url);

/** Which SQLite driver this Node can use: 'node:sqlite', 'better-sqlite3', or null. */
export async function sqliteDriver(preferred) {
  const tryNode = async () => {
    try {
      const mod = await import('node:sqlite');
      return mod.DatabaseSync ? { name: 'node:sqlite', open: (p) => new mod.DatabaseSync(p) } : null;
    } catch {
      return null;
    }
  };
  const tryBetter = () => {
    try {
      const Database = require('better-sqlite3');
      return { name: 'better-sqlite3', open: (p) => new Database(p) };
    } catch {
      return null;
    }
  };
  if (preferred === 'better-sqlite3') return tryBetter();
  if (preferred === 'node:sqlite') return tryNode();
  return (await tryNode()) ?? tryBetter();
}

/**
 * Open (or create) a SQLite database. Throws when no driver is installed or the file cannot be
 * opened; the intake then refuses to start rather than fall back to memory.
 * @param {{ path: string, driver?: 'node:sqlite' | 'better-sqlite3', synchronous?: 'FULL' | 'NORMAL' }} options
 */
export async function createSqliteStore(options) {
  const opts = typeof options === 'string' ? { path: options } : options;
  const driver = await sqliteDriver(opts.driver);
  if (!driver)
    throw new Error('createSqliteStore: no SQLite driver: run on Node 22.13+ (node:sqlite) or install better-sqlite3 (an optional peer)');
  const db = driver.open(opts.path);
  const sync = opts.synchronous ?? 'FULL';
  if (!/^(FULL|NORMAL|EXTRA)$/.test(sync)) throw new TypeError('createSqliteStore: synchronous must be FULL, EXTRA or NORMAL');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${sync}`);
  db.exec('PRAGMA busy_timeout = 5000');
  const cache = new Map();
  const stmt = (sql) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const get = (sql, ...a) => stmt(sql).get(...a);
  const all = (sql, ...a) => stmt(sql).all(...a);
  const run = (sql, ...a) => stmt(sql).run(...a);

  // Migrations. A database from the old reference server (records without fingerprints, a posts
  // log and one head per ledger name) is folded into the current schema first.
  db.exec(Q.migrationsTable);
  const applied = new Set(all(Q.applied).map((r) => Number(r.version)));
  const legacy = get("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'records'");
  if (legacy && !applied.size) {
    const cols = new Set(all('PRAGMA table_info(records)').map((c) => c.name));
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const [col, def] of [
        ['fingerprint', "TEXT NOT NULL DEFAULT ''"],
        ['subject', 'TEXT'],
        ['deliveries', 'INTEGER NOT NULL DEFAULT 1'],
        ['chain', 'TEXT'],
        ['chain_seq', 'INTEGER'],
      ])
        if (!cols.has(col)) db.exec(`ALTER TABLE records ADD COLUMN ${col} ${def}`);
      if (get("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'posts'")) {
        db.exec(
          'UPDATE records SET deliveries = (SELECT COUNT(*) FROM posts p WHERE p.idempotency_key = records.idempotency_key) WHERE EXISTS (SELECT 1 FROM posts p WHERE p.idempotency_key = records.idempotency_key)',
        );
        db.exec('DROP TABLE posts');
      }
      db.exec('DROP TABLE IF EXISTS ledger_heads');
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
  for (const m of migrations('sqlite')) {
    if (applied.has(m.version)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(m.sql);
      run(Q.markApplied, m.version, m.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }

  const tx = {
    byKey: (key) => {
      const r = get(Q.byKey, key);
      return r && { fingerprint: r.fingerprint, receipt: JSON.parse(r.receipt) };
    },
    bumpDeliveries: (key) => run(Q.bump, key),
    chain: (chain) => {
      const r = get(Q.chain, chain);
      return r && { ledger: r.ledger, seq: Number(r.seq), hash: r.hash };
    },
    insertChain: (c) => run(Q.insertChain, c.chain, c.ledger, c.subject, c.startedAt, c.startedAt),
    setHead: (chain, seq, hash, at) => run(Q.setHead, seq, hash, at, chain),
    insertRecord: (op) => run(Q.insert, ...insertArgs(op)),
  };

  let busy = false;
  return {
    kind: 'sqlite',
    durable: opts.path !== ':memory:' && opts.path !== '',
    driver: driver.name,
    path: opts.path,
    db,
    /** Accept many records in one transaction (one fsync); one result per op, in order. */
    async accept(ops) {
      if (busy) throw new Error('sqlite store: accept() while a transaction is open');
      busy = true;
      const results = [];
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          for (const op of ops) {
            db.exec('SAVEPOINT op');
            try {
              results.push(await acceptOp(tx, op));
              db.exec('RELEASE op');
            } catch (err) {
              db.exec('ROLLBACK TO op');
              db.exec('RELEASE op');
              results.push({ status: 'error', error: err });
            }
          }
          db.exec('COMMIT');
        } catch (err) {
          try {
            db.exec('ROLLBACK');
          } catch {}
          throw err;
        }
      } finally {
        busy = false;
      }
      return results;
    },
    getReport: async (tracking) => rowOut(get(Q.byTracking, tracking)),
    setDecision: async (tracking, status, decision) =>
      Number(run(Q.setDecision, status, decision ? JSON.stringify(decision) : null, tracking).changes) > 0,
    async records({ kind, after = 0, limit = 1000 } = {}) {
      const rows = kind ? all(Q.listKind, kind, after, limit) : all(Q.list, after, limit);
      return rows.map((r) => ({ seq: Number(r.seq), ...rowOut(r) }));
    },
    count: async (kind) => Number((kind ? get(Q.countKind, kind) : get(Q.count)).n),
    async subjectLedger(subject) {
      return {
        chains: all(Q.subjectChains, subject).map(chainOut),
        records: all(Q.subjectLedger, subject).map((r) => ({ seq: Number(r.seq), ...rowOut(r) })),
      };
    },
    async deleteSubject(subject, tombstone) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const counts = Object.fromEntries(all(Q.countSubject, subject).map((r) => [r.kind, Number(r.n)]));
        run(Q.deleteSubjectRecords, subject);
        counts.chains = Number(run(Q.deleteSubjectChains, subject).changes);
        const passkeys = Number(run(Q.deleteSubjectCredentials, subject).changes);
        if (passkeys) counts.passkeys = passkeys;
        run(Q.deleteSubjectChallenges, subject);
        run(Q.tombstone, tombstone.subjectSha256, tombstone.at, JSON.stringify(counts));
        db.exec('COMMIT');
        return counts;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    async prune(cutoffs) {
      const counts = {};
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const [kind, before] of Object.entries(cutoffs)) counts[kind] = Number(run(Q.prune, kind, before).changes);
        if (cutoffs['ledger-record']) run(Q.pruneChains, cutoffs['ledger-record']);
        run(Q.pruneChallenges, new Date().toISOString());
        db.exec('COMMIT');
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
      return counts;
    },
    /** Guardian passkeys: single-use challenges and credentials per subject. */
    passkeys: {
      putChallenge: async (c) => void run(Q.putChallenge, c.id, c.subject, c.purpose, JSON.stringify(c.data ?? {}), c.expiresAt),
      takeChallenge: async (id) => challengeOut(get(Q.takeChallenge, id)),
      addCredential: async (c) => Number(run(Q.addCredential, ...credentialArgs(c)).changes) > 0,
      credential: async (id) => credentialOut(get(Q.credential, id)),
      credentials: async (subject) => all(Q.credentials, subject).map(credentialOut),
      setCounter: async (id, from, to, at) => Number(run(Q.setCounter, to, at, id, from).changes) > 0,
    },
    async meta(key, create) {
      const r = get(Q.getMeta, key);
      if (r) return r.value;
      run(Q.putMeta, key, create());
      return get(Q.getMeta, key).value;
    },
    async health() {
      get('SELECT 1 AS ok');
      return true;
    },
    async close() {
      db.close();
    },
  };
}

export const chainOut = (r) => ({
  chain: r.chain,
  ledger: r.ledger,
  startedAt: r.started_at,
  head: Number(r.head_seq) >= 0 ? { seq: Number(r.head_seq), hash: r.head_hash } : null,
  updatedAt: r.updated_at,
});
