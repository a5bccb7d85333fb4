// server/journal-store.mjs: where no SQLite driver runs (the default `npm install` on Node 20 builds
// no better-sqlite3), `npm start` keeps the intake's records in a journal file. A report accepted
// before a restart is still there after it, under the same receipt key, and a resend is a duplicate.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../server/start.mjs';
import { report } from './intake/helpers.mjs';

async function start(journal) {
  process.env.AQ_INTAKE_JOURNAL = journal;
  try {
    return await startServer({ listenPort: 0 });
  } finally {
    delete process.env.AQ_INTAKE_JOURNAL;
  }
}
const stop = (s) =>
  new Promise((r) => {
    s.server.closeAllConnections();
    s.server.close(r);
  });
const send = (s, body) =>
  fetch(`${s.url}aq-intake/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': body.id },
    body: JSON.stringify(body),
  });

test('the journal store keeps an accepted report, its receipt key and its duplicate detection across restarts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aq-journal-'));
  const journal = join(dir, 'intake.jsonl');
  try {
    const first = await start(journal);
    assert.match(first.storage, /^journal file /);
    const body = report({ category: 'A1.g', description: 'survives a restart' });
    const res = await send(first, body);
    assert.equal(res.status, 201, await res.clone().text());
    const receipt = await res.json();
    const keyId = first.intake.keyId;
    await stop(first);
    assert.match(readFileSync(journal, 'utf8'), /survives a restart/);
    // A crash mid-write leaves a torn last line: ignored on the next start.
    appendFileSync(journal, '{"m":"accept","args":[[{"key');
    const second = await start(journal);
    try {
      assert.equal(second.intake.keyId, keyId, 'the receipt key changed across the restart');
      const stored = await second.intake.store.getReport(receipt.trackingNumber);
      assert.equal(stored?.payload.description, 'survives a restart');
      const again = await send(second, body);
      assert.equal(again.status, 200, 'the resend after the restart is answered as a duplicate');
      assert.equal((await again.json()).trackingNumber, receipt.trackingNumber);
      assert.equal(await second.intake.store.count('report'), 1);
    } finally {
      await stop(second);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
