// One contract suite, run against every store (memory, SQLite, PostgreSQL in a throwaway cluster):
// exactly-once storage, idempotency conflicts, per-device ledger chains with signed receipts,
// consent across devices, bounds and refusals, operator routes, retention and delete-by-subject.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contract, createIntake, createValidator, ROUTES, verifyReceipt } from '@anquan/intake';
import { startPostgres } from '../harness/pg.mjs';
import { device, envelope, post, report, send, serve } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'aq-contract-'));
let pg;
before(async () => {
  pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let dbn = 0;
const STORES = {
  memory: () => ({ memory: true }),
  sqlite: () => ({ sqlite: join(dir, `c${++dbn}.sqlite`) }),
  postgres: () => ({ postgres: { connectionString: pg.url, max: 20 } }),
};
const TOKEN = 'operator-token-for-tests';
const op = { authorization: `Bearer ${TOKEN}` };
const get = (base, path, headers = {}) => fetch(`${base}${path}`, { headers });

for (const [name, storeOptions] of Object.entries(STORES)) {
  describe(`intake contract: ${name} store`, () => {
    let intake;
    let srv;
    let opened;
    before(async () => {
      opened = storeOptions();
      if (name === 'postgres') {
        // A fresh schema per suite run: drop what an earlier suite in this cluster left.
        const pgmod = (await import('pg')).default;
        const c = new pgmod.Client({ connectionString: pg.url });
        await c.connect();
        await c.query('DROP TABLE IF EXISTS records, chains, meta, deletions, schema_migrations');
        await c.end();
      }
      intake = await createIntake({
        ...opened,
        operatorToken: TOKEN,
        limits: { perSecond: 0, concurrencyPerClient: 1000 },
        pruneEveryMs: 0,
      });
      srv = await serve(intake);
    });
    after(async () => {
      await srv?.close();
      await intake?.close();
    });

    it('stores a record once; a repeat gets the first signed receipt; the same key with another body is 409 idempotency_conflict', async () => {
      const body = report();
      const r1 = await send(srv.base, body);
      assert.equal(r1.status, 201);
      const receipt = await r1.json();
      const key = await (await get(srv.base, '/v1/receipt-key')).json();
      assert.equal(receipt.keyId, key.keyId);
      assert.ok(verifyReceipt(receipt, key.jwk), 'the receipt verifies with the published key');
      assert.ok(!verifyReceipt({ ...receipt, receivedAt: '2020-01-01T00:00:00.000Z' }, key.jwk), 'a changed receipt does not');
      const r2 = await send(srv.base, { ...body, createdAt: new Date(Date.now() + 5000).toISOString() });
      assert.equal(r2.status, 200, 'the same record queued again (new createdAt) is a repeat');
      assert.deepEqual(await r2.json(), { ...receipt, duplicate: true });
      const r3 = await send(srv.base, { ...body, payload: { category: 'A1.h' } });
      assert.equal(r3.status, 409);
      assert.equal((await r3.json()).error, 'idempotency_conflict');
      const all = await (await get(srv.base, '/v1/records?kind=report', op)).json();
      const mine = all.records.filter((r) => r.id === body.id);
      assert.equal(mine.length, 1);
      assert.equal(mine[0].payload.category, 'A1.g', 'the first record is kept');
      assert.equal(mine[0].deliveries, 2, 'repeats are counted on the record (no separate posts log)');
    });

    it('[DSA-16.4-receipt] status needs the per-report secret; operator routes need the token', async () => {
      const receipt = await (await send(srv.base, report())).json();
      assert.match(receipt.secret, /^[A-Za-z0-9_-]{24}$/);
      const url = `/v1/reports/${receipt.trackingNumber}`;
      assert.equal((await get(srv.base, url)).status, 404);
      assert.equal((await get(srv.base, url, { 'aq-report-secret': 'x'.repeat(24) })).status, 404);
      const ok = await get(srv.base, url, { 'aq-report-secret': receipt.secret });
      assert.equal(ok.status, 200);
      assert.equal((await ok.json()).status, 'received');
      assert.equal((await get(srv.base, url, op)).status, 200, 'the operator reads any status');
      for (const path of ['/v1/records', '/v1/subjects/u1/consent', '/v1/subjects/u1/ledger']) {
        assert.equal((await get(srv.base, path)).status, 401, path);
        assert.equal((await get(srv.base, path, { authorization: 'Bearer nope' })).status, 401, path);
      }
      assert.equal((await fetch(`${srv.base}/v1/subjects/u1`, { method: 'DELETE' })).status, 401);
      const d = await post(srv.base, `${url}/decision`, { status: 'in-review' }, op);
      assert.equal(d.status, 200);
      assert.equal((await d.json()).status, 'in-review');
    });

    it('refuses what the contract does not allow with 400 and a code, and stores nothing', async () => {
      const before = await intake.store.count();
      const cases = [
        [report({ category: 'A1.a', extra: 1 }), 'invalid', /\$\.payload\.extra: unknown property/],
        [{ ...report(), injected: true }, 'invalid', /\$\.injected: unknown property/],
        [report({ category: 'A1.a', evidence: { messageId: 'm', secret: 'x' } }), 'invalid', /evidence\.secret: unknown property/],
        [
          envelope('prescreen-decision', { verdict: 'refuse', risks: [], sources: ['keyword'], at: new Date().toISOString(), text: 'x' }),
          'invalid',
          /\$\.payload\.text: unknown property/,
        ],
      ];
      for (const [body, code, message] of cases) {
        const r = await send(srv.base, body);
        assert.equal(r.status, 400, JSON.stringify(body).slice(0, 120));
        const e = await r.json();
        assert.equal(e.error, code);
        assert.match(e.message, message);
      }
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const r = await fetch(`${srv.base}/v1/reports`, { method: 'POST', headers: { 'idempotency-key': 'deep-0001' }, body: deep });
      assert.equal(r.status, 400);
      assert.equal((await r.json()).error, 'too_deep');
      const bad = await get(srv.base, '/v1/reports/%E0%A4%A');
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).error, 'bad_url');
      assert.equal((await get(srv.base, '/v1/subjects/%zz/consent', op)).status, 400);
      assert.equal(await intake.store.count(), before);
    });

    it('answers 413 with a body (the client reads it, no reset) for a body over the route limit', async () => {
      const big = report({ category: 'A1.a', description: 'x'.repeat(4000) });
      const text = JSON.stringify(big).replace('"description"', `"pad":"${'y'.repeat(70_000)}","description"`);
      // 70 kB is over the ledger route's 64 KiB limit: post it there, streamed without content-length.
      const res = await new Promise((resolve, reject) => {
        const req = request(
          `${srv.base}/v1/ledger-records`,
          { method: 'POST', headers: { 'idempotency-key': big.id, 'transfer-encoding': 'chunked' } },
          (r) => {
            let b = '';
            r.on('data', (c) => (b += c));
            r.on('end', () => resolve({ status: r.statusCode, body: JSON.parse(b) }));
          },
        );
        req.on('error', reject);
        for (let i = 0; i < text.length; i += 8192) req.write(text.slice(i, i + 8192));
        req.end();
      });
      assert.equal(res.status, 413);
      assert.equal(res.body.error, 'too_large');
      // A report with 2 × 4 MiB attachments, which the contract allows, is accepted.
      const data = Buffer.alloc(4 * 1024 * 1024, 7).toString('base64');
      const withFiles = report({
        category: 'A1.a',
        attachments: [
          { name: 'a.png', type: 'image/png', size: 4 * 1024 * 1024, dataBase64: data },
          { name: 'b.png', type: 'image/png', size: 4 * 1024 * 1024, dataBase64: data },
        ],
      });
      assert.equal((await send(srv.base, withFiles)).status, 201);
    });

    it('[PIPL-15-withdraw] 50 subjects × 3 devices write their chains concurrently: every record accepted once; consent state spans devices', async () => {
      const subjects = Array.from({ length: 50 }, (_, i) => `subject-${name}-${i}`);
      const devices = subjects.flatMap((s) => [device(s), device(s), device(s)]);
      const perDevice = 4;
      const t0 = Date.now() - 60_000;
      const batches = devices.map((d, i) =>
        Array.from({ length: perDevice }, (_, k) =>
          d.next(k % 2 ? 'withdraw' : 'grant', { purpose: 'training', noticeVersion: '1' }, new Date(t0 + k * 1000 + (i % 3) * 10)),
        ),
      );
      // Every device sends its chain in order; devices run concurrently, each record sent twice at
      // once. A 503 (the store busy, nothing stored) is resent, as the outbox does.
      const resend = async (r) => {
        for (;;) {
          const res = await send(srv.base, r);
          if (res.status !== 503 && res.status !== 429) return res;
          await res.arrayBuffer();
          await new Promise((ok) => setTimeout(ok, 50));
        }
      };
      const results = await Promise.all(
        batches.map(async (records) => {
          const out = [];
          for (const r of records) {
            const [a, b] = await Promise.all([resend(r), resend(r)]);
            out.push([a.status, b.status].sort().join(','));
          }
          return out;
        }),
      );
      for (const r of results.flat()) assert.match(r, /^(200,201|201,200)$/, 'one stored, one repeat');
      const ledger = await (await get(srv.base, `/v1/subjects/${subjects[7]}/ledger`, op)).json();
      assert.equal(ledger.chains.length, 3, 'three chains, one per device');
      assert.equal(ledger.records.length, 3 * perDevice);
      for (const c of ledger.chains) assert.equal(c.head.seq, perDevice - 1);
      const key = await (await get(srv.base, '/v1/receipt-key')).json();
      for (const r of ledger.records) assert.ok(verifyReceipt(r.receipt, key.jwk));
      // The last record of each device is a withdrawal; consent is withdrawn on every device.
      const st = await (await get(srv.base, `/v1/subjects/${subjects[7]}/consent`, op)).json();
      assert.equal(st.chains, 3);
      assert.equal(st.purposes.training.granted, false);
      // Device 2 grants again later: the subject's state follows, whichever device did it.
      const later = devices[7 * 3 + 2].next('grant', { purpose: 'training', noticeVersion: '2' });
      assert.equal((await send(srv.base, later)).status, 201);
      const st2 = await (await get(srv.base, `/v1/subjects/${subjects[7]}/consent`, op)).json();
      assert.deepEqual([st2.purposes.training.granted, st2.purposes.training.chain], [true, devices[7 * 3 + 2].chain]);
      // And a withdrawal on device 0 counts for all three.
      const w = devices[7 * 3].next('withdraw', { purpose: 'training', noticeVersion: '2' });
      assert.equal((await send(srv.base, w)).status, 201);
      assert.equal((await (await get(srv.base, `/v1/subjects/${subjects[7]}/consent`, op)).json()).purposes.training.granted, false);
    });

    it('[PIPL-15-withdraw] a forged rewrite of a stored chain is refused (409 chain_rewritten) and names no other chain; a gap is 409 chain_gap with the seq expected', async () => {
      const a = device('victim');
      const other = device('someone-else');
      assert.equal((await send(srv.base, other.next('grant', { purpose: 'training' }))).status, 201);
      assert.equal((await send(srv.base, a.next('grant', { purpose: 'training' }))).status, 201);
      const w = a.next('withdraw', { purpose: 'training' });
      assert.equal((await send(srv.base, w)).status, 201);
      // The client rewrites record 1 (withdraw → grant), re-hashed, under a new idempotency key.
      const forged = structuredClone(w);
      forged.id = `forged-${Date.now()}`;
      forged.payload.type = 'grant';
      const { hash: _h, ...rest } = forged.payload;
      forged.payload.hash = (await import('@anquan/intake')).ledgerHash(rest);
      forged.chainHead.hash = forged.payload.hash;
      const r = await send(srv.base, forged);
      assert.equal(r.status, 409);
      const e = await r.json();
      assert.equal(e.error, 'chain_rewritten');
      assert.ok(!JSON.stringify(e).includes(other.chain) && !JSON.stringify(e).includes(w.payload.hash), 'no hash or other chain echoed');
      // A record that claims a prevHash the server never accepted.
      const fake = a.make('grant', { purpose: 'training' });
      fake.payload.prevHash = 'a'.repeat(64);
      const { hash: _h2, ...rest2 } = fake.payload;
      fake.payload.hash = (await import('@anquan/intake')).ledgerHash(rest2);
      fake.chainHead.hash = fake.payload.hash;
      assert.equal((await (await send(srv.base, fake)).json()).error, 'chain_rewritten');
      // A record whose hash does not match its content is invalid (400).
      const tampered = a.make('grant', { purpose: 'training' });
      tampered.payload.data.purpose = 'third-party';
      assert.equal((await send(srv.base, tampered)).status, 400);
      // Out of order: seq 3 before seq 2.
      a.next('grant', { purpose: 'x' });
      const four = a.next('grant', { purpose: 'y' });
      const gap = await send(srv.base, four);
      assert.equal(gap.status, 409);
      assert.deepEqual(await gap.json(), { error: 'chain_gap', message: `Chain ${a.chain}: record 3 arrived before 2`, expectedSeq: 2 });
      // A fresh chain for the same subject is accepted and shows beside the old one; history stays.
      const fresh = device('victim');
      assert.equal((await send(srv.base, fresh.next('grant', { purpose: 'training' }))).status, 201);
      const l = await (await get(srv.base, '/v1/subjects/victim/ledger', op)).json();
      assert.deepEqual(l.chains.map((c) => c.chain).sort(), [a.chain, fresh.chain].sort());
      assert.equal(l.records.filter((x) => x.payload.chain === a.chain).length, 2, 'the old chain keeps both records');
      const st = await (await get(srv.base, '/v1/subjects/victim/consent', op)).json();
      assert.equal(st.chains, 2);
    });

    it('[PIPL-50-rights] deletes every record of a subject on request (PIPL Art. 47) and prunes each kind after its retention', async () => {
      const d = device('leaving-user');
      await send(srv.base, d.next('grant', { purpose: 'training' }));
      await send(srv.base, report({ category: 'A1.a' }, { subject: 'leaving-user' }));
      await send(srv.base, envelope('minor-mode-event', { type: 'entered', at: new Date().toISOString() }, { subject: 'leaving-user' }));
      const del = await fetch(`${srv.base}/v1/subjects/leaving-user`, { method: 'DELETE', headers: op });
      assert.equal(del.status, 200);
      assert.deepEqual((await del.json()).deleted, { 'ledger-record': 1, report: 1, 'minor-mode-event': 1, chains: 1 });
      const l = await (await get(srv.base, '/v1/subjects/leaving-user/ledger', op)).json();
      assert.deepEqual([l.chains.length, l.records.length], [0, 0]);
      // Retention: a prescreen decision counts as old 200 days from now (default 180 days).
      const body = envelope('prescreen-decision', { verdict: 'allow', risks: [], sources: ['keyword'], at: new Date().toISOString() });
      assert.equal((await send(srv.base, body)).status, 201);
      const beforeCount = await intake.store.count('prescreen-decision');
      const counts = await intake.prune(new Date(Date.now() + 200 * 86_400_000));
      assert.ok(counts['prescreen-decision'] >= 1);
      assert.equal(await intake.store.count('prescreen-decision'), beforeCount - counts['prescreen-decision']);
    });

    it('health answers with the store', async () => {
      const h = await (await get(srv.base, '/health')).json();
      assert.deepEqual([h.ok, h.store, h.durable], [true, name, name !== 'memory']);
    });
  });
}

describe('durability', () => {
  it('refuses to start without a durable store; memory only when asked for', async () => {
    await assert.rejects(() => createIntake({}), /no durable store/);
    await assert.rejects(() => createIntake({ sqlite: '/proc/no-such-dir/intake.sqlite' }), /./);
    await assert.rejects(() => createIntake({ sqlite: ':memory:' }), /not durable/);
    const m = await createIntake({ memory: true });
    assert.equal(m.store.kind, 'memory');
    await m.close();
  });
});

describe('the contract names every route the intake answers', () => {
  const PASSKEY_PATHS = [
    '/v1/passkeys/registration/options',
    '/v1/passkeys/registration/verify',
    '/v1/passkeys/authentication/options',
    '/v1/passkeys/authentication/verify',
  ];
  it('record routes and the four guardian passkey routes are in intake-openapi.json', () => {
    for (const path of [...Object.keys(ROUTES), ...PASSKEY_PATHS, '/v1/receipt-key', '/health'])
      assert.ok(contract.paths[path], `${path} is in the contract`);
    for (const path of PASSKEY_PATHS) assert.ok(contract.paths[path].post?.requestBody, `${path}: POST with a body`);
  });

  it('the intake answers each passkey route as the contract says (status declared, Error shape)', async () => {
    const v = createValidator(contract);
    const intake = await createIntake({
      memory: true,
      passkeys: { rpID: 'guardian.example', origin: 'https://guardian.example' },
      limits: { perSecond: 0, concurrencyPerClient: 1000 },
      pruneEveryMs: 0,
    });
    const srv = await serve(intake);
    try {
      const expect = {
        '/v1/passkeys/registration/options': [{ subject: 'u1', guardianToken: 'guessed' }, 403, 'guardian_not_verified'],
        '/v1/passkeys/registration/verify': [{ subject: 'u1', response: {} }, 400, 'challenge_invalid'],
        '/v1/passkeys/authentication/options': [{ subject: 'u1', purpose: 'exit' }, 404, 'no_credential'],
        '/v1/passkeys/authentication/verify': [{ subject: 'u1', response: {} }, 400, 'challenge_invalid'],
      };
      for (const path of PASSKEY_PATHS) {
        const [body, status, code] = expect[path];
        assert.equal(
          v.validate(contract.paths[path].post.requestBody.content['application/json'].schema.$ref.split('/').pop(), body),
          null,
        );
        const res = await post(srv.base, path, body);
        const answer = await res.json();
        assert.deepEqual([res.status, answer.error], [status, code], path);
        assert.ok(contract.paths[path].post.responses[String(status)], `${path}: ${status} is declared`);
        assert.equal(v.validate('Error', answer), null, `${path}: the error has the contract's shape`);
        const get = await fetch(`${srv.base}${path}`);
        assert.equal(get.status, 405, `${path}: POST only`);
        assert.ok(contract.paths[path].post.responses['405']);
      }
    } finally {
      await srv.close();
      await intake.close();
    }
  });
});
