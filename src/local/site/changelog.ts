// Changes recorded the way Jira records them: one history per request, one change item per
// field with field / fieldId / from / fromString / to / toString.

import type { ChangeItemJson, SiteIssue, SiteState, SiteUser } from './model';
import { formatJiraTimestamp } from './time';

/** The instant of a new change: now, but never before the latest change on the site. */
export function changeInstant(state: SiteState, nowMs: number): number {
  const at = Math.max(nowMs, state.lastChangeMs + 1);
  state.lastChangeMs = at;
  return at;
}

export function appendHistory(
  state: SiteState,
  issue: SiteIssue,
  actor: SiteUser,
  atMs: number,
  items: ChangeItemJson[],
): void {
  if (items.length === 0) return;
  const created = formatJiraTimestamp(atMs, actor.utcOffsetMinutes);
  issue.histories.push({ id: String(state.counters.historyId++), author: actor.json, created, items });
  issue.updated = created;
}

export function item(
  field: string,
  fieldId: string | undefined,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
  fieldtype: 'jira' | 'custom' = 'jira',
): ChangeItemJson {
  const change: ChangeItemJson = { field, fieldtype, from, fromString, to, toString };
  if (fieldId !== undefined) change.fieldId = fieldId;
  return change;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How Jira writes a custom date field's value in changelog strings: 3/Mar/26. */
export function customDateString(date: string | null): string | null {
  if (date === null) return null;
  const [y, m, d] = date.split('-');
  return `${Number(d)}/${MONTHS[Number(m) - 1]}/${y.slice(2)}`;
}
