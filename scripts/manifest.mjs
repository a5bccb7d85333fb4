// The elements, read from the custom-elements.json manifests that `cem analyze` writes (scripts/build.mjs):
// the one tag list that the generators (scripts/gen-packaging.mjs), the consumer builds and the Node
// tests use. The browser tests read the same files (test/harness/manifest.ts).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Packages with elements, in the order the umbrella registers them. */
export const ELEMENT_PACKAGES = ['label', 'minor-mode', 'report', 'consent', 'prescreen', 'anquan'];
/**
 * Elements that enforce a measure before the user's first input: the CDN autoloader registers them
 * eagerly (never on sight), see docs/cdn.md.
 */
export const ENFORCING = ['aq-prescreen', 'aq-minor-mode', 'aq-minor-lock', 'aq-age-gate'];

const firstSentence = (text) =>
  text
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(.*?[.:;])\s.*$/, '$1');
const pkgName = (dir) => (dir === 'anquan' ? 'anquan' : `@anquan/${dir}`);

/** Every element: tag, class, package, entry file, public writable properties, attributes and events. */
export function readElements(root = fileURLToPath(new URL('..', import.meta.url))) {
  const out = [];
  for (const dir of ELEMENT_PACKAGES) {
    const file = `${root.replace(/\/$/, '')}/packages/${dir}/custom-elements.json`;
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (cem analyze) first`);
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    const decls = new Map();
    for (const mod of manifest.modules) for (const d of mod.declarations ?? []) decls.set(`${mod.path}#${d.name}`, d);
    for (const mod of manifest.modules) {
      for (const e of mod.exports ?? []) {
        // A component that defines a tag it needs (the report button its dialog) is not that tag's entry.
        if (e.kind !== 'custom-element-definition' || !mod.path.endsWith(`/${e.name}.ts`)) continue;
        const d = decls.get(`${e.declaration.module}#${e.declaration.name}`);
        if (!d) throw new Error(`${file}: no declaration for ${e.name}`);
        const properties = (d.members ?? [])
          .filter((m) => m.kind === 'field' && !m.privacy && !m.static && !m.readonly && !m.name.startsWith('_'))
          .map((m) => ({
            name: m.name,
            attribute: m.attribute ?? null,
            type: m.type?.text ?? 'unknown',
            description: m.description ?? '',
          }));
        out.push({
          tag: e.name,
          className: d.name,
          pkg: dir,
          packageName: pkgName(dir),
          entry: mod.path.replace(/^src\//, '').replace(/\.ts$/, ''),
          subpath: `./${e.name.replace(/^aq-/, '')}.js`,
          description: firstSentence(d.summary || d.description || ''),
          properties,
          attributes: (d.attributes ?? []).map((a) => ({ name: a.name, description: a.description ?? '', type: a.type?.text ?? '' })),
          events: [...new Set((d.events ?? []).map((ev) => ev.name).filter((n) => n?.startsWith('aq-')))],
        });
      }
    }
  }
  // cem writes modules in the order its file reads finish: sort, so the generated files are stable.
  return out.sort((a, b) => ELEMENT_PACKAGES.indexOf(a.pkg) - ELEMENT_PACKAGES.indexOf(b.pkg) || a.tag.localeCompare(b.tag));
}
