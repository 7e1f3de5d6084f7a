// The rules of a KPI scope: its JQL, and when a stored implementation snapshot may still be shown.
import { addDays, type IsoDate } from '../dates';

/** The JQL of a scope: the given query, the given projects, or everything that existed at asOf. */
export function scopeJql(choice: { jql?: string; projects?: readonly string[] }, asOf: IsoDate): string {
  if (choice.jql !== undefined) return choice.jql;
  if (choice.projects !== undefined) return `project in (${choice.projects.join(', ')})`;
  return `created < "${addDays(asOf, 1)}"`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "7 Dec 2026": a date as a scope line reads it (no time zone, no locale-dependent order). */
export function dayInWords(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * The scope of a KPI gadget as its viewers read it, not as JQL: "Projects IMP, ONB", "Every
 * project you can see · created before 7 Dec 2026", or, for a query the editor wrote, that it is
 * a JQL query (the query itself is shown apart, for those who read JQL).
 */
export function scopeInWords(choice: { jql?: string; projects?: readonly string[] }, asOf: IsoDate): string {
  const created = `created before ${dayInWords(addDays(asOf, 1))}`;
  if (choice.jql !== undefined) return 'Issues matching a JQL query';
  if (choice.projects !== undefined)
    return `${choice.projects.length === 1 ? 'Project' : 'Projects'} ${choice.projects.join(', ')}`;
  return `Every project you can see · ${created}`;
}

/** The JQL without a trailing ORDER BY clause (scopes are combined with AND). */
export function stripOrderBy(jql: string): string {
  return jql.replace(/\s+order\s+by\s+[^"']*$/i, '').trim();
}

/** Snapshots older than this are recomputed. */
export const SNAPSHOT_MAX_AGE_MS = 12 * 3600_000;

/** What decides whether a stored snapshot is still usable. */
export interface SnapshotStamp {
  key: string;
  /** Every issue the numbers were computed from. */
  inputs: readonly string[];
  /** Epoch ms. */
  computedAt: number;
  dates: readonly IsoDate[];
}

/**
 * A stored snapshot the viewer may be shown: fresh, for these dates, every input visible to them,
 * nothing changed since (`changed`: epoch ms of the last change of an issue).
 */
export function isUsable<S extends SnapshotStamp>(
  snapshot: S | undefined,
  dates: readonly IsoDate[],
  visible: ReadonlySet<string>,
  changed: ReadonlyMap<string, number>,
  now: number,
): snapshot is S {
  if (snapshot === undefined) return false;
  if (snapshot.computedAt < now - SNAPSHOT_MAX_AGE_MS) return false;
  if (snapshot.dates.length !== dates.length || snapshot.dates.some((d, i) => d !== dates[i])) return false;
  if (!visible.has(snapshot.key)) return false;
  for (const k of snapshot.inputs) if (!visible.has(k)) return false;
  const since = (k: string) => (changed.get(k) ?? 0) > snapshot.computedAt;
  return !since(snapshot.key) && !snapshot.inputs.some(since);
}
