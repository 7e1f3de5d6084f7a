// The portfolio KPI gadget's use cases (jira:dashboardGadget `runway-portfolio-kpis` and its edit
// view). Portfolio KPIs: survey the scope as the viewing user (or read the survey this user's
// calls kept for a few minutes) → roll up the stored implementation snapshots the user may see →
// on a small scope compute the missing ones as the user; on a large one only a first small batch
// (first numbers fast) → answer with what is ready and the progress. The rest is computed by the
// `kpi-snapshots` queue consumer (up to 900 s); the view's polling calls only read and re-queue a
// stalled job. No batch starts unless it can end well inside the 25 s limit.
import {
  GADGET_KPI_IDS,
  type GadgetProjects,
  type GetPortfolioKpisPayload,
  type GetPortfolioKpisResult,
  type PortfolioKpis,
} from '../../contracts/kpi-gadget';
import type { ResolverResult } from '../../contracts/result';
import type { IsoDate, RunwayConfig } from '../../domain';
import type { Clock } from '../../domain/clock';
import {
  leftOutOfScope,
  scopeInWords,
  scopeJql,
  splitProjects,
  trendDates,
  unknownProjectValues,
  withoutProjects,
} from '../../domain/trends';
import { HttpError, type JiraClient } from '../../jira';
import type { SiteIssueTypes } from '../../domain/trends';
import {
  keepSurvey,
  readJob,
  readSurvey,
  recordScope,
  SURVEY_KEEP_MS,
  writeJob,
  type TypedStore,
} from '../../storage';
import { jiraWords, siteIssueTypes } from '../shared';
import type { SnapshotJobEvent } from './queue';
import {
  assemble,
  computeBatch,
  loadImprovements,
  loadScopeState,
  makeScope,
  surveyNow,
  surveyScope,
  type Scope,
  type Survey,
} from './scope';

export interface GadgetDeps {
  jira: JiraClient;
  store: TypedStore;
  config: RunwayConfig;
  today: IsoDate;
  now: Clock;
  /** The viewing user. */
  accountId: string;
  /** How long one call may spend computing batches (well under the 25 s limit). */
  budgetMs: number;
  enqueue: (job: SnapshotJobEvent) => Promise<void>;
}

/**
 * The first batch is computed even past the budget (first numbers fast), but never once the
 * survey and snapshot reads have taken this long: the call must end inside Forge's 25 s.
 */
const FIRST_BATCH_DEADLINE_MS = 12_000;
/** No later batch starts unless, at the pace of the batches before it, it ends by then. */
const LAST_BATCH_END_MS = 15_000;
/** The first batch is small so the first numbers come fast; later ones amortise the searches. */
const FIRST_BATCH = 5;
const BATCH = 20;
/** A scope missing more than this is the consumer's to compute; the view computes a first batch only. */
const VIEW_COMPUTES_AT_MOST = 3 * BATCH;
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

/**
 * The viewer's survey of the scope: the one their calls kept in the last SURVEY_KEEP_MS (the
 * view's polling calls), else a new one, kept for the next calls.
 */
async function viewerSurvey(
  deps: GadgetDeps,
  scope: Scope,
  started: number,
): Promise<{ site: SiteIssueTypes; survey: Survey }> {
  const kept = await readSurvey(deps.store, scope.id, scope.asOf, deps.accountId);
  if (kept !== undefined && kept.at <= started && started - kept.at < SURVEY_KEEP_MS)
    return { site: kept.siteIssueTypes, survey: { visible: kept.visible, candidates: kept.candidates } };
  const fresh = await surveyNow(deps.jira, deps.config, scope);
  await keepSurvey(deps.store, scope.id, scope.asOf, deps.accountId, {
    at: started,
    siteIssueTypes: new Set(fresh.site),
    visible: fresh.survey.visible,
    candidates: fresh.survey.candidates,
  });
  return fresh;
}

export async function getPortfolioKpis(
  payload: GetPortfolioKpisPayload,
  deps: GadgetDeps,
): Promise<GetPortfolioKpisResult> {
  const started = deps.now().getTime();
  const asOf = payload.asOf ?? deps.today;
  try {
    // A shared gadget's projects the viewer cannot browse are left out, and the viewer told so.
    const split =
      payload.projects === undefined
        ? null
        : splitProjects(
            payload.projects,
            (await deps.jira.searchProjects(payload.projects)).map((p) => p.key),
          );
    const leftOut = split === null ? null : leftOutOfScope(split);
    if (split !== null && split.shown.length === 0) return nothingToSee(payload, asOf, leftOut, deps);
    const chosen = split === null ? payload : { ...payload, projects: split.shown };
    try {
      return await kpisOf(payload, chosen, leftOut, deps, started);
    } catch (e) {
      // The same for a JQL scope: Jira refuses the projects the viewer cannot browse as unknown.
      const narrowed =
        payload.jql === undefined ? null : await withoutHiddenProjects(payload.jql, e, deps.jira);
      if (narrowed === null) throw e;
      if (narrowed.jql === null) return nothingToSee(payload, asOf, narrowed.leftOut, deps);
      return await kpisOf(payload, { ...payload, jql: narrowed.jql }, narrowed.leftOut, deps, started);
    }
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

/**
 * A JQL scope without the projects the viewer cannot browse, when Jira's refusal (`e`) says only
 * that projects of its project clause do not exist and the viewer indeed cannot browse them.
 * Null when that is not so: Jira's error stands.
 */
async function withoutHiddenProjects(
  jql: string,
  e: unknown,
  jira: JiraClient,
): Promise<{ jql: string | null; leftOut: PortfolioKpis['leftOut'] } | null> {
  if (!(e instanceof HttpError) || e.status !== 400) return null;
  const unknown = unknownProjectValues(e.errorMessages);
  const narrowed = unknown === null ? null : withoutProjects(jql, unknown);
  if (narrowed === null) return null;
  const browsable = new Set((await jira.searchProjects(narrowed.removed)).map((p) => p.key.toUpperCase()));
  if (narrowed.removed.some((k) => browsable.has(k.toUpperCase()))) return null;
  return { jql: narrowed.jql, leftOut: leftOutOfScope({ shown: narrowed.kept, hidden: narrowed.removed }) };
}

/** The numbers of a scope (`chosen`: as narrowed to what the viewer may browse). Throws Jira's refusals. */
async function kpisOf(
  payload: GetPortfolioKpisPayload,
  chosen: GetPortfolioKpisPayload,
  leftOut: PortfolioKpis['leftOut'],
  deps: GadgetDeps,
  started: number,
): Promise<GetPortfolioKpisResult> {
  const asOf = payload.asOf ?? deps.today;
  const scope = makeScope(scopeJql(chosen, asOf), asOf, trendDates(asOf), deps.config);
  // read while the implementations are computed; awaited when the answer is assembled
  const improvements = loadImprovements(deps.jira, deps.config, scope);
  improvements.catch(() => undefined); // a failure is reported by the await below
  const { site, survey, ready, missing, fieldIds } = await loadScopeState(
    deps.jira,
    deps.store,
    deps.config,
    scope,
    started,
    viewerSurvey(deps, scope, started),
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
    const elapsed = () => deps.now().getTime() - started;
    // With nothing ready yet, one small batch is computed whatever the budget: first numbers fast.
    let first = ready.size === 0 && elapsed() < FIRST_BATCH_DEADLINE_MS;
    const viewComputes = missing.length <= VIEW_COMPUTES_AT_MOST;
    let msPerImplementation = 0;
    while (missing.length > 0 && (first || (viewComputes && elapsed() < deps.budgetMs))) {
      const batch = missing.splice(0, first ? FIRST_BATCH : BATCH);
      if (!first && elapsed() + msPerImplementation * batch.length > LAST_BATCH_END_MS) {
        missing.unshift(...batch);
        break;
      }
      const batchStarted = elapsed();
      for (const s of await computeBatch(batchDeps, scope, batch)) ready.set(s.key, s);
      msPerImplementation = Math.max(msPerImplementation, (elapsed() - batchStarted) / batch.length);
      first = false;
    }
    if (missing.length > 0 && !job.recentlyDone) {
      await writeJob(deps.store, scope.id, scope.asOf, { queuedAt: deps.now().getTime() });
      await deps.enqueue({ scope: scope.id, jql: scope.jql, asOf: scope.asOf, dates: scope.dates });
    }
  }
  await recordScope(deps.store, scope.id, {
    jql: scope.jql,
    asOf: payload.asOf ?? null,
    lastUsed: deps.now().getTime(),
  });
  const snapshots = survey.candidates.flatMap((k) => {
    const s = ready.get(k);
    return s ? [s] : [];
  });
  const data: PortfolioKpis = {
    ...assemble(snapshots, scope, deps.config, {
      kpis: payload.kpis ?? GADGET_KPI_IDS,
      breakdown: payload.breakdown ?? null,
      siteIssueTypes: site,
      total: survey.candidates.length,
      improvements: await improvements,
    }),
    scope: scopeInWords(payload, asOf),
    leftOut,
  };
  return { ok: true, data };
}

/** A scope whose every project the viewer cannot browse: no search, no numbers, and why. */
async function nothingToSee(
  payload: GetPortfolioKpisPayload,
  asOf: IsoDate,
  leftOut: PortfolioKpis['leftOut'],
  deps: GadgetDeps,
): Promise<GetPortfolioKpisResult> {
  const scope = makeScope(scopeJql(payload, asOf), asOf, trendDates(asOf), deps.config);
  const data: PortfolioKpis = {
    ...assemble([], scope, deps.config, {
      kpis: payload.kpis ?? GADGET_KPI_IDS,
      breakdown: payload.breakdown ?? null,
      siteIssueTypes: await siteIssueTypes(deps.jira),
      total: 0,
    }),
    scope: scopeInWords(payload, asOf),
    leftOut,
  };
  return { ok: true, data };
}

/** The edit view's check: a valid configuration whose JQL Jira accepts (as the user). Nothing is saved here. */
export async function checkGadgetConfig(
  configuration: GetPortfolioKpisPayload,
  deps: Pick<GadgetDeps, 'jira' | 'config' | 'today'>,
): Promise<ResolverResult<{ jql: string; implementations: number }>> {
  const asOf = configuration.asOf ?? deps.today;
  const scope = makeScope(scopeJql(configuration, asOf), asOf, [asOf], deps.config);
  try {
    const survey = await surveyScope(deps.jira, deps.config, scope, await siteIssueTypes(deps.jira));
    return { ok: true, data: { jql: scope.jql, implementations: survey.candidates.length } };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

/** The projects the user can see, for the edit view's picker. */
export async function listProjects(jira: JiraClient): Promise<ResolverResult<GadgetProjects>> {
  try {
    return { ok: true, data: (await jira.searchProjects()).map((p) => ({ key: p.key, name: p.name })) };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}
