/**
 * The audit record of an implementation's gates: every sign-off, rejection, override and
 * evidence change, appended in order and never edited. The state of each gate (its approvals,
 * override and evidence) is a fold over these records, so the record is the only truth.
 */
import { z } from 'zod';
import { GateIdSchema } from './definitions';

export const GATE_STATUSES = ['passed', 'overridden', 'rejected', 'awaitingApproval', 'notReady'] as const;
/**
 * passed: criteria pass and approvals are in; overridden: an admin passed it with a reason;
 * rejected: an approver's latest word is a rejection; awaitingApproval: criteria pass, approvals
 * missing; notReady: a criterion fails.
 */
export type GateStatus = (typeof GATE_STATUSES)[number];
export const GateStatusSchema = z.enum(GATE_STATUSES);
export const isPassed = (status: GateStatus): boolean => status === 'passed' || status === 'overridden';

/** unchecked: the evidence it needs could not be checked (issue 10 item 6); shown, never a failure. */
export const CRITERION_STATUSES = ['pass', 'fail', 'notApplicable', 'unchecked'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

export const EVIDENCE_TYPES = ['url', 'confluencePage', 'jiraIssue'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const EvidenceSchema = z.strictObject({
  id: z.string().min(1).max(64),
  type: z.enum(EVIDENCE_TYPES),
  /** url: an http(s) URL; confluencePage: the page id; jiraIssue: the issue key. */
  target: z.string().min(1).max(2000),
  /**
   * A link's title, as the user gave it. Pages and issues are kept by reference only (their title is
   * resolved as the reader at read time: see visibility.ts); records written before that carry the
   * title they had when attached, which is never shown.
   */
  title: z.string().max(255).optional(),
  comment: z.string().max(2000),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Where a piece of evidence opens: its URL, the Jira issue, or the Confluence page, on the site. */
export function evidenceUrl(e: Pick<Evidence, 'type' | 'target'>, siteUrl: string): string {
  const site = siteUrl.replace(/\/+$/, '');
  if (e.type === 'url' || /^https?:\/\//i.test(e.target)) return e.target;
  if (e.type === 'jiraIssue') return `${site}/browse/${encodeURIComponent(e.target)}`;
  return `${site}/wiki/pages/viewpage.action?pageId=${encodeURIComponent(e.target)}`;
}

/** A criterion as it stood when someone acted: what they saw. */
export const CriterionSnapshotSchema = z.strictObject({
  title: z.string(),
  status: z.enum(CRITERION_STATUSES),
  detail: z.string(),
  issues: z.array(z.string()),
});
export type CriterionSnapshot = z.infer<typeof CriterionSnapshotSchema>;

/**
 * Who acted: an Atlassian account id, nothing else (names are looked up as the reader whenever
 * the record is shown: ../people.ts). Records written before kept the display name the person
 * had then: it is accepted and dropped when read, never shown. An account closed since is
 * replaced by an anonymous marker (../privacy.ts).
 */
export const ActorSchema = z
  .strictObject({ accountId: z.string().min(1).max(128), displayName: z.string().optional() })
  .transform(({ accountId }) => ({ accountId }));
export type Actor = z.output<typeof ActorSchema>;

const common = {
  /** ISO instant of the action (the resolver's clock). */
  at: z.iso.datetime({ offset: true }),
  by: ActorSchema,
  gateId: GateIdSchema,
  /** The gate's status just before the action. */
  gateStatus: GateStatusSchema,
  criteria: z.array(CriterionSnapshotSchema),
};
const comment = z.string().trim().max(2000);
const required = comment.min(1, 'a comment is required');

export const AuditRecordSchema = z.discriminatedUnion('action', [
  z.strictObject({ ...common, action: z.literal('approve'), comment }),
  z.strictObject({ ...common, action: z.literal('reject'), comment: required }),
  z.strictObject({ ...common, action: z.literal('override'), comment: required }),
  z.strictObject({ ...common, action: z.literal('addEvidence'), evidence: EvidenceSchema }),
  z.strictObject({ ...common, action: z.literal('removeEvidence'), evidenceId: z.string().min(1), comment }),
]);
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
/** A record as written, or as an older version stored it (see ActorSchema). */
export type AuditRecordInput = z.input<typeof AuditRecordSchema>;
export type AuditAction = AuditRecord['action'];

export interface Decision {
  by: Actor;
  at: string;
  comment: string;
}

export interface EvidenceEntry extends Evidence {
  addedBy: Actor;
  addedAt: string;
}

/** What the records say about one gate. */
export interface GateRecordState {
  /**
   * The approvals standing, each with its own text, oldest first: every approval of an approver
   * whose latest word is an approval, since their last rejection.
   */
  approvals: Decision[];
  /** Distinct approvers whose latest word is an approval: what counts towards the gate. */
  approvalCount: number;
  /** Each approver whose latest word is a rejection: that rejection. */
  rejections: Decision[];
  /** The override in force: the latest one not followed by a rejection. */
  override: Decision | null;
  /** Evidence attached and not removed, oldest first. */
  evidence: EvidenceEntry[];
}

const emptyState = (): GateRecordState => ({
  approvals: [],
  approvalCount: 0,
  rejections: [],
  override: null,
  evidence: [],
});

interface ApproverWord {
  approve: boolean;
  /** Their approvals since their last rejection, or that rejection. */
  decisions: Decision[];
}

/**
 * Folds the records (oldest first) into each gate's state. An approver's rejection replaces their
 * approvals, and a later approval their rejection; two approvals both stand, each with its text,
 * and count once. A rejection after an override ends the override (someone said no since).
 */
export function foldAudit(records: readonly AuditRecord[]): Map<string, GateRecordState> {
  const decisions = new Map<string, Map<string, ApproverWord>>();
  const states = new Map<string, GateRecordState>();
  const stateOf = (gateId: string) => {
    let s = states.get(gateId);
    if (!s) states.set(gateId, (s = emptyState()));
    return s;
  };
  for (const r of records) {
    const state = stateOf(r.gateId);
    switch (r.action) {
      case 'approve':
      case 'reject': {
        let byGate = decisions.get(r.gateId);
        if (!byGate) decisions.set(r.gateId, (byGate = new Map()));
        const decision = { by: r.by, at: r.at, comment: r.comment };
        const before = byGate.get(r.by.accountId);
        const approve = r.action === 'approve';
        byGate.set(r.by.accountId, {
          approve,
          decisions: approve && before?.approve ? [...before.decisions, decision] : [decision],
        });
        if (r.action === 'reject') state.override = null;
        break;
      }
      case 'override':
        state.override = { by: r.by, at: r.at, comment: r.comment };
        break;
      case 'addEvidence':
        state.evidence.push({ ...r.evidence, addedBy: r.by, addedAt: r.at });
        break;
      case 'removeEvidence':
        state.evidence = state.evidence.filter((e) => e.id !== r.evidenceId);
        break;
    }
  }
  for (const [gateId, byGate] of decisions) {
    const state = stateOf(gateId);
    for (const { approve, decisions: said } of byGate.values()) {
      if (approve) state.approvalCount += 1;
      (approve ? state.approvals : state.rejections).push(...said);
    }
    state.approvals.sort((a, b) => a.at.localeCompare(b.at));
    state.rejections.sort((a, b) => a.at.localeCompare(b.at));
  }
  return states;
}

export function gateRecordState(
  states: ReadonlyMap<string, GateRecordState>,
  gateId: string,
): GateRecordState {
  return states.get(gateId) ?? emptyState();
}
