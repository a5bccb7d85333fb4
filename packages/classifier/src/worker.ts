// The classifier's module worker (@anquan/classifier). The build bundles transformers.js's web build
// and onnxruntime-web into this one file (dist/classifier.worker.js, no import left), so the page
// needs no bundler to start it and the ML code is a separate download, fetched only on enable.
//
// Everything is local: transformers.js never sees a real URL. Its every request for a model file goes
// through `env.fetch` here, which maps it into the host's model folder (`modelUrl`, query string kept),
// checks it against the SHA-256 listed in the folder's `anquan-model.json`, and keeps the verified
// bytes in memory, so `device: 'auto'` loads each file once for every device it measures.
import * as transformers from '@huggingface/transformers';
import type { ClassifierDevice, FromWorker, InitMessage, LoadErrorCode, ModelFileStatus, ToWorker } from './protocol.js';

type Labels = { label: string; score: number }[];
interface Pipe {
  (texts: string[], options: { top_k: number }): Promise<Labels[]>;
  dispose?: () => Promise<void>;
  model: {
    config: {
      id2label?: Record<string, string>;
      max_position_embeddings?: number;
      anquan?: { windowTokens?: unknown; thresholds?: unknown; riskTotalThreshold?: unknown };
    };
  };
  tokenizer: {
    model_max_length: number;
    _tokenizerConfig: { model_max_length?: number };
    encode(text: string, options: { add_special_tokens: boolean }): number[];
    decode(ids: number[], options: { skip_special_tokens: boolean }): string;
  };
}

interface TransformersModule {
  env: {
    allowRemoteModels: boolean;
    allowLocalModels: boolean;
    remoteHost: string;
    remotePathTemplate: string;
    useBrowserCache: boolean;
    useWasmCache?: boolean;
    fetch: (input: string | URL, init?: RequestInit) => Promise<Response>;
    backends: { onnx: { wasm?: { wasmPaths?: unknown; proxy?: boolean; numThreads?: number } } };
  };
  pipeline(
    task: 'text-classification',
    model: string,
    options: { device: ClassifierDevice; dtype?: string; session_options?: Record<string, unknown> },
  ): Promise<Pipe>;
}

const t = transformers as unknown as TransformersModule;

const scope = globalThis as unknown as {
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<ToWorker>) => void): void;
  navigator: Navigator & { gpu?: { requestAdapter(): Promise<unknown | null> } };
  fetch: typeof fetch;
};

/** transformers.js asks for `${HOST}${ID}/<file>`; env.fetch below serves it from the host's folder. */
const HOST = 'https://anquan-model.invalid/';
const ID = 'model';
export const MANIFEST = 'anquan-model.json';

class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
    /** The engine failed, not a file: a fresh worker may succeed (FromWorker `retryable`). */
    readonly retryable = false,
  ) {
    super(message);
  }
}

let pipe: Pipe | null = null;
/** The verified model files of this worker, by path in the model folder (FromWorker `files`). */
let verifiedFiles = new Map<string, Promise<ArrayBuffer | null>>();
let windowSizes: number[] = [];
let labelCount = 1;
let queue: Promise<unknown> = Promise.resolve();

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SAMPLE = '这是一个用来测量速度的句子 a sentence to measure speed';

async function sha256(buf: ArrayBuffer): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The URL of `file` inside the model folder, with the folder URL's query string. */
function fileUrl(modelUrl: string, file: string): string {
  const base = new URL(modelUrl);
  const u = new URL(file.split('/').map(encodeURIComponent).join('/'), base);
  u.search = base.search;
  return u.href;
}

async function loadManifest(modelUrl: string): Promise<Record<string, { sha256: string }>> {
  const url = fileUrl(modelUrl, MANIFEST);
  let res: Response;
  try {
    res = await scope.fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw new LoadError('manifest', `could not fetch ${url}: ${(err as Error).message}`);
  }
  if (!res.ok) {
    throw new LoadError(
      'manifest',
      `the model folder has no ${MANIFEST} (${url}: HTTP ${res.status}); write it with \`npx anquan-model-manifest <model folder>\``,
    );
  }
  let json: { files?: Record<string, { sha256?: unknown }> };
  try {
    json = await res.json();
  } catch {
    throw new LoadError('manifest', `${url} is not JSON`);
  }
  const files = json?.files;
  if (!files || typeof files !== 'object') throw new LoadError('manifest', `${url} has no "files" object`);
  for (const [name, f] of Object.entries(files)) {
    if (typeof f?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256))
      throw new LoadError('manifest', `${url}: "${name}" has no valid sha256`);
  }
  return files as Record<string, { sha256: string }>;
}

/** Model files, verified, kept for the worker's life (shared by every device `auto` tries). */
function modelFetch(
  modelUrl: string,
  manifest: Record<string, { sha256: string }>,
  files: ModelFileStatus[],
  failures: LoadError[],
  preloaded: Record<string, ArrayBuffer> = {},
) {
  const verified = new Map<string, Promise<ArrayBuffer | null>>();
  verifiedFiles = verified;
  const note = (file: string, status: ModelFileStatus['status']) => {
    if (!files.some((f) => f.file === file && f.status === status)) files.push({ file, status });
  };
  const get = (file: string): Promise<ArrayBuffer | null> => {
    let p = verified.get(file);
    if (!p) {
      p = (async () => {
        const entry = manifest[file];
        if (!entry) {
          note(file, 'not-in-manifest');
          return null;
        }
        const url = fileUrl(modelUrl, file);
        let buf = preloaded[file];
        if (!buf) {
          const res = await scope.fetch(url, { credentials: 'same-origin' });
          if (!res.ok) {
            note(file, 'missing');
            const e = new LoadError('load', `${file} is listed in ${MANIFEST} but ${url} answered HTTP ${res.status}`);
            failures.push(e);
            throw e;
          }
          buf = await res.arrayBuffer();
        }
        const hash = await sha256(buf);
        if (hash !== entry.sha256) {
          note(file, 'hash-mismatch');
          const e = new LoadError('integrity', `${file} does not match ${MANIFEST}: sha256 ${hash}, expected ${entry.sha256} (${url})`);
          failures.push(e);
          throw e;
        }
        note(file, 'verified');
        return buf;
      })();
      verified.set(file, p);
    }
    return p;
  };
  const passThrough = scope.fetch.bind(scope);
  return async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const href = String(input);
    if (!href.startsWith(`${HOST}${ID}/`)) return passThrough(input, init);
    const file = decodeURIComponent(href.slice(HOST.length + ID.length + 1).split('?')[0]);
    const buf = await get(file);
    if (!buf) return new Response(null, { status: 404, statusText: 'Not Found' });
    return new Response(buf.slice(0), { status: 200, headers: { 'content-length': String(buf.byteLength) } });
  };
}

function defaultDtype(manifest: Record<string, unknown>, device: 'auto' | ClassifierDevice): string {
  const q8 = 'onnx/model_quantized.onnx' in manifest;
  const fp32 = 'onnx/model.onnx' in manifest;
  if (device === 'webgpu') return fp32 ? 'fp32' : q8 ? 'q8' : 'fp32';
  return q8 ? 'q8' : fp32 ? 'fp32' : 'q8';
}

/** The file transformers.js loads for a dtype (for the error that names what was looked for). */
const DTYPE_FILE: Record<string, string> = {
  q8: 'onnx/model_quantized.onnx',
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  int8: 'onnx/model_int8.onnx',
  uint8: 'onnx/model_uint8.onnx',
  q4: 'onnx/model_q4.onnx',
  q4f16: 'onnx/model_q4f16.onnx',
  bnb4: 'onnx/model_bnb4.onnx',
};

/** Split `text` into overlapping token windows of each size (stride: half the size), as text. */
function windows(p: Pipe, text: string): string[][] {
  const ids = p.tokenizer.encode(text, { add_special_tokens: false });
  return windowSizes.map((size) => {
    if (ids.length <= size) return [text];
    const stride = Math.max(1, Math.floor(size / 2));
    const out: string[] = [];
    for (let start = 0; ; start += stride) {
      const end = Math.min(ids.length, start + size);
      out.push(p.tokenizer.decode(ids.slice(start, end), { skip_special_tokens: true }));
      if (end >= ids.length) break;
    }
    return out;
  });
}

const BATCH = 32;

async function classifyWindows(p: Pipe, text: string): Promise<Labels[]> {
  const result: Labels[] = [];
  const seen = new Set<string>();
  for (const group of windows(p, text)) {
    const texts = group.filter((w) => !seen.has(w) && (seen.add(w), true));
    for (let i = 0; i < texts.length; i += BATCH) result.push(...(await p(texts.slice(i, i + BATCH), { top_k: labelCount })));
  }
  return result;
}

async function init(m: InitMessage): Promise<void> {
  const files: ModelFileStatus[] = [];
  const failures: LoadError[] = [];
  try {
    await load(m, files, failures);
  } catch (err) {
    const cause = failures[0] ?? err;
    const code = cause instanceof LoadError ? cause.code : 'load';
    const message = cause instanceof Error ? cause.message : String(cause);
    // Not one of ours (an ONNX Runtime or WebAssembly error) or ours saying the engine failed.
    const retryable = cause instanceof LoadError ? cause.retryable : true;
    throw Object.assign(new Error(message), { code, files, retryable });
  }
}

async function load(m: InitMessage, files: ModelFileStatus[], failures: LoadError[]): Promise<void> {
  const manifest = await loadManifest(m.modelUrl);
  t.env.allowLocalModels = false;
  t.env.allowRemoteModels = true;
  t.env.remoteHost = HOST;
  t.env.remotePathTemplate = '{model}/';
  t.env.useBrowserCache = false;
  t.env.useWasmCache = false;
  t.env.fetch = modelFetch(m.modelUrl, manifest, files, failures, m.preloaded);
  const wasm = t.env.backends.onnx.wasm;
  if (wasm) {
    // onnxruntime-web's WebGPU bundle embeds its WASM loader: only the binary comes from the host.
    wasm.wasmPaths = { wasm: m.wasmUrl };
    wasm.proxy = false;
    wasm.numThreads = 1;
  }
  const dtype = m.dtype ?? defaultDtype(manifest, m.device);
  const weights = DTYPE_FILE[dtype];
  if (weights && !(weights in manifest)) {
    files.push({ file: weights, status: 'not-in-manifest' });
    throw new LoadError(
      'load',
      `dtype ${dtype} needs ${weights}, which ${MANIFEST} does not list (it lists ${Object.keys(manifest).join(', ')})`,
    );
  }
  const candidates: ClassifierDevice[] = m.device === 'auto' ? ['wasm', 'webgpu'] : [m.device];
  const timings: Partial<Record<ClassifierDevice, number>> = {};
  const skipped: Partial<Record<ClassifierDevice, string>> = {};
  let best: { device: ClassifierDevice; fn: Pipe; ms: number } | null = null;
  let engineFailed = false;
  for (const device of candidates) {
    if (device === 'webgpu') {
      const adapter = scope.navigator.gpu ? await scope.navigator.gpu.requestAdapter().catch(() => null) : null;
      if (!adapter) {
        skipped.webgpu = 'no WebGPU adapter';
        if (m.device === 'webgpu') throw new LoadError('load', 'WebGPU was requested but no adapter is available');
        continue;
      }
    }
    try {
      // One dtype for every device tried: the same (verified, in-memory) file serves both.
      // `disable_quant_qdq`: ONNX Runtime then folds each DequantizeLinear of a constant weight (the
      // embedding tables of a model quantised by train.py) into an fp32 initializer once, at session
      // creation, instead of dequantising it on every run; the integer MatMuls are not affected.
      const fn = await t.pipeline('text-classification', ID, {
        device,
        dtype,
        session_options: { extra: { session: { disable_quant_qdq: '1' } } },
      });
      await fn([SAMPLE], { top_k: 1 });
      const runs: number[] = [];
      for (let i = 0; i < Math.max(1, m.warmupRuns); i++) {
        const start = performance.now();
        await fn([SAMPLE], { top_k: 1 });
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
      if (failures.length || candidates.length === 1) throw err;
      skipped[device] = err instanceof Error ? err.message : String(err);
      engineFailed = true;
    }
  }
  if (!best) throw new LoadError('load', `no device could run the model: ${JSON.stringify(skipped)}`, engineFailed);
  const p = best.fn;
  // The longest input one pass takes: the position table, whatever the tokenizer config says.
  const positions = p.model.config.max_position_embeddings;
  const fromTokenizer = p.tokenizer._tokenizerConfig.model_max_length;
  const maxTokens = Math.min(
    typeof positions === 'number' && positions > 0 ? positions : 512,
    typeof fromTokenizer === 'number' && fromTokenizer > 0 ? fromTokenizer : Number.POSITIVE_INFINITY,
  );
  p.tokenizer._tokenizerConfig.model_max_length = maxTokens;
  const inner = maxTokens - 2; // [CLS] … [SEP]
  const wanted = m.windowTokens ?? (Array.isArray(p.model.config.anquan?.windowTokens) ? p.model.config.anquan.windowTokens : null);
  const sizes = (wanted ?? [inner, 16]).filter((n): n is number => typeof n === 'number' && n >= 4).map((n) => Math.min(inner, n));
  windowSizes = [...new Set(sizes.length ? sizes : [inner])].sort((a, b) => b - a);
  const labels = Object.values(p.model.config.id2label ?? {});
  labelCount = Math.max(1, labels.length);
  const thresholds: Record<string, number> = {};
  const shipped = p.model.config.anquan?.thresholds;
  if (shipped && typeof shipped === 'object')
    for (const [label, t] of Object.entries(shipped as Record<string, unknown>))
      if (typeof t === 'number' && t > 0 && t <= 1 && labels.includes(label)) thresholds[label] = t;
  const total = p.model.config.anquan?.riskTotalThreshold;
  const riskTotal = typeof total === 'number' && total > 0 && total <= 1 ? total : null;
  pipe = p;
  scope.postMessage({
    type: 'ready',
    device: best.device,
    timings,
    skipped,
    labels: [...labels].sort(),
    dtype,
    maxTokens,
    windowTokens: windowSizes,
    thresholds,
    riskTotal,
    files,
  });
}

scope.addEventListener('message', (e) => {
  const m = e.data;
  queue = queue.then(async () => {
    try {
      if (m.type === 'init') await init(m);
      else if (m.type === 'classify') {
        if (!pipe) throw new Error('the classifier is not initialised');
        scope.postMessage({ type: 'result', id: m.id, windows: await classifyWindows(pipe, m.text) });
      } else if (m.type === 'files') {
        const out: Record<string, ArrayBuffer> = {};
        for (const [file, p] of verifiedFiles) {
          const buf = await p.catch(() => null);
          if (buf) out[file] = buf.slice(0);
        }
        scope.postMessage({ type: 'files', files: out }, Object.values(out));
      } else if (m.type === 'dispose') {
        await pipe?.dispose?.();
        pipe = null;
      }
    } catch (err) {
      const e = err as Error & { code?: LoadErrorCode; files?: ModelFileStatus[] };
      scope.postMessage({
        type: 'error',
        id: m.type === 'classify' ? m.id : undefined,
        message: e instanceof Error ? e.message : String(err),
        ...(e?.code ? { code: e.code } : {}),
        ...(e?.files ? { files: e.files } : {}),
        ...(m.type === 'init' && (e as { retryable?: boolean })?.retryable ? { retryable: true } : {}),
      });
    }
  });
});
