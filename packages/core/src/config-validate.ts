// Configuration: the active profile plus the host's overrides, from one `configure({...})` call or a
// `<script type="application/json" data-anquan-config>` block. Every value is validated; a bad value
// logs one console error naming the key, the value and what is allowed, and the safe default stays.
// The state and its reading are config-state.ts (what elements import); this module is the validator,
// loaded by a host that configures (through `@anquan/core/config`) and, for a page's config blocks, as
// a chunk of its own that config-state.ts imports at the first read.
import {
  type AnquanConfigInput,
  configChanged,
  configState,
  ensureDocumentRead,
  hasLabelElements,
  isPlainObject,
  markDocumentRead,
  resolveConfig,
  setDocumentReader,
} from './config-state.js';
import { AGE_BANDS, type AgeBand, PROFILE_IDS, PROFILES, type ProfileId, REQUIRED_MEASURES } from './profiles.js';

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
// Built on first use (no work at import).
let spec: Record<string, unknown> | null = null;
const SPEC = () =>
  (spec ??= {
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
  });

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

/** Validate a tree of overrides against the spec; apply what is valid. */
function applyTree(spec: Record<string, unknown>, input: unknown, path: string[], errors: string[]): void {
  if (!isPlainObject(input)) {
    report(errors, path.join('.'), input, 'an object', getPath(PROFILES[configState.profile], path));
    return;
  }
  for (const [key, value] of Object.entries(input)) {
    const sub = spec[key];
    const here = [...path, key];
    if (sub === undefined) {
      report(errors, here.join('.'), value, `one of the keys ${Object.keys(spec).join(', ')}`, 'the defaults');
    } else if (typeof sub === 'function') {
      const allowed = (sub as Check)(value);
      if (allowed) report(errors, here.join('.'), value, allowed, getPath(resolveConfig(configState.profile), here));
      else setPath(configState.overrides, here, value);
    } else applyTree(sub as Record<string, unknown>, value, here, errors);
  }
}

function applyMeasureGuard(errors: string[]): void {
  const measures = configState.overrides.measures;
  if (!isPlainObject(measures)) return;
  for (const id of PROFILE_IDS) {
    for (const m of REQUIRED_MEASURES[id]) {
      if (measures[m] === false && id === configState.profile) {
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
      if (PROFILE_IDS.includes(value as ProfileId)) configState.profile = value as ProfileId;
      else report(errors, 'profile', value, `one of ${PROFILE_IDS.join(', ')}`, configState.profile);
    } else if (key === 'endpoint') {
      if (value === null || (typeof value === 'string' && /^(https?:\/\/[^\s]+|\/[^\s]*)$/.test(value)))
        configState.endpoint = value === null ? null : (value as string).replace(/\/+$/, '');
      else report(errors, 'endpoint', value, 'an absolute http(s) URL or a path starting with "/"', configState.endpoint);
    } else if (key === 'subject') {
      if (value === null || (typeof value === 'string' && value.length <= 128)) configState.subject = value as string | null;
      else report(errors, 'subject', value, 'a string of at most 128 characters, or null', configState.subject);
    } else if (key === 'assetBase') {
      if (value === null || (typeof value === 'string' && value.length > 0 && value.length <= 2048 && !/\s/.test(value)))
        configState.assetBase = value as string | null;
      else report(errors, 'assetBase', value, 'a URL of a folder (absolute, or relative to the document), or null', configState.assetBase);
    } else if (key in SPEC()) {
      applyTree((SPEC() as Record<string, Record<string, unknown>>)[key], value, [key], errors);
    } else {
      report(errors, key, value, 'one of profile, endpoint, subject, assetBase, measures, wording, thresholds', 'nothing');
    }
  }
  applyMeasureGuard(errors);
  configChanged();
  return { ok: errors.length === 0, errors };
}

/** Read every `<script type="application/json" data-anquan-config>` block of `doc`, in order. */
export function loadConfigFromDocument(doc: Document): void {
  markDocumentRead();
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

// The page's config blocks are read by this module: registered when it loads (statically by a host, or
// as the chunk config-state.ts loads for a page with a block).
setDocumentReader(loadConfigFromDocument);
