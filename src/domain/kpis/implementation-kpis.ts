/**
 * Every KPI of kpis.md for one implementation. Besides the value, each KPI keeps what the
 * portfolio needs to roll it up: pooled KPIs keep their sums (numerator, denominator, n).
 */
import type { RunwayConfig } from '../config';
import { addDays, businessDaysBetween, calendarDaysBetween, type IsoDate } from '../dates';
import { hasLabel, nameLookup, type KpiWarning, type NameLookup } from '../fields';
import type { Implementation, ImplementationChild } from '../implementation';
import { KPI_IDS, type KpiId } from './definitions';
import { daysOnHold } from './on-hold';

/** Σ numerator, Σ denominator and the issues in the denominator, for pooled KPIs. */
export interface Pool {
  num: number;
  den: number;
  n: number;
}

export type KpiValues = Record<KpiId, number | null>;

export interface ImplementationResult {
  implementation: Implementation;
  kpis: KpiValues;
  pools: Partial<Record<KpiId, Pool>>;
  warnings: KpiWarning[];
}

/** How a pool becomes a value; null when the denominator is empty. */
export const POOL_VALUE: Partial<Record<KpiId, (p: Pool) => number>> = {
  on_time_milestone_rate: (p) => p.num / p.den,
  rework_rate: (p) => p.num / p.den,
  uat_first_pass_rate: (p) => p.num / p.den,
  integration_success_rate: (p) => 1 - p.num / p.den, // num = Σ Failed Runs, den = Σ Integration Runs
  reconciliation_accuracy: (p) => p.num / p.den,
  documentation_completeness: (p) => p.num / p.den,
  effort_variance: (p) => (p.num - p.den) / p.den, // num = Σ time spent, den = Σ original estimate
};

export function poolValue(id: KpiId, p: Pool): number | null {
  const f = POOL_VALUE[id];
  return f === undefined || p.den === 0 ? null : f(p);
}

interface Ctx {
  asOf: IsoDate;
  config: RunwayConfig;
  warnings: KpiWarning[];
  impl: Implementation;
}

function duration(
  ctx: Ctx,
  id: KpiId,
  from: IsoDate | null,
  to: IsoDate | null,
  business: boolean,
): number | null {
  if (from === null || to === null) return null;
  const days = business ? businessDaysBetween(from, to, ctx.config.holidays) : calendarDaysBetween(from, to);
  if (days < 0 || calendarDaysBetween(from, to) < 0) {
    ctx.warnings.push({
      issue: ctx.impl.key,
      code: 'NEGATIVE_DURATION',
      message: `${id}: ${to} is before ${from}`,
    });
    return null;
  }
  return days;
}

function milestones(ctx: Ctx, children: readonly ImplementationChild[]): Pool {
  const pool: Pool = { num: 0, den: 0, n: 0 };
  // Indexed loops over children: see scanImplementations (a cold for-of allocates per step).
  for (let i = 0; i < children.length; i++) {
    const m = children[i];
    if (m.kind !== 'milestone') continue;
    if (m.baselineDue === null) {
      ctx.warnings.push({
        issue: m.key,
        code: 'NO_BASELINE_DUE',
        message: 'milestone has no baseline due date',
      });
      continue;
    }
    if (m.done) {
      if (m.resolved === null) {
        ctx.warnings.push({
          issue: m.key,
          code: 'NO_RESOLUTION_DATE',
          message: 'milestone is done without a resolution date',
        });
        continue;
      }
      pool.den++;
      if (m.resolved <= addDays(m.baselineDue, ctx.config.milestoneToleranceDays)) pool.num++;
    } else if (m.baselineDue < ctx.asOf) {
      pool.den++; // late: still open past its baseline
    }
  }
  pool.n = pool.den;
  return pool;
}

/** Defects created in [goLive, goLive + window) that pass `test`; null without goLive. */
function postGoLive(
  ctx: Ctx,
  children: readonly ImplementationChild[],
  test: (d: ImplementationChild) => boolean,
): number | null {
  const goLive = ctx.impl.dates.goLive;
  if (goLive === null) return null;
  const end = addDays(goLive, ctx.config.postGoLiveWindowDays);
  let count = 0;
  for (let i = 0; i < children.length; i++) {
    const d = children[i];
    if (d.kind !== 'defect' || d.created === null || d.created < goLive || d.created >= end) continue;
    if (test(d)) count++;
  }
  return count;
}

function badNumbers(ctx: Ctx, item: ImplementationChild, why: string): void {
  ctx.warnings.push({ issue: item.key, code: 'BAD_NUMBERS', message: `${why}; left out of the rate` });
}

function handoverGate(ctx: Ctx, children: readonly ImplementationChild[]): ImplementationChild | null {
  const want = ctx.config.gateTypes.handover.trim().toLowerCase();
  const gates = children.filter(
    (c) => c.kind === 'gate' && c.gateType !== null && c.gateType.trim().toLowerCase() === want,
  );
  if (gates.length > 1) {
    ctx.warnings.push({
      issue: ctx.impl.key,
      code: 'SEVERAL_HANDOVER_GATES',
      message: `${gates.map((g) => g.key).join(', ')} are Handover gates; ${gates[0].key} is used`,
    });
  }
  return gates[0] ?? null;
}

export function computeImplementationKpis(
  impl: Implementation,
  config: RunwayConfig,
  asOf: IsoDate,
): ImplementationResult {
  const ctx: Ctx = { asOf, config, impl, warnings: [] };
  const { labels } = config;
  const { children, dates } = impl;
  const kpis = Object.fromEntries(KPI_IDS.map((id) => [id, null])) as KpiValues;
  const pools: Partial<Record<KpiId, Pool>> = {};

  kpis.time_to_kickoff_bdays = duration(
    ctx,
    'time_to_kickoff_bdays',
    dates.contractSigned,
    dates.kickoff,
    true,
  );
  kpis.time_to_first_value_days = duration(
    ctx,
    'time_to_first_value_days',
    dates.kickoff,
    dates.firstValue,
    false,
  );
  kpis.time_to_live_days = duration(ctx, 'time_to_live_days', dates.kickoff, dates.goLive, false);
  // net of the days on hold between kickoff and the end; null where the plain duration is
  const active = (plain: number | null, end: IsoDate | null): number | null =>
    plain === null || dates.kickoff === null || end === null
      ? null
      : plain - daysOnHold(impl.holdSpells, dates.kickoff, end);
  kpis.active_time_to_first_value_days = active(kpis.time_to_first_value_days, dates.firstValue);
  kpis.active_time_to_live_days = active(kpis.time_to_live_days, dates.goLive);
  pools.on_time_milestone_rate = milestones(ctx, children);

  const approvedStatuses = nameLookup(config.approvedStatuses);
  const approvedResolutions = nameLookup(config.approvedResolutions);
  const p1 = nameLookup(config.priorities.p1);
  const p2 = nameLookup(config.priorities.p2);
  const isPriority = (set: NameLookup<true>) => (d: ImplementationChild) => set.has(d.priority);

  let scopeChanges = 0;
  let escalations = 0;
  const rework: Pool = { num: 0, den: 0, n: 0 };
  const uat: Pool = { num: 0, den: 0, n: 0 };
  const integration: Pool = { num: 0, den: 0, n: 0 };
  const migration: Pool = { num: 0, den: 0, n: 0 };
  const docs: Pool = { num: 0, den: 0, n: 0 };
  const effort: Pool = { num: 0, den: 0, n: 0 };
  const gate = handoverGate(ctx, children);
  const gateDone = gate !== null && gate.done;
  const docsCutOff = gateDone && gate.resolved !== null ? gate.resolved : asOf;

  const addEffort = (i: { key: string; originalEstimate: number | null; timeSpent: number | null }) => {
    if (i.originalEstimate === null) return;
    if (i.originalEstimate < 0 || (i.timeSpent ?? 0) < 0) {
      ctx.warnings.push({
        issue: i.key,
        code: 'BAD_NUMBERS',
        message: 'negative original estimate or time spent; left out of effort variance',
      });
      return;
    }
    effort.n++;
    effort.den += i.originalEstimate;
    effort.num += i.timeSpent ?? 0;
  };
  addEffort(impl);

  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    addEffort(c);
    if (hasLabel(c.labels, labels.escalation)) escalations++;
    if (c.kind === 'changeRequest') {
      const approved = approvedStatuses.has(c.status) || approvedResolutions.has(c.resolution);
      if (approved) scopeChanges++;
      continue;
    }
    if (c.kind !== 'workItem') continue;
    if (c.everDone) {
      rework.den++;
      if (c.reopenCount > 0) rework.num++;
    }
    if (c.done && hasLabel(c.labels, labels.uat)) {
      uat.den++;
      if (!c.everFailed && c.reopenCount === 0) uat.num++;
    }
    // An item without its count is not in the denominator (not run yet, or not filled in);
    // contradictory counts (more failures than runs, negatives) are left out with a warning.
    if (hasLabel(c.labels, labels.integration)) {
      const runs = c.integrationRuns;
      const failed = c.failedRuns ?? 0;
      if (runs === null) {
        if (c.done) badNumbers(ctx, c, 'done without Integration Runs');
      } else if (runs < 0 || failed < 0 || failed > runs) {
        badNumbers(ctx, c, `Failed Runs ${failed} and Integration Runs ${runs} contradict`);
      } else {
        integration.n++;
        integration.den += runs;
        integration.num += failed;
      }
    }
    if (hasLabel(c.labels, labels.migration)) {
      const expected = c.recordsExpected;
      const reconciled = c.recordsReconciled ?? 0;
      if (expected === null) {
        if (c.done) badNumbers(ctx, c, 'done without Records Expected');
      } else if (expected < 0 || reconciled < 0 || reconciled > expected) {
        badNumbers(ctx, c, `Records Reconciled ${reconciled} and Records Expected ${expected} contradict`);
      } else {
        migration.n++;
        migration.den += expected;
        migration.num += reconciled;
      }
    }
    if (hasLabel(c.labels, labels.deliverable)) {
      docs.den++;
      // done by the cut-off; done without a resolution date counts as done (it is done at asOf)
      if (c.done && (c.resolved === null || c.resolved <= docsCutOff)) docs.num++;
    }
  }
  rework.n = rework.den;
  uat.n = uat.den;
  docs.n = docs.den;
  Object.assign(pools, {
    rework_rate: rework,
    uat_first_pass_rate: uat,
    integration_success_rate: integration,
    reconciliation_accuracy: migration,
    documentation_completeness: docs,
    effort_variance: effort,
  });
  for (const [id, pool] of Object.entries(pools) as [KpiId, Pool][]) kpis[id] = poolValue(id, pool);

  kpis.scope_change_count = scopeChanges;
  kpis.escalation_count = escalations;
  kpis.defect_escape_count = postGoLive(ctx, children, (d) =>
    hasLabel(d.labels, labels.implementationCaused),
  );
  kpis.post_golive_p1_count = postGoLive(ctx, children, isPriority(p1));
  kpis.post_golive_p2_count = postGoLive(ctx, children, isPriority(p2));
  kpis.handover_first_pass = !gateDone ? null : !gate.everFailed && gate.reopenCount === 0 ? 1 : 0;
  kpis.csat = impl.csat;
  kpis.stakeholder_confidence = impl.stakeholderConfidence;
  kpis.asset_reuse = impl.labels.some((l) => l.toLowerCase().startsWith(labels.playbookPrefix.toLowerCase()))
    ? 1
    : 0;
  return { implementation: impl, kpis, pools, warnings: ctx.warnings };
}
