// How a use case fails: `{ ok: false, error }` with a sentence for people. Jira's own words where
// Jira refused (its errorMessages and field errors), else the error's message; a use case never
// lets an exception escape to Forge, where the user would only see "something went wrong".
import type { ResolverResult } from '../contracts/result';
import { JiraError } from '../jira';

export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** An error's message (a JiraError's carries the status and Jira's first words). */
export const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e));

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
  return describeError(e);
}

/** Runs a use case; anything it throws becomes its failure, described. */
export async function attempt<R extends ResolverResult<unknown>>(
  run: () => Promise<R>,
): Promise<R | { ok: false; error: string }> {
  try {
    return await run();
  } catch (e) {
    return fail(describeError(e));
  }
}
