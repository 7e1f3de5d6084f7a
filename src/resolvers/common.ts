// What the resolvers share: the Forge context they read (parsed, never trusted) and Jira's own
// words for an error. Ports (Jira, Confluence, storage, clock) are in src/app.
import { z } from 'zod';
import { HttpError } from '../jira';
import { messageOf } from '../domain';

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
 * Jira's own words for a failed call (its errorMessages and field errors, with field ids shown by
 * their names), else the client's full message. Anything else: its message.
 */
export function jiraWords(e: unknown, fieldNames: Readonly<Record<string, string>> = {}): string {
  if (e instanceof HttpError) {
    const said = [
      ...e.errorMessages,
      ...Object.entries(e.errors).map(([field, message]) => `${fieldNames[field] ?? field}: ${message}`),
    ];
    return said.length > 0 ? said.join('; ') : e.message;
  }
  return messageOf(e);
}
