#!/usr/bin/env node
// `npm start`: serves the demo, the docs and the CDN bundle, with the reference intake server on the
// same origin (/aq-intake), and prints one URL. Pages are served with the strict CSP the SDK supports.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIntake } from './intake.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
export const DEMO_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: data:; require-trusted-types-for 'script'";

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

async function makeIntake() {
  const dbPath = process.env.AQ_INTAKE_DB ?? join(root, '.data', 'intake.sqlite');
  try {
    mkdirSync(dirname(dbPath), { recursive: true });
    return { intake: createIntake({ dbPath, operatorToken: process.env.AQ_OPERATOR_TOKEN }), storage: `SQLite ${dbPath}` };
  } catch (err) {
    return { intake: createIntake(), storage: `memory (SQLite unavailable: ${err.message.split('\n')[0]})` };
  }
}

export async function startServer({ listenPort = port } = {}) {
  const { intake, storage } = await makeIntake();
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
  return { server, storage, url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${server.address().port}/` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url, storage } = await startServer();
  console.log(`Anquan demo (intake: ${storage}; docs at ${url}docs/site/):\n${url}`);
}
