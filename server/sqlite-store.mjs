// SQLite storage for the reference intake (better-sqlite3). Same interface as createMemoryStore in
// intake.mjs. Idempotency keys are a UNIQUE column: a key is stored once even if two requests race,
// and a repeat gets the first receipt. Every write is one transaction (WAL journal), so a crash or
// restart loses nothing that was answered with a 2xx.
import { createRequire } from 'node:module';

const Database = createRequire(import.meta.url)('better-sqlite3');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  receipt TEXT NOT NULL,
  tracking_number TEXT UNIQUE,
  status TEXT,
  decision TEXT,
  received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS posts (seq INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT);
CREATE TABLE IF NOT EXISTS ledger_heads (ledger TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL);
`;

/**
 * Open (or create) the SQLite database at `path` (`:memory:` for a throw-away one).
 * @param {string} path
 */
export function createSqliteStore(path) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const q = {
    byKey: db.prepare('SELECT receipt FROM records WHERE idempotency_key = ?'),
    insert: db.prepare(
      `INSERT INTO records (idempotency_key, kind, body, receipt, tracking_number, status, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
    ),
    all: db.prepare('SELECT body, receipt, status, decision FROM records ORDER BY seq'),
    byTracking: db.prepare('SELECT body, receipt, status, decision FROM records WHERE tracking_number = ?'),
    setDecision: db.prepare('UPDATE records SET status = ?, decision = ? WHERE tracking_number = ?'),
    post: db.prepare('INSERT INTO posts (idempotency_key) VALUES (?)'),
    posts: db.prepare('SELECT idempotency_key AS k FROM posts ORDER BY seq'),
    head: db.prepare('SELECT seq, hash FROM ledger_heads WHERE ledger = ?'),
    setHead: db.prepare('INSERT INTO ledger_heads (ledger, seq, hash) VALUES (?, ?, ?) ON CONFLICT(ledger) DO UPDATE SET seq = excluded.seq, hash = excluded.hash'),
  };
  const row = (r) =>
    r && {
      ...JSON.parse(r.body),
      receipt: JSON.parse(r.receipt),
      ...(r.status ? { status: r.status } : {}),
      ...(r.decision ? { decision: JSON.parse(r.decision) } : {}),
    };

  return {
    kind: 'sqlite',
    path,
    db,
    /** Every stored record (body plus receipt, status and decision), in arrival order. */
    get records() {
      return q.all.all().map(row);
    },
    /** Every idempotency key POSTed, repeats included. */
    posts: {
      push: (key) => q.post.run(key ?? null),
      toJSON: () => q.posts.all().map((r) => r.k),
    },
    getByKey(key) {
      const r = q.byKey.get(key);
      return r ? JSON.parse(r.receipt) : undefined;
    },
    /** Store once; returns the first receipt when the key is already stored (a race lost), else undefined. */
    put(key, record, receipt) {
      const info = q.insert.run(key, record.kind, JSON.stringify(record), JSON.stringify(receipt), receipt.trackingNumber ?? null, record.kind === 'report' ? 'received' : null, receipt.receivedAt);
      if (info.changes === 0) return this.getByKey(key);
      return undefined;
    },
    getReport: (tracking) => row(q.byTracking.get(tracking)),
    setDecision(tracking, status, decision) {
      return q.setDecision.run(status, decision ? JSON.stringify(decision) : null, tracking).changes > 0;
    },
    ledgerHead: (ledger) => q.head.get(ledger),
    setLedgerHead: (ledger, head) => q.setHead.run(ledger, head.seq, head.hash),
    count: () => db.prepare('SELECT COUNT(*) AS n FROM records').get().n,
    close: () => db.close(),
  };
}
