// Settings → Projects: whether each Jira project is ready for Runway (its issue types, and the
// fields on their screens) and the changes that make it ready.
import { z } from 'zod';
import { resolverResultSchema } from './result';

export const ProjectChange = z.object({
  /** What Runway does, in a sentence ("Add issue type Risk to SUP: Issue Type Scheme"). */
  description: z.string(),
  status: z.enum(['planned', 'done', 'failed']),
  /** Why it failed, in Jira's words. */
  detail: z.string().nullable(),
});
export type ProjectChange = z.infer<typeof ProjectChange>;

export const ProjectReadiness = z.object({
  key: z.string(),
  name: z.string(),
  style: z.enum(['company', 'team']),
  ready: z.boolean(),
  /** What the project lacks, one sentence each. */
  missing: z.array(z.string()),
  /** Company-managed: the changes Runway makes when an admin confirms. */
  changes: z.array(ProjectChange),
  /** Team-managed: what a project admin does, step by step. */
  steps: z.array(z.string()),
  /** Set when the project's configuration could not be read. */
  error: z.string().nullable(),
});
export type ProjectReadiness = z.infer<typeof ProjectReadiness>;

export const ProjectsView = z.object({
  /** Jira administrators may make the changes. */
  canEdit: z.boolean(),
  projects: z.array(ProjectReadiness),
});
export type ProjectsView = z.infer<typeof ProjectsView>;

export const GetProjectsPayload = z.strictObject({});
export const SetUpProjectsPayload = z.strictObject({
  projectKeys: z
    .array(z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'a project key'))
    .min(1)
    .max(50),
});
export type SetUpProjectsPayload = z.infer<typeof SetUpProjectsPayload>;

export const SetUpReport = z.object({
  /** Each project after the run, with the changes made (done or failed). */
  projects: z.array(ProjectReadiness),
  summary: z.string(),
});
export type SetUpReport = z.infer<typeof SetUpReport>;

export const GetProjectsResult = resolverResultSchema(ProjectsView);
export type GetProjectsResult = z.infer<typeof GetProjectsResult>;
export const SetUpProjectsResult = resolverResultSchema(SetUpReport);
export type SetUpProjectsResult = z.infer<typeof SetUpProjectsResult>;
