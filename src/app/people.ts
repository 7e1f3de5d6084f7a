// Names of the people in Runway's records, looked up as the reader (the ports' identity) whenever a
// record is shown: storage keeps account ids only (src/domain/people.ts). One bulk request per 50
// ids. A lookup that fails leaves the records readable: everyone shows as "someone", with a warning.
import { lookupIds, type PeopleNames } from '../domain/people';
import { messageOf } from '../domain';
import type { JiraClient } from '../jira';

export const NAME_UNAVAILABLE = 'someone';

export interface PeopleLookup {
  people: Map<string, string>;
  warnings: string[];
}

export async function lookUpPeople(jira: JiraClient, accountIds: Iterable<string>): Promise<PeopleLookup> {
  const ids = lookupIds(accountIds);
  const people = new Map<string, string>();
  if (ids.length === 0) return { people, warnings: [] };
  try {
    for (const user of await jira.usersByAccountId(ids))
      if (user.displayName !== undefined && user.displayName.trim() !== '')
        people.set(user.accountId, user.displayName);
    return { people, warnings: [] };
  } catch (e) {
    for (const id of ids) people.set(id, NAME_UNAVAILABLE);
    return { people, warnings: [`Names of people could not be looked up: ${messageOf(e)}`] };
  }
}

/** `people` with one more person the caller already knows (the signed-in user after a write). */
export const withPerson = (people: PeopleNames, accountId: string, name: string): Map<string, string> =>
  new Map(people).set(accountId, name);
