// Adapters: the same intake behind a Node `http` handler, Connect/Express middleware, Koa
// middleware, a Fastify plugin and a Vite plugin (development server and preview). Each takes the
// intake's options (the intake is created on first use) or an intake made with createIntake().
// If the intake cannot start (no durable store), every request gets 503 `unavailable` and the error
// is logged: it never answers 2xx without storage.

import { send } from './http.mjs';
import { createIntake } from './intake.mjs';

function lazy(source) {
  if (source && typeof source.handle === 'function') return () => Promise.resolve(source);
  let p = null;
  return () => {
    p ??= Promise.resolve(source && typeof source.then === 'function' ? source : createIntake(source ?? {})).catch((err) => {
      process.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'intake did not start', error: err.message })}\n`,
      );
      throw err;
    });
    return p;
  };
}

async function answer(get, req, res, path) {
  let intake;
  try {
    intake = await get();
  } catch (err) {
    send(
      res,
      503,
      { error: 'unavailable', message: `The intake has no durable storage: ${err.message.split('\n')[0]}` },
      { 'retry-after': '30' },
    );
    return true;
  }
  return intake.handle(req, res, path);
}

function strip(url, prefix) {
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  if (!prefix) return pathname;
  if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return null;
  return pathname.slice(prefix.length) || '/';
}

/**
 * A Node `http` request listener: `http.createServer(intakeHandler({ sqlite: 'intake.db' }))`.
 * Paths outside the intake get 404.
 * @param {object} [source] intake options or an intake
 * @param {{ prefix?: string }} [mount]
 */
export function intakeHandler(source, { prefix = '' } = {}) {
  const get = lazy(source);
  const handler = async (req, res) => {
    const path = strip(req.url ?? '/', prefix);
    if (path === null || !(await answer(get, req, res, path))) send(res, 404, { error: 'not_found', message: 'No such route' });
  };
  handler.intake = get;
  return handler;
}

/**
 * Connect/Express middleware: `app.use('/aq-intake', intakeMiddleware(options))` (the mount path is
 * stripped by the framework), or `app.use(intakeMiddleware(options, { prefix: '/aq-intake' }))`.
 * Mount it before any JSON body parser (or let the parser keep the raw body as `req.rawBody`).
 */
export function intakeMiddleware(source, { prefix = '' } = {}) {
  const get = lazy(source);
  const mw = (req, res, next) => {
    const path = strip(req.url ?? '/', prefix);
    if (path === null) return next();
    answer(get, req, res, path).then(
      (handled) => handled || next(),
      (err) => next(err),
    );
  };
  mw.intake = get;
  return mw;
}

/** Koa middleware: `app.use(intakeKoa(options, { prefix: '/aq-intake' }))`. */
export function intakeKoa(source, { prefix = '/aq-intake' } = {}) {
  const get = lazy(source);
  const mw = async (ctx, next) => {
    const path = strip(ctx.url, prefix);
    if (path === null || !(path === '/health' || path.startsWith('/v1/'))) return next();
    ctx.respond = false;
    await answer(get, ctx.req, ctx.res, path);
  };
  mw.intake = get;
  return mw;
}

/**
 * Fastify plugin: `fastify.register(intakeFastify, { prefix: '/aq-intake', intake: { sqlite: 'intake.db' } })`.
 * The plugin reads request bodies itself (its own content-type parser, in its own encapsulated context).
 */
export async function intakeFastify(fastify, opts = {}) {
  const get = lazy(opts.intake ?? opts.options ?? {});
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_req, _payload, done) => done(null));
  const handler = async (request, reply) => {
    reply.hijack();
    const path = `/${request.params['*'] ?? ''}`;
    if (!(await answer(get, request.raw, reply.raw, path))) send(reply.raw, 404, { error: 'not_found', message: 'No such route' });
  };
  fastify.route({ method: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'], url: '/*', handler });
  fastify.addHook('onClose', async () => {
    try {
      await (await get()).close();
    } catch {}
  });
}

/**
 * Vite plugin for development (`vite` and `vite preview`): serves the intake at `prefix`
 * (default `/aq-intake`) on the dev server's origin, so `configure({ endpoint: '/aq-intake' })` works.
 */
export function intakeVite(source, { prefix = '/aq-intake' } = {}) {
  let mw;
  const mount = (server) => {
    mw ??= intakeMiddleware(source);
    server.middlewares.use(prefix, mw);
  };
  return {
    name: 'anquan-intake',
    configureServer: mount,
    configurePreviewServer: mount,
    async buildEnd() {},
    get intake() {
      return mw?.intake;
    },
  };
}
