/**
 * The health of an implementation as of a date, by rules anyone can read:
 * - red when the go-live milestone is late, a gate failed, or an open risk scores ≥ 20;
 * - amber when any other milestone is late, any milestone is projected late (its due date moved
 *   past its baseline), or an open risk scores ≥ 15;
 * - green otherwise.
 * A milestone is late when it is not done and its baseline due date (else its due date) is before
 * asOf, as on_time_milestone_rate counts it. Every rule that fires gives a reason naming the issue.
 */
import type { RunwayConfig } from '../config';
import { calendarDaysBetween, type IsoDate } from '../dates';
import { hasLabel, nameSet } from '../fields';
import type { Implementation, ImplementationChild } from '../implementation';
import { CRITICAL_SCORE, HIGH_SCORE, scoreRaidItem } from '../raid/scoring';

export type Health = 'red' | 'amber' | 'green';

export type HealthCode =
  | 'GO_LIVE_LATE'
  | 'GATE_FAILED'
  | 'CRITICAL_RISK'
  | 'MILESTONE_LATE'
  | 'MILESTONE_PROJECTED_LATE'
  | 'HIGH_RISK';

export interface HealthReason {
  level: 'red' | 'amber';
  code: HealthCode;
  /** The issue the rule is about. */
  issue: string;
  message: string;
}

export interface MilestoneState {
  key: string;
  summary: string;
  dueDate: IsoDate | null;
  baselineDue: IsoDate | null;
  done: boolean;
  goLive: boolean;
  late: boolean;
  projectedLate: boolean;
}

export type GateState = 'passed' | 'failed' | 'open' | 'missing';

export interface GateProgress {
  passed: number;
  failed: number;
  /** The configured gate types plus any other gate the implementation has. */
  total: number;
  gates: Array<{ type: string; key: string | null; state: GateState }>;
}

export interface ImplementationHealth {
  health: Health;
  /** Red reasons first, then amber; empty when green. */
  reasons: HealthReason[];
  /** The open milestone due first (undated ones last), or null when none is open. */
  nextMilestone: { key: string; summary: string; dueDate: IsoDate | null; late: boolean } | null;
  openHighRisks: number;
  gates: GateProgress;
  /** Calendar days from kickoff to go-live, or to asOf while not live; null without a kickoff. */
  timeToLiveDays: number | null;
  live: boolean;
}

export function milestoneState(m: ImplementationChild, asOf: IsoDate, goLiveLabel: string): MilestoneState {
  const committed = m.baselineDue ?? m.dueDate;
  const late = !m.done && committed !== null && committed < asOf;
  const projectedLate =
    !m.done && !late && m.baselineDue !== null && m.dueDate !== null && m.dueDate > m.baselineDue;
  return {
    key: m.key,
    summary: m.summary,
    dueDate: m.dueDate,
    baselineDue: m.baselineDue,
    done: m.done,
    goLive: hasLabel(m.labels, goLiveLabel),
    late,
    projectedLate,
  };
}

function gateState(g: ImplementationChild, failed: ReadonlySet<string>): GateState {
  const isFailed = (name: string | null) => name !== null && failed.has(name.trim().toLowerCase());
  if (isFailed(g.status) || isFailed(g.resolution)) return 'failed';
  return g.done ? 'passed' : 'open';
}

/** One entry per configured gate type (in config order) and per other gate; the latest gate issue of a type decides. */
export function gateProgress(impl: Implementation, config: RunwayConfig): GateProgress {
  const failed = nameSet(config.failedStatuses);
  const gates = impl.children
    .filter((c) => c.kind === 'gate')
    .sort(
      (a, b) =>
        (a.created ?? '').localeCompare(b.created ?? '') ||
        a.key.localeCompare(b.key, 'en', { numeric: true }),
    );
  const byType = new Map<string, { type: string; key: string | null; state: GateState }>();
  for (const type of Object.values(config.gateTypes))
    byType.set(type.trim().toLowerCase(), { type, key: null, state: 'missing' });
  for (const g of gates) {
    const type = g.gateType ?? g.summary;
    byType.set(type.trim().toLowerCase(), {
      type: byType.get(type.trim().toLowerCase())?.type ?? type,
      key: g.key,
      state: gateState(g, failed),
    });
  }
  const list = [...byType.values()];
  return {
    passed: list.filter((g) => g.state === 'passed').length,
    failed: list.filter((g) => g.state === 'failed').length,
    total: list.length,
    gates: list,
  };
}

export function implementationHealth(
  impl: Implementation,
  asOf: IsoDate,
  config: RunwayConfig,
): ImplementationHealth {
  const red: HealthReason[] = [];
  const amber: HealthReason[] = [];
  const milestones = impl.children
    .filter((c) => c.kind === 'milestone')
    .map((m) => milestoneState(m, asOf, config.labels.goLive));
  for (const m of milestones) {
    if (m.late) {
      const due = m.baselineDue ?? m.dueDate;
      const message = `${m.summary} was due ${due} and is not done`;
      if (m.goLive)
        red.push({
          level: 'red',
          code: 'GO_LIVE_LATE',
          issue: m.key,
          message: `Go-live milestone late: ${message}`,
        });
      else
        amber.push({
          level: 'amber',
          code: 'MILESTONE_LATE',
          issue: m.key,
          message: `Milestone late: ${message}`,
        });
    } else if (m.projectedLate) {
      amber.push({
        level: 'amber',
        code: 'MILESTONE_PROJECTED_LATE',
        issue: m.key,
        message: `Milestone projected late: ${m.summary} moved from ${m.baselineDue} to ${m.dueDate}`,
      });
    }
  }
  const gates = gateProgress(impl, config);
  for (const g of gates.gates) {
    if (g.state === 'failed' && g.key !== null)
      red.push({ level: 'red', code: 'GATE_FAILED', issue: g.key, message: `Gate failed: ${g.type}` });
  }
  let openHighRisks = 0;
  for (const c of impl.children) {
    if (c.kind !== 'risk' || c.done) continue;
    const { score } = scoreRaidItem(
      { key: c.key, kind: 'risk', probability: c.probability, impact: c.impact },
      [],
    );
    if (score === null || score < HIGH_SCORE) continue;
    openHighRisks++;
    if (score >= CRITICAL_SCORE)
      red.push({
        level: 'red',
        code: 'CRITICAL_RISK',
        issue: c.key,
        message: `Open risk scores ${score}: ${c.summary}`,
      });
    else
      amber.push({
        level: 'amber',
        code: 'HIGH_RISK',
        issue: c.key,
        message: `Open risk scores ${score}: ${c.summary}`,
      });
  }
  const open = milestones.filter((m) => !m.done);
  open.sort(
    (a, b) =>
      (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
      a.key.localeCompare(b.key, 'en', { numeric: true }),
  );
  const next = open[0];
  const { kickoff, goLive } = impl.dates;
  const end = goLive ?? asOf;
  const timeToLiveDays = kickoff === null || end < kickoff ? null : calendarDaysBetween(kickoff, end);
  return {
    health: red.length > 0 ? 'red' : amber.length > 0 ? 'amber' : 'green',
    reasons: [...red, ...amber],
    nextMilestone:
      next === undefined
        ? null
        : { key: next.key, summary: next.summary, dueDate: next.dueDate, late: next.late },
    openHighRisks,
    gates,
    timeToLiveDays,
    live: goLive !== null,
  };
}
