// The intake: implements intake-openapi.json (in this package) over a store. It validates every
// record against that contract, stores it once per idempotency key, checks ledger chains per chain,
// signs every receipt with the server's Ed25519 key, and answers 2xx only after the store committed.
// Bounds: per-route body limits (413 after draining), nesting depth, per-client rate and
// concurrency limits (429 with Retry-After), a global in-flight budget (503 busy).
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson, fingerprint, ledgerHash, sha256 } from './core.mjs';
import { addWorkingDays, calendarProblem } from './generated/working-days.mjs';
import { drain, inFlight, rateLimiter, readBody, send } from './http.mjs';
import { checkVerdictWith, createPasskeys, passkeyOptions } from './passkeys.mjs';
import { createValidator, jsonDepth } from './schema.mjs';
import { createMemoryStore } from './stores/memory.mjs';
import { createPostgresStore } from './stores/postgres.mjs';
import { createSqliteStore } from './stores/sqlite.mjs';

export const contract = JSON.parse(readFileSync(new URL('../intake-openapi.json', import.meta.url), 'utf8'));
const validator = createValidator(contract);

export const ROUTES = {
  '/v1/reports': { schema: 'ReportEnvelope', kind: 'report' },
  '/v1/ledger-records': { schema: 'LedgerEnvelope', kind: 'ledger-record' },
  '/v1/minor-mode-events': { schema: 'MinorModeEnvelope', kind: 'minor-mode-event' },
  '/v1/prescreen-decisions': { schema: 'PrescreenEnvelope', kind: 'prescreen-decision' },
  '/v1/unlabelled-copies': { schema: 'UnlabelledCopyEnvelope', kind: 'unlabelled-copy' },
};
export const KINDS = Object.values(ROUTES).map((r) => r.kind);

/** Default bounds. Reports may carry 3 × 5 MiB attachments as base64 (the contract's limits). */
export const DEFAULT_LIMITS = Object.freeze({
  bodyBytes: Object.freeze({
    report: 24 * 1024 * 1024,
    'ledger-record': 64 * 1024,
    'minor-mode-event': 32 * 1024,
    'prescreen-decision': 16 * 1024,
    'unlabelled-copy': 16 * 1024,
    other: 64 * 1024,
  }),
  depth: 32,
  /** Record POSTs per second per client (token bucket) and the burst; 0 turns it off. */
  perSecond: 100,
  burst: 400,
  /** Requests one client may have in flight at once. */
  concurrencyPerClient: 16,
  /** Requests in flight at once over all clients, and the request bodies they may hold in memory. */
  maxInFlight: 1024,
  maxBufferedBytes: 256 * 1024 * 1024,
  /** Status look-ups per minute per client. */
  statusPerMinute: 60,
});

/** Retention in days per record kind (pruned hourly); configure to your obligations. */
export const DEFAULT_RETENTION_DAYS = Object.freeze({
  report: 3 * 365,
  'ledger-record': 3 * 365,
  'minor-mode-event': 180,
  'prescreen-decision': 180,
  // Labeling Measures Art. 9: at least 6 months; a year by default (the host sets what its obligations ask).
  'unlabelled-copy': 365,
});

const REPORT_STATUSES = ['received', 'in-review', 'decided', 'closed'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function isBase64(s) {
  const n = s.length;
  let pad = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 61) {
      pad++;
      continue;
    }
    if (pad) return false;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47)) return false;
  }
  return pad <= 2;
}

/**
 * Checks beyond the JSON schema: the server enforces what the browser form only advises. Under the
 * eu profile a report must carry the DSA Art. 16(2) elements (name and e-mail may be left out for
 * child-sexual-abuse reports, category P.csam).
 */
function reportProblem(body) {
  const p = body.payload;
  if (body.profile === 'eu') {
    if (!p.dsa) return '$.payload.dsa: required under the eu profile (DSA Art. 16(2))';
    if (p.category !== 'P.csam') {
      if (!p.dsa.reporterName?.trim())
        return '$.payload.dsa.reporterName: required under the eu profile except for category P.csam (DSA Art. 16(2)(c))';
      if (!EMAIL.test(p.dsa.reporterEmail ?? ''))
        return '$.payload.dsa.reporterEmail: a valid e-mail address is required under the eu profile except for category P.csam (DSA Art. 16(2)(c))';
    }
    if (p.dsa.locations.some((l) => !l.trim())) return '$.payload.dsa.locations: every location must be a non-empty URL or item id';
  }
  if (p.category === 'P.personal-info' && !p.rightsRequest)
    return '$.payload.rightsRequest: required for category P.personal-info (access, copy, correction or deletion)';
  if (p.contact?.email && !EMAIL.test(p.contact.email)) return '$.payload.contact.email: not an e-mail address';
  for (const [i, a] of (p.attachments ?? []).entries()) {
    if (a.dataBase64 !== undefined) {
      if (!isBase64(a.dataBase64)) return `$.payload.attachments[${i}].dataBase64: not base64`;
      if (Buffer.byteLength(a.dataBase64, 'base64') !== a.size) return `$.payload.attachments[${i}].size: does not match the data`;
    }
  }
  return null;
}

function ledgerProblem(body) {
  const r = body.payload;
  const h = body.chainHead;
  if (h.ledger !== r.ledger || h.chain !== r.chain || h.seq !== r.seq || h.hash !== r.hash)
    return '$.chainHead: must name the record it is sent with (ledger, chain, seq, hash)';
  if (r.subject !== undefined && body.subject !== undefined && r.subject !== body.subject)
    return '$.payload.subject: differs from the envelope subject';
  if (Buffer.byteLength(JSON.stringify(r.data)) > 16 * 1024) return '$.payload.data: larger than 16 KiB';
  if (ledgerHash(r) !== r.hash) return '$.payload.hash: does not match the record (SHA-256 of its canonical JSON)';
  return null;
}

/** Art. 9 records: the terms were accepted before the copy, and the free-text fields are not blank. */
function unlabelledProblem(body) {
  const p = body.payload;
  for (const key of ['requester', 'purpose', 'recipient']) if (p[key].trim() === '') return `$.payload.${key}: must not be blank`;
  if (Date.parse(p.agreement.acceptedAt) > Date.parse(p.at))
    return '$.payload.agreement.acceptedAt: the terms must be accepted before the copy is made';
  return null;
}

function minorProblem(body) {
  if (body.payload.data !== undefined && Buffer.byteLength(JSON.stringify(body.payload.data)) > 16 * 1024)
    return '$.payload.data: larger than 16 KiB';
  return null;
}

async function openStore(options) {
  if (options.store) return options.store;
  const sqlite = options.sqlite ?? (options.dbPath ? { path: options.dbPath } : undefined);
  if (sqlite) return createSqliteStore(typeof sqlite === 'string' ? { path: sqlite } : sqlite);
  if (options.postgres)
    return createPostgresStore(typeof options.postgres === 'string' ? { connectionString: options.postgres } : options.postgres);
  if (options.memory === true) return createMemoryStore();
  throw new Error(
    'createIntake: no durable store: pass { sqlite: path } or { postgres: url } (or { store }); { memory: true } keeps records in memory only and forgets them on restart',
  );
}

/** The receipt key: options.signingKey (PEM or KeyObject), else one the store keeps (made on first start). */
async function receiptKey(store, signingKey) {
  let privateKey;
  if (signingKey) privateKey = typeof signingKey === 'string' ? createPrivateKey(signingKey) : signingKey;
  else {
    const pem = await store.meta('receipt-key', () =>
      generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    );
    privateKey = createPrivateKey(pem);
  }
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, jwk: publicKey.export({ format: 'jwk' }), keyId: sha256(der.toString('hex')).slice(0, 16) };
}

/** The bytes a receipt signature covers: the canonical JSON of the receipt without signature and duplicate. */
export function receiptPayload(receipt) {
  const { signature: _s, duplicate: _d, ...rest } = receipt;
  return canonicalJson(rest);
}

/**
 * Create an intake. Resolves once the store is open and migrated; rejects (refuses to start) when
 * no durable store can be opened, unless `memory: true` was asked for.
 *
 * @param {import('./index.js').IntakeOptions} [options]
 */
export async function createIntake(options = {}) {
  const calendarError = calendarProblem(options.calendar);
  if (calendarError) throw new TypeError(`createIntake: ${calendarError}`);
  const complaintDays = options.complaintDays ?? 15;
  if (!Number.isInteger(complaintDays) || complaintDays < 1 || complaintDays > 15)
    throw new TypeError('createIntake: complaintDays must be an integer from 1 to 15 (working days)');
  const limits = { ...DEFAULT_LIMITS, ...options.limits, bodyBytes: { ...DEFAULT_LIMITS.bodyBytes, ...options.limits?.bodyBytes } };
  const retention = { ...DEFAULT_RETENTION_DAYS, ...options.retentionDays };
  for (const [k, v] of Object.entries(retention))
    if (!KINDS.includes(k) || !(v === null || (Number.isFinite(v) && v > 0)))
      throw new TypeError(`createIntake: retentionDays.${k} must be a positive number of days (or null to keep)`);
  const level = LEVELS[options.logLevel ?? 'warn'] ?? LEVELS.warn;
  const logger = options.logger ?? ((entry) => process.stderr.write(`${JSON.stringify(entry)}\n`));
  const log = (lvl, msg, fields = {}) => {
    if (LEVELS[lvl] >= level) logger({ time: new Date().toISOString(), level: lvl, msg, ...fields });
  };

  passkeyOptions(options.passkeys);
  const store = await openStore(options);
  if (!store.durable && options.memory !== true)
    throw new Error(`createIntake: the ${store.kind} store is not durable; pass memory: true to accept that`);
  const key = await receiptKey(store, options.signingKey);
  const passkeys = await createPasskeys(options.passkeys, { store, key, log: (...a) => log(...a) });
  const faults = Object.assign(
    { failNext: 0, failRate: 0, status: 503, delayMs: 0, dropAfterStore: 0, dropRate: 0, injected: 0, dropped: 0 },
    options.faults,
  );
  const operatorToken = options.operatorToken ? Buffer.from(String(options.operatorToken)) : null;
  const clientKey = options.clientKey ?? ((req) => req.socket?.remoteAddress ?? 'unknown');
  const rate = rateLimiter({ perSecond: limits.perSecond, burst: limits.burst });
  const statusRate = rateLimiter({ perSecond: limits.statusPerMinute / 60, burst: Math.max(1, Math.ceil(limits.statusPerMinute / 4)) });
  const flights = inFlight();
  let inFlightTotal = 0;
  let bufferedBytes = 0;
  let closed = false;
  const stats = { stored: 0, duplicates: 0, refused: 0, errors: 0, batches: 0, batchedOps: 0 };

  // Group commit: requests that arrive while a transaction runs wait for the next one; each is
  // answered after the commit that holds it.
  const group = options.groupCommit ?? store.kind !== 'memory';
  const maxBatch = group ? (options.maxBatch ?? 256) : 1;
  const queue = [];
  let flushing = false;
  let scheduled = false;
  const commit = (op) =>
    new Promise((resolve, reject) => {
      queue.push({ op, resolve, reject });
      if (!flushing && !scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  async function flush() {
    scheduled = false;
    flushing = true;
    try {
      while (queue.length) {
        const batch = queue.splice(0, maxBatch);
        stats.batches++;
        stats.batchedOps += batch.length;
        try {
          const results = await store.accept(batch.map((b) => b.op));
          for (let i = 0; i < batch.length; i++) batch[i].resolve(results[i]);
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      flushing = false;
    }
  }

  let pruneTimer = null;
  async function prune(now = new Date()) {
    const cutoffs = {};
    for (const [kind, days] of Object.entries(retention))
      if (days) cutoffs[kind] = new Date(now.getTime() - days * 86_400_000).toISOString();
    const counts = await store.prune(cutoffs);
    log('info', 'pruned', { counts });
    return counts;
  }
  if (options.pruneEveryMs !== 0) {
    pruneTimer = setInterval(
      () => prune().catch((err) => log('error', 'prune failed', { error: err.message })),
      options.pruneEveryMs ?? 3_600_000,
    );
    pruneTimer.unref?.();
  }

  function isOperator(req) {
    if (!operatorToken) return false;
    const auth = String(req.headers.authorization ?? '');
    if (!auth.startsWith('Bearer ')) return false;
    const given = Buffer.from(auth.slice(7));
    return given.length === operatorToken.length && timingSafeEqual(given, operatorToken);
  }
  const unauthorized = (res) =>
    send(
      res,
      401,
      {
        error: 'unauthorized',
        message: operatorToken
          ? 'Operator only: send Authorization: Bearer <operatorToken>'
          : 'Operator routes are closed: the intake has no operatorToken',
      },
      { 'www-authenticate': 'Bearer' },
    );

  function signReceipt(receipt) {
    receipt.keyId = key.keyId;
    receipt.signature = sign(null, Buffer.from(receiptPayload(receipt)), key.privateKey).toString('base64url');
    return receipt;
  }

  function statusOf(rec) {
    return {
      trackingNumber: rec.receipt.trackingNumber,
      status: rec.status ?? 'received',
      receivedAt: rec.receipt.receivedAt,
      dueAt: rec.receipt.dueAt,
      ...(rec.decision ? { decision: rec.decision } : {}),
    };
  }

  /** Operator action: set a report's status and decision. Resolves the new status, null (unknown) or a problem string. */
  async function decide(tracking, input) {
    if (!input || typeof input !== 'object') return 'body must be an object { status, decision }';
    const next = input.status ?? (input.decision ? 'decided' : undefined);
    if (!REPORT_STATUSES.includes(next)) return `$.status: must be one of ${REPORT_STATUSES.join(', ')}`;
    let decision;
    if (input.decision !== undefined) {
      const d = input.decision;
      if (!d || typeof d !== 'object') return '$.decision: must be an object';
      if (typeof d.outcome !== 'string' || !d.outcome) return '$.decision.outcome: required';
      for (const k of ['reasons', 'redress'])
        if (d[k] !== undefined && typeof d[k] !== 'string') return `$.decision.${k}: must be a string`;
      if (d.automated !== undefined && typeof d.automated !== 'boolean') return '$.decision.automated: must be true or false';
      decision = {
        outcome: d.outcome.slice(0, 500),
        reasons: (d.reasons ?? '').slice(0, 5000),
        automated: d.automated ?? false,
        redress: (d.redress ?? '').slice(0, 5000),
        decidedAt: new Date().toISOString(),
      };
    }
    if (!(await store.setDecision(tracking, next, decision))) return null;
    return statusOf(await store.getReport(tracking));
  }

  /**
   * The subject's consent over every chain: per purpose, the last grant or withdrawal by effective
   * time (the record's own time, never later than when the server received it), a withdrawal winning
   * a tie. A withdrawal made on one device counts on all.
   */
  async function consentState(subject) {
    const { chains, records } = await store.subjectLedger(subject);
    const events = [];
    for (const r of records) {
      const p = r.payload;
      if (p.ledger !== 'consent' || (p.type !== 'grant' && p.type !== 'withdraw') || typeof p.data?.purpose !== 'string') continue;
      const at = Math.min(Date.parse(p.time), Date.parse(r.receipt.receivedAt));
      events.push({ at, p, r });
    }
    events.sort((a, b) => a.at - b.at || (a.p.type === b.p.type ? a.r.seq - b.r.seq : a.p.type === 'withdraw' ? 1 : -1));
    const purposes = {};
    for (const { p, r } of events)
      purposes[p.data.purpose] = {
        granted: p.type === 'grant',
        ...(p.data.noticeVersion ? { noticeVersion: p.data.noticeVersion } : {}),
        time: p.time,
        receivedAt: r.receipt.receivedAt,
        chain: p.chain,
        seq: p.seq,
      };
    return { subject, chains: chains.filter((c) => c.ledger === 'consent').length, purposes };
  }

  async function acceptRecord(req, res, route) {
    const limit = limits.bodyBytes[route.kind] ?? limits.bodyBytes.other;
    if (bufferedBytes + Math.min(Number(req.headers['content-length']) || 0, limit) > limits.maxBufferedBytes) {
      await drain(req, limit);
      return (
        send(res, 503, { error: 'busy', message: 'The intake holds too many request bodies; retry' }, { 'retry-after': '1' }), 'busy'
      );
    }
    const reserved = Math.min(Number(req.headers['content-length']) || limit, limit);
    bufferedBytes += reserved;
    let read;
    try {
      read = await readBody(req, limit);
    } finally {
      bufferedBytes -= reserved;
    }
    if (read.aborted) return 'aborted';
    if (read.tooLarge) {
      send(
        res,
        413,
        { error: 'too_large', message: `Body over ${limit} bytes (the limit for ${route.kind} records)`, limit },
        { connection: 'close' },
      );
      return 'too_large';
    }
    const text = read.body.toString('utf8');
    if (jsonDepth(text, limits.depth) < 0)
      return (send(res, 400, { error: 'too_deep', message: `JSON nested deeper than ${limits.depth} levels` }), 'too_deep');
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return (send(res, 400, { error: 'bad_json', message: 'Body is not valid JSON' }), 'bad_json');
    }
    const problem =
      validator.validate(route.schema, body) ??
      (route.kind === 'report'
        ? reportProblem(body)
        : route.kind === 'ledger-record'
          ? ledgerProblem(body)
          : route.kind === 'minor-mode-event'
            ? minorProblem(body)
            : route.kind === 'unlabelled-copy'
              ? unlabelledProblem(body)
              : null);
    if (problem) return (send(res, 400, { error: 'invalid', message: problem, path: problem.split(':')[0] }), 'invalid');
    const idem = req.headers['idempotency-key'];
    options.onRecord?.(idem, body);
    if (idem !== body.id)
      return (send(res, 400, { error: 'invalid', message: 'Idempotency-Key header must equal $.id', path: '$.id' }), 'invalid');

    const now = new Date();
    const subject = route.kind === 'ledger-record' ? (body.payload.subject ?? body.subject) : body.subject;
    const receipt = { id: body.id, kind: route.kind, receivedAt: now.toISOString() };
    if (subject !== undefined) receipt.subject = subject;
    if (route.kind === 'report') {
      receipt.trackingNumber = `AQ-${receipt.receivedAt.slice(0, 10).replaceAll('-', '')}-${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
      receipt.dueAt = addWorkingDays(now, complaintDays, options.calendar).toISOString();
      receipt.secret = randomBytes(18).toString('base64url');
    }
    let ledger;
    if (route.kind === 'ledger-record') {
      const r = body.payload;
      ledger = { ledger: r.ledger, chain: r.chain, seq: r.seq, prevHash: r.prevHash, hash: r.hash };
      Object.assign(receipt, { ledger: r.ledger, chain: r.chain, seq: r.seq, hash: r.hash });
    }
    signReceipt(receipt);
    const op = { key: idem, fingerprint: fingerprint(body), kind: route.kind, subject, body, receipt, ledger };
    let result;
    try {
      result = await commit(op);
    } catch (err) {
      stats.errors++;
      log('error', 'store failed', { error: err.message, store: store.kind });
      return (
        send(res, 503, { error: 'unavailable', message: 'Storage failed; nothing stored; retry' }, { 'retry-after': '2' }), 'unavailable'
      );
    }
    if (result.status === 'error') {
      stats.errors++;
      log('error', 'store failed', { error: result.error?.message, store: store.kind });
      return (
        send(res, 503, { error: 'unavailable', message: 'Storage failed; nothing stored; retry' }, { 'retry-after': '2' }), 'unavailable'
      );
    }
    if (result.status === 'refused') {
      stats.refused++;
      return (
        send(res, 409, {
          error: result.code,
          message: result.message,
          ...(result.expectedSeq !== undefined ? { expectedSeq: result.expectedSeq } : {}),
        }),
        result.code
      );
    }
    if (result.status === 'duplicate') {
      stats.duplicates++;
      return (send(res, 200, { ...result.receipt, duplicate: true }), 'duplicate');
    }
    stats.stored++;
    if (faults.dropAfterStore > 0 || (faults.dropRate > 0 && Math.random() < faults.dropRate)) {
      // Stored, but the answer is lost on the way back: the client must retry and get the same receipt.
      if (faults.dropAfterStore > 0) faults.dropAfterStore--;
      faults.dropped++;
      req.socket.destroy();
      return 'dropped';
    }
    send(res, 201, result.receipt);
    return 'stored';
  }

  async function route(req, res, path, url, client) {
    if (path === '/health') {
      if (req.method !== 'GET') return send(res, 405, { error: 'method', message: 'GET only' }, { allow: 'GET' });
      try {
        await store.health();
        return send(res, closed ? 503 : 200, {
          ok: !closed,
          store: store.kind,
          durable: store.durable,
          ...(store.driver ? { driver: store.driver } : {}),
        });
      } catch (err) {
        log('error', 'health check failed', { error: err.message });
        return send(res, 503, { ok: false, error: 'unavailable', message: 'Storage unreachable', store: store.kind });
      }
    }
    if (path === '/v1/receipt-key') return send(res, 200, { keyId: key.keyId, alg: 'Ed25519', jwk: key.jwk });
    if (passkeys.paths.includes(path)) {
      const wait = rate.take(client);
      if (wait) {
        await drain(req, 65536);
        return send(res, 429, { error: 'rate_limited', message: `Too many requests; retry in ${wait} s` }, { 'retry-after': String(wait) });
      }
      return passkeys.route(req, res, path);
    }
    const recordRoute = ROUTES[path];
    if (recordRoute) {
      if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'POST only' }, { allow: 'POST' });
      const wait = rate.take(client);
      if (wait) {
        await drain(req, limits.bodyBytes[recordRoute.kind]);
        return send(
          res,
          429,
          { error: 'rate_limited', message: `Too many records from this client; retry in ${wait} s` },
          { 'retry-after': String(wait) },
        );
      }
      if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
      if (faults.failNext > 0 || (faults.failRate > 0 && Math.random() < faults.failRate)) {
        if (faults.failNext > 0) faults.failNext--;
        faults.injected++;
        await drain(req, limits.bodyBytes[recordRoute.kind]);
        return send(
          res,
          faults.status,
          { error: faults.code ?? 'injected', message: 'injected failure' },
          faults.retryAfter ? { 'retry-after': String(faults.retryAfter) } : {},
        );
      }
      return acceptRecord(req, res, recordRoute);
    }
    const segs = path.split('/');
    // /v1/reports/{tn}[/decision]
    if (segs[1] === 'v1' && segs[2] === 'reports' && segs[3] && segs.length <= 5) {
      let tracking;
      try {
        tracking = decodeURIComponent(segs[3]);
      } catch {
        return send(res, 400, { error: 'bad_url', message: 'Malformed percent-encoding in the path' });
      }
      if (tracking.length > 64) return send(res, 404, { error: 'not_found', message: 'No such report' });
      if (segs.length === 5) {
        if (segs[4] !== 'decision') return send(res, 404, { error: 'not_found', message: 'No such route' });
        if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'POST only' }, { allow: 'POST' });
        if (!isOperator(req)) return (await drain(req, 65536), unauthorized(res));
        const read = await readBody(req, limits.bodyBytes.other);
        if (read.tooLarge) return send(res, 413, { error: 'too_large', message: 'Body too large' }, { connection: 'close' });
        if (read.aborted) return;
        let input;
        try {
          const text = read.body.toString('utf8');
          if (jsonDepth(text, limits.depth) < 0) throw new Error('deep');
          input = JSON.parse(text);
        } catch {
          return send(res, 400, { error: 'bad_json', message: 'Body is not valid JSON' });
        }
        const result = await decide(tracking, input);
        if (result === null) return send(res, 404, { error: 'not_found', message: 'No such report' });
        if (typeof result === 'string') return send(res, 400, { error: 'invalid', message: result });
        log('info', 'decision', { status: result.status });
        return send(res, 200, result);
      }
      if (req.method !== 'GET') return send(res, 405, { error: 'method', message: 'GET only' }, { allow: 'GET' });
      const operator = isOperator(req);
      if (!operator) {
        const wait = statusRate.take(client);
        if (wait)
          return send(
            res,
            429,
            { error: 'rate_limited', message: `Too many look-ups; retry in ${wait} s` },
            { 'retry-after': String(wait) },
          );
      }
      const rec = await store.getReport(tracking);
      const given = Buffer.from(String(req.headers['aq-report-secret'] ?? ''));
      const secret = Buffer.from(String(rec?.receipt?.secret ?? ''));
      const ok = operator || (rec && secret.length > 0 && given.length === secret.length && timingSafeEqual(given, secret));
      // Unknown and wrong secret answer alike, so a guess tells nothing.
      if (!ok) return send(res, 404, { error: 'not_found', message: 'No report with this tracking number and secret' });
      return send(res, 200, statusOf(rec));
    }
    // /v1/subjects/{subject}[/consent|/ledger]
    if (segs[1] === 'v1' && segs[2] === 'subjects' && segs[3] && segs.length <= 5) {
      let subject;
      try {
        subject = decodeURIComponent(segs[3]);
      } catch {
        return send(res, 400, { error: 'bad_url', message: 'Malformed percent-encoding in the path' });
      }
      if (!isOperator(req)) return unauthorized(res);
      if (subject.length > 128) return send(res, 400, { error: 'invalid', message: 'subject: longer than 128 characters' });
      if (segs.length === 4) {
        if (req.method !== 'DELETE') return send(res, 405, { error: 'method', message: 'DELETE only' }, { allow: 'DELETE' });
        const counts = await store.deleteSubject(subject, { subjectSha256: sha256(subject), at: new Date().toISOString() });
        log('info', 'subject deleted', { counts });
        return send(res, 200, { deleted: counts });
      }
      if (req.method !== 'GET') return send(res, 405, { error: 'method', message: 'GET only' }, { allow: 'GET' });
      if (segs[4] === 'consent') return send(res, 200, await consentState(subject));
      if (segs[4] === 'ledger') return send(res, 200, { subject, ...(await store.subjectLedger(subject)) });
      return send(res, 404, { error: 'not_found', message: 'No such route' });
    }
    if (path === '/v1/records') {
      if (req.method !== 'GET') return send(res, 405, { error: 'method', message: 'GET only' }, { allow: 'GET' });
      if (!isOperator(req)) return unauthorized(res);
      const kind = url.searchParams.get('kind') ?? undefined;
      if (kind && !KINDS.includes(kind)) return send(res, 400, { error: 'invalid', message: `kind: one of ${KINDS.join(', ')}` });
      const after = Number(url.searchParams.get('after') ?? 0);
      const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 1000));
      if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1)
        return send(res, 400, { error: 'invalid', message: 'after and limit: non-negative integers' });
      return send(res, 200, { records: await store.records({ kind, after, limit }) });
    }
    return send(res, 404, { error: 'not_found', message: 'No such route' });
  }

  /**
   * Answer one request. `path` is the path below the intake's mount point (default: req.url's).
   * Resolves true when the path is the intake's (/v1/… or /health), false otherwise (nothing sent).
   */
  async function handle(req, res, path) {
    const started = performance.now();
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://intake.invalid');
    } catch {
      send(res, 400, { error: 'bad_url', message: 'Malformed URL' });
      return true;
    }
    path ??= url.pathname;
    if (!(path === '/health' || path.startsWith('/v1/'))) return false;
    const client = clientKey(req);
    if (closed) {
      send(res, 503, { error: 'unavailable', message: 'The intake is shutting down' }, { 'retry-after': '2' });
      return true;
    }
    if (inFlightTotal >= limits.maxInFlight || flights.get(client) >= limits.concurrencyPerClient) {
      await drain(req, 65536);
      send(res, 429, { error: 'busy', message: 'Too many requests at once from this client; retry' }, { 'retry-after': '1' });
      log('warn', 'request', { method: req.method, path: path.slice(0, 64), status: 429, code: 'busy' });
      return true;
    }
    inFlightTotal++;
    flights.add(client);
    let outcome;
    try {
      outcome = await route(req, res, path, url, client);
    } catch (err) {
      log('error', 'request failed', { method: req.method, path: path.slice(0, 64), error: err.message });
      send(res, 500, { error: 'internal', message: 'Internal error' });
    } finally {
      inFlightTotal--;
      flights.done(client);
    }
    log('info', 'request', {
      method: req.method,
      path: path.startsWith('/v1/reports/')
        ? '/v1/reports/{trackingNumber}'
        : path.startsWith('/v1/subjects/')
          ? '/v1/subjects/{subject}'
          : path,
      status: res.statusCode,
      ...(typeof outcome === 'string' ? { outcome } : {}),
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    return true;
  }

  return {
    handle,
    store,
    faults,
    stats,
    limits,
    keyId: key.keyId,
    publicKey: key.jwk,
    decide,
    consentState,
    prune,
    passkeys: {
      configured: passkeys.configured,
      issueGuardianToken: passkeys.issueGuardianToken,
      credentials: passkeys.credentials,
      /** Check a guardian verdict a page passed on: the verdict, or null (forged, expired, other subject or purpose). */
      checkVerdict: (token, expect) => checkVerdictWith(createPublicKey(key.privateKey), token, expect),
    },
    /** Wait for the commits in progress, stop the prune timer and close the store. */
    async close() {
      closed = true;
      if (pruneTimer) clearInterval(pruneTimer);
      while (queue.length || flushing) await new Promise((r) => setTimeout(r, 5));
      await store.close();
    },
  };
}
