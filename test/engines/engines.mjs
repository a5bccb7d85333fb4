// The three ways the cross-engine suite opens a browser, behind one shape:
// { open(url), evaluate(expression) → value, logged() → errors the browser reported, close() }.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';

export const WEBKIT_BROWSER = process.env.WEBKIT_BROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** An Xvfb server on a display number it picks itself (-displayfd); resolves to { display, stop }. */
export function startXvfb() {
  return new Promise((resolve, reject) => {
    const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let err = '';
    x.stderr.on('data', (d) => (err += d));
    x.on('error', reject);
    x.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.trim().slice(-400)}`)));
    let got = '';
    x.stdio[3].on('data', (d) => {
      got += d;
      if (got.includes('\n')) resolve({ display: `:${got.trim()}`, stop: () => x.kill() });
    });
  });
}

/**
 * WebKitGTK: WebKitWebDriver (W3C WebDriver over HTTP) launching MiniBrowser in automation mode on an
 * Xvfb display, unless DISPLAY is set. The driver has no log endpoint: the page records its own errors.
 */
export async function openWebKit() {
  const xvfb = process.env.DISPLAY ? null : await startXvfb();
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...(xvfb ? { DISPLAY: xvfb.display } : {}) },
  });
  let driverLog = '';
  driver.stderr.on('data', (d) => (driverLog = (driverLog + d).slice(-2000)));
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  let session;
  try {
    for (let i = 0; ; i++) {
      try {
        await call('GET', '/status');
        break;
      } catch (err) {
        if (i > 50) throw new Error(`WebKitWebDriver did not start: ${err.message} ${driverLog}`);
        await sleep(100);
      }
    }
    session = await call('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: WEBKIT_BROWSER, args: ['--automation'] } } },
    });
  } catch (err) {
    driver.kill();
    xvfb?.stop();
    throw err;
  }
  const sid = session.sessionId;
  return {
    version: session.capabilities.browserVersion,
    open: (url) => call('POST', `/session/${sid}/url`, { url }),
    evaluate: (expression) => call('POST', `/session/${sid}/execute/sync`, { script: `return ${expression};`, args: [] }),
    logged: async () => [],
    async close() {
      await call('DELETE', `/session/${sid}`).catch(() => {});
      driver.kill();
      xvfb?.stop();
    },
  };
}

/** Firefox ESR over WebDriver BiDi, and Chromium over CDP, both through puppeteer-core. */
async function openPuppeteer(launch) {
  const browser = await puppeteer.launch(launch);
  const page = await browser.newPage();
  const logged = [];
  page.on('console', (m) => {
    if (m.type() === 'error') logged.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => logged.push(`pageerror: ${e?.message ?? e}`));
  return {
    version: await browser.version(),
    open: (url) => page.goto(url, { waitUntil: 'load' }),
    evaluate: (expression) => page.evaluate(expression),
    logged: async () => logged,
    close: () => browser.close(),
  };
}

export const openFirefox = () => openPuppeteer({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });

export const openChromium = () =>
  openPuppeteer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
