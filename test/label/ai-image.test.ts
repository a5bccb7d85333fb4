import '@anquan/label/register';
import { configure, resetConfig } from '@anquan/core';
import { burnInImageLabel } from '@anquan/label';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { expectAccessible, expectCspClean, screenshotPixels, whiteRows } from '../harness/index.js';
import { captureErrors, part, settle, solidPng } from './helpers.js';
import type { AqAiImage } from './local.js';

/**
 * The label's glyph height as Chromium drew it (white rows in a screenshot of the label box, in CSS px) over the
 * rendered image's shortest side: what a viewer sees, not a box or a font size.
 */
async function labelRatio(el: AqAiImage): Promise<number> {
  const img = el.querySelector('img')!.getBoundingClientRect();
  const shot = await screenshotPixels(part(el, 'label')!.getBoundingClientRect());
  return whiteRows(shot) / shot.scale / Math.min(img.width, img.height);
}

function expectOnImage(el: AqAiImage): void {
  const img = el.querySelector('img')!.getBoundingClientRect();
  const label = part(el, 'label')!.getBoundingClientRect();
  expect(label.left).to.be.at.least(img.left - 0.5);
  expect(label.right).to.be.at.most(img.right + 0.5);
  expect(label.top).to.be.at.least(img.top - 0.5);
  expect(label.bottom).to.be.at.most(img.bottom + 0.5);
}

let url = '';
before(async () => {
  url = URL.createObjectURL(await solidPng(800, 600));
});

async function imageFixture(width: number, height: number, attrs = '') {
  const host = await fixture(html`<div lang="zh-CN"></div>`);
  host.innerHTML = `<aq-ai-image ${attrs}><img alt="生成的风景图" src="${url}" style="width:${width}px;height:${height}px"></aq-ai-image>`;
  const el = host.querySelector('aq-ai-image') as AqAiImage;
  await el.querySelector('img')!.decode();
  await settle(el);
  return { host, el };
}

describe('<aq-ai-image>', () => {
  afterEach(() => resetConfig());

  for (const [w, h] of [
    [120, 90],
    [400, 300],
    [300, 700],
    [1000, 640],
  ] as const) {
    it(`[GB45438-5.2-image] the drawn glyphs are at least 5% of the shortest side at ${w}×${h} (screenshot)`, async () => {
      const { el } = await imageFixture(w, h);
      expect(await labelRatio(el)).to.be.at.least(0.05);
      expectOnImage(el);
      expect(part(el, 'text')!.textContent).to.equal('AI生成');
    });
  }

  it('[GB45438-5.2-image] the size check fails for a font size of exactly 5% (the measurement discriminates)', async () => {
    const { el } = await imageFixture(500, 400);
    expect(await labelRatio(el)).to.be.at.least(0.05);
    // A font size of 5% of the shortest side, as the old em-box sizing rendered it: its glyphs are below 5%.
    // Settled first: an update still pending (the ResizeObserver's) would re-render the label's own size over this one.
    await settle(el);
    const label = part(el, 'label')!;
    label.style.fontSize = `${400 * 0.05}px`;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(label.style.fontSize, 'the size under test is the one drawn').to.equal('20px');
    expect(await labelRatio(el)).to.be.below(0.05);
  });

  it('[GB45438-5.2-image] keeps the label at 5% or more when the image is resized (ResizeObserver)', async () => {
    const { el } = await imageFixture(200, 150);
    const img = el.querySelector('img')!;
    const sizes: number[] = [];
    el.addEventListener('aq-ai-image-label-sized', (e) => sizes.push(e.detail.fontSize));
    for (const [w, h] of [
      [900, 700],
      [640, 360],
      [160, 400],
    ]) {
      img.style.width = `${w}px`;
      img.style.height = `${h}px`;
      await settle(el);
      await aTimeout(20);
      await settle(el);
      expect(await labelRatio(el), `${w}×${h}`).to.be.at.least(0.05);
      expectOnImage(el);
    }
    expect(new Set(sizes).size, 'one new size per rendered size').to.be.at.least(3);
  });

  it('[GB45438-5.2-image] sits on the requested edge or corner', async () => {
    for (const position of ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'top', 'bottom']) {
      const { el } = await imageFixture(400, 300, `position="${position}"`);
      const img = el.querySelector('img')!.getBoundingClientRect();
      const label = part(el, 'label')!.getBoundingClientRect();
      const gap = 0.1 * 300;
      if (position.startsWith('top')) expect(label.top - img.top, position).to.be.below(gap);
      else expect(img.bottom - label.bottom, position).to.be.below(gap);
      if (position.endsWith('left')) expect(label.left - img.left, position).to.be.below(gap);
      if (position.endsWith('right')) expect(img.right - label.right, position).to.be.below(gap);
    }
  });

  it('is announced (role note) and passes axe, in zh-CN and en', async () => {
    const { host, el } = await imageFixture(400, 300);
    expect(part(el, 'label')!.getAttribute('role')).to.equal('note');
    await expectAccessible(host);
    host.setAttribute('lang', 'en');
    await aTimeout(0);
    await el.updateComplete;
    expect(part(el, 'text')!.textContent).to.equal('AI-generated');
  });

  it('a bad position logs one clear error and falls back to bottom-right', async () => {
    const errors = await captureErrors(async () => {
      const { el } = await imageFixture(400, 300, 'position="centre"');
      expect(el.getAttribute('position')).to.equal('centre');
      expect(part(el, 'label')!.classList.contains('bottom-right')).to.equal(true);
    });
    expect(errors).to.have.length(1);
    expect(errors[0])
      .to.contain('<aq-ai-image>')
      .and.contain('position="centre"')
      .and.contain('bottom-right, bottom-left, top-right, top-left, top, bottom');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({
      modules: ['/packages/label/src/register.ts'],
      html: '<aq-ai-image><img alt="x" width="100" height="80"></aq-ai-image>',
    });
  });
});

/** Pixels of a Blob image in the region, as RGBA. */
async function pixels(blob: Blob) {
  const bmp = await createImageBitmap(blob);
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = c.getContext('2d')!;
  ctx.drawImage(bmp, 0, 0);
  return { width: bmp.width, height: bmp.height, data: ctx.getImageData(0, 0, bmp.width, bmp.height).data };
}

function changedShare(a: Uint8ClampedArray, b: Uint8ClampedArray, width: number, x0: number, y0: number, x1: number, y1: number): number {
  let changed = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      total++;
      if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 30) changed++;
    }
  }
  return changed / total;
}

/** Rows (from the bottom) where bright text pixels appear in the bottom-right quarter: the text height. */
function brightRows(p: { width: number; height: number; data: Uint8ClampedArray }): number {
  let rows = 0;
  for (let y = Math.floor(p.height / 2); y < p.height; y++) {
    for (let x = Math.floor(p.width / 2); x < p.width; x++) {
      const i = (y * p.width + x) * 4;
      if (p.data[i]! > 200 && p.data[i + 1]! > 200 && p.data[i + 2]! > 200) {
        rows++;
        break;
      }
    }
  }
  return rows;
}

describe('burnInImageLabel()', () => {
  afterEach(() => resetConfig());

  it('[GB45438-5.2-image] [MEASURES-4-export] draws the label into the pixels in the chosen corner, glyphs ≥ 5% high, and leaves the rest', async () => {
    const source = await solidPng(800, 600);
    const before = await pixels(source);
    const burnt = await burnInImageLabel(source, { locale: 'zh-CN' });
    expect(burnt.type).to.equal('image/png');
    const after = await pixels(burnt);
    expect(after.width).to.equal(800);
    expect(after.height).to.equal(600);
    // Bottom-right corner changed; the top-left corner did not.
    expect(changedShare(before.data, after.data, 800, 640, 540, 800, 600)).to.be.greaterThan(0.3);
    expect(changedShare(before.data, after.data, 800, 0, 0, 160, 60)).to.equal(0);
    // The inked glyph rows (white), not the font size, are at least 5% of the 600 px shortest side: no slack.
    expect(brightRows(after)).to.be.at.least(Math.ceil(600 * 0.05));
  });

  it('[MEASURES-4-export] honours the position and keeps JPEG as JPEG; refuses wording without both elements', async () => {
    const c = new OffscreenCanvas(300, 500);
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#246';
    ctx.fillRect(0, 0, 300, 500);
    const jpeg = await c.convertToBlob({ type: 'image/jpeg' });
    const burnt = await burnInImageLabel(jpeg, { position: 'top-left', locale: 'en' });
    expect(burnt.type).to.equal('image/jpeg');
    const [a, b] = [await pixels(jpeg), await pixels(burnt)];
    expect(changedShare(a.data, b.data, 300, 0, 0, 60, 30)).to.be.greaterThan(0.3);
    expect(changedShare(a.data, b.data, 300, 240, 470, 300, 500)).to.equal(0);
    let error: unknown;
    try {
      await burnInImageLabel(jpeg, { text: 'Made by a machine' });
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).to.equal('LabelWordingError');
    expect((error as Error).message).to.contain('Made by a machine');
  });

  it('accepts an <img> element and uses EU wording under eu', async () => {
    configure({ profile: 'eu' });
    const img = new Image();
    img.src = url;
    await img.decode();
    const burnt = await burnInImageLabel(img);
    const p = await pixels(burnt);
    expect(p.width).to.equal(800);
    // Latin glyphs fill less of the em box than CJK ones; the size is measured, so they still reach 5%.
    expect(brightRows(p)).to.be.at.least(Math.ceil(600 * 0.05));
  });
});
