/**
 * The status report's sentences in proper words: counts with singular or plural nouns, zero counts
 * left out ("2 milestones done, 1 due date moved"), and a plain sentence when nothing happened.
 * Pure.
 */
import { calendarDaysBetween } from '../dates';
import type { PeriodChange, StatusPeriod } from './changes';

/** `1 milestone`, `2 milestones`, `0 milestones`. */
export const counted = (n: number, singular: string, plural = `${singular}s`): string =>
  `${n} ${n === 1 ? singular : plural}`;

/** What a count of each kind of change reads as, in the report's order of kinds. */
const CHANGE_WORDS: ReadonlyArray<[PeriodChange['type'], string, string]> = [
  ['milestoneDone', 'milestone', 'done'],
  ['dueMoved', 'due date', 'moved'],
  ['raidOpened', 'RAID item', 'opened'],
  ['raidClosed', 'RAID item', 'closed'],
  ['raidRescored', 'RAID item', 'rescored'],
  ['gatePassed', 'gate', 'passed'],
  ['gateRejected', 'gate', 'rejected'],
  ['changeApproved', 'change request', 'approved'],
];

export const NOTHING_CHANGED = 'Nothing changed in this period';

/** The period in words: `2026-06-01 to 2026-06-07, 7 days`. */
export function periodWords(p: StatusPeriod): string {
  return `${p.since} to ${p.asOf}, ${counted(calendarDaysBetween(p.since, p.asOf) + 1, 'day')}`;
}

/**
 * The "What changed" summary: `2 milestones done, 1 due date moved (2026-06-01 to 2026-06-07,
 * 7 days).`, or `Nothing changed in this period (…).`
 */
export function changesSummary(changes: readonly PeriodChange[], p: StatusPeriod): string {
  const parts: string[] = [];
  for (const [type, noun, verb] of CHANGE_WORDS) {
    const n = changes.filter((c) => c.type === type).length;
    if (n > 0) parts.push(`${counted(n, noun)} ${verb}`);
  }
  const said = parts.length === 0 ? NOTHING_CHANGED : parts.join(', ');
  return `${said.charAt(0).toUpperCase()}${said.slice(1)} (${periodWords(p)}).`;
}
