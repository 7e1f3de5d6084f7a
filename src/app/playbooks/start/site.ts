// What the site must have for a plan: the permission to create, the issue types of the plan's
// kinds, the fields it sets (by name, from the configuration), and no implementation of the same
// name in the project.
import { z } from 'zod';
import {
  findProjectType,
  kindType,
  offScreenProblem,
  resolveFieldIds,
  typeNotInProject,
  type LogicalField,
  type ProjectMeta,
  type RunwayConfig,
} from '../../../domain';
import { messageOf } from '../../../domain/errors';
import type { ImplementationPlan, PlannedIssue } from '../../../domain/playbooks/start';
import { implementationName } from '../../../domain/playbooks/start-input';
import type { JiraClient, JiraField } from '../../../jira';

export interface Site {
  typeIds: Record<PlannedIssue['kind'], string | null>;
  typeNames: Record<PlannedIssue['kind'], string>;
  fieldIds: Record<LogicalField, string | null>;
  fields: Map<string, JiraField>;
  names: Record<string, string>;
  problems: string[];
  /** Set when the project's createmeta could not be read (its problem is then `problems[0]`). */
  unreadable: boolean;
}

/** Null when the user may create issues in the project, else why not. */
export async function canCreate(jira: JiraClient, project: string): Promise<string | null> {
  const can = await jira.myPermissions({ permissions: ['CREATE_ISSUES'], projectKey: project });
  return can.CREATE_ISSUES ? null : `You do not have permission to create issues in project ${project}.`;
}

/**
 * The project's types and create screens (createmeta), checked for every issue of the plan before
 * anything is created: a type must be in the project, and each field it sets on the type's screen.
 */
export async function inspectSite(
  jira: JiraClient,
  config: RunwayConfig,
  plan: ImplementationPlan,
  project: string,
): Promise<Site> {
  const fields = await jira.getFields();
  const names = Object.fromEntries(fields.map((f) => [f.id, f.name]));
  const { ids } = resolveFieldIds(names, config);
  const problems: string[] = [];
  let unreadable = false;
  let meta: ProjectMeta = { key: project, name: project, style: 'company', types: [], fieldIds: {} };
  try {
    meta = await jira.projectMeta.project(project);
  } catch (e) {
    problems.push(`Runway could not read what project ${project} lets you create: ${messageOf(e)}`);
    unreadable = true;
  }
  const epic = kindType(meta, 'implementation', config);
  const milestone = kindType(meta, 'milestone', config);
  const gate = kindType(meta, 'gate', config);
  const work = findProjectType(meta, [plan.workItemType], 0);
  const types: Record<PlannedIssue['kind'], ProjectMeta['types'][number] | undefined> = {
    implementation: epic,
    milestone,
    gate,
    workItem: work,
  };
  const wanted: Record<PlannedIssue['kind'], string> = {
    implementation: 'Epic',
    milestone: config.issueTypes.milestone[0],
    gate: config.issueTypes.gate[0],
    workItem: plan.workItemType,
  };
  const named = { ...names, labels: 'Labels', duedate: 'Due date', description: 'Description' };
  const seen = new Set(problems);
  const add = (problem: string | null) => {
    if (problem !== null && !seen.has(problem)) {
      seen.add(problem);
      problems.push(problem);
    }
  };
  const missing = new Set<string>();
  for (const issue of [plan.epic, ...plan.children]) {
    const type = types[issue.kind];
    if (meta.types.length > 0 && type === undefined) add(typeNotInProject(wanted[issue.kind], meta));
    const logical = Object.keys(issue.fields) as LogicalField[];
    for (const f of logical) if (ids[f] === null) missing.add(config.fieldNames[f]);
    if (type === undefined) continue;
    const setting = [
      'summary',
      'labels',
      ...(issue.dueDate !== null ? ['duedate'] : []),
      ...(issue.kind === 'implementation' ? ['description'] : []),
      ...logical.map((f) => ids[f]).filter((id): id is string => id !== null),
    ];
    add(offScreenProblem(meta, type, setting, named));
  }
  if (missing.size > 0)
    add(
      `This site has no ${[...missing].join(', ')} field${missing.size > 1 ? 's' : ''}: an administrator can add ${missing.size > 1 ? 'them' : 'it'} in Runway's settings (provisioning).`,
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
    unreadable,
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
