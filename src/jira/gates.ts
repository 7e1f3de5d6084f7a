/**
 * What stage gates need from Jira and Confluence, over the identity the caller chose (the panel
 * reads and writes as the user; the workflow validator, which has no user, as the app): the
 * implementation with its children, who the caller is, whether evidence still exists, and the
 * transition that makes a Gate issue match its gate.
 */
import { z } from 'zod';
import { ISSUE_KEY_PATTERN, type RunwayConfig } from '../domain';
import type { JiraClient } from './client';
import { JiraError } from './errors';
import type { JiraFetch } from './fetch';
import { fetchKpiExport } from './kpi-export';
import { jiraPath } from './path';
import type { JiraTransition, SearchPage } from './schemas';
import { createTransport, type Transport } from './transport';

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
  fetch: JiraFetch,
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

const ConfluencePage = z.looseObject({ id: z.string(), title: z.string(), status: z.string().optional() });

/** The Confluence page id in an id or a page URL (`…/pages/12345/Title`, `?pageId=12345`). */
export function confluencePageId(target: string): string | null {
  const t = target.trim();
  if (/^\d{1,20}$/.test(t)) return t;
  const m = /\/pages\/(\d{1,20})(?:[/?#]|$)/.exec(t) ?? /[?&]pageId=(\d{1,20})/.exec(t);
  return m ? m[1] : null;
}

export type EvidenceLookup =
  { exists: true; title: string } | { exists: false } | { exists: 'unknown'; reason: string };

const notFound = (e: unknown) => e instanceof JiraError && (e.status === 404 || e.status === 403);
const unknown = (e: unknown): EvidenceLookup => ({
  exists: 'unknown',
  reason: e instanceof Error ? e.message : String(e),
});

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
 * A Confluence page as evidence (REST v2): deleted or trashed reads as missing. A page hidden from
 * the reader (403/404) is missing for a user, who may see only what exists for them; for the app
 * (`hidden: 'unknown'`, the workflow validator) it is unknown: the app's view of Confluence is not
 * proof that the page is gone.
 */
export async function lookUpPage(
  confluence: Transport,
  pageId: string,
  options: { hidden?: 'missing' | 'unknown' } = {},
): Promise<EvidenceLookup> {
  try {
    const page = await confluence.json('GET', jiraPath`/wiki/api/v2/pages/${pageId}`, ConfluencePage);
    return page.status === 'trashed' || page.status === 'deleted'
      ? { exists: false }
      : { exists: true, title: page.title };
  } catch (e) {
    if (!notFound(e)) return unknown(e);
    return options.hidden === 'unknown'
      ? {
          exists: 'unknown',
          reason: `Confluence answered ${e instanceof JiraError ? e.status : '?'} to the app`,
        }
      : { exists: false };
  }
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
      message: `${key} could not be ${verb}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

const StatusList = z.array(z.looseObject({ id: z.string(), name: z.string() }));

/** A status's name from its id (the workflow validator is told the target status by id). */
export async function statusName(fetch: JiraFetch, statusId: string): Promise<string | undefined> {
  const statuses = await createTransport({ fetch }).json('GET', '/rest/api/3/status', StatusList);
  return statuses.find((s) => s.id === statusId)?.name;
}
