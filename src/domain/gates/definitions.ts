/**
 * Gate definitions: which gates an implementation passes through, the criteria of each (computed
 * from the implementation's issues), who approves it, and which gates a workflow status needs.
 * Everything here is configuration (Settings page, `--config`), validated by zod; the defaults are
 * the six gates of shared/spec/product.md. No import of ../config (config imports this file).
 */
import { z } from 'zod';
import { TargetNumberSchema } from '../bounds';
import { KPI_IDS } from '../kpis/definitions';

/** The built-in gates; their display name (= the Gate Type value) is `config.gateTypes[id]`. */
export const BUILT_IN_GATE_IDS = [
  'designSignOff',
  'migrationReadiness',
  'uatReadiness',
  'goLiveReadiness',
  'handover',
  'hypercareExit',
] as const;
export type BuiltInGateId = (typeof BUILT_IN_GATE_IDS)[number];

/** Keys of `config.labels` a criterion may name, so renaming a label in Settings carries over. */
export const LABEL_KEYS = [
  'firstValue',
  'goLive',
  'implementationCaused',
  'uat',
  'deliverable',
  'integration',
  'migration',
  'escalation',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

export const GateIdSchema = z
  .string()
  .regex(
    /^[a-z][a-zA-Z0-9]{0,39}$/,
    'expected an id of letters and digits starting with a lower-case letter, e.g. securityReview',
  );

const LabelKeySchema = z.enum(LABEL_KEYS);
const title = z.string().trim().min(1).max(120).optional();
/** A threshold: a number, or one per complexity tier (`{ Standard: 0.9, Enterprise: 0.95 }`). */
const ThresholdSchema = z.strictObject({
  op: z.enum(['<=', '>=', '=']),
  value: z.union([TargetNumberSchema, z.record(z.string(), TargetNumberSchema)]),
});
export type Threshold = z.infer<typeof ThresholdSchema>;
/** What a criterion says when no issue is there to judge: nothing to check, or a failure. */
const whenNone = z.enum(['notApplicable', 'fail']).default('notApplicable');

export const CriterionSchema = z.discriminatedUnion('kind', [
  /** Every child with the label (and `alsoLabel`, when given) is done. */
  z.strictObject({
    kind: z.literal('itemsDone'),
    title,
    label: LabelKeySchema,
    alsoLabel: z.string().trim().min(1).optional(),
    whenNone,
  }),
  /** Children with the label exist (when whenNone = fail) and each has an assignee. */
  z.strictObject({ kind: z.literal('itemsAssigned'), title, label: LabelKeySchema, whenNone }),
  /** The implementation's KPI meets its target (config.targets, per tier) or the threshold given here. */
  z.strictObject({
    kind: z.literal('kpiAtTarget'),
    title,
    kpi: z.enum(KPI_IDS),
    threshold: ThresholdSchema.optional(),
  }),
  /** The KPI's ratio, computed for each item alone, meets the target on every item. */
  z.strictObject({
    kind: z.literal('eachItemAtTarget'),
    title,
    kpi: z.enum(['reconciliation_accuracy', 'integration_success_rate']),
    threshold: ThresholdSchema.optional(),
  }),
  /** No open defect with one of these priorities (and the label, when given). */
  z.strictObject({
    kind: z.literal('noOpenDefects'),
    title,
    priorities: z.array(z.enum(['p1', 'p2'])).min(1, 'choose at least one priority'),
    label: LabelKeySchema.optional(),
  }),
  /** No open risk scoring (probability × impact) at least minScore without a mitigation. */
  z.strictObject({
    kind: z.literal('noUnmitigatedRisks'),
    title,
    minScore: z.number().int().min(1).max(25).default(15),
    /** A risk in one of these statuses is being (or has been) mitigated. */
    mitigatedStatuses: z.array(z.string().min(1)).default(['Mitigating', 'Mitigated', 'Accepted']),
  }),
  /** Earlier gates of the list have passed. */
  z.strictObject({
    kind: z.literal('gatesPassed'),
    title,
    gates: z.array(GateIdSchema).min(1, 'choose at least one earlier gate'),
  }),
  /** A handover packet is linked: a remote link on the implementation, or a Confluence page as the gate's evidence. */
  z.strictObject({ kind: z.literal('handoverPacketLinked'), title }),
  /** At least `days` calendar days have passed since go-live. */
  z.strictObject({ kind: z.literal('daysSinceGoLive'), title, days: z.number().int().min(0).max(3650) }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;
export type CriterionInput = z.input<typeof CriterionSchema>;
export type CriterionKind = Criterion['kind'];

export const ApproversSchema = z.strictObject({
  /** Atlassian account ids. */
  users: z.array(z.string().trim().min(1).max(128)).default([]),
  /** Jira group names. */
  groups: z.array(z.string().trim().min(1).max(255)).default([]),
});
export type Approvers = z.infer<typeof ApproversSchema>;

export const GateDefinitionSchema = z.strictObject({
  id: GateIdSchema,
  /** Display name, also the Gate Type value of its Gate issue. Built-in gates default to config.gateTypes. */
  name: z.string().trim().min(1).max(80).optional(),
  /** Who signs. Nobody listed = the administrators of the implementation's project. */
  approvers: ApproversSchema.prefault({}),
  /** Distinct approvals needed (0 = the criteria alone pass the gate). */
  requiredApprovals: z.number().int().min(0).max(10).default(1),
  criteria: z.array(CriterionSchema).max(20).default([]),
});
export type GateDefinition = z.infer<typeof GateDefinitionSchema>;
export type GateDefinitionInput = z.input<typeof GateDefinitionSchema>;

/** A transition into `status` is refused while any of `requiredGates` has not passed. */
export const EnforcementRuleSchema = z.strictObject({
  status: z.string().trim().min(1),
  requiredGates: z.array(GateIdSchema).min(1, 'choose at least one gate'),
});
export type EnforcementRule = z.infer<typeof EnforcementRuleSchema>;

const BOTH_PRIORITIES: Array<'p1' | 'p2'> = ['p1', 'p2'];

/** The six gates of product.md, with criteria as issue 4 describes them. */
export const DEFAULT_GATES: GateDefinitionInput[] = [
  {
    id: 'designSignOff',
    criteria: [
      { kind: 'itemsDone', title: 'Design deliverables done', label: 'deliverable', alsoLabel: 'design' },
    ],
  },
  {
    id: 'migrationReadiness',
    criteria: [
      {
        kind: 'eachItemAtTarget',
        title: 'Reconciliation accuracy at target on every migration item',
        kpi: 'reconciliation_accuracy',
      },
      {
        kind: 'noOpenDefects',
        title: 'No open High/Highest migration defect',
        priorities: BOTH_PRIORITIES,
        label: 'migration',
      },
    ],
  },
  {
    id: 'uatReadiness',
    criteria: [
      { kind: 'kpiAtTarget', title: 'Integration success at target', kpi: 'integration_success_rate' },
      { kind: 'itemsAssigned', title: 'UAT items exist and are assigned', label: 'uat', whenNone: 'fail' },
    ],
  },
  {
    id: 'goLiveReadiness',
    criteria: [
      { kind: 'kpiAtTarget', title: 'UAT first-pass rate at target', kpi: 'uat_first_pass_rate' },
      { kind: 'itemsDone', title: 'Every UAT item done', label: 'uat', whenNone: 'fail' },
      { kind: 'noOpenDefects', title: 'No open Highest/High defect', priorities: BOTH_PRIORITIES },
      {
        kind: 'noUnmitigatedRisks',
        title: 'No open risk scoring 15 or more without a mitigation',
        minScore: 15,
      },
      {
        kind: 'kpiAtTarget',
        title: 'Documentation completeness at target',
        kpi: 'documentation_completeness',
      },
      {
        kind: 'gatesPassed',
        title: 'Earlier gates passed',
        gates: ['designSignOff', 'migrationReadiness', 'uatReadiness'],
      },
    ],
  },
  {
    id: 'handover',
    criteria: [
      {
        kind: 'kpiAtTarget',
        title: 'Documentation completeness at least 95%',
        kpi: 'documentation_completeness',
        threshold: { op: '>=', value: 0.95 },
      },
      { kind: 'handoverPacketLinked', title: 'Handover packet linked' },
    ],
  },
  {
    id: 'hypercareExit',
    criteria: [
      { kind: 'noOpenDefects', title: 'No open P1/P2 defect', priorities: BOTH_PRIORITIES },
      { kind: 'daysSinceGoLive', title: '30 days since go-live', days: 30 },
    ],
  },
];

export const DEFAULT_ENFORCEMENT: EnforcementRule[] = [
  {
    status: 'Live',
    requiredGates: ['designSignOff', 'migrationReadiness', 'uatReadiness', 'goLiveReadiness'],
  },
];

/**
 * Cross-checks a parsed gate list and its enforcement rules: unique ids, names for gates that are
 * not built in, `gatesPassed` naming earlier gates only (so gates evaluate in order, with no cycle),
 * enforcement naming known gates. Each problem comes with the path of the field it is about.
 */
export function gateConfigProblems(
  gates: readonly GateDefinition[],
  enforcement: readonly EnforcementRule[],
): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const seen = new Set<string>();
  const builtIn = new Set<string>(BUILT_IN_GATE_IDS);
  gates.forEach((gate, g) => {
    if (seen.has(gate.id))
      problems.push({ path: ['gates', g, 'id'], message: `gate id "${gate.id}" is used twice` });
    if (!builtIn.has(gate.id) && gate.name === undefined)
      problems.push({
        path: ['gates', g, 'name'],
        message: `gate "${gate.id}" is not built in, so it needs a name`,
      });
    gate.criteria.forEach((c, i) => {
      if (c.kind !== 'gatesPassed') return;
      c.gates.forEach((id, j) => {
        if (!seen.has(id)) {
          const why =
            id === gate.id
              ? 'a gate cannot require itself'
              : gates.some((x) => x.id === id)
                ? `"${id}" comes later in the list`
                : `there is no gate "${id}"`;
          problems.push({
            path: ['gates', g, 'criteria', i, 'gates', j],
            message: `earlier gates only: ${why}`,
          });
        }
      });
    });
    seen.add(gate.id);
  });
  enforcement.forEach((rule, r) => {
    rule.requiredGates.forEach((id, j) => {
      if (!seen.has(id))
        problems.push({ path: ['enforcement', r, 'requiredGates', j], message: `there is no gate "${id}"` });
    });
  });
  return problems;
}
