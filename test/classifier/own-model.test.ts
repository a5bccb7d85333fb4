// An operator's own model runs through the same code path as the default one: a standard
// BertForSequenceClassification of another size (hidden 32, 2 layers, 64 positions, its own labels,
// no model_max_length in its tokenizer config), in a folder whose name is outside [\w.-], loaded
// with a query string. Fixtures: test/classifier/fixtures/make-tiny-bert.mjs.
import { PrescreenClassifier, PrescreenClassifierError } from '@anquan/prescreen';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

type Requests = { origin: string; requests: string[] };
const requests = () => executeServerCommand<Requests>('aq-test-requests');

const FOLDER = '/test/classifier/fixtures/tiny bert (v2)/';
const MAP = { LABEL_0: 'safe', toxic: 'A3.e', offensive: 'A4.d' };

async function rejection(p: Promise<unknown>): Promise<PrescreenClassifierError> {
  try {
    await p;
  } catch (err) {
    return err as PrescreenClassifierError;
  }
  throw new Error('expected enable() to reject');
}

describe('an operator’s own BERT model', function () {
  this.timeout(120_000);

  it('[GBT45654-detect-input] loads through labelMap, caps inputs at max_position_embeddings and screens a long text in windows', async () => {
    await requests();
    const classifier = new PrescreenClassifier({ modelUrl: `${FOLDER}?v=2`, device: 'wasm', labelMap: MAP, warmupRuns: 1 });
    try {
      const info = await classifier.enable();
      expect(info.labels.sort()).to.deep.equal(['A3.e', 'A4.d', 'safe']);
      expect(info.unmapped).to.deep.equal([]);
      expect(info.maxTokens, 'max_position_embeddings (the tokenizer config has no model_max_length)').to.equal(64);
      expect(info.dtype).to.equal('fp32');
      expect(info.files.filter((f) => f.status === 'verified').map((f) => f.file)).to.include.members([
        'config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'onnx/model.onnx',
      ]);
      // 200 characters: past the 64 positions, which made ONNX Runtime throw before the cap.
      const long = '今天天气很好我们去公园散步看看花草树木再买一杯咖啡'.repeat(8);
      const labels = await classifier.classify(long);
      expect(labels.map((l) => l.label).sort()).to.deep.equal(['A3.e', 'A4.d', 'safe']);
      expect(labels.reduce((s, l) => s + l.score, 0)).to.be.closeTo(1, 1e-3);
      const model = (await requests()).requests.filter((u) => u.includes('/fixtures/tiny%20bert%20(v2)/'));
      expect(model.length, 'model files requested from the folder').to.be.greaterThan(3);
      for (const u of model) expect(new URL(u).search, u).to.equal('?v=2');
      expect(model.filter((u) => u.includes('/onnx/model.onnx')).length, 'the weights fetched once').to.equal(1);
    } finally {
      classifier.dispose();
    }
  });

  it('[GBT45654-detect-input] enable() rejects when none of the model’s labels maps to a risk ID', async () => {
    const classifier = new PrescreenClassifier({ modelUrl: FOLDER, device: 'wasm', warmupRuns: 1 });
    try {
      const err = await rejection(classifier.enable());
      expect(err).to.be.instanceOf(PrescreenClassifierError);
      expect(err.code).to.equal('labels');
      expect(err.message).to.include('LABEL_0').and.include('labelMap');
    } finally {
      classifier.dispose();
    }
  });

  it('warns about the labels that map to nothing and ignores their scores', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const classifier = new PrescreenClassifier({ modelUrl: FOLDER, device: 'wasm', warmupRuns: 1, labelMap: { toxic: 'A3.e' } });
    try {
      const info = await classifier.enable();
      expect(info.unmapped.sort()).to.deep.equal(['LABEL_0', 'offensive']);
      expect(warnings.join('\n')).to.include('LABEL_0').and.include('offensive');
    } finally {
      console.warn = warn;
      classifier.dispose();
    }
  });

  it('[GBT45654-detect-input] refuses a model whose file does not match the sha256 of its manifest, naming the file', async () => {
    const classifier = new PrescreenClassifier({
      modelUrl: '/test/classifier/fixtures/tiny-bert-tampered/',
      device: 'wasm',
      labelMap: MAP,
    });
    try {
      const err = await rejection(classifier.enable());
      expect(err.code).to.equal('integrity');
      expect(err.message).to.include('onnx/model.onnx').and.include('sha256');
      expect(err.files).to.deep.include({ file: 'onnx/model.onnx', status: 'hash-mismatch' });
    } finally {
      classifier.dispose();
    }
  });

  it('[GBT45654-detect-input] an engine failure with every file verified gets one fresh worker, then reports the classifier down', async () => {
    // What a WebAssembly trap in the engine looks like to the page (seen now and then in WebKitGTK:
    // "Out of bounds memory access"): here, weights ONNX Runtime cannot parse, with a matching manifest.
    const NativeWorker = window.Worker;
    let started = 0;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started++;
      }
    };
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const classifier = new PrescreenClassifier({
      modelUrl: '/test/classifier/fixtures/tiny-bert-engine-fails/',
      device: 'wasm',
      labelMap: MAP,
    });
    try {
      const err = await rejection(classifier.enable());
      expect(err.code, err.message).to.equal('load');
      expect(err.files.map((f) => f.status)).to.include('verified');
      expect(started, 'workers started: the first and one retry').to.equal(2);
      expect(warnings.filter((w) => w.includes('retrying in a new worker'))).to.have.length(1);
      expect(classifier.error).to.equal(err);
    } finally {
      window.Worker = NativeWorker;
      console.warn = warn;
      classifier.dispose();
    }
  });

  it('refuses a model folder without anquan-model.json', async () => {
    const classifier = new PrescreenClassifier({ modelUrl: '/test/classifier/fixtures/', device: 'wasm', labelMap: MAP });
    try {
      const err = await rejection(classifier.enable());
      expect(err.code).to.equal('manifest');
      expect(err.message).to.include('anquan-model.json').and.include('anquan-model-manifest');
    } finally {
      classifier.dispose();
    }
  });
});
