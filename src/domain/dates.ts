/**
 * Dates as the spec reads them: a timestamp's calendar date is the date written in its own
 * offset, so dates stay `YYYY-MM-DD` strings (they compare as strings) and arithmetic goes
 * through whole day numbers. No clock, no local time zone.
 */
import { z } from 'zod';

/** `YYYY-MM-DD`. */
export type IsoDate = string;

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a real calendar date');

const DAY_MS = 86_400_000;

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(y: number, m: number): number {
  return m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(m)
      ? 30
      : 31;
}

/**
 * The calendar date of a Jira date (`2026-03-10`) or timestamp (`2026-03-10T23:30:00.000-0800`
 * is 2026-03-10), or null when the text does not start with a real date.
 */
export function calendarDate(ts: unknown): IsoDate | null {
  if (typeof ts !== 'string' || ts.length < 10 || ts.charCodeAt(4) !== 45 || ts.charCodeAt(7) !== 45)
    return null;
  if (ts.length > 10 && ts.charCodeAt(10) !== 84 && ts.charCodeAt(10) !== 32) return null; // 'T' or ' '
  const y = digits(ts, 0, 4);
  const m = digits(ts, 5, 7);
  const d = digits(ts, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return ts.length === 10 ? ts : ts.slice(0, 10);
}

/** Whole days since 1970-01-01 of a valid IsoDate. */
export function dayNumber(date: IsoDate): number {
  return Date.UTC(digits(date, 0, 4), digits(date, 5, 7) - 1, digits(date, 8, 10)) / DAY_MS;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (days === 0) return date; // every milestone, with the default tolerance of 0 days
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole calendar days from `earlier` to `later` (negative when `later` is before). */
export function calendarDaysBetween(earlier: IsoDate, later: IsoDate): number {
  return dayNumber(later) - dayNumber(earlier);
}

/** Saturday or Sunday, by day number (day 0, 1970-01-01, was a Thursday). */
function isWeekendDay(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 Sunday … 6 Saturday
  return weekday === 0 || weekday === 6;
}

/** Whether a valid IsoDate falls on a Saturday or a Sunday. */
export function isWeekend(date: IsoDate): boolean {
  return isWeekendDay(dayNumber(date));
}

/**
 * date-fns `differenceInBusinessDays(later, earlier)`, counted on day numbers: the weekdays in
 * [earlier, later), or minus those in (later, earlier] when later comes first. Its Date objects
 * cost ~15 ms of a 1,500-implementation report; the tests hold this to date-fns itself.
 */
function weekdaysBetween(earlier: number, later: number): number {
  const diff = later - earlier;
  const sign = diff < 0 ? -1 : 1;
  const weeks = Math.trunc(diff / 7);
  let n = weeks * 5;
  for (let day = earlier + weeks * 7; day !== later; day += sign) if (!isWeekendDay(day)) n += sign;
  return n;
}

/**
 * date-fns `differenceInBusinessDays(later, earlier)` (weekdays in [earlier, later)), minus the
 * configured holidays that fall on a weekday in that range (when the range is positive).
 */
export function businessDaysBetween(
  earlier: IsoDate,
  later: IsoDate,
  holidays: readonly IsoDate[] = [],
): number {
  let n = weekdaysBetween(dayNumber(earlier), dayNumber(later));
  if (holidays.length === 0 || n <= 0) return n === 0 ? 0 : n; // negative durations are discarded anyway
  for (const h of new Set(holidays)) {
    if (h >= earlier && h < later && !isWeekend(h)) n--;
  }
  return n;
}

/**
 * Milliseconds since the epoch of a Jira timestamp, for ordering changelog entries (offsets
 * `+0530` and `+05:30` both read); NaN when unreadable.
 */
export function instant(ts: string): number {
  const direct = Date.parse(ts);
  if (!Number.isNaN(direct)) return direct;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2})(\d{2})$/.exec(ts);
  return m ? Date.parse(`${m[1]}${m[2]}:${m[3]}`) : NaN;
}
