// PrescreenClassifier: a transformers.js text-classification pipeline in a module Web Worker, fully
// offline (model and onnxruntime-web files from the host's own server). Nothing of transformers.js
// loads until `enable()` (or the first `classify()`): the worker imports it dynamically.
import type { ClassifierDevice, FromWorker, ReadyMessage, ToWorker } from './protocol.js';

export type { ClassifierDevice } from './protocol.js';

export interface PrescreenClassifierOptions {
  /**
   * Folder of a Hugging Face text-classification model exported to ONNX (config.json,
   * tokenizer.json, tokenizer_config.json, onnx/model.onnx, onnx/model_quantized.onnx), on the
   * host's own server. Default: the package's own small model (`@anquan/prescreen/model/`).
   * Labels should be taxonomy risk IDs or `safe`; map others with `labelMap`.
   */
  modelUrl?: string | URL;
  /** URL prefix (ending in `/`) of the onnxruntime-web `.wasm`/`.mjs` files. Default `/node_modules/onnxruntime-web/dist/`. */
  wasmPaths?: string | URL;
  /** `auto` (default): measure WASM and, when an adapter exists, WebGPU, and keep the faster. */
  device?: 'auto' | ClassifierDevice;
  /** transformers.js dtype (default: q8 on WASM, fp32 on WebGPU). */
  dtype?: string;
  /** Timed warm-up runs per device in `auto` (default 5; the median decides). */
  warmupRuns?: number;
  /** The worker script (default: `classifier.worker.js` next to this module). Bundlers may need it. */
  workerUrl?: string | URL;
  /** Maps model labels to taxonomy risk IDs or `safe` (for drop-in models with their own labels). */
  labelMap?: Record<string, string>;
}

/** What `enable()` resolves to. */
export interface ClassifierInfo {
  device: ClassifierDevice;
  timings: ReadyMessage['timings'];
  skipped: ReadyMessage['skipped'];
  labels: string[];
}

function base(): string {
  const loc = (globalThis as { location?: { href: string } }).location;
  return loc?.href ?? import.meta.url;
}

/**
 * An in-browser text classifier for pre-screening. Use it as the `classifier` of a
 * `PrescreenPolicy`.
 *
 * ```ts
 * const classifier = new PrescreenClassifier({ wasmPaths: '/assets/ort/' });
 * await classifier.enable(); // loads transformers.js, the model and the runtime, in a worker
 * await classifier.classify('…'); // [{ label: 'A1.h', score: 0.97 }, { label: 'safe', … }, …]
 * ```
 */
export class PrescreenClassifier {
  private readonly options: PrescreenClassifierOptions;
  private worker: Worker | null = null;
  private ready: Promise<ClassifierInfo> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (l: { label: string; score: number }[]) => void; reject: (e: Error) => void }>();
  /** Set once enabled. */
  info: ClassifierInfo | null = null;

  constructor(options: PrescreenClassifierOptions = {}) {
    this.options = options;
  }


  /** True once `enable()` was called. */
  get enabled(): boolean {
    return this.ready !== null;
  }

  /** Start the worker, load transformers.js and the model, pick the device. Safe to call many times. */
  enable(): Promise<ClassifierInfo> {
    this.ready ??= new Promise<ClassifierInfo>((resolve, reject) => {
      const o = this.options;
      // Next to this module: `.ts` when served from source (dev server), `.js` once built.
      const ext = import.meta.url.split('?')[0].endsWith('.ts') ? '.ts' : '.js';
      const workerUrl = o.workerUrl ?? new URL(`./classifier.worker${ext}`, import.meta.url);
      const model = new URL(String(o.modelUrl ?? new URL('../../model/', import.meta.url)), base());
      const path = model.href.endsWith('/') ? model.href.slice(0, -1) : model.href;
      const cut = path.lastIndexOf('/');
      const worker = new Worker(trustedWorkerUrl(new URL(String(workerUrl), base()).href), { type: 'module', name: 'aq-prescreen-classifier' });
      this.worker = worker;
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (m.type === 'ready') {
          this.info = { device: m.device, timings: m.timings, skipped: m.skipped, labels: m.labels.map((l) => this.mapLabel(l)) };
          resolve(this.info);
        } else if (m.type === 'result') {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.resolve(m.labels.map((l) => ({ label: this.mapLabel(l.label), score: l.score })));
        } else if (m.type === 'error') {
          const err = new Error(`[anquan] prescreen classifier: ${m.message}`);
          if (m.id === undefined) reject(err);
          else {
            this.pending.get(m.id)?.reject(err);
            this.pending.delete(m.id);
          }
        }
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        const err = new Error(`[anquan] prescreen classifier worker failed: ${e.message || 'could not load the worker'}`);
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      };
      const init: ToWorker = {
        type: 'init',
        modelBase: `${path.slice(0, cut + 1)}`,
        modelId: path.slice(cut + 1),
        wasmPaths: new URL(String(o.wasmPaths ?? '/node_modules/onnxruntime-web/dist/'), base()).href,
        device: o.device ?? 'auto',
        warmupRuns: o.warmupRuns ?? 5,
        ...(o.dtype ? { dtype: o.dtype } : {}),
      };
      worker.postMessage(init);
    });
    return this.ready;
  }

  private mapLabel(label: string): string {
    return this.options.labelMap?.[label] ?? label;
  }

  /** Every label with its score, best first. Enables the classifier on first use. */
  async classify(text: string): Promise<{ label: string; score: number }[]> {
    await this.enable();
    const worker = this.worker;
    if (!worker) throw new Error('[anquan] prescreen classifier: disposed');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'classify', id, text } satisfies ToWorker);
    });
  }

  /** Stop the worker; a later `enable()` starts a new one. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.info = null;
    for (const p of this.pending.values()) p.reject(new Error('[anquan] prescreen classifier: disposed'));
    this.pending.clear();
  }
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
