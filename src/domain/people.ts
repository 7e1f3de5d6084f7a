/**
 * People as Runway shows them. App storage keeps Atlassian account ids only; names are looked up
 * as the reader whenever a record is shown (Jira's bulk user lookup), so a renamed person shows
 * under their current name and a closed account under none. An id the lookup did not answer for,
 * and an anonymised one (./privacy), shows as FORMER_USER.
 */
import { isAnonymised } from './privacy/marker';

export const FORMER_USER = 'a former user';

/** Account id → display name, as the reader's lookup answered; ids it did not answer for are absent. */
export type PeopleNames = ReadonlyMap<string, string>;

/** The name to show for an account id. */
export function nameOf(accountId: string, people: PeopleNames): string {
  if (isAnonymised(accountId)) return FORMER_USER;
  const name = people.get(accountId)?.trim();
  return name ? name : FORMER_USER;
}

/** A person as views show one: the account id and the name looked up for it. */
export interface NamedPerson {
  accountId: string;
  displayName: string;
}

export const named = (actor: { accountId: string }, people: PeopleNames): NamedPerson => ({
  accountId: actor.accountId,
  displayName: nameOf(actor.accountId, people),
});

/** The distinct account ids worth looking up (anonymised markers are not accounts). */
export function lookupIds(ids: Iterable<string>): string[] {
  return [...new Set([...ids].filter((id) => id.trim() !== '' && !isAnonymised(id)))];
}
