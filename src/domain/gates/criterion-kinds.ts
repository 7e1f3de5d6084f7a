/**
 * The kinds of gate criterion as an admin picks them in Settings: each kind's name and what it
 * checks, in words, the parameters its form shows, and a new criterion of the kind with sensible
 * parameters (valid under CriterionSchema as soon as it is added).
 */
import { KPI_DEFINITIONS, type KpiId } from '../kpis/definitions';
import { LABEL_KEYS, type CriterionInput, type CriterionKind, type LabelKey } from './definitions';

/** A parameter of a criterion, as its form field shows it. */
export type CriterionParameter =
  | 'label'
  | 'alsoLabel'
  | 'whenNone'
  | 'kpi'
  | 'threshold'
  | 'priorities'
  | 'minScore'
  | 'mitigatedStatuses'
  | 'gates'
  | 'days';

export interface CriterionKindInfo {
  kind: CriterionKind;
  /** What the admin picks: "Items with a label are done". */
  name: string;
  /** One sentence: what passes. */
  help: string;
  parameters: readonly CriterionParameter[];
}

export const CRITERION_KINDS: readonly CriterionKindInfo[] = [
  {
    kind: 'itemsDone',
    name: 'Items with a label are done',
    help: 'Every child issue with the label (and the second label, when given) is done.',
    parameters: ['label', 'alsoLabel', 'whenNone'],
  },
  {
    kind: 'itemsAssigned',
    name: 'Items with a label are assigned',
    help: 'Every child issue with the label has an assignee.',
    parameters: ['label', 'whenNone'],
  },
  {
    kind: 'kpiAtTarget',
    name: 'A KPI is at its target',
    help: "The implementation's KPI meets its target (KPI targets tab), or the threshold given here.",
    parameters: ['kpi', 'threshold'],
  },
  {
    kind: 'eachItemAtTarget',
    name: 'A KPI is at its target on every item',
    help: 'The KPI, computed for each migration or integration item alone, meets the target on every one.',
    parameters: ['kpi', 'threshold'],
  },
  {
    kind: 'noOpenDefects',
    name: 'No open defect of a priority',
    help: 'No defect with one of these priorities (and the label, when given) is open.',
    parameters: ['priorities', 'label'],
  },
  {
    kind: 'noUnmitigatedRisks',
    name: 'No high risk without a mitigation',
    help: 'No open risk scoring (probability × impact) at least the score is outside a mitigation status.',
    parameters: ['minScore', 'mitigatedStatuses'],
  },
  {
    kind: 'gatesPassed',
    name: 'Earlier gates have passed',
    help: 'Each chosen gate, earlier in the list, has passed.',
    parameters: ['gates'],
  },
  {
    kind: 'handoverPacketLinked',
    name: 'A handover packet is linked',
    help: "Runway's handover packet page is linked from the implementation, or added as the gate's evidence.",
    parameters: [],
  },
  {
    kind: 'daysSinceGoLive',
    name: 'Days have passed since go-live',
    help: 'At least this many calendar days have passed since the implementation went live.',
    parameters: ['days'],
  },
];

export const criterionKindInfo = (kind: CriterionKind): CriterionKindInfo =>
  CRITERION_KINDS.find((k) => k.kind === kind) ?? CRITERION_KINDS[0];

/** The configurable labels (`config.labels`), in words. */
export const LABEL_WORDS: Readonly<Record<LabelKey | 'playbookPrefix' | 'improvement', string>> = {
  firstValue: 'First value',
  goLive: 'Go-live',
  implementationCaused: 'Caused by the implementation',
  uat: 'UAT',
  deliverable: 'Deliverable',
  integration: 'Integration',
  migration: 'Migration',
  escalation: 'Escalation',
  playbookPrefix: 'Playbook prefix',
  improvement: 'Improvement',
};

/** The labels a criterion may name, in the order Settings lists them. */
export const CRITERION_LABELS: readonly LabelKey[] = LABEL_KEYS;

/** What a criterion says when there is no item to judge. */
export const WHEN_NONE_WORDS = {
  notApplicable: 'Nothing to check (not applicable)',
  fail: 'The criterion fails',
} as const;

/** KPIs `eachItemAtTarget` can compute for one item alone. */
export const PER_ITEM_KPIS = ['reconciliation_accuracy', 'integration_success_rate'] as const;

/**
 * A new criterion of `kind`: the first label, KPI or earlier gate, both defect priorities, the
 * default score and days. `earlierGates` are the ids before the criterion's gate (gatesPassed
 * needs at least one; with none it names none and its form says why).
 */
export function newCriterion(kind: CriterionKind, earlierGates: readonly string[]): CriterionInput {
  const title = criterionKindInfo(kind).name;
  switch (kind) {
    case 'itemsDone':
    case 'itemsAssigned':
      return { kind, title, label: 'deliverable' };
    case 'kpiAtTarget':
      return { kind, title, kpi: firstKpiWithTarget() };
    case 'eachItemAtTarget':
      return { kind, title, kpi: PER_ITEM_KPIS[0] };
    case 'noOpenDefects':
      return { kind, title, priorities: ['p1', 'p2'] };
    case 'noUnmitigatedRisks':
      return { kind, title, minScore: 15 };
    case 'gatesPassed':
      return { kind, title, gates: earlierGates.slice(-1) };
    case 'handoverPacketLinked':
      return { kind, title };
    case 'daysSinceGoLive':
      return { kind, title, days: 30 };
  }
}

function firstKpiWithTarget(): KpiId {
  const found = Object.values(KPI_DEFINITIONS).find((d) => d.target !== null);
  return found?.id ?? 'on_time_milestone_rate';
}

/**
 * The id of a new gate named `name` (ids are letters and digits, starting lower-case, at most 40):
 * "Security review" → `securityReview`; a second one `securityReview2`. An admin names gates; the
 * id only has to be stable and unique.
 */
export function gateIdFor(name: string, taken: readonly string[]): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  let base = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  if (!/^[a-z]/.test(base)) base = `gate${base.charAt(0).toUpperCase()}${base.slice(1)}`;
  base = base.slice(0, 36);
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}
