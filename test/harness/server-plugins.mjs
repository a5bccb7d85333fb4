// Node-side helpers for the browser tests, reached through `executeServerCommand` from
// @web/test-runner-commands. Tests stay in the browser; these do what a page cannot do by itself:
// run external readers on files the page wrote, open and reload other pages, watch requests.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CSP } from '../../server/start.mjs';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";

/** Pages under /test/harness/csp/ and the demo are served with the strict CSP and Trusted Types. */
export async function cspMiddleware(ctx, next) {
  await next();
  if (ctx.path.startsWith('/test/harness/csp/')) {
    ctx.set('Content-Security-Policy', STRICT_CSP);
  } else if (ctx.path.startsWith('/demo/')) {
    ctx.set('Content-Security-Policy', DEMO_CSP);
  }
}

// soffice: LibreOffice (headless) opens the DOCX exports as an office suite would; `{dir}` is the tool's folder.
const TOOLS = new Set(['exiftool', 'ffprobe', 'ffmpeg', 'convert', 'identify', 'gs', 'soffice']);

function run(tool, args, timeout) {
  return new Promise((resolve) => {
    execFile(tool, args, { timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const pages = new Map();
let pageSeq = 0;

export function anquanCommandsPlugin() {
  return {
    name: 'anquan-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'aq-tool') {
        // payload: { tool, args: string[] with "{in}" and "{out}" placeholders, input?: base64,
        //            inputName?: string, outputName?: string, timeout?: ms }
        if (!TOOLS.has(payload.tool)) throw new Error(`aq-tool: ${payload.tool} is not allowed`);
        const dir = await mkdtemp(join(tmpdir(), 'aq-tool-'));
        try {
          const inPath = join(dir, payload.inputName ?? 'input.bin');
          const outPath = join(dir, payload.outputName ?? 'output.bin');
          if (payload.input) await writeFile(inPath, Buffer.from(payload.input, 'base64'));
          const args = payload.args.map((a) => a.replaceAll('{in}', inPath).replaceAll('{out}', outPath).replaceAll('{dir}', dir));
          const result = await run(payload.tool, args, payload.timeout ?? 60_000);
          let output;
          try {
            output = (await readFile(outPath)).toString('base64');
          } catch {
            output = undefined;
          }
          return { ...result, output };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      if (command === 'aq-page') {
        // Drive a second page in the same browser from the Node side.
        const testPage = session.browser.getPage(session.id);
        const { action } = payload;
        if (action === 'open') {
          const page = await testPage.browser().newPage();
          const id = `p${++pageSeq}`;
          const requests = [];
          page.on('request', (req) => requests.push(req.url()));
          const errors = [];
          page.on('console', (msg) => {
            if (msg.type() === 'error') errors.push(msg.text());
          });
          page.on('pageerror', (err) => errors.push(String(err)));
          const entry = { page, requests, errors, held: [], hold: payload.hold ?? [], block: payload.block ?? [] };
          pages.set(id, entry);
          if (entry.hold.length || entry.block.length) {
            // payload.hold: URL parts whose requests wait until action 'release' (a slow network, made
            // deterministic); payload.block: URL parts whose requests fail until action 'unblock'.
            await page.setRequestInterception(true);
            page.on('request', (req) => {
              const url = req.url();
              if (entry.block.some((p) => url.includes(p))) void req.abort('failed');
              else if (entry.hold.some((p) => url.includes(p))) entry.held.push(req);
              else void req.continue();
            });
          }
          const origin = new URL(testPage.url()).origin;
          await page.goto(new URL(payload.url, origin).href, { waitUntil: payload.waitUntil ?? 'load' });
          return { id };
        }
        const entry = pages.get(payload.id);
        if (!entry) throw new Error(`aq-page: no page ${payload.id}`);
        const { page } = entry;
        if (action === 'evaluate') {
          // payload.expression is a JS expression evaluated in the page; its (awaited) JSON result returns.
          return { value: await page.evaluate(`(async () => (${payload.expression}))()`) };
        }
        if (action === 'click') {
          // A real mouse click (CDP input events) on the element matched by `selector`; `>>>`
          // pierces shadow roots (puppeteer's deep combinator). Waits until it is visible.
          const handle = await page.waitForSelector(payload.selector, { visible: true, timeout: payload.timeout ?? 10_000 });
          await handle.click();
          await handle.dispose();
          return { ok: true };
        }
        if (action === 'type') {
          const handle = await page.waitForSelector(payload.selector, { visible: true, timeout: payload.timeout ?? 10_000 });
          await handle.type(payload.text);
          await handle.dispose();
          return { ok: true };
        }
        if (action === 'reload') {
          await page.reload({ waitUntil: payload.waitUntil ?? 'load' });
          return { ok: true };
        }
        if (action === 'release') {
          entry.hold = [];
          for (const req of entry.held.splice(0)) await req.continue();
          return { ok: true };
        }
        if (action === 'unblock') {
          entry.block = [];
          return { ok: true };
        }
        if (action === 'requests') return { requests: entry.requests, errors: entry.errors };
        if (action === 'close') {
          await page.close();
          pages.delete(payload.id);
          return { ok: true };
        }
        throw new Error(`aq-page: unknown action ${action}`);
      }
      if (command === 'aq-block-requests') {
        // Fail the test page's requests whose URL contains one of payload.patterns (a real network
        // failure, as when a lazy chunk cannot load). `patterns: []` turns interception off again: the
        // page is reused by the next test files, and interception slows workers, wasm and WebGPU down.
        const testPage = session.browser.getPage(session.id);
        const patterns = payload.patterns ?? [];
        if (!patterns.length) {
          if (testPage.__aqBlock) {
            testPage.off('request', testPage.__aqBlock.handler);
            await testPage.setRequestInterception(false);
            testPage.__aqBlock = undefined;
          }
          return { ok: true };
        }
        if (!testPage.__aqBlock) {
          const state = { patterns: [] };
          state.handler = (req) => {
            if (req.isInterceptResolutionHandled()) return;
            if (state.patterns.some((p) => req.url().includes(p))) req.abort('failed');
            else req.continue();
          };
          testPage.__aqBlock = state;
          await testPage.setRequestInterception(true);
          testPage.on('request', state.handler);
        }
        testPage.__aqBlock.patterns = patterns;
        return { ok: true };
      }
      if (command === 'aq-webauthn') {
        // Chromium's virtual authenticator (CDP WebAuthn domain) on the test page: `add` (ctap2,
        // internal transport, resident keys, user verification that succeeds unless `verified: false`),
        // `credentials`, `set-verified`, `remove`. The page's navigator.credentials then talks to it.
        const testPage = session.browser.getPage(session.id);
        testPage.__aqCdp ??= await testPage.createCDPSession();
        const cdp = testPage.__aqCdp;
        if (payload.action === 'add') {
          await cdp.send('WebAuthn.enable', { enableUI: false });
          const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
            options: {
              protocol: 'ctap2',
              transport: 'internal',
              hasResidentKey: true,
              hasUserVerification: true,
              isUserVerified: payload.verified !== false,
              automaticPresenceSimulation: true,
            },
          });
          return { authenticatorId };
        }
        if (payload.action === 'credentials')
          return await cdp.send('WebAuthn.getCredentials', { authenticatorId: payload.authenticatorId });
        if (payload.action === 'set-verified') {
          await cdp.send('WebAuthn.setUserVerified', { authenticatorId: payload.authenticatorId, isUserVerified: payload.verified });
          return { ok: true };
        }
        if (payload.action === 'remove') {
          await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: payload.authenticatorId });
          return { ok: true };
        }
        throw new Error(`aq-webauthn: unknown action ${payload.action}`);
      }
      if (command === 'aq-screenshot') {
        // A PNG (base64) of the test page as Chromium rendered it, clipped to payload.clip (CSS px): for tests
        // that measure what is on screen (glyph rows of a label), not what the DOM says.
        const testPage = session.browser.getPage(session.id);
        const data = await testPage.screenshot({ clip: payload.clip, encoding: 'base64', captureBeyondViewport: true });
        return { data };
      }
      if (command === 'aq-test-requests') {
        // Every URL the test page itself requested since this test file loaded (offline proofs); requests
        // made before the first call show in the page's own resource timeline.
        const testPage = session.browser.getPage(session.id);
        if (!testPage.__aqRequests) {
          // web-test-runner reuses one page for many test files: start a new list whenever the page
          // navigates to the next file, so one file never sees another's requests.
          testPage.__aqRequests = [];
          testPage.on('request', (req) => testPage.__aqRequests.push(req.url()));
          testPage.on('framenavigated', (frame) => {
            if (frame === testPage.mainFrame()) testPage.__aqRequests.length = 0;
          });
        }
        return { origin: new URL(testPage.url()).origin, requests: testPage.__aqRequests };
      }
      return undefined;
    },
  };
}
