// Helpers shared by the consent elements: localized configuration text and JSON configuration read
// from a `<script type="application/json">` child (inert data, never executed, rendered as text).
import { type Localized, localize } from '@anquan/core/i18n';

export type { Localized };

/** Pick the text for `locale`, falling back to the other locale; '' when absent (core's `localize`). */
export const pick = localize;

/** True when `value` has non-blank text in at least one locale. */
export function filled(value: Localized | undefined | null): boolean {
  return pick(value, 'zh-CN').trim() !== '' || pick(value, 'en').trim() !== '';
}

/**
 * Parse the first `<script type="application/json">` child of `host`. Returns undefined when there
 * is none; logs one console error (naming the element) and returns undefined when it is not JSON.
 */
export function readJsonChild<T>(host: HTMLElement): T | undefined {
  const script = Array.from(host.children).find(
    (c) => c.localName === 'script' && (c.getAttribute('type') ?? '').trim().toLowerCase() === 'application/json',
  );
  if (!script) return undefined;
  try {
    return JSON.parse(script.textContent ?? '') as T;
  } catch (err) {
    console.error(
      `[anquan] <${host.localName}>: the <script type="application/json"> child is not valid JSON (${(err as Error).message}).`,
    );
    return undefined;
  }
}

/** True for http(s), relative and fragment URLs; false for `javascript:`, `data:` and other schemes. */
export function safeUrl(url: string): boolean {
  const s = url.trim();
  return /^(https?:\/\/|mailto:|tel:|\/|#|\?|\.)/i.test(s) || !/^[a-z][a-z0-9+.-]*:/i.test(s);
}

/**
 * Read the JSON child now and again whenever the host's children change (a parser may add it after
 * the element connected). `apply` gets each parsed value; returns a function that stops watching.
 */
export function watchJsonChild<T>(host: HTMLElement, apply: (value: T) => void): () => void {
  let last = '';
  const read = () => {
    const script = Array.from(host.children).find((c) => c.localName === 'script');
    const text = script?.textContent ?? '';
    if (!text || text === last) return;
    last = text;
    const value = readJsonChild<T>(host);
    if (value !== undefined) apply(value);
  };
  read();
  if (typeof MutationObserver === 'undefined') return () => {};
  const mo = new MutationObserver(read);
  mo.observe(host, { childList: true, subtree: true, characterData: true });
  return () => mo.disconnect();
}
