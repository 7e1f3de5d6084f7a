/**
 * Rolling implementation KPIs up into the portfolio: median / mean / sum over implementations
 * with a value, pooled sums for rates, and the target check (per complexity tier when the
 * target has a value per tier: met when every tier with data meets its own target).
 */
import type { RunwayConfig } from '../config';
import { KPI_DEFINITIONS, KPI_IDS, type KpiId, type KpiTarget } from './definitions';
import { poolValue, type ImplementationResult, type Pool } from './implementation-kpis';
import { NO_IMPROVEMENTS, type ImprovementThroughput } from './improvement';
import { mean, median, percentileNearestRank, sum } from './stats';

export interface PortfolioKpi {
  value: number | null;
  n: number;
  targetMet: boolean | null;
  /** Median KPIs only. */
  median?: number | null;
  /** time_to_live_days and active_time_to_live_days only. */
  p90?: number | null;
}
export type PortfolioKpis = Record<KpiId, PortfolioKpi>;

/**
 * What the roll-up reads of an implementation's result: its tier, values and pools. Stored
 * per-implementation results (KPI snapshots for trends) roll up without the full model.
 */
export type RollupInput = Pick<ImplementationResult, 'kpis' | 'pools'> & { implementation: { tier: string } };

/** What the portfolio-only KPIs read besides the implementations (the whole scope's issues). */
export interface PortfolioExtras {
  improvements: Pick<ImprovementThroughput, 'value'>;
}

function aggregate(
  id: KpiId,
  results: readonly RollupInput[],
  extras: PortfolioExtras = { improvements: NO_IMPROVEMENTS },
): { value: number | null; n: number; values: number[] } {
  const def = KPI_DEFINITIONS[id];
  if (def.aggregation === 'portfolio') {
    // improvement_throughput: `n` is the count itself
    const value = extras.improvements.value;
    return { value, n: value ?? 0, values: [] };
  }
  if (def.aggregation === 'pooled') {
    const pool: Pool = { num: 0, den: 0, n: 0 };
    for (const r of results) {
      const p = r.pools[id];
      if (p === undefined) continue;
      pool.num += p.num;
      pool.den += p.den;
      pool.n += p.n;
    }
    return { value: poolValue(id, pool), n: pool.n, values: [] };
  }
  const values: number[] = [];
  for (const r of results) {
    const v = r.kpis[id];
    if (v !== null) values.push(v);
  }
  const value =
    values.length === 0
      ? null
      : def.aggregation === 'median'
        ? median(values)
        : def.aggregation === 'mean'
          ? mean(values)
          : sum(values);
  return { value, n: values.length, values };
}

function meets(value: number, op: KpiTarget['op'], target: number): boolean {
  return op === '<=' ? value <= target : op === '>=' ? value >= target : value === target;
}

function tierTarget(targets: Record<string, number>, tier: string): number | undefined {
  if (tier in targets) return targets[tier];
  const lc = tier.toLowerCase();
  for (const k of Object.keys(targets)) if (k.toLowerCase() === lc) return targets[k];
  return undefined;
}

function targetMet(
  id: KpiId,
  value: number | null,
  target: KpiTarget | null,
  results: readonly RollupInput[],
): boolean | null {
  if (target === null || value === null) return null;
  if (typeof target.value === 'number') return meets(value, target.op, target.value);
  const byTier = new Map<string, RollupInput[]>();
  for (const r of results) {
    const list = byTier.get(r.implementation.tier);
    if (list) list.push(r);
    else byTier.set(r.implementation.tier, [r]);
  }
  let judged = false;
  for (const [tier, list] of byTier) {
    const t = tierTarget(target.value, tier);
    const v = aggregate(id, list).value;
    if (t === undefined || v === null) continue;
    judged = true;
    if (!meets(v, target.op, t)) return false;
  }
  return judged ? true : null;
}

/**
 * The portfolio. `extras` carries what is not per implementation (the improvement issues of the
 * scope); without it improvement_throughput is null (a breakdown group, say).
 */
export function portfolioKpis(
  results: readonly RollupInput[],
  config: RunwayConfig,
  extras?: PortfolioExtras,
): PortfolioKpis {
  const out = {} as PortfolioKpis;
  for (const id of KPI_IDS) {
    const def = KPI_DEFINITIONS[id];
    const { value, n, values } = aggregate(id, results, extras);
    const kpi: PortfolioKpi = { value, n, targetMet: targetMet(id, value, config.targets[id], results) };
    if (def.aggregation === 'median') kpi.median = value;
    if (def.p90) kpi.p90 = percentileNearestRank(values, 0.9);
    out[id] = kpi;
  }
  return out;
}
