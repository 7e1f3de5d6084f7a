// The plan of a request (src/domain/playbooks/start.ts) from its playbook's start recipe, and how
// each planned issue looks on the site (its issue type's name, its fields by their names).
import type { PlannedIssueView, StartRequest } from '../../../contracts/implementations';
import type { ResolverResult } from '../../../contracts/result';
import { LOGICAL_FIELDS, type LogicalField, type RunwayConfig } from '../../../domain';
import {
  planImplementation,
  type ImplementationPlan,
  type PlannedIssue,
} from '../../../domain/playbooks/start';
import { DEFAULT_SEGMENTS } from '../../../domain/playbooks/start-input';
import { startRecipeFor, startsImplementation } from '../../../domain/playbooks/start-recipes';
import type { StartDeps } from './deps';
import type { Site } from './site';

export interface Planned {
  plan: ImplementationPlan;
  templateTitle: string;
}

export async function planFor(
  request: StartRequest,
  deps: Pick<StartDeps, 'library' | 'config'>,
): Promise<ResolverResult<Planned>> {
  const library = await deps.library();
  const template = library.get(request.templateId);
  if (!template)
    return {
      ok: false,
      error: `Unknown playbook "${request.templateId}". Known playbooks: ${library.templates
        .filter((t) => startsImplementation(t.id))
        .map((t) => t.id)
        .join(', ')}`,
    };
  if (!startsImplementation(template.id))
    return {
      ok: false,
      error: `${template.title} is a document of a running implementation, not a way to start one: add it to a Confluence page with the Runway playbook macro.`,
    };
  const recipe = startRecipeFor(template.id);
  if (!recipe.ok) return { ok: false, error: recipe.error };
  const plan = planImplementation(request, recipe.value, {
    config: deps.config,
    segments: DEFAULT_SEGMENTS,
    templateTitle: template.title,
  });
  if (!plan.ok) return { ok: false, error: plan.error };
  return { ok: true, data: { plan: plan.value, templateTitle: template.title } };
}

export function view(issue: PlannedIssue, site: Site, config: RunwayConfig): PlannedIssueView {
  return {
    ref: issue.ref,
    kind: issue.kind,
    summary: issue.summary,
    issueType: site.typeNames[issue.kind],
    labels: issue.labels,
    dueDate: issue.dueDate,
    fields: Object.fromEntries(
      (Object.entries(issue.fields) as Array<[LogicalField, string]>).map(([k, v]) => [
        config.fieldNames[k] ?? LOGICAL_FIELDS[k],
        v,
      ]),
    ),
  };
}
