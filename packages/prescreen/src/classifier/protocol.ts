// Messages between PrescreenClassifier (page, @anquan/prescreen) and the classifier's module worker
// (@anquan/classifier). This is the one source: packages/classifier/src/protocol.ts is generated from
// it by scripts/gen-packaging.mjs (`--check` in CI and test/classifier/package.node.test.mjs).

export type ClassifierDevice = 'wasm' | 'webgpu';

export interface InitMessage {
  type: 'init';
  /** Absolute URL of the model folder, ending in `/`; a query string is kept on every file. */
  modelUrl: string;
  /**
   * Absolute URL of the onnxruntime-web binary this worker build loads: `ort-wasm-simd-threaded.wasm`
   * (classifier.worker.js, WASM only) or `ort-wasm-simd-threaded.asyncify.wasm`
   * (classifier.webgpu.worker.js, WebGPU and WASM).
   */
  wasmUrl: string;
  device: 'auto' | ClassifierDevice;
  /** transformers.js dtype override (default: q8 when the manifest lists `onnx/model_quantized.onnx`, else fp32). */
  dtype?: string;
  /** Warm-up runs per candidate device for `device: 'auto'`. */
  warmupRuns: number;
  /** Window sizes in tokens (each screened with a stride of half its size); capped at the model's length. */
  windowTokens?: number[];
  /**
   * Model files another worker of this page already fetched (`device: 'auto'` hands the WASM
   * worker's files to the WebGPU one, so nothing is downloaded twice); each is still checked against
   * the manifest's SHA-256 before use.
   */
  preloaded?: Record<string, ArrayBuffer>;
}

export interface ClassifyMessage {
  type: 'classify';
  id: number;
  text: string;
}

/** `files`: the worker answers with a copy of every model file it verified (FromWorker `files`). */
export type ToWorker = InitMessage | ClassifyMessage | { type: 'dispose' } | { type: 'files' };

/** One file the worker looked for in the model folder, and what became of it. */
export interface ModelFileStatus {
  file: string;
  status: 'verified' | 'not-in-manifest' | 'missing' | 'hash-mismatch';
}

export interface ReadyMessage {
  type: 'ready';
  device: ClassifierDevice;
  /** Median warm-up time per device measured (ms); only the devices tried. */
  timings: Partial<Record<ClassifierDevice, number>>;
  /** Why a device was not tried or failed. */
  skipped: Partial<Record<ClassifierDevice, string>>;
  /** The model's own labels (`config.json` `id2label`), unmapped. */
  labels: string[];
  /** The dtype loaded (one file, shared by every device tried). */
  dtype: string;
  /** The longest input one pass takes: min(`max_position_embeddings`, `model_max_length`). */
  maxTokens: number;
  /** The window sizes used, in tokens. */
  windowTokens: number[];
  /** Per-label refusal thresholds shipped with the model (`config.json` `anquan.thresholds`, chosen on a dev split), unmapped; {} when none. */
  thresholds: Record<string, number>;
  /** Refusal threshold on the summed scores of every non-`safe` label (`anquan.riskTotalThreshold`); null when none. */
  riskTotal: number | null;
  /** Every model file the worker looked for (each fetched at most once). */
  files: ModelFileStatus[];
}

/** Why loading failed: `manifest` (missing or invalid anquan-model.json), `integrity` (a hash differs), `load` (anything else). */
export type LoadErrorCode = 'manifest' | 'integrity' | 'load';

export type FromWorker =
  | ReadyMessage
  /** One label distribution per window screened (the page keeps the most severe). */
  | { type: 'result'; id: number; windows: { label: string; score: number }[][] }
  /** The verified model files (copies), by path in the model folder. */
  | { type: 'files'; files: Record<string, ArrayBuffer> }
  /**
   * `retryable`: the engine itself failed while every file was fetched and verified (e.g. a
   * WebAssembly trap such as "Out of bounds memory access", seen now and then in WebKitGTK): a fresh
   * worker, with a fresh WebAssembly instance, may succeed, so the page starts one more.
   */
  | { type: 'error'; id?: number; message: string; code?: LoadErrorCode; files?: ModelFileStatus[]; retryable?: boolean };
