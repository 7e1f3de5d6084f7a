// The people and groups the Settings pickers search, answered as Jira answers them:
// GET /rest/api/3/user/bulk (repeated accountId) and GET /rest/api/3/groups/picker.
import { ADMIN, CONSULTANT, body, demoSite } from './helpers';

const site = demoSite(3);

describe('the local site’s user and group directory', () => {
  it('gives the users of the repeated account ids, leaving out an unknown one', async () => {
    const reply = await site.call(
      'GET',
      `/rest/api/3/user/bulk?accountId=${ADMIN}&accountId=no-such-account&accountId=${CONSULTANT}`,
      ADMIN,
    );
    expect(reply.status).toBe(200);
    const page = body<{ values: Array<{ accountId: string; displayName: string }>; total: number }>(reply);
    expect(page.values.map((u) => u.accountId)).toEqual([ADMIN, CONSULTANT]);
    expect(page.total).toBe(2);
  });

  it('refuses a bulk request without an account id, as Jira does', async () => {
    const reply = await site.call('GET', '/rest/api/3/user/bulk', ADMIN);
    expect(reply.status).toBe(400);
  });

  it('finds groups whose name contains the query, case-insensitively only when asked, sorted, with the match in bold', async () => {
    const loose = await site.call(
      'GET',
      '/rest/api/3/groups/picker?query=RUNWAY&caseInsensitive=true',
      ADMIN,
    );
    const found = body<{ groups: Array<{ name: string; html: string; groupId: string }>; total: number }>(
      loose,
    );
    expect(found.groups.map((g) => g.name)).toEqual(['runway-consultants', 'runway-viewers']);
    expect(found.groups[0].html).toBe('<b>runway</b>-consultants');
    expect(found.groups.every((g) => g.groupId.length > 0)).toBe(true);
    const strict = await site.call('GET', '/rest/api/3/groups/picker?query=RUNWAY', ADMIN);
    expect(body<{ groups: unknown[] }>(strict).groups).toEqual([]);
    const few = await site.call('GET', '/rest/api/3/groups/picker?query=-&maxResults=2', ADMIN);
    const page = body<{ groups: unknown[]; total: number; header: string }>(few);
    expect(page.groups).toHaveLength(2);
    expect(page.header).toBe(`Showing 2 of ${page.total} matching groups`);
  });
});
