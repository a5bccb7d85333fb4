// Typed zh-CN and en message tables. Each package defines its own table with `defineMessages`; the
// en table must have exactly the keys of the zh-CN table (the compiler checks it).

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

/** Core messages shared by every element. */
export const coreMessages = defineMessages({
  'zh-CN': {
    storageDegraded: '本地存储不可用，记录暂存于内存中，关闭页面前请保持联网。',
    close: '关闭',
    required: '必填',
    advisory: '客户端措施仅供提示，服务端会再次核验。',
  },
  en: {
    storageDegraded: 'Local storage is unavailable; records are kept in memory. Stay online before closing the page.',
    close: 'Close',
    required: 'Required',
    advisory: 'Client-side measures are advisory; the server checks again.',
  },
});

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
