// The start dialog's options: every playbook with what it would create at the default tier, the
// tiers and segments, and whether the user may create in the project.
import type { StartOptions } from '../../../contracts/implementations';
import type { ResolverResult } from '../../../contracts/result';
import { DEFAULT_SEGMENTS } from '../../../domain/playbooks/start-input';
import { startRecipeFor, startsImplementation } from '../../../domain/playbooks/start-recipes';
import { jiraWords } from '../../shared';
import type { StartDeps } from './deps';
import { canCreate } from './site';

export async function getStartOptions(
  project: string,
  deps: StartDeps,
): Promise<ResolverResult<StartOptions>> {
  try {
    const [library, reason] = await Promise.all([deps.library(), canCreate(deps.jira, project)]);
    const tier = deps.config.defaultComplexity;
    const templates = library.templates
      .filter((t) => startsImplementation(t.id))
      .map((t) => {
        const recipe = startRecipeFor(t.id);
        const workItems = recipe.ok
          ? recipe.value.workItems.filter(
              (w) => !w.tiers || w.tiers.some((x) => x.toLowerCase() === tier.toLowerCase()),
            ).length
          : 0;
        return {
          id: t.id,
          title: t.title,
          description: t.description,
          creates: {
            milestones: recipe.ok ? recipe.value.milestones.length : 0,
            gates: deps.config.gates.length,
            workItems,
          },
        };
      });
    return {
      ok: true,
      data: {
        project,
        templates,
        tiers: deps.config.complexityTiers,
        defaultTier: tier,
        segments: [...DEFAULT_SEGMENTS],
        canCreate: reason === null,
        cannotCreateReason: reason,
      },
    };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}
