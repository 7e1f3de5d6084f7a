/**
 * Lenient zod schemas of the Jira responses this client reads. Loose objects keep every field
 * Jira sends (the engine and the export need them untouched); only what the client relies on
 * is checked, so a wrong shape fails with a clear message instead of a silent zero. Types that
 * the domain also describes (src/domain/issue-json.ts, with its own rules) are named *Wire.
 */
import { z } from 'zod';

const optionalString = z.string().nullable().optional();

export const ChangeItemSchema = z.looseObject({
  field: z.string().optional(),
  fieldId: z.string().optional(),
  fieldtype: z.string().optional(),
  from: optionalString,
  fromString: optionalString,
  to: optionalString,
  toString: optionalString,
});

export const ChangeHistorySchema = z.looseObject({
  id: z.string(),
  // Documented as a date-time string; the spec's own bulkfetch example shows epoch seconds.
  created: z.union([z.string(), z.number()]),
  items: z.array(ChangeItemSchema),
});
export type ChangeHistory = z.output<typeof ChangeHistorySchema>;

export const ChangelogSchema = z.looseObject({
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
  histories: z.array(ChangeHistorySchema),
});
export type Changelog = z.output<typeof ChangelogSchema>;

export const IssueSchema = z.looseObject({
  id: z.string().optional(),
  key: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  changelog: ChangelogSchema.optional(),
});
export type IssueWire = z.output<typeof IssueSchema>;

/** One page of POST/GET /rest/api/3/search/jql. */
export const SearchPageSchema = z.looseObject({
  issues: z.array(IssueSchema),
  names: z.record(z.string(), z.string()).optional(),
  isLast: z.boolean().optional(),
  nextPageToken: z.string().nullable().optional(),
});
export type SearchPage = z.output<typeof SearchPageSchema>;

export const BulkChangelogPageSchema = z.looseObject({
  issueChangeLogs: z
    .array(z.looseObject({ issueId: z.string(), changeHistories: z.array(ChangeHistorySchema).default([]) }))
    .default([]),
  nextPageToken: z.string().nullable().optional(),
});

export const FieldSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  key: z.string().optional(),
  schema: z.looseObject({ type: z.string().optional(), custom: z.string().optional() }).optional(),
});
export type JiraField = z.output<typeof FieldSchema>;

export const CreatedIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  self: z.string().optional(),
});
export type CreatedIssue = z.output<typeof CreatedIssueSchema>;

export const StatusRefSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  statusCategory: z.looseObject({ key: z.string().optional(), name: z.string().optional() }).optional(),
});

export const TransitionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  to: StatusRefSchema.optional(),
});
export type JiraTransition = z.output<typeof TransitionSchema>;
export const TransitionsSchema = z.looseObject({ transitions: z.array(TransitionSchema) });

export const EntityPropertySchema = z.looseObject({ key: z.string(), value: z.unknown() });

export const RemoteLinkObjectSchema = z.looseObject({
  url: z.string(),
  title: z.string(),
  summary: z.string().optional(),
  icon: z.looseObject({ url16x16: z.string().optional(), title: z.string().optional() }).optional(),
  status: z.looseObject({ resolved: z.boolean().optional() }).optional(),
});
export const RemoteLinkSchema = z.looseObject({
  id: z.number(),
  globalId: z.string().optional(),
  relationship: z.string().optional(),
  object: RemoteLinkObjectSchema,
});
export type RemoteLink = z.output<typeof RemoteLinkSchema>;
export const RemoteLinkIdSchema = z.looseObject({ id: z.number(), self: z.string().optional() });

export const PermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});

export const UserSchema = z.looseObject({
  accountId: z.string(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  timeZone: z.string().optional(),
  locale: z.string().optional(),
});
export type UserWire = z.output<typeof UserSchema>;

export const IssueTypeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  hierarchyLevel: z.number().optional(),
  subtask: z.boolean().optional(),
});
export type IssueTypeWire = z.output<typeof IssueTypeSchema>;

export const ProjectSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  issueTypes: z.array(IssueTypeSchema).optional(),
});
export type JiraProject = z.output<typeof ProjectSchema>;
