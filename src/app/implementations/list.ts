// The implementations project page: the project's implementations and their children, read as the
// user, each with its health by the rules of src/domain/health.
import type { ImplementationRow, ImplementationsView } from '../../contracts/implementations';
import type { ResolverResult } from '../../contracts/result';
import type { IsoDate, RunwayConfig } from '../../domain';
import { forecastView } from '../../domain/forecast';
import { implementationHealth } from '../../domain/health';
import type { JiraClient } from '../../jira';
import {
  jiraWords,
  projectImplementationsJql,
  readImplementationsWithChildren,
  siteIssueTypes,
} from '../shared';

export interface ImplementationsDeps {
  jira: JiraClient;
  config: RunwayConfig;
  today: IsoDate;
}

export async function getImplementations(
  projectKey: string,
  deps: ImplementationsDeps,
): Promise<ResolverResult<ImplementationsView>> {
  try {
    const jql = projectImplementationsJql(projectKey, deps.config, await siteIssueTypes(deps.jira));
    const { model } = await readImplementationsWithChildren(deps.jira, deps.config, jql, deps.today);
    const implementations: ImplementationRow[] = model.implementations.map((impl) => {
      const h = implementationHealth(impl, deps.today, deps.config);
      return {
        key: impl.key,
        summary: impl.summary,
        status: impl.status,
        statusCategory: impl.statusCategory,
        tier: impl.tier,
        segment: impl.segment,
        health: h.health,
        reasons: h.reasons,
        nextMilestone: h.nextMilestone,
        openHighRisks: h.openHighRisks,
        gates: { passed: h.gates.passed, failed: h.gates.failed, total: h.gates.total },
        timeToLiveDays: h.timeToLiveDays,
        live: h.live,
        kickoff: impl.dates.kickoff ?? impl.planned.kickoff ?? null,
        milestones: impl.children
          .filter((c) => c.kind === 'milestone')
          .map((c) => ({ key: c.key, summary: c.summary, dueDate: c.dueDate, done: c.done })),
        forecast: forecastView(impl, deps.config, deps.today),
      };
    });
    const warnings = [...model.warnings, ...model.implementations.flatMap((i) => i.warnings)].map((w) =>
      w.issue ? `${w.issue}: ${w.message}` : w.message,
    );
    return { ok: true, data: { project: projectKey, asOf: deps.today, implementations, warnings } };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}
