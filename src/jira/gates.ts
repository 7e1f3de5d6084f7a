/**
 * What stage gates need from Jira and Confluence, over the identity the caller chose (the panel
 * reads and writes as the user; the workflow validator, which has no user, as the app): the
 * implementation with its children, who the caller is, whether evidence still exists, and the
 * transition that makes a Gate issue match its gate.
 */
import { z } from 'zod';
import type { ConfluenceClient } from '../confluence/client';
import { ISSUE_KEY_PATTERN, messageOf, type RunwayConfig } from '../domain';
import { createTransport, HttpError, type HttpFetch } from '../http';
import type { JiraClient } from './client';
import { fetchKpiExport } from './kpi-export';
import type { JiraTransition, SearchPage } from './schemas';

/** The implementation and its children: one search, with `names` and complete changelogs. */
export async function fetchImplementationExport(
  client: JiraClient,
  key: string,
  config: RunwayConfig,
  extraFields: readonly string[] = [],
): Promise<SearchPage[]> {
  if (!ISSUE_KEY_PATTERN.test(key)) throw new Error(`"${key}" is not a Jira issue key`);
  const { pages } = await fetchKpiExport(client, {
    jql: `key = ${key} OR parent = ${key} ORDER BY key ASC`,
    config,
    extraFields,
  });
  return pages;
}

export interface JiraCaller {
  accountId: string;
  displayName: string;
  groups: string[];
  /** Jira administrator (ADMINISTER). */
  siteAdmin: boolean;
  /** Administrator of the issue's project. */
  projectAdmin: boolean;
  /** May edit the issue (attach or remove evidence). */
  canEdit: boolean;
}

const MyselfWithGroups = z.looseObject({
  accountId: z.string(),
  displayName: z.string().optional(),
  groups: z.looseObject({ items: z.array(z.looseObject({ name: z.string() })).default([]) }).optional(),
});

/** Who the caller is and what Jira lets them do on this issue (`GET /myself?expand=groups`, `mypermissions`). */
export async function fetchCaller(
  client: JiraClient,
  fetch: HttpFetch,
  issueKey: string,
): Promise<JiraCaller> {
  const transport = createTransport({ fetch });
  const [me, perms] = await Promise.all([
    transport.json('GET', '/rest/api/3/myself?expand=groups', MyselfWithGroups),
    client.myPermissions({ permissions: ['ADMINISTER', 'ADMINISTER_PROJECTS', 'EDIT_ISSUES'], issueKey }),
  ]);
  return {
    accountId: me.accountId,
    displayName: me.displayName ?? me.accountId,
    groups: (me.groups?.items ?? []).map((g) => g.name),
    siteAdmin: perms.ADMINISTER === true,
    projectAdmin: perms.ADMINISTER_PROJECTS === true,
    canEdit: perms.EDIT_ISSUES === true,
  };
}

/** Whether the caller holds each permission on the site (global) — Settings and provisioning. */
export async function isJiraAdmin(client: JiraClient): Promise<boolean> {
  const perms = await client.myPermissions({ permissions: ['ADMINISTER'] });
  return perms.ADMINISTER === true;
}

/** The Confluence page id in an id or a page URL (a domain rule: src/domain/gates/handover.ts). */
export { confluencePageId } from '../domain/gates/handover';

/**
 * `unknown`: the lookup could not tell; `refused` when the product answered 403 or 404 (Confluence
 * answers 404 alike for a deleted page and one the reader may not see).
 */
export type EvidenceLookup =
  | { exists: true; title: string; labels?: string[] }
  | { exists: false }
  | { exists: 'unknown'; reason: string; refused?: 403 | 404 };

const notFound = (e: unknown) => e instanceof HttpError && (e.status === 404 || e.status === 403);
const unknown = (e: unknown): EvidenceLookup => ({ exists: 'unknown', reason: messageOf(e) });

/** Why Confluence's 403 or 404 leaves a page unchecked (its v2 OpenAPI: 404 "does not have permission to view the requested page or the page was not found"). */
export function refusedReason(status: 403 | 404): string {
  return status === 403
    ? 'Confluence answered 403: it does not let this page be read'
    : 'Confluence answered 404: the page is deleted or hidden from this reader, or the site has no Confluence';
}

/** A Jira issue as evidence: gone (or hidden from the reader) reads as missing, never as an error. */
export async function lookUpIssue(client: JiraClient, key: string): Promise<EvidenceLookup> {
  try {
    const issue = await client.getIssue(key, { fields: ['summary'] });
    const summary = issue.fields?.summary;
    return { exists: true, title: typeof summary === 'string' ? summary : key };
  } catch (e) {
    return notFound(e) ? { exists: false } : unknown(e);
  }
}

/**
 * A Confluence page as evidence, through the Confluence client (REST v2): trashed or deleted reads
 * as missing. A 403 or 404, or no answer at all (a site without Confluence, a failure, the time
 * given running out) is `unknown` — "could not check this evidence" (issue 10 item 6): Confluence
 * answers 404 alike for a deleted page, one hidden from the reader and a site without Confluence,
 * so Runway cannot say the page is gone. With `labels`, its labels too (none when they cannot be
 * read: labels only ever add a mark), unless `skipLabels` says the title is enough.
 */
export async function lookUpPage(
  confluence: ConfluenceClient,
  pageId: string,
  options: { labels?: boolean; skipLabels?: (title: string) => boolean } = {},
): Promise<EvidenceLookup> {
  try {
    const page = await confluence.getPage(pageId);
    if (page === undefined) return { exists: 'unknown', reason: refusedReason(404), refused: 404 };
    if (page.status === 'trashed' || page.status === 'deleted') return { exists: false };
    if (!options.labels || options.skipLabels?.(page.title)) return { exists: true, title: page.title };
    const labels = await confluence.getPageLabels(pageId).catch(() => undefined);
    return { exists: true, title: page.title, labels: labels ?? [] };
  } catch (e) {
    if (e instanceof HttpError && (e.status === 403 || e.status === 404))
      return { exists: 'unknown', reason: refusedReason(e.status), refused: e.status };
    return { exists: 'unknown', reason: confluenceFailure(e) };
  }
}

/** Why a page lookup failed, naming no page (criteria details are kept in audit records others read). */
function confluenceFailure(e: unknown): string {
  if (!(e instanceof HttpError)) return `Confluence could not be asked: ${messageOf(e)}`;
  switch (e.kind) {
    case 'http':
      return `Confluence answered ${e.status ?? 'an error'}`;
    case 'network':
      return `Confluence could not be reached${e.cause === undefined ? '' : ` (${messageOf(e.cause)})`}`;
    case 'timeout':
      return 'Confluence did not answer in the time Runway gives it';
    case 'shape':
      return 'Confluence answered with something Runway could not read';
  }
}

const IssueStatus = z.looseObject({
  fields: z.looseObject({
    status: z.looseObject({ statusCategory: z.looseObject({ key: z.string() }).optional() }).optional(),
  }),
});

/** Whether the Gate issue is done now: read afresh, not from the search the gates came from. */
export async function gateIssueDone(client: JiraClient, key: string): Promise<boolean> {
  const issue = IssueStatus.parse(await client.getIssue(key, { fields: ['status'] }));
  return issue.fields.status?.statusCategory?.key === 'done';
}

/** Whether the caller may transition the issue (re-syncing a Gate issue on read). */
export async function mayTransition(client: JiraClient, key: string): Promise<boolean> {
  const perms = await client.myPermissions({ permissions: ['TRANSITION_ISSUES'], issueKey: key });
  return perms.TRANSITION_ISSUES === true;
}

export interface GateIssueSync {
  key: string;
  outcome: 'resolved' | 'reopened' | 'notPossible' | 'failed';
  message: string;
}

const lc = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/**
 * The transition that resolves a Gate issue: into a done status that is not a failed one
 * (Passed, Done, not Rejected); or that reopens it: into a status that is not done, preferring
 * one called Reopen(ed), then work in progress, then to-do.
 */
export function pickTransition(
  transitions: readonly JiraTransition[],
  action: 'resolve' | 'reopen',
  failedStatuses: readonly string[],
): JiraTransition | undefined {
  const failed = new Set(failedStatuses.map(lc));
  const category = (t: JiraTransition) => lc(t.to?.statusCategory?.key);
  if (action === 'resolve')
    return transitions.find(
      (t) => category(t) === 'done' && !failed.has(lc(t.to?.name)) && !failed.has(lc(t.name)),
    );
  const open = transitions.filter(
    (t) => category(t) !== 'done' && category(t) !== '' && !failed.has(lc(t.to?.name)),
  );
  return (
    open.find((t) => /reopen/.test(lc(t.to?.name)) || /reopen/.test(lc(t.name))) ??
    open.find((t) => category(t) === 'indeterminate') ??
    open[0]
  );
}

/** Resolves or reopens a Gate issue as the caller; reports what happened, never throws. */
export async function syncGateIssue(
  client: JiraClient,
  key: string,
  action: 'resolve' | 'reopen',
  config: RunwayConfig,
): Promise<GateIssueSync> {
  const verb = action === 'resolve' ? 'resolved' : 'reopened';
  try {
    const transition = pickTransition(await client.getTransitions(key), action, config.failedStatuses);
    if (!transition)
      return {
        key,
        outcome: 'notPossible',
        message: `${key} could not be ${verb}: its workflow offers no such transition from here`,
      };
    await client.transitionIssue(key, transition.id);
    return { key, outcome: verb, message: `${key} ${verb} (${transition.to?.name ?? transition.name})` };
  } catch (e) {
    return {
      key,
      outcome: 'failed',
      message: `${key} could not be ${verb}: ${messageOf(e)}`,
    };
  }
}

const StatusList = z.array(z.looseObject({ id: z.string(), name: z.string() }));

/** A status's name from its id (the workflow validator is told the target status by id). */
export async function statusName(fetch: HttpFetch, statusId: string): Promise<string | undefined> {
  const statuses = await createTransport({ fetch }).json('GET', '/rest/api/3/status', StatusList);
  return statuses.find((s) => s.id === statusId)?.name;
}
