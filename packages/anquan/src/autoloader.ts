/**
 * The CDN autoloader (`cdn/autoloader.js`): defines each `aq-*` tag when it first appears in the
 * document (now, or later: a MutationObserver watches the document; `observe(shadowRoot)` adds a
 * shadow root of your own), loading only that element's module. It is small (lit comes with the
 * first element), so a page pays only for the tags it has.
 *
 * The elements that enforce a measure before the user's first input (`<aq-prescreen>`,
 * `<aq-minor-mode>`, `<aq-minor-lock>`, `<aq-age-gate>`) are fetched the moment they are found, and
 * until every one in the document is defined the page takes no input: the autoloader holds the
 * user's key presses, pointer presses, pastes and drops (stopped before any handler of the page,
 * which must not act on them unguarded) and every form submission (re-submitted once they are
 * defined, so `<aq-prescreen>` screens it: nothing is sent unscreened and nothing is lost). The
 * root element is `aria-busy` meanwhile. When one of them cannot load, the page stays held and an
 * alert says so, with a retry: the measure fails closed, visibly. See docs/cdn.md.
 * @packageDocumentation
 */
import { ENFORCING_TAGS, TAGS } from './generated/autoload-tags.js';

export { ENFORCING_TAGS, TAGS };

const pending = new Map<string, Promise<unknown>>();
const enforcing = new Set<string>(ENFORCING_TAGS);

/** Define `tag` if the autoloader knows it; resolves once it is defined (or at once for other tags). */
export function load(tag: string): Promise<unknown> {
  const name = tag.toLowerCase();
  const loader = TAGS[name];
  if (!loader || customElements.get(name)) return Promise.resolve();
  let p = pending.get(name);
  if (!p) {
    p = loader().catch((err: unknown) => {
      pending.delete(name);
      console.error(`anquan autoloader: <${name}> failed to load`, err);
      if (enforcing.has(name)) failed(name);
      throw err;
    });
    pending.set(name, p);
  }
  return p;
}

// ---- the input hold ------------------------------------------------------------------------------

const INPUT = ['keydown', 'keypress', 'beforeinput', 'paste', 'drop', 'pointerdown', 'mousedown', 'touchstart', 'click', 'submit'];
/** Enforcing tags found and not yet defined. */
const waiting = new Set<string>();
const held: [HTMLFormElement, HTMLElement | null][] = [];
let alert: HTMLElement | null = null;

function hold(e: Event): void {
  if (!waiting.size || (alert && e.target instanceof Node && alert.contains(e.target))) return;
  if (e.type === 'submit') {
    const form = e.target as HTMLFormElement;
    if (!held.some(([f]) => f === form)) held.push([form, (e as SubmitEvent).submitter]);
  } else if (!e.isTrusted) return; // the page's own synthetic events; only the user's input is held
  e.preventDefault();
  e.stopImmediatePropagation();
}

function guard(tag: string): void {
  if (waiting.has(tag)) return;
  if (!waiting.size) {
    for (const type of INPUT) window.addEventListener(type, hold, true);
    document.documentElement.setAttribute('aria-busy', 'true');
  }
  waiting.add(tag);
  customElements.whenDefined(tag).then(() => {
    waiting.delete(tag);
    if (waiting.size) return;
    for (const type of INPUT) window.removeEventListener(type, hold, true);
    document.documentElement.removeAttribute('aria-busy');
    alert?.remove();
    alert = null;
    // Sent now, through the elements that were missing (the pre-screen screens each).
    for (const [form, submitter] of held.splice(0))
      if (form.isConnected) form.requestSubmit(submitter && (submitter as HTMLButtonElement).form === form ? submitter : null);
  });
}

/** An enforcing element did not load: say so, keep the page held, offer a retry. */
function failed(tag: string): void {
  if (!alert) {
    const zh = /^zh/i.test(document.documentElement.lang || navigator.language);
    alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    alert.dataset.aqAutoloader = 'failed';
    Object.assign(alert.style, {
      position: 'fixed',
      inset: 'auto 0 0 0',
      zIndex: '2147483647',
      padding: '1em',
      background: '#b3261e',
      color: '#fff',
      font: '16px system-ui, sans-serif',
    });
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = zh ? '重试' : 'Retry';
    retry.addEventListener('click', () => {
      for (const t of waiting) void load(t).catch(() => undefined);
    });
    alert.append(
      zh
        ? '安全组件未能加载，本页暂时无法使用。请检查网络后重试。 '
        : 'A safety component did not load; this page cannot be used until it does. Check your connection and retry. ',
      retry,
    );
    document.body.append(alert);
  }
  alert.dataset.tags = [...waiting].join(' ') || tag;
}

// ---- discovery -----------------------------------------------------------------------------------

function found(name: string): Promise<unknown> {
  if (enforcing.has(name) && !customElements.get(name)) guard(name);
  return load(name).catch(() => undefined);
}

/** Define every known undefined tag under `root` (and `root` itself). */
export function discover(root: Element | Document | ShadowRoot): Promise<unknown[]> {
  const all: Promise<unknown>[] = [];
  if (root instanceof Element && root.localName.startsWith('aq-')) all.push(found(root.localName));
  for (const el of root.querySelectorAll(':not(:defined)')) if (el.localName.startsWith('aq-')) all.push(found(el.localName));
  return Promise.all(all);
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
