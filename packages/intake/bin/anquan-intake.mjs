#!/usr/bin/env node
// anquan-intake: run the intake as its own process.
//   anquan-intake --sqlite ./intake.db [--port 8787] [--host 127.0.0.1] [--prefix /aq-intake]
//   anquan-intake --postgres postgres://user@127.0.0.1:5432/db
//   anquan-intake --memory            (tests and demos only: forgets everything on restart)
// Options: --no-group-commit (one commit per request), --synchronous FULL|NORMAL, --log info|warn|error,
// --rate N (records per second per client, 0 = off), --concurrency N (per client).
// The operator token comes from AQ_OPERATOR_TOKEN. Logs are JSON lines on stderr; the first line on
// stdout is {"listening": "http://host:port"}. SIGTERM and SIGINT finish the commits in progress.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createIntake } from '../src/intake.mjs';

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    postgres: { type: 'string' },
    memory: { type: 'boolean' },
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    prefix: { type: 'string', default: '' },
    'no-group-commit': { type: 'boolean' },
    synchronous: { type: 'string', default: 'FULL' },
    log: { type: 'string', default: 'info' },
    rate: { type: 'string' },
    concurrency: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log('anquan-intake --sqlite FILE | --postgres URL | --memory [--port 8787] [--host 127.0.0.1] [--prefix /aq-intake]');
  process.exit(0);
}
let intake;
try {
  intake = await createIntake({
    ...(values.sqlite ? { sqlite: { path: values.sqlite, synchronous: values.synchronous } } : {}),
    ...(values.postgres ? { postgres: values.postgres } : {}),
    memory: values.memory === true,
    groupCommit: !values['no-group-commit'],
    operatorToken: process.env.AQ_OPERATOR_TOKEN,
    logLevel: values.log,
    limits: {
      ...(values.rate !== undefined ? { perSecond: Number(values.rate) } : {}),
      ...(values.concurrency !== undefined ? { concurrencyPerClient: Number(values.concurrency) } : {}),
    },
  });
} catch (err) {
  console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'intake did not start', error: err.message }));
  process.exit(2);
}
const prefix = values.prefix.replace(/\/$/, '');
const server = createServer(async (req, res) => {
  const url = req.url ?? '/';
  const path = prefix ? (url.startsWith(`${prefix}/`) ? url.slice(prefix.length).split('?')[0] : null) : undefined;
  if (path === null || !(await intake.handle(req, res, path))) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not_found","message":"No such route"}');
  }
});
server.keepAliveTimeout = 30_000;
server.listen(Number(values.port), values.host, () => {
  const { port } = server.address();
  console.log(JSON.stringify({ listening: `http://${values.host}:${port}`, store: intake.store.kind, pid: process.pid }));
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeIdleConnections?.();
  await intake.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
