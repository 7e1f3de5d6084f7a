/**
 * Enhanced JQL search (`POST /rest/api/3/search/jql`, cursor paging with nextPageToken) and
 * changelog completion (`POST /rest/api/3/changelog/bulkfetch`). The removed
 * `/rest/api/3/search` is never called.
 */
import { HttpError, type Transport } from '../http';
import {
  BulkChangelogPageSchema,
  SearchPageSchema,
  type ChangeHistory,
  type IssueWire,
  type SearchPage,
} from './schemas';

export const SEARCH_PATH = '/rest/api/3/search/jql';
export const BULK_CHANGELOG_PATH = '/rest/api/3/changelog/bulkfetch';

/**
 * Page sizes of search/jql. Jira documents 5,000 as the ceiling, reached only when the page
 * carries issue ids/keys alone; with real fields (or expands such as changelog) Jira Cloud
 * caps pages at 100 whatever maxResults says. Asking for the cap means the fewest pages;
 * paging follows nextPageToken, so a smaller page from Jira still gives complete results.
 */
export const SEARCH_PAGE_LIMITS = { idsOnly: 5000, withFields: 100 } as const;
/** bulkfetch takes at most 1,000 issues and 10 field ids per request, and pages of ≤ 10,000 histories. */
export const BULK_CHANGELOG_LIMITS = { issues: 1000, fieldIds: 10, histories: 10000 } as const;
/** The fields whose history the engine reads (kickoff/go-live, reopens, baseline due dates). */
export const DEFAULT_CHANGELOG_FIELDS = ['status', 'resolution', 'duedate'] as const;

const ID_ONLY_FIELDS = new Set(['id', 'key']);
/** Expands that put extra data on every issue and so shrink what fits in a page. */
const HEAVY_EXPANDS = new Set([
  'changelog',
  'renderedFields',
  'transitions',
  'operations',
  'editmeta',
  'versionedRepresentations',
]);

export interface SearchRequest {
  jql: string;
  /** Only these fields are returned (Jira's default is `id` alone). */
  fields: readonly string[];
  /** E.g. `['names', 'changelog']`. */
  expand?: readonly string[];
  /** Defaults to the largest page Jira gives for these fields and expands. */
  maxResults?: number;
}

/** The largest page Jira serves for a search requesting `fields` with `expand`. */
export function largestPageSize(fields: readonly string[], expand: readonly string[] = []): number {
  const idsOnly = fields.length > 0 && fields.every((f) => ID_ONLY_FIELDS.has(f));
  const heavy = expand.some((e) => HEAVY_EXPANDS.has(e));
  return idsOnly && !heavy ? SEARCH_PAGE_LIMITS.idsOnly : SEARCH_PAGE_LIMITS.withFields;
}

/** Yields every page of a search, following nextPageToken until Jira says it is the last. */
export async function* searchPages(transport: Transport, request: SearchRequest): AsyncGenerator<SearchPage> {
  const expand = request.expand ?? [];
  const maxResults = Math.min(
    request.maxResults ?? largestPageSize(request.fields, expand),
    SEARCH_PAGE_LIMITS.idsOnly,
  );
  const seen = new Set<string>();
  let nextPageToken: string | undefined;
  for (;;) {
    const body = {
      jql: request.jql,
      fields: [...request.fields],
      ...(expand.length > 0 ? { expand: expand.join(',') } : {}),
      maxResults,
      ...(nextPageToken !== undefined ? { nextPageToken } : {}),
    };
    const page = await transport.json('POST', SEARCH_PATH, SearchPageSchema, { body });
    yield page;
    const token = page.nextPageToken ?? '';
    if (page.isLast === true) return;
    if (token === '') {
      if (page.isLast === false) {
        throw new HttpError({
          product: 'jira',
          kind: 'shape',
          method: 'POST',
          path: SEARCH_PATH,
          reason:
            'isLast is false but no nextPageToken was given, so the rest of the results cannot be fetched',
        });
      }
      return;
    }
    if (seen.has(token)) {
      throw new HttpError({
        product: 'jira',
        kind: 'shape',
        method: 'POST',
        path: SEARCH_PATH,
        reason: `nextPageToken "${token}" came back twice; stopping instead of looping`,
      });
    }
    seen.add(token);
    nextPageToken = token;
  }
}

/**
 * Whether an issue's embedded changelog may lack histories: Jira embeds only the most recent
 * few (40 on search/jql), and says so through total/maxResults. No total means we cannot tell,
 * which counts as partial.
 */
export function isChangelogPartial(issue: IssueWire): boolean {
  const changelog = issue.changelog;
  if (changelog === undefined || changelog.total === undefined) return true;
  return (
    (changelog.startAt ?? 0) > 0 ||
    changelog.histories.length < changelog.total ||
    (changelog.maxResults !== undefined && changelog.maxResults < changelog.total)
  );
}

/** Fetches the complete histories of `fieldIds` for each issue, keyed by issue id. */
export async function bulkFetchChangelogs(
  transport: Transport,
  issueIdsOrKeys: readonly string[],
  fieldIds: readonly string[] = DEFAULT_CHANGELOG_FIELDS,
): Promise<Map<string, ChangeHistory[]>> {
  if (fieldIds.length > BULK_CHANGELOG_LIMITS.fieldIds) {
    throw new Error(
      `changelog/bulkfetch filters by at most ${BULK_CHANGELOG_LIMITS.fieldIds} fields, got ${fieldIds.length}`,
    );
  }
  const unique = [...new Set(issueIdsOrKeys)];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += BULK_CHANGELOG_LIMITS.issues) {
    batches.push(unique.slice(i, i + BULK_CHANGELOG_LIMITS.issues));
  }
  const result = new Map<string, ChangeHistory[]>();
  for (const partial of await Promise.all(batches.map((batch) => fetchBatch(transport, batch, fieldIds)))) {
    for (const [issueId, histories] of partial) {
      result.set(issueId, [...(result.get(issueId) ?? []), ...histories]);
    }
  }
  return result;
}

async function fetchBatch(
  transport: Transport,
  issueIdsOrKeys: readonly string[],
  fieldIds: readonly string[],
): Promise<Map<string, ChangeHistory[]>> {
  const result = new Map<string, ChangeHistory[]>();
  const seen = new Set<string>();
  let nextPageToken: string | undefined;
  for (;;) {
    const body = {
      issueIdsOrKeys: [...issueIdsOrKeys],
      ...(fieldIds.length > 0 ? { fieldIds: [...fieldIds] } : {}),
      maxResults: BULK_CHANGELOG_LIMITS.histories,
      ...(nextPageToken !== undefined ? { nextPageToken } : {}),
    };
    const page = await transport.json('POST', BULK_CHANGELOG_PATH, BulkChangelogPageSchema, { body });
    for (const log of page.issueChangeLogs) {
      result.set(log.issueId, [...(result.get(log.issueId) ?? []), ...log.changeHistories]);
    }
    const token = page.nextPageToken ?? '';
    if (token === '') return result;
    if (seen.has(token)) {
      throw new HttpError({
        product: 'jira',
        kind: 'shape',
        method: 'POST',
        path: BULK_CHANGELOG_PATH,
        reason: `nextPageToken "${token}" came back twice; stopping instead of looping`,
      });
    }
    seen.add(token);
    nextPageToken = token;
  }
}

/** Jira's timestamp form (`2025-09-09T09:29:11.242+0000`) for the epoch numbers some responses carry. */
function toJiraTimestamp(created: string | number): string {
  if (typeof created === 'string') return created;
  const ms = created < 1e11 ? created * 1000 : created;
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function instant(created: string | number): number {
  const ms = Date.parse(toJiraTimestamp(created));
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Merges the complete histories from bulkfetch into the issue's embedded changelog. A history
 * present in both keeps the embedded copy (bulkfetch filtered its items to `fieldIds`). The
 * result keeps the direction Jira used for the embedded list and says it is complete.
 */
export function completeChangelog(issue: IssueWire, histories: readonly ChangeHistory[]): IssueWire {
  const embedded = issue.changelog?.histories ?? [];
  const byId = new Map<string, ChangeHistory>();
  for (const history of embedded) byId.set(history.id, history);
  for (const history of histories) {
    if (!byId.has(history.id))
      byId.set(history.id, { ...history, created: toJiraTimestamp(history.created) });
  }
  const newestFirst =
    embedded.length >= 2 && instant(embedded[0].created) > instant(embedded[embedded.length - 1].created);
  const merged = [...byId.values()].sort((a, b) => {
    const byTime = instant(a.created) - instant(b.created);
    const order = byTime !== 0 ? byTime : Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);
    return newestFirst ? -order : order;
  });
  return {
    ...issue,
    changelog: {
      ...issue.changelog,
      startAt: 0,
      maxResults: merged.length,
      total: merged.length,
      histories: merged,
    },
  };
}

export interface ExportProgress {
  phase: 'search' | 'changelog';
  /** Issues received so far. */
  issues: number;
  pages: number;
  /** Issues whose changelog needs completing, and how many of those are done. */
  partialChangelogs: number;
  completedChangelogs: number;
  requests: number;
}

export interface ExportRequest {
  jql: string;
  fields: readonly string[];
  /** Fields whose full history is fetched for issues with a partial changelog. */
  changelogFieldIds?: readonly string[];
  onProgress?: (progress: ExportProgress) => void;
}

/**
 * Pages held at most while waiting for their changelogs: a batch is sent once this many issues
 * wait, even with fewer than 1,000 partial changelogs among them, so a site whose issues mostly
 * have complete changelogs is still written as it is read.
 */
const HELD_ISSUES_LIMIT = 5_000;

interface HeldGroup {
  pages: SearchPage[];
  batches: Promise<Map<string, ChangeHistory[]>>[];
  settled: boolean;
}

/**
 * The export the engine reads: every page of `search/jql?expand=names,changelog`, each issue
 * carrying a complete changelog (for `changelogFieldIds`), yielded in order as soon as its
 * changelogs are complete. Changelog batches of 1,000 issues start while later search pages are
 * still being fetched; only the pages still waiting for a batch are held, never the whole export.
 */
export async function* exportSearchPages(
  transport: Transport,
  request: ExportRequest,
): AsyncGenerator<SearchPage> {
  const fieldIds = request.changelogFieldIds ?? DEFAULT_CHANGELOG_FIELDS;
  const pending: string[] = [];
  const ready: HeldGroup[] = [];
  let held: HeldGroup = { pages: [], batches: [], settled: false };
  let heldIssues = 0;
  const progress: ExportProgress = {
    phase: 'search',
    issues: 0,
    pages: 0,
    partialChangelogs: 0,
    completedChangelogs: 0,
    requests: 0,
  };
  const report = (): void => request.onProgress?.({ ...progress, requests: transport.requestCount });
  const launch = (ids: string[]): void => {
    const batch = bulkFetchChangelogs(transport, ids, fieldIds).then((map) => {
      progress.completedChangelogs += ids.length;
      report();
      return map;
    });
    // Awaited when its pages are yielded; this only stops an early failure being reported as unhandled.
    batch.catch(() => undefined);
    held.batches.push(batch);
  };
  /** The held pages become a group of their own once every changelog they need has been asked for. */
  const close = (): void => {
    if (held.pages.length === 0) return;
    const group = held;
    void Promise.all(group.batches).then(
      () => (group.settled = true),
      () => (group.settled = true),
    );
    ready.push(group);
    held = { pages: [], batches: [], settled: false };
    heldIssues = 0;
  };
  async function* release(group: HeldGroup): AsyncGenerator<SearchPage> {
    const histories = new Map<string, ChangeHistory[]>();
    for (const map of await Promise.all(group.batches)) for (const [id, list] of map) histories.set(id, list);
    for (const page of group.pages) {
      yield {
        ...page,
        issues: page.issues.map((issue) =>
          isChangelogPartial(issue) ? completeChangelog(issue, histories.get(issue.id ?? '') ?? []) : issue,
        ),
      };
    }
  }

  for await (const page of searchPages(transport, {
    jql: request.jql,
    fields: request.fields,
    expand: ['names', 'changelog'],
  })) {
    held.pages.push(page);
    heldIssues += page.issues.length;
    for (const issue of page.issues) {
      if (!isChangelogPartial(issue)) continue;
      if (issue.id === undefined) {
        throw new HttpError({
          product: 'jira',
          kind: 'shape',
          method: 'POST',
          path: SEARCH_PATH,
          reason: `issue ${issue.key ?? '(no key)'} has no id, so its changelog cannot be completed`,
        });
      }
      pending.push(issue.id);
      progress.partialChangelogs += 1;
    }
    while (pending.length >= BULK_CHANGELOG_LIMITS.issues)
      launch(pending.splice(0, BULK_CHANGELOG_LIMITS.issues));
    if (pending.length > 0 && heldIssues >= HELD_ISSUES_LIMIT) launch(pending.splice(0));
    if (pending.length === 0) close();
    progress.issues += page.issues.length;
    progress.pages += 1;
    report();
    while (ready.length > 0 && ready[0].settled) yield* release(ready.shift() as HeldGroup);
  }
  if (pending.length > 0) launch(pending.splice(0));
  close();
  progress.phase = 'changelog';
  if (progress.partialChangelogs > 0) report();
  while (ready.length > 0) yield* release(ready.shift() as HeldGroup);
}

/** The whole export at once (for callers that need every page together). */
export async function exportSearch(transport: Transport, request: ExportRequest): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  for await (const page of exportSearchPages(transport, request)) pages.push(page);
  return pages;
}
