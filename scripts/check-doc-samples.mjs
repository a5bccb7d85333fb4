#!/usr/bin/env node
// `node scripts/check-doc-samples.mjs [file.md …]`: every fenced code sample in README.md and docs/*.md,
// checked against the built packages (run `npm run build` first: the .d.ts files and custom-elements.json).
//
// - ```ts and ```tsx: the TypeScript compiler, strict, React 19's JSX types, against the packages' .d.ts.
// - ```js and ```jsx: the same compiler with checkJs (not strict: a sample may leave nulls unchecked),
//   so a wrong export, property, argument or event detail is an error there too.
// - ```html: every aq-* tag must be an element of a custom-elements.json and every attribute one of its
//   attributes (or a global one: id, class, lang, slot, data-*, aria-*, profile, …); each attribute value
//   is then assigned to the element's property in a generated TypeScript file, so an enumerated value
//   the type does not allow (`position="top"` on <aq-ai-label>) fails; inline <script type="module">
//   bodies are checked as JS, and <script type="application/json"> blocks must parse.
//
// Samples are modules (`export {}` is appended). Values a sample leaves to the host (`currentUserId`,
// `bytes`, `policy`, …) are declared, with their real types, in scripts/doc-samples.globals.d.ts.
// A sample that cannot stand alone is marked on the line before its fence, with a reason:
//   <!-- sample: skip the reason -->
// Use it sparingly: a skipped sample is listed in the output every time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const GLOBALS = join(ROOT, 'scripts', 'doc-samples.globals.d.ts');
const LANGS = { ts: 'ts', tsx: 'tsx', js: 'js', jsx: 'jsx', html: 'html' };
const MARKER = /^<!--\s*sample:\s*(\S+)\s*(.*?)\s*-->$/;
/** Attributes every element takes without declaring them: HTML's global attributes. */
const GLOBAL_ATTRIBUTES = new Set([
  'id',
  'class',
  'lang',
  'dir',
  'hidden',
  'slot',
  'part',
  'title',
  'tabindex',
  'role',
  'inert',
  'autofocus',
  'translate',
]);

/** The Markdown files checked by default: README.md and docs/*.md. */
export function defaultFiles(root = ROOT) {
  const docs = join(root, 'docs');
  return [
    join(root, 'README.md'),
    ...readdirSync(docs)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => join(docs, f)),
  ].filter((f) => existsSync(f));
}

/** Every fenced sample of a Markdown file: `{ file, line (of the first code line), lang, code, skip }`. */
export function extractSamples(file, root = ROOT) {
  const src = readFileSync(file, 'utf8');
  const lines = src.split('\n');
  const rel = relative(root, file);
  const samples = [];
  const problems = [];
  for (const token of new MarkdownIt().parse(src, {})) {
    if (token.type !== 'fence' || !token.map) continue;
    const lang = LANGS[token.info.trim().split(/\s+/)[0]];
    const fenceLine = token.map[0]; // 0-based
    let prev = fenceLine - 1;
    while (prev >= 0 && !lines[prev].trim()) prev--;
    const marker = prev >= 0 ? MARKER.exec(lines[prev].trim()) : null;
    let skip = null;
    if (marker) {
      if (marker[1] !== 'skip') problems.push(`${rel}:${prev + 1}: unknown sample marker "${marker[1]}" (only "sample: skip <reason>")`);
      else if (!marker[2]) problems.push(`${rel}:${prev + 1}: "sample: skip" needs a reason`);
      else skip = marker[2];
    }
    if (!lang) continue;
    samples.push({ file: rel, line: fenceLine + 2, lang, code: token.content, skip });
  }
  return { samples, problems };
}

/** Every element of every packages/*\/custom-elements.json: tag → Map(attribute → { field, type }). */
function manifestAttributes(root) {
  const tags = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dir, 'custom-elements.json');
    if (!existsSync(file)) continue;
    for (const mod of JSON.parse(readFileSync(file, 'utf8')).modules ?? [])
      for (const d of mod.declarations ?? [])
        if (d.customElement && d.tagName)
          tags.set(d.tagName, new Map((d.attributes ?? []).map((a) => [a.name, { field: a.fieldName, type: a.type?.text ?? '' }])));
  }
  return tags;
}

const lineOf = (text, index) => text.slice(0, index).split('\n').length - 1;

/**
 * An HTML sample: its aq-* tags and attributes (problems reported here), a TypeScript file that
 * assigns each attribute value to the element's property, its module scripts (checked as JS) and
 * its JSON blocks (parsed here).
 */
function htmlSample(sample, tags) {
  const problems = [];
  const scripts = [];
  const at = (index) => sample.line + lineOf(sample.code, index);
  // Scripts first (their bodies are not markup), then comments.
  let markup = sample.code.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, attrs, body, index) => {
    const bodyLine = at(index + whole.indexOf('>') + 1);
    if (/type\s*=\s*["']?application\/json/i.test(attrs)) {
      try {
        JSON.parse(body);
      } catch (err) {
        problems.push(`${sample.file}:${bodyLine}: the JSON block does not parse: ${err.message}`);
      }
    } else if (/type\s*=\s*["']?module/i.test(attrs) && body.trim()) scripts.push({ line: bodyLine, code: body });
    else if (body.trim()) problems.push(`${sample.file}:${bodyLine}: a classic inline <script> (use type="module" or a file)`);
    return whole.replace(/[^\n]/g, ' ');
  });
  markup = markup.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const ts = ["import 'anquan';"];
  const map = [sample.line];
  let n = 0;
  for (const m of markup.matchAll(/<(aq-[a-z0-9-]+)(\s[^>]*?)?\s*\/?>/g)) {
    const [, tag, attrText = ''] = m;
    const line = at(m.index);
    const attrs = tags.get(tag);
    if (!attrs) {
      problems.push(`${sample.file}:${line}: <${tag}> is not an element of any custom-elements.json`);
      continue;
    }
    const el = `e${n++}`;
    ts.push(`const ${el} = document.createElement('${tag}');`);
    map.push(line);
    for (const a of attrText.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const name = a[1];
      const value = a[2] ?? a[3] ?? a[4];
      const aLine = at(m.index + 1 + tag.length + a.index);
      if (GLOBAL_ATTRIBUTES.has(name) || /^(data|aria)-/.test(name)) continue;
      const decl = name === 'profile' ? { field: 'profile', type: 'ProfileId' } : attrs.get(name);
      if (!decl) {
        problems.push(`${sample.file}:${aLine}: <${tag}> has no attribute "${name}" (custom-elements.json)`);
        continue;
      }
      const type = decl.type;
      let literal;
      if (/\bboolean\b/.test(type) && !/\bstring\b/.test(type)) literal = 'true';
      else if (/\bnumber\b/.test(type) && !/\bstring\b/.test(type) && value !== undefined && /^-?\d+(\.\d+)?$/.test(value)) literal = value;
      else literal = JSON.stringify(value ?? '');
      ts.push(`${el}.${decl.field} = ${literal}; // ${name}`);
      map.push(aLine);
    }
  }
  return { problems, scripts, ts: `${ts.join('\n')}\nexport {};\n`, map };
}

function runTsc(dir, name, options, files) {
  const config = {
    compilerOptions: {
      noEmit: true,
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['es2022', 'dom', 'dom.iterable'],
      jsx: 'react-jsx',
      skipLibCheck: true,
      types: ['node'],
      // The CDN bundle's URL in the plain-page samples has the umbrella package's types.
      paths: { '/static/anquan/anquan.js': [join(ROOT, 'packages', 'anquan', 'dist', 'index.d.ts')] },
      ...options,
    },
    files: [GLOBALS, ...files],
  };
  const project = join(dir, `tsconfig.${name}.json`);
  writeFileSync(project, JSON.stringify(config, null, 2));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--pretty', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const errors = [];
  for (const line of `${tsc.stdout}${tsc.stderr}`.split('\n')) {
    const m = /^(.*?)\((\d+),(\d+)\): (error .*)$/.exec(line);
    if (m) errors.push({ file: resolve(ROOT, m[1]), line: Number(m[2]), col: Number(m[3]), message: m[4] });
    else if (line.startsWith(' ') && errors.length) errors[errors.length - 1].message += `\n${line}`;
    else if (line.trim()) errors.push({ file: null, message: line });
  }
  if (tsc.status !== 0 && !errors.length) errors.push({ file: null, message: `tsc exited with ${tsc.status}` });
  return errors;
}

/**
 * Check the samples of `files`. Returns `{ samples, checked, skipped, problems }`; `problems` are
 * `path.md:line: message` strings (empty when every sample passes).
 */
export function checkDocSamples({ root = ROOT, files = defaultFiles(root), keep = false } = {}) {
  const all = [];
  const problems = [];
  for (const f of files) {
    const r = extractSamples(f, root);
    all.push(...r.samples);
    problems.push(...r.problems);
  }
  const skipped = all.filter((s) => s.skip);
  const checked = all.filter((s) => !s.skip);
  if (!checked.length) return { samples: all, checked, skipped, problems };
  const tags = manifestAttributes(root);
  if (!tags.size) problems.push('no custom-elements.json: run `npm run build` first');
  if (!existsSync(join(root, 'packages', 'core', 'dist', 'index.d.ts'))) problems.push('no packages/*/dist: run `npm run build` first');
  if (problems.some((p) => p.includes('npm run build'))) return { samples: all, checked, skipped, problems };

  mkdirSync(join(root, 'test'), { recursive: true });
  const dir = mkdtempSync(join(root, 'test', '.doc-samples-'));
  /** Generated file → { md file, line of each generated line (1-based; index 0 unused) }. */
  const origin = new Map();
  const strict = [];
  const loose = [];
  const add = (list, name, code, md, lines) => {
    const file = join(dir, name);
    writeFileSync(file, code);
    origin.set(file, { md, lines });
    list.push(file);
  };
  const id = (s) => `${basename(s.file, '.md').replace(/[^\w-]/g, '_')}-L${s.line}`;
  const shifted = (start, count) => [0, ...Array.from({ length: count + 2 }, (_, i) => start + i)];
  try {
    for (const s of checked) {
      const code = `${s.code}\nexport {};\n`;
      const lines = shifted(s.line, s.code.split('\n').length);
      if (s.lang === 'ts' || s.lang === 'tsx') add(strict, `${id(s)}.${s.lang}`, code, s.file, lines);
      else if (s.lang === 'js' || s.lang === 'jsx') add(loose, `${id(s)}.${s.lang}`, code, s.file, lines);
      else {
        const h = htmlSample(s, tags);
        problems.push(...h.problems);
        add(strict, `${id(s)}.html.ts`, h.ts, s.file, [0, ...h.map]);
        for (const [k, sc] of h.scripts.entries())
          add(loose, `${id(s)}-script${k}.js`, `${sc.code}\nexport {};\n`, s.file, shifted(sc.line, sc.code.split('\n').length));
      }
    }
    const errors = [
      ...(strict.length ? runTsc(dir, 'strict', { strict: true }, strict) : []),
      ...(loose.length ? runTsc(dir, 'loose', { allowJs: true, checkJs: true, strict: false }, loose) : []),
    ];
    for (const e of errors) {
      const o = e.file && origin.get(e.file);
      if (o) problems.push(`${o.md}:${o.lines[e.line] ?? '?'}: ${e.message}`);
      else problems.push(`${e.file ? `${relative(root, e.file)}(${e.line},${e.col}): ` : ''}${e.message}`);
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  return { samples: all, checked, skipped, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const files = args.filter((a) => a !== '--keep').map((f) => resolve(f));
  const { checked, skipped, problems } = checkDocSamples({ files: files.length ? files : undefined, keep });
  const count = {};
  for (const s of checked) count[s.lang] = (count[s.lang] ?? 0) + 1;
  for (const s of skipped) console.log(`skipped ${s.file}:${s.line} (${s.lang}): ${s.skip}`);
  for (const p of problems) console.log(p);
  console.log(
    `doc samples: ${checked.length} checked (${Object.entries(count)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), ${skipped.length} skipped, ${problems.length} problems`,
  );
  process.exit(problems.length ? 1 : 0);
}
