// The tag list every test uses, read from the custom-elements.json manifests that `npm run build`
// writes (never a hand-kept copy): an element added to a package is in every suite's list at once.

/** The packages whose manifests declare elements, in the order the umbrella registers them. */
export const ELEMENT_PACKAGES = ['label', 'minor-mode', 'report', 'consent', 'prescreen', 'anquan'] as const;

export interface ManifestElement {
  tag: string;
  className: string;
  pkg: (typeof ELEMENT_PACKAGES)[number];
  /** The element's public, writable properties (fields that are not private, static or read-only). */
  properties: { name: string; type: string; attribute: string | null }[];
  events: string[];
}

interface Decl {
  name: string;
  tagName?: string;
  members?: {
    kind: string;
    name: string;
    privacy?: string;
    static?: boolean;
    readonly?: boolean;
    type?: { text: string };
    attribute?: string;
  }[];
  events?: { name?: string }[];
}

let cache: Promise<ManifestElement[]> | null = null;

/** Every element the manifests declare (one entry per tag, from the module that defines it). */
export function manifestElements(): Promise<ManifestElement[]> {
  cache ??= (async () => {
    const out: ManifestElement[] = [];
    for (const pkg of ELEMENT_PACKAGES) {
      const res = await fetch(`/packages/${pkg}/custom-elements.json`);
      if (!res.ok) throw new Error(`/packages/${pkg}/custom-elements.json: ${res.status} (run npm run build)`);
      const manifest = (await res.json()) as {
        modules: {
          path: string;
          declarations?: Decl[];
          exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
        }[];
      };
      const decls = new Map<string, Decl>();
      for (const m of manifest.modules) for (const d of m.declarations ?? []) decls.set(`${m.path}#${d.name}`, d);
      for (const m of manifest.modules) {
        for (const e of m.exports ?? []) {
          if (e.kind !== 'custom-element-definition' || !m.path.endsWith(`/${e.name}.ts`)) continue;
          const d = decls.get(`${e.declaration.module}#${e.declaration.name}`)!;
          out.push({
            tag: e.name,
            className: d.name,
            pkg,
            properties: (d.members ?? [])
              .filter((f) => f.kind === 'field' && !f.privacy && !f.static && !f.readonly && !f.name.startsWith('_'))
              .map((f) => ({ name: f.name, type: f.type?.text ?? 'unknown', attribute: f.attribute ?? null })),
            events: [...new Set((d.events ?? []).map((ev) => ev.name ?? '').filter((n) => n.startsWith('aq-')))],
          });
        }
      }
    }
    // Stable order (cem writes modules in the order its reads finish): by package, then tag.
    return out.sort((a, b) => ELEMENT_PACKAGES.indexOf(a.pkg) - ELEMENT_PACKAGES.indexOf(b.pkg) || a.tag.localeCompare(b.tag));
  })();
  return cache;
}

/** Every `aq-*` tag, from the manifests. */
export async function manifestTags(): Promise<string[]> {
  return (await manifestElements()).map((e) => e.tag);
}
