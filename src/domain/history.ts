/**
 * What an issue's changelog says, as of a date, in one pass over its items. Entries whose
 * calendar date is after asOf are ignored, except to work out the value a field had at asOf.
 */
import { calendarDate, instant, type IsoDate } from './dates';
import type { JiraChangelogItem, JiraHistory } from './issue-json';

export interface StatusChange {
  /** ms since epoch (ordering). */
  at: number;
  date: IsoDate;
  from: string | null;
  to: string | null;
}

export interface HistoryFacts {
  /** Resolution items that go from a value to empty, by asOf. */
  reopenCount: number;
  /** The issue was moved into one of the failed statuses by asOf. */
  everFailed: boolean;
  /** Status / resolution at asOf when they changed after it (undefined: unchanged since). */
  statusAtAsOf: string | null | undefined;
  resolutionAtAsOf: string | null | undefined;
  /** The first value the due date had, from its earliest change by asOf (see baselineDue). */
  firstDueDate: string | null | undefined;
  /** Status changes by asOf, oldest first (only when asked for: implementations). */
  statusChanges: StatusChange[];
  /** Histories about a followed field without a readable date (ignored). */
  undated: number;
}

export interface ScanOptions {
  asOf: IsoDate;
  failedStatuses: { has(name: string): boolean };
  statusChanges?: boolean;
  dueDate?: boolean;
}

const NO_CHANGES: StatusChange[] = [];

const isEmpty = (s: string | null | undefined) => s === null || s === undefined || s === '';

/** The three fields the engine follows, by id (v3) or name (v2), else null. */
function fieldOf(it: JiraChangelogItem): 'status' | 'resolution' | 'duedate' | null {
  const f = it.fieldId ?? it.field;
  if (f === 'status' || f === 'resolution' || f === 'duedate') return f;
  // v2 and some sites capitalise; only strings of the right length are worth lowercasing
  if (f.length !== 6 && f.length !== 10 && f.length !== 7) return null;
  const lc = f.toLowerCase();
  return lc === 'status' || lc === 'resolution' || lc === 'duedate' ? lc : null;
}

export function scanHistory(histories: readonly JiraHistory[], opts: ScanOptions): HistoryFacts {
  const facts: HistoryFacts = {
    reopenCount: 0,
    everFailed: false,
    statusAtAsOf: undefined,
    resolutionAtAsOf: undefined,
    firstDueDate: undefined,
    statusChanges: opts.statusChanges ? [] : NO_CHANGES,
    undated: 0,
  };
  let laterStatusAt = Infinity;
  let laterResolutionAt = Infinity;
  let dueAt = Infinity;
  // Indexed loops: see scanImplementations (a for-of allocates until it is optimised).
  for (let i = 0; i < histories.length; i++) {
    const h = histories[i];
    let date: IsoDate | null | undefined; // read once, and only for histories that matter
    for (let j = 0; j < h.items.length; j++) {
      const it = h.items[j];
      const field = fieldOf(it);
      if (field === null || (field === 'duedate' && !opts.dueDate)) continue;
      if (date === undefined) {
        date = calendarDate(h.created);
        if (date === null) facts.undated++;
      }
      if (date === null) break;
      const after = date > opts.asOf;
      if (field === 'status') {
        const to = it.toString ?? null;
        if (after) {
          const at = instant(h.created);
          if (at < laterStatusAt || laterStatusAt === Infinity) {
            laterStatusAt = at;
            facts.statusAtAsOf = it.fromString ?? null;
          }
          continue;
        }
        if (to !== null && opts.failedStatuses.has(to)) facts.everFailed = true;
        if (opts.statusChanges)
          facts.statusChanges.push({ at: instant(h.created), date, from: it.fromString ?? null, to });
      } else if (field === 'resolution') {
        if (after) {
          const at = instant(h.created);
          if (at < laterResolutionAt || laterResolutionAt === Infinity) {
            laterResolutionAt = at;
            facts.resolutionAtAsOf = it.fromString ?? it.from ?? null;
          }
          continue;
        }
        if (!(isEmpty(it.from) && isEmpty(it.fromString)) && isEmpty(it.to) && isEmpty(it.toString))
          facts.reopenCount++;
      } else if (!after) {
        const at = instant(h.created);
        if (at < dueAt || dueAt === Infinity) {
          dueAt = at;
          // `from` is `2026-02-13`, `fromString` `2026-02-13 00:00:00.0`: both start with the date.
          const first = !isEmpty(it.from)
            ? it.from
            : !isEmpty(it.fromString)
              ? it.fromString
              : !isEmpty(it.to)
                ? it.to
                : it.toString;
          facts.firstDueDate = first ?? null;
        }
      }
    }
  }
  if (facts.statusChanges.length > 1)
    facts.statusChanges.sort((a, b) => a.at - b.at || (a.date < b.date ? -1 : 1));
  return facts;
}
