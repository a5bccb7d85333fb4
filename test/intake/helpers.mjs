// Shared by the intake's Node suites: serve an intake on a loopback port, build envelopes and
// correctly chained ledger records (the same hashes as @anquan/core's Ledger), and POST them.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { intakeHandler, ledgerHash } from '@anquan/intake';

export async function serve(intake) {
  const server = createServer(intakeHandler(intake));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    server,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

let n = 0;
export const envelope = (kind, payload, extra = {}) => ({
  id: `t-${process.pid}-${Date.now().toString(36)}-${++n}`,
  kind,
  createdAt: new Date().toISOString(),
  sdkVersion: '0.1.0',
  profile: 'cn',
  payload,
  ...extra,
});

export const report = (payload = { category: 'A1.g', description: 'false claims' }, extra) => envelope('report', payload, extra);

/** A device's chain of one ledger, appending records as @anquan/core's Ledger does. */
export function device(subject, ledger = 'consent', chain = randomUUID()) {
  let prev = '';
  let seq = 0;
  return {
    chain,
    subject,
    /** The next record as an envelope (not yet "appended": call commit() once it is accepted, or use next()). */
    make(type, data, at = new Date()) {
      const r = { ledger, chain, ...(subject ? { subject } : {}), seq, time: at.toISOString(), type, data, prevHash: prev };
      r.hash = ledgerHash(r);
      return envelope('ledger-record', r, {
        id: `lg-${chain}-${seq}`,
        ...(subject ? { subject } : {}),
        chainHead: { ledger, chain, seq, hash: r.hash },
      });
    },
    next(type, data, at) {
      const e = this.make(type, data, at);
      prev = e.payload.hash;
      seq++;
      return e;
    },
  };
}

export const post = (base, path, body, headers = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': body.id, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const PATHS = {
  report: '/v1/reports',
  'ledger-record': '/v1/ledger-records',
  'minor-mode-event': '/v1/minor-mode-events',
  'prescreen-decision': '/v1/prescreen-decisions',
  'unlabelled-copy': '/v1/unlabelled-copies',
};
export const send = (base, body, headers) => post(base, PATHS[body.kind], body, headers);
