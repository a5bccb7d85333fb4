// Configuration: the active profile plus the host's overrides, from one `configure({...})` call or a
// `<script type="application/json" data-anquan-config>` block. Every value is validated; a bad value
// logs one console error naming the key, the value and what is allowed, and the safe default stays.
import { AGE_BANDS, type AgeBand, PROFILE_IDS, PROFILES, type Profile, type ProfileId, REQUIRED_MEASURES } from './profiles.js';

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

/** Returns null when valid, else a description of what is allowed. */
type Check = (value: unknown) => string | null;

const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `an integer from ${min} to ${max}`;
const num =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? null : `a number from ${min} to ${max}`;
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
const hhmm: Check = (v) => (typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? null : 'a time "HH:MM" (24 h)');
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
/** True when the daily window start–end (crossing midnight when start > end) contains minute `m`. */
function inWindow(m: number, start: number, end: number): boolean {
  return start <= end ? m >= start && m < end : m >= start || m < end;
}
/** The curfew may start earlier and end later, never cover less than 22:00–06:00 (CAC minors-mode guideline). */
const curfew: Check = (v) => {
  const rule = 'a window { start, end } of "HH:MM" times that covers at least 22:00–06:00';
  if (!isPlainObject(v) || hhmm(v.start) || hhmm(v.end)) return rule;
  const start = minutesOf(v.start as string);
  const end = minutesOf(v.end as string);
  if (start === end) return rule;
  for (let m = 22 * 60; m < 30 * 60; m++) if (!inWindow(m % 1440, start, end)) return rule;
  return null;
};
const timeZone: Check = (v) => {
  if (v === '') return null;
  if (typeof v !== 'string') return 'an IANA time zone name such as "Asia/Shanghai", or "" for the browser\'s';
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return null;
  } catch {
    return 'an IANA time zone name such as "Asia/Shanghai", or "" for the browser\'s';
  }
};

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

const labelText: Check = (v) =>
  typeof v === 'string' && v.length > 0 && v.length <= 200 && hasLabelElements(v)
    ? null
    : 'text of at most 200 characters with an AI element (人工智能 or AI) and a generation element (生成/合成, generated/synthesised)';
const plainText: Check = (v) =>
  typeof v === 'string' && v.length > 0 && v.length <= 500 ? null : 'non-empty text of at most 500 characters';

const wording = (check: Check) => ({ 'zh-CN': check, en: check });
const perBand = <T>(make: (band: AgeBand) => T) => Object.fromEntries(AGE_BANDS.map((b) => [b, make(b)])) as Record<AgeBand, T>;

// The validation tree mirrors the profile. Ranges never allow a weaker measure than the rules:
// the standard's numbers are ceilings (3 in a row, 5 a day, 4 clicks, 15 working days, 1 h / 2 h).
const SPEC = {
  measures: {
    aiLabel: bool,
    aiNotice: bool,
    aiNoticeDismissible: bool,
    implicitLabel: bool,
    aiDisclosure: bool,
    report: bool,
    dsaNotice: bool,
    minorMode: bool,
    trainingOptOut: bool,
    prescreen: bool,
  },
  wording: {
    aiLabel: wording(labelText),
    aiNotice: wording(labelText),
    aiDisclosure: wording(plainText),
    imageLabel: wording(labelText),
    videoLabel: wording(labelText),
    spokenLabel: wording(labelText),
  },
  thresholds: {
    suspension: { consecutive: int(1, 3), perDay: int(1, 5), durationMinutes: int(1, 525_600), timeZone },
    minors: {
      // Ceilings: under 8 at most 40 min (the guideline's stricter draft figure), 8–15 1 h, 16–17 2 h.
      dailyQuotaMinutes: perBand((b) => int(0, b === '16-17' ? 120 : b === 'under-3' || b === '3-7' ? 40 : 60)),
      restReminderMinutes: int(5, 30),
      curfew,
      payment: perBand(() => ({ allowed: bool, perTransaction: int(0, 10_000_00), perMonth: int(0, 100_000_00) })),
      pinIterations: int(100_000, 10_000_000),
      pinMaxAttempts: int(1, 5),
    },
    trainingOptOutMaxClicks: int(1, 4),
    complaintDeadlineWorkingDays: int(1, 15),
    labelMinTextRatio: num(0.05, 0.5),
    videoLabelMinSeconds: num(2, 60),
  },
};

type Listener = (config: AnquanConfig) => void;

let activeProfile: ProfileId = 'cn';
let endpoint: string | null = null;
let subject: string | null = null;
let assetBase: string | null = null;
let defaultAssetBase: string | null = null;
const overrides: Record<string, unknown> = {};
const listeners = new Set<Listener>();
const cache = new Map<ProfileId, AnquanConfig>();
let documentRead = false;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getPath(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let node = obj;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function fmt(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function report(errors: string[], key: string, value: unknown, allowed: string, kept: unknown): void {
  const message = `[anquan] configure: "${key}" = ${fmt(value)} is not allowed; expected ${allowed}. Keeping ${fmt(kept)}.`;
  errors.push(message);
  console.error(message);
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

function resolve(id: ProfileId): AnquanConfig {
  let config = cache.get(id);
  if (!config) {
    const merged = deepMerge(structuredClone(PROFILES[id]), structuredClone(overrides)) as Profile;
    for (const m of REQUIRED_MEASURES[id]) merged.measures[m] = true;
    if (id === 'cn') merged.measures.aiNoticeDismissible = false;
    config = deepFreeze({ ...merged, endpoint, subject }) as AnquanConfig;
    cache.set(id, config);
  }
  return config;
}

function changed(): void {
  cache.clear();
  const config = resolve(activeProfile);
  for (const l of listeners) {
    try {
      l(config);
    } catch (err) {
      console.error('[anquan] a configuration listener threw', err);
    }
  }
}

/** Validate a tree of overrides against the spec; apply what is valid. */
function applyTree(spec: Record<string, unknown>, input: unknown, path: string[], errors: string[]): void {
  if (!isPlainObject(input)) {
    report(errors, path.join('.'), input, 'an object', getPath(PROFILES[activeProfile], path));
    return;
  }
  for (const [key, value] of Object.entries(input)) {
    const sub = spec[key];
    const here = [...path, key];
    if (sub === undefined) {
      report(errors, here.join('.'), value, `one of the keys ${Object.keys(spec).join(', ')}`, 'the defaults');
    } else if (typeof sub === 'function') {
      const allowed = (sub as Check)(value);
      if (allowed) report(errors, here.join('.'), value, allowed, getPath(resolve(activeProfile), here));
      else setPath(overrides, here, value);
    } else applyTree(sub as Record<string, unknown>, value, here, errors);
  }
}

function applyMeasureGuard(errors: string[]): void {
  const measures = overrides.measures;
  if (!isPlainObject(measures)) return;
  for (const id of PROFILE_IDS) {
    for (const m of REQUIRED_MEASURES[id]) {
      if (measures[m] === false && id === activeProfile) {
        report(errors, `measures.${m}`, false, `true: the ${id} profile requires this measure`, true);
        delete measures[m];
      }
    }
  }
}

/**
 * Override the active profile and any of its measures, wording or thresholds. Invalid values log one
 * console error each (key, value, what is allowed) and leave the safe default in force.
 * @returns the errors, empty when everything applied
 */
export function configure(input: AnquanConfigInput): { ok: boolean; errors: string[] } {
  // The page's JSON blocks are the baseline: read them first, so this call wins over them.
  ensureDocumentRead();
  const errors: string[] = [];
  if (!isPlainObject(input)) {
    report(errors, '(config)', input, 'an object', 'the defaults');
    return { ok: false, errors };
  }
  for (const [key, value] of Object.entries(input)) {
    if (key === 'profile') {
      if (PROFILE_IDS.includes(value as ProfileId)) activeProfile = value as ProfileId;
      else report(errors, 'profile', value, `one of ${PROFILE_IDS.join(', ')}`, activeProfile);
    } else if (key === 'endpoint') {
      if (value === null || (typeof value === 'string' && /^(https?:\/\/[^\s]+|\/[^\s]*)$/.test(value)))
        endpoint = value === null ? null : (value as string).replace(/\/+$/, '');
      else report(errors, 'endpoint', value, 'an absolute http(s) URL or a path starting with "/"', endpoint);
    } else if (key === 'subject') {
      if (value === null || (typeof value === 'string' && value.length <= 128)) subject = value as string | null;
      else report(errors, 'subject', value, 'a string of at most 128 characters, or null', subject);
    } else if (key === 'assetBase') {
      if (value === null || (typeof value === 'string' && value.length > 0 && value.length <= 2048 && !/\s/.test(value)))
        assetBase = value as string | null;
      else report(errors, 'assetBase', value, 'a URL of a folder (absolute, or relative to the document), or null', assetBase);
    } else if (key in SPEC) {
      applyTree((SPEC as Record<string, Record<string, unknown>>)[key], value, [key], errors);
    } else {
      report(errors, key, value, 'one of profile, endpoint, subject, assetBase, measures, wording, thresholds', 'nothing');
    }
  }
  applyMeasureGuard(errors);
  changed();
  return { ok: errors.length === 0, errors };
}

/** Read every `<script type="application/json" data-anquan-config>` block of `doc`, in order. */
export function loadConfigFromDocument(doc: Document): void {
  documentRead = true;
  for (const script of Array.from(doc.querySelectorAll('script[type="application/json"][data-anquan-config]'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch (err) {
      console.error(`[anquan] data-anquan-config: the block is not valid JSON (${(err as Error).message}); keeping the defaults.`);
      continue;
    }
    configure(parsed as AnquanConfigInput);
  }
}

function ensureDocumentRead(): void {
  if (!documentRead && typeof document !== 'undefined') loadConfigFromDocument(document);
}

/** The resolved configuration of the active profile, or of `profile` when given. */
export function getConfig(profile?: ProfileId): AnquanConfig {
  ensureDocumentRead();
  return resolve(profile && PROFILE_IDS.includes(profile) ? profile : activeProfile);
}

/** The active profile's id. */
export function getActiveProfile(): ProfileId {
  ensureDocumentRead();
  return activeProfile;
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
  activeProfile = 'cn';
  endpoint = null;
  subject = null;
  assetBase = null;
  for (const k of Object.keys(overrides)) delete overrides[k];
  changed();
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
  const chosen = assetBase ?? (attr || null) ?? defaultAssetBase ?? (fallback === undefined ? null : String(fallback));
  return chosen === null ? null : folder(new URL(chosen, against).href);
}
