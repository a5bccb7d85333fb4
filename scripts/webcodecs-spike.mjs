#!/usr/bin/env node
// Which WebCodecs encoders and decoders this machine's browsers have, offline (docs/label.md, video export):
//   node scripts/webcodecs-spike.mjs [chromium|firefox]
// Serves a blank page on localhost (WebCodecs needs a secure context) and asks isConfigSupported at 1280×720.
import puppeteer from 'puppeteer-core';

const engine = process.argv[2] ?? 'chromium';
const b = await puppeteer.launch(
  engine === 'firefox'
    ? { browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', headless: true }
    : { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--headless=new'] },
);
const p = await b.newPage();
const http = await import('node:http');
const srv = http
  .createServer((_q, s) => {
    s.setHeader('content-type', 'text/html');
    s.end('<p>x');
  })
  .listen(0);
await p.goto('http://localhost:' + srv.address().port + '/');
const r = await p.evaluate(async () => {
  const out = {};
  const v = {
    'avc1.42001f': 'avc1.42001f',
    'avc1.640028': 'avc1.640028',
    vp8: 'vp8',
    'vp09.00.10.08': 'vp09.00.10.08',
    'av01.0.04M.08': 'av01.0.04M.08',
    'hvc1.1.6.L93.B0': 'hvc1.1.6.L93.B0',
  };
  for (const [k, codec] of Object.entries(v)) {
    for (const hw of ['no-preference', 'prefer-software']) {
      try {
        const s = await VideoEncoder.isConfigSupported({
          codec,
          width: 1280,
          height: 720,
          bitrate: 2e6,
          framerate: 30,
          hardwareAcceleration: hw,
          ...(codec.startsWith('avc') ? { avc: { format: 'avc' } } : {}),
        });
        out['enc ' + k + ' ' + hw] = s.supported;
      } catch (e) {
        out['enc ' + k] = String(e);
      }
    }
    try {
      const s = await VideoDecoder.isConfigSupported({ codec });
      out['dec ' + k] = s.supported;
    } catch (e) {
      out['dec ' + k] = String(e);
    }
  }
  for (const codec of ['mp4a.40.2', 'opus', 'flac', 'vorbis', 'pcm-s16']) {
    try {
      const s = await AudioEncoder.isConfigSupported({ codec, sampleRate: 48000, numberOfChannels: 2, bitrate: 128000 });
      out['aenc ' + codec] = s.supported;
    } catch (e) {
      out['aenc ' + codec] = String(e);
    }
    try {
      const s = await AudioDecoder.isConfigSupported({ codec, sampleRate: 48000, numberOfChannels: 2 });
      out['adec ' + codec] = s.supported;
    } catch (e) {
      out['adec ' + codec] = String(e);
    }
  }
  out.docPiP = 'documentPictureInPicture' in window;
  out.pip = document.pictureInPictureEnabled;
  out.fullscreen = document.fullscreenEnabled;
  return out;
});
console.log(JSON.stringify(r, null, 1));
await b.close();
srv.close();
