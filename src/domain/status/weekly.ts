/**
 * "Publish weekly": the rules of a weekly status schedule. Its page titles, when its next page is
 * due, what state it is in, and who may stop it. Pure: the schedule's facts in, answers out.
 */
import { addDays, dayNumber, type IsoDate } from '../dates';
import { isoWeek } from './week';

/** Confluence refuses a title longer than this (v2 create page: 400). */
const MAX_TITLE = 255;

/**
 * The titles a week's page may take, the one the issue asks for first: `Status 2026-W49`. Confluence
 * requires page titles to be unique within a space ("A page already exists with the same TITLE in
 * this space"), so when another page already has that title (another implementation's weekly page
 * in the same space, or someone's own page), the page is `Status 2026-W49 — <implementation name>`,
 * and, if even that is taken, `Status 2026-W49 — <implementation name> (IMP-94)`, which only this
 * implementation can claim. The caller takes the first that is free or already this schedule's.
 */
export function weeklyStatusTitles(week: string, impl: { key: string; summary: string }): string[] {
  const plain = `Status ${week}`;
  const name = impl.summary.replace(/\s+/g, ' ').trim();
  const keyed = ` (${impl.key})`;
  if (name === '') return [plain, `${plain}${keyed}`];
  const named = `${plain} — ${name}`.slice(0, MAX_TITLE);
  return [plain, named, `${named.slice(0, MAX_TITLE - keyed.length)}${keyed}`];
}

export type WeeklyState = 'on' | 'paused' | 'stopped';

export interface WeeklyFacts {
  lastWeek?: string;
  paused?: { reason: string; at: string };
  stopped?: { by: string; at: string };
}

export function weeklyState(s: WeeklyFacts): WeeklyState {
  if (s.stopped !== undefined) return 'stopped';
  return s.paused === undefined ? 'on' : 'paused';
}

/** The Monday that starts the ISO week after `date`'s. */
function nextMonday(date: IsoDate): IsoDate {
  const weekday = (((dayNumber(date) + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  return addDays(date, 7 - weekday);
}

/**
 * When the next page is due: this week's, from today, while this week is not yet published; else
 * next week's, from its Monday. The scheduled function runs daily, so the page appears on the
 * first run on or after that day. None once stopped.
 */
export function nextWeeklyRun(s: WeeklyFacts, today: IsoDate): { week: string; from: IsoDate } | null {
  if (s.stopped !== undefined) return null;
  const week = isoWeek(today);
  if (s.lastWeek !== week) return { week, from: today };
  const monday = nextMonday(today);
  return { week: isoWeek(monday), from: monday };
}

/**
 * Who may stop a schedule: the person who set it up, or anyone who may edit the page holding the
 * macro, since they could remove the macro (and with it the reason for the pages) anyway. A space
 * admin restricted from that page lifts the restriction first, as for any edit of it.
 */
export function mayStopWeekly(s: { by: string }, caller: { accountId: string | null; mayEditPage: boolean }) {
  return (caller.accountId !== null && caller.accountId === s.by) || caller.mayEditPage;
}
