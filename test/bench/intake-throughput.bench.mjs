#!/usr/bin/env node
// Intake throughput with durability (`npm run bench -- intake-throughput`): the disk's fsync rate
// (pg_test_fsync), then wrk on loopback against `anquan-intake --sqlite` with synchronous=FULL,
// one commit per request (the baseline) and group commit (the default), in the same run:
//   1. saturation: wrk -t2 -c64 -d10s → acknowledged reports per second;
//   2. about 200 req/s: wrk -t2 -c22 -d10s with 100 ms between requests per connection → p50/p99 latency.
// Every acknowledged report is then looked for in the database file: stored ≥ acknowledged, and the
// difference is at most the requests wrk left in flight when it stopped (its connections). Prints a Markdown table for
// docs/performance.md. Needs wrk and PostgreSQL's pg_test_fsync (Debian: wrk, postgresql).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { pgBin } from '../harness/pg.mjs';
import { spawnIntake } from '../intake/procs.mjs';

const secs = Number(process.env.AQ_BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'aq-tput-'));
const lua = fileURLToPath(new URL('intake-report.lua', import.meta.url));

const fsync = spawnSync(join(pgBin(), 'pg_test_fsync'), ['-s', '2', '-f', join(dir, 'fsync.tmp')], { encoding: 'utf8', timeout: 120_000 });
const fsyncLine = (name) => fsync.stdout.match(new RegExp(`^\\s+${name}\\s+([\\d.]+) ops/sec\\s+(\\d+) usecs/op`, 'm'));
const fdatasync = fsyncLine('fdatasync');

function wrk(base, args, prefix, env = {}) {
  const r = spawnSync('wrk', [...args, '--latency', '--timeout', '5s', '-s', lua, base, '--', prefix], {
    encoding: 'utf8',
    timeout: (secs + 30) * 1000,
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.error?.message}`);
  const out = r.stdout;
  const total = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const errs = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const errors = errs ? errs.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const seconds = Number(out.match(/requests in ([\d.]+)s/)?.[1] ?? secs);
  const pct = (p) => out.match(new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)`, 'm'));
  const ms = (m) => (m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : Number.NaN);
  return { total, acked: total - non2xx, non2xx, errors, rps: (total - non2xx) / seconds, p50: ms(pct(50)), p99: ms(pct(99)) };
}

const rows = [];
for (const [label, extra] of [
  ['one commit per request', ['--no-group-commit']],
  ['group commit', []],
]) {
  const file = join(dir, `${label.replaceAll(' ', '-')}.sqlite`);
  const p = await spawnIntake(['--sqlite', file, '--synchronous', 'FULL', ...extra]);
  const sat = wrk(p.base, ['-t2', '-c64', `-d${secs}s`], `sat${rows.length}`);
  const paced = wrk(p.base, ['-t2', '-c22', `-d${secs}s`], `pace${rows.length}`, { AQ_DELAY_MS: '100' });
  await p.stop();
  const db = new Database(file, { readonly: true });
  const stored = db.prepare('SELECT COUNT(*) AS n FROM records').get().n;
  const sync = db.pragma('synchronous', { simple: true });
  db.close();
  rows.push({ label, sat, paced, stored, sync });
}
rmSync(dir, { recursive: true, force: true });

const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '—');
console.log(`pg_test_fsync (2 s per test): fdatasync ${fdatasync ? `${fdatasync[1]} ops/s (${fdatasync[2]} µs/op)` : 'not measured'}\n`);
console.log(
  '| SQLite, synchronous=FULL (WAL) | acknowledged/s at c=64 | p99 at c=64 | rate paced (c=22, 100 ms pause) | p50 / p99 paced | acknowledged ≤ stored (≤ + in flight at stop) | non-2xx, socket errors |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  const acked = r.sat.acked + r.paced.acked;
  r.ok = acked <= r.stored && r.stored <= acked + 64 + 22 + r.sat.errors + r.paced.errors;
  console.log(
    `| ${r.label} | ${r.sat.rps.toFixed(0)} | ${f1(r.sat.p99)} ms | ${r.paced.rps.toFixed(0)} req/s | ${f1(r.paced.p50)} / ${f1(r.paced.p99)} ms | ${acked} ≤ ${r.stored} ${r.ok ? '✓' : '✗'} | ${r.sat.non2xx + r.paced.non2xx}, ${r.sat.errors + r.paced.errors} |`,
  );
}
const group = rows[1];
const ok = rows.every((r) => r.ok && r.sync === 2) && group.sat.rps >= 1000 && group.paced.p99 <= 50;
console.log(ok ? '\nPASS: group commit ≥ 1,000 acknowledged/s, p99 ≤ 50 ms at 200 req/s, every acknowledged report stored' : '\nFAIL');
process.exit(ok ? 0 : 1);
