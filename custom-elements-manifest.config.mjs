// @custom-elements-manifest/analyzer config for every package (run from the package folder by
// scripts/build.mjs). Anquan registers tags with `Class.define('aq-…')` (AnquanElement.define), which
// the analyzer does not know: this plugin records those calls so each class gets its tagName.
const defined = new Map();

/** @type {import('@custom-elements-manifest/analyzer').Plugin} */
const anquanDefine = {
  name: 'anquan-define',
  analyzePhase({ ts, node, moduleDoc }) {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'define' &&
      node.arguments.length > 0 &&
      ts.isStringLiteral(node.arguments[0]) &&
      node.arguments[0].text.startsWith('aq-')
    ) {
      const className = node.expression.expression.getText();
      const tag = node.arguments[0].text;
      defined.set(className, tag);
      moduleDoc.exports ??= [];
      if (!moduleDoc.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
        moduleDoc.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className } });
      }
    }
  },
  packageLinkPhase({ customElementsManifest }) {
    // `customElements.define(tag, ctor)` inside AnquanElement.define is not an element: keep aq-* only.
    for (const mod of customElementsManifest.modules) {
      mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' || e.name.startsWith('aq-'));
      for (const d of mod.declarations ?? []) {
        if (d.customElement && !(d.tagName ?? '').startsWith('aq-') && !defined.has(d.name)) {
          delete d.customElement;
          delete d.tagName;
        }
      }
    }
    const where = new Map();
    for (const mod of customElementsManifest.modules) {
      for (const d of mod.declarations ?? []) {
        if (d.kind === 'class' && defined.has(d.name)) {
          d.tagName = defined.get(d.name);
          d.customElement = true;
          where.set(d.name, mod.path);
        }
      }
    }
    for (const mod of customElementsManifest.modules) {
      for (const e of mod.exports ?? []) {
        if (e.kind === 'custom-element-definition' && where.has(e.declaration.name)) e.declaration.module = where.get(e.declaration.name);
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts', 'src/keywords/t2s-data.ts'],
  outdir: '.',
  litelement: true,
  plugins: [anquanDefine],
};
