// How a use case fails: `{ ok: false, error }` with a sentence for people. Jira's own words where
// Jira refused (its errorMessages and field errors), else the error's message; a use case never
// lets an exception escape to Forge, where the user would only see "something went wrong".
import type { ResolverResult } from '../contracts/result';
import { HttpError } from '../jira';
import { messageOf } from '../domain';

export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/**
 * The product's own words for a failed call, Jira's or Confluence's (its errorMessages and field
 * errors, with field ids shown by their names), else the error's full message. A rate limit or a
 * deadline keeps Runway's own sentence ("Jira is rate limiting Runway; try again in 40 s").
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

/** Runs a use case; anything it throws becomes its failure, described. */
export async function attempt<R extends ResolverResult<unknown>>(
  run: () => Promise<R>,
): Promise<R | { ok: false; error: string }> {
  try {
    return await run();
  } catch (e) {
    return fail(messageOf(e));
  }
}
