#!/usr/bin/env node
// `npm run screenshots`: every element in zh-CN and en, in Debian's Chromium (puppeteer-core), into
// docs/screenshots/<tag>.<lang>.png, then regenerates the docs site so the pictures show up.
//
// Needs `npm run build` (custom-elements.json and the CDN bundle) and fonts-noto-cjk. It generates the
// site (docs/site/gallery/<tag>.<lang>.html: one element per page), starts the demo server on a free
// port with a throw-away intake database, opens each gallery page in a fresh browser context (its own
// IndexedDB), and captures the element's region at 800 px wide. An element the CDN bundle does not
// define yet is skipped and listed at the end.
//
//   node scripts/screenshots.mjs [aq-tag …]     only these elements
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { EXAMPLES, generateSite, LANGS, ROOT } from './docs.mjs';

const WIDTH = 800;
const HEIGHT = 900;
const MARGIN = 8;
const only = new Set(process.argv.slice(2));
const outDir = join(ROOT, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

const { elements } = generateSite({ quiet: true });
const targets = elements.filter((e) => !only.size || only.has(e.tag));
if (!targets.length) {
  console.error('screenshots: no elements found (run `npm run build` first, which writes packages/*/custom-elements.json).');
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'aq-shots-'));
process.env.AQ_INTAKE_DB = join(tmp, 'intake.sqlite'); // never the demo's .data/intake.sqlite
const { startServer } = await import('../server/start.mjs');
const { server, url } = await startServer({ listenPort: 0, memory: true });

const written = [];
const skipped = new Set();
const problems = [];
try {
  // One browser per language (--lang), so the browser's own widgets follow the page's language where Chromium allows.
  for (const lang of LANGS) {
    const browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      env: { ...process.env, LANGUAGE: lang.replace('-', '_'), LANG: `${lang.replace('-', '_')}.UTF-8` },
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        `--lang=${lang}`,
      ],
    });
    try {
      for (const el of targets) {
        if (skipped.has(el.tag)) continue;
        const result = await shoot(browser, el.tag, lang);
        if (result.skipped) {
          skipped.add(el.tag);
          continue;
        }
        if (result.problems.length) problems.push(...result.problems.map((p) => `${el.tag} (${lang}): ${p}`));
        if (!result.file) continue;
        written.push(result.file);
        console.log(`screenshots: ${el.tag}.${lang}.png ${result.width}×${result.height}`);
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
  server.closeAllConnections?.();
  rmSync(tmp, { recursive: true, force: true });
}

// Regenerate the site with the new pictures.
generateSite({ quiet: true });
console.log(`screenshots: ${written.length} written to docs/screenshots/`);
if (skipped.size) console.log(`screenshots: skipped (not defined by the CDN bundle yet): ${[...skipped].join(', ')}`);
for (const p of problems) console.log(`screenshots: page problem: ${p}`);
process.exit(0);

async function shoot(browser, tag, lang) {
  const context = await browser.createBrowserContext();
  const problems = [];
  try {
    const page = await context.newPage();
    await page.setViewport({ width: WIDTH, height: EXAMPLES[tag]?.viewportHeight ?? HEIGHT, deviceScaleFactor: 1 });
    const origin = new URL(url).origin;
    page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another host: ${u}`);
    });
    await page.goto(`${url}docs/site/gallery/${tag}.${lang}.html`, { waitUntil: 'networkidle0' });
    const defined = await page.evaluate((t) => Boolean(customElements.get(t)), tag);
    if (!defined) return { skipped: true };
    await settle(page, tag);
    const ex = EXAMPLES[tag] ?? {};
    if (ex.setup) {
      await page.evaluate(`(async () => { ${ex.setup} })()`);
      await settle(page, tag);
    }
    const clip = await page.evaluate(regionOf, ex.clip ?? 'element', MARGIN);
    if (!clip || clip.width < 2 || clip.height < 2) {
      problems.push('the element rendered nothing visible');
      return { skipped: false, problems, file: null, width: 0, height: 0 };
    }
    const file = join(outDir, `${tag}.${lang}.png`);
    await page.screenshot({ path: file, clip, captureBeyondViewport: true });
    return { skipped: false, problems, file, width: Math.round(clip.width), height: Math.round(clip.height) };
  } finally {
    await context.close();
  }
}

/** Wait for definitions, Lit updates, fonts, images and a few frames. */
async function settle(page, tag) {
  await page.evaluate(async (t) => {
    await customElements.whenDefined(t);
    const all = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('aq-'));
    await Promise.all(all.map((e) => e.updateComplete).filter(Boolean));
    await document.fonts.ready;
    await Promise.all(
      [...document.images].map((img) => (img.complete ? null : new Promise((r) => img.addEventListener('load', r, { once: true })))),
    );
    for (const v of document.querySelectorAll('video'))
      if (v.readyState < 2)
        await new Promise((r) => {
          v.addEventListener('loadeddata', r, { once: true });
          setTimeout(r, 3000);
        });
  }, tag);
  await new Promise((r) => setTimeout(r, 600));
}

/**
 * The region to capture, in page coordinates: `element` (default) is the union of the boxes of the
 * gallery page's top-level children; `dialog` the open <dialog> inside a shadow root; `viewport` the
 * whole viewport (full-screen overlays).
 */
function regionOf(mode, margin) {
  const union = (rects) => {
    const r = rects.filter((b) => b.width > 0 && b.height > 0);
    if (!r.length) return null;
    const x = Math.min(...r.map((b) => b.left));
    const y = Math.min(...r.map((b) => b.top));
    return { x, y, width: Math.max(...r.map((b) => b.right)) - x, height: Math.max(...r.map((b) => b.bottom)) - y };
  };
  const deep = (root, selector, found = []) => {
    for (const n of root.querySelectorAll('*')) {
      if (n.matches(selector)) found.push(n);
      if (n.shadowRoot) deep(n.shadowRoot, selector, found);
    }
    return found;
  };
  let box;
  if (mode === 'viewport') return { x: scrollX, y: scrollY, width: innerWidth, height: innerHeight };
  else if (mode === 'dialog') box = union(deep(document, 'dialog[open]').map((d) => d.getBoundingClientRect()));
  else {
    const shot = document.getElementById('shot');
    const boxes = [];
    for (const child of shot.children) {
      boxes.push(child.getBoundingClientRect());
      // Elements whose host box is empty (display: contents) render in their shadow root or children.
      if (child.shadowRoot) for (const n of child.shadowRoot.children) if (n.localName !== 'style') boxes.push(n.getBoundingClientRect());
    }
    box = union(boxes);
  }
  if (!box) return null;
  const x = Math.max(0, box.x - margin + scrollX);
  const y = Math.max(0, box.y - margin + scrollY);
  return { x, y, width: Math.min(box.width + 2 * margin, document.documentElement.scrollWidth - x), height: box.height + 2 * margin };
}
