// The shipped classifier, in Node, for the evaluation CLI: the same `PrescreenClassifier` (page side)
// and the same built worker (`@anquan/classifier`'s dist/classifier.worker.js: transformers.js web
// build + onnxruntime-web's WASM binary), so the figures are those of the code that ships, not of a
// re-implementation on another runtime.
//
// - The worker runs in a `worker_threads` Worker behind a small Web Worker adapter (`globalThis.Worker`
//   for `PrescreenClassifier`): `postMessage`/`onmessage` both ways, messages queued until the worker
//   module has loaded. `process` is hidden from it so that transformers.js and onnxruntime-web take
//   their web paths (device `wasm`, the binary fetched by URL) as in a browser.
// - The model folder and the worker's files are served by a local HTTP server on 127.0.0.1 (the
//   worker fetches and hash-checks them as in a page).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { Worker as ThreadWorker } from 'node:worker_threads';

const TYPES = { '.wasm': 'application/wasm', '.json': 'application/json', '.js': 'text/javascript' };

/** Serve `folders` (`{ prefix: dir }`) on 127.0.0.1; resolves to `{ url(prefix), close() }`. */
async function serve(folders) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [, prefix, ...rest] = path.split('/');
    const dir = folders[prefix];
    const file = dir ? normalize(join(dir, ...rest)) : null;
    if (!file?.startsWith(normalize(dir) + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/`;
  return {
    url: (prefix) => `${base}${prefix}/`,
    // keep-alive connections of the worker's fetch would hold close() (and the process) open
    close: () =>
      new Promise((r) => {
        server.close(r);
        server.closeAllConnections();
      }),
  };
}

/** A Web Worker (module) over a worker thread running `script` (a file path), enough for `PrescreenClassifier`. */
function workerClass(script) {
  return class NodeWebWorker {
    onmessage = null;
    onerror = null;
    constructor() {
      const bootstrap = `
        const { parentPort } = require('node:worker_threads');
        const listeners = [];
        let loaded = false;
        const early = [];
        globalThis.self = globalThis;
        globalThis.process = undefined;
        globalThis.addEventListener = (type, fn) => { if (type === 'message') listeners.push(fn); };
        globalThis.postMessage = (m, transfer) => parentPort.postMessage(m, transfer);
        const deliver = (data) => { for (const fn of listeners) fn({ data }); };
        parentPort.on('message', (data) => (loaded ? deliver(data) : early.push(data)));
        import(${JSON.stringify(script)}).then(
          () => { loaded = true; early.splice(0).forEach(deliver); },
          (err) => parentPort.postMessage({ type: 'error', message: 'the worker could not load: ' + (err && err.message) }),
        );`;
      this.thread = new ThreadWorker(bootstrap, { eval: true });
      this.thread.on('message', (data) => this.onmessage?.({ data }));
      this.thread.on('error', (err) => this.onerror?.({ message: err.message, preventDefault() {} }));
    }
    postMessage(message, transfer) {
      this.thread.postMessage(message, transfer);
    }
    terminate() {
      void this.thread.terminate();
    }
  };
}

/**
 * A started `PrescreenClassifier` over `modelDir` with the worker of `classifierDir` (the
 * @anquan/classifier package folder), on WASM. Resolves to `{ classifier, info, close() }`.
 */
export async function nodeClassifier({ PrescreenClassifier, modelDir, classifierDir, windowTokens }) {
  const server = await serve({ model: modelDir, dist: join(classifierDir, 'dist') });
  const workerFile = join(classifierDir, 'dist', 'classifier.worker.js');
  const previous = globalThis.Worker;
  globalThis.Worker = workerClass(workerFile);
  const classifier = new PrescreenClassifier({
    modelUrl: server.url('model'),
    workerUrl: `${server.url('dist')}classifier.worker.js`,
    wasmUrl: `${server.url('dist')}ort-wasm-simd-threaded.wasm`,
    webgpuWorkerUrl: `${server.url('dist')}classifier.worker.js`,
    webgpuWasmUrl: `${server.url('dist')}ort-wasm-simd-threaded.wasm`,
    device: 'wasm',
    warmupRuns: 1,
    ...(windowTokens ? { windowTokens } : {}),
  });
  const close = async () => {
    classifier.dispose();
    globalThis.Worker = previous;
    await server.close();
  };
  try {
    return { classifier, info: await classifier.enable(), close };
  } catch (err) {
    await close();
    throw err;
  }
}
