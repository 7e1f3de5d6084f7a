// Resolver of the portfolio KPI gadget (jira:dashboardGadget `runway-portfolio-kpis`) and of its
// edit view. getPortfolioKpis: parse → survey the scope as the viewing user → roll up the stored
// implementation snapshots the user may see → compute missing ones as the user for a few seconds →
// answer with what is ready and the progress; the rest is finished by the `kpi-snapshots` queue
// consumer (and by the view's next calls). Never near the 25 s limit.
import Resolver from '@forge/resolver';
import {
  CheckGadgetConfigPayload,
  GADGET_KPI_IDS,
  GetPortfolioKpisPayload,
  KPI_GADGET_KEYS,
  ListProjectsPayload,
  type GadgetProjects,
  type GetPortfolioKpisResult,
  type PortfolioKpis,
} from '../contracts/kpi-gadget';
import { describeZodError, invalidRequest, type ResolverResult } from '../contracts/result';
import type { IsoDate, RunwayConfig } from '../domain';
import { scopeJql, trendDates } from '../domain/trends';
import type { JiraClient } from '../jira';
import { readConfig, readJob, recordScope, typedStore, writeJob, type TypedStore } from '../storage';
import { pushSnapshotJob, type SnapshotJobEvent } from '../triggers/queue';
import { jiraAsUser } from '../app/forge';
import { todayUtc } from '../app/ports';
import { jiraWords } from './common';
import { siteIssueTypes } from './implementation-reader';
import {
  assemble,
  computeBatch,
  loadImprovements,
  loadScopeState,
  makeScope,
  surveyScope,
  type Scope,
} from './kpi-scope';

export interface GadgetDeps {
  jira: JiraClient;
  store: TypedStore;
  config: RunwayConfig;
  today: IsoDate;
  now: () => number;
  /** The viewing user. */
  accountId: string;
  /** How long one call may spend computing batches (well under the 25 s limit). */
  budgetMs: number;
  enqueue: (job: SnapshotJobEvent) => Promise<void>;
}

/** The first batch is small so the first numbers come fast; later ones amortise the searches. */
const FIRST_BATCH = 5;
const BATCH = 20;
/** A background job that stored nothing for this long is taken over by the views' calls. */
const JOB_STALL_MS = 60_000;
/** A finished job is not pushed again for this long (what is left needs the viewer's own eyes). */
const JOB_REPEAT_MS = 5 * 60_000;

async function jobRunning(
  store: TypedStore,
  scope: Scope,
  now: number,
): Promise<{ running: boolean; recentlyDone: boolean }> {
  const job = await readJob(store, scope.id, scope.asOf);
  if (job === undefined) return { running: false, recentlyDone: false };
  if (job.finishedAt !== undefined)
    return { running: false, recentlyDone: now - job.finishedAt < JOB_REPEAT_MS };
  return { running: now - (job.touchedAt ?? job.queuedAt) < JOB_STALL_MS, recentlyDone: false };
}

export async function getPortfolioKpis(
  rawPayload: unknown,
  deps: GadgetDeps,
): Promise<GetPortfolioKpisResult> {
  const started = deps.now();
  const parsed = GetPortfolioKpisPayload.safeParse(rawPayload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  const payload = parsed.data;
  const asOf = payload.asOf ?? deps.today;
  const scope = makeScope(scopeJql(payload, asOf), asOf, trendDates(asOf), deps.config);
  try {
    // read while the implementations are computed; awaited when the answer is assembled
    const improvements = loadImprovements(deps.jira, deps.config, scope);
    improvements.catch(() => undefined); // a failure is reported by the await below
    const { site, survey, ready, missing, fieldIds } = await loadScopeState(
      deps.jira,
      deps.store,
      deps.config,
      scope,
      started,
    );
    const job =
      missing.length > 0
        ? await jobRunning(deps.store, scope, started)
        : { running: false, recentlyDone: false };
    if (!job.running) {
      // Compute as the user while the budget lasts; the next call or the consumer does the rest.
      const batchDeps = {
        jira: deps.jira,
        store: deps.store,
        config: deps.config,
        fieldIds,
        now: deps.now,
        by: deps.accountId,
      };
      // With nothing ready yet, one small batch is computed whatever the budget: first numbers fast.
      let first = ready.size === 0;
      while (missing.length > 0 && (first || deps.now() - started < deps.budgetMs)) {
        const batch = missing.splice(0, first ? FIRST_BATCH : BATCH);
        for (const s of await computeBatch(batchDeps, scope, batch)) ready.set(s.key, s);
        first = false;
      }
      if (missing.length > 0 && !job.recentlyDone) {
        await writeJob(deps.store, scope.id, scope.asOf, { queuedAt: deps.now() });
        await deps.enqueue({ scope: scope.id, jql: scope.jql, asOf: scope.asOf, dates: scope.dates });
      }
    }
    await recordScope(deps.store, scope.id, {
      jql: scope.jql,
      asOf: payload.asOf ?? null,
      lastUsed: deps.now(),
    });
    const snapshots = survey.candidates.flatMap((k) => {
      const s = ready.get(k);
      return s ? [s] : [];
    });
    const data: PortfolioKpis = assemble(snapshots, scope, deps.config, {
      kpis: payload.kpis ?? GADGET_KPI_IDS,
      breakdown: payload.breakdown ?? null,
      siteIssueTypes: site,
      total: survey.candidates.length,
      improvements: await improvements,
    });
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

/** The edit view's check: a valid configuration whose JQL Jira accepts (as the user). Nothing is saved here. */
export async function checkGadgetConfig(
  rawPayload: unknown,
  deps: Pick<GadgetDeps, 'jira' | 'config' | 'today'>,
): Promise<ResolverResult<{ jql: string; implementations: number }>> {
  const parsed = CheckGadgetConfigPayload.safeParse(rawPayload ?? {});
  if (!parsed.success)
    return { ok: false, error: `Invalid configuration: ${describeZodError(parsed.error, 'configuration')}` };
  const asOf = parsed.data.asOf ?? deps.today;
  const scope = makeScope(scopeJql(parsed.data, asOf), asOf, [asOf], deps.config);
  try {
    const survey = await surveyScope(deps.jira, deps.config, scope, await siteIssueTypes(deps.jira));
    return { ok: true, data: { jql: scope.jql, implementations: survey.candidates.length } };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

export async function listProjects(
  rawPayload: unknown,
  jira: JiraClient,
): Promise<ResolverResult<GadgetProjects>> {
  const parsed = ListProjectsPayload.safeParse(rawPayload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  try {
    return { ok: true, data: (await jira.searchProjects()).map((p) => ({ key: p.key, name: p.name })) };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

const resolver = new Resolver();

resolver.define(KPI_GADGET_KEYS.getPortfolioKpis, async ({ payload, context }) => {
  const store = typedStore();
  return getPortfolioKpis(payload, {
    jira: jiraAsUser(),
    store,
    config: await readConfig(store),
    today: todayUtc(),
    now: Date.now,
    accountId: typeof context.accountId === 'string' ? context.accountId : 'unknown',
    budgetMs: 3_000,
    enqueue: pushSnapshotJob,
  });
});
resolver.define(KPI_GADGET_KEYS.checkGadgetConfig, async ({ payload }) =>
  checkGadgetConfig(payload, {
    jira: jiraAsUser(),
    config: await readConfig(typedStore()),
    today: todayUtc(),
  }),
);
resolver.define(KPI_GADGET_KEYS.listProjects, async ({ payload }) => listProjects(payload, jiraAsUser()));

export const kpiGadgetResolver = resolver.getDefinitions();
