/**
 * A Jira search export as the command line and the local host receive it: one response of
 * `/rest/api/3/search/jql?expand=names,changelog` (or the old `/search`), or an array of the
 * pages of one search. Pages are concatenated and their `names` merged.
 */
import type { Result } from './config';
import type { KpiWarning } from './fields';
import { isObject, readIssue, type JiraIssue, type JiraNames } from './issue-json';

export interface SearchExport {
  issues: JiraIssue[];
  names: JiraNames;
  /** Entries of `issues` that could not be read (no key, not an object…), named by position. */
  warnings: KpiWarning[];
}

function pageError(page: unknown): string | null {
  if (!isObject(page))
    return Array.isArray(page)
      ? 'is an array, expected a search response object'
      : `is ${page === null ? 'null' : typeof page}, expected a search response object`;
  if (!Array.isArray(page.issues)) {
    if (typeof page.key === 'string' && isObject(page.fields))
      return 'is a single issue, not a search response (no "issues" array)';
    return 'has no "issues" array: not a Jira search response';
  }
  if (page.names !== undefined && !isObject(page.names)) return '"names" is not an object of field id → name';
  return null;
}

/** Merge pages into one export, or say what makes the JSON not a search export. */
export function parseSearchExport(json: unknown): Result<SearchExport> {
  const pages = Array.isArray(json) ? json : [json];
  if (Array.isArray(json) && json.length === 0)
    return {
      ok: false,
      error: 'an empty array is not a search export (expected one search response or an array of its pages)',
    };
  const out: SearchExport = { issues: [], names: {}, warnings: [] };
  for (let p = 0; p < pages.length; p++) {
    const page: unknown = pages[p];
    const error = pageError(page);
    if (error !== null)
      return { ok: false, error: Array.isArray(json) ? `page ${p + 1} ${error}` : `the JSON ${error}` };
    if (!isObject(page) || !Array.isArray(page.issues)) continue; // narrowed above; keeps the types honest
    if (isObject(page.names)) {
      for (const [id, name] of Object.entries(page.names)) if (typeof name === 'string') out.names[id] = name;
    }
    const where = Array.isArray(json) ? ` of page ${p + 1}` : '';
    for (let i = 0; i < page.issues.length; i++) {
      const r = readIssue(page.issues[i]);
      if (r.ok) {
        out.issues.push(r.issue);
        if (r.droppedHistory > 0)
          out.warnings.push({
            issue: r.issue.key,
            code: 'BAD_CHANGELOG',
            message: `${r.droppedHistory} unreadable changelog entries were ignored`,
          });
      } else {
        out.warnings.push({
          issue: '',
          code: 'UNREADABLE_ISSUE',
          message: `issue ${i + 1}${where} ${r.error}; ignored`,
        });
      }
    }
  }
  return { ok: true, value: out };
}
