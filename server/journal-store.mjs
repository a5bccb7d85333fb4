// The demo server's store when no SQLite driver can run (Node 20 without a built better-sqlite3: the
// default `npm install` does not compile it). An append-only journal file of JSON lines, one per
// change (accepted records, report decisions, deletions, pruning, the receipt key), written and
// fsynced before the intake answers; on start the journal is replayed into @anquan/intake's memory
// store, which holds the state. Durable for one process on one machine, like SQLite, but it reads the
// whole history into memory: a demo and development store, not a production one (use SQLite on
// Node ≥ 22.13 or with better-sqlite3, or PostgreSQL).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createMemoryStore } from '@anquan/intake';

/** @param {string} path the journal file (created with its folder when missing) */
export async function createJournalStore(path) {
  const mem = createMemoryStore();
  const metaValues = new Map();
  if (existsSync(path)) {
    const lines = readFileSync(path, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        // A torn last line (a crash mid-write, before the fsync that would have confirmed it) is
        // ignored: nothing was answered for it. A bad line anywhere else is corruption.
        if (i === lines.length - 1 || lines.slice(i + 1).every((l) => !l.trim())) break;
        throw new Error(`journal ${path}: line ${i + 1} is not JSON; the file is damaged`);
      }
      if (entry.m === 'meta') metaValues.set(entry.key, entry.value);
      else await mem[entry.m](...entry.args);
    }
  } else {
    mkdirSync(dirname(path), { recursive: true });
  }
  const fd = openSync(path, 'a', 0o600); // it holds the receipt signing key, as the SQLite file does
  const append = (entry) => {
    writeSync(fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(fd);
  };
  const journalled =
    (m) =>
    async (...args) => {
      append({ m, args });
      return mem[m](...args);
    };
  return {
    ...mem,
    kind: 'journal',
    durable: true,
    path,
    accept: journalled('accept'),
    setDecision: journalled('setDecision'),
    deleteSubject: journalled('deleteSubject'),
    prune: journalled('prune'),
    async meta(key, create) {
      if (!metaValues.has(key)) {
        const value = create();
        append({ m: 'meta', key, value });
        metaValues.set(key, value);
      }
      return metaValues.get(key);
    },
    close: async () => closeSync(fd),
  };
}
