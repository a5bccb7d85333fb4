// Working-day arithmetic for complaint deadlines: weekends, a configurable holiday list and make-up
// working days (调休, a weekend day declared a working day). Pure: no DOM, no imports, so the same
// file runs in the browser, in workers and in @anquan/intake (npm run build copies it, types
// stripped, to packages/intake/src/generated/working-days.mjs; there is one implementation).

/** A working calendar. Dates are calendar dates `YYYY-MM-DD` in `timeZone`. */
export interface WorkingCalendar {
  /** Public holidays: never working days, even on a weekday. */
  holidays?: readonly string[];
  /** Make-up working days (调休): working days even on a weekend. */
  workdays?: readonly string[];
  /** Weekend days, 0 = Sunday … 6 = Saturday (default Saturday and Sunday). */
  weekend?: readonly number[];
  /** IANA time zone whose calendar dates count (default UTC). */
  timeZone?: string;
}

/**
 * China's 2025 public holidays and make-up working days (State Council notice of 2024-11-12), as an
 * example calendar. Hosts configure the current year's list from the official notice.
 */
export const CN_2025: WorkingCalendar = Object.freeze({
  timeZone: 'Asia/Shanghai',
  holidays: Object.freeze([
    '2025-01-01',
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-01',
    '2025-02-02',
    '2025-02-03',
    '2025-02-04',
    '2025-04-04',
    '2025-04-05',
    '2025-04-06',
    '2025-05-01',
    '2025-05-02',
    '2025-05-03',
    '2025-05-04',
    '2025-05-05',
    '2025-05-31',
    '2025-06-01',
    '2025-06-02',
    '2025-10-01',
    '2025-10-02',
    '2025-10-03',
    '2025-10-04',
    '2025-10-05',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
  ]),
  workdays: Object.freeze(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']),
});

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Check a calendar; returns the first problem or null. */
export function calendarProblem(cal: unknown): string | null {
  if (cal === undefined || cal === null) return null;
  if (typeof cal !== 'object' || Array.isArray(cal)) return 'calendar: must be an object';
  const c = cal as Record<string, unknown>;
  for (const key of ['holidays', 'workdays']) {
    const list = c[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `calendar.${key}: must be an array of "YYYY-MM-DD" dates`;
    const bad = list.find((d) => typeof d !== 'string' || !DATE_RE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
    if (bad !== undefined) return `calendar.${key}: ${JSON.stringify(bad)} is not a "YYYY-MM-DD" date`;
  }
  if (c.weekend !== undefined) {
    if (!Array.isArray(c.weekend) || c.weekend.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
      return 'calendar.weekend: must be an array of integers 0 (Sunday) to 6 (Saturday)';
  }
  if (c.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: c.timeZone as string });
    } catch {
      return `calendar.timeZone: ${JSON.stringify(c.timeZone)} is not an IANA time zone`;
    }
  }
  return null;
}

/** The calendar date `YYYY-MM-DD` of `at` in `timeZone` (UTC when empty). */
export function dateIn(at: Date, timeZone?: string): string {
  if (!timeZone || timeZone === 'UTC') return at.toISOString().slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Add `n` calendar days to a `YYYY-MM-DD` date. */
function shift(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** True when `date` (`YYYY-MM-DD`) is a working day in `cal`. */
export function isWorkingDay(date: string, cal: WorkingCalendar = {}): boolean {
  if (cal.workdays?.includes(date)) return true;
  if (cal.holidays?.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return !(cal.weekend ?? [0, 6]).includes(weekday);
}

/**
 * The deadline `days` working days after `from`: the day of receipt does not count; the deadline is
 * the same time of day on the `days`-th working day after it (days counted in `cal.timeZone`).
 */
export function addWorkingDays(from: Date, days: number, cal: WorkingCalendar = {}): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`addWorkingDays: days must be a non-negative integer, got ${days}`);
  const start = dateIn(from, cal.timeZone);
  let date = start;
  let stepped = 0;
  let left = days;
  while (left > 0) {
    date = shift(date, 1);
    stepped++;
    if (isWorkingDay(date, cal)) left--;
    if (stepped > 3660) throw new RangeError('addWorkingDays: no working day within ten years; check the calendar');
  }
  return new Date(from.getTime() + stepped * DAY_MS);
}

/** Working days from `from` up to `to` (the day of `from` not counted; negative when `to` is earlier). */
export function workingDaysBetween(from: Date, to: Date, cal: WorkingCalendar = {}): number {
  const a = dateIn(from, cal.timeZone);
  const b = dateIn(to, cal.timeZone);
  if (a === b) return 0;
  const sign = a < b ? 1 : -1;
  let date = a;
  let count = 0;
  while (date !== b) {
    date = shift(date, sign);
    if (isWorkingDay(date, cal)) count += sign;
  }
  return count;
}
