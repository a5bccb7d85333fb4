// Typed zh-CN and en message tables. Each package defines its own table with `defineMessages` (both
// locales inline) or `defineLocaleMessages` (zh-CN inline, en in its own module loaded when a page
// renders in English); the en table must have exactly the keys of the zh-CN table (the compiler checks it).

/** The locales every message table provides. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Map any BCP 47 tag to a supported locale: `zh*` → zh-CN, anything else → en; empty → `fallback`. */
export function resolveLocale(lang: string | null | undefined, fallback: Locale = 'zh-CN'): Locale {
  if (!lang) return fallback;
  return lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Replace `{name}` placeholders with `params.name`. Unknown placeholders stay as they are. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export type MessageTables<T extends Record<string, string>> = { 'zh-CN': T; en: { [K in keyof T]: string } };
export type Translate<T extends Record<string, string>> = (
  locale: Locale,
  key: keyof T & string,
  params?: Record<string, string | number>,
) => string;

/** Define a package's message tables; returns a typed `t(locale, key, params)`. */
export function defineMessages<T extends Record<string, string>>(tables: MessageTables<T>): Translate<T> & { tables: MessageTables<T> } {
  const t = ((locale: Locale, key: keyof T & string, params?: Record<string, string | number>) =>
    interpolate(tables[locale][key] ?? tables['zh-CN'][key] ?? key, params)) as Translate<T> & { tables: MessageTables<T> };
  t.tables = tables;
  return t;
}

/** A table with exactly the keys of the zh-CN table `T` (what a lazily loaded locale file exports). */
export type MessageTable<T extends Record<string, string>> = { [K in keyof T]: string };

/** The loaders of the locales a table does not carry inline: `{ en: () => import('./x.en.js') }`. */
export type LocaleLoaders<T extends Record<string, string>> = {
  [L in Exclude<Locale, 'zh-CN'>]: () => Promise<{ default: MessageTable<T> }>;
};

/** A per-locale table: zh-CN inline, the others loaded when a page first renders in that locale. */
export type LazyTranslate<T extends Record<string, string>> = Translate<T> & {
  tables: { 'zh-CN': T } & Partial<Record<Exclude<Locale, 'zh-CN'>, MessageTable<T>>>;
  /** True when `locale`'s table is here (or its load failed: zh-CN stands in). */
  has(locale: Locale): boolean;
  /** Load `locale`'s table; resolves (never rejects) once it is here or its load failed. */
  load(locale: Locale): Promise<void>;
};

type Loadable = { has(locale: Locale): boolean; load(locale: Locale): Promise<void> };
const lazyTables = new Set<Loadable>();

/**
 * Null when every per-locale table defined so far has `locale`; else a promise that loads the missing
 * ones (never rejects). `AnquanElement` waits for it before each update, so an element never renders
 * a key or the other language while its table is on the way.
 */
export function messagesReady(locale: Locale): Promise<void> | null {
  let waits: Promise<void>[] | null = null;
  for (const table of lazyTables) if (!table.has(locale)) (waits ??= []).push(table.load(locale));
  return waits ? Promise.all(waits).then(() => undefined) : null;
}

/**
 * Define a table whose zh-CN text is inline and whose other locales load on demand (one language per
 * page: a zh-CN page never downloads the English text). Until a locale's table is here, `t()` answers
 * in zh-CN; elements never see that, they wait (`messagesReady`). A failed load logs one console error
 * and leaves zh-CN in force (text, never keys or nothing).
 */
export function defineLocaleMessages<T extends Record<string, string>>(zh: T, loaders: LocaleLoaders<T>): LazyTranslate<T> {
  const tables: LazyTranslate<T>['tables'] = { 'zh-CN': zh };
  const failed = new Set<Locale>();
  const loading = new Map<Locale, Promise<void>>();
  const t = ((locale: Locale, key: keyof T & string, params?: Record<string, string | number>) =>
    interpolate(tables[locale]?.[key] ?? zh[key] ?? key, params)) as LazyTranslate<T>;
  t.tables = tables;
  t.has = (locale) => locale === 'zh-CN' || tables[locale] !== undefined || failed.has(locale);
  t.load = (locale) => {
    if (t.has(locale)) return Promise.resolve();
    let p = loading.get(locale);
    if (!p) {
      p = loaders[locale as Exclude<Locale, 'zh-CN'>]().then(
        (m) => {
          tables[locale as Exclude<Locale, 'zh-CN'>] = m.default;
        },
        (err: unknown) => {
          failed.add(locale);
          console.error(`[anquan] the ${locale} message table failed to load; showing zh-CN text.`, err);
        },
      );
      loading.set(locale, p);
    }
    return p;
  };
  lazyTables.add(t);
  return t;
}

/** Text a host configures, in one language for both locales or per locale: `'…'` or `{ 'zh-CN': '…', en: '…' }`. */
export type Localized = string | Partial<Record<Locale, string>>;

/** The text of `value` for `locale`, falling back to the other locale; '' when absent or not text. */
export function localize(value: Localized | undefined | null, locale: Locale): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return '';
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const text = value[locale] ?? value[other] ?? '';
  return typeof text === 'string' ? text : '';
}
