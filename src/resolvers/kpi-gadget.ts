// Resolver of the portfolio KPI gadget (jira:dashboardGadget `runway-portfolio-kpis`).
// parse the payload (contract) → search Jira as the viewing user → compute with the engine → answer.
// Reading as the user means the numbers only ever contain issues Jira shows that user.
import api from '@forge/api';
import Resolver from '@forge/resolver';
import {
  describeZodError,
  GetPortfolioKpisPayload,
  KPI_GADGET_KEYS,
  type GetPortfolioKpisResult,
  type PortfolioKpis,
} from '../contracts';
import { addDays, computeKpiReport, KPI_DEFINITIONS, KPI_IDS, parseSearchExport, type IsoDate, type RunwayConfig } from '../domain';
import { createJiraClient, JiraError } from '../jira';
import { fromForgeRequest } from '../jira/forge';
import { fetchKpiExport } from '../jira/kpi-export';
import { readConfig, typedStore } from '../storage';

/** The JQL of a scope: the given query, the given projects, or everything the user can see that existed at asOf. */
export function scopeJql(payload: GetPortfolioKpisPayload, asOf: IsoDate): string {
  if (payload.jql !== undefined) return payload.jql;
  if (payload.projects !== undefined) return `project in (${payload.projects.join(', ')})`;
  return `created < "${addDays(asOf, 1)}"`;
}

export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}

function describeError(e: unknown): string {
  if (e instanceof JiraError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export async function getPortfolioKpis(rawPayload: unknown, config: RunwayConfig, searchAsUser = fromForgeRequest(api.asUser().requestJira)): Promise<GetPortfolioKpisResult> {
  const parsed = GetPortfolioKpisPayload.safeParse(rawPayload);
  if (!parsed.success) return { ok: false, error: `Invalid request: ${describeZodError(parsed.error)}` };
  const payload = parsed.data;
  const asOf = payload.asOf ?? todayUtc();
  const jql = scopeJql(payload, asOf);
  try {
    const client = createJiraClient({ fetch: searchAsUser });
    const { pages } = await fetchKpiExport(client, { jql, config });
    const exported = parseSearchExport(pages);
    if (!exported.ok) return { ok: false, error: `Jira's search answer could not be read: ${exported.error}` };
    const report = computeKpiReport(exported.value.issues, exported.value.names, { asOf, config, warnings: exported.value.warnings });
    const data: PortfolioKpis = {
      asOf,
      jql,
      implementations: report.implementations.length,
      warnings: report.warnings.length + report.implementations.reduce((n, i) => n + i.warnings.length, 0),
      kpis: KPI_IDS.map((id) => {
        const def = KPI_DEFINITIONS[id];
        const kpi = report.portfolio[id];
        return { id, label: def.label, unit: def.unit, value: kpi.value, target: config.targets[id], met: kpi.targetMet, n: kpi.n };
      }),
    };
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
}

const resolver = new Resolver();

resolver.define(KPI_GADGET_KEYS.getPortfolioKpis, async ({ payload }) => {
  const config = await readConfig(typedStore());
  return getPortfolioKpis(payload, config);
});

export const kpiGadgetResolver = resolver.getDefinitions();
