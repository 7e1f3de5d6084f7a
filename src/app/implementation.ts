// Reading implementations with their children from Jira, through whichever client is given (as
// the user for views): exactly the fields the engine reads, with complete changelogs, then the
// domain model as of a date.
import {
  buildImplementations,
  parseSearchExport,
  type ImplementationModel,
  type IsoDate,
  type JiraIssue,
  type JiraNames,
  type RunwayConfig,
} from '../domain';
import { implementationJql, type SiteIssueTypes } from '../domain/trends';
import type { JiraClient, JiraField } from '../jira';
import { planKpiFields } from '../jira/kpi-export';

export interface ReadScope {
  model: ImplementationModel;
  issues: JiraIssue[];
  names: JiraNames;
  /** The site's fields (to write custom fields by their type). */
  fields: JiraField[];
}

/** Keys per `parent in (…)` search: short enough for any JQL length limit. */
export const PARENT_BATCH = 50;

async function exportIssues(jira: JiraClient, jql: string, fieldIds: readonly string[]) {
  const pages = await jira.exportSearch({ jql, fields: fieldIds });
  const exported = parseSearchExport(pages);
  if (!exported.ok) throw new Error(`Jira's search answer could not be read: ${exported.error}`);
  return exported.value;
}

function model(
  issues: JiraIssue[],
  names: JiraNames,
  fields: JiraField[],
  asOf: IsoDate,
  config: RunwayConfig,
): ReadScope {
  return { model: buildImplementations(issues, names, { asOf, config }), issues, names, fields };
}

/** Every issue a JQL query finds (implementations and children alike). */
export async function readJql(
  jira: JiraClient,
  config: RunwayConfig,
  jql: string,
  asOf: IsoDate,
): Promise<ReadScope> {
  const fields = await jira.getFields();
  const { issues, names } = await exportIssues(jira, jql, planKpiFields(fields, config).fields);
  return model(issues, names, fields, asOf, config);
}

/** One implementation and its children (RAID panel). */
export function readImplementation(
  jira: JiraClient,
  config: RunwayConfig,
  key: string,
  asOf: IsoDate,
): Promise<ReadScope> {
  return readJql(jira, config, `issuekey = ${key} OR parent = ${key} ORDER BY key`, asOf);
}

/**
 * The implementations a JQL query selects and all their children, wherever they live: first the
 * implementations, then their children in batches of `parent in (…)` searches (run side by side,
 * the client bounds how many at once).
 */
export async function readImplementationsWithChildren(
  jira: JiraClient,
  config: RunwayConfig,
  rootsJql: string,
  asOf: IsoDate,
): Promise<ReadScope> {
  const fields = await jira.getFields();
  const fieldIds = planKpiFields(fields, config).fields;
  const roots = await exportIssues(jira, rootsJql, fieldIds);
  const keys = roots.issues.map((i) => i.key);
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += PARENT_BATCH) batches.push(keys.slice(i, i + PARENT_BATCH));
  const children = await Promise.all(
    batches.map((b) => exportIssues(jira, `parent in (${b.join(', ')}) ORDER BY key`, fieldIds)),
  );
  const names: JiraNames = { ...roots.names };
  const issues = [...roots.issues];
  const seen = new Set(keys);
  for (const c of children) {
    Object.assign(names, c.names);
    for (const issue of c.issues) {
      if (seen.has(issue.key)) continue; // an implementation that is also another's child
      seen.add(issue.key);
      issues.push(issue);
    }
  }
  return model(issues, names, fields, asOf, config);
}

/** The issue type names the site has, lowercased (JQL may only name those). */
export async function siteIssueTypes(jira: JiraClient): Promise<SiteIssueTypes> {
  return new Set((await jira.getIssueTypes()).map((t) => t.name.trim().toLowerCase()));
}

/** The JQL of a project's implementations. */
export function projectImplementationsJql(
  projectKey: string,
  config: RunwayConfig,
  site: SiteIssueTypes,
): string {
  return `project = ${projectKey} AND ${implementationJql(config, site)} ORDER BY key`;
}
