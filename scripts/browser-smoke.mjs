#!/usr/bin/env node
// Smoke test of the demo in another engine: `node scripts/browser-smoke.mjs [firefox|chromium] [--classifier]`.
// Starts the demo server, loads the demo (strict CSP + Trusted Types header), answers the consent
// notice, sends a text, an image and a video request, and reports which aq-* elements are defined,
// which replies carry labels, and every console error or page error. Not part of `npm test`: Debian's
// firefox-esr is installed by hand (`apt-get install firefox-esr`); results go in docs/browser-support.md.
import puppeteer from 'puppeteer-core';
import { startServer } from '../server/start.mjs';

const engine = process.argv[2] ?? 'firefox';
const launch =
  engine === 'firefox'
    ? { browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', headless: true }
    : { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'] };

process.env.AQ_INTAKE_DB ??= `/tmp/aq-smoke-${Date.now()}.sqlite`;
const { server, url } = await startServer({ listenPort: 0 });
const browser = await puppeteer.launch(launch);
const problems = [];
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message ?? e}`));
  const classifier = process.argv.includes('--classifier');
  await page.goto(`${url}?classifier=${classifier ? 'on' : 'off'}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.ready === 'true', { timeout: 20_000 });
  const result = await page.evaluate(async () => {
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    const notice = document.querySelector('#consent-first-run');
    await wait(500);
    if (notice.open) await notice.answer(true);
    for (const text of ['介绍一下长城', '画一只熊猫', '生成一段海边的视频']) {
      await window.demo.submitText(text);
      await wait(2500);
    }
    for (let i = 0; i < 120 && /…|\.\.\./.test(document.querySelector('#classifier-status').textContent); i++) await wait(500);
    const tags = [...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => n.startsWith('aq-')))];
    return {
      userAgent: navigator.userAgent,
      defined: tags.filter((t) => customElements.get(t)).length,
      undefinedTags: tags.filter((t) => !customElements.get(t)),
      replies: document.querySelectorAll('#chat-log li.assistant[data-message-id]').length,
      labelled: document.querySelectorAll('#chat-log li.assistant[data-message-id] aq-ai-label').length,
      imageLabel: !!document.querySelector('aq-ai-image')?.shadowRoot?.querySelector('[part~="label"]'),
      videoLabel: !!document.querySelector('aq-ai-video')?.shadowRoot?.querySelector('[part~="persistent"]'),
      classifier: document.querySelector('#classifier-status').textContent,
      webLocks: 'locks' in navigator,
      formAssociated: 'attachInternals' in HTMLElement.prototype,
    };
  });
  console.log(JSON.stringify({ engine, ...result, problems }, null, 2));
  process.exitCode = problems.length || result.undefinedTags.length || result.labelled < 3 ? 1 : 0;
} finally {
  await browser.close();
  server.close();
}
