// The implementations project page (jira:projectPage `runway-implementations`): resolver keys,
// payloads and answers. Shared by src/resolvers/implementations.ts and static/implementations.
// The project is always the one the page is open on (Forge context).
import { z } from 'zod';
import { StartInputSchema } from '../domain/playbooks/start-input';
import { isoDate } from './dates';
import { resolverResultSchema } from './result';
import { PROJECT_KEY_PATTERN } from '../domain/issue-key';

export const IMPLEMENTATIONS_KEYS = {
  getImplementations: 'getImplementations',
  /** Templates, tiers, segments and whether the user may create in the project. */
  getStartOptions: 'getStartOptions',
  /** The issues "Start from playbook" would create, and anything that stops it. */
  previewStart: 'previewStart',
  /** Creates them as the user; a retried request (same requestId) never creates twice. */
  startImplementation: 'startImplementation',
} as const;

/** What Forge tells the page's resolver: the project it is open on. */
export const ImplementationsPageContext = z.object({
  extension: z.object({ project: z.object({ key: z.string().regex(PROJECT_KEY_PATTERN) }) }),
});
export const NO_PROJECT_ERROR =
  'The implementations page needs the project it is open on (no project in the Forge context).';

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
  /** Kickoff (the date, else the planned date): where the timeline's bar starts. */
  kickoff: isoDate.nullable(),
  /** The milestones, for the timeline's markers. */
  milestones: z.array(
    z.object({ key: z.string(), summary: z.string(), dueDate: isoDate.nullable(), done: z.boolean() }),
  ),
  /** Forecast go-live (src/domain/forecast, FORECAST_RULE). */
  forecast: z.object({
    date: isoDate.nullable(),
    baseline: isoDate.nullable(),
    projectedLate: z.boolean(),
    lateByDays: z.number().int().min(0),
    explanation: z.string(),
  }),
});
export type ImplementationRow = z.infer<typeof ImplementationRow>;

/** The forecast rule, as the page states it. */
export { FORECAST_RULE } from '../domain/forecast/forecast';
/** The timeline tab draws the domain's layout. */
export { timelineLayout } from '../domain/timeline/timeline';
export { milestoneWords, timelineRowText } from '../domain/timeline/words';

export const ImplementationsView = z.object({
  project: z.string(),
  asOf: isoDate,
  implementations: z.array(ImplementationRow),
  /** How many implementations the project has in all (this answer holds one page of them). */
  total: z.number().int().min(0),
  /** Asks for the next page (`cursor` of the payload); null on the last page. */
  nextCursor: z.string().nullable(),
  /** Data warnings of the engine (unreadable values, ambiguous fields), worded for people. */
  warnings: z.array(z.string()),
});
export type ImplementationsView = z.infer<typeof ImplementationsView>;

/** One page per call: a whole project with its changelogs does not fit one 25 s invocation. */
export const GetImplementationsPayload = z.strictObject({ cursor: z.string().regex(/^\d+$/).optional() });
export type GetImplementationsPayload = z.infer<typeof GetImplementationsPayload>;
export const GetImplementationsResult = resolverResultSchema(ImplementationsView);

// ---- Start from playbook ------------------------------------------------------------------------

export const StartTemplate = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** What starting from it creates besides the epic (counts for the default tier). */
  creates: z.object({
    milestones: z.number().int(),
    gates: z.number().int(),
    workItems: z.number().int(),
  }),
});
export type StartTemplate = z.infer<typeof StartTemplate>;

export const StartOptions = z.object({
  project: z.string(),
  templates: z.array(StartTemplate),
  tiers: z.array(z.string()),
  defaultTier: z.string(),
  segments: z.array(z.string()),
  canCreate: z.boolean(),
  /** Why the user cannot start an implementation here (null when they can). */
  cannotCreateReason: z.string().nullable(),
});
export type StartOptions = z.infer<typeof StartOptions>;
export const GetStartOptionsPayload = z.strictObject({});

/** The form: template, summary, tier, segment, kickoff and (optional) contract signature dates. */
export const StartRequest = StartInputSchema;
export type StartRequest = z.infer<typeof StartRequest>;

export const PLANNED_KINDS = ['implementation', 'milestone', 'gate', 'workItem'] as const;
export const PlannedIssueView = z.object({
  ref: z.string(),
  kind: z.enum(PLANNED_KINDS),
  summary: z.string(),
  /** The Jira issue type it will be created as. */
  issueType: z.string(),
  labels: z.array(z.string()),
  dueDate: isoDate.nullable(),
  /** Custom fields by their name on the site (Kickoff Date, Complexity, Baseline Due, Gate Type…). */
  fields: z.record(z.string(), z.string()),
});
export type PlannedIssueView = z.infer<typeof PlannedIssueView>;

export const StartPreview = z.object({
  templateId: z.string(),
  templateTitle: z.string(),
  epic: PlannedIssueView,
  children: z.array(PlannedIssueView),
  /** Worth knowing, not blocking (a target the dates miss…). */
  warnings: z.array(z.string()),
  /** What stops creating it (no permission, a missing issue type or field, an existing namesake). */
  problems: z.array(z.string()),
});
export type StartPreview = z.infer<typeof StartPreview>;

/** Made once per dialog by the page; the same id on a retry resumes, never duplicates. */
export const RequestId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8–64 letters, digits, dashes or underscores');
export const StartImplementationPayload = StartInputSchema.extend({ requestId: RequestId });
export type StartImplementationPayload = z.infer<typeof StartImplementationPayload>;

const CreatedRef = z.object({
  ref: z.string(),
  kind: z.enum(PLANNED_KINDS),
  summary: z.string(),
  key: z.string(),
});
export const StartOutcome = z.object({
  epic: z.object({ key: z.string(), summary: z.string() }),
  /** Children created, by this call or an earlier one with the same requestId. */
  created: z.array(CreatedRef),
  /** Children Jira refused, with Jira's words. */
  failed: z.array(CreatedRef.omit({ key: true }).extend({ error: z.string() })),
  /** Children not tried yet (the call ran out of time): the same request again creates them. */
  pending: z.array(CreatedRef.omit({ key: true })),
  /** Every planned issue exists. */
  complete: z.boolean(),
  /**
   * True when another call had already created some of it: an earlier one with this requestId, or
   * a request for the same implementation made at the same moment (whose result this is).
   */
  resumed: z.boolean(),
});
export type StartOutcome = z.infer<typeof StartOutcome>;
