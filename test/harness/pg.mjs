#!/usr/bin/env node
// A throwaway PostgreSQL cluster from Debian's `postgresql` package, for the Node suites and the
// benchmarks: initdb into a temporary folder, pg_ctl start on a free loopback port (Unix socket in
// the same folder), stopped and removed after. As root (CI, the dev machines) every PostgreSQL
// command runs as the `postgres` user through `runuser -u postgres --`, which owns the folder.
//   import { startPostgres } from './pg.mjs'; const pg = await startPostgres(); … pg.url … await pg.stop();
//   node test/harness/pg.mjs check      exits 0 when a cluster can be started (prints the version)
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder with initdb and pg_ctl: $PG_BIN, the newest /usr/lib/postgresql/N/bin, or PATH. */
export function pgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim().replace(/\/initdb$/, '');
  throw new Error(
    'PostgreSQL is not installed: apt-get install -y postgresql (Debian), or set PG_BIN to the folder with initdb and pg_ctl',
  );
}

const isRoot = process.getuid?.() === 0;

function pgUser() {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('running as root but there is no postgres user (apt-get install -y postgresql creates it)');
  return { uid: Number(r.stdout.trim()), gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()) };
}

function run(bin, tool, args, timeout = 60_000) {
  const cmd = isRoot ? 'runuser' : join(bin, tool);
  const argv = isRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout, cwd: tmpdir() });
  if (r.status !== 0)
    throw new Error(
      `${tool} ${args.join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || r.error?.message || '').trim().slice(-800)}`,
    );
  return r.stdout;
}

async function freePort() {
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

const running = new Set();
process.on('exit', () => {
  for (const c of running) c.stopSync();
});

/**
 * Start a cluster; resolves { url, port, dir, bin, stop() }. `settings` are extra server settings
 * (`-c name=value`), e.g. { max_connections: 50 }.
 */
export async function startPostgres({ settings = {} } = {}) {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'aq-pg-'));
  if (isRoot) {
    const { uid, gid } = pgUser();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(bin, 'initdb', ['-D', data, '-U', 'aq', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=on',
    '-c synchronous_commit=on',
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  run(bin, 'pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'], 90_000);
  const cluster = {
    url: `postgres://aq@127.0.0.1:${port}/postgres`,
    port,
    dir,
    bin,
    log: () => (existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : ''),
    stopSync() {
      if (!running.has(cluster)) return;
      running.delete(cluster);
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], 40_000);
      } catch {
        try {
          run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop'], 20_000);
        } catch {}
      }
      rmSync(dir, { recursive: true, force: true });
    },
    async stop() {
      cluster.stopSync();
    },
  };
  running.add(cluster);
  return cluster;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const what = process.argv[2] ?? 'check';
  if (what !== 'check') {
    console.error('usage: node test/harness/pg.mjs check');
    process.exit(2);
  }
  try {
    const pg = await startPostgres();
    const version = run(pg.bin, 'postgres', ['--version']).trim();
    await pg.stop();
    console.log(`pg: ${version}: a throwaway cluster started and stopped`);
  } catch (err) {
    console.error(`pg: ${err.message}`);
    process.exit(1);
  }
}
