// Reference intake server: implements packages/core/intake-openapi.json with node:http types only.
// Storage is pluggable; the default store keeps records in memory (tests, demo). Providers read this
// file as the contract to implement on their own servers.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createValidator } from './schema.mjs';
import { createSqliteStore } from './sqlite-store.mjs';
import { addWorkingDays, calendarProblem } from './working-days.mjs';

const contract = JSON.parse(readFileSync(new URL('../packages/core/intake-openapi.json', import.meta.url), 'utf8'));
const validator = createValidator(contract);

const ROUTES = {
  '/v1/reports': { schema: 'ReportEnvelope', kind: 'report' },
  '/v1/ledger-records': { schema: 'LedgerEnvelope', kind: 'ledger-record' },
  '/v1/minor-mode-events': { schema: 'MinorModeEnvelope', kind: 'minor-mode-event' },
  '/v1/prescreen-decisions': { schema: 'PrescreenEnvelope', kind: 'prescreen-decision' },
};
const MAX_BODY = 8 * 1024 * 1024;

/** Re-exported for older callers: `addWorkingDays(from, days, calendar?)` (weekends, holidays, 调休). */
export { addWorkingDays, createSqliteStore };

export function createMemoryStore() {
  const byKey = new Map();
  const records = [];
  /** Every idempotency key POSTed, repeats included (tests count double sends with it). */
  const posts = [];
  const ledgerHeads = new Map();
  const byTracking = new Map();
  return {
    kind: 'memory',
    records,
    posts,
    getByKey: (key) => byKey.get(key),
    /** Store once; returns the first receipt when the key is already stored, else undefined. */
    put(key, record, receipt) {
      if (byKey.has(key)) return byKey.get(key);
      byKey.set(key, receipt);
      const stored = { ...record, receipt, ...(record.kind === 'report' ? { status: 'received' } : {}) };
      records.push(stored);
      if (receipt.trackingNumber) byTracking.set(receipt.trackingNumber, stored);
      return undefined;
    },
    getReport: (tracking) => byTracking.get(tracking),
    setDecision(tracking, status, decision) {
      const rec = byTracking.get(tracking);
      if (!rec) return false;
      rec.status = status;
      if (decision) rec.decision = decision;
      else delete rec.decision;
      return true;
    },
    ledgerHead: (ledger) => ledgerHeads.get(ledger),
    setLedgerHead: (ledger, head) => ledgerHeads.set(ledger, head),
    count: () => records.length,
    close() {},
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

const REPORT_STATUSES = ['received', 'in-review', 'decided', 'closed'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Server-side checks beyond the JSON schema: the server enforces what the browser form only
 * advises. Under the eu profile a report must carry the four DSA Art. 16(2) elements (name and
 * e-mail may be left out for child-sexual-abuse reports, category P.csam).
 */
function reportProblem(body) {
  const p = body.payload;
  if (body.profile === 'eu') {
    if (!p.dsa) return '$.payload.dsa: required under the eu profile (DSA Art. 16(2))';
    if (p.category !== 'P.csam') {
      if (!p.dsa.reporterName?.trim()) return '$.payload.dsa.reporterName: required under the eu profile except for category P.csam (DSA Art. 16(2)(c))';
      if (!EMAIL.test(p.dsa.reporterEmail ?? '')) return '$.payload.dsa.reporterEmail: a valid e-mail address is required under the eu profile except for category P.csam (DSA Art. 16(2)(c))';
    }
    if (p.dsa.locations.some((l) => !l.trim())) return '$.payload.dsa.locations: every location must be a non-empty URL or item id';
  }
  if (p.category === 'P.personal-info' && !p.rightsRequest) return '$.payload.rightsRequest: required for category P.personal-info (access, copy, correction or deletion)';
  if (p.contact?.email && !EMAIL.test(p.contact.email)) return '$.payload.contact.email: not an e-mail address';
  for (const [i, a] of (p.attachments ?? []).entries()) {
    if (a.dataBase64 !== undefined) {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.dataBase64)) return `$.payload.attachments[${i}].dataBase64: not base64`;
      if (Buffer.byteLength(a.dataBase64, 'base64') !== a.size) return `$.payload.attachments[${i}].size: does not match the data`;
    }
  }
  return null;
}

/**
 * Create an intake handler. `handle(req, res, path)` answers paths beginning with /v1 and returns
 * true, or returns false for any other path.
 *
 * Options: `store` (createMemoryStore() by default, or createSqliteStore(path)), `dbPath` (shorthand
 * for a SQLite store), `complaintDays` (feedback time limit in working days, default 15),
 * `calendar` ({ holidays, workdays, weekend, timeZone } for the due date), `operatorToken` (enables
 * the operator-only `POST /v1/reports/{trackingNumber}/decision` with `Authorization: Bearer <token>`),
 * and `faults` (test fault injection: failNext, failRate, status, delayMs, dropAfterStore, dropRate).
 * @param {{ store?: ReturnType<typeof createMemoryStore>, dbPath?: string, complaintDays?: number, calendar?: object, operatorToken?: string, faults?: object }} [options]
 */
export function createIntake(options = {}) {
  const store = options.store ?? (options.dbPath ? createSqliteStore(options.dbPath) : createMemoryStore());
  const faults = Object.assign({ failNext: 0, failRate: 0, status: 503, delayMs: 0, dropAfterStore: 0, dropRate: 0, injected: 0, dropped: 0 }, options.faults);
  const calendarError = calendarProblem(options.calendar);
  if (calendarError) throw new TypeError(`createIntake: ${calendarError}`);
  const complaintDays = options.complaintDays ?? 15;
  if (!Number.isInteger(complaintDays) || complaintDays < 1 || complaintDays > 15) throw new TypeError('createIntake: complaintDays must be an integer from 1 to 15 (working days)');

  function status(tracking) {
    const rec = store.getReport(tracking);
    if (!rec) return null;
    return {
      trackingNumber: tracking,
      status: rec.status ?? 'received',
      receivedAt: rec.receipt.receivedAt,
      dueAt: rec.receipt.dueAt,
      ...(rec.decision ? { decision: rec.decision } : {}),
    };
  }

  /**
   * Record a decision (operator action): `status` one of received, in-review, decided, closed;
   * `decision` { outcome, reasons, automated, redress } (decidedAt is added). Returns the new
   * status, or a string describing the problem.
   */
  function decide(tracking, input) {
    if (!input || typeof input !== 'object') return 'body must be an object { status, decision }';
    const next = input.status ?? (input.decision ? 'decided' : undefined);
    if (!REPORT_STATUSES.includes(next)) return `$.status: must be one of ${REPORT_STATUSES.join(', ')}`;
    let decision;
    if (input.decision !== undefined) {
      const d = input.decision;
      if (!d || typeof d !== 'object') return '$.decision: must be an object';
      if (typeof d.outcome !== 'string' || !d.outcome) return '$.decision.outcome: required';
      for (const k of ['reasons', 'redress']) if (d[k] !== undefined && typeof d[k] !== 'string') return `$.decision.${k}: must be a string`;
      if (d.automated !== undefined && typeof d.automated !== 'boolean') return '$.decision.automated: must be true or false';
      decision = { outcome: d.outcome, reasons: d.reasons ?? '', automated: d.automated ?? false, redress: d.redress ?? '', decidedAt: new Date().toISOString() };
    }
    if (!store.setDecision(tracking, next, decision)) return null;
    return status(tracking);
  }

  async function handle(req, res, path) {
    const route = ROUTES[path];
    const decisionMatch = /^\/v1\/reports\/([^/]+)\/decision$/.exec(path);
    if (decisionMatch) {
      if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'POST only' }), true;
      const auth = req.headers.authorization ?? '';
      if (!options.operatorToken || auth !== `Bearer ${options.operatorToken}`) {
        return send(res, 403, { error: 'forbidden', message: 'Operator only: send Authorization: Bearer <operatorToken>' }), true;
      }
      let input;
      try {
        input = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, { error: 'bad_json', message: 'Body is not valid JSON' }), true;
      }
      const result = decide(decodeURIComponent(decisionMatch[1]), input);
      if (result === null) return send(res, 404, { error: 'not_found', message: `No report ${decodeURIComponent(decisionMatch[1])}` }), true;
      if (typeof result === 'string') return send(res, 400, { error: 'invalid', message: result }), true;
      return send(res, 200, result), true;
    }
    if (req.method === 'GET' && path.startsWith('/v1/reports/')) {
      const tracking = decodeURIComponent(path.slice('/v1/reports/'.length));
      const st = tracking.length <= 64 ? status(tracking) : null;
      if (!st) return send(res, 404, { error: 'not_found', message: `No report ${tracking}` }), true;
      return send(res, 200, st), true;
    }
    if (!route) return false;
    if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'POST only' }), true;
    if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (faults.failNext > 0 || (faults.failRate > 0 && Math.random() < faults.failRate)) {
      if (faults.failNext > 0) faults.failNext--;
      faults.injected++;
      return send(res, faults.status, { error: 'injected', message: 'injected failure' }), true;
    }
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      return send(res, err.status ?? 400, { error: 'bad_json', message: err.status === 413 ? 'Body too large' : 'Body is not valid JSON' }), true;
    }
    const problem = validator.validate(route.schema, body) ?? (route.kind === 'report' && body?.kind === 'report' ? reportProblem(body) : null);
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
      receipt.trackingNumber = `AQ-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`;
      receipt.dueAt = addWorkingDays(now, complaintDays, options.calendar).toISOString();
    }
    const first = store.put(key, body, receipt);
    if (first) return send(res, 200, { ...first, duplicate: true }), true;
    if (faults.dropAfterStore > 0 || (faults.dropRate > 0 && Math.random() < faults.dropRate)) {
      // Stored, but the answer is lost on the way back: the client must retry and get the same receipt.
      if (faults.dropAfterStore > 0) faults.dropAfterStore--;
      faults.dropped++;
      req.socket.destroy();
      return true;
    }
    send(res, 201, receipt);
    return true;
  }

  return { handle, store, faults, status, decide, close: () => store.close?.() };
}

/**
 * Koa-style middleware for @web/dev-server and the demo server.
 * `/aq-intake/v1/...` is the default intake (`dbPath` stores it in SQLite; else in memory).
 * `/aq-test-intake/<ns>/...` gives each test its own in-memory intake (a SQLite one when the
 * namespace starts with `sqlite-`), with `/__faults` (POST JSON to set failNext, failRate, status,
 * delayMs, dropAfterStore, dropRate; answers the faults with the injected and dropped counts),
 * `/__received` (GET the stored records), `/__posts` (GET every idempotency key POSTed) and
 * `/__decision/<trackingNumber>` (POST { status, decision }: the operator action, test intakes only).
 * @param {{ prefix?: string, dbPath?: string, complaintDays?: number, calendar?: object, operatorToken?: string }} [options]
 */
export function intakeMiddleware({ prefix = '/aq-intake', dbPath, complaintDays, calendar, operatorToken = process.env.AQ_OPERATOR_TOKEN } = {}) {
  const main = createIntake({ dbPath, complaintDays, calendar, operatorToken });
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
      if (!tests.has(ns)) tests.set(ns, createIntake(ns.startsWith('sqlite-') ? { dbPath: ':memory:' } : {}));
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
        ctx.body = JSON.parse(JSON.stringify(intake.store.posts));
        return;
      }
      if (path.startsWith('/__decision/') && ctx.method === 'POST') {
        const result = intake.decide(decodeURIComponent(path.slice('/__decision/'.length)), JSON.parse((await readBody(ctx.req)) || '{}'));
        ctx.status = result === null ? 404 : typeof result === 'string' ? 400 : 200;
        ctx.body = result === null ? { error: 'not_found' } : typeof result === 'string' ? { error: 'invalid', message: result } : result;
        return;
      }
    } else return next();
    ctx.respond = false;
    const handled = await intake.handle(ctx.req, ctx.res, path);
    if (!handled) send(ctx.res, 404, { error: 'not_found', message: `No route ${path}` });
  };
}
