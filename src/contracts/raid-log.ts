// The RAID log issue panel (jira:issuePanel `runway-raid-log`): resolver keys, payloads and
// answers. Shared by src/resolvers/raid-log.ts and static/raid-log. The implementation is always
// the issue the panel is open on (from the Forge context), never a key the frame sends.
import { z } from 'zod';
import { ISSUE_KEY_PATTERN } from '../domain/issue-key';
import { isoDate } from './dates';
import { resolverResultSchema } from './result';

export const RAID_LOG_KEYS = {
  getRaidLog: 'getRaidLog',
  createRaidItem: 'createRaidItem',
  updateRaidItem: 'updateRaidItem',
  getRaidTransitions: 'getRaidTransitions',
  searchOwners: 'searchOwners',
} as const;

export const RAID_KINDS = ['risk', 'assumption', 'issue', 'dependency'] as const;
export const RaidKind = z.enum(RAID_KINDS);
export type RaidKind = z.infer<typeof RaidKind>;

export const RAID_KIND_LABELS: Record<RaidKind, string> = {
  risk: 'Risk',
  assumption: 'Assumption',
  issue: 'Issue',
  dependency: 'Dependency',
};

const issueKey = z.string().regex(ISSUE_KEY_PATTERN, 'expected an issue key such as IMP-12');
const scale = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be from 1 to 5')
  .max(5, 'must be from 1 to 5');
const accountId = z.string().min(1).max(128);

export const RaidOwner = z.object({ accountId: z.string().nullable(), displayName: z.string().nullable() });
export type RaidOwner = z.infer<typeof RaidOwner>;

export const ScoreBand = z.enum(['critical', 'high', 'medium', 'low']);
export type ScoreBand = z.infer<typeof ScoreBand>;

export const RaidItem = z.object({
  key: z.string(),
  kind: RaidKind,
  summary: z.string(),
  status: z.string().nullable(),
  statusCategory: z.string().nullable(),
  done: z.boolean(),
  owner: RaidOwner.nullable(),
  probability: z.number().nullable(),
  impact: z.number().nullable(),
  score: z.number().nullable(),
  band: ScoreBand.nullable(),
  dueDate: isoDate.nullable(),
  created: isoDate.nullable(),
  ageDays: z.number().nullable(),
  overdue: z.boolean(),
  overdueDays: z.number(),
});
export type RaidItem = z.infer<typeof RaidItem>;

export const RaidCounts = z.object({
  openHighRisks: z.number().int(),
  overdue: z.number().int(),
  open: z.number().int(),
  total: z.number().int(),
});

export const RaidLogView = z.object({
  /** False when the panel is open on an issue that is not an implementation (or one the user cannot see). */
  isImplementation: z.boolean(),
  implementation: z.object({ key: z.string(), summary: z.string() }),
  asOf: isoDate,
  items: z.array(RaidItem),
  /** heatMap[p − 1][i − 1]: open items with probability p and impact i. */
  heatMap: z.array(z.array(z.number().int())),
  /** heatMapBands[p − 1][i − 1]: the score band of the cell (src/domain/raid), for its colour. */
  heatMapBands: z.array(z.array(ScoreBand)),
  counts: RaidCounts,
  /** Kinds the site has an issue type for (what can be created). */
  creatableKinds: z.array(RaidKind),
  /** What the user may do here (Jira's permissions in the project). */
  canCreate: z.boolean(),
  canEdit: z.boolean(),
  canTransition: z.boolean(),
  canAssign: z.boolean(),
  /** Whether the site has the Probability / Impact fields (else they cannot be edited). */
  hasProbability: z.boolean(),
  hasImpact: z.boolean(),
  warnings: z.array(z.string()),
});
export type RaidLogView = z.infer<typeof RaidLogView>;

export const GetRaidLogPayload = z.strictObject({});
export type GetRaidLogPayload = z.infer<typeof GetRaidLogPayload>;
export const GetRaidLogResult = resolverResultSchema(RaidLogView);

export const CreateRaidItemPayload = z.strictObject({
  kind: RaidKind,
  summary: z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
  probability: scale.nullable().optional(),
  impact: scale.nullable().optional(),
  ownerAccountId: accountId.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
});
export type CreateRaidItemPayload = z.infer<typeof CreateRaidItemPayload>;
export const CreateRaidItemResult = resolverResultSchema(RaidItem);

/** One field edited in place. Status changes name the transition to take. */
export const UpdateRaidItemPayload = z.discriminatedUnion('field', [
  z.strictObject({ key: issueKey, field: z.literal('probability'), value: scale.nullable() }),
  z.strictObject({ key: issueKey, field: z.literal('impact'), value: scale.nullable() }),
  z.strictObject({ key: issueKey, field: z.literal('owner'), value: accountId.nullable() }),
  z.strictObject({ key: issueKey, field: z.literal('dueDate'), value: isoDate.nullable() }),
  z.strictObject({
    key: issueKey,
    field: z.literal('status'),
    value: z.string().regex(/^\d+$/, 'expected a transition id'),
  }),
]);
export type UpdateRaidItemPayload = z.infer<typeof UpdateRaidItemPayload>;
export const UpdateRaidItemResult = resolverResultSchema(RaidItem);

export const GetRaidTransitionsPayload = z.strictObject({ key: issueKey });
export const RaidTransition = z.object({ id: z.string(), name: z.string(), to: z.string() });
export type RaidTransition = z.infer<typeof RaidTransition>;
export const RaidTransitions = z.array(RaidTransition);
export const GetRaidTransitionsResult = resolverResultSchema(RaidTransitions);

export const SearchOwnersPayload = z.strictObject({ query: z.string().max(100) });
export const Owners = z.array(z.object({ accountId: z.string(), displayName: z.string() }));
export type Owners = z.infer<typeof Owners>;
export const SearchOwnersResult = resolverResultSchema(Owners);
