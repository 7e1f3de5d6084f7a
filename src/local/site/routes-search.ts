// Enhanced JQL search (nextPageToken paging), the removed /search, and changelog bulkfetch.

import type { HistoryJson, SiteIssue } from './model';
import {
  INVALID_PAYLOAD,
  ISSUE_NOT_FOUND,
  decodeCursor,
  encodeCursor,
  fingerprintOf,
  intParam,
  isRecord,
  jiraError,
  json,
  listParam,
  type Route,
  type RouteContext,
} from './http';
import { JqlError, parseJql } from './jql-parse';
import { runJql } from './jql-eval';
import { findIssue } from './lookup';
import { browsableProjectIds, canBrowseIssue } from './permissions';
import {
  ISSUE_CHANGELOG_LIMIT,
  SEARCH_CHANGELOG_LIMIT,
  namesOf,
  renderIssue,
  schemaOf,
  selectFields,
} from './render';

/** Jira's page-size ceilings for search/jql: 5000 for id/key only, 100 with other fields. */
export const SEARCH_MAX_RESULTS_IDS_ONLY = 5000;
export const SEARCH_MAX_RESULTS = 100;
export const BULKFETCH_MAX_ISSUES = 1000;
export const BULKFETCH_MAX_FIELD_IDS = 10;
export const BULKFETCH_DEFAULT_MAX_RESULTS = 1000;
export const BULKFETCH_MAX_RESULTS = 10000;

interface SearchRequest {
  jql: string;
  nextPageToken?: string;
  maxResults: number;
  fields: string[];
  expand: Set<string>;
  properties: string[];
}

const POST_KEYS = new Set([
  'jql',
  'nextPageToken',
  'maxResults',
  'fields',
  'expand',
  'properties',
  'fieldsByKeys',
  'failFast',
  'reconcileIssues',
]);

function splitList(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.flatMap((v) => splitList(v) ?? []);
  return null;
}

function readSearchRequest(ctx: RouteContext, method: 'GET' | 'POST'): SearchRequest | string {
  if (method === 'GET') {
    const maxResults = intParam(ctx.query, 'maxResults', 50);
    if (maxResults === null) return "The value of 'maxResults' must be a number.";
    return {
      jql: ctx.query.get('jql') ?? '',
      nextPageToken: ctx.query.get('nextPageToken') ?? undefined,
      maxResults,
      fields: listParam(ctx.query, 'fields'),
      expand: new Set(listParam(ctx.query, 'expand')),
      properties: listParam(ctx.query, 'properties'),
    };
  }
  const body = ctx.body ?? {};
  if (!isRecord(body)) return INVALID_PAYLOAD;
  for (const key of Object.keys(body)) if (!POST_KEYS.has(key)) return INVALID_PAYLOAD;
  const fields = splitList(body.fields);
  const expand = splitList(body.expand);
  const properties = splitList(body.properties);
  if (fields === null || expand === null || properties === null) return INVALID_PAYLOAD;
  if (body.jql !== undefined && typeof body.jql !== 'string') return INVALID_PAYLOAD;
  if (
    body.nextPageToken !== undefined &&
    body.nextPageToken !== null &&
    typeof body.nextPageToken !== 'string'
  )
    return INVALID_PAYLOAD;
  if (body.maxResults !== undefined && !Number.isInteger(body.maxResults)) return INVALID_PAYLOAD;
  return {
    jql: (body.jql as string | undefined) ?? '',
    nextPageToken: (body.nextPageToken as string | null | undefined) ?? undefined,
    maxResults: (body.maxResults as number | undefined) ?? 50,
    fields,
    expand: new Set(expand),
    properties,
  };
}

interface CachedSearch {
  version: string;
  issues: SiteIssue[];
}

function dataVersion(ctx: RouteContext): string {
  return `${ctx.state.issues.length}:${ctx.state.counters.historyId}`;
}

/** Runs the query once per data version and user; later pages read the cached order. */
function searchIssues(ctx: RouteContext, jql: string): SiteIssue[] {
  const cacheKey = `search\u0000${ctx.user.accountId}\u0000${jql}`;
  const version = dataVersion(ctx);
  const cached = ctx.cache.get(cacheKey) as CachedSearch | undefined;
  if (cached && cached.version === version) return cached.issues;
  const issues = runJql(
    {
      state: ctx.state,
      user: ctx.user,
      browsable: browsableProjectIds(ctx.state, ctx.user),
      nowMs: ctx.nowMs,
    },
    parseJql(jql),
  );
  // Keep a handful of recent searches: enough for a few clients paging at once.
  if (ctx.cache.size > 16) ctx.cache.delete(ctx.cache.keys().next().value as string);
  ctx.cache.set(cacheKey, { version, issues });
  return issues;
}

function search(ctx: RouteContext, method: 'GET' | 'POST') {
  const request = readSearchRequest(ctx, method);
  if (typeof request === 'string') return jiraError(400, request);
  const fields = selectFields(ctx.state, request.fields);
  const limit =
    fields.length === 0 && !request.expand.has('changelog')
      ? SEARCH_MAX_RESULTS_IDS_ONLY
      : SEARCH_MAX_RESULTS;
  const pageSize = Math.min(Math.max(request.maxResults, 1), limit);
  const fingerprint = fingerprintOf(`${ctx.user.accountId}\u0000${request.jql}`);
  let offset = 0;
  if (request.nextPageToken) {
    const decoded = decodeCursor(request.nextPageToken, fingerprint);
    if (decoded === null) return jiraError(400, 'The provided next page token is invalid or expired.');
    offset = decoded;
  }
  let issues: SiteIssue[];
  try {
    issues = searchIssues(ctx, request.jql);
  } catch (error) {
    if (error instanceof JqlError) return jiraError(400, error.message);
    throw error;
  }
  const page = issues.slice(offset, offset + pageSize);
  const options = {
    fields,
    expand: request.expand,
    changelogLimit: SEARCH_CHANGELOG_LIMIT,
    properties: request.properties.slice(0, 5),
  };
  const body: Record<string, unknown> = {
    issues: page.map((issue) => renderIssue(ctx.state, issue, options)),
  };
  const next = offset + page.length;
  if (next < issues.length) body.nextPageToken = encodeCursor(fingerprint, next);
  body.isLast = next >= issues.length;
  if (request.expand.has('names')) body.names = namesOf(fields);
  if (request.expand.has('schema')) body.schema = schemaOf(fields);
  return json(200, body);
}

function bulkfetch(ctx: RouteContext) {
  const body = ctx.body;
  if (!isRecord(body)) return jiraError(400, INVALID_PAYLOAD);
  for (const key of Object.keys(body)) {
    if (!['issueIdsOrKeys', 'fieldIds', 'maxResults', 'nextPageToken'].includes(key))
      return jiraError(400, INVALID_PAYLOAD);
  }
  const ids = body.issueIdsOrKeys;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((v) => typeof v !== 'string')) {
    return jiraError(400, 'issueIdsOrKeys must contain at least 1 issue ID or key.');
  }
  if (ids.length > BULKFETCH_MAX_ISSUES) {
    return jiraError(400, `The number of issue IDs or keys must not exceed ${BULKFETCH_MAX_ISSUES}.`);
  }
  const fieldIds = body.fieldIds ?? [];
  if (!Array.isArray(fieldIds) || fieldIds.some((v) => typeof v !== 'string'))
    return jiraError(400, INVALID_PAYLOAD);
  if (fieldIds.length > BULKFETCH_MAX_FIELD_IDS)
    return jiraError(400, `The number of field IDs must not exceed ${BULKFETCH_MAX_FIELD_IDS}.`);
  const maxResults = body.maxResults ?? BULKFETCH_DEFAULT_MAX_RESULTS;
  if (
    typeof maxResults !== 'number' ||
    !Number.isInteger(maxResults) ||
    maxResults < 1 ||
    maxResults > BULKFETCH_MAX_RESULTS
  ) {
    return jiraError(400, `maxResults must be between 1 and ${BULKFETCH_MAX_RESULTS}.`);
  }
  // Issues that do not exist or that the user cannot browse are left out, as Jira does.
  const seen = new Set<string>();
  const issues: SiteIssue[] = [];
  for (const ref of ids as string[]) {
    const issue = findIssue(ctx.state, ref);
    if (issue && !seen.has(issue.id) && canBrowseIssue(ctx.state, ctx.user, issue)) {
      seen.add(issue.id);
      issues.push(issue);
    }
  }
  issues.sort((a, b) => Number(a.id) - Number(b.id));
  const wanted = new Set(fieldIds as string[]);
  const fingerprint = fingerprintOf(
    `${ctx.user.accountId}\u0000${issues.map((i) => i.id).join(',')}\u0000${[...wanted].join(',')}`,
  );
  let offset = 0;
  if (typeof body.nextPageToken === 'string') {
    const decoded = decodeCursor(body.nextPageToken, fingerprint);
    if (decoded === null) return jiraError(400, 'The provided next page token is invalid or expired.');
    offset = decoded;
  }
  // Walk the (issue, history) sequence from the cursor and fill one page.
  const out: Array<{ issueId: string; changeHistories: HistoryJson[] }> = [];
  let position = 0;
  let taken = 0;
  let more = false;
  for (const issue of issues) {
    let group: HistoryJson[] | null = null;
    for (const history of issue.histories) {
      const items =
        wanted.size === 0
          ? history.items
          : history.items.filter((it) => it.fieldId !== undefined && wanted.has(it.fieldId));
      if (items.length === 0) continue;
      if (position++ < offset) continue;
      if (taken === maxResults) {
        more = true;
        break;
      }
      if (!group) {
        group = [];
        out.push({ issueId: issue.id, changeHistories: group });
      }
      group.push(items === history.items ? history : { ...history, items });
      taken++;
    }
    if (more) break;
  }
  const response: Record<string, unknown> = { issueChangeLogs: out };
  if (more) response.nextPageToken = encodeCursor(fingerprint, offset + taken);
  return json(200, response);
}

function issueChangelog(ctx: RouteContext) {
  const issue = findIssue(ctx.state, ctx.params.issueIdOrKey);
  if (!issue || !canBrowseIssue(ctx.state, ctx.user, issue)) return jiraError(404, ISSUE_NOT_FOUND);
  const startAt = intParam(ctx.query, 'startAt', 0);
  const maxResults = intParam(ctx.query, 'maxResults', ISSUE_CHANGELOG_LIMIT);
  if (startAt === null || maxResults === null || startAt < 0) return jiraError(400, INVALID_PAYLOAD);
  const size = Math.min(Math.max(maxResults, 1), ISSUE_CHANGELOG_LIMIT);
  const values = issue.histories.slice(startAt, startAt + size);
  const isLast = startAt + values.length >= issue.histories.length;
  const self = `${ctx.state.baseUrl}/rest/api/3/issue/${issue.key}/changelog`;
  const body: Record<string, unknown> = {
    self: `${self}?maxResults=${size}&startAt=${startAt}`,
    maxResults: size,
    startAt,
    total: issue.histories.length,
    isLast,
    values,
  };
  if (!isLast) body.nextPage = `${self}?maxResults=${size}&startAt=${startAt + values.length}`;
  return json(200, body);
}

const REMOVED_SEARCH =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

export const searchRoutes: Route[] = [
  { method: 'GET', template: '/rest/api/3/search/jql', run: (ctx) => search(ctx, 'GET') },
  { method: 'POST', template: '/rest/api/3/search/jql', run: (ctx) => search(ctx, 'POST') },
  { method: 'GET', template: '/rest/api/3/search', run: () => jiraError(410, REMOVED_SEARCH) },
  { method: 'POST', template: '/rest/api/3/search', run: () => jiraError(410, REMOVED_SEARCH) },
  { method: 'GET', template: '/rest/api/2/search', run: () => jiraError(410, REMOVED_SEARCH) },
  { method: 'POST', template: '/rest/api/2/search', run: () => jiraError(410, REMOVED_SEARCH) },
  { method: 'POST', template: '/rest/api/3/changelog/bulkfetch', run: bulkfetch },
  { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/changelog', run: issueChangelog },
];
