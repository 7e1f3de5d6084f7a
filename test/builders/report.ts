import {
  computeKpiReport,
  parseConfig,
  type JiraIssue,
  type KpiReport,
  type RunwayConfigInput,
} from '../../src/domain';
import { TEST_NAMES } from './jira';

export const AS_OF = '2026-06-30';

/** The KPI report of some built issues (names = TEST_NAMES), with an optional partial config. */
export function reportOf(
  issues: readonly JiraIssue[],
  options: { asOf?: string; config?: RunwayConfigInput } = {},
): KpiReport {
  const config = parseConfig(options.config ?? {});
  if (!config.ok) throw new Error(config.error);
  return computeKpiReport(issues, TEST_NAMES, { asOf: options.asOf ?? AS_OF, config: config.value });
}

/** The KPIs of the only (or the named) implementation of a report. */
export function kpisOf(report: KpiReport, key?: string) {
  const impl =
    key === undefined ? report.implementations[0] : report.implementations.find((i) => i.key === key);
  if (impl === undefined) throw new Error(`no implementation ${key ?? ''} in the report`);
  return impl.kpis;
}
