// The Stage gates issue panel (jira:issuePanel `runway-stage-gates`): resolver keys, payloads and
// answers. Shared by src/resolvers/stage-gates.ts and static/stage-gates. The implementation is
// always the issue the panel is on (from Forge's context), never one named in a payload.
import { z } from 'zod';
import { ISSUE_KEY_PATTERN } from '../domain/issue-key';
import { isoDate } from './dates';
import { resolverResultSchema } from './result';

export const STAGE_GATES_KEYS = {
  getGates: 'getGates',
  signGate: 'signGate',
  overrideGate: 'overrideGate',
  addEvidence: 'addEvidence',
  removeEvidence: 'removeEvidence',
} as const;

const gateId = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'expected a gate id such as goLiveReadiness');
const comment = z.string().trim().max(2000, 'is longer than 2000 characters');
/** Criteria are evaluated as of this date (default: today, UTC). */
const asOf = isoDate.optional();

export const GetGatesPayload = z.strictObject({ asOf });
export type GetGatesPayload = z.infer<typeof GetGatesPayload>;

export const SignGatePayload = z
  .strictObject({ gateId, decision: z.enum(['approve', 'reject']), comment: comment.default(''), asOf })
  .refine((p) => p.decision === 'approve' || p.comment !== '', {
    path: ['comment'],
    message: 'a rejection needs a comment saying why',
  });
export type SignGatePayload = z.input<typeof SignGatePayload>;

export const OverrideGatePayload = z.strictObject({
  gateId,
  reason: comment.min(1, 'an override needs a reason'),
  asOf,
});
export type OverrideGatePayload = z.input<typeof OverrideGatePayload>;

export const EvidenceInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('url'),
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((u) => /^https?:\/\/[^\s/]+/i.test(u) && URL.canParse(u), 'expected an http(s) URL'),
    title: z.string().trim().max(255).default(''),
  }),
  /** A page id, or the page's URL. */
  z.strictObject({
    type: z.literal('confluencePage'),
    page: z.string().trim().min(1, 'give the page URL or id').max(2000),
  }),
  z.strictObject({
    type: z.literal('jiraIssue'),
    issueKey: z
      .string()
      .trim()
      .toUpperCase()
      .regex(ISSUE_KEY_PATTERN, 'expected an issue key such as IMP-12'),
  }),
]);
export type EvidenceInput = z.input<typeof EvidenceInput>;

export const AddEvidencePayload = z.strictObject({
  gateId,
  evidence: EvidenceInput,
  comment: comment.default(''),
  asOf,
});
export type AddEvidencePayload = z.input<typeof AddEvidencePayload>;

export const RemoveEvidencePayload = z.strictObject({
  gateId,
  evidenceId: z.string().min(1).max(64),
  comment: comment.default(''),
  asOf,
});
export type RemoveEvidencePayload = z.input<typeof RemoveEvidencePayload>;

export const Person = z.object({ accountId: z.string(), displayName: z.string() });
export type Person = z.infer<typeof Person>;

export const CriterionView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['pass', 'fail', 'notApplicable', 'unchecked']),
  detail: z.string(),
  /** Every issue the criterion looked at (links in the panel). */
  issues: z.array(z.string()),
  /** Of those, the ones that make it fail. */
  failing: z.array(z.string()),
});
export type CriterionView = z.infer<typeof CriterionView>;

export const DecisionView = z.object({ by: Person, at: z.string(), comment: z.string() });
export type DecisionView = z.infer<typeof DecisionView>;

export const EvidenceView = z.object({
  id: z.string(),
  type: z.enum(['url', 'confluencePage', 'jiraIssue']),
  /** The URL, page id or issue key; null when the viewer cannot see it. */
  target: z.string().nullable(),
  /** As the viewer sees it now: the link's title, the page's or issue's title, or "an item you cannot see". */
  title: z.string(),
  /** Where it opens; null when it is missing. */
  url: z.string().nullable(),
  comment: z.string(),
  addedBy: Person,
  addedAt: z.string(),
  /** The page or issue was deleted, or the viewer cannot see it (no key, no title). */
  missing: z.boolean(),
  /** Why it could not be checked (a Confluence 403 or 404, no Confluence): "could not check", never a failure. */
  unchecked: z.string().nullable(),
  /** The viewer added it, or administers the project, and may edit the implementation. */
  canRemove: z.boolean(),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

export const GATE_STATUSES = ['passed', 'overridden', 'rejected', 'awaitingApproval', 'notReady'] as const;
export type GateStatusView = (typeof GATE_STATUSES)[number];

export const GateView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(GATE_STATUSES),
  criteria: z.array(CriterionView),
  /** Configured approvers; both empty = the project's administrators. */
  approvers: z.object({ users: z.array(z.string()), groups: z.array(z.string()) }),
  requiredApprovals: z.number().int().min(0),
  /** Every approval standing, each with its own text. */
  approvals: z.array(DecisionView),
  /** Distinct approvers whose latest word is an approval (what counts). */
  approvalCount: z.number().int().min(0),
  rejections: z.array(DecisionView),
  override: DecisionView.nullable(),
  evidence: z.array(EvidenceView),
  gateIssue: z.object({ key: z.string(), done: z.boolean(), status: z.string().nullable() }).nullable(),
  /** Statuses a transition into which needs this gate. */
  requiredFor: z.array(z.string()),
  /** What the viewer may do here: reject (canSign), approve (not on a passed gate), override. */
  canSign: z.boolean(),
  canApprove: z.boolean(),
  canOverride: z.boolean(),
});
export type GateView = z.infer<typeof GateView>;

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  by: Person,
  gateId: z.string(),
  gateName: z.string(),
  action: z.enum(['approve', 'reject', 'override', 'addEvidence', 'removeEvidence']),
  comment: z.string(),
  /** For evidence changes: what was attached or removed, as the viewer sees it now. */
  evidence: z
    .object({ type: z.string(), target: z.string().nullable(), title: z.string(), hidden: z.boolean() })
    .nullable(),
  gateStatus: z.enum(GATE_STATUSES),
  criteria: z.array(
    z.object({
      title: z.string(),
      status: z.enum(['pass', 'fail', 'notApplicable', 'unchecked']),
      detail: z.string(),
      issues: z.array(z.string()),
    }),
  ),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const GatesPanel = z.object({
  asOf: isoDate,
  /** null when the issue is not an implementation (the panel shows an empty state). */
  implementation: z.object({ key: z.string(), summary: z.string() }).nullable(),
  gates: z.array(GateView),
  /** Newest first. */
  audit: z.array(AuditEntryView),
  viewer: z.object({ accountId: z.string(), canEditEvidence: z.boolean() }),
  warnings: z.array(z.string()),
});
export type GatesPanel = z.infer<typeof GatesPanel>;

export const GateActionResult = z.object({
  panel: GatesPanel,
  /** What else happened (the Gate issue resolved or reopened, or why it could not be). */
  notice: z.string().nullable(),
});
export type GateActionResult = z.infer<typeof GateActionResult>;

export const GetGatesResult = resolverResultSchema(GatesPanel);
export type GetGatesResult = z.infer<typeof GetGatesResult>;
export const GateActionAnswer = resolverResultSchema(GateActionResult);
export type GateActionAnswer = z.infer<typeof GateActionAnswer>;
