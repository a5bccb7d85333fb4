// Node-side tests of the intake (@anquan/intake) with the SQLite store: validation, idempotency,
// status, operator decisions, restarts, and the working-day due date. The store contract over
// SQLite, PostgreSQL and memory is test/intake/contract.node.test.mjs.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addWorkingDays, CN_2025, createIntake, createSqliteStore, isWorkingDay, workingDaysBetween } from '@anquan/intake';

const dir = mkdtempSync(join(tmpdir(), 'aq-intake-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function serve(intake) {
  const server = createServer(async (req, res) => {
    const handled = await intake.handle(req, res, new URL(req.url, 'http://x').pathname);
    if (!handled) {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((r) => server.close(r)) };
}

let n = 0;
const envelope = (payload, extra = {}) => ({
  id: `node-test-${process.pid}-${++n}`,
  kind: 'report',
  createdAt: new Date().toISOString(),
  sdkVersion: '0.1.0',
  profile: 'cn',
  payload,
  ...extra,
});
const status = (base, receipt) =>
  fetch(`${base}/v1/reports/${receipt.trackingNumber}`, { headers: { 'aq-report-secret': receipt.secret } });
const post = (base, body, headers = {}) =>
  fetch(`${base}/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': body.id, ...headers },
    body: JSON.stringify(body),
  });

describe('reference intake with the SQLite store', () => {
  it('[INTERIM-15-feedback] stores a report once, answers a repeat with the first receipt, survives a restart', async () => {
    const dbPath = join(dir, 'a.sqlite');
    let intake = await createIntake({ sqlite: dbPath });
    let srv = await serve(intake);
    const body = envelope({ category: 'A1.g', description: 'false claims' });
    const r1 = await post(srv.base, body);
    assert.equal(r1.status, 201);
    const receipt = await r1.json();
    assert.match(receipt.trackingNumber, /^AQ-\d{8}-[0-9A-F]{12}$/);
    assert.ok(Date.parse(receipt.dueAt) > Date.parse(receipt.receivedAt));
    const r2 = await post(srv.base, body);
    assert.equal(r2.status, 200);
    assert.deepEqual(await r2.json(), { ...receipt, duplicate: true });
    await srv.close();
    await intake.close();
    // Restart: a new process would open the same file.
    intake = await createIntake({ sqlite: dbPath });
    srv = await serve(intake);
    const r3 = await post(srv.base, body);
    assert.equal(r3.status, 200);
    assert.equal((await r3.json()).trackingNumber, receipt.trackingNumber);
    assert.equal(await intake.store.count(), 1);
    const st = await status(srv.base, receipt);
    assert.equal(st.status, 200);
    assert.deepEqual(await st.json(), {
      trackingNumber: receipt.trackingNumber,
      status: 'received',
      receivedAt: receipt.receivedAt,
      dueAt: receipt.dueAt,
    });
    assert.equal((await fetch(`${srv.base}/v1/reports/AQ-NOPE`)).status, 404);
    // Without the report's secret the status is not told, whether the number exists or not.
    assert.equal((await fetch(`${srv.base}/v1/reports/${receipt.trackingNumber}`)).status, 404);
    await srv.close();
    await intake.close();
  });

  it('the UNIQUE idempotency column stores a key once even when two accepts race in one batch', async () => {
    const store = await createSqliteStore({ path: ':memory:' });
    const rec = envelope({ category: 'P.other' });
    const op = (receivedAt, trackingNumber) => ({
      key: rec.id,
      fingerprint: 'f',
      kind: 'report',
      body: rec,
      receipt: { id: rec.id, receivedAt, trackingNumber },
    });
    const [a, b] = await store.accept([op('x', 'T1'), op('y', 'T2')]);
    assert.equal(a.status, 'stored');
    assert.equal(b.status, 'duplicate');
    assert.deepEqual(b.receipt, { id: rec.id, receivedAt: 'x', trackingNumber: 'T1' });
    assert.equal(await store.count(), 1);
    assert.throws(
      () =>
        store.db
          .prepare("INSERT INTO records (idempotency_key, kind, body, receipt, received_at) VALUES (?, 'report', '{}', '{}', 'x')")
          .run(rec.id),
      /UNIQUE/,
    );
    await store.close();
  });

  it('bad input gets a 400 with a clear message and nothing is stored', async () => {
    const intake = await createIntake({ sqlite: ':memory:', memory: true });
    const srv = await serve(intake);
    const cases = [
      [envelope({ category: 'Z9.z' }), /\$\.payload\.category: does not match/],
      [envelope({}), /\$\.payload\.category: required/],
      [envelope({ category: 'P.personal-info' }), /rightsRequest: required/],
      [envelope({ category: 'A1.a', description: 'x'.repeat(5001) }), /description: longer than 5000/],
      [envelope({ category: 'A1.a', attachments: [{ name: 'a.png', type: 'image/png', size: 9_000_000 }] }), /size: above 5242880/],
      [
        envelope({ category: 'A1.a', attachments: [{ name: 'a.png', type: 'image/png', size: 2, dataBase64: 'AAAA' }] }),
        /size: does not match/,
      ],
      [
        envelope({ category: 'A4.c', dsa: { explanation: 'x', locations: ['https://a'], bonaFide: true } }, { profile: 'eu' }),
        /reporterName: required under the eu profile/,
      ],
      [envelope({ category: 'A4.c' }, { profile: 'eu' }), /dsa: required under the eu profile/],
      [
        envelope(
          {
            category: 'A4.c',
            dsa: { explanation: 'x', locations: ['https://a'], bonaFide: false, reporterName: 'A', reporterEmail: 'a@b.c' },
          },
          { profile: 'eu' },
        ),
        /bonaFide: must be true/,
      ],
    ];
    for (const [body, message] of cases) {
      const r = await post(srv.base, body);
      assert.equal(r.status, 400, JSON.stringify(body.payload).slice(0, 80));
      assert.match((await r.json()).message, message);
    }
    const bad = await fetch(`${srv.base}/v1/reports`, { method: 'POST', headers: { 'idempotency-key': 'abcdefgh1' }, body: '{not json' });
    assert.equal(bad.status, 400);
    const mismatch = await post(srv.base, envelope({ category: 'A1.a' }), { 'idempotency-key': 'another-key-1' });
    assert.equal(mismatch.status, 400);
    assert.equal(await intake.store.count(), 0);
    // A CSAM notice needs no name or e-mail (DSA Art. 16(2)(c)).
    const csam = await post(
      srv.base,
      envelope({ category: 'P.csam', dsa: { explanation: 'x', locations: ['https://a/1'], bonaFide: true } }, { profile: 'eu' }),
    );
    assert.equal(csam.status, 201);
    assert.equal(await intake.store.count(), 1);
    await srv.close();
    await intake.close();
  });

  it('[DSA-16.4-receipt] the operator-only decision endpoint sets status, decision and redress', async () => {
    const intake = await createIntake({ sqlite: ':memory:', memory: true, operatorToken: 'op-secret' });
    const srv = await serve(intake);
    const receipt = await (await post(srv.base, envelope({ category: 'P.unlabelled-ai' }))).json();
    const { trackingNumber } = receipt;
    const url = `${srv.base}/v1/reports/${trackingNumber}/decision`;
    const decision = {
      status: 'decided',
      decision: { outcome: 'removed', reasons: 'Unlabelled AI image', automated: false, redress: 'Appeal within 6 months at /appeal' },
    };
    assert.equal((await fetch(url, { method: 'POST', body: JSON.stringify(decision) })).status, 401);
    assert.equal(
      (await fetch(url, { method: 'POST', headers: { authorization: 'Bearer wrong' }, body: JSON.stringify(decision) })).status,
      401,
    );
    const bad = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer op-secret' },
      body: JSON.stringify({ status: 'maybe' }),
    });
    assert.equal(bad.status, 400);
    const ok = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer op-secret' }, body: JSON.stringify(decision) });
    assert.equal(ok.status, 200);
    const st = await (await status(srv.base, receipt)).json();
    assert.equal(st.status, 'decided');
    assert.equal(st.decision.redress, 'Appeal within 6 months at /appeal');
    assert.ok(Date.parse(st.decision.decidedAt));
    await srv.close();
    await intake.close();
  });

  it('without an operator token the decision endpoint is closed', async () => {
    const intake = await createIntake({ memory: true });
    const srv = await serve(intake);
    const r = await fetch(`${srv.base}/v1/reports/AQ-1/decision`, { method: 'POST', body: '{}' });
    assert.equal(r.status, 401);
    await srv.close();
    await intake.close();
  });

  it('the due date counts working days of the configured calendar', async () => {
    const intake = await createIntake({
      sqlite: ':memory:',
      memory: true,
      complaintDays: 3,
      calendar: { holidays: [new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)] },
    });
    const srv = await serve(intake);
    const receipt = await (await post(srv.base, envelope({ category: 'A5.a' }))).json();
    const cal = { holidays: [new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)] };
    assert.equal(workingDaysBetween(new Date(receipt.receivedAt), new Date(receipt.dueAt), cal), 3);
    await srv.close();
    await intake.close();
    await assert.rejects(() => createIntake({ memory: true, complaintDays: 20 }), /1 to 15/);
    await assert.rejects(() => createIntake({ memory: true, calendar: { holidays: ['2025-13-45x'] } }), /YYYY-MM-DD/);
  });
});

describe("working days (the intake's generated copy of packages/report/src/working-days.ts)", () => {
  it('skips weekends', () => {
    // Friday 2025-03-07 12:00 UTC + 1 working day = Monday 2025-03-10.
    assert.equal(addWorkingDays(new Date('2025-03-07T12:00:00Z'), 1).toISOString(), '2025-03-10T12:00:00.000Z');
    assert.equal(addWorkingDays(new Date('2025-03-03T12:00:00Z'), 15).toISOString(), '2025-03-24T12:00:00.000Z');
  });
  it('skips holidays and counts make-up working days (调休), in the calendar time zone', () => {
    // Friday 2025-01-24 10:00 in Shanghai: 15 working days over the Spring Festival end on 2025-02-20.
    const from = new Date('2025-01-24T10:00:00+08:00');
    assert.equal(addWorkingDays(from, 15, CN_2025).toISOString(), '2025-02-20T02:00:00.000Z');
    assert.equal(isWorkingDay('2025-01-26', CN_2025), true);
    assert.equal(isWorkingDay('2025-01-29', CN_2025), false);
    assert.equal(isWorkingDay('2025-02-09', CN_2025), false);
    // National Day: Sunday 2025-09-28 is a make-up day, 10-01..10-08 off, Saturday 10-11 works.
    const sept = new Date('2025-09-26T09:00:00+08:00');
    assert.equal(addWorkingDays(sept, 1, CN_2025).toISOString(), '2025-09-28T01:00:00.000Z');
    assert.equal(addWorkingDays(sept, 3, CN_2025).toISOString(), '2025-09-30T01:00:00.000Z');
    assert.equal(addWorkingDays(sept, 4, CN_2025).toISOString(), '2025-10-09T01:00:00.000Z');
    assert.equal(addWorkingDays(sept, 6, CN_2025).toISOString(), '2025-10-11T01:00:00.000Z');
  });
  it('a report received late in the evening in Shanghai counts from the Shanghai date', () => {
    // 2025-03-07 23:30 in Shanghai is Friday; in UTC still Friday 15:30. 2025-03-09 01:00 Shanghai is Sunday, UTC Saturday.
    const sunday = new Date('2025-03-09T01:00:00+08:00');
    assert.equal(addWorkingDays(sunday, 1, { timeZone: 'Asia/Shanghai' }).toISOString(), '2025-03-09T17:00:00.000Z');
  });
});
