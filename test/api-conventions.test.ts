// The API conventions that need a browser (docs/api-conventions.md): the token test (every CSS
// custom property an element declares is read by its styles, and every --aq-* its styles read is
// declared or a core token), and one validation behaviour (a bad enumerated attribute logs one
// error naming the element and attribute, and is never written back).
import 'anquan';
import { expect, fixture } from '@open-wc/testing';
import { captureErrors } from './harness/index.js';

interface Decl {
  tagName: string;
  cssProperties?: { name: string }[];
  attributes?: { name: string; type?: { text: string }; fieldName?: string; description?: string }[];
}

const PACKAGES = ['core', 'label', 'minor-mode', 'report', 'consent', 'prescreen', 'anquan'];
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

async function declarations(): Promise<Decl[]> {
  const out: Decl[] = [];
  for (const pkg of PACKAGES) {
    const res = await fetch(`/packages/${pkg}/custom-elements.json`);
    if (!res.ok) continue;
    const manifest = (await res.json()) as { modules: { declarations?: (Decl & { customElement?: boolean })[] }[] };
    for (const mod of manifest.modules) for (const d of mod.declarations ?? []) if (d.customElement && d.tagName) out.push(d);
  }
  return out;
}

function cssOf(tag: string): string {
  const ctor = customElements.get(tag) as unknown as { elementStyles?: { cssText: string }[]; finalize?: () => void } | undefined;
  expect(ctor, `<${tag}> is defined`).to.exist;
  ctor!.finalize?.();
  return (ctor!.elementStyles ?? []).map((s) => s.cssText).join('\n');
}

describe('API conventions in the browser', () => {
  let decls: Decl[] = [];
  before(async () => {
    decls = await declarations();
  });

  it("token test: each declared --aq-* custom property is used by the element's styles; each one its styles use is declared or a core token", () => {
    expect(decls.length).to.be.at.least(23);
    const unused: string[] = [];
    const undeclared: string[] = [];
    for (const d of decls) {
      const css = cssOf(d.tagName);
      const declared = new Set((d.cssProperties ?? []).map((p) => p.name));
      for (const p of declared) if (!css.includes(`var(${p}`)) unused.push(`<${d.tagName}> ${p}`);
      for (const m of css.matchAll(/var\((--aq-[a-z0-9-]+)/g))
        if (!declared.has(m[1]) && !TOKENS.has(m[1])) undeclared.push(`<${d.tagName}> ${m[1]}`);
    }
    expect(unused, 'declared in JSDoc but not used').to.deep.equal([]);
    expect([...new Set(undeclared)], 'used but not declared with @cssproperty').to.deep.equal([]);
  });

  it('one validation behaviour: a bad enumerated attribute logs one error naming the element and the attribute, and the attribute keeps what the host wrote', async () => {
    // Enumerated attributes: typed as a union alias or string literals in the manifest.
    const BOGUS = 'no-such-value';
    const checked: string[] = [];
    const problems: string[] = [];
    for (const d of decls) {
      for (const a of d.attributes ?? []) {
        const type = a.type?.text ?? '';
        const enumerated =
          /'[^']+'\s*\|/.test(type) ||
          /^(AgeBand|[A-Z]\w*(Position|Mode|Level|Tier|Variant|Default|Domain|Signal|ForMinors))( \| null| \| undefined)?$/.test(type);
        // Reflected read-only state (the element sets it) is not host input.
        if (!enumerated || /read-only/i.test(a.description ?? '') || a.name === 'state' || a.name === 'tier') continue;
        checked.push(`${d.tagName}[${a.name}]`);
        const errors = await captureErrors(async () => {
          const el = await fixture(`<${d.tagName} ${a.name}="${BOGUS}"></${d.tagName}>`);
          await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
          if (el.getAttribute(a.name) !== BOGUS) problems.push(`<${d.tagName}> rewrote ${a.name} to ${el.getAttribute(a.name)}`);
          el.remove();
        });
        const mine = errors.filter((e) => e.includes(`<${d.tagName}>`) && e.includes(`${a.name}="${BOGUS}"`));
        if (mine.length !== 1) problems.push(`<${d.tagName}> ${a.name}: ${mine.length} errors (${errors.join(' | ')})`);
      }
    }
    expect(checked.length, checked.join(', ')).to.be.at.least(12);
    expect(problems).to.deep.equal([]);
  });
});
