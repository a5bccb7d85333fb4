// Calendar dates in a time zone, without DOM (Intl only).

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** `YYYY-MM-DD` of `at` (epoch ms or a Date) in `timeZone` (IANA name; '' = the runtime's). */
export function localDate(at: number | Date, timeZone = ''): string {
  const parts = dateFormat(timeZone).formatToParts(typeof at === 'number' ? new Date(at) : at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
