// @anquan/intake as a package: its files come from itself (a copy outside the repository runs), the
// copies of the contract and the working-day module are current, types ship, and a database written
// by the old reference server is migrated (its posts log folded into delivery counts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createIntake, createSqliteStore } from '@anquan/intake';
import Database from 'better-sqlite3';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'aq-pkg-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('@anquan/intake package', () => {
  it('the contract and working-day copies match their sources (scripts/gen-intake.mjs --check)', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-intake.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('runs from a copy outside the repository: every file it reads is its own', async () => {
    const copy = join(dir, 'node_modules', '@anquan', 'intake');
    mkdirSync(join(dir, 'node_modules', '@anquan'), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(root, 'packages/intake/package.json'), 'utf8'));
    for (const f of pkg.files) cpSync(join(root, 'packages/intake', f), join(copy, f), { recursive: true });
    cpSync(join(root, 'packages/intake/package.json'), join(copy, 'package.json'));
    symlinkSync(join(root, 'node_modules/better-sqlite3'), join(dir, 'node_modules/better-sqlite3'));
    for (const f of ['bindings', 'file-uri-to-path'])
      if (existsSync(join(root, 'node_modules', f))) symlinkSync(join(root, 'node_modules', f), join(dir, 'node_modules', f));
    assert.ok(existsSync(join(copy, 'src/index.d.ts')), 'types ship');
    const script = `import { createIntake } from '@anquan/intake';
const i = await createIntake({ sqlite: ${JSON.stringify(join(dir, 'copy.sqlite'))} });
const h = await i.handle({ method: 'GET', url: '/health', headers: {}, socket: {} }, { setHeader() {}, end(b) { console.log(b); } });
await i.close();`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /"ok":true/);
    const sources = spawnSync('grep', ['-rn', '-e', "'\\.\\./\\.\\./", '-e', 'packages/', join(copy, 'src'), join(copy, 'bin')], {
      encoding: 'utf8',
    });
    // Code lines only (comments may name the repository's files they were copied from).
    const offending = sources.stdout.split('\n').filter((l) => l && !/^[^:]+:\d+:\s*(\/\/|\*|\/\*)/.test(l));
    assert.deepEqual(offending, [], 'no source reads a file of the repository');
  });

  it('migrates a database of the old reference server', async () => {
    const file = join(dir, 'legacy.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE records (seq INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, body TEXT NOT NULL, receipt TEXT NOT NULL, tracking_number TEXT UNIQUE, status TEXT, decision TEXT, received_at TEXT NOT NULL);
      CREATE TABLE posts (seq INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT);
      CREATE TABLE ledger_heads (ledger TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL);`);
    const body = {
      id: 'legacy-0001',
      kind: 'report',
      createdAt: '2025-01-01T00:00:00.000Z',
      sdkVersion: '0.1.0',
      profile: 'cn',
      payload: { category: 'A1.a' },
    };
    const receipt = {
      id: body.id,
      receivedAt: '2025-01-01T00:00:01.000Z',
      trackingNumber: 'AQ-20250101-ABCDEF12',
      dueAt: '2025-01-22T00:00:01.000Z',
    };
    db.prepare(
      "INSERT INTO records (idempotency_key, kind, body, receipt, tracking_number, status, received_at) VALUES (?, 'report', ?, ?, ?, 'received', ?)",
    ).run(body.id, JSON.stringify(body), JSON.stringify(receipt), receipt.trackingNumber, receipt.receivedAt);
    for (let i = 0; i < 3; i++) db.prepare('INSERT INTO posts (idempotency_key) VALUES (?)').run(body.id);
    db.close();
    const store = await createSqliteStore({ path: file });
    const [rec] = await store.records();
    assert.equal(rec.deliveries, 3, 'the posts log is folded into the record');
    assert.equal(store.db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name IN ('posts', 'ledger_heads')").get().n, 0);
    assert.deepEqual(
      store.db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
      [1, 2],
    );
    await store.close();
    const intake = await createIntake({ sqlite: file });
    const res = {
      headers: {},
      setHeader(k, v) {
        this.headers[k] = v;
      },
      end(b) {
        this.body = JSON.parse(b);
      },
    };
    await intake.handle(
      {
        method: 'POST',
        url: '/v1/reports',
        headers: { 'idempotency-key': body.id },
        socket: {},
        rawBody: Buffer.from(JSON.stringify(body)),
      },
      res,
    );
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.trackingNumber, receipt.trackingNumber, 'an old record is answered as a repeat');
    await intake.close();
  });
});
