// What the site must have for a plan: the permission to create, the issue types of the plan's
// kinds, the fields it sets (by name, from the configuration), and no implementation of the same
// name in the project.
import { z } from 'zod';
import { resolveFieldIds, type LogicalField, type RunwayConfig } from '../../../domain';
import type { ImplementationPlan, PlannedIssue } from '../../../domain/playbooks/start';
import { implementationName } from '../../../domain/playbooks/start-input';
import type { JiraClient, JiraField, IssueTypeWire } from '../../../jira';

export interface Site {
  typeIds: Record<PlannedIssue['kind'], string | null>;
  typeNames: Record<PlannedIssue['kind'], string>;
  fieldIds: Record<LogicalField, string | null>;
  fields: Map<string, JiraField>;
  names: Record<string, string>;
  problems: string[];
}

/** Null when the user may create issues in the project, else why not. */
export async function canCreate(jira: JiraClient, project: string): Promise<string | null> {
  const can = await jira.myPermissions({ permissions: ['CREATE_ISSUES'], projectKey: project });
  return can.CREATE_ISSUES ? null : `You do not have permission to create issues in project ${project}.`;
}

function findType(types: readonly IssueTypeWire[], names: readonly string[], level: number) {
  for (const name of names) {
    const t = types.find(
      (x) => x.name.trim().toLowerCase() === name.trim().toLowerCase() && (x.hierarchyLevel ?? 0) === level,
    );
    if (t && t.subtask !== true) return t;
  }
  return undefined;
}

export async function inspectSite(
  jira: JiraClient,
  config: RunwayConfig,
  plan: ImplementationPlan,
): Promise<Site> {
  const [types, fields] = await Promise.all([jira.getIssueTypes(), jira.getFields()]);
  const names = Object.fromEntries(fields.map((f) => [f.id, f.name]));
  const { ids } = resolveFieldIds(names, config);
  const epic = findType(types, ['Epic'], 1) ?? types.find((t) => t.hierarchyLevel === 1);
  const milestone = findType(types, config.issueTypes.milestone, 0);
  const gate = findType(types, config.issueTypes.gate, 0);
  const work = findType(types, [plan.workItemType], 0);
  const problems: string[] = [];
  if (!epic) problems.push('This site has no epic issue type (hierarchy level 1).');
  if (!milestone)
    problems.push(`This site has no ${config.issueTypes.milestone.join(' or ')} issue type for milestones.`);
  if (!gate) problems.push(`This site has no ${config.issueTypes.gate.join(' or ')} issue type for gates.`);
  if (!work && plan.children.some((c) => c.kind === 'workItem'))
    problems.push(`This site has no ${plan.workItemType} issue type for the starter work items.`);
  const needed = new Set<LogicalField>();
  for (const issue of [plan.epic, ...plan.children])
    for (const f of Object.keys(issue.fields) as LogicalField[]) needed.add(f);
  const missing = [...needed].filter((f) => ids[f] === null).map((f) => config.fieldNames[f]);
  if (missing.length > 0)
    problems.push(
      `This site has no ${missing.join(', ')} field${missing.length > 1 ? 's' : ''}: an administrator can add ${missing.length > 1 ? 'them' : 'it'} in Runway's settings (provisioning).`,
    );
  return {
    typeIds: {
      implementation: epic?.id ?? null,
      milestone: milestone?.id ?? null,
      gate: gate?.id ?? null,
      workItem: work?.id ?? null,
    },
    typeNames: {
      implementation: epic?.name ?? 'Epic',
      milestone: milestone?.name ?? config.issueTypes.milestone[0],
      gate: gate?.name ?? config.issueTypes.gate[0],
      workItem: work?.name ?? plan.workItemType,
    },
    fieldIds: { ...ids },
    fields: new Map(fields.map((f) => [f.id, f])),
    names,
    problems,
  };
}

const SummaryFields = z.looseObject({ summary: z.string().optional() });

/** An implementation of the project with the same summary (case and spacing aside), if any. */
export async function namesake(
  jira: JiraClient,
  config: RunwayConfig,
  project: string,
  summary: string,
): Promise<string | null> {
  const label = config.implementationLabel.replace(/["\\]/g, '\\$&');
  const { issues } = await jira.searchAll({
    jql: `project = ${project} AND labels = "${label}" ORDER BY key`,
    fields: ['summary'],
  });
  const wanted = implementationName(summary);
  for (const issue of issues) {
    const f = SummaryFields.safeParse(issue.fields ?? {});
    const s = f.success ? (f.data.summary ?? '') : '';
    if (implementationName(s) === wanted) return issue.key ?? null;
  }
  return null;
}

export const namesakeProblem = (existing: string, project: string) =>
  `${existing} in ${project} already has this summary: open it, or choose another name.`;
