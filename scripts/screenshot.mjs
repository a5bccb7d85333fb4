#!/usr/bin/env node
// Screenshot a page with Debian's Chromium (puppeteer-core): node scripts/screenshot.mjs URL OUT.png [width] [height]
// Prints console errors and any request to another host.
import puppeteer from 'puppeteer-core';

const [url, out, width = '1100', height = '800'] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(width), height: Number(height) });
  const origin = new URL(url).origin;
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && console.log(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.log(`pageerror: ${e}`));
  page.on(
    'request',
    (r) =>
      !r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:') && console.log(`OTHER HOST: ${r.url()}`),
  );
  await page.goto(url, { waitUntil: 'networkidle0' });
  if (process.env.AQ_EVAL) await page.evaluate(process.env.AQ_EVAL);
  await new Promise((r) => setTimeout(r, Number(process.env.AQ_WAIT ?? 500)));
  await page.screenshot({ path: out, fullPage: process.env.AQ_FULL === '1' });
} finally {
  await browser.close();
}
