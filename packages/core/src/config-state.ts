// The configuration's state and how elements read it: the active profile plus the host's overrides,
// resolved and frozen per profile. Elements import this module (`@anquan/core/config-state`); the
// validator, `configure()` and the reading of `<script type="application/json" data-anquan-config>`
// blocks are `@anquan/core/config`, which a page loads only when it configures something: a host that
// calls `configure()` imports it, and a page with a config block gets it as a lazy chunk at the first
// read, while every element waits for it before its first render (`configReady()`), so nothing is
// ever shown with the defaults while the page's own configuration is on its way.
import { PROFILE_IDS, PROFILES, type Profile, type ProfileId, REQUIRED_MEASURES } from './profiles.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** What `configure()` accepts. Every key is optional. */
export interface AnquanConfigInput {
  /** The active profile: `cn` (default) or `eu`. */
  profile?: ProfileId;
  /** Base URL of the intake endpoint (the OpenAPI contract's server), e.g. `/aq-intake` or `https://host/aq`. */
  endpoint?: string | null;
  /** The host's user or device id, sent with every record so the server can enforce per user. */
  subject?: string | null;
  /**
   * URL of the folder the SDK's static assets are served from (the classifier's worker, runtime and
   * model under `classifier/`), like Shoelace's `setBasePath`. Relative URLs resolve against the
   * document. Default: the CDN folder itself (`anquan.js`'s own URL), the `data-anquan-base`
   * attribute of a `<script>` tag, or, for an unbundled ES module build, the folder that holds the
   * `@anquan/*` packages. See docs/classifier.md.
   */
  assetBase?: string | null;
  measures?: DeepPartial<Profile['measures']>;
  wording?: DeepPartial<Profile['wording']>;
  thresholds?: DeepPartial<Profile['thresholds']>;
}

/** The resolved configuration every element reads. */
export interface AnquanConfig extends Profile {
  endpoint: string | null;
  subject: string | null;
}

type Listener = (config: AnquanConfig) => void;

/**
 * The state `configure()` writes (`@anquan/core/config`). Internal: not part of the public API.
 * @internal
 */
export const configState = {
  profile: 'cn' as ProfileId,
  endpoint: null as string | null,
  subject: null as string | null,
  assetBase: null as string | null,
  overrides: {} as Record<string, unknown>,
};
let defaultAssetBase: string | null = null;
const listeners = new Set<Listener>();
const cache = new Map<ProfileId, AnquanConfig>();
let documentRead = false;
let documentReader: ((doc: Document) => void) | null = null;
let readerLoading: Promise<void> | null = null;

/** @internal */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(patch) || !isPlainObject(base)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = deepMerge((base as Record<string, unknown>)[k], v);
  return out as T;
}

function deepFreeze<T>(value: T): T {
  if (isPlainObject(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** @internal The resolved configuration of `id` (cached until the next change). */
export function resolveConfig(id: ProfileId): AnquanConfig {
  let config = cache.get(id);
  if (!config) {
    const merged = deepMerge(structuredClone(PROFILES[id]), structuredClone(configState.overrides)) as Profile;
    for (const m of REQUIRED_MEASURES[id]) merged.measures[m] = true;
    if (id === 'cn') merged.measures.aiNoticeDismissible = false;
    config = deepFreeze({ ...merged, endpoint: configState.endpoint, subject: configState.subject }) as AnquanConfig;
    cache.set(id, config);
  }
  return config;
}

/** @internal Drop the cache and tell every listener. */
export function configChanged(): void {
  cache.clear();
  const config = resolveConfig(configState.profile);
  for (const l of listeners) {
    try {
      l(config);
    } catch (err) {
      console.error('[anquan] a configuration listener threw', err);
    }
  }
}

const BLOCKS = 'script[type="application/json"][data-anquan-config]';

/**
 * @internal `@anquan/core/config` registers how it reads the page's config blocks; the first read
 * after it marks the document read.
 */
export function setDocumentReader(reader: (doc: Document) => void): void {
  documentReader = reader;
}

/** @internal Mark the page's blocks as read (`loadConfigFromDocument`). */
export function markDocumentRead(): void {
  documentRead = true;
}

/** @internal The page's blocks are read before the first value is used (they are the baseline). */
export function ensureDocumentRead(): void {
  if (documentRead || typeof document === 'undefined') return;
  if (documentReader) {
    documentReader(document);
    return;
  }
  if (!document.querySelector(BLOCKS)) {
    documentRead = true;
    return;
  }
  // A block to validate: its validator is a chunk of its own (config.js), loaded now; elements wait
  // for it (configReady). Should it fail to load, the defaults stay (the profile's measures, which
  // are the strict ones) and one console error says the page's configuration was not applied.
  readerLoading ??= import('./config-validate.js').then(
    () => ensureDocumentRead(),
    (err: unknown) => {
      documentRead = true;
      console.error(
        '[anquan] data-anquan-config: the configuration module did not load; the block is not applied (defaults in force).',
        err,
      );
      configChanged();
    },
  );
}

/**
 * Null once the page's `data-anquan-config` blocks are applied (or when there are none); else a
 * promise that resolves when they are. Elements wait for it before rendering; code that reads
 * `getConfig()` at start-up on a page with such a block may `await configReady()` first.
 */
export function configReady(): Promise<void> | null {
  ensureDocumentRead();
  return documentRead ? null : readerLoading;
}

/** The resolved configuration of the active profile, or of `profile` when given. */
export function getConfig(profile?: ProfileId): AnquanConfig {
  ensureDocumentRead();
  return resolveConfig(profile && PROFILE_IDS.includes(profile) ? profile : configState.profile);
}

/** The active profile's id. */
export function getActiveProfile(): ProfileId {
  ensureDocumentRead();
  return configState.profile;
}

/** Call `listener` after every configuration change; returns an unsubscribe function. */
export function onConfigChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Back to the built-in defaults (tests, or a host that signs a user out). The page's
 * `data-anquan-config` blocks apply again on the next read.
 */
export function resetConfig(): void {
  documentRead = false;
  configState.profile = 'cn';
  configState.endpoint = null;
  configState.subject = null;
  configState.assetBase = null;
  for (const k of Object.keys(configState.overrides)) delete configState.overrides[k];
  configChanged();
}

// GB 45438's two elements of a label wording (read by the label elements and by the validator).
const AI_ELEMENT = /人工智能|\bA\.?I\b\.?|artificial intelligence/gi;
const GEN_ELEMENT = /生成|合成|generat|synthe/gi;
// A negation directly at an element: 非AI生成, 不是AI生成的, 并非由人工智能生成, 未使用AI生成,
// "not AI-generated", "no AI generated this", "generated without AI", "non-AI". Only a few linking
// words may stand between the negation and the element.
const ZH_NEGATION = /(?:非|不是|不|未|无|没有|没|并非|绝非|毫无)\s*(?:由|被|经|经过|是|为|用|通过|使用|利用|借助)?\s*$/;
const EN_NEGATION =
  /\b(?:not|no|non|never|without|isn't|wasn't|aren't|nor)\b[\s-]*(?:(?:a|an|the|by|made|created|produced|using|with|from|being|been)\s+){0,2}$/i;

function unnegated(text: string, element: RegExp): { found: boolean; negated: boolean } {
  let found = false;
  let negated = false;
  for (const m of text.matchAll(element)) {
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    if (ZH_NEGATION.test(before) || EN_NEGATION.test(before)) negated = true;
    else found = true;
  }
  return { found, negated };
}

/**
 * True when a label wording has both elements GB 45438 requires, an AI element (人工智能 or AI) and
 * a generation element (生成 or 合成; in English "generated" or "synthesised"), and neither is
 * negated where it stands: 「AI生成，未经人工审核」 passes, 「非AI生成」 and "Not AI-generated" do not.
 */
export function hasLabelElements(text: string): boolean {
  const ai = unnegated(text, AI_ELEMENT);
  const gen = unnegated(text, GEN_ELEMENT);
  return ai.found && gen.found && !ai.negated && !gen.negated;
}

/** Where a URL of a folder ends: always with `/`. */
function folder(href: string): string {
  const u = new URL(href);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}

/**
 * Set the asset base a build defaults to when the host configured none (the CDN entry passes its own
 * folder, `new URL('./', import.meta.url)`). Not for hosts: they use `configure({ assetBase })`.
 */
export function setDefaultAssetBase(url: string | URL | null): void {
  defaultAssetBase = url === null ? null : String(url);
}

/**
 * The absolute URL (ending in `/`) of the folder the SDK's assets are served from, in this order:
 * `configure({ assetBase })` (or a `data-anquan-config` block), the `data-anquan-base` attribute of
 * a `<script>` element, the build's default (the CDN folder), else `fallback`. Relative values
 * resolve against the document's base URL. Null when none of them is set.
 */
export function getAssetBase(fallback?: string | URL): string | null {
  ensureDocumentRead();
  const doc = typeof document !== 'undefined' ? document : null;
  const against = doc?.baseURI ?? (globalThis as { location?: { href: string } }).location?.href ?? import.meta.url;
  const attr = doc?.querySelector('script[data-anquan-base]')?.getAttribute('data-anquan-base')?.trim();
  const chosen = configState.assetBase ?? (attr || null) ?? defaultAssetBase ?? (fallback === undefined ? null : String(fallback));
  return chosen === null ? null : folder(new URL(chosen, against).href);
}
