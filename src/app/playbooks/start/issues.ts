// The planned issues as Jira takes them (fields by the site's ids and types), the children an
// earlier call already created, and the outcome the dialog shows.
import { z } from 'zod';
import type { StartOutcome } from '../../../contracts/implementations';
import type { LogicalField } from '../../../domain';
import type { ImplementationPlan, PlannedIssue } from '../../../domain/playbooks/start';
import type { JiraClient, JiraField } from '../../../jira';
import type { StartRecord } from '../../../storage';
import type { Site } from './site';

/** A field's value as its type takes it: a select option by value, a number, or text (dates). */
function fieldValue(field: JiraField | undefined, value: string): unknown {
  const type = field?.schema?.type;
  if (type === 'option') return { value };
  if (type === 'number') return Number(value);
  return value;
}

export function issueFields(issue: PlannedIssue, project: string, site: Site, parent: string | null) {
  const fields: Record<string, unknown> = {
    project: { key: project },
    issuetype: { id: site.typeIds[issue.kind] },
    summary: issue.summary,
    labels: issue.labels,
  };
  if (parent !== null) fields.parent = { key: parent };
  if (issue.dueDate !== null) fields.duedate = issue.dueDate;
  for (const [logical, value] of Object.entries(issue.fields) as Array<[LogicalField, string]>) {
    const id = site.fieldIds[logical];
    if (id !== null) fields[id] = fieldValue(site.fields.get(id), value);
  }
  return fields;
}

/** The epic's description: where it came from. */
export function describePlannedBy(plan: ImplementationPlan, templateTitle: string) {
  return {
    type: 'doc',
    version: 1,
    content: [
      {
        type: 'paragraph',
        content: [
          {
            type: 'text',
            text: `Started from the playbook "${templateTitle}" (${plan.tier}) by Runway: milestones, gates and starter work items are its children.`,
          },
        ],
      },
    ],
  };
}

const ChildFields = z.looseObject({
  summary: z.string().optional(),
  issuetype: z.looseObject({ id: z.string().optional() }).optional(),
});

/** Children already under the epic, matched to the plan by summary and issue type (a lost record write). */
export async function existingChildren(
  jira: JiraClient,
  epicKey: string,
  plan: ImplementationPlan,
  site: Site,
): Promise<Map<string, string>> {
  const { issues } = await jira.searchAll({
    jql: `parent = ${epicKey} ORDER BY key`,
    fields: ['summary', 'issuetype'],
  });
  const found = new Map<string, string>();
  const taken = new Set<string>();
  for (const child of plan.children) {
    const hit = issues.find((i) => {
      const f = ChildFields.safeParse(i.fields ?? {});
      return (
        i.key !== undefined &&
        !taken.has(i.key) &&
        f.success &&
        f.data.summary === child.summary &&
        f.data.issuetype?.id === site.typeIds[child.kind]
      );
    });
    if (hit?.key) {
      found.set(child.ref, hit.key);
      taken.add(hit.key);
    }
  }
  return found;
}

export function outcome(
  plan: ImplementationPlan,
  record: StartRecord,
  failed: StartOutcome['failed'],
  resumed: boolean,
): StartOutcome {
  const failedRefs = new Set(failed.map((f) => f.ref));
  return {
    epic: record.epic ?? { key: '', summary: plan.epic.summary },
    created: plan.children.flatMap((c) => {
      const k = record.created[c.ref];
      return k === undefined ? [] : [{ ref: c.ref, kind: c.kind, summary: c.summary, key: k }];
    }),
    failed,
    pending: plan.children
      .filter((c) => record.created[c.ref] === undefined && !failedRefs.has(c.ref))
      .map((c) => ({ ref: c.ref, kind: c.kind, summary: c.summary })),
    complete: record.complete,
    resumed,
  };
}
