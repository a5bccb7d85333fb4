#!/usr/bin/env node
// Fault benchmark (`npm run bench -- faults`): the failures that lost data before @anquan/intake,
// each played against the real SDK outbox and ledger (@anquan/core, run in Node with its memory
// storage) or real intake processes, with the counts of lost and duplicated records:
//   1. two users sharing a ledger: two devices, and two users on one device;
//   2. 404 then the endpoint appears (and the page reloads);
//   3. 413: a report over the intake's limit is held, then sent once the host raises the limit;
//   4. memory fallback refused: an intake whose SQLite cannot open does not start, and answers 503;
//   5. kill -9 of a SQLite intake mid-burst (restarted on its file);
//   6. kill -9 of one of two intakes on one PostgreSQL mid-burst.
// Bounded: each scenario has a deadline; the whole run takes about a minute.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnquanStorage, configure, Ledger, Outbox } from '@anquan/core';
import { createIntake, intakeHandler } from '@anquan/intake';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from '../harness/pg.mjs';
import { serve } from '../intake/helpers.mjs';
import { burst, reports, spawnIntake } from '../intake/procs.mjs';

const dir = mkdtempSync(join(tmpdir(), 'aq-faults-'));
const startedAt = Date.now();
const rows = [];
const warn = console.warn;
console.warn = () => {};
const errLog = console.error;
console.error = () => {};
const until = async (check, ms, what) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${ms} ms`);
};
const TOKEN = 'faults-bench';
const count = (ids) => ({ stored: ids.length, distinct: new Set(ids).size });
function row(scenario, sent, acknowledged, ids, expected, note) {
  const { stored, distinct } = count(ids);
  rows.push({ scenario, sent, acknowledged, stored, lost: Math.max(0, expected - distinct), duplicated: stored - distinct, note });
}
let seq = 0;
const storage = () => new AnquanStorage(`bench-${++seq}`);

try {
  // 1. Two users sharing a ledger.
  {
    const intake = await createIntake({ sqlite: join(dir, 'ledger.sqlite'), operatorToken: TOKEN, limits: { perSecond: 0 } });
    const srv = await serve(intake);
    const devices = [
      ['alice', storage()],
      ['bob', storage()],
    ].map(([subject, s]) => ({ subject, s, outbox: new Outbox({ storage: s, endpoint: () => srv.base, baseDelayMs: 20 }) }));
    for (const d of devices) d.ledger = new Ledger('consent', { storage: d.s, outbox: d.outbox });
    const shared = storage();
    const sharedOutbox = new Outbox({ storage: shared, endpoint: () => srv.base, baseDelayMs: 20 });
    const sharedLedger = new Ledger('consent', { storage: shared, outbox: sharedOutbox });
    let sent = 0;
    for (let i = 0; i < 20; i++) {
      for (const d of devices) {
        configure({ subject: d.subject });
        await d.ledger.append(i % 2 ? 'withdraw' : 'grant', { purpose: 'training', noticeVersion: '1' });
        sent++;
      }
      configure({ subject: i % 2 ? 'carol' : 'dave' }); // two users taking turns on one browser
      await sharedLedger.append('grant', { purpose: 'training', noticeVersion: '1' });
      sent++;
    }
    await until(async () => (await intake.store.count('ledger-record')) === sent, 30_000, 'ledger records');
    const recs = await intake.store.records({ kind: 'ledger-record', limit: 1000 });
    const state = await intake.consentState('alice');
    const chains = new Set(recs.map((r) => r.payload.chain)).size;
    row(
      '1. two users, two devices + two users on one device (ledger)',
      sent,
      sent,
      recs.map((r) => r.id),
      sent,
      `${chains} chains (one per device); alice's state across devices: ${state.purposes.training.granted ? 'granted' : 'withdrawn'}`,
    );
    await srv.close();
    await intake.close();
  }

  // 2. 404 until the intake is deployed, then a reload.
  {
    const intake = await createIntake({ sqlite: join(dir, '404.sqlite'), limits: { perSecond: 0 } });
    const handler = intakeHandler(intake);
    let deployed = false;
    let notFound = 0;
    const server = createServer((req, res) => {
      if (!deployed) {
        notFound++;
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Not Found</h1>');
      } else handler(req, res);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${server.address().port}`;
    const s = storage();
    const outbox = new Outbox({ storage: s, endpoint: () => base, baseDelayMs: 50, maxDelayMs: 60_000 });
    const N = 100;
    for (let i = 0; i < N; i++)
      await outbox.enqueue('prescreen-decision', { verdict: 'allow', risks: [], sources: ['keyword'], at: new Date().toISOString() });
    await until(() => notFound >= N, 20_000, '404s');
    const rejectedWhileMissing = (await outbox.rejected()).length;
    deployed = true;
    const reloaded = new Outbox({ storage: s, endpoint: () => base, baseDelayMs: 50 });
    reloaded.start(); // a page load sends at once, backoff or not
    await until(async () => (await intake.store.count()) === N, 30_000, 'sent after deploy');
    const ids = (await intake.store.records({ limit: 1000 })).map((r) => r.id);
    row('2. 404 (not deployed), then deployed and reloaded', N, N, ids, N, `${notFound} answers 404, ${rejectedWhileMissing} rejected`);
    server.closeAllConnections();
    server.close();
    await intake.close();
  }

  // 3. 413: held until the host raises the limit and releases it.
  {
    const file = join(dir, '413.sqlite');
    let intake = await createIntake({ sqlite: file, limits: { perSecond: 0, bodyBytes: { report: 256 * 1024 } } });
    let srv = await serve(intake);
    const base = { url: srv.base };
    const s = storage();
    const outbox = new Outbox({ storage: s, endpoint: () => base.url, baseDelayMs: 50 });
    const data = Buffer.alloc(2 * 1024 * 1024, 1).toString('base64');
    const held = new Promise((r) => globalThis.addEventListener?.('aq-outbox-held', r, { once: true }) ?? r());
    const big = await outbox.enqueue('report', {
      category: 'A1.a',
      attachments: [{ name: 'a.png', type: 'image/png', size: 2 * 1024 * 1024, dataBase64: data }],
    });
    await until(async () => (await outbox.items()).some((i) => i.held === 'too_large'), 20_000, '413 held');
    await held;
    const storedWhileHeld = await intake.store.count();
    // The host acts: the intake accepts 24 MiB reports (the default), and the held item is released.
    await srv.close();
    await intake.close();
    intake = await createIntake({ sqlite: file, limits: { perSecond: 0 } });
    srv = await serve(intake);
    base.url = srv.base;
    await outbox.release();
    await outbox.waitFor(big.id);
    const ids = (await intake.store.records({ limit: 10 })).map((r) => r.id);
    row(
      '3. 413 (report over the limit), held, then released',
      1,
      1,
      ids,
      1,
      `413 answered with a body; ${storedWhileHeld} stored while held`,
    );
    await srv.close();
    await intake.close();
  }

  // 4. Memory fallback refused.
  {
    let started = 'started';
    await createIntake({ sqlite: '/proc/no-such-dir/intake.sqlite' }).catch(() => (started = 'refused to start'));
    let cli = 'started';
    await spawnIntake(['--sqlite', '/proc/no-such-dir/intake.sqlite']).catch(() => (cli = 'exited'));
    const origErr = process.stderr.write;
    process.stderr.write = () => true;
    const server = createServer(intakeHandler({ sqlite: '/proc/no-such-dir/intake.sqlite' }));
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${server.address().port}`;
    const statuses = [];
    for (const body of reports(10, 'nomem'))
      statuses.push(
        (await fetch(`${base}/v1/reports`, { method: 'POST', headers: { 'idempotency-key': body.id }, body: JSON.stringify(body) })).status,
      );
    process.stderr.write = origErr;
    server.close();
    const acked = statuses.filter((s) => s < 300).length;
    row(
      '4. SQLite cannot open (no memory fallback)',
      10,
      acked,
      [],
      0,
      `createIntake ${started}; CLI ${cli}; middleware answered ${[...new Set(statuses)].join(', ')}`,
    );
  }

  // 5. kill -9 of a SQLite intake mid-burst, restarted on its file.
  {
    const file = join(dir, 'kill.sqlite');
    let p = await spawnIntake(['--sqlite', file]);
    let base = p.base;
    let down = false;
    const N = 1000;
    const { acked } = await burst(reports(N, 'sqk'), {
      targets: () => [base],
      concurrency: 32,
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
    await p.stop();
    const db = new Database(file, { readonly: true });
    const stored = db.prepare('SELECT idempotency_key AS id, receipt FROM records').all();
    db.close();
    const byId = new Map(stored.map((r) => [r.id, JSON.parse(r.receipt)]));
    const same = [...acked].filter(([id, rc]) => byId.get(id)?.receivedAt === rc.receivedAt).length;
    row(
      '5. kill -9 of the SQLite intake at 1/3 of a burst',
      N,
      acked.size,
      stored.map((r) => r.id),
      N,
      `${same}/${acked.size} acknowledged receipts match the stored ones`,
    );
  }

  // 6. kill -9 of one of two intakes on one PostgreSQL mid-burst.
  {
    const cluster = await startPostgres();
    try {
      const a = await spawnIntake(['--postgres', cluster.url]);
      const b = await spawnIntake(['--postgres', cluster.url]);
      const up = new Set([a.base, b.base]);
      const N = 1000;
      let killed = false;
      const { acked } = await burst(reports(N, 'pgk'), {
        targets: () => [...up],
        concurrency: 32,
        onAck: (n) => {
          if (!killed && n >= N / 3) {
            killed = true;
            void a.kill().then(() => up.delete(a.base));
          }
        },
      });
      await b.stop();
      const c = new pg.Client({ connectionString: cluster.url });
      await c.connect();
      const { rows: stored } = await c.query('SELECT idempotency_key AS id, receipt FROM records');
      await c.end();
      const byId = new Map(stored.map((r) => [r.id, JSON.parse(r.receipt)]));
      const same = [...acked].filter(([id, rc]) => byId.get(id)?.receivedAt === rc.receivedAt).length;
      row(
        '6. kill -9 of one of two intakes on PostgreSQL at 1/3',
        N,
        acked.size,
        stored.map((r) => r.id),
        N,
        `${same}/${acked.size} acknowledged receipts match the stored ones`,
      );
    } finally {
      await cluster.stop();
    }
  }
} finally {
  console.warn = warn;
  console.error = errLog;
  rmSync(dir, { recursive: true, force: true });
}

console.log('| scenario | sent | acknowledged | stored | lost | duplicated | notes |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.scenario} | ${r.sent} | ${r.acknowledged} | ${r.stored} | ${r.lost} | ${r.duplicated} | ${r.note} |`);
console.log(`wall time ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
const ok = rows.length === 6 && rows.every((r) => r.lost === 0 && r.duplicated === 0) && rows[3].acknowledged === 0;
console.log(ok ? 'PASS: 0 lost, 0 duplicated; no acknowledgement without durable storage' : 'FAIL');
process.exit(ok ? 0 : 1);
