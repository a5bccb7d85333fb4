// kill -9 mid-burst: every acknowledged report is stored exactly once, with the receipt it was
// acknowledged with. Two intake processes on one PostgreSQL, one SIGKILLed while both take a burst
// (the client resends to the survivor, as the outbox does); and one SQLite intake SIGKILLed and
// restarted on the same file. Ledger chains are split over both PostgreSQL intakes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startPostgres } from '../harness/pg.mjs';
import { device } from './helpers.mjs';
import { burst, reports, spawnIntake } from './procs.mjs';

const dir = mkdtempSync(join(tmpdir(), 'aq-kill-'));
let cluster;
before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every stored record (id → receipt) of a PostgreSQL or SQLite intake database. */
async function storedPg(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query('SELECT idempotency_key AS id, receipt, kind FROM records');
  await c.end();
  return rows;
}

function check(acked, rows, n) {
  const ids = rows.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'no record stored twice');
  assert.equal(rows.length, n, 'every record stored');
  const byId = new Map(rows.map((r) => [r.id, JSON.parse(r.receipt)]));
  for (const [id, receipt] of acked) {
    const stored = byId.get(id);
    assert.ok(stored, `acknowledged ${id} is stored`);
    assert.equal(stored.receivedAt, receipt.receivedAt, `${id}: the acknowledged receipt is the stored one`);
    assert.equal(stored.trackingNumber, receipt.trackingNumber);
  }
}

describe('kill -9 mid-burst', () => {
  it('[INTERIM-15-feedback] two intake processes on one PostgreSQL, one SIGKILLed mid-burst: every acknowledged report stored once', async () => {
    const a = await spawnIntake(['--postgres', cluster.url]);
    const b = await spawnIntake(['--postgres', cluster.url]);
    const up = new Set([a.base, b.base]);
    const N = 600;
    const devices = Array.from({ length: 20 }, (_, i) => device(`kill-subject-${i}`));
    const ledger = devices.flatMap((d) =>
      Array.from({ length: 5 }, (_, k) => d.next(k % 2 ? 'withdraw' : 'grant', { purpose: 'training' })),
    );
    let killed = false;
    const killAt = N / 3;
    const run = burst(reports(N, 'pgkill'), {
      targets: () => [...up],
      concurrency: 24,
      onAck: (n) => {
        if (!killed && n >= killAt) {
          killed = true;
          void a.kill().then(() => up.delete(a.base));
        }
      },
    });
    // Ledger records: each device sends its chain in order, alternating intakes.
    const chains = Promise.all(
      devices.map(async (_, i) => {
        const mine = ledger.slice(i * 5, i * 5 + 5);
        for (const body of mine) await burst([body], { targets: () => [...up], concurrency: 1 });
      }),
    );
    const [{ acked, failures }] = await Promise.all([run, chains]);
    assert.ok(killed, 'one intake was killed mid-burst');
    assert.ok(failures > 0, 'requests to the killed intake failed and were resent');
    await b.stop();
    const rows = await storedPg(cluster.url);
    check(
      acked,
      rows.filter((r) => r.kind === 'report'),
      N,
    );
    const lr = rows.filter((r) => r.kind === 'ledger-record');
    assert.equal(lr.length, 100);
    assert.equal(new Set(lr.map((r) => r.id)).size, 100);
  });

  it('[INTERIM-15-feedback] a SQLite intake SIGKILLed mid-burst and restarted on its file: every acknowledged report stored once', async () => {
    const file = join(dir, 'kill.sqlite');
    let p = await spawnIntake(['--sqlite', file]);
    let base = p.base;
    let down = false;
    const N = 600;
    const run = burst(reports(N, 'sqkill'), {
      targets: () => [base],
      concurrency: 24,
      retryMs: 30,
      onAck: (n) => {
        if (!down && n >= N / 3) {
          down = true;
          void p.kill().then(async () => {
            p = await spawnIntake(['--sqlite', file]);
            base = p.base;
          });
        }
      },
    });
    const { acked, failures } = await run;
    assert.ok(down && failures > 0);
    await p.stop();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT idempotency_key AS id, receipt FROM records').all();
    db.close();
    check(acked, rows, N);
  });
});
