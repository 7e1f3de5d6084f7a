/**
 * The KPI report of kpis.md ("Output of the command line"): every KPI per implementation and
 * for the portfolio, as of a date, with warnings that name issues. Pure and deterministic.
 */
import { defaultConfig, type RunwayConfig } from '../config';
import type { IsoDate } from '../dates';
import type { KpiWarning } from '../fields';
import { scanImplementations } from '../read-implementations';
import type { JiraIssue, JiraNames } from '../issue-json';
import { computeImplementationKpis, type KpiValues } from './implementation-kpis';
import { improvementThroughputInScope } from './improvement';
import { portfolioKpis, type PortfolioKpis, type RollupInput } from './portfolio';

export interface ImplementationKpis {
  key: string;
  summary: string;
  /** The complexity tier the targets use (Standard when the field is empty). */
  complexity: string;
  kpis: KpiValues;
  warnings: KpiWarning[];
}

export interface KpiReport {
  asOf: IsoDate;
  implementations: ImplementationKpis[];
  portfolio: PortfolioKpis;
  warnings: KpiWarning[];
}

export interface KpiOptions {
  asOf: IsoDate;
  config?: RunwayConfig;
  /** Warnings found before the engine ran (e.g. parseSearchExport's), reported first. */
  warnings?: readonly KpiWarning[];
}

export function computeKpiReport(
  issues: readonly JiraIssue[],
  names: JiraNames,
  options: KpiOptions,
): KpiReport {
  const config = options.config ?? defaultConfig();
  const { asOf } = options;
  const scan = scanImplementations(issues, names, { asOf, config });
  const implementations: ImplementationKpis[] = [];
  const rollup: RollupInput[] = [];
  // One implementation at a time: only its KPIs outlive it, never the children of every one.
  for (const impl of scan.read()) {
    const r = computeImplementationKpis(impl, config, asOf);
    implementations.push({
      key: impl.key,
      summary: impl.summary,
      complexity: impl.tier,
      kpis: r.kpis,
      warnings: [...impl.warnings, ...r.warnings],
    });
    rollup.push({ kpis: r.kpis, pools: r.pools, implementation: { tier: impl.tier } });
  }
  return {
    asOf,
    implementations,
    portfolio: portfolioKpis(rollup, config, {
      improvements: improvementThroughputInScope(scan.inScope, asOf, config),
    }),
    warnings: [...(options.warnings ?? []), ...scan.warnings],
  };
}
