/** ISO 8601 weeks: the weekly status page is named and published once per week by these. */
import { dayNumber, fromDayNumber, type IsoDate } from '../dates';

/** The ISO week of a date, `2026-W49` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: IsoDate): string {
  const day = dayNumber(date);
  // 1970-01-01 was a Thursday: weekday 0 = Monday … 6 = Sunday
  const weekday = (((day + 3) % 7) + 7) % 7;
  const thursday = fromDayNumber(day - weekday + 3);
  const year = thursday.slice(0, 4);
  const jan1 = dayNumber(`${year}-01-01`);
  const week = Math.floor((dayNumber(thursday) - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
