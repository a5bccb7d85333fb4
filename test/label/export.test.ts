import { configure, resetConfig } from '@anquan/core';
import { copyLabelledText, downloadLabelled, installLabelledCopy, labelTextForExport, readImplicitLabel } from '@anquan/label';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { runTool } from '../harness/index.js';
import { solidPng } from './helpers.js';

const LABEL = { Label: '1', ContentProducer: '001191100000000000000000X00001', ProduceID: 'img-42' } as const;

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

describe('copy and export', () => {
  afterEach(() => resetConfig());

  it('[MEASURES-4-export] labelTextForExport adds the label line at the start or end, once, in both languages', () => {
    expect(labelTextForExport('答案是42。', { locale: 'zh-CN' })).to.equal('【内容由AI生成】\n\n答案是42。');
    expect(labelTextForExport('The answer is 42.', { locale: 'en', position: 'end' })).to.equal(
      'The answer is 42.\n\n[AI-generated content]\n',
    );
    const once = labelTextForExport('x', { locale: 'en' });
    expect(labelTextForExport(once, { locale: 'en' })).to.equal(once);
    configure({ profile: 'eu' });
    expect(labelTextForExport('x')).to.equal('[AI-generated]\n\nx');
    expect(() => labelTextForExport('x', { text: 'bot output' })).to.throw(/bot output/);
  });

  it('[MEASURES-4-export] copying a message puts the labelled text on the clipboard', async () => {
    const host = await fixture(html`<div><p class="msg">生成的回答内容</p><button type="button">复制</button></div>`);
    const uninstall = installLabelledCopy(host as HTMLElement, { locale: 'zh-CN' });
    const copiedEvents: string[] = [];
    host.addEventListener('aq-label-copied', (e) => copiedEvents.push(e.detail.text));
    const clipboard: string[] = [];
    const read = (e: ClipboardEvent) => clipboard.push(e.clipboardData!.getData('text/plain'));
    document.addEventListener('copy', read);
    // A real user gesture (keyboard) runs the browser's copy command on the selected message.
    const button = host.querySelector('button')!;
    let ok = false;
    button.addEventListener('click', () => {
      const range = document.createRange();
      range.selectNodeContents(host.querySelector('.msg')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      ok = document.execCommand('copy');
    });
    try {
      button.focus();
      await sendKeys({ press: 'Enter' });
      expect(ok).to.be.true;
      expect(clipboard).to.deep.equal(['【内容由AI生成】\n\n生成的回答内容']);
      expect(copiedEvents).to.deep.equal(clipboard);
    } finally {
      uninstall();
      document.removeEventListener('copy', read);
      getSelection()!.removeAllRanges();
    }
  });

  it('[MEASURES-4-export] copyLabelledText behind a copy button (keyboard) copies the labelled text', async () => {
    const host = await fixture(html`<div><button type="button">Copy</button><textarea aria-label="paste"></textarea></div>`);
    const button = host.querySelector('button')!;
    let done: Promise<string> | null = null;
    button.addEventListener('click', () => {
      done = copyLabelledText('Hello', { locale: 'en' });
    });
    const events: string[] = [];
    const onCopied = (e: Event) => events.push((e as CustomEvent<{ text: string }>).detail.text);
    window.addEventListener('aq-label-copied', onCopied);
    try {
      button.focus();
      await sendKeys({ press: 'Enter' });
      expect(await done!).to.equal('[AI-generated content]\n\nHello');
      expect(events).to.deep.equal(['[AI-generated content]\n\nHello']);
      // Paste it back into a text area with the keyboard.
      const area = host.querySelector('textarea')!;
      area.focus();
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'v' });
      await sendKeys({ up: 'Control' });
      expect(area.value).to.equal('[AI-generated content]\n\nHello');
    } finally {
      window.removeEventListener('aq-label-copied', onCopied);
    }
  });

  it('[MEASURES-4-export] [AIACT-50.2-marking] downloadLabelled burns the label into a PNG and writes the implicit label that exiftool reads', async function () {
    this.timeout(30_000);
    const png = await solidPng(400, 300);
    const out = await downloadLabelled(png, LABEL, { locale: 'zh-CN' });
    expect(out.type).to.equal('image/png');
    const read = readImplicitLabel(new Uint8Array(await out.arrayBuffer()));
    expect(read.format).to.equal('png');
    expect(read.count).to.equal(1);
    expect(read.label!.Label).to.equal('1');
    expect(read.label!.ProduceID).to.equal('img-42');
    // The pixels changed in the bottom-right corner.
    const [a, b] = await Promise.all(
      [png, out].map(async (blob) => {
        const bmp = await createImageBitmap(blob);
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        c.getContext('2d')!.drawImage(bmp, 0, 0);
        return c.getContext('2d')!.getImageData(340, 280, 50, 15).data;
      }),
    );
    expect(a!.some((v, i) => v !== b![i])).to.be.true;
    // An external reader agrees.
    const r = await runTool({ tool: 'exiftool', args: ['-j', '-XMP:all', '{in}'], input: await toBase64(out), inputName: 'x.png' });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('img-42');
  });

  it('[MEASURES-4-export] downloadLabelled labels Markdown with the label line and front matter, and refuses a bad implicit label', async () => {
    const md = new Blob(['# Title\n\nGenerated text.\n'], { type: 'text/markdown' });
    const out = await downloadLabelled(md, LABEL, { locale: 'en' });
    const text = await out.text();
    expect(text).to.contain('[AI-generated content]');
    expect(text.startsWith('---')).to.be.true;
    expect(readImplicitLabel(new Uint8Array(await out.arrayBuffer())).label!.ProduceID).to.equal('img-42');
    const txt = await downloadLabelled(new Blob(['plain'], { type: 'text/plain' }), LABEL, { locale: 'en' });
    expect(await txt.text()).to.equal('[AI-generated content]\n\nplain');
    let error: unknown;
    try {
      await downloadLabelled(await solidPng(20, 20), { ...LABEL, ProduceID: 'has space' });
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).to.equal('ImplicitLabelError');
  });
});
