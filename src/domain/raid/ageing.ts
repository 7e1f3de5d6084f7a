/**
 * RAID ageing, in whole calendar days as of a date: an item's age runs from its creation to its
 * resolution (when done) or to asOf; an open item is overdue once asOf is past its due date (due
 * today is not overdue). Done items are never overdue.
 */
import { calendarDaysBetween, type IsoDate } from '../dates';

export interface Ageing {
  /** Days from created to resolved (done) or asOf; null without a creation date. */
  ageDays: number | null;
  overdue: boolean;
  /** Days past the due date when overdue, else 0. */
  overdueDays: number;
}

export function ageRaidItem(
  item: { created: IsoDate | null; resolved: IsoDate | null; done: boolean; dueDate: IsoDate | null },
  asOf: IsoDate,
): Ageing {
  const end = item.done && item.resolved !== null ? item.resolved : asOf;
  const ageDays = item.created === null ? null : Math.max(0, calendarDaysBetween(item.created, end));
  const overdueDays =
    !item.done && item.dueDate !== null ? Math.max(0, calendarDaysBetween(item.dueDate, asOf)) : 0;
  return { ageDays, overdue: overdueDays > 0, overdueDays };
}
