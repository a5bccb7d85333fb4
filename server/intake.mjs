// Reference intake server: implements packages/core/intake-openapi.json with node:http types only.
// Storage is pluggable; the default store keeps records in memory (tests, demo). Providers read this
// file as the contract to implement on their own servers.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createValidator } from './schema.mjs';

const contract = JSON.parse(readFileSync(new URL('../packages/core/intake-openapi.json', import.meta.url), 'utf8'));
const validator = createValidator(contract);

const ROUTES = {
  '/v1/reports': { schema: 'ReportEnvelope', kind: 'report' },
  '/v1/ledger-records': { schema: 'LedgerEnvelope', kind: 'ledger-record' },
  '/v1/minor-mode-events': { schema: 'MinorModeEnvelope', kind: 'minor-mode-event' },
  '/v1/prescreen-decisions': { schema: 'PrescreenEnvelope', kind: 'prescreen-decision' },
};
const MAX_BODY = 8 * 1024 * 1024;

/** Add `days` working days (Monday to Friday) to `from`. */
export function addWorkingDays(from, days) {
  const d = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

export function createMemoryStore() {
  const byKey = new Map();
  const records = [];
  /** Every idempotency key POSTed, repeats included (tests count double sends with it). */
  const posts = [];
  const ledgerHeads = new Map();
  return {
    records,
    posts,
    getByKey: (key) => byKey.get(key),
    put(key, record, receipt) {
      byKey.set(key, receipt);
      records.push({ ...record, receipt });
    },
    getReport: (tracking) => records.find((r) => r.receipt.trackingNumber === tracking),
    ledgerHead: (ledger) => ledgerHeads.get(ledger),
    setLedgerHead: (ledger, head) => ledgerHeads.set(ledger, head),
  };
}

function send(res, status, body) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Create an intake handler. `handle(req, res, path)` answers paths beginning with /v1 and returns
 * true, or returns false for any other path.
 * @param {{ store?: ReturnType<typeof createMemoryStore>, complaintDays?: number, faults?: { failNext: number, status: number, delayMs: number, dropAfterStore: number } }} [options]
 */
export function createIntake(options = {}) {
  const store = options.store ?? createMemoryStore();
  const faults = options.faults ?? { failNext: 0, status: 503, delayMs: 0, dropAfterStore: 0 };
  let counter = 0;

  async function handle(req, res, path) {
    const route = ROUTES[path];
    if (req.method === 'GET' && path.startsWith('/v1/reports/')) {
      const tracking = decodeURIComponent(path.slice('/v1/reports/'.length));
      const rec = store.getReport(tracking);
      if (!rec) return send(res, 404, { error: 'not_found', message: `No report ${tracking}` }), true;
      return (
        send(res, 200, {
          trackingNumber: tracking,
          status: rec.status ?? 'received',
          receivedAt: rec.receipt.receivedAt,
          dueAt: rec.receipt.dueAt,
          ...(rec.decision ? { decision: rec.decision } : {}),
        }),
        true
      );
    }
    if (!route) return false;
    if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'POST only' }), true;
    if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (faults.failNext > 0) {
      faults.failNext--;
      return send(res, faults.status, { error: 'injected', message: 'injected failure' }), true;
    }
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      return send(res, err.status ?? 400, { error: 'bad_json', message: 'Body is not valid JSON' }), true;
    }
    const problem = validator.validate(route.schema, body);
    if (problem) return send(res, 400, { error: 'invalid', message: problem }), true;
    if (body.kind !== route.kind) return send(res, 400, { error: 'invalid', message: `$.kind: must be ${route.kind}` }), true;
    const key = req.headers['idempotency-key'];
    store.posts?.push(key);
    if (key !== body.id) return send(res, 400, { error: 'invalid', message: 'Idempotency-Key header must equal $.id' }), true;
    const seen = store.getByKey(key);
    if (seen) return send(res, 200, { ...seen, duplicate: true }), true;
    if (route.kind === 'ledger-record') {
      const head = store.ledgerHead(body.payload.ledger);
      const rec = body.payload;
      if (head && rec.seq === head.seq + 1 && rec.prevHash !== head.hash) {
        return send(res, 409, { error: 'chain_rewritten', message: `Ledger ${rec.ledger} record ${rec.seq} does not continue hash ${head.hash}` }), true;
      }
      if (!head || rec.seq > head.seq) store.setLedgerHead(rec.ledger, { seq: rec.seq, hash: rec.hash });
    }
    const now = new Date();
    const receipt = { id: body.id, receivedAt: now.toISOString() };
    if (route.kind === 'report') {
      counter++;
      receipt.trackingNumber = `AQ-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`;
      receipt.dueAt = addWorkingDays(now, options.complaintDays ?? 15).toISOString();
    }
    store.put(key, body, receipt);
    if (faults.dropAfterStore > 0) {
      // Stored, but the answer is lost on the way back: the client must retry and get the same receipt.
      faults.dropAfterStore--;
      req.socket.destroy();
      return true;
    }
    send(res, 201, receipt);
    return true;
  }

  return { handle, store, faults };
}

/**
 * Koa-style middleware for @web/dev-server and the demo server.
 * `/aq-intake/v1/...` is the default intake. `/aq-test-intake/<ns>/...` gives each test its own
 * intake, with `/__faults` (POST JSON to set failNext, status, delayMs, dropAfterStore) and
 * `/__received` (GET the stored records) for tests.
 */
export function intakeMiddleware({ prefix = '/aq-intake' } = {}) {
  const main = createIntake();
  const tests = new Map();
  return async (ctx, next) => {
    const url = new URL(ctx.url, 'http://x');
    let intake;
    let path;
    if (url.pathname.startsWith(`${prefix}/`)) {
      intake = main;
      path = url.pathname.slice(prefix.length);
    } else if (url.pathname.startsWith('/aq-test-intake/')) {
      const [ns, ...rest] = url.pathname.slice('/aq-test-intake/'.length).split('/');
      if (!tests.has(ns)) tests.set(ns, createIntake());
      intake = tests.get(ns);
      path = `/${rest.join('/')}`;
      if (path === '/__faults' && ctx.method === 'POST') {
        Object.assign(intake.faults, JSON.parse((await readBody(ctx.req)) || '{}'));
        ctx.body = intake.faults;
        return;
      }
      if (path === '/__received') {
        ctx.body = intake.store.records;
        return;
      }
      if (path === '/__posts') {
        ctx.body = intake.store.posts;
        return;
      }
    } else return next();
    ctx.respond = false;
    const handled = await intake.handle(ctx.req, ctx.res, path);
    if (!handled) send(ctx.res, 404, { error: 'not_found', message: `No route ${path}` });
  };
}
