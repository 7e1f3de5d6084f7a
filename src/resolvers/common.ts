// What the resolvers share: the Forge context they read (parsed, never trusted), and Jira's own
// words for an error (src/app/failure). Ports (Jira, Confluence, storage, clock) are in src/app.
import { z } from 'zod';

export { jiraWords } from '../app/failure';

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

const UserContext = z.object({ accountId: z.string().min(1) });

/** The accountId of the user who called, or 'unknown' when the context has none. */
export function accountIdOf(context: unknown): string {
  const parsed = UserContext.safeParse(context);
  return parsed.success ? parsed.data.accountId : 'unknown';
}
