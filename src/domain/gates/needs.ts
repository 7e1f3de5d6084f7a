/**
 * What data a set of gates needs to be evaluated, worked out from their criteria, so the workflow
 * validator reads only that (issue 10 item 6: "it reads only what the required gates' criteria
 * need, not a full changelog export per transition"): which gates (the required ones and the
 * earlier gates their "earlier gates passed" criteria name), which fields of the implementation and
 * its children, whose changelog and of which fields (none unless a criterion reads history),
 * whether remote links and attached Confluence pages are read. Pure: the app fetches the plan.
 */
import { CHILD_KINDS, type ChildKind, type LogicalField, type RunwayConfig } from '../config';
import { hasLabel, nameSet } from '../fields';
import { isObject, readLabels, type JiraIssue } from '../issue-json';
import type { KpiId } from '../kpis/definitions';
import type { Criterion, LabelKey } from './definitions';

/** The changelog fields the engine follows (domain/history.ts). */
export type HistoryField = 'status' | 'resolution' | 'duedate';

/** Children whose changelog is read: every child, or those with one of the labels or kinds. */
export interface ChildHistory {
  fields: HistoryField[];
  all: boolean;
  labels: LabelKey[];
  kinds: ChildKind[];
}

export interface GateReadPlan {
  /** Gate ids to evaluate, in config order. */
  gates: string[];
  /** Whether the children are read at all (an implementation alone answers some criteria). */
  children: boolean;
  /** Custom fields of data-model.md, found by name on the site (or by config.fieldIds). */
  fields: LogicalField[];
  /** System fields; always enough to classify issues and tell done from open. */
  systemFields: string[];
  /** Changelog of the implementation itself (derived kickoff and go-live, on-hold spells). */
  implementationHistory: HistoryField[];
  childHistory: ChildHistory;
  /** The implementation's remote links (a handover packet linked from it). */
  remoteLinks: boolean;
  /** Gates whose attached Confluence pages a criterion reads; other evidence is never looked up. */
  evidenceGates: string[];
}

/** Always read: what tells an implementation from its children, their kind, and done from open. */
export const BASE_SYSTEM_FIELDS = [
  'issuetype',
  'labels',
  'parent',
  'created',
  'status',
  'resolution',
  'resolutiondate',
] as const;
/** Always read: the tier (thresholds per tier) and the Gate Type (which child is which gate's issue). */
const BASE_FIELDS: LogicalField[] = ['complexity', 'gateType'];

interface Need {
  fields?: LogicalField[];
  system?: string[];
  implementationHistory?: HistoryField[];
  childHistory?: Partial<ChildHistory>;
}

const GO_LIVE: Need = { fields: ['goLive'], implementationHistory: ['status'] };
const KICKOFF: Need = { fields: ['kickoff'], implementationHistory: ['status'] };

/** What each KPI reads (domain/kpis/implementation-kpis.ts and the lifecycle dates it uses). */
const KPI_NEEDS: Record<KpiId, Need[]> = {
  time_to_kickoff_bdays: [KICKOFF, { fields: ['contractSigned'] }],
  time_to_first_value_days: [KICKOFF, { fields: ['firstValue'] }],
  time_to_live_days: [KICKOFF, GO_LIVE],
  active_time_to_first_value_days: [KICKOFF, { fields: ['firstValue'] }],
  active_time_to_live_days: [KICKOFF, GO_LIVE],
  on_time_milestone_rate: [
    {
      fields: ['baselineDue'],
      system: ['duedate'],
      childHistory: { fields: ['duedate'], kinds: ['milestone'] },
    },
  ],
  rework_rate: [{ childHistory: { fields: ['resolution'], all: true } }],
  uat_first_pass_rate: [{ childHistory: { fields: ['status', 'resolution'], labels: ['uat'] } }],
  integration_success_rate: [{ fields: ['integrationRuns', 'failedRuns'] }],
  reconciliation_accuracy: [{ fields: ['recordsExpected', 'recordsReconciled'] }],
  documentation_completeness: [],
  effort_variance: [{ system: ['timeoriginalestimate', 'timespent'] }],
  scope_change_count: [],
  escalation_count: [],
  defect_escape_count: [GO_LIVE],
  post_golive_p1_count: [GO_LIVE, { system: ['priority'] }],
  post_golive_p2_count: [GO_LIVE, { system: ['priority'] }],
  handover_first_pass: [{ childHistory: { fields: ['status', 'resolution'], kinds: ['gate'] } }],
  csat: [{ fields: ['csat'] }],
  stakeholder_confidence: [{ fields: ['stakeholderConfidence'] }],
  asset_reuse: [],
  improvement_throughput: [], // a portfolio KPI: null for one implementation
};

function criterionNeeds(c: Criterion): Need[] {
  switch (c.kind) {
    case 'itemsDone':
    case 'gatesPassed':
      return [];
    case 'itemsAssigned':
      return [{ system: ['assignee'] }];
    case 'kpiAtTarget':
    case 'eachItemAtTarget':
      return KPI_NEEDS[c.kpi];
    case 'noOpenDefects':
      return [{ system: ['priority'] }];
    case 'noUnmitigatedRisks':
      return [{ fields: ['probability', 'impact'] }];
    case 'handoverPacketLinked':
      return [];
    case 'daysSinceGoLive':
      return [GO_LIVE];
  }
}

/** The gates `required` needs evaluated: themselves and, transitively, the gates they require passed. */
export function gatesToEvaluate(required: readonly string[], config: RunwayConfig): string[] {
  const wanted = new Set<string>();
  const visit = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    const def = config.gates.find((g) => g.id === id);
    for (const c of def?.criteria ?? []) if (c.kind === 'gatesPassed') c.gates.forEach(visit);
  };
  required.forEach(visit);
  return config.gates.filter((g) => wanted.has(g.id)).map((g) => g.id);
}

const union = <T>(a: readonly T[], b: readonly T[] = []): T[] => [...new Set([...a, ...b])];

/** What evaluating the gates `required` (and those they need passed) reads. */
export function gateReadPlan(required: readonly string[], config: RunwayConfig): GateReadPlan {
  const gates = gatesToEvaluate(required, config);
  const plan: GateReadPlan = {
    gates,
    children: false,
    fields: [...BASE_FIELDS],
    systemFields: [...BASE_SYSTEM_FIELDS],
    implementationHistory: [],
    childHistory: { fields: [], all: false, labels: [], kinds: [] },
    remoteLinks: false,
    evidenceGates: [],
  };
  for (const def of config.gates) {
    if (!gates.includes(def.id)) continue;
    for (const c of def.criteria) {
      // Every criterion but the handover packet's reads children (go-live may come from a milestone).
      if (c.kind !== 'handoverPacketLinked' && c.kind !== 'gatesPassed') plan.children = true;
      if (c.kind === 'handoverPacketLinked') {
        plan.remoteLinks = true;
        plan.evidenceGates = union(plan.evidenceGates, [def.id]);
      }
      for (const need of criterionNeeds(c)) {
        plan.fields = union(plan.fields, need.fields);
        plan.systemFields = union(plan.systemFields, need.system);
        plan.implementationHistory = union(plan.implementationHistory, need.implementationHistory);
        const h = need.childHistory;
        if (!h) continue;
        const ch = plan.childHistory;
        ch.fields = union(ch.fields, h.fields);
        ch.all ||= h.all === true;
        ch.labels = union(ch.labels, h.labels);
        ch.kinds = union(ch.kinds, h.kinds);
      }
    }
  }
  return plan;
}

/** The changelog fields to fetch for `issue` under `plan` (none: no changelog for it). */
export function historyFieldsFor(
  issue: JiraIssue,
  implementationKey: string,
  plan: GateReadPlan,
  config: RunwayConfig,
): HistoryField[] {
  if (issue.key === implementationKey) return plan.implementationHistory;
  const h = plan.childHistory;
  if (h.fields.length === 0) return [];
  if (h.all) return h.fields;
  const labels = readLabels(issue.fields.labels);
  if (h.labels.some((key) => hasLabel(labels, config.labels[key]))) return h.fields;
  const type = issue.fields.issuetype;
  const typeName = isObject(type) && typeof type.name === 'string' ? type.name : '';
  const kind = CHILD_KINDS.find((k) => nameSet(config.issueTypes[k]).has(typeName.toLowerCase()));
  return kind !== undefined && h.kinds.includes(kind) ? h.fields : [];
}
