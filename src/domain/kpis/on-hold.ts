/**
 * "Days on hold" of kpis.md: the spells an implementation spent in an on-hold status, read from
 * its status changes (by asOf), and how many of their days fall inside a duration's window.
 */
import { calendarDaysBetween, type IsoDate } from '../dates';
import type { StatusChange } from '../history';

/** A spell on hold: from the change into an on-hold status to the next change out (null: still open). */
export interface HoldSpell {
  start: IsoDate;
  end: IsoDate | null;
}

/**
 * The spells of a status history (oldest change first). A change into an on-hold status opens a
 * spell; a change from one on-hold status to another keeps it open; the next change to any other
 * status closes it.
 */
export function holdSpells(
  changes: readonly StatusChange[],
  onHold: { has(name: string | null): boolean },
): HoldSpell[] {
  const spells: HoldSpell[] = [];
  let open: HoldSpell | null = null;
  for (const c of changes) {
    const into = onHold.has(c.to);
    if (open === null && into) {
      open = { start: c.date, end: null };
      spells.push(open);
    } else if (open !== null && !into) {
      open.end = c.date;
      open = null;
    }
  }
  return spells;
}

/**
 * Calendar days on hold inside [from, to]: each spell clipped to the window (an open spell runs
 * to its end), counted as later − earlier. Never more than the window, never negative.
 */
export function daysOnHold(spells: readonly HoldSpell[], from: IsoDate, to: IsoDate): number {
  let days = 0;
  for (const s of spells) {
    const start = s.start > from ? s.start : from;
    const end = s.end === null || s.end > to ? to : s.end;
    if (end > start) days += calendarDaysBetween(start, end);
  }
  return days;
}
