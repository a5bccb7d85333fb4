// HTTP plumbing of the intake: JSON answers, bounded body reading that always answers (a 413 is sent
// after the rest of the body is drained, so the client reads it instead of a reset), client keys,
// per-client token buckets and in-flight counters.

/** Send a JSON answer (no-store). */
export function send(res, status, body, headers = {}) {
  if (res.headersSent || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(text);
}

/**
 * Read the request body into one Buffer, at most `limit` bytes. Resolves { body } or
 * { tooLarge: true } once the rest of an oversized body has been read and thrown away (at most
 * `drainLimit` bytes or `drainMs`; past either the connection is closed). An already-read body
 * (`req.body` as a Buffer or string, or `req.rawBody`, set by a framework's body parser) is used
 * as it is.
 */
export function readBody(req, limit, { drainLimit = 64 * 1024 * 1024, drainMs = 10_000 } = {}) {
  const pre = req.rawBody ?? req.body;
  if (Buffer.isBuffer(pre) || typeof pre === 'string') {
    const buf = Buffer.isBuffer(pre) ? pre : Buffer.from(pre);
    return Promise.resolve(buf.length > limit ? { tooLarge: true } : { body: buf });
  }
  if (pre && typeof pre === 'object' && req.readableEnded) {
    const buf = Buffer.from(JSON.stringify(pre));
    return Promise.resolve(buf.length > limit ? { tooLarge: true } : { body: buf });
  }
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (declared > drainLimit) {
      resolve({ tooLarge: true, close: true });
      return;
    }
    const chunks = [];
    let size = 0;
    let over = false;
    let timer;
    const finish = (v) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      resolve(v);
    };
    const onData = (c) => {
      size += c.length;
      if (over) {
        if (size > drainLimit) finish({ tooLarge: true, close: true });
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
        timer = setTimeout(() => finish({ tooLarge: true, close: true }), drainMs);
        timer.unref?.();
      } else chunks.push(c);
    };
    const onEnd = () => finish(over ? { tooLarge: true } : { body: Buffer.concat(chunks, size) });
    const onError = () => finish({ aborted: true });
    if (declared > limit) {
      over = true;
      timer = setTimeout(() => finish({ tooLarge: true, close: true }), drainMs);
      timer.unref?.();
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Read and discard what is left of a request body (bounded), so an early answer reaches the client. */
export async function drain(req, limit) {
  if (req.readableEnded || req.complete) return true;
  const r = await readBody(req, 0, { drainLimit: limit, drainMs: 5000 });
  return !r.close;
}

/** A token bucket per key: `take(key)` → 0 when allowed, else the seconds to wait. */
export function rateLimiter({ perSecond, burst }) {
  const buckets = new Map();
  let sweep = Date.now();
  return {
    take(key, cost = 1) {
      if (!perSecond) return 0;
      const now = Date.now();
      if (now - sweep > 60_000) {
        sweep = now;
        for (const [k, b] of buckets) if (now - b.at > 60_000) buckets.delete(k);
      }
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = { tokens: burst, at: now }));
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
      b.at = now;
      if (b.tokens >= cost) {
        b.tokens -= cost;
        return 0;
      }
      return Math.max(1, Math.ceil((cost - b.tokens) / perSecond));
    },
  };
}

/** In-flight counters per key. */
export function inFlight() {
  const n = new Map();
  return {
    get: (key) => n.get(key) ?? 0,
    add(key) {
      n.set(key, (n.get(key) ?? 0) + 1);
    },
    done(key) {
      const v = (n.get(key) ?? 1) - 1;
      if (v <= 0) n.delete(key);
      else n.set(key, v);
    },
  };
}
