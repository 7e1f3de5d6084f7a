// The rules of a KPI scope: its JQL, and when a stored implementation snapshot may still be shown.
import { addDays, type IsoDate } from '../dates';

/** The JQL of a scope: the given query, the given projects, or everything that existed at asOf. */
export function scopeJql(choice: { jql?: string; projects?: readonly string[] }, asOf: IsoDate): string {
  if (choice.jql !== undefined) return choice.jql;
  if (choice.projects !== undefined) return `project in (${choice.projects.join(', ')})`;
  return `created < "${addDays(asOf, 1)}"`;
}

/**
 * A scope's projects as one viewer sees them: those they may browse (in the configured order) and
 * those they may not. Jira answers a search naming a project the user cannot browse as if it did
 * not exist, so a shared gadget searches only the first and says which it left out.
 */
export function splitProjects(
  configured: readonly string[],
  browsable: Iterable<string>,
): { shown: string[]; hidden: string[] } {
  const can = new Set([...browsable].map((k) => k.toUpperCase()));
  return {
    shown: configured.filter((k) => can.has(k.toUpperCase())),
    hidden: configured.filter((k) => !can.has(k.toUpperCase())),
  };
}

/** "ONB", "ONB and ENT", "IMP, ONB and ENT": project keys as a sentence lists them. */
export function projectsInWords(keys: readonly string[]): string {
  if (keys.length <= 1) return keys.join('');
  return `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
}

/**
 * What a viewer is told when a shared scope names projects they cannot browse, in Jira's words:
 * which projects the numbers cover, which they leave out, and who can help. Null when none is left out.
 */
export function leftOutOfScope(split: {
  shown: readonly string[];
  hidden: readonly string[];
}): { projects: string[]; note: string } | null {
  const { shown, hidden } = split;
  if (hidden.length === 0) return null;
  const them = projectsInWords(hidden);
  const its = hidden.length === 1 ? 'its' : 'their';
  const note =
    shown.length === 0
      ? `You don't have permission to browse ${them}, so this gadget has no numbers to show you. Ask your Jira admin for access, or ask the dashboard's owner to change the gadget's projects.`
      : `These numbers cover ${projectsInWords(shown)} only. You don't have permission to browse ${them}, so ${its} implementations aren't counted. Ask your Jira admin if you need access.`;
  return { projects: [...hidden], note };
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
