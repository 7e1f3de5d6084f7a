// The portfolio KPIs of a scope, computed in batches of implementations that are stored as they
// finish (src/storage/kpi-contributions.ts), so a scope too large for one 25 s call shows what is
// ready and the rest is finished by the next calls or by the `kpi-snapshots` queue consumer.
// Each batch searches `(scope) AND (key in (…) OR parent in (…))`: exactly the issues a search of
// the whole scope gives for those implementations, so the roll-up equals `runway kpis` on the scope
// (test/domain/trends proves batching changes nothing).
import type { BreakdownGroup, GadgetKpiId, KpiTile, PortfolioKpis } from '../../contracts/kpi-gadget';
import {
  KPI_DEFINITIONS,
  KPI_IDS,
  parseSearchExport,
  readParent,
  type IsoDate,
  type KpiId,
  type ImprovementThroughput,
  type KpiValues,
  type Pool,
  type RunwayConfig,
} from '../../domain';
import type { Clock } from '../../domain/clock';
import {
  breakdown,
  contributes,
  contributionsOverTime,
  implementationJql,
  improvementJql,
  improvementsOverTime,
  isUsable,
  kpiDefinition,
  kpiIssuesJql,
  rollUp,
  stripOrderBy,
  type BreakdownDimension,
  type KpiContribution,
  type SiteIssueTypes,
} from '../../domain/trends';
import type { JiraClient } from '../../jira';
import { planKpiFields } from '../../jira/kpi-export';
import { forecastsAt, projectedLateView } from '../forecast';
import {
  readChanged,
  readImplementationSnapshots,
  scopeId,
  writeImplementationSnapshots,
  type ImplementationSnapshot,
  type StoredContribution,
  type TypedStore,
} from '../../storage';
import { siteIssueTypes } from '../shared';

/** A scope as the engine reads it: its JQL (no ORDER BY), the as-of date and the trend dates. */
export interface Scope {
  jql: string;
  asOf: IsoDate;
  dates: IsoDate[];
  /** Storage id of the scope: its JQL and the configuration the numbers depend on. */
  id: string;
}

export function makeScope(jql: string, asOf: IsoDate, dates: IsoDate[], config: RunwayConfig): Scope {
  const bare = stripOrderBy(jql);
  return { jql: bare, asOf, dates, id: scopeId(`${bare}\n${JSON.stringify(config)}`) };
}

export interface Survey {
  /** Every issue key in scope the identity can see. */
  visible: Set<string>;
  /** Keys of the issues in scope that are implementations by type or label (JQL), in key order. */
  candidates: string[];
}

/**
 * The survey's bound: 40 id-only pages of 5,000 (about 4 s at 100 ms a request, a few MB of keys).
 * A larger scope is refused with what to do, never read past the invocation's 25 s.
 */
export const SURVEY_MAX_ISSUES = 200_000;

async function keysOf(jira: JiraClient, jql: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of jira.searchJql({ jql, fields: ['key'] })) {
    for (const issue of page.issues) if (issue.key) keys.push(issue.key);
    if (keys.length > SURVEY_MAX_ISSUES)
      throw new Error(
        `The scope has more than ${SURVEY_MAX_ISSUES.toLocaleString('en-US')} issues, more than one gadget call can survey: narrow its projects or JQL.`,
      );
  }
  return keys;
}

/** Two id-only searches (pages of 5,000): what the identity can see in scope, and the implementations. */
export async function surveyScope(
  jira: JiraClient,
  config: RunwayConfig,
  scope: Scope,
  site: SiteIssueTypes,
): Promise<Survey> {
  const [visible, candidates] = await Promise.allSettled([
    keysOf(jira, scope.jql),
    keysOf(jira, `(${scope.jql}) AND ${implementationJql(config, site)} ORDER BY key`),
  ]);
  // A JQL error is reported from the scope's own search, so its positions are the user's.
  if (visible.status === 'rejected') throw visible.reason;
  if (candidates.status === 'rejected') throw candidates.reason;
  return { visible: new Set(visible.value), candidates: candidates.value };
}

/** What a scope needs computing: the survey, the stored snapshots still usable, the rest. */
export interface ScopeState {
  site: SiteIssueTypes;
  survey: Survey;
  /** Usable stored snapshots, by implementation key. */
  ready: Map<string, ImplementationSnapshot>;
  /** Candidates without a usable snapshot, in key order. */
  missing: string[];
  /** The engine's field ids (planKpiFields). */
  fieldIds: string[];
}

/** The site's issue types and a survey of the scope, as `jira`'s identity. */
export async function surveyNow(
  jira: JiraClient,
  config: RunwayConfig,
  scope: Scope,
): Promise<{ site: SiteIssueTypes; survey: Survey }> {
  const site = await siteIssueTypes(jira);
  return { site, survey: await surveyScope(jira, config, scope, site) };
}

/**
 * Splits a scope's implementations into ready and missing, from a survey as `jira`'s identity
 * (`surveyed`: one the caller has, else surveyed now).
 */
export async function loadScopeState(
  jira: JiraClient,
  store: TypedStore,
  config: RunwayConfig,
  scope: Scope,
  now: number,
  surveyed: Promise<{ site: SiteIssueTypes; survey: Survey }> = surveyNow(jira, config, scope),
): Promise<ScopeState> {
  const [{ site, survey }, stored, changed, fieldIds] = await Promise.all([
    surveyed,
    readImplementationSnapshots(store, scope.id, scope.asOf),
    readChanged(store),
    engineFieldIds(jira, config),
  ]);
  const ready = new Map<string, ImplementationSnapshot>();
  const missing: string[] = [];
  for (const key of survey.candidates) {
    const s = stored.get(key);
    if (isUsable(s, scope.dates, survey.visible, changed, now)) ready.set(key, s);
    else missing.push(key);
  }
  return { site, survey, ready, missing, fieldIds };
}

/**
 * The scope's improvement throughput at each trend date: one search (as `jira`'s identity) of the
 * issues in scope labelled improvement, which need not belong to an implementation.
 */
export async function loadImprovements(
  jira: JiraClient,
  config: RunwayConfig,
  scope: Scope,
): Promise<ImprovementThroughput[]> {
  const found = await jira.searchAll({
    jql: improvementJql(scope.jql, config),
    fields: ['labels', 'created', 'resolutiondate'],
  });
  const exported = parseSearchExport({ issues: found.issues, names: {} });
  if (!exported.ok) throw new Error(`Jira's search answer could not be read: ${exported.error}`);
  return improvementsOverTime(exported.value.issues, scope.dates, config);
}

export interface BatchDeps {
  jira: JiraClient;
  store: TypedStore;
  config: RunwayConfig;
  /** The engine's field ids (planKpiFields). */
  fieldIds: readonly string[];
  now: Clock;
  /** `app`, or the accountId of the viewing user. */
  by: string;
}

export async function engineFieldIds(jira: JiraClient, config: RunwayConfig): Promise<string[]> {
  return planKpiFields(await jira.getFields(), config).fields;
}

/** Computes and stores the snapshots of some implementations of a scope. */
export async function computeBatch(
  deps: BatchDeps,
  scope: Scope,
  keys: readonly string[],
): Promise<ImplementationSnapshot[]> {
  if (keys.length === 0) return [];
  const list = keys.join(', ');
  const pages = await deps.jira.exportSearch({
    jql: `(${scope.jql}) AND (key in (${list}) OR parent in (${list})) ORDER BY key`,
    fields: deps.fieldIds,
  });
  const exported = parseSearchExport(pages);
  if (!exported.ok) throw new Error(`Jira's search answer could not be read: ${exported.error}`);
  const { issues, names } = exported.value;
  const inputs = new Map<string, string[]>(keys.map((k) => [k, []]));
  for (const issue of issues) {
    inputs.get(issue.key)?.push(issue.key);
    const parent = readParent(issue.fields.parent)?.key;
    if (parent !== undefined && parent !== issue.key) inputs.get(parent)?.push(issue.key);
  }
  const perDate = contributionsOverTime(issues, names, scope.dates, deps.config).map(
    (list) => new Map(list.map((c) => [c.key, c])),
  );
  const computedAt = deps.now().getTime();
  const forecasts = forecastsAt(issues, names, scope.asOf, deps.config); // src/domain/forecast
  const snapshots = keys.map((key): ImplementationSnapshot => ({
    key,
    inputs: inputs.get(key) ?? [],
    computedAt,
    by: deps.by,
    dates: scope.dates,
    contributions: perDate.map((m) => m.get(key) ?? null),
    forecast: forecasts.get(key) ?? null,
  }));
  await writeImplementationSnapshots(deps.store, scope.id, scope.asOf, snapshots);
  return snapshots;
}

function toContribution(s: StoredContribution): KpiContribution {
  const kpis = {} as KpiValues;
  const pools: Partial<Record<KpiId, Pool>> = {};
  for (const id of KPI_IDS) {
    kpis[id] = s.kpis[id] ?? null;
    const p = s.pools[id];
    if (p !== undefined) pools[id] = p;
  }
  return {
    key: s.key,
    summary: s.summary,
    tier: s.tier,
    segment: s.segment,
    kpis,
    pools,
    warnings: s.warnings,
  };
}

export interface AssembleOptions {
  kpis: readonly GadgetKpiId[];
  breakdown: BreakdownDimension | null;
  siteIssueTypes: SiteIssueTypes;
  /** How many implementations the scope has (candidates), for progress. */
  total: number;
  /** The scope's improvement throughput at each date (loadImprovements); without: improvement_throughput is null. */
  improvements?: readonly ImprovementThroughput[];
}

/** The gadget's answer from the snapshots that are ready (in candidate order). */
export function assemble(
  snapshots: readonly ImplementationSnapshot[],
  scope: Scope,
  config: RunwayConfig,
  options: AssembleOptions,
): Omit<PortfolioKpis, 'scope' | 'leftOut'> {
  const atDate = scope.dates.map((_, d) =>
    snapshots.flatMap((s) => (s.contributions[d] ? [toContribution(s.contributions[d])] : [])),
  );
  const last = atDate[atDate.length - 1] ?? [];
  const improvements = options.improvements ?? [];
  const trend = atDate.map((list, d) => rollUp(list, config, improvements[d]));
  const now = trend[trend.length - 1] ?? rollUp([], config);
  const counted = improvements[improvements.length - 1]?.keys ?? [];
  const kpis: KpiTile[] = options.kpis.map((id) => {
    const def = KPI_DEFINITIONS[id];
    const k = now[id];
    return {
      id,
      label: def.label,
      unit: def.unit,
      value: k.value,
      target: config.targets[id],
      met: k.targetMet,
      n: k.n,
      definition: kpiDefinition(id, config),
      ...(def.p90 ? { p90: k.p90 ?? null } : {}),
      ...(def.aggregation === 'portfolio' ? { portfolioOnly: true } : {}),
      // improvement_throughput: the improvements counted, not implementations
      issuesJql: kpiIssuesJql(
        id,
        def.aggregation === 'portfolio' ? counted : last.filter((c) => contributes(c, id)).map((c) => c.key),
        config,
        { scopeJql: scope.jql, siteIssueTypes: options.siteIssueTypes, asOf: scope.asOf },
      ),
      trend: scope.dates.map((asOf, d) => ({ asOf, value: trend[d][id].value, n: trend[d][id].n })),
    };
  });
  let groups: BreakdownGroup[] | null = null;
  if (options.breakdown !== null) {
    groups = breakdown(last, options.breakdown, config).map((g) => ({
      group: g.group,
      implementations: g.implementations,
      kpis: options.kpis.map((id) => ({
        id,
        value: g.portfolio[id].value,
        met: g.portfolio[id].targetMet,
        n: g.portfolio[id].n,
      })),
    }));
  }
  return {
    asOf: scope.asOf,
    jql: scope.jql,
    implementations: last.length,
    kpis,
    breakdown: options.breakdown === null || groups === null ? null : { by: options.breakdown, groups },
    progress: { done: snapshots.length, total: options.total, complete: snapshots.length >= options.total },
    warnings: last.reduce((n, c) => n + c.warnings, 0),
    projectedLate: projectedLateView(snapshots),
  };
}
