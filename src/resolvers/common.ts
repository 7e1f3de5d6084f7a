// What the resolvers share: the Forge context they read (parsed, never trusted) and the products'
// own words for an error. Ports (Jira, Confluence, storage, clock) are in src/app.
import { z } from 'zod';
import { messageOf } from '../domain';
import { HttpError } from '../http';

const IssueContext = z.object({ extension: z.object({ issue: z.object({ key: z.string().min(1) }) }) });
const ProjectContext = z.object({ extension: z.object({ project: z.object({ key: z.string().min(1) }) }) });

/** The issue an issue panel is open on, or null when the context has none. */
export function issueKeyOf(context: unknown): string | null {
  const parsed = IssueContext.safeParse(context);
  return parsed.success ? parsed.data.extension.issue.key : null;
}

/** The project a project page is open on, or null when the context has none. */
export function projectKeyOf(context: unknown): string | null {
  const parsed = ProjectContext.safeParse(context);
  return parsed.success ? parsed.data.extension.project.key : null;
}

/**
 * The product's own words for a failed Jira or Confluence call (its errorMessages and field
 * errors, with field ids shown by their names), else the error's full message. A rate limit or
 * running out of time is Runway's sentence ("Jira is rate limiting Runway; try again in 40 s"),
 * since the product's words do not say when to come back. Anything else: its message.
 */
export function jiraWords(e: unknown, fieldNames: Readonly<Record<string, string>> = {}): string {
  if (e instanceof HttpError && !e.rateLimited && e.kind !== 'timeout') {
    const said = [
      ...e.errorMessages,
      ...Object.entries(e.errors).map(([field, message]) => `${fieldNames[field] ?? field}: ${message}`),
    ];
    return said.length > 0 ? said.join('; ') : e.message;
  }
  return messageOf(e);
}
