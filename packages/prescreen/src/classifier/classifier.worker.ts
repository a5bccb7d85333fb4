// The classifier's module worker. transformers.js is imported here only, and only on `init`, so
// nothing of it loads until the host enables the classifier. Everything is local: remote models are
// off, the model and the onnxruntime-web files come from the host's own server.
import type { ClassifierDevice, FromWorker, InitMessage, ToWorker } from './protocol.js';

type Labels = { label: string; score: number }[];
type Classify = ((text: string, options: { top_k: number }) => Promise<Labels>) & { dispose?: () => Promise<void> };

interface TransformersModule {
  env: {
    allowRemoteModels: boolean;
    allowLocalModels: boolean;
    localModelPath: string;
    remoteHost: string;
    remotePathTemplate: string;
    useBrowserCache: boolean;
    useWasmCache?: boolean;
    backends: { onnx: { wasm?: { wasmPaths?: unknown; proxy?: boolean; numThreads?: number } } };
  };
  pipeline(task: 'text-classification', model: string, options: { device: ClassifierDevice; dtype?: string }): Promise<Classify>;
}

const scope = globalThis as unknown as {
  postMessage(m: FromWorker): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<ToWorker>) => void): void;
  location: { href: string };
  navigator: Navigator & { gpu?: { requestAdapter(): Promise<unknown | null> } };
};

let classify: Classify | null = null;
let labelCount = 1;
let queue: Promise<unknown> = Promise.resolve();

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SAMPLE = '这是一个用来测量速度的句子 a sentence to measure speed';

async function init(m: InitMessage): Promise<void> {
  const t = (await import('@huggingface/transformers')) as unknown as TransformersModule;
  // transformers.js treats an http(s) localModelPath as "not local": same-origin models are given
  // as a path; a model on another host (the provider's CDN) goes through remoteHost instead.
  const modelBase = new URL(m.modelBase);
  const sameOrigin = modelBase.origin === new URL(scope.location.href).origin;
  t.env.allowLocalModels = sameOrigin;
  t.env.allowRemoteModels = !sameOrigin;
  if (sameOrigin) t.env.localModelPath = modelBase.pathname;
  else {
    t.env.remoteHost = `${modelBase.origin}/`;
    t.env.remotePathTemplate = `${modelBase.pathname.slice(1)}{model}/`;
  }
  t.env.useBrowserCache = false;
  t.env.useWasmCache = false;
  const wasm = t.env.backends.onnx.wasm;
  if (wasm) {
    // transformers.js imports onnxruntime-web's WebGPU bundle, which embeds the WASM loader: point
    // only the binary at our server (a string prefix would import the separate loader .mjs).
    wasm.wasmPaths = { wasm: m.wasmPaths.endsWith('.wasm') ? m.wasmPaths : `${m.wasmPaths}ort-wasm-simd-threaded.asyncify.wasm` };
    wasm.proxy = false;
    wasm.numThreads = 1;
  }
  const candidates: ClassifierDevice[] = m.device === 'auto' ? ['wasm', 'webgpu'] : [m.device];
  const timings: Partial<Record<ClassifierDevice, number>> = {};
  const skipped: Partial<Record<ClassifierDevice, string>> = {};
  let best: { device: ClassifierDevice; fn: Classify; ms: number } | null = null;
  for (const device of candidates) {
    if (device === 'webgpu') {
      const adapter = scope.navigator.gpu ? await scope.navigator.gpu.requestAdapter().catch(() => null) : null;
      if (!adapter) {
        skipped.webgpu = 'no WebGPU adapter';
        if (m.device === 'webgpu') throw new Error('WebGPU was requested but no adapter is available');
        continue;
      }
    }
    try {
      const fn = await t.pipeline('text-classification', m.modelId, { device, ...(m.dtype ? { dtype: m.dtype } : {}) });
      await fn(SAMPLE, { top_k: 1 });
      const runs: number[] = [];
      for (let i = 0; i < Math.max(1, m.warmupRuns); i++) {
        const start = performance.now();
        await fn(SAMPLE, { top_k: 1 });
        runs.push(performance.now() - start);
      }
      const ms = median(runs);
      timings[device] = ms;
      if (!best || ms < best.ms) {
        await best?.fn.dispose?.();
        best = { device, fn, ms };
      } else {
        await fn.dispose?.();
      }
    } catch (err) {
      skipped[device] = err instanceof Error ? err.message : String(err);
      if (candidates.length === 1) throw err;
    }
  }
  if (!best) throw new Error(`no device could run the model: ${JSON.stringify(skipped)}`);
  classify = best.fn;
  const all = await classify(SAMPLE, { top_k: 1000 });
  labelCount = all.length;
  scope.postMessage({ type: 'ready', device: best.device, timings, skipped, labels: all.map((l) => l.label).sort() });
}

scope.addEventListener('message', (e) => {
  const m = e.data;
  queue = queue.then(async () => {
    try {
      if (m.type === 'init') await init(m);
      else if (m.type === 'classify') {
        if (!classify) throw new Error('the classifier is not initialised');
        const labels = await classify(m.text, { top_k: labelCount });
        scope.postMessage({ type: 'result', id: m.id, labels: Array.isArray(labels) ? labels : [labels] });
      } else if (m.type === 'dispose') {
        await classify?.dispose?.();
        classify = null;
      }
    } catch (err) {
      scope.postMessage({ type: 'error', id: m.type === 'classify' ? m.id : undefined, message: err instanceof Error ? err.message : String(err) });
    }
  });
});
