// The documentation site generator (scripts/docs.mjs): element pages from custom-elements.json, the
// compliance guide covering every clause, CSP-safe HTML, working links, and the Markdown converter.
// Run: node --test test/docs.node.test.mjs (after `npm run build`, which writes custom-elements.json).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateSite, inline, markdownToHtml, readClauses, splitRow } from '../scripts/docs.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const manifests = readdirSync(join(root, 'packages'))
  .map((pkg) => ({ pkg, file: join(root, 'packages', pkg, 'custom-elements.json') }))
  .filter((m) => existsSync(m.file));

/** Tags of a package: the manifest's tagName / custom-element-definition exports, and every `X.define('aq-…')` in its sources. */
function manifestTags({ pkg, file }) {
  const tags = new Set();
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  for (const mod of manifest.modules ?? []) {
    for (const d of mod.declarations ?? []) if (d.kind === 'class' && d.tagName) tags.add(d.tagName);
    for (const e of mod.exports ?? []) if (e.kind === 'custom-element-definition') tags.add(e.name);
  }
  const src = join(root, 'packages', pkg, 'src');
  for (const f of existsSync(src) ? readdirSync(src, { recursive: true }).map(String) : []) {
    if (!/^(.*\/)?aq-[\w-]+\.ts$/.test(f)) continue;
    for (const m of readFileSync(join(src, f), 'utf8').matchAll(/\.define\(\s*['"](aq-[a-z0-9-]+)['"]/g)) tags.add(m[1]);
  }
  return tags;
}

let out;
let site;
const html = new Map();

before(() => {
  out = mkdtempSync(join(tmpdir(), 'aq-docs-'));
  site = generateSite({ outDir: out, writeComplianceMd: false, quiet: true });
  for (const rel of site.pages) html.set(rel, readFileSync(join(out, rel), 'utf8'));
});
after(() => rmSync(out, { recursive: true, force: true }));

describe('element pages', () => {
  test('every element of every custom-elements.json has a page with its API tables and a live example', (t) => {
    if (!manifests.length) return t.skip('no custom-elements.json: run `npm run build` first');
    let count = 0;
    for (const m of manifests) {
      for (const tag of manifestTags(m)) {
        // An element whose class the manifest does not describe cannot have a page; the manifest must describe it.
        const page = html.get(`elements/${tag}.html`);
        assert.ok(page, `no page for <${tag}> (package ${m.pkg})`);
        for (const id of ['live-example', 'attributes', 'properties', 'events', 'slots', 'css-parts', 'css-custom-properties']) {
          assert.match(page, new RegExp(`id="${id}"`), `<${tag}> page lacks the ${id} section`);
        }
        const stage = /<div class="live-stage"[^>]*>([\s\S]*?)<\/div>\n<\/div>/.exec(page);
        assert.ok(stage?.[1].includes(`<${tag}`), `<${tag}> live example does not contain the element`);
        assert.match(page, /<script type="module" src="\/packages\/anquan\/cdn\/anquan\.js"><\/script>/);
        for (const lang of ['zh-CN', 'en']) assert.ok(html.get(`gallery/${tag}.${lang}.html`)?.includes(`<${tag}`), `no ${lang} gallery page for <${tag}>`);
        count++;
      }
    }
    assert.ok(count > 0, 'the manifests describe no element');
    assert.equal(site.elements.length, count, 'the site has pages for elements the manifests do not declare');
  });

  test('attribute, event, part and custom-property names of the manifest appear on the page', (t) => {
    if (!site.elements.length) return t.skip('no elements');
    for (const el of site.elements) {
      const page = html.get(`elements/${el.tag}.html`);
      const names = [
        ...(el.decl.attributes ?? []).map((a) => a.name),
        ...(el.decl.events ?? []).map((e) => e.name).filter(Boolean),
        ...(el.decl.cssParts ?? []).map((p) => p.name),
        ...(el.decl.cssProperties ?? []).map((p) => p.name),
      ];
      for (const n of names) assert.ok(page.includes(`<code>${n}</code>`), `<${el.tag}>: ${n} is not on its page`);
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
      for (const k of ['configuration', 'server']) assert.ok(typeof g[k] === 'string' && g[k].length > 40, `${c.id}: ${k} is missing or too short`);
      if (g.docs) assert.ok(existsSync(join(root, 'docs', g.docs)), `${c.id}: guide ${g.docs} does not exist`);
    }
    const unknown = Object.keys(guide.clauses).filter((id) => !clauses.some((c) => c.id === id));
    assert.deepEqual(unknown, [], 'guidance for clause ids that are not in the register');
  });

  test('every clause appears in the generated compliance page with its requirement', (t) => {
    if (!file) return t.skip('shared/spec/clauses.json not found');
    const page = html.get('compliance.html');
    for (const c of clauses) {
      assert.match(page, new RegExp(`<section class="clause" id="${c.id.replace(/\./g, '\\.')}"`), `${c.id} missing from compliance.html`);
      assert.ok(page.includes(markdownToHtml(c.requirement).replace(/^<p>|<\/p>$/g, '')), `${c.id}: requirement text missing`);
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
  test('runs under the strict CSP: no inline script (except JSON data blocks), no style or on* attributes, no javascript: URLs', () => {
    assert.ok(html.size > 10);
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
    const js = readFileSync(join(out, 'site.js'), 'utf8');
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/, 'site.js builds HTML from strings');
  });

  test('every relative link and image points to a file that exists', () => {
    const broken = [];
    for (const [rel, page] of html) {
      for (const m of page.matchAll(/\b(?:href|src)="([^"#?]+)(?:[#?][^"]*)?"/g)) {
        const target = m[1];
        if (/^(https?:|mailto:)/.test(target)) continue;
        let file;
        if (target.startsWith('/')) {
          if (target.startsWith('/packages/anquan/cdn/') || target.startsWith('/aq-intake')) continue; // build output, server route
          file = join(root, target);
        } else {
          const abs = normalize(join(dirname(join(out, rel)), target));
          const inSite = relative(out, abs);
          file = inSite.startsWith('..') ? join(root, 'docs', 'site', inSite) : abs; // ../screenshots/… → docs/screenshots/…
        }
        if (!existsSync(file)) broken.push(`${rel}: ${target}`);
      }
    }
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

describe('Markdown converter', () => {
  test('escapes everything that is not Markdown', () => {
    const out = markdownToHtml('# Title <img src=x onerror=alert(1)>\n\nText <script>alert(1)</script> & "q"\n\n```html\n<script>x()</script>\n```');
    assert.doesNotMatch(out, /<script|<img/);
    assert.match(out, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;q&quot;/);
    assert.match(out, /<pre><code class="language-html">&lt;script&gt;x\(\)&lt;\/script&gt;<\/code><\/pre>/);
  });

  test('headings, tables with escaped pipes and alignment, nested lists, quotes, code spans', () => {
    const md = [
      '## A `code` heading',
      '',
      '| Name | Value |',
      '|---|--:|',
      "| `a \\| b` | 1 |",
      '',
      '- one',
      '  - nested **bold**',
      '- two with `x < y`',
      '',
      '1. first',
      '2. second',
      '',
      '> **Note.** quoted',
    ].join('\n');
    const out = markdownToHtml(md);
    assert.match(out, /<h2 id="a-code-heading">A <code>code<\/code> heading<\/h2>/);
    assert.match(out, /<td><code>a \| b<\/code><\/td><td class="al-r">1<\/td>/);
    assert.match(out, /<ul>\n<li>one\n<ul>\n<li>nested <strong>bold<\/strong><\/li>\n<\/ul><\/li>\n<li>two with <code>x &lt; y<\/code><\/li>\n<\/ul>/);
    assert.match(out, /<ol>\n<li>first<\/li>\n<li>second<\/li>\n<\/ol>/);
    assert.match(out, /<blockquote><p><strong>Note\.<\/strong> quoted<\/p><\/blockquote>/);
    assert.deepEqual(splitRow('| a | `b \\| c` | d |'), ['a', '`b | c`', 'd']);
  });

  test('links: .md to .html, unsafe schemes dropped, unknown targets rendered as text', () => {
    const ctx = { link: (href) => (href.endsWith('.md') ? { href: href.replace(/\.md$/, '.html') } : null) };
    assert.equal(inline('[core](core.md)', ctx), '<a href="core.html">core</a>');
    assert.equal(inline('[x](javascript:alert(1))', ctx), '<span class="nolink">x</span>');
    assert.equal(inline('[y](../server/intake.mjs)', ctx), '<span class="nolink">y</span>');
    assert.equal(inline('[Lit](https://lit.dev)', ctx), '<a href="https://lit.dev" rel="noopener">Lit</a>');
    assert.equal(inline('[`<aq-x>`](x.md) and *em*', ctx), '<a href="x.html"><code>&lt;aq-x&gt;</code></a> and <em>em</em>');
  });
});
