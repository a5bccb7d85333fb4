// The schema and the queries both SQL stores share (SQLite and PostgreSQL). Placeholders are `?`;
// the PostgreSQL store rewrites them to $1, $2, … Times are ISO-8601 UTC strings (they sort as text).

/** Schema versions, applied in order inside one transaction each; `schema_migrations` records them. */
export function migrations(dialect) {
  const serial = dialect === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  return [
    {
      version: 1,
      name: 'records, chains, meta, deletions',
      sql: `
CREATE TABLE IF NOT EXISTS records (
  seq ${serial},
  idempotency_key TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  receipt TEXT NOT NULL,
  tracking_number TEXT UNIQUE,
  status TEXT,
  decision TEXT,
  received_at TEXT NOT NULL,
  deliveries INTEGER NOT NULL DEFAULT 1,
  chain TEXT,
  chain_seq INTEGER
);
CREATE INDEX IF NOT EXISTS records_kind_time ON records (kind, received_at);
CREATE INDEX IF NOT EXISTS records_subject ON records (subject);
CREATE UNIQUE INDEX IF NOT EXISTS records_chain_seq ON records (chain, chain_seq);
CREATE TABLE IF NOT EXISTS chains (
  chain TEXT PRIMARY KEY,
  ledger TEXT NOT NULL,
  subject TEXT,
  started_at TEXT NOT NULL,
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chains_subject ON chains (subject);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deletions (id ${serial}, subject_sha256 TEXT NOT NULL, deleted_at TEXT NOT NULL, counts TEXT NOT NULL);
`,
    },
    {
      version: 2,
      name: 'guardian passkeys: credentials per subject, single-use challenges',
      sql: `
CREATE TABLE IF NOT EXISTS passkey_credentials (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  public_key TEXT NOT NULL,
  counter BIGINT NOT NULL,
  transports TEXT,
  proof TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX IF NOT EXISTS passkey_credentials_subject ON passkey_credentials (subject);
CREATE TABLE IF NOT EXISTS passkey_challenges (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  purpose TEXT NOT NULL,
  data TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passkey_challenges_expiry ON passkey_challenges (expires_at);
`,
    },
  ];
}

export const Q = {
  byKey: 'SELECT fingerprint, receipt FROM records WHERE idempotency_key = ?',
  bump: 'UPDATE records SET deliveries = deliveries + 1 WHERE idempotency_key = ?',
  chain: 'SELECT ledger, head_seq AS seq, head_hash AS hash FROM chains WHERE chain = ?',
  insertChain:
    "INSERT INTO chains (chain, ledger, subject, started_at, head_seq, head_hash, updated_at) VALUES (?, ?, ?, ?, -1, '', ?) ON CONFLICT (chain) DO NOTHING",
  setHead: 'UPDATE chains SET head_seq = ?, head_hash = ?, updated_at = ? WHERE chain = ?',
  insert: `INSERT INTO records (idempotency_key, fingerprint, kind, subject, body, receipt, tracking_number, status, received_at, chain, chain_seq)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  byTracking: 'SELECT body, receipt, status, decision FROM records WHERE tracking_number = ?',
  setDecision: 'UPDATE records SET status = ?, decision = ? WHERE tracking_number = ?',
  count: 'SELECT COUNT(*) AS n FROM records',
  countKind: 'SELECT COUNT(*) AS n FROM records WHERE kind = ?',
  list: 'SELECT seq, body, receipt, status, decision, deliveries FROM records WHERE seq > ? ORDER BY seq LIMIT ?',
  listKind: 'SELECT seq, body, receipt, status, decision, deliveries FROM records WHERE kind = ? AND seq > ? ORDER BY seq LIMIT ?',
  subjectChains:
    'SELECT chain, ledger, started_at, head_seq, head_hash, updated_at FROM chains WHERE subject = ? ORDER BY started_at, chain',
  subjectLedger: "SELECT seq, body, receipt FROM records WHERE kind = 'ledger-record' AND subject = ? ORDER BY seq",
  deleteSubjectRecords: 'DELETE FROM records WHERE subject = ?',
  deleteSubjectChains: 'DELETE FROM chains WHERE subject = ?',
  countSubject: 'SELECT kind, COUNT(*) AS n FROM records WHERE subject = ? GROUP BY kind',
  tombstone: 'INSERT INTO deletions (subject_sha256, deleted_at, counts) VALUES (?, ?, ?)',
  prune: 'DELETE FROM records WHERE kind = ? AND received_at < ?',
  pruneChains: 'DELETE FROM chains WHERE updated_at < ? AND NOT EXISTS (SELECT 1 FROM records r WHERE r.chain = chains.chain)',
  getMeta: 'SELECT value FROM meta WHERE key = ?',
  putMeta: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
  putChallenge: 'INSERT INTO passkey_challenges (id, subject, purpose, data, expires_at) VALUES (?, ?, ?, ?, ?)',
  takeChallenge: 'DELETE FROM passkey_challenges WHERE id = ? RETURNING id, subject, purpose, data, expires_at',
  pruneChallenges: 'DELETE FROM passkey_challenges WHERE expires_at < ?',
  deleteSubjectChallenges: 'DELETE FROM passkey_challenges WHERE subject = ?',
  addCredential:
    'INSERT INTO passkey_credentials (id, subject, public_key, counter, transports, proof, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  credential: 'SELECT id, subject, public_key, counter, transports, proof, created_at, used_at FROM passkey_credentials WHERE id = ?',
  credentials:
    'SELECT id, subject, public_key, counter, transports, proof, created_at, used_at FROM passkey_credentials WHERE subject = ? ORDER BY created_at, id',
  setCounter: 'UPDATE passkey_credentials SET counter = ?, used_at = ? WHERE id = ? AND counter = ?',
  deleteSubjectCredentials: 'DELETE FROM passkey_credentials WHERE subject = ?',
  migrationsTable:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  applied: 'SELECT version FROM schema_migrations ORDER BY version',
  markApplied: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
};

/** Arguments of Q.insert for one accepted op. */
export function insertArgs(op) {
  return [
    op.key,
    op.fingerprint,
    op.kind,
    op.subject ?? null,
    JSON.stringify(op.body),
    JSON.stringify(op.receipt),
    op.receipt.trackingNumber ?? null,
    op.kind === 'report' ? 'received' : null,
    op.receipt.receivedAt,
    op.ledger?.chain ?? null,
    op.ledger?.seq ?? null,
  ];
}

/** A stored row as the intake returns it: the body with receipt, status, decision and deliveries. */
export function rowOut(r) {
  if (!r) return null;
  return {
    ...JSON.parse(r.body),
    receipt: JSON.parse(r.receipt),
    ...(r.status ? { status: r.status } : {}),
    ...(r.decision ? { decision: JSON.parse(r.decision) } : {}),
    ...(r.deliveries !== undefined ? { deliveries: Number(r.deliveries) } : {}),
  };
}

/** A stored passkey challenge row as the stores return it. */
export function challengeOut(r) {
  if (!r) return null;
  return { id: r.id, subject: r.subject, purpose: r.purpose, data: JSON.parse(r.data), expiresAt: r.expires_at };
}

/** A stored passkey credential row as the stores return it. */
export function credentialOut(r) {
  if (!r) return null;
  return {
    id: r.id,
    subject: r.subject,
    publicKey: r.public_key,
    counter: Number(r.counter),
    transports: r.transports ? JSON.parse(r.transports) : [],
    proof: r.proof,
    createdAt: r.created_at,
    usedAt: r.used_at ?? null,
  };
}

/** Arguments of Q.addCredential. */
export const credentialArgs = (c) => [c.id, c.subject, c.publicKey, c.counter, JSON.stringify(c.transports ?? []), c.proof, c.createdAt];
