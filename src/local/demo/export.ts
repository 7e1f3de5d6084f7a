// A "search export": the pages of a `search/jql` search with `expand=names,changelog`, but
// with complete changelogs — what `runway export` writes and `runway kpis --input` reads.
// Same query engine, rendering and page tokens as the site's own search endpoint.

import type { SiteState } from '../site/model';
import { encodeCursor, fingerprintOf } from '../site/http';
import { parseJql } from '../site/jql-parse';
import { runJql } from '../site/jql-eval';
import { findUser } from '../site/lookup';
import { browsableProjectIds } from '../site/permissions';
import { namesOf, renderIssue, selectFields } from '../site/render';
import { SEARCH_MAX_RESULTS } from '../site/routes-search';
import { DEMO_USERS, RUNWAY_FIELDS } from './catalog';

export interface SearchPage {
  issues: Array<Record<string, unknown>>;
  nextPageToken?: string;
  isLast: boolean;
  names: Record<string, string>;
}

export interface SearchExportOptions {
  /** Default: every issue of every project, by key. */
  jql?: string;
  /** Whose view (default: the demo admin, who sees everything). */
  accountId?: string;
  /** Issues per page (default 100, Jira's largest for these fields). */
  pageSize?: number;
  /** Field ids (default: EXPORT_SYSTEM_FIELDS plus Runway's custom fields). */
  fields?: string[];
}

/** The system fields the KPI engine reads. */
export const EXPORT_SYSTEM_FIELDS = [
  'summary',
  'created',
  'updated',
  'labels',
  'issuetype',
  'project',
  'priority',
  'assignee',
  'reporter',
  'resolution',
  'resolutiondate',
  'duedate',
  'status',
  'timeoriginalestimate',
  'timespent',
  'parent',
  'issuelinks',
];

/** The ids of Runway's custom fields on this site, found by name. */
export function runwayFieldIds(state: SiteState): string[] {
  const names = new Set(RUNWAY_FIELDS.map((f) => f.name));
  return state.fields.filter((f) => f.custom && names.has(f.name)).map((f) => f.id);
}

export function searchExport(state: SiteState, options: SearchExportOptions = {}): SearchPage[] {
  const accountId = options.accountId ?? DEMO_USERS.admin.accountId;
  const user = findUser(state, accountId);
  if (!user) throw new Error(`No user ${accountId} on this site`);
  const jql = options.jql ?? `project in (${state.projects.map((p) => p.key).join(', ')}) ORDER BY key ASC`;
  const pageSize = options.pageSize ?? SEARCH_MAX_RESULTS;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new Error(`pageSize must be a whole number ≥ 1, got ${pageSize}`);
  const fields = selectFields(state, options.fields ?? [...EXPORT_SYSTEM_FIELDS, ...runwayFieldIds(state)]);
  const issues = runJql(
    { state, user, browsable: browsableProjectIds(state, user), nowMs: state.lastChangeMs },
    parseJql(jql),
  );
  const names = namesOf(fields);
  const render = {
    fields,
    expand: new Set(['names', 'changelog']),
    changelogLimit: Number.POSITIVE_INFINITY,
  };
  const fingerprint = fingerprintOf(`${user.accountId}\u0000${jql}`);
  const pages: SearchPage[] = [];
  for (let offset = 0; offset < issues.length || pages.length === 0; offset += pageSize) {
    const slice = issues.slice(offset, offset + pageSize);
    const page: SearchPage = {
      issues: slice.map((issue) => renderIssue(state, issue, render)),
      isLast: offset + pageSize >= issues.length,
      names,
    };
    if (!page.isLast) page.nextPageToken = encodeCursor(fingerprint, offset + pageSize);
    pages.push(page);
  }
  return pages;
}
