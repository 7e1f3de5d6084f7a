/**
 * How a site names things. Every default of shared/spec/data-model.md can be mapped to what a
 * site already uses (admin page, `runway kpis --config`). Unknown keys are refused (`strict`) so
 * a typo cannot silently fall back to a default. Names are matched case-insensitively.
 */
import { z } from 'zod';
import { boundedInt, TargetNumberSchema } from './bounds';
import { IsoDateSchema } from './dates';
import { KPI_DEFINITIONS, KPI_IDS, type KpiId, type KpiTarget } from './kpis/definitions';
import {
  DEFAULT_ENFORCEMENT,
  DEFAULT_GATES,
  EnforcementRuleSchema,
  GateDefinitionSchema,
  gateConfigProblems,
} from './gates/definitions';

const names = (defaults: string[]) => z.array(z.string().min(1)).default(defaults);
const name = (d: string) => z.string().min(1).default(d);

/** The logical fields of data-model.md, each found in `names` by this (default) name. */
export const LOGICAL_FIELDS = {
  contractSigned: 'Contract Signed',
  kickoff: 'Kickoff Date',
  firstValue: 'First Value Date',
  goLive: 'Go-Live Date',
  complexity: 'Complexity',
  segment: 'Segment',
  csat: 'CSAT',
  stakeholderConfidence: 'Stakeholder Confidence',
  probability: 'Probability',
  impact: 'Impact',
  baselineDue: 'Baseline Due',
  gateType: 'Gate Type',
  integrationRuns: 'Integration Runs',
  failedRuns: 'Failed Runs',
  recordsExpected: 'Records Expected',
  recordsReconciled: 'Records Reconciled',
} as const;
export type LogicalField = keyof typeof LOGICAL_FIELDS;
const fieldKeys = Object.keys(LOGICAL_FIELDS) as LogicalField[];

const FieldNamesSchema = z.strictObject(
  Object.fromEntries(fieldKeys.map((k) => [k, name(LOGICAL_FIELDS[k])])) as {
    [K in LogicalField]: ReturnType<typeof name>;
  },
);
/** Explicit field ids (`customfield_10351`) win over names. */
const FieldIdsSchema = z.strictObject(
  Object.fromEntries(fieldKeys.map((k) => [k, z.string().min(1).optional()])) as {
    [K in LogicalField]: z.ZodOptional<z.ZodString>;
  },
);

export const CHILD_KINDS = [
  'milestone',
  'risk',
  'assumption',
  'issue',
  'dependency',
  'changeRequest',
  'gate',
  'defect',
] as const;
/** Every child kind; `workItem` is whatever matches none of the issue type lists. */
export type ChildKind = (typeof CHILD_KINDS)[number] | 'workItem';

const IssueTypesSchema = z.strictObject({
  milestone: names(['Milestone']),
  risk: names(['Risk']),
  assumption: names(['Assumption']),
  issue: names(['Issue']),
  dependency: names(['Dependency']),
  changeRequest: names(['Change Request']),
  gate: names(['Gate']),
  defect: names(['Bug', 'Defect', 'Incident']),
});

const LabelsSchema = z.strictObject({
  firstValue: name('first-value'),
  goLive: name('go-live'),
  implementationCaused: name('implementation-caused'),
  uat: name('uat'),
  deliverable: name('deliverable'),
  integration: name('integration'),
  migration: name('migration'),
  escalation: name('escalation'),
  playbookPrefix: name('playbook:'),
  /** Continuous-improvement work (improvement_throughput), inside an implementation or not. */
  improvement: name('improvement'),
});

const GateTypesSchema = z.strictObject({
  designSignOff: name('Design Sign-off'),
  migrationReadiness: name('Migration Readiness'),
  uatReadiness: name('UAT Readiness'),
  goLiveReadiness: name('Go-Live Readiness'),
  handover: name('Handover'),
  hypercareExit: name('Hypercare Exit'),
});

export const KpiTargetSchema = z.strictObject({
  op: z.enum(['<=', '>=', '=']),
  value: z.union([TargetNumberSchema, z.record(z.string(), TargetNumberSchema)]),
});

/** Per KPI: a target, or `null` for "tracked, no target". Omitted = the default of kpis.md. */
const TargetsSchema = z.strictObject(
  Object.fromEntries(
    KPI_IDS.map((id) => [id, KpiTargetSchema.nullable().default(KPI_DEFINITIONS[id].target)]),
  ) as {
    [K in KpiId]: z.ZodDefault<z.ZodNullable<typeof KpiTargetSchema>>;
  },
);

// ---- alerts (shared/spec/alerts.md): each rule switched on or off, its days, and the scope ----
/** The alert rules, in the order alerts are listed (alerts.md's table). */
export const ALERT_RULES = [
  'raid_overdue',
  'milestone_late',
  'milestone_due_soon',
  'gate_ready_for_approval',
  'gate_waiting',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const AlertsConfigSchema = z.strictObject({
  /** Each rule on (default) or off. */
  rules: z
    .strictObject(
      Object.fromEntries(ALERT_RULES.map((r) => [r, z.boolean().default(true)])) as {
        [R in AlertRule]: z.ZodDefault<z.ZodBoolean>;
      },
    )
    .prefault({}),
  /** `milestone_due_soon`: due within this many business days (0 = due today only). */
  dueSoonBusinessDays: z.number().int().min(0).max(60).default(5),
  /** `gate_waiting`: ready for approval for more than this many calendar days. */
  gateWaitingDays: z.number().int().min(0).max(365).default(3),
  /** Project keys the daily alerts cover; empty = every project the app can browse. */
  projects: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'expected a project key'),
    )
    .default([]),
});
export type AlertsConfig = z.infer<typeof AlertsConfigSchema>;

export const RunwayConfigSchema = z
  .strictObject({
    /** Issue types that are implementations whatever their level or labels. */
    implementationTypes: names(['Implementation']),
    /** Label that makes a level-1 issue (an Epic) an implementation. */
    implementationLabel: name('implementation'),
    notStartedStatuses: names(['To Do', 'Backlog', 'Open', 'New']),
    goLiveStatuses: names(['Live', 'Hypercare']),
    /** Statuses that mean the implementation is paused: their days leave the active_ durations. */
    onHoldStatuses: names(['On Hold']),
    failedStatuses: names(['Failed', 'Rejected']),
    /** A change request is approved by its status… */
    approvedStatuses: names(['Approved']),
    /** …or its resolution. */
    approvedResolutions: names(['Approved', 'Done']),
    /** `statusCategory.key` that means done when there is no resolution date. */
    doneStatusCategory: name('done'),
    issueTypes: IssueTypesSchema.prefault({}),
    labels: LabelsSchema.prefault({}),
    gateTypes: GateTypesSchema.prefault({}),
    priorities: z.strictObject({ p1: names(['Highest']), p2: names(['High']) }).prefault({}),
    fieldNames: FieldNamesSchema.prefault({}),
    fieldIds: FieldIdsSchema.prefault({}),
    complexityTiers: names(['Standard', 'Advanced', 'Enterprise']),
    /** The tier of an implementation without (or with an unknown) Complexity. */
    defaultComplexity: name('Standard'),
    milestoneToleranceDays: boundedInt(0, 365, 'days').default(0),
    postGoLiveWindowDays: boundedInt(1, 3650, 'days').default(30),
    /** Days that are not business days besides weekends (time-to-kickoff). */
    holidays: z.array(IsoDateSchema).default([]),
    targets: TargetsSchema.prefault({}),
    /** Stage gates in order (src/domain/gates): criteria, approvers. Defaults: the six of product.md. */
    gates: z.array(GateDefinitionSchema).max(30).prefault(DEFAULT_GATES),
    /** Workflow statuses an implementation may enter only once these gates have passed. */
    enforcement: z.array(EnforcementRuleSchema).prefault(DEFAULT_ENFORCEMENT),
    /** Alerts (shared/spec/alerts.md): rules on/off, their days, the projects they cover. */
    alerts: AlertsConfigSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    for (const p of [
      ...gateConfigProblems(config.gates, config.enforcement),
      ...rateProblems(config.targets, config.gates),
    ])
      ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });
export type RunwayConfig = z.infer<typeof RunwayConfigSchema>;

type Problem = { path: Array<string | number>; message: string };
const RATE_MESSAGE = 'expected a percentage from 0 to 100';

/**
 * Rates are fractions (0.85 is 85 %): a rate target or threshold above 1 is a percentage typed
 * where a fraction belongs (85 would mean 8500 %), so it is refused, named as the page shows it.
 */
function rateProblems(
  targets: Partial<Record<KpiId, KpiTarget | null>>,
  gates: ReadonlyArray<z.infer<typeof GateDefinitionSchema>>,
): Problem[] {
  const problems: Problem[] = [];
  const check = (kpi: KpiId, t: KpiTarget | null | undefined, path: Array<string | number>) => {
    if (!t || KPI_DEFINITIONS[kpi].unit !== 'rate') return;
    if (typeof t.value === 'number') {
      if (t.value < 0 || t.value > 1) problems.push({ path: [...path, 'value'], message: RATE_MESSAGE });
      return;
    }
    for (const [tier, v] of Object.entries(t.value))
      if (v < 0 || v > 1) problems.push({ path: [...path, 'value', tier], message: RATE_MESSAGE });
  };
  for (const id of KPI_IDS) check(id, targets[id], ['targets', id]);
  gates.forEach((gate, g) =>
    gate.criteria.forEach((c, i) => {
      if ((c.kind === 'kpiAtTarget' || c.kind === 'eachItemAtTarget') && c.threshold)
        check(c.kpi, c.threshold, ['gates', g, 'criteria', i, 'threshold']);
    }),
  );
  return problems;
}
export type RunwayConfigInput = z.input<typeof RunwayConfigSchema>;
export type { KpiTarget };

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

let defaults: RunwayConfig | undefined;

/**
 * A config is parsed once or twice per process: zod's compiled fast path (`new Function` per
 * object schema) costs ~9 ms on the first parse and saves nothing on one parse, so it is skipped.
 */
const ONCE = { jitless: true } as const;

/** A fresh copy of the defaults (parsed once). */
export function defaultConfig(): RunwayConfig {
  defaults ??= RunwayConfigSchema.parse({}, ONCE);
  return structuredClone(defaults);
}

/** A config file's JSON (partial: omitted keys keep their defaults) → the full config. */
export function parseConfig(json: unknown): Result<RunwayConfig> {
  const r = RunwayConfigSchema.safeParse(json ?? {}, ONCE);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: r.error.issues.map(describeIssue).join('; ') };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return `unknown config key${issue.keys.length > 1 ? 's' : ''} ${keys}${issue.path.length > 0 ? ` in ${at}` : ''}`;
  }
  return `${at}: ${issue.message}`;
}
