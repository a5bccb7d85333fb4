// The documentation site (scripts/docs.mjs, markdown-it + the templates in scripts/docs/templates/):
// element pages from custom-elements.json, the compliance guide covering every clause, links that
// resolve, pages that carry the strict CSP and run under it in Chromium with Trusted Types enforced,
// and the markdown-it output the site relies on (tables, code fences, heading anchors, link rules).
// Run: node --test test/docs.node.test.mjs (after `npm run build`: custom-elements.json and the CDN bundle).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { detailTypeName, esc, generateSite, inlineMarkdown, markdownToHtml, readClauses } from '../scripts/docs.mjs';
import { DEMO_CSP } from '../server/start.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const siteDir = join(root, 'docs', 'site');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Every custom element of every packages/*\/custom-elements.json, read here (not through the generator). */
function manifestElements() {
  const out = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dir, 'custom-elements.json');
    if (!existsSync(file)) continue;
    const npm = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).name;
    for (const mod of JSON.parse(readFileSync(file, 'utf8')).modules ?? [])
      for (const decl of mod.declarations ?? []) if (decl.customElement && decl.tagName) out.push({ dir, npm, tag: decl.tagName, decl });
  }
  return out;
}

const manifest = manifestElements();
let site;
const html = new Map();

before(() => {
  // The real output folder, as `npm run docs` writes it (gitignored), so the real server can serve it below.
  site = generateSite({ outDir: siteDir, writeComplianceMd: false, quiet: true });
  for (const rel of site.pages) html.set(rel, readFileSync(join(siteDir, rel), 'utf8'));
});

describe('element pages', () => {
  test('every element of every custom-elements.json (the umbrella included) has a page with its API sections and a live example', (t) => {
    if (!manifest.length) return t.skip('no custom-elements.json: run `npm run build` first');
    assert.ok(
      manifest.some((e) => e.tag === 'aq-audit-report' && e.npm === 'anquan'),
      "the umbrella package's manifest declares <aq-audit-report>",
    );
    for (const { tag, npm, decl } of manifest) {
      const page = html.get(`elements/${tag}.html`);
      assert.ok(page, `no page for <${tag}> (${npm})`);
      for (const id of ['live-example', 'attributes', 'properties', 'methods', 'events', 'slots', 'css-parts', 'css-custom-properties'])
        assert.match(page, new RegExp(`<h2 id="${id}">`), `<${tag}> page lacks the ${id} section`);
      assert.ok(page.includes(`<code>${npm}</code>`), `<${tag}>: package ${npm} not named`);
      const text = (h) => h.replace(/<[^>]+>/g, '');
      const lead = /<p class="lead">(.*?)<\/p>/.exec(page)?.[1];
      assert.ok(decl.summary, `<${tag}> has no @summary`);
      assert.equal(text(lead ?? ''), text(inlineMarkdown(decl.summary.replace(/\s*\n\s*/g, ' '))), `<${tag}>: summary missing`);
      const stage = /<div class="live-stage" lang="en">\n([\s\S]*?)\n<\/div>\n<\/div>/.exec(page);
      assert.ok(stage?.[1].includes(`<${tag}`), `<${tag}>: the live example does not contain the element`);
      assert.match(page, /<script type="module" src="\/packages\/anquan\/cdn\/anquan\.js"><\/script>/);
      for (const lang of ['zh-CN', 'en'])
        assert.ok(html.get(`gallery/${tag}.${lang}.html`)?.includes(`<${tag}`), `no ${lang} gallery page for <${tag}>`);
    }
    assert.deepEqual(site.elements.map((e) => e.tag).sort(), manifest.map((e) => e.tag).sort(), 'pages and manifests list other tags');
  });

  test('attributes and properties with their types and defaults, events with their detail type, slots, parts and custom properties', (t) => {
    if (!manifest.length) return t.skip('no custom-elements.json');
    const cell = (s) => `<code>${esc(String(s).replace(/\s+/g, ' '))}</code>`;
    for (const { tag, decl } of manifest) {
      const page = html.get(`elements/${tag}.html`);
      const row = (first) => {
        const m = new RegExp(`<tr><td>${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</td>(.*?)</tr>`).exec(page);
        assert.ok(m, `<${tag}>: no table row for ${first}`);
        return m[1];
      };
      for (const a of decl.attributes ?? []) {
        const r = row(cell(a.name));
        if (a.type?.text) assert.ok(r.includes(cell(a.type.text)), `<${tag}> ${a.name}: type ${a.type.text} missing`);
        if (a.default) assert.ok(r.includes(cell(a.default)), `<${tag}> ${a.name}: default ${a.default} missing`);
      }
      for (const m of (decl.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.privacy && !m.name.startsWith('_'))) {
        const r = row(cell(m.name));
        if (m.type?.text) assert.ok(r.includes(cell(m.type.text)), `<${tag}> .${m.name}: type missing`);
        if (m.default) assert.ok(r.includes(cell(m.default)), `<${tag}> .${m.name}: default missing`);
      }
      for (const e of decl.events ?? []) {
        const r = row(cell(e.name) + (e.name.startsWith('aq-request-') ? ' <span class="badge">cancelable</span>' : ''));
        assert.ok(r.includes(cell(detailTypeName(e.name))), `<${tag}> ${e.name}: detail type ${detailTypeName(e.name)} missing`);
        assert.match(r, /<code class="type">[^<]+<\/code>/, `<${tag}> ${e.name}: the detail's shape is missing`);
      }
      for (const s of decl.slots ?? []) row(s.name ? cell(s.name) : '(default)');
      for (const p of decl.cssParts ?? []) row(cell(p.name));
      for (const p of decl.cssProperties ?? []) row(cell(p.name));
    }
  });
});

describe('compliance guide', () => {
  const { file, clauses } = readClauses(root);
  const guide = JSON.parse(readFileSync(join(root, 'docs', 'compliance-guide.json'), 'utf8'));

  test('every clause of shared/spec/clauses.json has guidance: element, configuration, server duty', (t) => {
    if (!file) return t.skip('shared/spec/clauses.json not found');
    assert.ok(clauses.length >= 49, `expected the 49 clauses, found ${clauses.length}`);
    for (const c of clauses) {
      const g = guide.clauses[c.id];
      assert.ok(g, `no guidance for ${c.id}`);
      assert.ok(['sdk', 'partial', 'host'].includes(g.coverage), `${c.id}: coverage "${g.coverage}"`);
      assert.ok(typeof g.element === 'string' && g.element.includes('`'), `${c.id}: no element or API named`);
      for (const k of ['configuration', 'server'])
        assert.ok(typeof g[k] === 'string' && g[k].length > 40, `${c.id}: ${k} is missing or too short`);
      if (g.docs) assert.ok(existsSync(join(root, 'docs', g.docs)), `${c.id}: guide ${g.docs} does not exist`);
    }
    const unknown = Object.keys(guide.clauses).filter((id) => !clauses.some((c) => c.id === id));
    assert.deepEqual(unknown, [], 'guidance for clause ids that are not in the register');
  });

  test('every clause appears in the generated compliance page with its requirement and guidance', (t) => {
    if (!file) return t.skip('shared/spec/clauses.json not found');
    const page = html.get('compliance.html');
    for (const c of clauses) {
      const section = new RegExp(`<section class="clause" id="${c.id.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</section>`).exec(page);
      assert.ok(section, `${c.id} missing from compliance.html`);
      assert.ok(section[1].includes(`<p class="req">${esc(c.requirement)}</p>`), `${c.id}: requirement text missing`);
      const text = (h) => h.replace(/<[^>]+>/g, '');
      const duty = /<dt>Host's server must still do<\/dt><dd>(.*?)<\/dd>/.exec(section[1]);
      assert.equal(
        text(duty?.[1] ?? ''),
        text(inlineMarkdown(guide.clauses[c.id].server)),
        `${c.id}: the server duty is missing or differs`,
      );
    }
    assert.doesNotMatch(page, /not yet written/);
  });

  test('docs/compliance.md (generated) lists every clause', (t) => {
    if (!file) return t.skip('shared/spec/clauses.json not found');
    const md = readFileSync(join(root, 'docs', 'compliance.md'), 'utf8');
    for (const c of clauses) assert.ok(md.includes(`### ${c.id}\n`), `${c.id} missing from docs/compliance.md (run npm run docs)`);
  });
});

describe('generated HTML', () => {
  test("every page carries the demo server's strict CSP in a <meta> before anything it loads", () => {
    assert.ok(html.size > 40, `only ${html.size} pages`);
    const meta = `<meta http-equiv="Content-Security-Policy" content="${esc(DEMO_CSP)}">`;
    assert.match(DEMO_CSP, /script-src 'self' 'wasm-unsafe-eval'; style-src 'self';.*require-trusted-types-for 'script'/);
    for (const [rel, page] of html) {
      const at = page.indexOf(meta);
      assert.ok(at > 0, `${rel}: no CSP <meta>`);
      const first = page.search(/<(script|link|img|video|style)\b/i);
      assert.ok(first === -1 || at < first, `${rel}: the CSP <meta> comes after a resource`);
    }
  });

  test('no inline script (only JSON data blocks), no <style>, no style or on* attributes, no javascript: URLs; shipped scripts build no HTML', () => {
    for (const [rel, page] of html) {
      for (const m of page.matchAll(/<script\b([^>]*)>/gi)) {
        const attrs = m[1];
        if (/\bsrc\s*=/.test(attrs)) continue;
        assert.match(attrs, /\btype="application\/json"/, `${rel}: inline <script${attrs}> without src`);
      }
      assert.doesNotMatch(page, /<[a-z][\w-]*\s[^>]*\bstyle\s*=/i, `${rel}: style attribute`);
      assert.doesNotMatch(page, /<style\b/i, `${rel}: <style> element`);
      assert.doesNotMatch(page, /<[a-z][\w-]*\s[^>]*\son[a-z]+\s*=/i, `${rel}: inline event handler`);
      assert.doesNotMatch(page, /(href|src)\s*=\s*"\s*javascript:/i, `${rel}: javascript: URL`);
    }
    const scripts = readdirSync(siteDir, { recursive: true }).filter((f) => /\.m?js$/.test(String(f)));
    assert.ok(scripts.length >= 1, 'site.js is missing');
    for (const f of scripts)
      assert.doesNotMatch(
        readFileSync(join(siteDir, String(f)), 'utf8'),
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|eval\(|new Function|setAttribute\(\s*['"]style/,
        `${f} builds HTML or styles from strings`,
      );
  });

  test('every internal link and image resolves to a generated or served file, and every #fragment to an id on its page', () => {
    const broken = [];
    const ids = new Map();
    const idsOf = (file) => {
      if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\bid="([^"]+)"/g)].map((m) => m[1])));
      return ids.get(file);
    };
    let checked = 0;
    for (const [rel, page] of html) {
      for (const m of page.matchAll(/\b(?:href|src)="([^"?#]*)(?:\?[^"#]*)?(?:#([^"]*))?"/g)) {
        const [, target, frag] = m;
        if (/^(https?:|mailto:)/.test(target)) continue;
        let file;
        if (target.startsWith('/')) {
          if (target.startsWith('/aq-intake')) continue; // the intake server's routes
          file = join(root, target === '/' ? 'demo/index.html' : target);
        } else file = target ? normalize(join(dirname(join(siteDir, rel)), target)) : join(siteDir, rel);
        checked++;
        if (!existsSync(file) || !statSync(file).isFile()) broken.push(`${rel}: ${target}`);
        else if (frag && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(frag)))
          broken.push(`${rel}: ${target}#${frag} (no such id)`);
      }
    }
    assert.ok(checked > 1000, `only ${checked} links checked`);
    assert.deepEqual(broken, []);
  });

  test('screenshots are small PNGs of known elements (each ≤ 800 px wide, < 3 MB in all)', (t) => {
    const dir = join(root, 'docs', 'screenshots');
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.png')) : [];
    if (!files.length) return t.skip('no screenshots yet (npm run screenshots)');
    let total = 0;
    const tags = new Set(site.elements.map((e) => e.tag));
    for (const f of files) {
      const m = /^(aq-[a-z0-9-]+)\.(zh-CN|en)\.png$/.exec(f);
      assert.ok(m, `unexpected file name ${f}`);
      if (tags.size) assert.ok(tags.has(m[1]), `${f}: no such element`);
      const b = readFileSync(join(dir, f));
      assert.equal(b.toString('latin1', 1, 4), 'PNG', `${f} is not a PNG`);
      assert.ok(b.readUInt32BE(16) <= 800, `${f} is ${b.readUInt32BE(16)} px wide`);
      total += statSync(join(dir, f)).size;
    }
    assert.ok(total < 3 * 1024 * 1024, `screenshots take ${total} bytes`);
    for (const f of files) assert.ok(html.get('screenshots.html').includes(`../screenshots/${f}`), `${f} is not in the gallery`);
  });
});

describe('the site in Chromium under the strict CSP with Trusted Types', () => {
  let server;
  let url;
  let browser;
  let tmp;
  before(async () => {
    assert.ok(existsSync(chromium), `Chromium not found at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    tmp = mkdtempSync(join(tmpdir(), 'aq-docs-'));
    process.env.AQ_INTAKE_DB = join(tmp, 'intake.sqlite'); // never the demo's .data/intake.sqlite
    const { startServer } = await import('../server/start.mjs');
    ({ server, url } = await startServer({ listenPort: 0 }));
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({
      executablePath: chromium,
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
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** A tab that records CSP and Trusted Types violations, uncaught errors and CSP console errors of each page it opens. */
  async function newTab() {
    const page = await browser.newPage();
    const problems = [];
    await page.evaluateOnNewDocument(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(`${e.violatedDirective} ${e.blockedURI || ''} ${e.sample || ''}`.trim()),
      );
    });
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Trusted ?Type|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    /** Open a page of the site: its status, CSP header and the problems it raised. */
    const open = async (rel) => {
      problems.length = 0;
      const res = await page.goto(`${url}docs/site/${rel}`, { waitUntil: 'load' });
      // Module scripts have run at load; give the elements two frames to render.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const found = [...problems, ...(await page.evaluate(() => window.__violations)).map((v) => `violation: ${v}`)];
      return { status: res.status(), csp: res.headers()['content-security-policy'], problems: found };
    };
    return { page, open };
  }

  test('every page loads with the CSP header and raises no CSP or Trusted Types violation; each element page defines and renders its element', async () => {
    const pages = site.pages.filter((p) => !p.startsWith('gallery/') || p.endsWith('.zh-CN.html'));
    // Without the bundle the element pages would load no script at all and prove nothing: fail, do not skip.
    assert.ok(existsSync(join(root, 'packages', 'anquan', 'cdn', 'anquan.js')), 'no CDN bundle: run `npm run build` first');
    const problems = [];
    const { page, open } = await newTab();
    try {
      for (const rel of pages) {
        const { status, csp, problems: found } = await open(rel);
        if (status !== 200) problems.push(`${rel}: HTTP ${status}`);
        if (csp !== DEMO_CSP) problems.push(`${rel}: CSP header ${csp}`);
        problems.push(...found.map((p) => `${rel}: ${p}`));
        const tag = /^(?:elements|gallery)\/(aq-[a-z0-9-]+)[.]/.exec(rel)?.[1];
        if (tag) {
          const state = await page.evaluate(
            (tag) => ({ defined: Boolean(customElements.get(tag)), rendered: Boolean(document.querySelector(tag)?.shadowRoot) }),
            tag,
          );
          if (!state.defined) problems.push(`${rel}: <${tag}> is not defined (the bundle did not run)`);
          else if (!state.rendered) problems.push(`${rel}: <${tag}> has no shadow root`);
        }
      }
    } finally {
      await page.close();
    }
    assert.ok(pages.length > 60, `only ${pages.length} pages opened`);
    assert.deepEqual(problems, []);
  });

  test("site.js runs: the live example's language and profile switches set lang and profile on the stage's elements", async () => {
    const { page, open } = await newTab();
    try {
      const { problems } = await open('elements/aq-ai-label.html');
      const after = await page.evaluate(() => {
        const set = (sel, value) => {
          const s = document.querySelector(sel);
          s.value = value;
          s.dispatchEvent(new Event('change'));
        };
        set('[data-live-lang]', 'zh-CN');
        set('[data-live-profile]', 'eu');
        const stage = document.querySelector('.live-stage');
        return {
          lang: stage.getAttribute('lang'),
          profiles: [...stage.querySelectorAll('aq-ai-label')].map((e) => e.getAttribute('profile')),
        };
      });
      assert.deepEqual(after, { lang: 'zh-CN', profiles: ['eu', 'eu'] });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('markdown-it output the site relies on', () => {
  const link = (href) => (/^[\w-]+\.md(#.*)?$/.test(href) ? { href: href.replace(/\.md/, '.html') } : null);
  const codeLink = (text) => (/^<aq-x[\s>]/.test(text) ? 'elements/aq-x.html' : null);

  test('tables: wrapped for scrolling, alignment as a class (never a style attribute), escaped pipes in cells', () => {
    const out = markdownToHtml('| Name | Value | Mid |\n|---|--:|:-:|\n| `a \\| b` | 1 | 2 |\n');
    assert.match(out, /^<div class="table-wrap"><table>\n<thead>/);
    assert.match(out, /<th class="al-r">Value<\/th>\n<th class="al-c">Mid<\/th>/);
    assert.match(out, /<td><code>a \| b<\/code><\/td>\n<td class="al-r">1<\/td>/);
    assert.match(out, /<\/table><\/div>\n$/);
    assert.doesNotMatch(out, /style=/);
  });

  test('code fences: a language-* class and escaped content; raw HTML anywhere is escaped', () => {
    const out = markdownToHtml(
      '# Title <img src=x onerror=alert(1)>\n\nText <script>alert(1)</script> & "q"\n\n```html\n<script>x()</script>\n```\n\n```ts\nconst a: number = 1;\n```\n',
    );
    assert.match(out, /<pre><code class="language-html">&lt;script&gt;x\(\)&lt;\/script&gt;\n<\/code><\/pre>/);
    assert.match(out, /<pre><code class="language-ts">const a: number = 1;\n<\/code><\/pre>/);
    assert.match(out, /Text &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;q&quot;/);
    assert.doesNotMatch(out, /<script|<img/);
  });

  test('heading anchors: ids from the text (CJK kept), unique on the page, never an id the template uses', () => {
    const out = markdownToHtml('## A `code` heading\n\n## 标签 Labels!\n\n## Events\n\n## Events\n\n### Same\n\n### Same\n', {
      reservedIds: ['events'],
    });
    assert.match(out, /<h2 id="a-code-heading">A <code>code<\/code> heading<\/h2>/);
    assert.match(out, /<h2 id="标签-labels">标签 Labels!<\/h2>/);
    assert.match(out, /<h2 id="events-2">Events<\/h2>\n<h2 id="events-3">Events<\/h2>/);
    assert.match(out, /<h3 id="same">Same<\/h3>\n<h3 id="same-2">Same<\/h3>/);
    assert.doesNotMatch(out, /tabindex/);
  });

  test('links: .md to .html with the fragment, unknown targets and unsafe schemes never become links, external ones get rel=noopener', () => {
    assert.equal(inlineMarkdown('[core](core.md#configure)', { link }), '<a href="core.html#configure">core</a>');
    assert.equal(inlineMarkdown('[y](../server/intake.mjs)', { link }), '<span class="nolink">y</span>');
    assert.doesNotMatch(inlineMarkdown('[x](javascript:alert(1)) [z](data:text/html,x)', { link }), /href/);
    assert.equal(inlineMarkdown('[Lit](https://lit.dev)', { link }), '<a href="https://lit.dev" rel="noopener">Lit</a>');
    assert.equal(inlineMarkdown('<https://lit.dev>', { link }), '<a href="https://lit.dev" rel="noopener">https://lit.dev</a>');
    assert.equal(
      inlineMarkdown('[`<aq-x>`](x.md) and *em*', { link, codeLink }),
      '<a href="x.html"><code>&lt;aq-x&gt;</code></a> and <em>em</em>',
    );
    assert.equal(
      inlineMarkdown('`<aq-x a="1">` and `<aq-y>`', { link, codeLink }),
      '<a href="elements/aq-x.html"><code>&lt;aq-x a=&quot;1&quot;&gt;</code></a> and <code>&lt;aq-y&gt;</code>',
    );
  });

  test('an HTML comment on its own lines (a sample marker) renders as nothing; one in a code block stays', () => {
    const out = markdownToHtml('<!-- sample: skip a reason -->\n```ts\nx;\n```\n\n<!--\nmore\n-->\ntext\n\n```html\n<!-- kept -->\n```\n');
    assert.doesNotMatch(out, /sample: skip|more/);
    assert.match(out, /<pre><code class="language-ts">x;\n<\/code><\/pre>\n<p>text<\/p>/);
    assert.match(out, /&lt;!-- kept --&gt;/);
  });
});
