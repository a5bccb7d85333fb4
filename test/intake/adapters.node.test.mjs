// Each adapter serves the same intake: a Node http handler, Connect/Express middleware, Koa, a
// Fastify plugin and a Vite plugin (dev server). Each test stores a report, reads its status with
// the secret, and gets the intake's own 404 JSON for an unknown intake path; the host's other routes
// still work beside it.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { intakeFastify, intakeHandler, intakeKoa, intakeMiddleware, intakeVite } from '@anquan/intake';
import { report, send } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'aq-adapters-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let k = 0;
const opts = () => ({ sqlite: join(dir, `a${++k}.sqlite`), pruneEveryMs: 0 });

async function roundTrip(base) {
  const body = report();
  const r = await send(base, body);
  assert.equal(r.status, 201, await r.clone().text());
  const receipt = await r.json();
  const st = await fetch(`${base}/v1/reports/${receipt.trackingNumber}`, { headers: { 'aq-report-secret': receipt.secret } });
  assert.equal(st.status, 200);
  assert.equal((await st.json()).trackingNumber, receipt.trackingNumber);
  const repeat = await send(base, body);
  assert.equal(repeat.status, 200);
  const none = await fetch(`${base}/v1/nothing-here`);
  assert.equal(none.status, 404);
  assert.equal((await none.json()).error, 'not_found');
  const health = await fetch(`${base}/health`);
  assert.equal((await health.json()).store, 'sqlite');
}

async function listen(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${server.address().port}`;
}

describe('adapters', () => {
  it('node:http handler (with a mount prefix)', async () => {
    const handler = intakeHandler(opts(), { prefix: '/aq-intake' });
    const server = createServer(handler);
    const base = await listen(server);
    await roundTrip(`${base}/aq-intake`);
    assert.equal((await fetch(`${base}/elsewhere`)).status, 404);
    server.close();
    await (await handler.intake()).close();
  });

  it('Connect/Express middleware, mounted before express.json()', async () => {
    const express = (await import('express')).default;
    const app = express();
    const mw = intakeMiddleware(opts());
    app.use('/aq-intake', mw);
    app.use(express.json());
    app.get('/hello', (_req, res) => res.send('host route'));
    const server = createServer(app);
    const base = await listen(server);
    await roundTrip(`${base}/aq-intake`);
    assert.equal(await (await fetch(`${base}/hello`)).text(), 'host route');
    server.close();
    await (await mw.intake()).close();
  });

  it('Express with express.json() before it: the parsed body is used', async () => {
    const express = (await import('express')).default;
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    const mw = intakeMiddleware(opts(), { prefix: '/aq-intake' });
    app.use(mw);
    const server = createServer(app);
    const base = await listen(server);
    const r = await send(`${base}/aq-intake`, report());
    assert.equal(r.status, 201);
    server.close();
    await (await mw.intake()).close();
  });

  it('Koa middleware', async () => {
    const Koa = (await import('koa')).default;
    const app = new Koa();
    const mw = intakeKoa(opts(), { prefix: '/aq-intake' });
    app.use(mw);
    app.use((ctx) => {
      ctx.body = 'host route';
    });
    const server = createServer(app.callback());
    const base = await listen(server);
    await roundTrip(`${base}/aq-intake`);
    assert.equal(await (await fetch(`${base}/hello`)).text(), 'host route');
    server.close();
    await (await mw.intake()).close();
  });

  it('Fastify plugin', async () => {
    const Fastify = (await import('fastify')).default;
    const app = Fastify();
    await app.register(intakeFastify, { prefix: '/aq-intake', intake: opts() });
    app.post('/api/echo', async (req) => ({ got: req.body }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${app.server.address().port}`;
    await roundTrip(`${base}/aq-intake`);
    const echo = await fetch(`${base}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    assert.deepEqual(await echo.json(), { got: { a: 1 } }, "the host's own JSON routes keep Fastify's parser");
    await app.close();
  });

  it('Vite plugin (dev server)', async () => {
    const { createServer: createVite } = await import('vite');
    const root = mkdtempSync(join(dir, 'vite-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    const plugin = intakeVite(opts());
    const vite = await createVite({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [plugin],
      server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await vite.listen();
    const base = `http://127.0.0.1:${vite.httpServer.address().port}`;
    await roundTrip(`${base}/aq-intake`);
    assert.match(await (await fetch(`${base}/`)).text(), /<title>x<\/title>/);
    await vite.close();
    await (await plugin.intake()).close();
  });

  it('an adapter whose store cannot open answers 503 and never 2xx', async () => {
    const handler = intakeHandler({ sqlite: '/proc/nope/x.sqlite' });
    const server = createServer(handler);
    const base = await listen(server);
    const orig = process.stderr.write;
    process.stderr.write = () => true;
    try {
      const r = await send(base, report());
      assert.equal(r.status, 503);
      assert.equal((await r.json()).error, 'unavailable');
    } finally {
      process.stderr.write = orig;
    }
    server.close();
  });
});
