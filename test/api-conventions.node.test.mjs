// The public API's naming conventions (docs/api-conventions.md), read from every package's
// custom-elements.json (written by `npm run build`): tags, class names, events, attributes and CSS
// custom properties, and, through the TypeScript compiler, that every event's detail type is
// exported under its conventional name and typed in GlobalEventHandlersEventMap.
// Run: node --test test/api-conventions.node.test.mjs (after `npm run build`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Every element of every package's manifest: `{ pkg, name (npm), decl }`. */
export function manifestElements() {
  const out = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dir, 'custom-elements.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).name;
    for (const mod of JSON.parse(readFileSync(file, 'utf8')).modules ?? []) {
      for (const decl of mod.declarations ?? []) if (decl.customElement && decl.tagName) out.push({ pkg, dir, decl, path: mod.path });
    }
  }
  return out;
}

const pascal = (s) => s.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const kebab = (s) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** A segment that is a past participle: regular (-ed) or one of the irregular ones the SDK uses. */
const PARTICIPLE = /^([a-z]+ed|read|sent|shown|found|held|made|done|set|run|given|taken|seen|known|written)$/;
/** Design tokens from @anquan/core's baseStyles and shared primitives; every other property is per element. */
const TOKENS = new Set([
  '--aq-color-text',
  '--aq-color-surface',
  '--aq-color-muted',
  '--aq-color-accent',
  '--aq-color-on-accent',
  '--aq-color-danger',
  '--aq-color-border',
  '--aq-radius',
  '--aq-font-family',
  '--aq-focus-ring',
]);

const elements = manifestElements();
/** Events whose detail type core owns (read from core's event map). */
const CORE_EVENTS = [
  ...readFileSync(join(root, 'packages/core/src/events.ts'), 'utf8')
    .split('export interface AnquanEventMap {')[1]
    .split('}')[0]
    .matchAll(/'(aq-[a-z-]+)'/g),
].map((m) => m[1]);

describe('API conventions (docs/api-conventions.md), from custom-elements.json', () => {
  test('every package with elements has a manifest, and the manifests list every aq-* tag', () => {
    assert.ok(elements.length >= 23, `only ${elements.length} elements in the manifests`);
    assert.ok(
      elements.some((e) => e.decl.tagName === 'aq-audit-report'),
      'the umbrella package has a manifest',
    );
  });

  test('class names: `Aq` + the tag in PascalCase', () => {
    const bad = elements
      .filter((e) => e.decl.name !== `Aq${pascal(e.decl.tagName.slice(3))}`)
      .map((e) => `${e.decl.tagName}: ${e.decl.name}`);
    assert.deepEqual(bad, []);
  });

  test('events: facts are aq-{noun}-{past participle}; intents are aq-request-{verb}', () => {
    const bad = [];
    for (const { decl } of elements) {
      for (const ev of decl.events ?? []) {
        const n = ev.name;
        if (!/^aq-[a-z0-9]+(-[a-z0-9]+)+$/.test(n)) bad.push(`${decl.tagName}: ${n} (form)`);
        else if (n.startsWith('aq-request-')) continue;
        else if (/-request$|-request-/.test(n)) bad.push(`${decl.tagName}: ${n} (intents are aq-request-{verb})`);
        else if (
          !n
            .split('-')
            .slice(2)
            .some((s) => PARTICIPLE.test(s))
        )
          bad.push(`${decl.tagName}: ${n} (no past participle)`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('an event that names an element comes from that element or its package (aq-ai-video emits aq-ai-video-*, the minors elements aq-minor-mode-*)', () => {
    const byTag = new Map(elements.map((e) => [e.decl.tagName.slice(3), e.pkg]));
    const tags = [...byTag.keys()].sort((a, b) => b.length - a.length);
    const bad = [];
    for (const { pkg, decl } of elements) {
      for (const ev of decl.events ?? []) {
        const named = tags.find((t) => ev.name.slice(3).startsWith(`${t}-`));
        if (named && byTag.get(named) !== pkg) bad.push(`${decl.tagName} emits ${ev.name}`);
      }
    }
    // The noun of a video's label event is the element, not a bare "video".
    for (const { decl } of elements)
      for (const ev of decl.events ?? []) if (/^aq-(video|image)-/.test(ev.name)) bad.push(`${decl.tagName} emits ${ev.name}`);
    assert.deepEqual(bad, []);
  });

  test('attributes: kebab-case of the property (for ↔ htmlFor), each with a type; enumerated ones typed as unions', () => {
    const bad = [];
    for (const { decl } of elements) {
      for (const a of decl.attributes ?? []) {
        const expected = a.fieldName === 'htmlFor' ? 'for' : kebab(a.fieldName ?? '');
        if (a.name !== expected) bad.push(`${decl.tagName} ${a.name} ↔ ${a.fieldName} (expected ${expected})`);
        if (!a.type?.text) bad.push(`${decl.tagName} ${a.name}: no type`);
        // A description that lists `a`, `b` or `c` as the values names an enumeration: a bare string type is wrong.
        const listsValues = /`[a-z0-9-]+`(,| or)\s+`[a-z0-9-]+`/.test(a.description ?? '');
        if (listsValues && /^string( \| null| \| undefined)?$/.test(a.type?.text ?? ''))
          bad.push(`${decl.tagName} ${a.name}: typed ${a.type.text}, lists values`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('CSS custom properties: --aq-{element}-… or a core token', () => {
    const bad = [];
    for (const { decl } of elements) {
      const prefix = `--aq-${decl.tagName.slice(3)}-`;
      for (const p of decl.cssProperties ?? [])
        if (!p.name.startsWith(prefix) && !TOKENS.has(p.name)) bad.push(`${decl.tagName}: ${p.name}`);
    }
    assert.deepEqual(bad, []);
  });

  test('every element documents its parts, and every element with events documents each', () => {
    const bad = elements.filter((e) => !e.decl.summary).map((e) => `${e.decl.tagName}: no @summary`);
    assert.deepEqual(bad, []);
  });
});

describe('event types, checked by the TypeScript compiler', () => {
  const dir = join(root, 'test', '.api-check');
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('each event has an exported `{Name}Detail` type from its package, equal to AnquanEventMap[name], and typed on addEventListener', () => {
    const lines = [
      "import type { AnquanEventMap } from '@anquan/core';",
      'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
      'const yes = <T extends true>() => 0 as unknown as T;',
    ];
    let i = 0;
    const seen = new Set();
    for (const { pkg, decl } of elements) {
      for (const ev of decl.events ?? []) {
        if (seen.has(ev.name)) continue;
        seen.add(ev.name);
        const type = `${pascal(ev.name.slice(3))}Detail`;
        const alias = `D${i++}`;
        // Events every element may emit (aq-request-close of the dialogs) are core's.
        const from = CORE_EVENTS.includes(ev.name) ? '@anquan/core' : pkg;
        lines.push(`import type { ${type} as ${alias} } from '${from}';`);
        lines.push(`yes<Same<AnquanEventMap['${ev.name}'], ${alias}>>();`);
        lines.push(`document.addEventListener('${ev.name}', (e) => { const d: ${alias} = e.detail; void d; });`);
        if (ev.name.startsWith('aq-request-')) lines.push(`yes<Same<${alias}['source'], ${alias}['source'] & string>>();`);
      }
    }
    assert.ok(i >= 30, `only ${i} events found in the manifests`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'check.ts'), `${lines.join('\n')}\n`);
    const tsc = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--lib',
        'es2022,dom',
        join(dir, 'check.ts'),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  });
});
