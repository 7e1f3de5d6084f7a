/**
 * The options of commands that read a live site, apart from the code that reads it (site.ts),
 * so a command can parse its options without loading the Jira client.
 */
import type { CliIo } from './io';

/** Options every command that reads a site takes (node parseArgs form). */
export const SITE_OPTIONS = {
  site: { type: 'string' },
  email: { type: 'string' },
  token: { type: 'string' },
  jql: { type: 'string' },
} as const;

export const SITE_USAGE = `  --site <url>        Jira Cloud site, e.g. https://acme.atlassian.net (or JIRA_SITE).
  --email <email>     Atlassian account email (or JIRA_EMAIL).
  --token <token>     API token from id.atlassian.com (or JIRA_API_TOKEN; safer than the flag,
                      which other users of the machine can see in the process list).
  --jql <query>       The issues to read: implementations and their children,
                      e.g. "project in (IMP, ONB)".`;

interface SiteValues {
  site?: string;
}

/** Whether the user asked for a site (flag or JIRA_SITE). */
export function wantsSite(values: SiteValues, io: CliIo): boolean {
  return values.site !== undefined || (io.env.JIRA_SITE ?? '') !== '';
}
