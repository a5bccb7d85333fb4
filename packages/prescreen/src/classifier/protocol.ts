// Messages between PrescreenClassifier (page) and its module worker.

export type ClassifierDevice = 'wasm' | 'webgpu';

export interface InitMessage {
  type: 'init';
  /** Folder that holds the model folder, absolute URL ending in `/` (transformers.js `env.localModelPath`). */
  modelBase: string;
  /** The model folder's name inside `modelBase`. */
  modelId: string;
  /** Absolute URL prefix of the onnxruntime-web files (ending in `/`), or the URL of the `.wasm` itself. */
  wasmPaths: string;
  device: 'auto' | ClassifierDevice;
  /** transformers.js dtype override (default: q8 on WASM, fp32 on WebGPU). */
  dtype?: string;
  /** Warm-up runs per candidate device for `device: 'auto'`. */
  warmupRuns: number;
}

export interface ClassifyMessage {
  type: 'classify';
  id: number;
  text: string;
}

export type ToWorker = InitMessage | ClassifyMessage | { type: 'dispose' };

export interface ReadyMessage {
  type: 'ready';
  device: ClassifierDevice;
  /** Median warm-up time per device measured (ms); only the devices tried. */
  timings: Partial<Record<ClassifierDevice, number>>;
  /** Why a device was not tried or failed. */
  skipped: Partial<Record<ClassifierDevice, string>>;
  labels: string[];
}

export type FromWorker =
  | ReadyMessage
  | { type: 'result'; id: number; labels: { label: string; score: number }[] }
  | { type: 'error'; id?: number; message: string };
