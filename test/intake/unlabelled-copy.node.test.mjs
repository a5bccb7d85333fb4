// Labeling Measures Art. 9: the intake's `unlabelled-copy` record kind: who asked, the purpose and the recipient of
// a copy handed out without its explicit label, with the user-agreement terms accepted before it. Its own route,
// schema, validation, retention (at least 6 months) and operator export, against the memory and SQLite stores.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createIntake, DEFAULT_RETENTION_DAYS, KINDS } from '@anquan/intake';
import { envelope, send, serve } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'aq-unlabelled-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = 'operator-token-for-tests';
let dbn = 0;
const op = { authorization: `Bearer ${TOKEN}` };

const payload = (over = {}) => ({
  at: '2026-12-02T10:00:00.000Z',
  requester: 'user-42',
  purpose: 'Print a poster for the trade fair',
  recipient: 'Print shop Example Ltd.',
  agreement: { version: '2026-11', acceptedAt: '2026-12-02T09:59:00.000Z' },
  implicitLabel: { Label: '1', ContentProducer: '001191110108MA0123456700001', ProduceID: 'gen-1' },
  contentType: 'image/png',
  format: 'png',
  ...over,
});

for (const [name, options] of [
  ['memory', () => ({ memory: true })],
  ['sqlite', () => ({ sqlite: join(dir, `u${++dbn}.sqlite`) })],
]) {
  describe(`intake: unlabelled-copy records (${name} store)`, () => {
    it('[MEASURES-4-export] an Art. 9 record is stored as its own kind with who asked, the purpose and the recipient', async () => {
      const intake = await createIntake({ ...options(), operatorToken: TOKEN });
      const srv = await serve(intake);
      try {
        assert.ok(KINDS.includes('unlabelled-copy'));
        const body = envelope('unlabelled-copy', payload(), { subject: 'user-42' });
        const r = await send(srv.base, body);
        assert.equal(r.status, 201, await r.clone().text());
        assert.equal((await r.json()).kind, 'unlabelled-copy');
        const stored = await (await fetch(`${srv.base}/v1/records?kind=unlabelled-copy`, { headers: op })).json();
        assert.equal(stored.records.length, 1);
        const p = stored.records[0].payload;
        assert.deepEqual(
          [p.requester, p.purpose, p.recipient],
          ['user-42', 'Print a poster for the trade fair', 'Print shop Example Ltd.'],
        );
        assert.equal(p.implicitLabel.Label, '1');
        // Kept at least 6 months by default.
        assert.ok(DEFAULT_RETENTION_DAYS['unlabelled-copy'] >= 183);
        const early = await intake.prune(new Date(Date.now() + 183 * 86_400_000));
        assert.equal(early['unlabelled-copy'] ?? 0, 0);
        assert.equal(await intake.store.count('unlabelled-copy'), 1);
      } finally {
        await srv.close();
        await intake.close();
      }
    });

    it('[MEASURES-4-export] refuses records without the three facts, with blank ones, or with terms accepted after the copy', async () => {
      const intake = await createIntake({ ...options(), operatorToken: TOKEN });
      const srv = await serve(intake);
      try {
        const bad = [
          [{ requester: undefined }, /requester/],
          [{ purpose: '' }, /purpose/],
          [{ recipient: '   ' }, /recipient/],
          [{ agreement: undefined }, /agreement/],
          [{ agreement: { version: '2026-11' } }, /acceptedAt/],
          [{ agreement: { version: '2026-11', acceptedAt: '2026-12-02T10:05:00.000Z' } }, /accepted before/],
          [{ implicitLabel: { Label: '4', ContentProducer: 'a', ProduceID: 'b' } }, /Label/],
          [{ extra: 'x' }, /extra|additional|not allowed/i],
        ];
        for (const [over, pattern] of bad) {
          const p = payload(over);
          for (const k of Object.keys(over)) if (over[k] === undefined) delete p[k];
          const r = await send(srv.base, envelope('unlabelled-copy', p));
          assert.equal(r.status, 400, JSON.stringify(over));
          assert.match((await r.json()).message, pattern);
        }
        assert.equal(await intake.store.count('unlabelled-copy'), 0);
      } finally {
        await srv.close();
        await intake.close();
      }
    });
  });
}
