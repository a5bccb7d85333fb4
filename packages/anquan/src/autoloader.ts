/**
 * The CDN autoloader (`cdn/autoloader.js`): defines each `aq-*` tag when it first appears in the
 * document (now, or later: a MutationObserver watches the document; `observe(shadowRoot)` adds a
 * shadow root of your own), loading only that element's module. The elements that enforce a measure before the
 * user's first input (`<aq-prescreen>`, `<aq-minor-mode>`, `<aq-minor-lock>`, `<aq-age-gate>`) are
 * never loaded on sight: this entry imports them eagerly, so they are defined when the script has run,
 * before any input reaches the page (a lazily loaded pre-screen would let the first message through
 * unscreened while its module downloads; a lazily loaded minors lock would let a child use the service
 * until it arrived). See docs/cdn.md.
 * @packageDocumentation
 */
import { EAGER_TAGS, LAZY_TAGS } from './generated/autoload-tags.js';

export { EAGER_TAGS, LAZY_TAGS };

const pending = new Map<string, Promise<unknown>>();

/** Define `tag` if the autoloader knows it; resolves once it is defined (or at once for other tags). */
export function load(tag: string): Promise<unknown> {
  const name = tag.toLowerCase();
  const loader = LAZY_TAGS[name];
  if (!loader || customElements.get(name)) return Promise.resolve();
  let p = pending.get(name);
  if (!p) {
    p = loader().catch((err: unknown) => {
      pending.delete(name);
      console.error(`anquan autoloader: <${name}> failed to load`, err);
    });
    pending.set(name, p);
  }
  return p;
}

/** Define every known undefined tag under `root` (and `root` itself). */
export function discover(root: Element | Document | ShadowRoot): Promise<unknown[]> {
  const found: Promise<unknown>[] = [];
  if (root instanceof Element && root.localName.startsWith('aq-')) found.push(load(root.localName));
  for (const el of root.querySelectorAll(':not(:defined)')) if (el.localName.startsWith('aq-')) found.push(load(el.localName));
  return Promise.all(found);
}

const observer = new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) void discover(n);
});

/** Watch `root` (a document or a shadow root) for new `aq-*` tags. */
export function observe(root: Document | ShadowRoot): void {
  observer.observe(root, { subtree: true, childList: true });
  void discover(root);
}

if (typeof document !== 'undefined') observe(document);
