// Server-side rendering with the framework packages, in plain Node (no DOM): importing @anquan/react
// and @anquan/vue (their built dist) creates no `window` or `document`, and react-dom/server and
// vue/server-renderer render trees that contain Anquan elements. The elements upgrade in the browser
// after hydration; the server output is the bare tag with its attributes and light-DOM children.
// Needs the build: `npx tsc -b packages/react packages/vue` (or `npm run build`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readElements } from '../scripts/manifest.mjs';

/** Every tag, from the custom-elements.json manifests (scripts/manifest.mjs). */
const TAGS = readElements().map((e) => e.tag);
const pascal = (tag) => tag.replace(/(^|-)([a-z])/g, (_m, _d, c) => c.toUpperCase());

test('@anquan/react imports in Node without a DOM and has a wrapper for every element', async () => {
  const wrappers = await import('@anquan/react');
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  for (const tag of TAGS) {
    const name = pascal(tag);
    assert.ok(wrappers[name], `${name} exported`);
    assert.equal(wrappers[name].displayName, name);
  }
});

test('react-dom/server renderToString renders wrapped Anquan components', async () => {
  const { AqAiLabel, AqReportButton, AqTransparency, AqMinorMode, AqConsentNotice } = await import('@anquan/react');
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const h = React.createElement;
  const tree = h(
    'main',
    { lang: 'zh-CN' },
    h('p', { 'data-aq-message': '' }, 'Reply ', h(AqAiLabel, { position: 'start', text: 'AI 生成', id: 'l1', className: 'tag' }, 'inner')),
    h(AqReportButton, { messageId: 'm-1', onAqRequestReport: () => {} }),
    h(AqTransparency, { disclosure: { intendedUsers: 'Adults' }, onAqDisclosureFoundIncomplete: () => {} }),
    h(AqMinorMode, { band: '12-15', 'data-test': 'x' }),
    h(AqConsentNotice, { mode: 'inline' }),
  );
  const out = renderToString(tree);
  assert.match(out, /<aq-ai-label id="l1" class="tag">inner<\/aq-ai-label>/);
  assert.match(out, /<aq-report-button><\/aq-report-button>/);
  assert.match(out, /<aq-transparency><\/aq-transparency>/);
  assert.match(out, /<aq-minor-mode data-test="x"><\/aq-minor-mode>/);
  assert.match(out, /<aq-consent-notice><\/aq-consent-notice>/);
  assert.doesNotMatch(out, /\[object Object\]/, 'object props are never serialised as attributes');
  assert.doesNotMatch(out, /onAq|function/, 'event handlers are not serialised');
  assert.equal(typeof globalThis.document, 'undefined', 'rendering created no document');
});

test('the React server markup is what test/react/react.test.ts hydrates in Chromium', async () => {
  const { AqAiLabel, AqReportButton } = await import('@anquan/react');
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const h = React.createElement;
  const tree = h(
    React.Fragment,
    null,
    h(
      'p',
      { 'data-aq-message': '' },
      'Reply ',
      h(AqAiLabel, { position: 'start', text: 'AI-generated', id: 'l1', className: 'tag' }, 'inner'),
    ),
    h(AqReportButton, { messageId: 'm-1', onAqRequestReport: () => {} }),
  );
  const browserTest = readFileSync(new URL('./react/react.test.ts', import.meta.url), 'utf8');
  const expected = browserTest.match(/REACT_SERVER_HTML =\s*'([^']*)'/)?.[1];
  assert.ok(expected, 'REACT_SERVER_HTML found in test/react/react.test.ts');
  assert.equal(renderToString(tree), expected);
});

test('@anquan/vue imports in Node without a DOM; the plugin installs on an SSR app', async () => {
  const vuePkg = await import('@anquan/vue');
  const { createSSRApp } = await import('vue');
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(vuePkg.ANQUAN_TAGS.length, TAGS.length);
  assert.deepEqual([...vuePkg.ANQUAN_TAGS].sort(), [...TAGS].sort());
  const app = createSSRApp({ template: '<div></div>' });
  app.use(vuePkg.AnquanPlugin);
  assert.equal(vuePkg.default, vuePkg.AnquanPlugin);
});

test('vue/server-renderer renderToString renders a template with aq-* elements and @aq-… listeners', async () => {
  const { AnquanPlugin, isAnquanElement } = await import('@anquan/vue');
  const { createSSRApp, ref } = await import('vue');
  const { renderToString } = await import('vue/server-renderer');
  const warnings = [];
  const app = createSSRApp({
    template: `<main lang="en">
      <p data-aq-message>Reply <aq-ai-label position="start" :text="label">inner</aq-ai-label></p>
      <aq-report-button :message-id="id" @aq-request-report="onRequest"></aq-report-button>
      <aq-transparency :disclosure="disclosure"></aq-transparency>
      <aq-prescreen screen="submit"><form><textarea name="q"></textarea></form></aq-prescreen>
    </main>`,
    setup: () => ({ label: ref('AI-generated'), id: ref('m-1'), disclosure: { intendedUsers: 'Adults' }, onRequest: () => {} }),
  });
  app.config.compilerOptions.isCustomElement = isAnquanElement;
  app.config.warnHandler = (msg) => warnings.push(msg);
  app.use(AnquanPlugin);
  const out = await renderToString(app);
  assert.match(out, /<aq-ai-label position="start" text="AI-generated">inner<\/aq-ai-label>/);
  assert.match(out, /<aq-report-button message-id="m-1"><\/aq-report-button>/);
  assert.match(out, /<aq-prescreen screen="submit"><form><textarea name="q"><\/textarea><\/form><\/aq-prescreen>/);
  assert.doesNotMatch(out, /onRequest|aq-request-report/, 'listeners are not serialised');
  assert.deepEqual(warnings, []);
  assert.equal(typeof globalThis.document, 'undefined', 'rendering created no document');
});

test('the Vue server markup is what test/vue/vue.test.ts hydrates in Chromium', async () => {
  const { AnquanPlugin, isAnquanElement } = await import('@anquan/vue');
  const { createSSRApp, ref } = await import('vue');
  const { renderToString } = await import('vue/server-renderer');
  const browserTest = readFileSync(new URL('./vue/vue.test.ts', import.meta.url), 'utf8');
  const template = browserTest.match(/VUE_SSR_TEMPLATE =\s*'([^']*)'/)?.[1];
  const expected = browserTest.match(/VUE_SERVER_HTML =\s*'([^']*)'/)?.[1];
  assert.ok(template && expected, 'VUE_SSR_TEMPLATE and VUE_SERVER_HTML found in test/vue/vue.test.ts');
  const app = createSSRApp({ template, setup: () => ({ label: ref('AI-generated'), id: ref('m-1'), onRequest: () => {} }) });
  app.config.compilerOptions.isCustomElement = isAnquanElement;
  app.use(AnquanPlugin);
  assert.equal(await renderToString(app), expected);
});

test('build-time template compilation needs isCustomElement for aq-* tags (what docs/frameworks.md asks for)', async () => {
  const { compileTemplate } = await import('vue/compiler-sfc');
  const { isAnquanElement } = await import('@anquan/vue');
  const source = '<aq-ai-label position="start" @aq-label-copied="n++">x</aq-ai-label>';
  const without = compileTemplate({ source, filename: 'A.vue', id: 'a' });
  assert.match(without.code, /resolveComponent\("aq-ai-label"\)/, 'without it Vue looks for a Vue component named aq-ai-label');
  const withIt = compileTemplate({ source, filename: 'A.vue', id: 'a', compilerOptions: { isCustomElement: isAnquanElement } });
  assert.deepEqual(withIt.errors, []);
  assert.doesNotMatch(withIt.code, /resolveComponent/);
  assert.match(withIt.code, /"aq-ai-label"/);
  assert.match(withIt.code, /onAqLabelCopied/, 'the @aq-… listener compiles to an event listener prop');
});
