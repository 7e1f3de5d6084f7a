// The implementations project page (jira:projectPage `runway-implementations`): resolver keys,
// payloads and answers. Shared by src/resolvers/implementations.ts and static/implementations.
// The project is always the one the page is open on (Forge context).
import { z } from 'zod';
import { isoDate } from './dates';
import { resolverResultSchema } from './result';

export const IMPLEMENTATIONS_KEYS = {
  getImplementations: 'getImplementations',
} as const;

export const HEALTHS = ['red', 'amber', 'green'] as const;
export const Health = z.enum(HEALTHS);
export type Health = z.infer<typeof Health>;

export const HealthReason = z.object({
  level: z.enum(['red', 'amber']),
  code: z.string(),
  issue: z.string(),
  message: z.string(),
});
export type HealthReason = z.infer<typeof HealthReason>;

export const ImplementationRow = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  statusCategory: z.string().nullable(),
  tier: z.string(),
  segment: z.string().nullable(),
  health: Health,
  /** Why it is red or amber (red first); empty when green. */
  reasons: z.array(HealthReason),
  nextMilestone: z
    .object({ key: z.string(), summary: z.string(), dueDate: isoDate.nullable(), late: z.boolean() })
    .nullable(),
  openHighRisks: z.number().int().min(0),
  gates: z.object({ passed: z.number().int(), failed: z.number().int(), total: z.number().int() }),
  /** Days from kickoff to go-live, or to today while not live; null without a kickoff. */
  timeToLiveDays: z.number().int().nullable(),
  live: z.boolean(),
});
export type ImplementationRow = z.infer<typeof ImplementationRow>;

export const ImplementationsView = z.object({
  project: z.string(),
  asOf: isoDate,
  implementations: z.array(ImplementationRow),
  /** Data warnings of the engine (unreadable values, ambiguous fields), worded for people. */
  warnings: z.array(z.string()),
});
export type ImplementationsView = z.infer<typeof ImplementationsView>;

export const GetImplementationsPayload = z.strictObject({});
export const GetImplementationsResult = resolverResultSchema(ImplementationsView);
