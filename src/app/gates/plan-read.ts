// Reading an implementation for a gate read plan (domain/gates/needs.ts): the workflow validator
// reads only what the required gates' criteria need (issue 10 item 6) — the implementation and,
// when a criterion reads them, its children, with just the fields the plan names, and changelogs
// only for the issues and fields the plan says (changelog/bulkfetch), never a full export.
import {
  ISSUE_KEY_PATTERN,
  historyFieldsFor,
  parseSearchExport,
  type GateReadPlan,
  type IsoDate,
  type RunwayConfig,
} from '../../domain';
import { completeChangelog, fieldIdsByName, type IssueWire, type JiraClient } from '../../jira';
import { implementationOf, type LoadedImplementation } from './report';

/** Field ids for the plan's custom fields: from config.fieldIds, else the site's field list (one request, only then). */
async function customFieldIds(jira: JiraClient, config: RunwayConfig, plan: GateReadPlan): Promise<string[]> {
  const byId = plan.fields.flatMap((f) => (config.fieldIds[f] ? [config.fieldIds[f]] : []));
  const byName = plan.fields.filter((f) => !config.fieldIds[f]).map((f) => config.fieldNames[f]);
  if (byName.length === 0) return byId;
  const found = fieldIdsByName(await jira.getFields(), byName);
  // A name shared by several fields requests them all: the engine applies its own ambiguity rule.
  return [...byId, ...byName.flatMap((name) => found.get(name) ?? [])];
}

/** Completes the changelogs the plan needs: one bulkfetch per set of fields, for those issues only. */
async function withHistories(
  jira: JiraClient,
  issues: IssueWire[],
  key: string,
  plan: GateReadPlan,
  config: RunwayConfig,
): Promise<IssueWire[]> {
  const groups = new Map<string, { fields: string[]; ids: string[] }>();
  for (const issue of issues) {
    const fields = historyFieldsFor({ key: issue.key ?? '', fields: issue.fields ?? {} }, key, plan, config);
    if (fields.length === 0 || issue.id === undefined) continue;
    const group = groups.get(fields.join());
    if (group) group.ids.push(issue.id);
    else groups.set(fields.join(), { fields, ids: [issue.id] });
  }
  if (groups.size === 0) return issues;
  // One request per set of fields (a bulkfetch filters every issue by the same fields), at once.
  const fetched = await Promise.all(
    [...groups].map(async ([name, g]) => [name, await jira.bulkFetchChangelogs(g.ids, g.fields)] as const),
  );
  const histories = new Map(fetched);
  return issues.map((issue) => {
    const fields = historyFieldsFor({ key: issue.key ?? '', fields: issue.fields ?? {} }, key, plan, config);
    const found = histories.get(fields.join())?.get(issue.id ?? '');
    return found === undefined ? issue : completeChangelog(issue, found);
  });
}

/**
 * The implementation `key` read for `plan` as `jira`'s identity sees it, with its KPIs (computed
 * from what was read: only the KPIs the plan's criteria use are meaningful) and, when the plan
 * reads them, its remote links; null when `key` is not an implementation.
 */
export async function loadForPlan(
  jira: JiraClient,
  config: RunwayConfig,
  key: string,
  asOf: IsoDate,
  plan: GateReadPlan,
): Promise<LoadedImplementation | null> {
  if (!ISSUE_KEY_PATTERN.test(key)) throw new Error(`"${key}" is not a Jira issue key`);
  const fields = [...plan.systemFields, ...(await customFieldIds(jira, config, plan))];
  const jql = plan.children ? `key = ${key} OR parent = ${key} ORDER BY key ASC` : `key = ${key}`;
  const found = await jira.searchAll({ jql, fields, expand: ['names'] });
  const issues = await withHistories(jira, found.issues, key, plan, config);
  const read = parseSearchExport({ issues, names: found.names });
  if (!read.ok) throw new Error(`Jira's search answer could not be read: ${read.error}`);
  return implementationOf(jira, config, key, asOf, read.value, { remoteLinks: plan.remoteLinks });
}
