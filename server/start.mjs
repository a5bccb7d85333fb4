#!/usr/bin/env node
// `npm start`: serves the demo, the docs and the CDN bundle, with the intake (@anquan/intake) on the
// same origin (/aq-intake), and prints one URL. Pages are served with the strict CSP the SDK supports.
// The intake stores in SQLite (.data/intake.sqlite, or AQ_INTAKE_DB), or in PostgreSQL when
// AQ_INTAKE_POSTGRES is a connection URL. Where no SQLite driver can run (Node 20 without a built
// better-sqlite3, which the default `npm install` does not compile), it keeps a journal file instead
// (.data/intake.jsonl, or AQ_INTAKE_JOURNAL; server/journal-store.mjs), and says so. If the store
// cannot open, the server does not start: `npm start -- --memory` (or AQ_INTAKE_MEMORY=1) keeps
// records in memory, forgotten on restart.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIntake, sqliteDriver } from '@anquan/intake';
import { DEMO_CSP } from './csp.mjs';
import { createJournalStore } from './journal-store.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

export { DEMO_CSP };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};
// Only these folders are served.
const PUBLIC = ['demo', 'docs', 'packages/anquan/cdn'];

async function makeIntake(memory) {
  const operatorToken = process.env.AQ_OPERATOR_TOKEN;
  if (memory) return { intake: await createIntake({ memory: true, operatorToken }), storage: 'memory (--memory: forgotten on restart)' };
  if (process.env.AQ_INTAKE_POSTGRES)
    return { intake: await createIntake({ postgres: process.env.AQ_INTAKE_POSTGRES, operatorToken }), storage: 'PostgreSQL' };
  const journal = process.env.AQ_INTAKE_JOURNAL ?? join(root, '.data', 'intake.jsonl');
  // An explicit AQ_INTAKE_DB means SQLite or nothing; by default SQLite where a driver runs.
  if (process.env.AQ_INTAKE_DB || (!process.env.AQ_INTAKE_JOURNAL && (await sqliteUsable()))) {
    const dbPath = process.env.AQ_INTAKE_DB ?? join(root, '.data', 'intake.sqlite');
    mkdirSync(dirname(dbPath), { recursive: true });
    return { intake: await createIntake({ sqlite: dbPath, operatorToken }), storage: `SQLite ${dbPath}` };
  }
  const store = await createJournalStore(journal);
  return {
    intake: await createIntake({ store, operatorToken }),
    storage: `journal file ${journal} (no SQLite driver here: Node ≥ 22.13 has node:sqlite; on Node 20 \`npm rebuild better-sqlite3 --dangerously-allow-all-scripts\` compiles one)`,
  };
}

/** Whether a SQLite driver can open a database here (better-sqlite3 installs without its native part). */
async function sqliteUsable() {
  const driver = await sqliteDriver();
  if (!driver) return false;
  try {
    const db = driver.open(':memory:');
    db.close();
    return true;
  } catch {
    return false;
  }
}

export async function startServer({ listenPort = port, memory = false } = {}) {
  const { intake, storage } = await makeIntake(memory);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.startsWith('/aq-intake/')) {
        const handled = await intake.handle(req, res, url.pathname.slice('/aq-intake'.length));
        if (!handled) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'not_found', message: `No route ${url.pathname}` }));
        }
        return;
      }
      let path = decodeURIComponent(url.pathname);
      if (path === '/') path = '/demo/index.html';
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      const allowed = PUBLIC.some((p) => file.startsWith(join(root, p) + '/') || file === join(root, p));
      if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': DEMO_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  await new Promise((r) => server.listen(listenPort, host, r));
  server.on('close', () => intake.close());
  return { server, intake, storage, url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${server.address().port}/` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const memory = process.argv.includes('--memory') || process.env.AQ_INTAKE_MEMORY === '1';
  let started;
  try {
    started = await startServer({ memory });
  } catch (err) {
    console.error(
      `The intake did not start: ${err.message}\nNothing would be stored durably; run \`npm start -- --memory\` to keep records in memory only.`,
    );
    process.exit(1);
  }
  const { url, storage } = started;
  console.log(`Anquan demo (intake: ${storage}; docs at ${url}docs/site/):\n${url}`);
}
