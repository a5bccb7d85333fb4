// The memory store: tests and demos only. It forgets everything on restart, so the intake uses it
// only when told to (`memory: true`, `--memory`); it never stands in for a store that failed to open.
import { acceptOp } from '../core.mjs';

export function createMemoryStore() {
  const byKey = new Map();
  const rows = [];
  const chains = new Map();
  const meta = new Map();
  const deletions = [];
  const challenges = new Map();
  const credentials = new Map();
  let seq = 0;
  const out = (r) => ({
    ...r.body,
    receipt: r.receipt,
    ...(r.status ? { status: r.status } : {}),
    ...(r.decision ? { decision: r.decision } : {}),
    deliveries: r.deliveries,
  });
  const tx = {
    byKey: (key) => byKey.get(key),
    bumpDeliveries: (key) => {
      byKey.get(key).row.deliveries++;
    },
    chain: (chain) => {
      const c = chains.get(chain);
      return c && c.seq >= 0 ? c : null;
    },
    insertChain: (c) => chains.set(c.chain, { ...c, seq: -1, hash: '', updatedAt: c.startedAt }),
    setHead: (chain, s, hash, at) => Object.assign(chains.get(chain), { seq: s, hash, updatedAt: at }),
    insertRecord: (op) => {
      const row = {
        seq: ++seq,
        key: op.key,
        kind: op.kind,
        subject: op.subject,
        body: op.body,
        receipt: op.receipt,
        status: op.kind === 'report' ? 'received' : undefined,
        deliveries: 1,
        chain: op.ledger?.chain,
      };
      rows.push(row);
      byKey.set(op.key, { fingerprint: op.fingerprint, receipt: op.receipt, row });
    },
  };
  const remove = (pred) => {
    let n = 0;
    for (let i = rows.length - 1; i >= 0; i--) {
      if (pred(rows[i])) {
        byKey.delete(rows[i].key);
        rows.splice(i, 1);
        n++;
      }
    }
    return n;
  };
  return {
    kind: 'memory',
    durable: false,
    async accept(ops) {
      const results = [];
      for (const op of ops) results.push(await acceptOp(tx, op));
      return results;
    },
    getReport: async (tracking) => {
      const r = rows.find((x) => x.receipt.trackingNumber === tracking);
      return r ? out(r) : null;
    },
    setDecision: async (tracking, status, decision) => {
      const r = rows.find((x) => x.receipt.trackingNumber === tracking);
      if (!r) return false;
      r.status = status;
      r.decision = decision ?? undefined;
      return true;
    },
    records: async ({ kind, after = 0, limit = 1000 } = {}) =>
      rows
        .filter((r) => r.seq > after && (!kind || r.kind === kind))
        .slice(0, limit)
        .map((r) => ({ seq: r.seq, ...out(r) })),
    count: async (kind) => (kind ? rows.filter((r) => r.kind === kind).length : rows.length),
    async subjectLedger(subject) {
      return {
        chains: [...chains.entries()]
          .filter(([, c]) => c.subject === subject)
          .map(([chain, c]) => ({
            chain,
            ledger: c.ledger,
            startedAt: c.startedAt,
            head: c.seq >= 0 ? { seq: c.seq, hash: c.hash } : null,
            updatedAt: c.updatedAt,
          })),
        records: rows.filter((r) => r.kind === 'ledger-record' && r.subject === subject).map((r) => ({ seq: r.seq, ...out(r) })),
      };
    },
    async deleteSubject(subject, tombstone) {
      const counts = {};
      for (const r of rows) if (r.subject === subject) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
      remove((r) => r.subject === subject);
      counts.chains = 0;
      for (const [k, c] of chains) if (c.subject === subject) chains.delete(k), counts.chains++;
      let passkeys = 0;
      for (const [k, c] of credentials) if (c.subject === subject) credentials.delete(k), passkeys++;
      if (passkeys) counts.passkeys = passkeys;
      for (const [k, c] of challenges) if (c.subject === subject) challenges.delete(k);
      deletions.push({ ...tombstone, counts });
      return counts;
    },
    async prune(cutoffs) {
      const counts = {};
      for (const [kind, before] of Object.entries(cutoffs)) counts[kind] = remove((r) => r.kind === kind && r.receipt.receivedAt < before);
      const now = new Date().toISOString();
      for (const [k, c] of challenges) if (c.expiresAt < now) challenges.delete(k);
      return counts;
    },
    passkeys: {
      putChallenge: async (c) => {
        if (challenges.has(c.id)) throw new Error('memory store: challenge exists');
        challenges.set(c.id, structuredClone(c));
      },
      takeChallenge: async (id) => {
        const c = challenges.get(id) ?? null;
        challenges.delete(id);
        return c;
      },
      addCredential: async (c) => {
        if (credentials.has(c.id)) return false;
        credentials.set(c.id, { ...structuredClone(c), usedAt: null });
        return true;
      },
      credential: async (id) => (credentials.has(id) ? structuredClone(credentials.get(id)) : null),
      credentials: async (subject) => [...credentials.values()].filter((c) => c.subject === subject).map((c) => structuredClone(c)),
      setCounter: async (id, from, to, at) => {
        const c = credentials.get(id);
        if (!c || c.counter !== from) return false;
        Object.assign(c, { counter: to, usedAt: at });
        return true;
      },
    },
    async meta(key, create) {
      if (!meta.has(key)) meta.set(key, create());
      return meta.get(key);
    },
    health: async () => true,
    close: async () => {},
  };
}
