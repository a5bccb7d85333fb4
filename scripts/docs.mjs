#!/usr/bin/env node
// `npm run docs`: the static documentation site in docs/site/ (served by `npm start` at /docs/site/).
//
// Reads every packages/*/custom-elements.json (run `npm run build` first), the Markdown guides in
// docs/*.md, the clause register (../shared/spec/clauses.json) with docs/compliance-guide.json, and the
// PNGs in docs/screenshots/. Markdown goes through markdown-it (scripts/docs/markdown.mjs); pages are
// the Mustache templates in scripts/docs/templates/ filled with data from here; the stylesheet and the
// one site script are static files in scripts/docs/assets/, copied as they are.
//
// Every page carries the strict CSP of `npm start` in a <meta> and has no inline script (only JSON
// data blocks), no <style>, no style attribute, and no HTML built from strings in the browser, so it
// runs with Trusted Types enforced. The only scripts are the CDN bundle (live examples) and site.js
// (the example's language and profile switch).
//
// Also writes docs/site/gallery/<tag>.<lang>.html (one element per page, used by
// scripts/screenshots.mjs) and docs/compliance.md (the compliance guide as Markdown).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';
import ts from 'typescript';
import { DEMO_CSP } from '../server/csp.mjs';
import { EXAMPLES, esc, exampleHtml, jsonBlock } from './docs/examples.mjs';
import { inlineMarkdown, markdownToHtml } from './docs/markdown.mjs';

export { EXAMPLES, esc, exampleHtml } from './docs/examples.mjs';
export { inlineMarkdown, markdownToHtml, slug } from './docs/markdown.mjs';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const LANGS = ['zh-CN', 'en'];
export const SITE_CSP = DEMO_CSP;
const TEMPLATES = fileURLToPath(new URL('./docs/templates/', import.meta.url));
const ASSETS = fileURLToPath(new URL('./docs/assets/', import.meta.url));
// The bundle the live examples and gallery pages load (AQ_DOCS_CDN: another same-origin URL, e.g. a local test bundle).
const CDN = process.env.AQ_DOCS_CDN || '/packages/anquan/cdn/anquan.js';
const CAPABILITY_ORDER = ['label', 'minor-mode', 'report', 'consent', 'prescreen', 'core'];
const COVERAGE = {
  sdk: 'SDK measure (server enforces)',
  partial: 'Partly covered',
  host: "Mostly the host's work",
};

const templates = new Map();
/** Render the Mustache template scripts/docs/templates/<name> with `view` (`{{x}}` is escaped, `{{{x}}}` is HTML made here). */
function render(name, view) {
  if (!templates.has(name)) templates.set(name, readFileSync(join(TEMPLATES, name), 'utf8'));
  return Mustache.render(templates.get(name), view, {}, { escape: esc });
}

// ---------------------------------------------------------------------------------------------
// Inputs: custom-elements.json, event detail types, Markdown guides, clauses, screenshots.
// ---------------------------------------------------------------------------------------------

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Every custom element of every packages/*\/custom-elements.json: `{ pkg, npm, tag, name, decl, module }`,
 * sorted by package then tag. The tag is the manifest's `tagName`.
 */
export function readElements(root = ROOT) {
  const elements = [];
  const dir = join(root, 'packages');
  for (const pkg of readdirSync(dir).sort()) {
    const file = join(dir, pkg, 'custom-elements.json');
    if (!existsSync(file)) continue;
    const npm = readJson(join(dir, pkg, 'package.json')).name;
    for (const mod of readJson(file).modules ?? []) {
      for (const decl of mod.declarations ?? []) {
        if (decl.kind !== 'class' || !decl.tagName) continue;
        elements.push({ pkg, npm, tag: decl.tagName, name: decl.name, decl, module: `packages/${pkg}/${mod.path}` });
      }
    }
  }
  return elements.sort((a, b) => a.pkg.localeCompare(b.pkg) || a.tag.localeCompare(b.tag));
}

const pascal = (s) => s.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
/** The detail type of an event by the API conventions: `aq-report-closed` → `ReportClosedDetail`. */
export const detailTypeName = (event) => `${pascal(event.replace(/^aq-/, ''))}Detail`;

/**
 * The detail types every packages/*\/src/events.ts exports, read with the TypeScript parser:
 * name → its shape as one line (`{ submitted: boolean }`, `RequestDetail & { … }`, or an alias's type).
 */
export function readDetailTypes(root = ROOT) {
  const types = new Map();
  const dir = join(root, 'packages');
  for (const pkg of readdirSync(dir)) {
    const file = join(dir, pkg, 'src', 'events.ts');
    if (!existsSync(file)) continue;
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const text = (node) => node.getText(src).replace(/\s+/g, ' ');
    for (const st of src.statements) {
      const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported || !/Detail$/.test(st.name?.text ?? '')) continue;
      if (ts.isInterfaceDeclaration(st)) {
        const members = st.members.map((m) =>
          text(m)
            .replace(/\/\*\*.*?\*\/\s*/g, '')
            .replace(/;$/, ''),
        );
        const base = (st.heritageClauses ?? []).flatMap((h) => h.types.map(text));
        const body = members.length ? `{ ${members.join('; ')} }` : '{}';
        types.set(st.name.text, [...base, ...(members.length || !base.length ? [body] : [])].join(' & '));
      } else if (ts.isTypeAliasDeclaration(st)) types.set(st.name.text, text(st.type));
    }
  }
  return types;
}

/** Clauses from the register, or (when it is missing) the ids of the guide with a warning. */
export function readClauses(root = ROOT, guide = readGuide(root)) {
  const candidates = [
    process.env.AQ_CLAUSES,
    join(root, '..', 'shared', 'spec', 'clauses.json'),
    join(root, 'shared', 'spec', 'clauses.json'),
  ].filter(Boolean);
  const file = candidates.find((f) => existsSync(f));
  if (file) return { file, clauses: readJson(file) };
  console.warn("docs: shared/spec/clauses.json not found; the compliance guide lists the guide's clause ids without the requirement text.");
  return {
    file: null,
    clauses: Object.keys(guide.clauses).map((id) => ({
      id,
      capability: guide.clauses[id].capability ?? 'other',
      source: '',
      requirement: '',
    })),
  };
}

export function readGuide(root = ROOT) {
  return readJson(join(root, 'docs', 'compliance-guide.json'));
}

/** PNG width and height from its IHDR chunk. */
function pngSize(file) {
  const b = readFileSync(file);
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function screenshots(root) {
  const dir = join(root, 'docs', 'screenshots');
  const map = new Map();
  if (!existsSync(dir)) return map;
  for (const f of readdirSync(dir).sort()) {
    const m = /^(aq-[a-z0-9-]+)\.(zh-CN|en)\.png$/.exec(f);
    if (!m) continue;
    const size = pngSize(join(dir, f));
    if (!size) continue;
    if (!map.has(m[1])) map.set(m[1], {});
    map.get(m[1])[m[2]] = { file: f, ...size };
  }
  return map;
}

/** The screenshots of `tag` as template rows. */
function shotRows(shots, tag) {
  const s = shots.get(tag);
  if (!s) return [];
  const cap = EXAMPLES[tag]?.caption;
  return LANGS.filter((l) => s[l]).map((l) => ({
    file: s[l].file,
    width: s[l].width,
    height: s[l].height,
    alt: `${tag} in ${l}`,
    caption: cap ? `${l} · ${cap}` : l,
  }));
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

function firstSentence(text) {
  const s = String(text).replace(/\s+/g, ' ').trim();
  // A sentence ends at a full stop followed by a capital letter, a CJK character or the end ("Art. 14" does not end one).
  const m = /^(.{20,}?(?:[.](?=\s+[A-Z\u4e00-\u9fff]|$)|。))/.exec(s);
  return m ? m[1] : s;
}

/** A type or default from the manifest on one line (object types span several). */
const oneLine = (s) => String(s ?? '').replace(/\s+/g, ' ');

function elementView(el, { env, shots, detailTypes, packageDoc }) {
  const d = el.decl;
  const md = (s) => (s ? inlineMarkdown(String(s).replace(/\s*\n\s*/g, ' '), env) : '');
  const publicMember = (m) => !m.static && !m.privacy && !String(m.name).startsWith('_') && !String(m.name).startsWith('#');
  const ex = EXAMPLES[el.tag] ?? {};
  const example = exampleHtml(el.tag, 'en', { assets: '../' });
  return {
    tag: el.tag,
    npm: el.npm,
    className: el.name,
    module: el.module,
    guide: packageDoc ? { href: packageDoc, text: el.pkg } : null,
    summaryHtml: md(d.summary) || md(d.description),
    descriptionHtml: d.summary && d.description ? markdownToHtml(d.description, { ...env, reservedIds: RESERVED_ELEMENT_IDS }) : '',
    noteHtml: ex.note ? inlineMarkdown(ex.note, env) : '',
    example,
    exampleSource: `<script type="module" src="${CDN}"></script>\n${example}`,
    screenshots: shotRows(shots, el.tag),
    attributes: (d.attributes ?? []).map((a) => ({
      name: a.name,
      field: a.fieldName ?? '',
      type: oneLine(a.type?.text),
      default: oneLine(a.default),
      descriptionHtml: md(a.description ?? (d.members ?? []).find((m) => m.name === a.fieldName)?.description),
    })),
    properties: (d.members ?? [])
      .filter((m) => m.kind === 'field' && publicMember(m))
      .map((m) => ({
        name: m.name,
        attribute: m.attribute ?? '',
        type: oneLine(m.type?.text),
        default: oneLine(m.default),
        readonly: Boolean(m.readonly),
        reflects: Boolean(m.reflects),
        descriptionHtml: md(m.description),
      })),
    methods: (d.members ?? [])
      .filter((m) => m.kind === 'method' && publicMember(m))
      .map((m) => ({
        signature: `${m.name}(${(m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`).join(', ')})`,
        returns: oneLine(m.return?.type?.text),
        descriptionHtml: md(m.description),
      })),
    events: (d.events ?? [])
      .filter((e) => e.name)
      .map((e) => {
        const type = detailTypeName(e.name);
        return {
          name: e.name,
          cancelable: e.name.startsWith('aq-request-'),
          detailType: detailTypes.has(type) ? type : (e.type?.text ?? ''),
          detailShape: detailTypes.get(type) ?? '',
          descriptionHtml: md(e.description),
        };
      }),
    slots: (d.slots ?? []).map((s) => ({ name: s.name ?? '', descriptionHtml: md(s.description) })),
    parts: (d.cssParts ?? []).map((p) => ({ name: p.name, descriptionHtml: md(p.description) })),
    cssProperties: (d.cssProperties ?? []).map((p) => ({ name: p.name, default: p.default ?? '', descriptionHtml: md(p.description) })),
  };
}
/** The ids element.mustache gives its own sections; headings of a description never take them. */
const RESERVED_ELEMENT_IDS = [
  'main',
  'live-example',
  'screenshots',
  'attributes',
  'properties',
  'methods',
  'events',
  'slots',
  'css-parts',
  'css-custom-properties',
];

function capabilities(clauses) {
  const caps = [...new Set(clauses.map((c) => c.capability))];
  return caps.sort((a, b) => (CAPABILITY_ORDER.indexOf(a) + 1 || 99) - (CAPABILITY_ORDER.indexOf(b) + 1 || 99));
}

function complianceView(clauses, guide, env, registerFile) {
  const counts = { sdk: 0, partial: 0, host: 0 };
  for (const c of clauses) if (guide.clauses[c.id]) counts[guide.clauses[c.id].coverage] = (counts[guide.clauses[c.id].coverage] ?? 0) + 1;
  const rows = clauses.map((c) => {
    const g = guide.clauses[c.id];
    return {
      id: c.id,
      capability: c.capability,
      requirement: c.requirement ?? '',
      source: c.source ?? '',
      guide: g
        ? {
            coverage: g.coverage,
            coverageText: COVERAGE[g.coverage] ?? g.coverage,
            elementHtml: inlineMarkdown(g.element, env),
            configurationHtml: inlineMarkdown(g.configuration, env),
            serverHtml: inlineMarkdown(g.server, env),
            docsHtml: g.docs ? inlineMarkdown(`[${g.docs.replace(/\.md$/, '')}](${g.docs})`, env) : '',
          }
        : null,
    };
  });
  return {
    count: clauses.length,
    registerFile: Boolean(registerFile),
    counts,
    clauses: rows,
    capabilities: capabilities(clauses).map((name) => ({ name, clauses: rows.filter((r) => r.capability === name) })),
  };
}

function complianceMarkdown(clauses, guide) {
  const rows = clauses.map((c) => ({ ...c, requirement: c.requirement ?? '', guide: guide.clauses[c.id] ?? null }));
  for (const r of rows) if (r.guide) r.guide = { docs: '', ...r.guide };
  const view = { capabilities: capabilities(clauses).map((name) => ({ name, clauses: rows.filter((r) => r.capability === name) })) };
  return `${render('compliance.md.mustache', view)
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** Generate the site. Returns what was written (for tests and the screenshot script). */
export function generateSite({ root = ROOT, outDir = join(root, 'docs', 'site'), writeComplianceMd = true, quiet = false } = {}) {
  const log = quiet ? () => {} : (...a) => console.log(...a);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'elements'), { recursive: true });
  mkdirSync(join(outDir, 'gallery'), { recursive: true });
  const elements = readElements(root);
  const detailTypes = readDetailTypes(root);
  const guide = readGuide(root);
  const { file: registerFile, clauses } = readClauses(root, guide);
  const shots = screenshots(root);
  const docsDir = join(root, 'docs');
  const skip = new Set(['index.md', 'compliance.md', 'getting-started.md']);
  const guides = readdirSync(docsDir)
    .filter((f) => f.endsWith('.md') && !skip.has(f))
    .sort();
  const titleOf = (file) => /^#\s+(.*)$/m.exec(readFileSync(join(docsDir, file), 'utf8'))?.[1]?.replace(/`/g, '') ?? file;
  const tags = new Set(elements.map((e) => e.tag));
  const packages = [...new Set(elements.map((e) => e.pkg))];
  const pages = [];

  /** Link rules for a page at `base` (the path back to docs/site/). */
  const envFor = (base) => ({
    link(href) {
      const [path, hash] = href.split('#');
      const frag = hash ? `#${hash}` : '';
      if (!path) return { href: frag };
      const clean = path.replace(/^\.\//, '').replace(/^docs\//, '');
      if (/^[\w.-]+\.md$/.test(clean)) {
        if (clean === 'compliance.md') return { href: `${base}compliance.html${frag}` };
        if (clean === 'index.md') return { href: `${base}index.html${frag}` };
        if (existsSync(join(docsDir, clean))) return { href: `${base}${clean.replace(/\.md$/, '.html')}${frag}` };
        return null;
      }
      if (/^screenshots\/[\w.-]+\.png$/.test(clean)) return { href: `${base}../${clean}` };
      if (/^(elements\/)?[\w.-]+\.html$/.test(clean)) return { href: `${base}${clean}${frag}` }; // a page of this site
      return null; // repository files outside docs/ are not served
    },
    codeLink(text) {
      const m = /^<(aq-[a-z0-9-]+)[\s>]/.exec(text);
      return m && tags.has(m[1]) ? `${base}elements/${m[1]}.html` : null;
    },
  });

  const navGroups = [
    {
      title: 'Start',
      items: [
        { href: 'index.html', text: 'Overview' },
        { href: 'getting-started.html', text: 'Getting started' },
        { href: 'compliance.html', text: 'Compliance guide' },
        { href: 'screenshots.html', text: 'Screenshots' },
      ],
    },
    { title: 'Guides', items: guides.map((f) => ({ href: f.replace(/\.md$/, '.html'), text: titleOf(f).replace(/^@anquan\//, '') })) },
    ...packages.map((pkg) => ({
      title: `Elements: ${pkg}`,
      items: elements.filter((e) => e.pkg === pkg).map((e) => ({ href: `elements/${e.tag}.html`, text: `<${e.tag}>` })),
    })),
  ];
  const topNav = [
    { href: 'getting-started.html', text: 'Getting started' },
    { href: 'elements.html', text: 'Elements' },
    { href: 'compliance.html', text: 'Compliance guide' },
    { href: 'screenshots.html', text: 'Screenshots' },
  ];
  const layout = ({ title, base, body, current, live = false, description = '' }) => {
    const item = (it) => ({ href: `${base}${it.href}`, text: it.text, current: it.href === current });
    return render('layout.mustache', {
      csp: SITE_CSP,
      cdn: CDN,
      title,
      base,
      body,
      live,
      description: description ? String(description).replace(/\s+/g, ' ').trim() : '',
      topNav: topNav.map(item),
      nav: navGroups.map((g) => ({ title: g.title, items: g.items.map(item) })),
    });
  };
  const write = (rel, html) => {
    const file = join(outDir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
    pages.push(rel);
  };
  const mdPage = (file, rel, base = '') => {
    const body = markdownToHtml(readFileSync(join(docsDir, file), 'utf8'), { ...envFor(base), reservedIds: ['main'] });
    write(rel, layout({ title: titleOf(file), base, body, current: rel }));
  };

  for (const f of readdirSync(ASSETS)) copyFileSync(join(ASSETS, f), join(outDir, f));

  // Home page.
  const summaryOf = (e, env) => inlineMarkdown(firstSentence(e.decl.summary ?? e.decl.description ?? ''), env);
  const home = render('home.mustache', {
    packages: packages.map((pkg) => ({
      name: pkg,
      npm: elements.find((e) => e.pkg === pkg).npm,
      elements: elements.filter((e) => e.pkg === pkg).map((e) => ({ tag: e.tag, summaryHtml: summaryOf(e, envFor('')) })),
    })),
    introHtml: existsSync(join(docsDir, 'index.md'))
      ? markdownToHtml(readFileSync(join(docsDir, 'index.md'), 'utf8').replace(/^#\s+.*$/m, ''), {
          ...envFor(''),
          reservedIds: ['main', 'elements', 'guides', 'all-guides', ...packages.map((p) => `pkg-${p}`)],
        })
      : '',
    guides: guides.map((f) => ({ href: f.replace(/\.md$/, '.html'), title: titleOf(f) })),
  });
  write('index.html', layout({ title: 'Documentation', base: '', body: home, current: 'index.html' }));

  // Element index and pages, gallery pages.
  write(
    'elements.html',
    layout({
      title: 'Elements',
      base: '',
      current: 'elements.html',
      body: render('elements.mustache', {
        elements: elements.map((e) => ({
          tag: e.tag,
          npm: e.npm,
          summaryHtml: inlineMarkdown(firstSentence(e.decl.summary ?? ''), envFor('')),
        })),
      }),
    }),
  );
  for (const el of elements) {
    const packageDoc = existsSync(join(docsDir, `${el.pkg}.md`)) ? `${el.pkg}.html` : null;
    const body = render('element.mustache', elementView(el, { env: envFor('../'), shots, detailTypes, packageDoc }));
    write(
      `elements/${el.tag}.html`,
      layout({ title: `<${el.tag}>`, base: '../', body, current: `elements/${el.tag}.html`, live: true, description: el.decl.summary }),
    );
    for (const lang of LANGS) {
      write(
        `gallery/${el.tag}.${lang}.html`,
        render('gallery.mustache', {
          csp: SITE_CSP,
          cdn: CDN,
          tag: el.tag,
          lang,
          config: jsonBlock({ endpoint: '/aq-intake', ...(EXAMPLES[el.tag]?.config ?? {}) }, 0),
          example: exampleHtml(el.tag, lang, { gallery: true, assets: '../' }),
        }),
      );
    }
  }

  // Guides, getting started, compliance, screenshots.
  for (const f of guides) mdPage(f, f.replace(/\.md$/, '.html'));
  if (existsSync(join(docsDir, 'getting-started.md'))) mdPage('getting-started.md', 'getting-started.html');
  write(
    'compliance.html',
    layout({
      title: 'Compliance guide',
      base: '',
      current: 'compliance.html',
      body: render('compliance.mustache', complianceView(clauses, guide, envFor(''), registerFile)),
    }),
  );
  if (writeComplianceMd && registerFile) writeFileSync(join(docsDir, 'compliance.md'), complianceMarkdown(clauses, guide));

  write(
    'screenshots.html',
    layout({
      title: 'Screenshots',
      base: '',
      current: 'screenshots.html',
      body: render('screenshots.mustache', {
        missing: elements.filter((e) => !shots.has(e.tag)).map((e, i, all) => ({ tag: e.tag, sep: i < all.length - 1 ? ', ' : '' })),
        elements: elements.filter((e) => shots.has(e.tag)).map((e) => ({ tag: e.tag, screenshots: shotRows(shots, e.tag) })),
      }),
    }),
  );

  log(
    `docs: ${pages.length} pages in ${relative(root, outDir) || outDir} (${elements.length} elements, ${guides.length} guides, ${clauses.length} clauses, ${shots.size} elements with screenshots)`,
  );
  return { outDir, pages, elements, clauses, guide, registerFile, screenshots: shots };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generateSite();
}
