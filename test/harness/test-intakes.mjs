// The intakes the browser tests talk to, mounted in web-test-runner's dev server (Koa middleware):
// `/aq-intake/…` is one shared intake (memory), and `/aq-test-intake/<ns>/…` gives each test its own
// (memory; SQLite in memory when the namespace starts with `sqlite-`), made with @anquan/intake.
// Test-only routes on a test intake: `__faults` (POST JSON: failNext, failRate, status, code,
// retryAfter, delayMs, dropAfterStore, dropRate, missing (the routes 404 as if not deployed); answers the faults with the injected and dropped counts), `__received`
// (GET the stored records), `__posts` (GET every idempotency key of a valid record POSTed, repeats
// included) and `__decision/<trackingNumber>` (POST { status, decision }: the operator action).
// A namespace starting with `passkey-` has guardian passkeys for the page's own origin (rpID its
// host name), and `__guardian-token` (POST { subject }) plays the host's server after it verified
// the guardian: it answers a one-time guardian token.
import { createIntake, intakeKoa } from '@anquan/intake';

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export function testIntakesMiddleware({ prefix = '/aq-intake' } = {}) {
  const main = intakeKoa(
    { memory: true, operatorToken: process.env.AQ_OPERATOR_TOKEN, limits: { perSecond: 0 }, pruneEveryMs: 0 },
    { prefix },
  );
  const tests = new Map();
  const open = (ns, ctx) => {
    if (!tests.has(ns)) {
      const posts = [];
      const intake = createIntake({
        memory: true,
        ...(ns.startsWith('sqlite-') ? { sqlite: ':memory:' } : {}),
        limits: { perSecond: 0 },
        pruneEveryMs: 0,
        onRecord: (key) => posts.push(key),
        ...(ns.startsWith('passkey-')
          ? { passkeys: { rpID: ctx.hostname, origin: ctx.origin, rpName: 'Anquan tests' }, logLevel: 'error' }
          : {}),
      }).then((i) => Object.assign(i, { posts }));
      tests.set(ns, intake);
    }
    return tests.get(ns);
  };
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/aq-test-intake/')) return main(ctx, next);
    const [ns, ...rest] = ctx.path.slice('/aq-test-intake/'.length).split('/');
    const intake = await open(ns, ctx);
    const path = `/${rest.join('/')}`;
    // `missing: true`: the endpoint is not deployed; the dev server answers its own 404.
    if (intake.faults.missing && !path.startsWith('/__')) return next();
    if (path === '/__faults' && ctx.method === 'POST') {
      Object.assign(intake.faults, await readJson(ctx.req));
      ctx.body = intake.faults;
      return;
    }
    if (path === '/__received') {
      ctx.body = (await intake.store.records({ limit: 100_000 })).map(({ seq: _s, deliveries: _d, ...r }) => r);
      return;
    }
    if (path === '/__guardian-token' && ctx.method === 'POST') {
      ctx.body = { token: await intake.passkeys.issueGuardianToken((await readJson(ctx.req)).subject) };
      return;
    }
    if (path === '/__posts') {
      ctx.body = intake.posts;
      return;
    }
    if (path.startsWith('/__decision/') && ctx.method === 'POST') {
      const result = await intake.decide(decodeURIComponent(path.slice('/__decision/'.length)), await readJson(ctx.req));
      ctx.status = result === null ? 404 : typeof result === 'string' ? 400 : 200;
      ctx.body = result === null ? { error: 'not_found' } : typeof result === 'string' ? { error: 'invalid', message: result } : result;
      return;
    }
    ctx.respond = false;
    const handled = await intake.handle(ctx.req, ctx.res, path);
    if (!handled) {
      ctx.res.writeHead(404, { 'content-type': 'application/json' });
      ctx.res.end(JSON.stringify({ error: 'not_found', message: `No route ${path}` }));
    }
  };
}
