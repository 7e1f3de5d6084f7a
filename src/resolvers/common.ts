// What the RAID log, implementations page and KPI gadget resolvers share: the Forge context they
// read (parsed, never trusted), the Jira client as the calling user, today's date, and Jira's
// own words for an error.
import api from '@forge/api';
import { z } from 'zod';
import type { IsoDate } from '../domain/dates';
import { createJiraClient, JiraError, type JiraClient, type JiraFetch } from '../jira';
import { fromForgeRequest } from '../jira/forge';
import { typedStore, type TypedStore } from '../storage';

/** The Jira client as the user who opened the view: Jira hides from it what it hides from them. */
export function jiraAsUser(): JiraClient {
  return createJiraClient({ fetch: fromForgeRequest(api.asUser().requestJira) });
}

/** The Jira client as the app (background functions: no user; app storage decides what is shown). */
export function jiraAsApp(): JiraClient {
  return createJiraClient({ fetch: fromForgeRequest(api.asApp().requestJira) });
}

/** Everything outside a resolver: Jira and Confluence as one identity, app storage, the clock. */
export interface ForgeIo {
  jiraFetch: JiraFetch;
  confluenceFetch: JiraFetch;
  store: TypedStore;
  now: () => Date;
}

/** Forge's own I/O: as the user for views; as the app only where Forge gives no user. */
export function forgeIoAs(identity: 'user' | 'app'): ForgeIo {
  const as = identity === 'user' ? api.asUser() : api.asApp();
  return {
    jiraFetch: fromForgeRequest(as.requestJira),
    confluenceFetch: fromForgeRequest(as.requestConfluence),
    store: typedStore(),
    now: () => new Date(),
  };
}

export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}

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
  if (e instanceof JiraError) {
    const said = [
      ...e.errorMessages,
      ...Object.entries(e.errors).map(([field, message]) => `${fieldNames[field] ?? field}: ${message}`),
    ];
    return said.length > 0 ? said.join('; ') : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
