/**
 * The timeline in words: what each row of the portfolio timeline says as text (kickoff, forecast,
 * baseline, each milestone with its date), so a screen reader, a keyboard and a reader of the
 * Dates column get everything the bar and its markers draw. Pure.
 */
import type { IsoDate } from '../dates';

export interface TimelineMilestone {
  key: string;
  summary: string;
  dueDate: IsoDate | null;
  done: boolean;
}

export interface TimelineRowFacts {
  kickoff: IsoDate | null;
  /** Gone live: the forecast date is the go-live. */
  live: boolean;
  forecast: { date: IsoDate | null; baseline: IsoDate | null; projectedLate: boolean; lateByDays: number };
  milestones: readonly TimelineMilestone[];
}

const counted = (n: number, singular: string) => `${n} ${singular}${n === 1 ? '' : 's'}`;

/** How a date is written: ISO by default; a surface passes the user's locale format (the domain stays locale-free). */
export type DateWords = (date: IsoDate) => string;
const iso: DateWords = (d) => d;

/** One milestone, as its marker's tooltip and label say it: `IMP-3 UAT sign-off, due 2026-05-01, done`. */
export function milestoneWords(m: TimelineMilestone, date: DateWords = iso): string {
  const name = m.summary.trim() === '' ? m.key : `${m.key} ${m.summary.trim()}`;
  return `${name}, ${m.dueDate === null ? 'no due date' : `due ${date(m.dueDate)}`}, ${m.done ? 'done' : 'open'}`;
}

/** The milestones in due-date order (undated last), as the row's text lists them. */
export function milestonesInOrder(milestones: readonly TimelineMilestone[]): TimelineMilestone[] {
  return [...milestones].sort(
    (a, b) =>
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      a.key.localeCompare(b.key, 'en', { numeric: true }),
  );
}

/**
 * The row's dates as a sentence: `Kickoff 2026-01-08; forecast go-live 2026-03-08; baseline go-live
 * 2026-02-28; 2 milestones (1 open): IMP-2 Design, due 2026-02-01, done; IMP-3 UAT, due 2026-03-01, open.`
 */
export function timelineRowText(r: TimelineRowFacts, date: DateWords = iso): string {
  const or = (d: IsoDate | null, missing: string) => (d === null ? missing : date(d));
  const parts = [
    `Kickoff ${or(r.kickoff, 'not set')}`,
    r.live
      ? `went live ${or(r.forecast.date, 'unknown')}`
      : `forecast go-live ${or(r.forecast.date, 'none')}`,
    `baseline go-live ${or(r.forecast.baseline, 'none')}`,
  ];
  if (r.forecast.projectedLate) parts.push(`projected late by ${counted(r.forecast.lateByDays, 'day')}`);
  if (r.milestones.length === 0) parts.push('no milestones');
  else {
    const open = r.milestones.filter((m) => !m.done).length;
    const list = milestonesInOrder(r.milestones)
      .map((m) => milestoneWords(m, date))
      .join('; ');
    parts.push(`${counted(r.milestones.length, 'milestone')} (${open} open): ${list}`);
  }
  return `${parts.join('; ')}.`;
}
