/**
 * The KPIs of shared/spec/kpis.md: ids, how each rolls up into the portfolio, default targets.
 * One table so the engine, the config and the renderers agree on the list.
 */
export const KPI_IDS = [
  'time_to_kickoff_bdays',
  'time_to_first_value_days',
  'time_to_live_days',
  'on_time_milestone_rate',
  'scope_change_count',
  'rework_rate',
  'defect_escape_count',
  'post_golive_p1_count',
  'post_golive_p2_count',
  'uat_first_pass_rate',
  'integration_success_rate',
  'reconciliation_accuracy',
  'documentation_completeness',
  'handover_first_pass',
  'csat',
  'escalation_count',
  'effort_variance',
  'asset_reuse',
  'stakeholder_confidence',
  'active_time_to_first_value_days',
  'active_time_to_live_days',
  'improvement_throughput',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

/**
 * median/mean/sum over implementations with a value; pooled = Σ numerators / Σ denominators;
 * portfolio = a count over the whole scope, not per implementation (improvement_throughput).
 */
export type Aggregation = 'median' | 'mean' | 'sum' | 'pooled' | 'portfolio';

export type TargetOp = '<=' | '>=' | '=';
/** A target; `value` may differ per complexity tier (`{ Standard: 45, ... }`). */
export interface KpiTarget {
  op: TargetOp;
  value: number | Record<string, number>;
}

export interface KpiDefinition {
  id: KpiId;
  label: string;
  unit: 'business days' | 'days' | 'rate' | 'count' | 'score' | 'ratio';
  aggregation: Aggregation;
  /** Also report p90 in the portfolio. */
  p90?: boolean;
  target: KpiTarget | null;
}

export const KPI_DEFINITIONS: Readonly<Record<KpiId, KpiDefinition>> = {
  time_to_kickoff_bdays: {
    id: 'time_to_kickoff_bdays',
    label: 'Time to kickoff',
    unit: 'business days',
    aggregation: 'median',
    target: { op: '<=', value: 10 },
  },
  time_to_first_value_days: {
    id: 'time_to_first_value_days',
    label: 'Time to first value',
    unit: 'days',
    aggregation: 'median',
    target: { op: '<=', value: { Standard: 45, Advanced: 60, Enterprise: 90 } },
  },
  time_to_live_days: {
    id: 'time_to_live_days',
    label: 'Time to live',
    unit: 'days',
    aggregation: 'median',
    p90: true,
    target: null,
  },
  on_time_milestone_rate: {
    id: 'on_time_milestone_rate',
    label: 'On-time milestones',
    unit: 'rate',
    aggregation: 'pooled',
    target: { op: '>=', value: 0.85 },
  },
  scope_change_count: {
    id: 'scope_change_count',
    label: 'Approved scope changes',
    unit: 'count',
    aggregation: 'mean',
    target: null,
  },
  rework_rate: {
    id: 'rework_rate',
    label: 'Rework rate',
    unit: 'rate',
    aggregation: 'pooled',
    target: { op: '<=', value: 0.1 },
  },
  defect_escape_count: {
    id: 'defect_escape_count',
    label: 'Escaped defects (30 days)',
    unit: 'count',
    aggregation: 'mean',
    target: { op: '<=', value: 3 },
  },
  post_golive_p1_count: {
    id: 'post_golive_p1_count',
    label: 'P1 after go-live (30 days)',
    unit: 'count',
    aggregation: 'sum',
    target: { op: '=', value: 0 },
  },
  post_golive_p2_count: {
    id: 'post_golive_p2_count',
    label: 'P2 after go-live (30 days)',
    unit: 'count',
    aggregation: 'sum',
    target: null,
  },
  uat_first_pass_rate: {
    id: 'uat_first_pass_rate',
    label: 'UAT first-pass rate',
    unit: 'rate',
    aggregation: 'pooled',
    target: { op: '>=', value: 0.8 },
  },
  integration_success_rate: {
    id: 'integration_success_rate',
    label: 'Integration success rate',
    unit: 'rate',
    aggregation: 'pooled',
    target: { op: '>=', value: 0.99 },
  },
  reconciliation_accuracy: {
    id: 'reconciliation_accuracy',
    label: 'Reconciliation accuracy',
    unit: 'rate',
    aggregation: 'pooled',
    target: { op: '>=', value: 0.995 },
  },
  documentation_completeness: {
    id: 'documentation_completeness',
    label: 'Documentation completeness',
    unit: 'rate',
    aggregation: 'pooled',
    target: { op: '>=', value: 0.95 },
  },
  handover_first_pass: {
    id: 'handover_first_pass',
    label: 'Handover first pass',
    unit: 'rate',
    aggregation: 'mean',
    target: { op: '>=', value: 0.9 },
  },
  csat: { id: 'csat', label: 'CSAT', unit: 'score', aggregation: 'mean', target: { op: '>=', value: 4.5 } },
  escalation_count: {
    id: 'escalation_count',
    label: 'Escalations',
    unit: 'count',
    aggregation: 'mean',
    target: null,
  },
  effort_variance: {
    id: 'effort_variance',
    label: 'Effort variance',
    unit: 'ratio',
    aggregation: 'pooled',
    target: { op: '<=', value: 0.1 },
  },
  asset_reuse: {
    id: 'asset_reuse',
    label: 'Playbook reuse',
    unit: 'rate',
    aggregation: 'mean',
    target: { op: '>=', value: 0.7 },
  },
  stakeholder_confidence: {
    id: 'stakeholder_confidence',
    label: 'Stakeholder confidence',
    unit: 'score',
    aggregation: 'mean',
    target: { op: '>=', value: 4 },
  },
  active_time_to_first_value_days: {
    id: 'active_time_to_first_value_days',
    label: 'Active time to first value',
    unit: 'days',
    aggregation: 'median',
    target: null,
  },
  active_time_to_live_days: {
    id: 'active_time_to_live_days',
    label: 'Active time to live',
    unit: 'days',
    aggregation: 'median',
    p90: true,
    target: null,
  },
  improvement_throughput: {
    id: 'improvement_throughput',
    label: 'Improvement throughput (91 days)',
    unit: 'count',
    aggregation: 'portfolio',
    target: { op: '>=', value: 1 },
  },
};

/** The KPIs that are a duration net of the days on hold, and the plain duration each is net of. */
export const ACTIVE_DURATIONS = {
  active_time_to_first_value_days: 'time_to_first_value_days',
  active_time_to_live_days: 'time_to_live_days',
} as const satisfies Partial<Record<KpiId, KpiId>>;

/** Days an improvement counts after its resolution: the 91 calendar days ending at asOf. */
export const IMPROVEMENT_WINDOW_DAYS = 91;

/** The KPIs an implementation has a value for (all but the portfolio-only ones). */
export const IMPLEMENTATION_KPI_IDS: readonly KpiId[] = KPI_IDS.filter(
  (id) => KPI_DEFINITIONS[id].aggregation !== 'portfolio',
);

/** KPI ids in reading order for people: each active_ duration right after its plain one. */
export function sideBySide(ids: readonly KpiId[]): KpiId[] {
  const activeOf = new Map<KpiId, KpiId>(
    (Object.entries(ACTIVE_DURATIONS) as [KpiId, KpiId][]).map(([active, plain]) => [plain, active]),
  );
  const actives = new Set(activeOf.values());
  const out: KpiId[] = [];
  for (const id of ids) {
    if (actives.has(id)) continue;
    out.push(id);
    const active = activeOf.get(id);
    if (active !== undefined && ids.includes(active)) out.push(active);
  }
  return out;
}
