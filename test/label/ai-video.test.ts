import '@anquan/label/register';
import { resetConfig } from '@anquan/core';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, expectCspClean, runTool, screenshotPixels, whiteRows } from '../harness/index.js';
import { captureErrors, fromBase64, part, settle } from './helpers.js';
import type { AqAiVideo } from './local.js';

let videoUrl = '';

before(async function () {
  this.timeout(60_000);
  // A real 4-second 320×240 VP8 WebM, made here with ffmpeg.
  const r = await runTool({
    tool: 'ffmpeg',
    args: [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25:duration=4',
      '-c:v',
      'libvpx',
      '-b:v',
      '300k',
      // Realtime speed: the default "good" deadline can pass the 20 s command timeout on a loaded machine.
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-y',
      '{out}',
    ],
    outputName: 'v.webm',
  });
  expect(r.code, r.stderr).to.equal(0);
  videoUrl = URL.createObjectURL(new Blob([fromBase64(r.output!) as Uint8Array<ArrayBuffer>], { type: 'video/webm' }));
});

async function videoFixture(style: string, attrs = '') {
  const host = await fixture(html`<div lang="zh-CN"></div>`);
  host.innerHTML = `<aq-ai-video ${attrs}><video muted playsinline preload="auto" style="${style}" src="${videoUrl}"></video></aq-ai-video>`;
  const el = host.querySelector('aq-ai-video') as AqAiVideo;
  const video = el.querySelector('video')!;
  if (video.readyState < 2) await new Promise((r) => video.addEventListener('loadeddata', r, { once: true }));
  await settle(el);
  return { host, el, video };
}

const visible = (el: AqAiVideo) => {
  const label = part(el, 'label')!;
  return !label.hidden && label.getBoundingClientRect().height > 0;
};

async function seek(el: AqAiVideo, video: HTMLVideoElement, t: number) {
  const done = new Promise((r) => video.addEventListener('seeked', r, { once: true }));
  video.currentTime = t;
  await done;
  await el.updateComplete;
}

/** Play until `currentTime` reaches `t`, sampling (currentTime, visible) on every frame. */
async function playUntil(el: AqAiVideo, video: HTMLVideoElement, t: number, samples: [number, boolean][]) {
  await video.play();
  await new Promise<void>((resolve) => {
    const tick = () => {
      samples.push([video.currentTime, visible(el)]);
      if (video.currentTime >= t || video.ended) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  video.pause();
  await el.updateComplete;
}

/** The frame area of the video (object-fit: contain) in page coordinates. */
function frameRect(video: HTMLVideoElement) {
  const r = video.getBoundingClientRect();
  const s = Math.min(r.width / video.videoWidth, r.height / video.videoHeight);
  const w = video.videoWidth * s;
  const h = video.videoHeight * s;
  return { left: r.left + (r.width - w) / 2, top: r.top + (r.height - h) / 2, width: w, height: h };
}

describe('<aq-ai-video>', function () {
  this.timeout(60_000);
  afterEach(() => resetConfig());

  it('[GB45438-5.4-video] the start label stays for 2 s of playback; pausing does not use it up; seeking back shows it again', async () => {
    const { el, video } = await videoFixture('width:320px;height:240px');
    expect(visible(el)).to.be.true;
    const samples: [number, boolean][] = [];
    await playUntil(el, video, 0.8, samples);
    // Paused for 2.5 s of wall time: still visible, because playback time did not advance.
    await aTimeout(2500);
    await el.updateComplete;
    expect(visible(el), `paused at ${video.currentTime}`).to.be.true;
    await playUntil(el, video, 2.4, samples);
    await aTimeout(50);
    await el.updateComplete;
    expect(visible(el), `at ${video.currentTime}`).to.be.false;
    // Never hidden before 2 s of media time; hidden by 2.3 s at the latest.
    const early = samples.filter(([t, v]) => t < 2 && !v);
    expect(early, 'hidden before 2 s').to.deep.equal([]);
    expect(
      samples.some(([t, v]) => t >= 2 && t < 2.3 && !v),
      'hidden soon after 2 s',
    ).to.be.true;
    await seek(el, video, 0);
    expect(visible(el)).to.be.true;
    await seek(el, video, 1.9);
    expect(visible(el)).to.be.true;
    await seek(el, video, 3);
    expect(visible(el)).to.be.false;
  });

  for (const [style, label] of [
    ['width:320px;height:240px', '320×240'],
    ['width:640px;height:480px', '640×480'],
    ['width:640px;height:240px', 'letterboxed 640×240'],
    ['width:200px;height:400px', 'pillarboxed 200×400'],
  ] as const) {
    it(`[GB45438-5.4-video] start label glyphs are at least 5% of the frame's shortest side (screenshot) and on the frame, ${label}`, async () => {
      const { el, video } = await videoFixture(style);
      const frame = frameRect(video);
      const box = part(el, 'label')!.getBoundingClientRect();
      // The glyphs as drawn (white rows of a screenshot of the label box), not the text box or the font size.
      const shot = await screenshotPixels(box);
      expect(whiteRows(shot) / shot.scale / Math.min(frame.width, frame.height)).to.be.at.least(0.05);
      expect(box.left).to.be.at.least(frame.left - 0.5);
      expect(box.top).to.be.at.least(frame.top - 0.5);
      expect(box.right).to.be.at.most(frame.left + frame.width + 0.5);
      expect(box.bottom).to.be.at.most(frame.top + frame.height + 0.5);
    });
  }

  it('[GB45438-5.4-video] keeps 5% after the player is resized, and shows a persistent label around the player', async () => {
    const { el, video } = await videoFixture('width:320px;height:240px');
    video.style.width = '960px';
    video.style.height = '720px';
    await settle(el);
    await aTimeout(20);
    await settle(el);
    const frame = frameRect(video);
    const shot = await screenshotPixels(part(el, 'label')!.getBoundingClientRect());
    expect(whiteRows(shot) / shot.scale / Math.min(frame.width, frame.height)).to.be.at.least(0.05);
    await seek(el, video, 3);
    expect(visible(el)).to.be.false;
    const persistent = part(el, 'persistent')!;
    expect(persistent.textContent).to.equal('人工智能生成');
    expect(persistent.getAttribute('role')).to.equal('note');
    const p = persistent.getBoundingClientRect();
    expect(p.height).to.be.greaterThan(0);
    expect(p.top).to.be.at.least(video.getBoundingClientRect().bottom - 0.5);
  });

  it('is announced and passes axe in zh-CN and en', async () => {
    const { host, el } = await videoFixture('width:320px;height:240px');
    await expectAccessible(host);
    host.setAttribute('lang', 'en');
    await aTimeout(0);
    await el.updateComplete;
    expect(part(el, 'persistent')!.textContent).to.equal('AI-generated');
    expect(part(el, 'text')!.textContent).to.equal('AI-generated');
  });

  it('a bad position logs one clear error and falls back to top-left', async () => {
    const errors = await captureErrors(async () => {
      const { el } = await videoFixture('width:320px;height:240px', 'position="middle"');
      expect(el.getAttribute('position')).to.equal('middle');
      expect(part(el, 'label')!.classList.contains('top-left')).to.equal(true);
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-ai-video>').and.contain('position="middle"').and.contain('top-left');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({
      modules: ['/packages/label/src/register.ts'],
      html: '<aq-ai-video><video muted width="160" height="90"></video></aq-ai-video>',
    });
  });

  describe('full screen and picture-in-picture keep the label', () => {
    afterEach(async () => {
      if (document.fullscreenElement) await document.exitFullscreen();
    });

    /** Press Enter on a button of the element: a real user gesture, as full screen and PiP require. */
    async function press(el: AqAiVideo, name: string) {
      const button = part(el, name) as HTMLButtonElement;
      button.focus();
      await sendKeys({ press: 'Enter' });
    }

    it('[GB45438-5.4-video] the full-screen button puts the wrapper in full screen; the label is there, glyphs ≥ 5% of the full-screen frame', async () => {
      const { el, video } = await videoFixture('width:320px;height:240px');
      expect(video.disablePictureInPicture, 'the native PiP of the bare video is off').to.equal(true);
      expect((video as HTMLVideoElement & { controlsList: DOMTokenList }).controlsList.contains('nofullscreen')).to.equal(true);
      const changed = new Promise((r) => document.addEventListener('fullscreenchange', r, { once: true }));
      await press(el, 'fullscreen-button');
      await changed;
      await settle(el);
      await aTimeout(50);
      await settle(el);
      expect(document.fullscreenElement).to.equal(el);
      expect(el.displayMode).to.equal('fullscreen');
      const frame = frameRect(video);
      expect(frame.height).to.be.greaterThan(400);
      const box = part(el, 'label')!.getBoundingClientRect();
      expect(box.height).to.be.greaterThan(0);
      expect(box.top).to.be.at.least(frame.top - 0.5);
      expect(box.left).to.be.at.least(frame.left - 0.5);
      const shot = await screenshotPixels(box);
      expect(whiteRows(shot) / shot.scale / Math.min(frame.width, frame.height)).to.be.at.least(0.05);
      expect(part(el, 'persistent')!.getBoundingClientRect().height).to.be.greaterThan(0);
    });

    it('[GB45438-5.4-video] a script that puts the bare <video> in full screen is undone (no label there)', async () => {
      const { el, video } = await videoFixture('width:320px;height:240px');
      const events: { mode: string; refused?: string }[] = [];
      el.addEventListener('aq-ai-video-display-changed', (e) => events.push(e.detail));
      const button = document.createElement('button');
      button.textContent = 'bare';
      button.addEventListener('click', () => void video.requestFullscreen().catch(() => {}));
      el.after(button);
      button.focus();
      await sendKeys({ press: 'Enter' });
      for (let i = 0; i < 50 && !events.some((e) => e.refused); i++) await aTimeout(20);
      await aTimeout(100);
      expect(
        events.some((e) => e.refused),
        JSON.stringify(events),
      ).to.equal(true);
      expect(document.fullscreenElement).to.not.equal(video);
      button.remove();
    });

    it('[GB45438-5.4-video] picture-in-picture: Document PiP here, the video moves into the window with the label over it, and back', async () => {
      const { el, video } = await videoFixture('width:320px;height:240px');
      // Debian's Chromium has Document Picture-in-Picture in a secure context (localhost).
      expect(el.pipSupport).to.equal('document');
      await press(el, 'pip-button');
      for (let i = 0; i < 100 && !el.pipWindow; i++) await aTimeout(20);
      const win = el.pipWindow!;
      expect(win, 'a PiP window opened').to.not.equal(null);
      expect(el.displayMode).to.equal('pip-document');
      const label = win.document.querySelector<HTMLElement>('.aq-label')!;
      expect(win.document.querySelector('video')).to.equal(video);
      expect(label.textContent).to.equal('人工智能生成');
      expect(label.hidden).to.equal(false);
      expect(win.document.querySelector('[role="note"]')!.textContent).to.equal('人工智能生成');
      // The label's font size gives glyphs ≥ 5% of the PiP frame (TextMetrics in the label's font).
      const f = { w: win.innerWidth, h: win.innerHeight };
      expect(Number.parseFloat(label.style.fontSize)).to.be.greaterThan(Math.min(f.w, f.h) * 0.05);
      const closed = new Promise((r) => win.addEventListener('pagehide', r, { once: true }));
      win.close();
      await closed;
      await aTimeout(0);
      expect(video.parentElement).to.equal(el);
      expect(el.pipWindow).to.equal(null);
    });
  });
});
