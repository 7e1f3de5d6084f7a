/**
 * KPI trends and breakdowns. A trend point is the portfolio as it stood at a month end: the
 * engine runs again with `asOf` = that date (issues created later are ignored, changelog entries
 * after it too, lifecycle dates after it are plans). Each implementation's result at each date
 * is kept in a compact form (a contribution) so results computed in batches, or stored and read
 * back later, roll up into exactly the numbers one run over every issue gives.
 */
import type { RunwayConfig } from '../config';
import { addDays, type IsoDate } from '../dates';
import { buildImplementations } from '../read-implementations';
import type { JiraIssue, JiraNames } from '../issue-json';
import type { KpiId } from '../kpis/definitions';
import { computeImplementationKpis, type KpiValues, type Pool } from '../kpis/implementation-kpis';
import { improvementThroughput, type ImprovementThroughput } from '../kpis/improvement';
import { portfolioKpis, type PortfolioKpis } from '../kpis/portfolio';

/** One implementation's KPIs at one date, with what the roll-up needs. */
export interface KpiContribution {
  key: string;
  summary: string;
  tier: string;
  segment: string | null;
  kpis: KpiValues;
  pools: Partial<Record<KpiId, Pool>>;
  warnings: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of the month `monthsBack` months before the month of `date`. */
export function monthEnd(date: IsoDate, monthsBack = 0): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - monthsBack; // 0-based, may go negative
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12; // 0-based
  const next = `${month === 11 ? year + 1 : year}-${pad(month === 11 ? 1 : month + 2)}-01`;
  return addDays(next, -1);
}

/**
 * The dates of a trend of `months` points ending at asOf, oldest first: the ends of the months
 * before asOf's month, then asOf itself (the month so far; it is that month's end when asOf is one).
 */
export function trendDates(asOf: IsoDate, months = 12): IsoDate[] {
  const out: IsoDate[] = [];
  for (let back = months - 1; back >= 1; back--) out.push(monthEnd(asOf, back));
  out.push(asOf);
  return out;
}

/** Every implementation's contribution at `asOf`, in export order. */
export function contributionsAt(
  issues: readonly JiraIssue[],
  names: JiraNames,
  asOf: IsoDate,
  config: RunwayConfig,
): KpiContribution[] {
  const model = buildImplementations(issues, names, { asOf, config });
  return model.implementations.map((impl) => {
    const r = computeImplementationKpis(impl, config, asOf);
    return {
      key: impl.key,
      summary: impl.summary,
      tier: impl.tier,
      segment: impl.segment,
      kpis: r.kpis,
      pools: r.pools,
      warnings: impl.warnings.length + r.warnings.length,
    };
  });
}

/** Contributions at each date (same order as `dates`). */
export function contributionsOverTime(
  issues: readonly JiraIssue[],
  names: JiraNames,
  dates: readonly IsoDate[],
  config: RunwayConfig,
): KpiContribution[][] {
  return dates.map((d) => contributionsAt(issues, names, d, config));
}

/**
 * The improvement throughput of a scope's issues at each date (same order as `dates`). Not a
 * contribution: improvements need not belong to an implementation, so the scope's improvement
 * issues are read as a whole.
 */
export function improvementsOverTime(
  issues: readonly JiraIssue[],
  dates: readonly IsoDate[],
  config: RunwayConfig,
): ImprovementThroughput[] {
  return dates.map((d) => improvementThroughput(issues, d, config));
}

/**
 * The portfolio KPIs of some contributions, by the rules of kpis.md (portfolioKpis), with the
 * scope's improvement throughput at the same date (without it, improvement_throughput is null).
 */
export function rollUp(
  contributions: readonly KpiContribution[],
  config: RunwayConfig,
  improvements?: ImprovementThroughput,
): PortfolioKpis {
  return portfolioKpis(
    contributions.map((c) => ({ implementation: { tier: c.tier }, kpis: c.kpis, pools: c.pools })),
    config,
    improvements === undefined ? undefined : { improvements },
  );
}

export type BreakdownDimension = 'tier' | 'segment';

export const NO_SEGMENT = 'No segment';

export interface BreakdownGroup {
  /** The tier or segment (NO_SEGMENT when the field is empty). */
  group: string;
  implementations: number;
  portfolio: PortfolioKpis;
}

/**
 * The portfolio split by complexity tier (configured tier order) or segment (alphabetical, the
 * empty segment last). Each group is rolled up on its own, targets judged within the group.
 */
export function breakdown(
  contributions: readonly KpiContribution[],
  by: BreakdownDimension,
  config: RunwayConfig,
): BreakdownGroup[] {
  const groups = new Map<string, KpiContribution[]>();
  for (const c of contributions) {
    const g = by === 'tier' ? c.tier : (c.segment ?? NO_SEGMENT);
    const list = groups.get(g);
    if (list) list.push(c);
    else groups.set(g, [c]);
  }
  const order = (g: string): [number, string] => {
    if (by === 'tier') {
      const i = config.complexityTiers.findIndex((t) => t.toLowerCase() === g.toLowerCase());
      return [i < 0 ? config.complexityTiers.length : i, g];
    }
    return [g === NO_SEGMENT ? 1 : 0, g];
  };
  return [...groups.entries()]
    .sort(([a], [b]) => {
      const [ia, na] = order(a);
      const [ib, nb] = order(b);
      return ia - ib || na.localeCompare(nb);
    })
    .map(([group, list]) => ({ group, implementations: list.length, portfolio: rollUp(list, config) }));
}

/** Whether an implementation contributes to a KPI: a value, or issues in its pool. */
export function contributes(c: KpiContribution, id: KpiId): boolean {
  const pool = c.pools[id];
  return pool !== undefined ? pool.n > 0 : c.kpis[id] !== null;
}
