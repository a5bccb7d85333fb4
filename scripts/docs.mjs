#!/usr/bin/env node
// `npm run docs`: the static documentation site in docs/site/ (served by `npm start` at /docs/site/).
//
// Reads every packages/*/custom-elements.json (run `npm run build` first), the Markdown guides in
// docs/*.md, the clause register (../shared/spec/clauses.json) with docs/compliance-guide.json, and the
// PNGs in docs/screenshots/. Writes plain HTML: no inline script or style, no HTML built from strings
// in the browser, so every page runs under the demo server's strict CSP with Trusted Types. The only
// scripts are the CDN bundle (live examples) and site.js (the example's language and profile switch).
//
// Also writes docs/site/gallery/<tag>.<lang>.html (one element per page, used by
// scripts/screenshots.mjs) and docs/compliance.md (the compliance guide as Markdown).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const LANGS = ['zh-CN', 'en'];
// The bundle the live examples and gallery pages load (AQ_DOCS_CDN: another same-origin URL, e.g. a local test bundle).
const CDN = process.env.AQ_DOCS_CDN || '/packages/anquan/cdn/anquan.js';
const CAPABILITY_ORDER = ['label', 'minor-mode', 'report', 'consent', 'prescreen', 'core'];
const COVERAGE = {
  sdk: 'SDK measure (server enforces)',
  partial: 'Partly covered',
  host: "Mostly the host's work",
};

// ---------------------------------------------------------------------------------------------
// HTML escaping and a small Markdown converter (headings, paragraphs, lists, tables, fenced code,
// block quotes, rules, links, inline code, emphasis). Everything that is not markup is escaped.
// ---------------------------------------------------------------------------------------------

/** Escape text for HTML content and attribute values. */
export function esc(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A heading id: lower case, letters, digits, CJK and dashes. */
export function slug(text) {
  return (
    String(text)
      .toLowerCase()
      .replace(/<[^>]*>/g, '')
      .replace(/[`*_~]/g, '')
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'section'
  );
}

const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

/**
 * Inline Markdown to HTML. `ctx.link(href)` maps a link target to `{ href }` (a link) or `null` (text
 * only); `ctx.code(text)` may return a link target for an inline code span (element names).
 */
export function inline(text, ctx = {}) {
  let out = '';
  let i = 0;
  const s = String(text ?? '');
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1])) {
      out += esc(s[i + 1]);
      i += 2;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (s[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const end = findRun(s, fence, i + run);
      if (end !== -1) {
        let code = s.slice(i + run, end);
        if (/^ .* $/.test(code) && code.trim()) code = code.slice(1, -1);
        const target = ctx.code?.(code);
        const html = `<code>${esc(code)}</code>`;
        out += target ? `<a href="${esc(target)}">${html}</a>` : html;
        i = end + run;
        continue;
      }
      out += esc(fence);
      i += run;
      continue;
    }
    if (c === '[') {
      const link = parseLink(s, i);
      if (link) {
        const label = inline(link.label, { ...ctx, inLink: true });
        const target = ctx.inLink ? null : resolveLink(link.href, ctx);
        out += target ? `<a href="${esc(target.href)}"${target.external ? ' rel="noopener"' : ''}>${label}</a>` : `<span class="nolink">${label}</span>`;
        i = link.end;
        continue;
      }
    }
    if (c === '<') {
      const m = /^<(https?:\/\/[^\s<>]+)>/.exec(s.slice(i));
      if (m) {
        out += ctx.inLink ? esc(m[1]) : `<a href="${esc(m[1])}" rel="noopener">${esc(m[1])}</a>`;
        i += m[0].length;
        continue;
      }
    }
    if (c === '*' && s[i + 1] === '*') {
      const end = s.indexOf('**', i + 2);
      if (end > i + 2 && s[i + 2] !== ' ') {
        out += `<strong>${inline(s.slice(i + 2, end), ctx)}</strong>`;
        i = end + 2;
        continue;
      }
    }
    if (c === '*' && s[i + 1] && s[i + 1] !== ' ' && s[i + 1] !== '*') {
      const end = s.indexOf('*', i + 1);
      if (end > i + 1 && s[end - 1] !== ' ') {
        out += `<em>${inline(s.slice(i + 1, end), ctx)}</em>`;
        i = end + 1;
        continue;
      }
    }
    out += esc(c);
    i++;
  }
  return out;
}

function findRun(s, fence, from) {
  let at = s.indexOf(fence, from);
  while (at !== -1) {
    const before = s[at - 1];
    const after = s[at + fence.length];
    if (before !== '`' && after !== '`') return at;
    at = s.indexOf(fence, at + 1);
  }
  return -1;
}

/** `[label](href)` starting at `i`, with nested brackets and code spans in the label. */
function parseLink(s, i) {
  let depth = 0;
  let j = i;
  for (; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (s[j + run] === '`') run++;
      const end = findRun(s, '`'.repeat(run), j + run);
      if (end === -1) return null;
      j = end + run - 1;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']' && --depth === 0) break;
  }
  if (j >= s.length || s[j + 1] !== '(') return null;
  let close = -1;
  for (let k = j + 2, open = 0; k < s.length; k++) {
    if (s[k] === '(') open++;
    else if (s[k] === ')' && open-- === 0) {
      close = k;
      break;
    }
  }
  if (close === -1) return null;
  const href = s.slice(j + 2, close).trim().split(/\s+/)[0];
  return { label: s.slice(i + 1, j), href, end: close + 1 };
}

function resolveLink(href, ctx) {
  if (/^(https?:|mailto:)/i.test(href)) return { href, external: true };
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null; // javascript:, data:, …
  if (href.startsWith('#')) return { href };
  return ctx.link ? ctx.link(href) : null;
}

const LIST_RE = /^(\s*)([-*+]|\d{1,9}[.)])(\s+|$)/;
const FENCE_RE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING_RE = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const HR_RE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const TABLE_SEP_RE = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;

const indentOf = (line) => /^\s*/.exec(line)[0].replace(/\t/g, '    ').length;

function startsBlock(line, next) {
  return (
    FENCE_RE.test(line) ||
    HEADING_RE.test(line) ||
    HR_RE.test(line) ||
    /^\s*>/.test(line) ||
    LIST_RE.test(line) ||
    (line.trim().startsWith('|') && next !== undefined && TABLE_SEP_RE.test(next) && next.includes('-'))
  );
}

/** Split a table row on unescaped pipes; `\|` becomes a literal pipe. */
export function splitRow(line) {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells = [];
  let cell = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (s[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += s[i];
  }
  cells.push(cell.trim());
  return cells;
}

/** Block Markdown to HTML. `ctx.ids` (a Set) keeps heading ids unique; `ctx.headings` collects them. */
export function markdownToHtml(md, ctx = {}) {
  ctx.ids ??= new Set();
  const lines = String(md ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  return blocks(lines, ctx);
}

function blocks(lines, ctx) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE_RE.exec(line);
    if (fence) {
      const marker = fence[2];
      const pad = fence[1].length;
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(marker)) {
        body.push(lines[i].slice(Math.min(pad, indentOf(lines[i]))));
        i++;
      }
      i++;
      const lang = fence[3] ? ` class="language-${esc(fence[3])}"` : '';
      out.push(`<pre><code${lang}>${esc(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = HEADING_RE.exec(line);
    if (heading) {
      const level = heading[1].length;
      let id = slug(heading[2]);
      for (let n = 2; ctx.ids.has(id); n++) id = `${slug(heading[2])}-${n}`;
      ctx.ids.add(id);
      ctx.headings?.push({ level, id, text: heading[2] });
      out.push(`<h${level} id="${esc(id)}">${inline(heading[2], ctx)}</h${level}>`);
      i++;
      continue;
    }
    if (HR_RE.test(line)) {
      out.push('<hr>');
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && i + 1 < lines.length && TABLE_SEP_RE.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      const head = splitRow(line);
      const align = splitRow(lines[i + 1]).map((c) => (c.startsWith(':') && c.endsWith(':') ? 'al-c' : c.endsWith(':') ? 'al-r' : ''));
      const cls = (n) => (align[n] ? ` class="${align[n]}"` : '');
      i += 2;
      const rows = [];
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(splitRow(lines[i++]));
      out.push(
        '<div class="table-wrap"><table>' +
          `<thead><tr>${head.map((h, n) => `<th${cls(n)}>${inline(h, ctx)}</th>`).join('')}</tr></thead>` +
          `<tbody>${rows.map((r) => `<tr>${head.map((_, n) => `<td${cls(n)}>${inline(r[n] ?? '', ctx)}</td>`).join('')}</tr>`).join('')}</tbody>` +
          '</table></div>',
      );
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) body.push(lines[i++].replace(/^\s*>\s?/, ''));
      out.push(`<blockquote>${blocks(body, ctx)}</blockquote>`);
      continue;
    }
    if (LIST_RE.test(line)) {
      const r = list(lines, i, ctx);
      out.push(r.html);
      i = r.next;
      continue;
    }
    const para = [line.trim()];
    i++;
    while (i < lines.length && lines[i].trim() && !startsBlock(lines[i], lines[i + 1])) para.push(lines[i++].trim());
    out.push(`<p>${inline(para.join('\n'), ctx)}</p>`);
  }
  return out.join('\n');
}

function list(lines, i, ctx) {
  const first = LIST_RE.exec(lines[i]);
  const base = indentOf(lines[i]);
  const ordered = /\d/.test(first[2]);
  const start = ordered ? Number.parseInt(first[2], 10) : 1;
  const items = [];
  let loose = false;
  let current = null;
  while (i < lines.length) {
    const line = lines[i];
    const m = LIST_RE.exec(line);
    if (m && indentOf(line) <= base + 1 && indentOf(line) >= base - 1 && /\d/.test(m[2]) === ordered) {
      current = { lines: [line.slice(m[0].length)], indent: m[1].length + m[2].length + Math.max(1, Math.min(m[3].length, 4)) };
      items.push(current);
      i++;
      continue;
    }
    if (!line.trim()) {
      let j = i + 1;
      while (j < lines.length && !lines[j].trim()) j++;
      if (j >= lines.length) break;
      const nm = LIST_RE.exec(lines[j]);
      const sibling = nm && Math.abs(indentOf(lines[j]) - base) <= 1 && /\d/.test(nm[2]) === ordered;
      if (sibling || indentOf(lines[j]) >= current.indent) {
        loose = true;
        for (; i < j; i++) current.lines.push('');
        continue;
      }
      break;
    }
    if (indentOf(line) > base) {
      current.lines.push(line.slice(Math.min(current.indent, indentOf(line))));
      i++;
      continue;
    }
    // A lazy continuation of the item's paragraph.
    if (current.lines[current.lines.length - 1].trim() && !startsBlock(line, lines[i + 1])) {
      current.lines.push(line.trim());
      i++;
      continue;
    }
    break;
  }
  const tag = ordered ? 'ol' : 'ul';
  const startAttr = ordered && start !== 1 ? ` start="${start}"` : '';
  const html = items
    .map((item) => {
      let body = blocks(item.lines, ctx);
      if (!loose) body = body.replace(/^<p>([\s\S]*?)<\/p>(?=\n|$)/, '$1');
      return `<li>${body}</li>`;
    })
    .join('\n');
  return { html: `<${tag}${startAttr}>\n${html}\n</${tag}>`, next: i };
}

// ---------------------------------------------------------------------------------------------
// Inputs: custom-elements.json, Markdown guides, clauses, screenshots.
// ---------------------------------------------------------------------------------------------

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => !f.includes('node_modules'));
}

/** The tag each class registers, from `Class.define('aq-…')` in the package's registration files. */
function registeredTags(pkgDir) {
  const tags = new Map();
  for (const file of walk(join(pkgDir, 'src'))) {
    if (!/\.(ts|js|mjs)$/.test(file) || file.endsWith('.d.ts')) continue;
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\b([A-Z]\w*)\.define\(\s*['"](aq-[a-z0-9-]+)['"]/g)) if (!tags.has(m[1])) tags.set(m[1], m[2]);
  }
  return tags;
}

/**
 * Every element of every packages/*\/custom-elements.json: `{ pkg, tag, name, decl, module }`, sorted by
 * package then tag. The tag is the manifest's `tagName`, else the one its registration file defines.
 */
export function readElements(root = ROOT) {
  const elements = [];
  const dir = join(root, 'packages');
  for (const pkg of readdirSync(dir).sort()) {
    const file = join(dir, pkg, 'custom-elements.json');
    if (!existsSync(file)) continue;
    const manifest = readJson(file);
    const tags = registeredTags(join(dir, pkg));
    for (const mod of manifest.modules ?? []) {
      for (const decl of mod.declarations ?? []) {
        if (decl.kind !== 'class') continue;
        const tag = decl.tagName ?? tags.get(decl.name);
        if (!tag) continue;
        elements.push({ pkg, tag, name: decl.name, decl, module: `packages/${pkg}/${mod.path}` });
      }
    }
  }
  return elements.sort((a, b) => a.pkg.localeCompare(b.pkg) || a.tag.localeCompare(b.tag));
}

/** Clauses from the register, or (when it is missing) the ids of the guide with a warning. */
export function readClauses(root = ROOT, guide = readGuide(root)) {
  const candidates = [process.env.AQ_CLAUSES, join(root, '..', 'shared', 'spec', 'clauses.json'), join(root, 'shared', 'spec', 'clauses.json')].filter(Boolean);
  const file = candidates.find((f) => existsSync(f));
  if (file) return { file, clauses: readJson(file) };
  console.warn('docs: shared/spec/clauses.json not found; the compliance guide lists the guide\'s clause ids without the requirement text.');
  return { file: null, clauses: Object.keys(guide.clauses).map((id) => ({ id, capability: guide.clauses[id].capability ?? 'other', source: '', requirement: '' })) };
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

// ---------------------------------------------------------------------------------------------
// Examples: the markup of each element's live example and gallery page (static HTML only).
// `html(lang)` is the markup; `config` an extra data-anquan-config block for the gallery page;
// `setup` an async function body the screenshot script runs in the page; `clip` what to capture.
// ---------------------------------------------------------------------------------------------

const TEXT = {
  'zh-CN': {
    answer: '长城是中国古代的军事防御工程，东起山海关，西至嘉峪关。',
    second: '明长城保存最完整。',
    buy: '购买 ¥30 的会员',
    ask: '提问',
    send: '发送',
    upload: '发布',
    image: '生成的山水画',
    extra: '用户须知：发布生成内容时须主动声明。',
  },
  en: {
    answer: 'The Great Wall is an ancient Chinese fortification, from Shanhaiguan in the east to Jiayuguan in the west.',
    second: 'The Ming wall is the best preserved.',
    buy: 'Buy a ¥30 membership',
    ask: 'Your question',
    send: 'Send',
    upload: 'Publish',
    image: 'A generated landscape',
    extra: 'Users must declare generated content when they publish it.',
  },
};

const NOTICE = {
  version: '2025-11-01',
  handler: { name: { 'zh-CN': '示例科技有限公司', en: 'Example Tech Ltd.' }, contact: 'privacy@example.com' },
  purposes: [
    { id: 'service', label: { 'zh-CN': '回答你的问题', en: 'Answering your questions' }, necessary: true },
    { id: 'chat-history', label: { 'zh-CN': '保存对话记录', en: 'Keeping your chat history' } },
    { id: 'cross-border', label: { 'zh-CN': '在境外服务器上处理', en: 'Processing on servers abroad' }, separate: 'cross-border' },
  ],
  methods: { 'zh-CN': '自动化处理你输入的文字', en: 'Automated processing of the text you enter' },
  categories: { 'zh-CN': '输入内容、设备标识', en: 'Your inputs and a device identifier' },
  retention: { 'zh-CN': '30 天', en: '30 days' },
  rights: { 'zh-CN': '你可以查阅、复制、更正、删除你的个人信息', en: 'You may access, copy, correct and delete your personal information' },
  policyUrl: '/privacy',
};

const DISCLOSURE = {
  service: 'Example Assistant',
  updated: '2025-11-01',
  intendedUsers: { 'zh-CN': '18 岁以上的一般用户', en: 'Adults in general' },
  occasions: { 'zh-CN': '日常问答与写作', en: 'Everyday questions and writing' },
  purposes: { 'zh-CN': '信息查询、写作辅助', en: 'Looking things up, help with writing' },
  foundationModels: [{ name: 'Example-LM', version: '2.1', provider: 'Example AI', filing: 'Beijing-Example-2025-0001' }],
  limitations: [{ 'zh-CN': '回答可能有误，请核实重要信息', en: 'Answers can be wrong; check what matters' }],
  modelSummary: { 'zh-CN': '基于 Transformer 的大语言模型，经过指令微调', en: 'A Transformer language model with instruction tuning' },
  personalInformation: [{ category: { 'zh-CN': '输入内容', en: 'Your inputs' }, use: { 'zh-CN': '生成回答', en: 'To generate answers' } }],
};

const json = (v) => JSON.stringify(v, null, 2).replace(/</g, '\\u003c');
const SAMPLE_IMAGE = 'sample-landscape.svg';
// Quota 0 and no curfew (start = end): the lock shows the quota reason whatever the time of day.
const minorConfig = (quota) => ({ thresholds: { minors: { dailyQuotaMinutes: { '12-15': quota }, curfew: { start: '00:00', end: '00:00' } } } });

export const EXAMPLES = {
  'aq-ai-label': { html: (l) => `<aq-ai-label position="end">${esc(TEXT[l].answer)}</aq-ai-label>\n<aq-ai-label position="middle">${esc(TEXT[l].answer)} <span slot="after">${esc(TEXT[l].second)}</span></aq-ai-label>` },
  'aq-ai-notice': { html: () => '<aq-ai-notice position="top"></aq-ai-notice>' },
  'aq-ai-image': { html: (l, a) => `<aq-ai-image position="bottom-right"><img src="${a}${SAMPLE_IMAGE}" width="480" height="300" alt="${esc(TEXT[l].image)}"></aq-ai-image>` },
  'aq-ai-video': {
    // The demo's clip when it is there (served from /demo/media/), else an empty player.
    html: () => `<aq-ai-video><video${existsSync(join(ROOT, 'demo', 'media', 'sea.webm')) ? ' src="/demo/media/sea.webm"' : ''} width="480" height="270" muted controls></video></aq-ai-video>`,
  },
  'aq-aigc-badge': { html: () => '<aq-aigc-badge declared></aq-aigc-badge>\n<aq-aigc-badge detected></aq-aigc-badge>' },
  'aq-aigc-declare': { html: (l) => `<form class="example-form">\n  <aq-aigc-declare name="aigc" content-id="upload-123"></aq-aigc-declare>\n  <button>${esc(TEXT[l].upload)}</button>\n</form>` },
  'aq-labelling-notice': { html: (l) => `<aq-labelling-notice heading-level="3"><p>${esc(TEXT[l].extra)}</p></aq-labelling-notice>` },
  'aq-consent-notice': {
    html: () => `<aq-consent-notice mode="inline">\n  <script type="application/json">\n${json(NOTICE)}\n  </script>\n</aq-consent-notice>`,
  },
  'aq-training-optout': { html: () => '<aq-training-optout id="training-switch"></aq-training-optout>' },
  'aq-training-status': { html: () => '<aq-training-status for="training-switch"></aq-training-status>\n<aq-training-optout id="training-switch"></aq-training-optout>' },
  'aq-transparency': { html: () => `<aq-transparency>\n  <script type="application/json">\n${json(DISCLOSURE)}\n  </script>\n</aq-transparency>` },
  'aq-ai-disclosure': { html: () => '<aq-ai-disclosure version="1" domain="medical" profile="eu"></aq-ai-disclosure>', caption: 'profile="eu" (the AI-interaction notice) with domain="medical"' },
  'aq-minor-mode': {
    html: () => '<aq-minor-mode name="docs" band="12-15" no-lock></aq-minor-mode>\n<aq-minor-mode-toggle></aq-minor-mode-toggle>',
    gallery: () => '<aq-minor-mode name="gallery" band="12-15" os-signal="on" no-lock></aq-minor-mode>',
    caption: 'minors mode on (band 12-15): the status line',
  },
  'aq-minor-mode-toggle': {
    html: () => '<aq-minor-mode name="docs" band="12-15" no-lock hide-status></aq-minor-mode>\n<aq-minor-mode-toggle></aq-minor-mode-toggle>',
  },
  'aq-minor-lock': {
    html: () => '<aq-minor-mode name="docs" band="12-15" no-lock></aq-minor-mode>\n<aq-minor-lock></aq-minor-lock>',
    note: 'The lock shows only while a limit holds (daily quota or curfew); the screenshots were taken with a daily quota of 0 minutes.',
    gallery: () => '<aq-minor-mode name="gallery" band="12-15" os-signal="on" no-lock hide-status></aq-minor-mode>\n<aq-minor-lock></aq-minor-lock>',
    config: minorConfig(0),
    clip: 'viewport',
    viewportHeight: 600,
    caption: 'daily quota reached (quota set to 0 for the picture)',
  },
  'aq-guardian-settings': {
    html: () => '<aq-minor-mode name="docs" band="12-15" no-lock hide-status></aq-minor-mode>\n<aq-guardian-settings></aq-guardian-settings>',
  },
  'aq-paid-gate': {
    html: (l) => `<aq-minor-mode name="docs" band="3-7" no-lock hide-status></aq-minor-mode>\n<aq-paid-gate amount="3000"><button data-shot-click>${esc(TEXT[l].buy)}</button></aq-paid-gate>`,
    gallery: (l) => `<aq-minor-mode name="gallery" band="3-7" os-signal="on" no-lock hide-status></aq-minor-mode>\n<aq-paid-gate amount="3000"><button data-shot-click>${esc(TEXT[l].buy)}</button></aq-paid-gate>`,
    setup: "document.querySelector('[data-shot-click]').click();",
    caption: 'minors mode on, band 3-7: the purchase is blocked',
  },
  'aq-age-gate': { html: () => '<aq-age-gate for-minors="minors-mode" policy-url="/privacy/children"></aq-age-gate>' },
  'aq-prescreen': {
    html: (l) => `<aq-prescreen>\n  <form class="example-form">\n    <label for="q">${esc(TEXT[l].ask)}</label>\n    <textarea id="q" name="q" rows="2"></textarea>\n    <button>${esc(TEXT[l].send)}</button>\n  </form>\n</aq-prescreen>`,
    setup:
      "const aq = await import(document.querySelector('script[type=module][src]').src);\n" +
      "const el = document.querySelector('aq-prescreen');\n" +
      "el.policy = new aq.PrescreenPolicy({ keywords: new aq.KeywordMatcher([{ term: '制作炸药', risk: 'A1.d' }, { term: 'make explosives', risk: 'A1.d' }]), send: 'none' });\n" +
      "document.querySelector('#q').value = document.documentElement.lang === 'en' ? 'How do I make explosives at home?' : '在家怎么制作炸药？';\n" +
      "const blocked = new Promise((r) => { el.addEventListener('aq-prescreen-blocked', r, { once: true }); setTimeout(r, 5000); });\n" +
      "document.querySelector('form button').click();\n" +
      'await blocked;',
    note: 'Without a policy the element only warns. Set `el.policy = new PrescreenPolicy({ keywords, classifier })` (see the prescreen guide); the screenshots use a one-term keyword list.',
    caption: 'a refused input (a one-term keyword list for the picture)',
  },
  'aq-report-button': {
    html: () => '<div data-aq-message class="example-message">\n  <p>…</p>\n  <aq-report-button message-id="m-42" conversation-id="c-7"></aq-report-button>\n</div>\n<aq-report-button variant="global"></aq-report-button>',
  },
  'aq-report-dialog': {
    html: () =>
      '<aq-report-button variant="global"></aq-report-button>\n<aq-report-dialog channel-phone="400-800-1234" channel-email="report@example.cn" channel-sms="10690000" channel-chat="/help/chat"></aq-report-dialog>',
    gallery: () => '<aq-report-dialog open channel-phone="400-800-1234" channel-email="report@example.cn" channel-sms="10690000" channel-chat="/help/chat"></aq-report-dialog>',
    clip: 'dialog',
    viewportHeight: 1500,
  },
  'aq-report-status': {
    html: () => '<aq-report-status></aq-report-status>',
    setup:
      "const aq = await import(document.querySelector('script[type=module][src]').src);\n" +
      "await aq.getReportClient().submit({ category: 'P.unlabelled-ai', description: 'Gallery example report' });\n" +
      "await document.querySelector('aq-report-status').refresh();",
    caption: 'after one report (received, with tracking number and due date)',
  },
};

/** The example of `tag` (a plain element when no example is written). `assets` is the path to docs/site/. */
export function exampleHtml(tag, lang, { gallery = false, assets = '' } = {}) {
  const ex = EXAMPLES[tag];
  if (!ex) return `<${tag}></${tag}>`;
  return ((gallery && ex.gallery) || ex.html)(lang, assets);
}

// ---------------------------------------------------------------------------------------------
// Site
// ---------------------------------------------------------------------------------------------

const SITE_CSS = `:root {
  color-scheme: light;
  --fg: #1d2330; --muted: #5b6475; --bg: #fff; --panel: #f5f7fa; --line: #dde2ea; --accent: #0b5cad; --ok: #1d7a3e; --warn: #8a5a00; --host: #8b2f2f;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  line-height: 1.55; color: var(--fg); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 0.9em; }
code { background: var(--panel); padding: 0.05em 0.3em; border-radius: 3px; }
pre { background: #0f1724; color: #e6edf3; padding: 0.9rem 1rem; border-radius: 6px; overflow: auto; }
pre code { background: none; padding: 0; color: inherit; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: 0.5rem; }
.skip:focus { left: 0.5rem; z-index: 10; }
.site-header { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; padding: 0.75rem 1.5rem; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; color: var(--fg); }
.site-header nav { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
.layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); gap: 2rem; max-width: 80rem; margin: 0 auto; padding: 1.5rem; }
.sidebar { font-size: 0.9rem; }
.sidebar h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 1.2rem 0 0.3rem; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar li { margin: 0.15rem 0; }
.sidebar a[aria-current="page"] { font-weight: 700; color: var(--fg); }
main { min-width: 0; }
h1 { margin-top: 0; }
h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.55rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
.al-c { text-align: center; } .al-r { text-align: right; }
blockquote { margin: 1rem 0; padding: 0.5rem 1rem; border-left: 4px solid var(--accent); background: var(--panel); }
.nolink { text-decoration: underline dotted; }
.lead { font-size: 1.1rem; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 8px; padding: 0.8rem 1rem; }
.cards p { margin: 0.3rem 0 0; color: var(--muted); font-size: 0.92rem; }
.live { border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0; }
.live-bar { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0.5rem 0.8rem; background: var(--panel); border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; font-size: 0.9rem; }
.live-stage { padding: 1rem; }
.example-form { display: grid; gap: 0.5rem; max-width: 32rem; justify-items: start; }
.example-form textarea, .example-form aq-aigc-declare { width: 100%; }
.example-message { border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 0.8rem; margin-bottom: 0.8rem; }
.shots { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 1rem; }
.shots figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem; max-width: 100%; }
.shots img { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 0.3rem; }
.badge { display: inline-block; font-size: 0.78rem; padding: 0.05rem 0.5rem; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
.cov-sdk { color: var(--ok); } .cov-partial { color: var(--warn); } .cov-host { color: var(--host); }
.clause { border: 1px solid var(--line); border-radius: 8px; padding: 0.8rem 1rem; margin: 1rem 0; }
.clause h3 { margin: 0 0 0.3rem; font-size: 1.05rem; }
.clause .req { margin: 0.2rem 0 0.6rem; }
.clause .src { color: var(--muted); font-size: 0.88rem; }
.clause dl { display: grid; grid-template-columns: 11rem minmax(0, 1fr); gap: 0.35rem 1rem; margin: 0; }
.clause dt { font-weight: 600; }
.clause dd { margin: 0; }
.note { background: #fff8e6; border: 1px solid #f0d9a0; border-radius: 6px; padding: 0.5rem 0.8rem; }
.site-footer { border-top: 1px solid var(--line); padding: 1rem 1.5rem; color: var(--muted); font-size: 0.85rem; }
body.gallery { background: #fff; padding: 16px; width: 800px; }
body.gallery .shot { display: flow-root; }
@media (max-width: 52rem) { .layout { grid-template-columns: 1fr; } .clause dl { grid-template-columns: 1fr; } }
`;

// The live example's switches. DOM properties and attributes only (Trusted Types: no HTML strings).
const SITE_JS = `// Live examples: switch the example's language (lang on the stage) and profile (profile on each aq-* element).
for (const live of document.querySelectorAll('[data-live]')) {
  const stage = live.querySelector('.live-stage');
  const lang = live.querySelector('[data-live-lang]');
  const profile = live.querySelector('[data-live-profile]');
  lang?.addEventListener('change', () => stage.setAttribute('lang', lang.value));
  profile?.addEventListener('change', () => {
    for (const el of stage.querySelectorAll('*')) {
      if (!el.localName.startsWith('aq-') || el.hasAttribute('data-fixed-profile')) continue;
      if (profile.value) el.setAttribute('profile', profile.value);
      else el.removeAttribute('profile');
    }
  });
}
`;

const SAMPLE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="600" viewBox="0 0 960 600">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6d9a8"/><stop offset="1" stop-color="#9cc6e0"/></linearGradient>
  </defs>
  <rect width="960" height="600" fill="url(#sky)"/>
  <circle cx="720" cy="150" r="60" fill="#fff3c4"/>
  <path d="M0 420 L160 250 L300 380 L460 200 L640 400 L800 280 L960 380 L960 600 L0 600 Z" fill="#4f6d7a"/>
  <path d="M0 500 L200 380 L380 470 L560 360 L760 480 L960 420 L960 600 L0 600 Z" fill="#2f4858"/>
</svg>
`;

function layout({ title, base, body, nav, current, live = false, description = '' }) {
  const cfg = live ? `\n<script type="application/json" data-anquan-config>{ "endpoint": "/aq-intake" }</script>` : '';
  const scripts = live ? `\n<script type="module" src="${CDN}"></script>\n<script type="module" src="${base}site.js"></script>` : '';
  const link = (href, text) => `<a href="${base}${href}"${href === current ? ' aria-current="page"' : ''}>${esc(text)}</a>`;
  const side = nav
    .map((group) => `<h2>${esc(group.title)}</h2>\n<ul>${group.items.map((it) => `<li>${link(it.href, it.text)}</li>`).join('')}</ul>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Anquan</title>${description ? `\n<meta name="description" content="${esc(description)}">` : ''}
<link rel="icon" href="/demo/favicon.svg">
<link rel="stylesheet" href="${base}site.css">${cfg}${scripts}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<a class="brand" href="${base}index.html">Anquan 安全 SDK</a>
<nav aria-label="Site">${link('getting-started.html', 'Getting started')} ${link('elements.html', 'Elements')} ${link('compliance.html', 'Compliance guide')} ${link('screenshots.html', 'Screenshots')} <a href="/">Demo</a></nav>
</header>
<div class="layout">
<aside class="sidebar" aria-label="Pages">
${side}
</aside>
<main id="main">
${body}
</main>
</div>
<footer class="site-footer">Generated by <code>npm run docs</code> (scripts/docs.mjs) from custom-elements.json, docs/*.md and the clause register. Client-side measures are advisory; the host's server enforces.</footer>
</body>
</html>
`;
}

function galleryPage({ tag, lang, body, config }) {
  const cfg = { endpoint: '/aq-intake', ...(config ?? {}) };
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(tag)} (${lang}) · Anquan gallery</title>
<link rel="icon" href="/demo/favicon.svg">
<link rel="stylesheet" href="../site.css">
<script type="application/json" data-anquan-config>${JSON.stringify(cfg).replace(/</g, '\\u003c')}</script>
<script type="module" src="${CDN}"></script>
</head>
<body class="gallery">
<main id="shot" class="shot" data-tag="${esc(tag)}">
${body}
</main>
</body>
</html>
`;
}

function table(head, rows) {
  if (!rows.length) return '<p>None.</p>';
  return (
    '<div class="table-wrap"><table>' +
    `<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody>` +
    '</table></div>'
  );
}

const code = (s) => (s === undefined || s === null || s === '' ? '' : `<code>${esc(s)}</code>`);

function elementPage(el, { ctx, shots, packageDoc }) {
  const d = el.decl;
  const md = (s) => (s ? inline(String(s).replace(/\s*\n\s*/g, ' '), ctx) : '');
  const attrs = (d.attributes ?? []).map((a) => [
    code(a.name),
    code(a.fieldName ?? ''),
    code(a.type?.text ?? ''),
    code(a.default ?? ''),
    md(a.description ?? (d.members ?? []).find((m) => m.name === a.fieldName)?.description),
  ]);
  const publicMember = (m) => !m.static && !m.privacy && !String(m.name).startsWith('_') && !String(m.name).startsWith('#');
  const fields = (d.members ?? []).filter((m) => m.kind === 'field' && publicMember(m));
  const props = fields.map((m) => [code(m.name), code(m.attribute ?? ''), code(m.type?.text ?? ''), code(m.default ?? ''), `${m.readonly ? '<span class="badge">read-only</span> ' : ''}${m.reflects ? '<span class="badge">reflects</span> ' : ''}${md(m.description)}`]);
  const methods = (d.members ?? [])
    .filter((m) => m.kind === 'method' && publicMember(m))
    .map((m) => [
      code(`${m.name}(${(m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`).join(', ')})`),
      code(m.return?.type?.text ?? ''),
      md(m.description),
    ]);
  const events = (d.events ?? []).filter((e) => e.name).map((e) => [code(e.name), code(e.type?.text ?? ''), md(e.description)]);
  const slots = (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', md(s.description)]);
  const parts = (d.cssParts ?? []).map((p) => [code(p.name), md(p.description)]);
  const cssProps = (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default ?? ''), md(p.description)]);
  const ex = EXAMPLES[el.tag] ?? {};
  const source = exampleHtml(el.tag, 'en', { assets: '../' });
  const shot = shots.get(el.tag);
  const shotHtml = shot
    ? `<h2 id="screenshots">Screenshots</h2>\n<div class="shots">${LANGS.filter((l) => shot[l])
        .map((l) => `<figure><img src="../../screenshots/${esc(shot[l].file)}" width="${shot[l].width}" height="${shot[l].height}" alt="${esc(`${el.tag} in ${l}`)}"><figcaption>${esc(l)}${ex.caption ? ` · ${esc(ex.caption)}` : ''}</figcaption></figure>`)
        .join('\n')}</div>`
    : '';
  const body = `<h1><code>&lt;${esc(el.tag)}&gt;</code></h1>
<p class="lead">${md(d.summary) || md(d.description)}</p>
<p>Package <code>@anquan/${esc(el.pkg)}</code> · class <code>${esc(el.name)}</code> · source <code>${esc(el.module)}</code>${packageDoc ? ` · guide: <a href="../${esc(packageDoc)}">${esc(el.pkg)}</a>` : ''}</p>
${d.summary && d.description ? markdownToHtml(d.description, { ...ctx, ids: new Set(['x']) }) : ''}
<h2 id="live-example">Live example</h2>
${ex.note ? `<p class="note">${inline(ex.note, ctx)}</p>` : ''}
<div class="live" data-live>
<div class="live-bar">
<label>Language <select data-live-lang><option value="en" selected>English</option><option value="zh-CN">中文 (zh-CN)</option></select></label>
<label>Profile <select data-live-profile><option value="">active profile</option><option value="cn">cn</option><option value="eu">eu</option></select></label>
</div>
<div class="live-stage" lang="en">
${source}
</div>
</div>
<details><summary>Example markup</summary>
<pre><code class="language-html">${esc(`<script type="module" src="${CDN}"></script>\n${source}`)}</code></pre>
</details>
${shotHtml}
<h2 id="attributes">Attributes</h2>
${table(['Attribute', 'Property', 'Type', 'Default', 'Description'], attrs)}
<p>Every element also takes <code>profile</code> (<code>cn</code> or <code>eu</code>; default: the active profile) and follows <code>lang</code> (<code>zh-CN</code> or <code>en</code>) on itself or its nearest ancestor (from <code>AnquanElement</code>, see <a href="../core.html">core</a>).</p>
<h2 id="properties">Properties</h2>
${table(['Property', 'Attribute', 'Type', 'Default', 'Description'], props)}
<h2 id="methods">Methods</h2>
${table(['Method', 'Returns', 'Description'], methods)}
<h2 id="events">Events</h2>
${table(['Event', 'Detail', 'Description'], events)}
<h2 id="slots">Slots</h2>
${table(['Slot', 'Description'], slots)}
<h2 id="css-parts">CSS parts</h2>
${table(['Part', 'Description'], parts)}
<h2 id="css-custom-properties">CSS custom properties</h2>
${table(['Property', 'Default', 'Description'], cssProps)}
<p>Shared theme tokens (<code>--aq-color-*</code>, <code>--aq-radius</code>, <code>--aq-font-family</code>, <code>--aq-focus-ring</code>) come from <code>baseStyles</code> in <a href="../core.html">core</a>.</p>`;
  return body;
}

function complianceMarkdown(clauses, guide) {
  const lines = [
    '# Compliance guide',
    '',
    '<!-- Generated by `npm run docs` (scripts/docs.mjs) from shared/spec/clauses.json and docs/compliance-guide.json: edit those, not this file. -->',
    '',
    'For each clause of the register: the element and configuration that meets it, and what the host\'s server must still do. Everything the SDK does runs in the user\'s browser and is **advisory**: the server enforces (see the [intake contract](intake.md)).',
    '',
    'Coverage: **sdk** = the SDK provides the user-facing measure; **partial** = the SDK covers part of the clause; **host** = mostly the host\'s own work, the SDK helps.',
    '',
  ];
  for (const cap of capabilities(clauses)) {
    lines.push(`## ${cap}`, '');
    for (const c of clauses.filter((x) => x.capability === cap)) {
      const g = guide.clauses[c.id];
      lines.push(`### ${c.id}`, '');
      if (c.requirement) lines.push(`${c.requirement} (${c.source})`, '');
      if (!g) {
        lines.push('- **Coverage:** not yet written', '');
        continue;
      }
      lines.push(`- **Coverage:** ${g.coverage}`, `- **Element:** ${g.element}`, `- **Configuration:** ${g.configuration}`, `- **Host's server must still do:** ${g.server}`);
      if (g.docs) lines.push(`- **Guide:** [${g.docs}](${g.docs})`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function capabilities(clauses) {
  const caps = [...new Set(clauses.map((c) => c.capability))];
  return caps.sort((a, b) => (CAPABILITY_ORDER.indexOf(a) + 1 || 99) - (CAPABILITY_ORDER.indexOf(b) + 1 || 99));
}

function compliancePage(clauses, guide, ctx, registerFile) {
  const counts = { sdk: 0, partial: 0, host: 0 };
  for (const c of clauses) if (guide.clauses[c.id]) counts[guide.clauses[c.id].coverage] = (counts[guide.clauses[c.id].coverage] ?? 0) + 1;
  const badge = (cov) => `<span class="badge cov-${esc(cov)}">${esc(COVERAGE[cov] ?? cov)}</span>`;
  const summaryRows = clauses.map((c) => {
    const g = guide.clauses[c.id];
    return [`<a href="#${esc(c.id)}"><code>${esc(c.id)}</code></a>`, esc(c.capability), g ? badge(g.coverage) : 'not yet written', g ? inline(g.element, ctx) : ''];
  });
  const sections = capabilities(clauses)
    .map((cap) => {
      const items = clauses
        .filter((c) => c.capability === cap)
        .map((c) => {
          const g = guide.clauses[c.id];
          const dl = g
            ? `<dl>
<dt>Coverage</dt><dd>${badge(g.coverage)}</dd>
<dt>Element</dt><dd>${inline(g.element, ctx)}</dd>
<dt>Configuration</dt><dd>${inline(g.configuration, ctx)}</dd>
<dt>Host's server must still do</dt><dd>${inline(g.server, ctx)}</dd>
${g.docs ? `<dt>Guide</dt><dd>${inline(`[${g.docs.replace(/\.md$/, '')}](${g.docs})`, ctx)}</dd>` : ''}
</dl>`
            : '<p class="note">Guidance not yet written for this clause.</p>';
          return `<section class="clause" id="${esc(c.id)}" aria-labelledby="${esc(c.id)}-h">
<h3 id="${esc(c.id)}-h"><code>${esc(c.id)}</code></h3>
${c.requirement ? `<p class="req">${esc(c.requirement)}</p>` : ''}${c.source ? `<p class="src">${esc(c.source)}</p>` : ''}
${dl}
</section>`;
        })
        .join('\n');
      return `<h2 id="cap-${esc(cap)}">${esc(cap)}</h2>\n${items}`;
    })
    .join('\n');
  return `<h1>Compliance guide</h1>
<p class="lead">For each of the ${clauses.length} clauses of the register${registerFile ? ` (<code>shared/spec/clauses.json</code>)` : ''}: the element and configuration that meets it, and what the host's server must still do.</p>
<p>Everything the SDK does runs in the user's browser and is <strong>advisory</strong>: a user can change the page, clear site data or use another client. The records the SDK sends (see the <a href="intake.html">intake contract</a>) let your server enforce. Coverage: ${counts.sdk} clauses are met by an SDK measure, ${counts.partial} partly, ${counts.host} are mostly the host's own work.</p>
<h2 id="summary">Summary</h2>
${table(['Clause', 'Capability', 'Coverage', 'Element'], summaryRows)}
${sections}`;
}

/** Generate the site. Returns what was written (for tests and the screenshot script). */
export function generateSite({ root = ROOT, outDir = join(root, 'docs', 'site'), writeComplianceMd = true, quiet = false } = {}) {
  const log = quiet ? () => {} : (...a) => console.log(...a);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'elements'), { recursive: true });
  mkdirSync(join(outDir, 'gallery'), { recursive: true });
  const elements = readElements(root);
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
  const pages = [];

  const ctxFor = (base) => ({
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
    code(text) {
      const m = /^<(aq-[a-z0-9-]+)[\s>]/.exec(text);
      return m && tags.has(m[1]) ? `${base}elements/${m[1]}.html` : null;
    },
  });

  const nav = [
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
    ...[...new Set(elements.map((e) => e.pkg))].map((pkg) => ({
      title: `Elements: ${pkg}`,
      items: elements.filter((e) => e.pkg === pkg).map((e) => ({ href: `elements/${e.tag}.html`, text: `<${e.tag}>` })),
    })),
  ];
  const write = (rel, html) => {
    const file = join(outDir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
    pages.push(rel);
  };
  const mdPage = (file, rel, base = '') => {
    const ctx = { ...ctxFor(base), ids: new Set() };
    const body = markdownToHtml(readFileSync(join(docsDir, file), 'utf8'), ctx);
    write(rel, layout({ title: titleOf(file), base, body, nav, current: rel }));
  };

  writeFileSync(join(outDir, 'site.css'), SITE_CSS);
  writeFileSync(join(outDir, 'site.js'), SITE_JS);
  writeFileSync(join(outDir, SAMPLE_IMAGE), SAMPLE_SVG);

  // Home page.
  const home = [
    '<h1>Anquan 安全</h1>',
    '<p class="lead">Web components for the user-facing compliance measures of generative-AI services: GB 45438 labels, GB/T 45654 minors, transparency, training opt-out, complaints and input screening, PIPL consent, and the EU AI Act Art. 50 and DSA Art. 16.</p>',
    '<p><a href="getting-started.html">Getting started</a> · <a href="compliance.html">Compliance guide</a> (what each clause needs from the SDK and from your server) · <a href="screenshots.html">Screenshots</a> · <a href="/">the demo</a></p>',
    '<h2 id="elements">Elements</h2>',
    ...[...new Set(elements.map((e) => e.pkg))].map(
      (pkg) =>
        `<h3 id="pkg-${esc(pkg)}">@anquan/${esc(pkg)}</h3>\n<ul class="cards">${elements
          .filter((e) => e.pkg === pkg)
          .map((e) => `<li><a href="elements/${esc(e.tag)}.html"><code>&lt;${esc(e.tag)}&gt;</code></a><p>${inline(firstSentence(e.decl.summary ?? e.decl.description ?? ''), ctxFor(''))}</p></li>`)
          .join('')}</ul>`,
    ),
    '<h2 id="guides">Guides</h2>',
    existsSync(join(docsDir, 'index.md'))
      ? markdownToHtml(readFileSync(join(docsDir, 'index.md'), 'utf8').replace(/^#\s+.*$/m, ''), { ...ctxFor(''), ids: new Set(['elements', 'guides']) })
      : '',
    '<h3 id="all-guides">All guides</h3>',
    `<ul>${guides.map((f) => `<li><a href="${f.replace(/\.md$/, '.html')}">${esc(titleOf(f))}</a></li>`).join('')}</ul>`,
  ].join('\n');
  write('index.html', layout({ title: 'Documentation', base: '', body: home, nav, current: 'index.html' }));

  // Element index and pages.
  write(
    'elements.html',
    layout({
      title: 'Elements',
      base: '',
      nav,
      current: 'elements.html',
      body: `<h1>Elements</h1>\n<p>Generated from each package's <code>custom-elements.json</code> (<code>npm run build</code>).</p>\n${table(
        ['Element', 'Package', 'Summary'],
        elements.map((e) => [`<a href="elements/${esc(e.tag)}.html"><code>&lt;${esc(e.tag)}&gt;</code></a>`, esc(e.pkg), inline(firstSentence(e.decl.summary ?? ''), ctxFor(''))]),
      )}`,
    }),
  );
  for (const el of elements) {
    const doc = existsSync(join(docsDir, `${el.pkg}.md`)) ? `${el.pkg}.html` : null;
    const body = elementPage(el, { ctx: { ...ctxFor('../'), ids: new Set() }, shots, packageDoc: doc });
    write(`elements/${el.tag}.html`, layout({ title: `<${el.tag}>`, base: '../', body, nav, current: `elements/${el.tag}.html`, live: true, description: el.decl.summary }));
    for (const lang of LANGS) {
      const ex = EXAMPLES[el.tag] ?? {};
      write(`gallery/${el.tag}.${lang}.html`, galleryPage({ tag: el.tag, lang, body: exampleHtml(el.tag, lang, { gallery: true, assets: '../' }), config: ex.config }));
    }
  }

  // Guides, getting started, compliance, screenshots.
  for (const f of guides) mdPage(f, f.replace(/\.md$/, '.html'));
  if (existsSync(join(docsDir, 'getting-started.md'))) mdPage('getting-started.md', 'getting-started.html');
  write('compliance.html', layout({ title: 'Compliance guide', base: '', nav, current: 'compliance.html', body: compliancePage(clauses, guide, { ...ctxFor(''), ids: new Set() }, registerFile) }));
  if (writeComplianceMd && registerFile) writeFileSync(join(docsDir, 'compliance.md'), complianceMarkdown(clauses, guide));

  const shotSections = elements
    .filter((e) => shots.has(e.tag))
    .map((e) => {
      const s = shots.get(e.tag);
      const cap = EXAMPLES[e.tag]?.caption;
      return `<h2 id="shot-${esc(e.tag)}"><a href="elements/${esc(e.tag)}.html"><code>&lt;${esc(e.tag)}&gt;</code></a></h2>\n<div class="shots">${LANGS.filter((l) => s[l])
        .map((l) => `<figure><img src="../screenshots/${esc(s[l].file)}" width="${s[l].width}" height="${s[l].height}" alt="${esc(`${e.tag} in ${l}`)}" loading="lazy"><figcaption>${esc(l)}${cap ? ` · ${esc(cap)}` : ''}</figcaption></figure>`)
        .join('\n')}</div>`;
    });
  const missing = elements.filter((e) => !shots.has(e.tag)).map((e) => e.tag);
  write(
    'screenshots.html',
    layout({
      title: 'Screenshots',
      base: '',
      nav,
      current: 'screenshots.html',
      body: `<h1>Screenshots</h1>\n<p>Every element in zh-CN and en, in Debian's Chromium with the Noto CJK fonts, taken by <code>npm run screenshots</code> (<code>scripts/screenshots.mjs</code>) from the pages in <code>docs/site/gallery/</code>.</p>\n${
        missing.length ? `<p class="note">No screenshot yet for: ${missing.map((t) => `<code>${esc(t)}</code>`).join(', ')}. Run <code>npm run build &amp;&amp; npm run screenshots</code>.</p>\n` : ''
      }${shotSections.join('\n')}`,
    }),
  );

  log(`docs: ${pages.length} pages in ${relative(root, outDir) || outDir} (${elements.length} elements, ${guides.length} guides, ${clauses.length} clauses, ${shots.size} elements with screenshots)`);
  return { outDir, pages, elements, clauses, guide, registerFile, screenshots: shots };
}

function firstSentence(text) {
  const s = String(text).replace(/\s+/g, ' ').trim();
  // A sentence ends at a full stop followed by a capital letter, a CJK character or the end ("Art. 14" does not end one).
  const m = /^(.{20,}?(?:[.](?=\s+[A-Z\u4e00-\u9fff]|$)|。))/.exec(s);
  return m ? m[1] : s;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generateSite();
}
