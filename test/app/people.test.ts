// Names of the people on a record, looked up as the reader in bulk: storage keeps account ids only.
import { lookUpPeople, NAME_UNAVAILABLE } from '../../src/app/people';
import { createJiraClient } from '../../src/jira';
import type { HttpFetch } from '../../src/http';

function jiraAnswering(status: number, body: (ids: string[]) => unknown) {
  const paths: string[] = [];
  const fetch: HttpFetch = async (path) => {
    paths.push(path);
    const ids = new URL(path, 'https://x.example').searchParams.getAll('accountId');
    return {
      status,
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
      text: async () => JSON.stringify(body(ids)),
    };
  };
  return { jira: createJiraClient({ fetch }), paths };
}

describe('looking up the people on a record', () => {
  it('asks Jira for each account once, 50 a request, and never for an anonymised marker', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `acc-${i}`);
    const { jira, paths } = jiraAnswering(200, (asked) => ({
      isLast: true,
      values: asked
        .filter((id) => id !== 'acc-7')
        .map((accountId) => ({ accountId, displayName: accountId.toUpperCase() })),
    }));
    const { people, warnings } = await lookUpPeople(jira, [...ids, 'acc-1', 'anonymised-3']);
    expect(paths.map((p) => new URL(p, 'https://x.example').searchParams.getAll('accountId').length)).toEqual(
      [50, 10],
    );
    expect(paths.every((p) => p.startsWith('/rest/api/3/user/bulk?'))).toBe(true);
    expect([
      people.size,
      people.get('acc-1'),
      people.has('acc-7'),
      people.has('anonymised-3'),
      warnings,
    ]).toEqual([59, 'ACC-1', false, false, []]);
  });

  it('leaves the record readable when the lookup fails: everyone is "someone", and a warning says why', async () => {
    const { jira } = jiraAnswering(403, () => ({ errorMessages: ['You do not have permission'] }));
    const { people, warnings } = await lookUpPeople(jira, ['acc-1']);
    expect(people.get('acc-1')).toBe(NAME_UNAVAILABLE);
    expect(warnings).toEqual([expect.stringContaining('Names of people could not be looked up')]);
  });
});
