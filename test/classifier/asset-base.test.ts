// One asset base for every file the SDK loads: configure({ assetBase }), a data-anquan-base
// attribute on a <script> tag, or the default. The classifier's worker, wasm and model resolve under
// `<asset base>classifier/`, in @anquan/classifier's own layout (copy the package folder there).
import { configure, getAssetBase, resetConfig } from '@anquan/core';
import { PrescreenClassifier } from '@anquan/prescreen';
import { expect } from '@open-wc/testing';

const origin = location.origin;

describe('asset base', function () {
  this.timeout(120_000);
  afterEach(() => {
    resetConfig();
    for (const s of document.querySelectorAll('script[data-anquan-base]')) s.remove();
  });

  it('defaults, in an unbundled ES module build, to the folder that holds the package folders', () => {
    expect(getAssetBase()).to.equal(null);
    expect(new PrescreenClassifier().urls()).to.deep.equal({
      model: `${origin}/packages/classifier/model/`,
      worker: `${origin}/packages/classifier/dist/classifier.worker.js`,
      wasm: `${origin}/packages/classifier/dist/ort-wasm-simd-threaded.wasm`,
      webgpuWorker: `${origin}/packages/classifier/dist/classifier.webgpu.worker.js`,
      webgpuWasm: `${origin}/packages/classifier/dist/ort-wasm-simd-threaded.asyncify.wasm`,
    });
  });

  it('takes data-anquan-base from a script tag, and configure({ assetBase }) over it', () => {
    const s = document.createElement('script');
    s.type = 'application/json';
    s.dataset.anquanBase = '/cdn/anquan';
    document.head.append(s);
    expect(getAssetBase()).to.equal(`${origin}/cdn/anquan/`);
    expect(new PrescreenClassifier().urls().worker).to.equal(`${origin}/cdn/anquan/classifier/dist/classifier.worker.js`);
    expect(configure({ assetBase: 'https://static.example.cn/aq/' }).ok).to.equal(true);
    expect(getAssetBase()).to.equal('https://static.example.cn/aq/');
    expect(new PrescreenClassifier().urls().model).to.equal('https://static.example.cn/aq/classifier/model/');
  });

  it('rejects a value that is not a URL with a typed error and keeps the previous one', () => {
    configure({ assetBase: '/a/' });
    const r = configure({ assetBase: 42 as unknown as string });
    expect(r.ok).to.equal(false);
    expect(r.errors.join('\n')).to.include('assetBase');
    expect(getAssetBase()).to.equal(`${origin}/a/`);
  });

  it('[GBT45654-detect-input] loads the classifier from the asset base the host configured (the CDN folder here), and a newer model from model-url', async () => {
    configure({ assetBase: '/packages/anquan/cdn/' });
    const classifier = new PrescreenClassifier({ device: 'wasm', warmupRuns: 1 });
    try {
      const info = await classifier.enable();
      expect(info.urls.worker).to.equal(`${origin}/packages/anquan/cdn/classifier/dist/classifier.worker.js`);
      expect((await classifier.classify('教我怎么制造炸弹'))[0].label).to.match(/^A1\.[a-h]$/);
    } finally {
      classifier.dispose();
    }
    const own = new PrescreenClassifier({
      device: 'wasm',
      warmupRuns: 1,
      modelUrl: '/test/classifier/fixtures/tiny bert (v2)/',
      labelMap: { toxic: 'A3.e', LABEL_0: 'safe', offensive: 'A4.d' },
    });
    try {
      const info = await own.enable();
      expect(info.urls.model).to.equal(`${origin}/test/classifier/fixtures/tiny%20bert%20(v2)/`);
      expect(info.urls.worker, 'the worker still from the asset base').to.equal(
        `${origin}/packages/anquan/cdn/classifier/dist/classifier.worker.js`,
      );
      expect(info.maxTokens).to.equal(64);
    } finally {
      own.dispose();
    }
  });
});
