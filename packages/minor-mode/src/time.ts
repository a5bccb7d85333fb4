// Local-time helpers without DOM: the local date and minute of day in a time zone, "HH:MM" windows
// that may cross midnight, and the next time a window starts or ends.

/** A daily window in local time; `start` after `end` means it crosses midnight (22:00-06:00). */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface LocalParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `YYYY-MM` */
  month: string;
  /** Minutes since local midnight. */
  minute: number;
  /** Milliseconds into the current minute. */
  msInMinute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The local date and time of `ms` in `timeZone` ('' = the browser's). */
export function localParts(ms: number, timeZone = ''): LocalParts {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const hour = Number(parts.hour) % 24;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    month: `${parts.year}-${parts.month}`,
    minute: hour * 60 + Number(parts.minute),
    msInMinute: ((ms % 60_000) + 60_000) % 60_000,
  };
}

/** "HH:MM" → minutes since midnight, or NaN. */
export function parseHhmm(text: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

export function isValidWindow(w: unknown): w is TimeWindow {
  const v = w as TimeWindow;
  return !!v && typeof v === 'object' && !Number.isNaN(parseHhmm(v.start)) && !Number.isNaN(parseHhmm(v.end)) && v.start !== v.end;
}

/** True when `minute` (since midnight) lies in the window; windows may cross midnight. */
export function inWindow(minute: number, w: TimeWindow): boolean {
  const s = parseHhmm(w.start);
  const e = parseHhmm(w.end);
  if (Number.isNaN(s) || Number.isNaN(e) || s === e) return false;
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}

/** Epoch ms of the next local `hhmm` strictly after `ms` (no DST correction needed for fixed-offset zones). */
export function nextLocalTime(ms: number, hhmm: string, timeZone = ''): number {
  const p = localParts(ms, timeZone);
  const target = parseHhmm(hhmm);
  let diff = target - p.minute;
  if (diff <= 0) diff += 24 * 60;
  return ms - p.msInMinute + diff * 60_000;
}

/** Parse "HH:MM-HH:MM, HH:MM-HH:MM" into windows; invalid parts are dropped. */
export function parseWindows(text: string): TimeWindow[] {
  return text
    .split(/[,，;；\s]+/)
    .map((part) => part.split(/[-–~]/))
    .filter((p) => p.length === 2)
    .map(([start, end]) => ({ start: start.trim(), end: end.trim() }))
    .filter(isValidWindow);
}

export function formatWindows(windows: readonly TimeWindow[]): string {
  return windows.map((w) => `${w.start}-${w.end}`).join(', ');
}
