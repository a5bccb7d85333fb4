// PrescreenClassifier: a transformers.js text-classification pipeline in a module Web Worker, fully
// offline. The worker, onnxruntime-web's WASM binary and the default model are the separate package
// @anquan/classifier, served by the host from its asset base (`configure({ assetBase })`); this
// module holds none of it, so nothing of the ML runtime loads until `enable()` (or the first
// `classify()`).
import { getAssetBase } from '@anquan/core/config-state';
import { isRiskId } from '@anquan/core/taxonomy';
import type { ClassifierDevice, FromWorker, LoadErrorCode, ModelFileStatus, ReadyMessage, ToWorker } from './protocol.js';

export type { ClassifierDevice, ModelFileStatus } from './protocol.js';

export interface PrescreenClassifierOptions {
  /**
   * Folder of a Hugging Face text-classification model exported to ONNX (config.json,
   * tokenizer.json, onnx/model_quantized.onnx and/or onnx/model.onnx) with its `anquan-model.json`
   * manifest (SHA-256 of every file), on the host's own server. A query string (`?v=2`) is kept on
   * every file. Default: `<asset base>classifier/model/` (the default model of @anquan/classifier).
   * Labels should be taxonomy risk IDs or `safe`; map others with `labelMap`.
   */
  modelUrl?: string | URL;
  /** URL of onnxruntime-web's `ort-wasm-simd-threaded.wasm` (the WASM worker's binary). Default: `<asset base>classifier/dist/`. */
  wasmUrl?: string | URL;
  /** The WASM worker script. Default: `<asset base>classifier/dist/classifier.worker.js`. */
  workerUrl?: string | URL;
  /** URL of `ort-wasm-simd-threaded.asyncify.wasm` (the WebGPU worker's binary). Default: `<asset base>classifier/dist/`. */
  webgpuWasmUrl?: string | URL;
  /** The WebGPU worker script. Default: `<asset base>classifier/dist/classifier.webgpu.worker.js`. */
  webgpuWorkerUrl?: string | URL;
  /**
   * `auto` (default): WASM, and when the page has a WebGPU adapter also WebGPU (in its own worker,
   * given the WASM worker's verified files: one download); the faster is kept.
   */
  device?: 'auto' | ClassifierDevice;
  /** transformers.js dtype (default: q8 when the model has `onnx/model_quantized.onnx`, else fp32; fp32 first on WebGPU). */
  dtype?: string;
  /** Timed warm-up runs per device in `auto` (default 5; the median decides). */
  warmupRuns?: number;
  /** Maps model labels to taxonomy risk IDs or `safe` (for drop-in models with their own labels). */
  labelMap?: Record<string, string>;
  /**
   * Window sizes in tokens: the text is screened in overlapping windows of each size (stride half
   * the size) and the most severe window decides. Default: the model's `config.json`
   * `anquan.windowTokens`, else [the model's length, 16]. Capped at `max_position_embeddings`.
   */
  windowTokens?: number[];
}

/** What `enable()` resolves to. */
export interface ClassifierInfo {
  device: ClassifierDevice;
  timings: ReadyMessage['timings'];
  skipped: ReadyMessage['skipped'];
  /** The labels as the policy sees them (after `labelMap`). */
  labels: string[];
  /** The model's labels that are neither a risk ID nor `safe` after `labelMap` (ignored; a warning was logged). */
  unmapped: string[];
  dtype: string;
  maxTokens: number;
  windowTokens: number[];
  /**
   * Refusal threshold per risk ID (after `labelMap`), shipped with the model (`config.json`
   * `anquan.thresholds`, chosen on the corpus' dev split); {} when the model ships none.
   * `PrescreenPolicy` uses them unless `classifierRefuse` is set.
   */
  thresholds: Record<string, number>;
  /**
   * Refusal threshold on the summed scores of the risk labels (`anquan.riskTotalThreshold`): refuses,
   * naming the top risk, when the model's mass is split over near risks; null when none shipped.
   */
  riskTotal: number | null;
  /** Every model file looked for, and whether it was verified against the manifest. */
  files: ModelFileStatus[];
  /** The model folder, worker and wasm URLs used. */
  urls: { model: string; worker: string; wasm: string };
}

/** Every URL the classifier may use: the model folder, and the worker and binary of each build. */
export interface ClassifierUrls {
  model: string;
  worker: string;
  wasm: string;
  webgpuWorker: string;
  webgpuWasm: string;
}

/** Why the classifier could not load or run: see `code`. */
export type ClassifierErrorCode = 'worker' | LoadErrorCode | 'labels' | 'inference' | 'disposed';

/** The error `enable()` rejects with and `classify()` rejects with when the classifier is down. */
export class PrescreenClassifierError extends Error {
  readonly code: ClassifierErrorCode;
  readonly files: ModelFileStatus[];
  constructor(code: ClassifierErrorCode, message: string, files: ModelFileStatus[] = []) {
    super(`[anquan] prescreen classifier: ${message}`);
    this.name = 'PrescreenClassifierError';
    this.code = code;
    this.files = files;
  }
}

function docBase(): string {
  const g = globalThis as { document?: { baseURI: string }; location?: { href: string } };
  return g.document?.baseURI ?? g.location?.href ?? import.meta.url;
}

/** The default asset base of an unbundled ES module build: the folder holding the package folders. */
const PACKAGES_UP = '../../../';
/**
 * This module's URL, read apart from `new URL()`: webpack 5 takes `new URL(x, import.meta.url)` for
 * an asset reference and warns "Critical dependency: the request of a dependency is an expression"
 * when `x` is not a literal (the consumer build `webpack` fails on any warning).
 */
const HERE: string = import.meta.url;

/** `<asset base>classifier/` */
export function classifierAssetBase(): string {
  return new URL('classifier/', getAssetBase(new URL(PACKAGES_UP, HERE)) ?? undefined).href;
}

function folderUrl(u: string | URL): string {
  const url = new URL(String(u), docBase());
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * An in-browser text classifier for pre-screening. Use it as the `classifier` of a
 * `PrescreenPolicy`.
 *
 * ```ts
 * const classifier = new PrescreenClassifier({ modelUrl: '/models/aq-prescreen/' });
 * await classifier.enable(); // starts the worker: runtime, wasm and model, each file checked
 * await classifier.classify('…'); // [{ label: 'A1.h', score: 0.97 }, { label: 'safe', … }, …]
 * ```
 */
/** Workers `enable()` starts before it reports the classifier down (engine failures only, FromWorker `retryable`). */
const LOAD_ATTEMPTS = 2;

export class PrescreenClassifier {
  private readonly options: PrescreenClassifierOptions;
  private worker: Worker | null = null;
  /** Workers still loading (terminated by `dispose()`). */
  private readonly loading = new Map<Worker, () => void>();
  /** Bumped by `dispose()`: a load that finishes after it is thrown away. */
  private generation = 0;
  private ready: Promise<ClassifierInfo> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (w: { label: string; score: number }[][]) => void; reject: (e: Error) => void }>();
  /** Set once enabled. */
  info: ClassifierInfo | null = null;
  /** The error that took the classifier down (load or inference), or null. */
  error: PrescreenClassifierError | null = null;

  constructor(options: PrescreenClassifierOptions = {}) {
    this.options = options;
  }

  /** True once `enable()` was called. */
  get enabled(): boolean {
    return this.ready !== null;
  }

  /** The URLs `enable()` uses (options, else the asset base). */
  urls(): ClassifierUrls {
    const o = this.options;
    const base = o.workerUrl && o.wasmUrl && o.webgpuWorkerUrl && o.webgpuWasmUrl && o.modelUrl ? '' : classifierAssetBase();
    const at = (u: string | URL | undefined, file: string) => new URL(String(u ?? new URL(file, base)), docBase()).href;
    return {
      model: folderUrl(o.modelUrl ?? new URL('model/', base)),
      worker: at(o.workerUrl, 'dist/classifier.worker.js'),
      wasm: at(o.wasmUrl, 'dist/ort-wasm-simd-threaded.wasm'),
      webgpuWorker: at(o.webgpuWorkerUrl, 'dist/classifier.webgpu.worker.js'),
      webgpuWasm: at(o.webgpuWasmUrl, 'dist/ort-wasm-simd-threaded.asyncify.wasm'),
    };
  }

  /** One worker of `build`, loaded for `device`: resolves once it is ready (one retry on an engine failure). */
  private launch(
    build: ClassifierDevice,
    device: ClassifierDevice,
    preloaded?: Record<string, ArrayBuffer>,
    dtype = this.options.dtype,
  ): Promise<{ worker: Worker; ready: ReadyMessage; workerUrl: string; wasmUrl: string }> {
    const o = this.options;
    const urls = this.urls();
    const workerUrl = build === 'wasm' ? urls.worker : urls.webgpuWorker;
    const wasmUrl = build === 'wasm' ? urls.wasm : urls.webgpuWasm;
    return new Promise((resolve, reject) => {
      const start = (attempt: number): void => {
        let worker: Worker;
        try {
          worker = new Worker(trustedWorkerUrl(workerUrl), { type: 'module', name: 'aq-prescreen-classifier' });
        } catch (err) {
          reject(new PrescreenClassifierError('worker', `could not start the worker ${workerUrl}: ${(err as Error).message}`));
          return;
        }
        this.loading.set(worker, () => reject(new PrescreenClassifierError('disposed', 'disposed')));
        const done = () => {
          this.loading.delete(worker);
          worker.onmessage = null;
          worker.onerror = null;
        };
        worker.onmessage = (e: MessageEvent<FromWorker>) => {
          const m = e.data;
          if (m.type === 'ready') {
            done();
            resolve({ worker, ready: m, workerUrl, wasmUrl });
          } else if (m.type === 'error' && m.id === undefined) {
            done();
            worker.terminate();
            if (m.retryable && attempt < LOAD_ATTEMPTS) {
              // The engine failed with every file verified: one more try in a fresh worker (a fresh
              // WebAssembly instance) before the classifier is reported down.
              console.warn(`[anquan] prescreen classifier: ${m.message}; retrying in a new worker`);
              start(attempt + 1);
            } else reject(new PrescreenClassifierError(m.code ?? 'load', `${m.message} (model ${urls.model})`, m.files));
          }
        };
        worker.onerror = (e) => {
          e.preventDefault?.();
          done();
          worker.terminate();
          reject(new PrescreenClassifierError('worker', `the worker ${workerUrl} failed: ${e.message || 'it could not be loaded'}`));
        };
        const init: ToWorker = {
          type: 'init',
          modelUrl: urls.model,
          wasmUrl,
          device,
          warmupRuns: o.warmupRuns ?? 5,
          ...(dtype ? { dtype } : {}),
          ...(o.windowTokens ? { windowTokens: o.windowTokens } : {}),
          // a copy per attempt: a transferred buffer is gone from this side
          ...(preloaded ? { preloaded: Object.fromEntries(Object.entries(preloaded).map(([f, b]) => [f, b.slice(0)])) } : {}),
        };
        worker.postMessage(init, init.preloaded ? Object.values(init.preloaded) : []);
      };
      start(1);
    });
  }

  /**
   * Start the worker, load the model (every file checked against its manifest) and pick the
   * device. Rejects with a `PrescreenClassifierError` when it cannot load, or when none of the
   * model's labels is a risk ID (directly or through `labelMap`). Safe to call many times.
   */
  enable(): Promise<ClassifierInfo> {
    this.ready ??= this.load().catch((err: unknown) => {
      const e =
        err instanceof PrescreenClassifierError
          ? err
          : new PrescreenClassifierError('load', err instanceof Error ? err.message : String(err));
      this.error = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      throw e;
    });
    return this.ready;
  }

  private async load(): Promise<ClassifierInfo> {
    const generation = this.generation;
    const device = this.options.device ?? 'auto';
    let chosen = await this.launch(device === 'webgpu' ? 'webgpu' : 'wasm', device === 'webgpu' ? 'webgpu' : 'wasm');
    const timings = { ...chosen.ready.timings };
    const skipped = { ...chosen.ready.skipped };
    const files = [...chosen.ready.files];
    if (device === 'auto' && generation === this.generation) {
      const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown | null> } } }).navigator?.gpu;
      const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
      if (!adapter) skipped.webgpu = 'no WebGPU adapter';
      else {
        try {
          // the same weights file (the dtype the WASM worker loaded), handed over: one download
          const other = await this.launch('webgpu', 'webgpu', await verifiedFiles(chosen.worker), chosen.ready.dtype);
          Object.assign(timings, other.ready.timings);
          for (const f of other.ready.files) if (!files.some((g) => g.file === f.file && g.status === f.status)) files.push(f);
          if ((other.ready.timings.webgpu ?? Number.POSITIVE_INFINITY) < (chosen.ready.timings.wasm ?? Number.POSITIVE_INFINITY)) {
            chosen.worker.terminate();
            chosen = other;
          } else other.worker.terminate();
        } catch (err) {
          skipped.webgpu = err instanceof Error ? err.message.replace(/^\[anquan\] prescreen classifier: /, '') : String(err);
        }
      }
    }
    const { worker, ready: m } = chosen;
    if (generation !== this.generation) {
      worker.terminate();
      throw new PrescreenClassifierError('disposed', 'disposed');
    }
    const labels = m.labels.map((l) => this.mapLabel(l));
    const unmapped = m.labels.filter((l) => {
      const to = this.mapLabel(l);
      return to !== 'safe' && !isRiskId(to);
    });
    if (!labels.some((l) => isRiskId(l))) {
      worker.terminate();
      throw new PrescreenClassifierError(
        'labels',
        `none of the model's labels (${m.labels.join(', ')}) is a risk ID of the taxonomy, directly or through labelMap; ` +
          'map them with labelMap (e.g. { "toxic": "A3.e", "LABEL_0": "safe" }) or train the model on risk IDs',
        m.files,
      );
    }
    if (unmapped.length)
      console.warn(
        `[anquan] prescreen classifier: the model's labels ${unmapped.join(', ')} are neither "safe" nor a risk ID (after labelMap); their scores are ignored`,
      );
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (this.worker !== worker) return;
      const r = e.data;
      if (r.type === 'result') {
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        p?.resolve(r.windows);
      } else if (r.type === 'error' && r.id !== undefined) {
        const err = new PrescreenClassifierError('inference', r.message);
        this.error = err;
        this.pending.get(r.id)?.reject(err);
        this.pending.delete(r.id);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (this.worker !== worker) return;
      const err = new PrescreenClassifierError('inference', `the worker ${chosen.workerUrl} failed: ${e.message || 'it stopped'}`);
      this.error = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    const urls = this.urls();
    this.info = {
      device: m.device,
      timings,
      skipped,
      labels,
      unmapped,
      dtype: m.dtype,
      maxTokens: m.maxTokens,
      windowTokens: m.windowTokens,
      thresholds: Object.fromEntries(
        Object.entries(m.thresholds ?? {})
          .map(([l, t]) => [this.mapLabel(l), t] as const)
          .filter(([l]) => isRiskId(l)),
      ),
      riskTotal: m.riskTotal ?? null,
      files,
      urls: { model: urls.model, worker: chosen.workerUrl, wasm: chosen.wasmUrl },
    };
    return this.info;
  }

  private mapLabel(label: string): string {
    return this.options.labelMap?.[label] ?? label;
  }

  /**
   * Every label with its score, best first, for the most severe window of the text (the window
   * whose best risk label scores highest: max over windows, never an average). Enables the
   * classifier on first use; rejects with a `PrescreenClassifierError` when it is down.
   */
  async classify(text: string): Promise<{ label: string; score: number }[]> {
    await this.enable();
    const worker = this.worker;
    if (!worker) throw new PrescreenClassifierError('disposed', 'disposed');
    const id = this.nextId++;
    const windows = await new Promise<{ label: string; score: number }[][]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'classify', id, text } satisfies ToWorker);
    });
    let best: { label: string; score: number }[] = [];
    let worst = -1;
    for (const w of windows) {
      const mapped = w.map((l) => ({ label: this.mapLabel(l.label), score: l.score }));
      const severity = Math.max(0, ...mapped.filter((l) => isRiskId(l.label)).map((l) => l.score));
      if (severity > worst) {
        worst = severity;
        best = mapped;
      }
    }
    if (!best.length) throw new PrescreenClassifierError('inference', 'the worker returned no scores');
    this.error = null;
    return best.sort((a, b) => b.score - a.score);
  }

  /** Stop the worker; a later `enable()` starts a new one. */
  dispose(): void {
    this.generation++;
    this.worker?.terminate();
    this.worker = null;
    const loading = [...this.loading];
    this.loading.clear();
    for (const [w, cancel] of loading) {
      w.terminate();
      cancel();
    }
    this.ready = null;
    this.info = null;
    this.error = null;
    for (const p of this.pending.values()) p.reject(new PrescreenClassifierError('disposed', 'disposed'));
    this.pending.clear();
  }
}

/** A copy of every model file `worker` verified (for the next worker: nothing downloaded twice). */
function verifiedFiles(worker: Worker): Promise<Record<string, ArrayBuffer>> {
  return new Promise((resolve) => {
    const previous = worker.onmessage;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type !== 'files') return;
      worker.onmessage = previous;
      resolve(e.data.files);
    };
    worker.postMessage({ type: 'files' } satisfies ToWorker);
  });
}

type TrustedTypesFactory = {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): { createScriptURL(input: string): unknown };
};
let workerPolicy: { createScriptURL(input: string): unknown } | null = null;

/**
 * `new Worker(url)` is a Trusted Types sink: under `require-trusted-types-for 'script'` it needs a
 * TrustedScriptURL. The policy `anquan-classifier` passes only the worker URL the classifier itself
 * resolved (the package's worker or the host's `workerUrl`); a host whose CSP lists allowed policy
 * names (`trusted-types …`) adds `anquan-classifier`.
 */
function trustedWorkerUrl(href: string): string {
  const tt = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!tt) return href;
  workerPolicy ??= tt.createPolicy('anquan-classifier', {
    createScriptURL: (input: string) => {
      if (!/^(https?:|blob:)/.test(input)) throw new TypeError(`[anquan] classifier: refusing worker URL ${input}`);
      return input;
    },
  });
  return workerPolicy.createScriptURL(href) as string;
}
