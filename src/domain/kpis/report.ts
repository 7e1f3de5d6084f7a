/**
 * The KPI report of kpis.md ("Output of the command line"): every KPI per implementation and
 * for the portfolio, as of a date, with warnings that name issues. Pure and deterministic.
 */
import { defaultConfig, type RunwayConfig } from '../config';
import type { IsoDate } from '../dates';
import type { KpiWarning } from '../fields';
import { buildImplementations } from '../read-implementations';
import type { JiraIssue, JiraNames } from '../issue-json';
import { computeImplementationKpis, type KpiValues } from './implementation-kpis';
import { improvementThroughput } from './improvement';
import { portfolioKpis, type PortfolioKpis } from './portfolio';

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
  const model = buildImplementations(issues, names, { asOf, config });
  const results = model.implementations.map((impl) => computeImplementationKpis(impl, config, asOf));
  return {
    asOf,
    implementations: results.map((r) => ({
      key: r.implementation.key,
      summary: r.implementation.summary,
      complexity: r.implementation.tier,
      kpis: r.kpis,
      warnings: [...r.implementation.warnings, ...r.warnings],
    })),
    portfolio: portfolioKpis(results, config, {
      improvements: improvementThroughput(issues, asOf, config),
    }),
    warnings: [...(options.warnings ?? []), ...model.warnings],
  };
}
