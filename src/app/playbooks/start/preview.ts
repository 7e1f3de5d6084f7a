// The start dialog's preview: what would be created, as the site will show it, and everything that
// would stop it (permission, missing issue types or fields, an implementation of the same name).
// Creates nothing.
import type { StartPreview, StartRequest } from '../../../contracts/implementations';
import type { ResolverResult } from '../../../contracts/result';
import { jiraWords } from '../../shared';
import type { StartDeps } from './deps';
import { planFor, view } from './plan';
import { canCreate, inspectSite, namesake, namesakeProblem } from './site';

export async function previewStart(
  project: string,
  request: StartRequest,
  deps: StartDeps,
): Promise<ResolverResult<StartPreview>> {
  try {
    const planned = await planFor(request, deps);
    if (!planned.ok) return planned;
    const { plan, templateTitle } = planned.data;
    const [site, reason, existing] = await Promise.all([
      inspectSite(deps.jira, deps.config, plan, project),
      canCreate(deps.jira, project),
      namesake(deps.jira, deps.config, project, plan.epic.summary),
    ]);
    // Without the permission to create, Jira refuses createmeta too: the reason says it once.
    const problems = [...(reason ? [reason] : []), ...site.problems.slice(reason && site.unreadable ? 1 : 0)];
    if (existing) problems.push(namesakeProblem(existing, project));
    return {
      ok: true,
      data: {
        templateId: plan.templateId,
        templateTitle,
        epic: view(plan.epic, site, deps.config),
        children: plan.children.map((c) => view(c, site, deps.config)),
        warnings: plan.warnings,
        problems,
      },
    };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}
