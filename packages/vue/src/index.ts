/**
 * @anquan/vue: Vue 3 support for the Anquan elements.
 *
 * - `app.use(AnquanPlugin)` imports the umbrella `anquan`, which defines every `aq-*` element. The plugin
 *   registers no Vue component, directive, provide or global property: the elements are native custom
 *   elements, used in templates as they are (`<aq-ai-label position="start">`, `@aq-report-submitted`).
 * - Tell Vue's template compiler that `aq-*` tags are custom elements, with `isAnquanElement` (exported
 *   here) or `tag => tag.startsWith('aq-')`: in Vite, `vue({ template: { compilerOptions: { isCustomElement } } })`;
 *   with the in-browser compiler, `app.config.compilerOptions.isCustomElement`.
 * - Template type-checking (vue-tsc, Volar): this module augments `GlobalComponents` with every
 *   element's attributes, properties and `onAq…` event handlers (see `./generated/components.ts`, generated from the manifests).
 *
 * Importing it in Node (server-side rendering, `createSSRApp`) touches no `window` or `document`.
 * @packageDocumentation
 */
import 'anquan';
import type { App, Plugin } from 'vue';

export type * from './generated/components.js';

export { ANQUAN_TAGS, type AnquanTag } from './generated/tags.js';

/**
 * For the template compiler's `isCustomElement`: true for every `aq-*` tag, so Vue leaves them to the
 * browser instead of resolving them as Vue components.
 */
export function isAnquanElement(tag: string): boolean {
  return tag.startsWith('aq-');
}

/**
 * The Vue plugin. `app.use(AnquanPlugin)`: the import of this module has already defined the elements
 * (in the browser); installing it changes nothing else in the app. It exists so the setup reads the
 * same as any other Vue library, and so bundlers keep the import.
 */
export const AnquanPlugin: Plugin = {
  install(_app: App): void {
    // The elements are defined by `import 'anquan'` above; nothing global is set on the app.
  },
};

export default AnquanPlugin;
