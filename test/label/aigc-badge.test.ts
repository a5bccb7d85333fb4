import '@anquan/label/register';
import { configure, resetConfig } from '@anquan/core';
import { writeImplicitLabel } from '@anquan/label';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { expectAccessible, expectCspClean } from '../harness/index.js';
import { png, XMP_SHAPES } from './fixtures/adversarial.mjs';
import { insertAfterIhdr, pngChunk } from './fixtures/metadata-tools.js';
import { captureErrors, part, solidPng } from './helpers.js';
import type { AqAigcBadge } from './local.js';

async function labelled(value: '1' | '2' | '3'): Promise<Blob> {
  const png = new Uint8Array(await (await solidPng(32, 32)).arrayBuffer());
  const out = writeImplicitLabel(png, { Label: value, ContentProducer: '001191100000000000000000X00001', ProduceID: `p${value}` });
  return new Blob([out as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

async function badge(src: Blob | string, attrs: Partial<Pick<AqAigcBadge, 'declared' | 'detected'>> = {}, lang = 'zh-CN') {
  const host = await fixture(html`<div lang=${lang}><aq-aigc-badge></aq-aigc-badge></div>`);
  const el = host.querySelector('aq-aigc-badge') as AqAigcBadge;
  Object.assign(el, attrs);
  el.src = src;
  await el.updateComplete;
  await el.ready;
  await el.updateComplete;
  return { host, el };
}

describe('<aq-aigc-badge>', () => {
  afterEach(() => resetConfig());

  it('[MEASURES-6-platform] shows the three tiers for Label 1, 2 and 3 read from the file metadata', async () => {
    const expected = { '1': ['is', '内容由AI生成'], '2': ['may', '内容可能由AI生成'], '3': ['suspected', '疑似AI生成内容'] } as const;
    for (const value of ['1', '2', '3'] as const) {
      const file = new File([await labelled(value)], `x${value}.png`, { type: 'image/png' });
      const { el } = await badge(file);
      expect(el.tier).to.equal(expected[value][0]);
      expect(el.getAttribute('tier')).to.equal(expected[value][0]);
      expect(part(el, 'badge')!.textContent!.trim().split(':')[0]).to.equal(expected[value][1]);
      expect(el.label!.ProduceID).to.equal(`p${value}`);
      expect(el.getBoundingClientRect().width).to.be.greaterThan(0);
    }
  });

  it('[MEASURES-6-platform] reads a URL, emits aq-aigc-badge-read, and speaks English', async () => {
    const url = URL.createObjectURL(await labelled('1'));
    const host = await fixture(html`<div lang="en"></div>`);
    const events: unknown[] = [];
    host.addEventListener('aq-aigc-badge-read', (e) => events.push(e.detail.tier));
    host.innerHTML = `<aq-aigc-badge src="${url}"></aq-aigc-badge>`;
    const el = host.querySelector('aq-aigc-badge') as AqAigcBadge;
    await el.updateComplete;
    await el.ready;
    expect(events).to.deep.equal(['is']);
    const b = part(el, 'badge')!;
    expect(b.getAttribute('role')).to.equal('note');
    expect(b.textContent).to.contain('AI-generated content').and.contain('implicit label');
    await expectAccessible(host);
  });

  it('[MEASURES-6-platform] shows nothing for unlabelled content; a declaration gives "may be", detected traces "suspected"', async () => {
    const plain = await solidPng(16, 16);
    const { el } = await badge(plain);
    expect(el.tier).to.equal('none');
    expect(part(el, 'badge')).to.be.null;
    expect(el.getBoundingClientRect().width).to.equal(0);
    el.declared = true;
    await el.updateComplete;
    expect(el.tier).to.equal('may');
    el.declared = false;
    el.detected = true;
    await el.updateComplete;
    expect(el.tier).to.equal('suspected');
    // A metadata label wins over the declaration.
    el.src = await labelled('1');
    await el.updateComplete;
    await el.ready;
    expect(el.tier).to.equal('is');
  });

  it('corrupt or unsupported input gives no label and a typed reason, never an exception', async () => {
    const events: { error?: string }[] = [];
    const host = await fixture(html`<div></div>`);
    host.addEventListener('aq-aigc-badge-read', (e) => events.push(e.detail));
    const el = document.createElement('aq-aigc-badge');
    host.append(el);
    el.src = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 99])]);
    await el.updateComplete;
    await el.ready;
    expect(el.tier).to.equal('none');
    expect(events[0]!.error).to.match(/^(truncated|corrupt)/);
  });

  it("[MEASURES-6-platform] the tier follows the file's Label even when another field is malformed, with a warning naming the field", async () => {
    const expected = { '1': 'is', '2': 'may', '3': 'suspected' } as const;
    for (const value of ['1', '2', '3'] as const) {
      // ContentProducer in Chinese breaks Appendix E's 0x21-0x7E rule; ProduceID is missing altogether.
      const md = `---\nAIGC:\n  Label: "${value}"\n  ContentProducer: "某某科技"\n---\n正文\n`;
      const events: { tier: string; declared: string | null; warnings: { key?: string }[]; thread?: string }[] = [];
      const host = await fixture(html`<div></div>`);
      host.addEventListener('aq-aigc-badge-read', (e) => events.push(e.detail));
      const el = document.createElement('aq-aigc-badge');
      host.append(el);
      el.src = new Blob([md], { type: 'text/markdown' });
      await el.updateComplete;
      await el.ready;
      await el.updateComplete;
      expect(el.tier, `Label ${value}`).to.equal(expected[value]);
      expect(el.label).to.equal(null);
      expect(el.declaredLabel).to.equal(value);
      expect(part(el, 'badge')).to.not.equal(null);
      expect(events.at(-1)!.declared).to.equal(value);
      expect(events.at(-1)!.warnings.map((w) => w.key)).to.deep.equal(['ContentProducer']);
    }
    // A PNG whose Appendix B tEXt label has a number Label and an empty required field: still "is".
    const png = new Uint8Array(await (await solidPng(8, 8)).arrayBuffer());
    const text = new TextEncoder().encode('AIGC\0{"Label":1,"ContentProducer":"","ProduceID":"p"}');
    const chunk = pngChunk('tEXt', text);
    const { el } = await badge(new Blob([insertAfterIhdr(png, chunk) as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
    expect(el.tier).to.equal('is');
    // A label without a valid Label value declares nothing.
    const bad = await badge(
      new Blob(['---\nAIGC:\n  Label: "7"\n  ContentProducer: "a"\n  ProduceID: "b"\n---\n'], { type: 'text/markdown' }),
    );
    expect(bad.el.tier).to.equal('none');
  });

  it('[MEASURES-6-platform] reads the file in a worker, and a hostile 1 MB file still gives a typed reason', async () => {
    const events: { thread?: string; error?: string; tier: string; warnings: { code: string }[] }[] = [];
    const host = await fixture(html`<div></div>`);
    host.addEventListener('aq-aigc-badge-read', (e) => events.push(e.detail));
    const el = document.createElement('aq-aigc-badge');
    host.append(el);
    el.src = await labelled('2');
    await el.updateComplete;
    await el.ready;
    expect(events.at(-1)!.thread).to.equal('worker');
    expect(events.at(-1)!.tier).to.equal('may');
    el.src = new Blob([png(XMP_SHAPES.attributes(1 << 20)) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    await el.updateComplete;
    await el.ready;
    expect(events.at(-1)!.thread).to.equal('worker');
    expect(events.at(-1)!.tier).to.equal('none');
    expect(events.at(-1)!.warnings.map((w) => w.code)).to.deep.equal(['corrupt']);
  });

  it('follows the eu profile and a bad profile attribute logs one clear error', async () => {
    configure({ profile: 'eu' });
    const { el } = await badge(await labelled('3'), {}, 'en');
    expect(part(el, 'badge')!.textContent).to.contain('Suspected AI-generated');
    const errors = await captureErrors(async () => {
      el.setAttribute('profile', 'us');
      await aTimeout(0);
      await el.updateComplete;
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-aigc-badge>').and.contain('profile="us"').and.contain('cn, eu');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({ modules: ['/packages/label/src/register.ts'], html: '<aq-aigc-badge declared></aq-aigc-badge>' });
  });
});
