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

/**
 * Implementations per page: enough to read with their children and changelogs well inside one
 * invocation's 25 s and 512 MB (the bench measures it on a 100,000-issue site).
 */
export const IMPLEMENTATIONS_PAGE_SIZE = 25;

/**
 * One page of the project's implementations. The keys of all of them come first (a keys-only
 * search, thousands per request); the page reads only its own implementations and their children.
 * The cursor is the offset in key order: an implementation created meanwhile may shift a row
 * between pages, which a reload corrects.
 */
export async function getImplementations(
  projectKey: string,
  deps: ImplementationsDeps,
  cursor?: string,
): Promise<ResolverResult<ImplementationsView>> {
  try {
    const jql = projectImplementationsJql(projectKey, deps.config, await siteIssueTypes(deps.jira));
    const all = await deps.jira.searchAll({ jql, fields: ['key'] });
    const keys = all.issues.map((i) => i.key);
    const offset = cursor === undefined ? 0 : Number(cursor);
    const pageKeys = keys.slice(offset, offset + IMPLEMENTATIONS_PAGE_SIZE);
    const next = offset + IMPLEMENTATIONS_PAGE_SIZE;
    const nextCursor = next < keys.length ? String(next) : null;
    if (pageKeys.length === 0) {
      const data = { project: projectKey, asOf: deps.today, implementations: [], warnings: [] };
      return { ok: true, data: { ...data, total: keys.length, nextCursor: null } };
    }
    const pageJql = `issuekey in (${pageKeys.join(', ')}) ORDER BY key`;
    const { model } = await readImplementationsWithChildren(deps.jira, deps.config, pageJql, deps.today);
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
    return {
      ok: true,
      data: {
        project: projectKey,
        asOf: deps.today,
        implementations,
        total: keys.length,
        nextCursor,
        warnings,
      },
    };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}
