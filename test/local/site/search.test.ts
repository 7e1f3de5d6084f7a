// Enhanced JQL search and changelog bulkfetch behave like Jira Cloud's.

import { SEARCH_CHANGELOG_LIMIT } from '../../../src/local/site';
import {
  ADMIN,
  body,
  demoSite,
  q,
  type ErrorBody,
  type History,
  type IssueJson,
  type SearchBody,
} from './helpers';

const site = demoSite(12);
const state = site.handler.state;

async function searchAll(
  jql: string,
  maxResults: number,
  fields = 'summary',
): Promise<{ pages: SearchBody[]; keys: string[] }> {
  const pages: SearchBody[] = [];
  let token: string | undefined;
  do {
    const reply = await site.call('POST', '/rest/api/3/search/jql', ADMIN, {
      jql,
      maxResults,
      fields: fields.split(','),
      nextPageToken: token,
    });
    expect(reply.status).toBe(200);
    const page = body<SearchBody>(reply);
    pages.push(page);
    token = page.nextPageToken;
  } while (token);
  return { pages, keys: pages.flatMap((p) => p.issues.map((i) => i.key)) };
}

function longHistoryIssue() {
  const issue = state.issues.find((i) => i.histories.length > SEARCH_CHANGELOG_LIMIT + 5);
  if (!issue) throw new Error('The demo site should have issues with more than 40 histories');
  return issue;
}

describe('search/jql paging', () => {
  it('pages through every issue with nextPageToken; only the last page says isLast and has no token', async () => {
    const { pages, keys } = await searchAll('project = IMP ORDER BY key', 37);
    const expected = state.issues.filter((i) => i.key.startsWith('IMP-')).length;
    expect(keys).toHaveLength(expected);
    expect(new Set(keys).size).toBe(expected);
    expect(pages.every((p) => p.issues.length <= 37)).toBe(true);
    expect(pages.map((p) => p.isLast)).toEqual([...pages.slice(1).map(() => false), true]);
    expect(pages[pages.length - 1].nextPageToken).toBeUndefined();
  });

  it('orders by key numerically (IMP-9 before IMP-10) and by created descending when asked', async () => {
    const { keys } = await searchAll('project = IMP ORDER BY key ASC', 100);
    const numbers = keys.map((k) => Number(k.split('-')[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const reply = await site.call(
      'GET',
      `/rest/api/3/search/jql?jql=${q('project = ONB ORDER BY created DESC')}&fields=created&maxResults=50`,
    );
    const created = body<SearchBody>(reply).issues.map((i) =>
      Date.parse(String(i.fields?.created).replace(/([+-]\d{2})(\d{2})$/, '$1:$2')),
    );
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('caps pages at 100 issues with fields, and 5000 with only ids or keys, as Jira does', async () => {
    const withFields = await site.call(
      'GET',
      `/rest/api/3/search/jql?jql=${q('project in (IMP, ONB, ENT)')}&fields=summary&maxResults=1000`,
    );
    expect(body<SearchBody>(withFields).issues).toHaveLength(100);
    const idsOnly = await site.call(
      'GET',
      `/rest/api/3/search/jql?jql=${q('project in (IMP, ONB, ENT)')}&fields=id&maxResults=5000`,
    );
    const inThree = new Set(
      state.projects.filter((p) => ['IMP', 'ONB', 'ENT'].includes(p.key)).map((p) => p.id),
    );
    expect(body<SearchBody>(idsOnly).issues).toHaveLength(
      state.issues.filter((i) => inThree.has(i.projectId)).length,
    );
    expect(body<SearchBody>(idsOnly).isLast).toBe(true);
  });

  it('defaults to 50 issues a page and to ids only when no fields are asked for', async () => {
    const reply = await site.call('GET', `/rest/api/3/search/jql?jql=${q('project = IMP')}`);
    const page = body<SearchBody>(reply);
    expect(page.issues).toHaveLength(50);
    expect(page.issues[0].fields).toBeUndefined();
    expect(page.names).toBeUndefined();
  });

  it('refuses a page token from another query', async () => {
    const first = body<SearchBody>(
      await site.call('POST', '/rest/api/3/search/jql', ADMIN, { jql: 'project = IMP', maxResults: 5 }),
    );
    const reply = await site.call('POST', '/rest/api/3/search/jql', ADMIN, {
      jql: 'project = ONB',
      maxResults: 5,
      nextPageToken: first.nextPageToken,
    });
    expect(reply.status).toBe(400);
    expect(body<ErrorBody>(reply).errorMessages[0]).toMatch(/token/);
  });

  it('rejects the old startAt paging in a POST body, and the removed /search endpoint with 410', async () => {
    const startAt = await site.call('POST', '/rest/api/3/search/jql', ADMIN, {
      jql: 'project = IMP',
      startAt: 50,
    });
    expect(startAt.status).toBe(400);
    const removed = await site.call('GET', `/rest/api/3/search?jql=${q('project = IMP')}`);
    expect(removed.status).toBe(410);
    expect(body<ErrorBody>(removed).errorMessages[0]).toMatch(/search\/jql/);
  });

  it('returns names for exactly the fields it returns', async () => {
    const reply = await site.call(
      'GET',
      `/rest/api/3/search/jql?jql=${q('labels = implementation')}&fields=summary,customfield_10053,nosuchfield&expand=names`,
    );
    expect(body<SearchBody>(reply).names).toEqual({ summary: 'Summary', customfield_10053: 'Go-Live Date' });
  });
});

describe('the JQL subset', () => {
  const keysOf = async (jql: string) => (await searchAll(jql, 100, 'key')).keys.sort();
  const expectKeys = (predicate: (i: (typeof state.issues)[number]) => boolean) =>
    state.issues
      .filter(predicate)
      .map((i) => i.key)
      .sort();

  it('finds implementations and their children by labels, issuetype, parent and key', async () => {
    const epics = await keysOf('issuetype = Epic AND labels = implementation');
    expect(epics).toEqual(site.portfolio.implementations.map((i) => i.key).sort());
    const parents = site.portfolio.implementations.slice(0, 2).map((i) => i.key);
    const children = await keysOf(`parent in (${parents.join(', ')})`);
    const parentIds = new Set(parents.map((k) => state.issues.find((i) => i.key === k)?.id));
    expect(children).toEqual(expectKeys((i) => i.parentId !== null && parentIds.has(i.parentId)));
    expect(await keysOf(`key in (${parents.join(',')}) OR key = ${parents[0]}`)).toEqual([...parents].sort());
  });

  it('combines clauses with AND, OR, NOT and parentheses, with quoted values and case-insensitive keywords', async () => {
    const risky = await keysOf(
      'project in (IMP, ONB) and (issuetype = Risk or issuetype = "Assumption") and not status = Closed',
    );
    const riskTypes = new Set(
      state.issueTypes.filter((t) => t.name === 'Risk' || t.name === 'Assumption').map((t) => t.id),
    );
    const closed = state.statuses.find((s) => s.name === 'Closed')?.id;
    const projects = new Set(state.projects.filter((p) => p.key !== 'ENT').map((p) => p.id));
    expect(risky).toEqual(
      expectKeys((i) => projects.has(i.projectId) && riskTypes.has(i.issueTypeId) && i.statusId !== closed),
    );
    expect(risky.length).toBeGreaterThan(0);
  });

  it('searches custom fields by name and statusCategory, resolution and summary text', async () => {
    const uat = await keysOf('"Gate Type" = "UAT Readiness" AND statusCategory = Done');
    expect(uat.length).toBeGreaterThan(0);
    const unresolved = await keysOf('project = ENT AND resolution = Unresolved AND summary ~ "risk"');
    expect(unresolved).toEqual(
      expectKeys(
        (i) =>
          i.key.startsWith('ENT-') && i.resolutionId === null && i.summary.toLowerCase().includes('risk'),
      ),
    );
  });

  it.each([
    [
      'project = ',
      /^Error in the JQL Query: Expecting either a value, list or function but got the end of the query\. \(line 1, character 11\)$/,
    ],
    ['project IMP', /^Error in the JQL Query: Expecting operator but got 'IMP'\./],
    [
      'project = IMP foo',
      /^Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'\. \(line 1, character 15\)$/,
    ],
    ['summary ~ "open', /^Error in the JQL Query: The quoted string 'open' has not been completed\./],
    ['nosuchfield = 1', /^Field 'nosuchfield' does not exist or you do not have permission to view it\.$/],
    ['project = NOPE', /^The value 'NOPE' does not exist for the field 'project'\.$/],
    ['status = Sleeping', /^The value 'Sleeping' does not exist for the field 'status'\.$/],
    ['ORDER BY key', /^Unbounded JQL queries are not allowed here\./],
    ['', /^Unbounded JQL queries are not allowed here\./],
    ['project = IMP ORDER BY labels', /^Field 'labels' does not support sorting\.$/],
  ])('answers %j with 400 and Jira’s wording', async (jql, message) => {
    const reply = await site.call('GET', `/rest/api/3/search/jql?jql=${q(jql)}`);
    expect(reply.status).toBe(400);
    expect(body<ErrorBody>(reply).errorMessages).toEqual([expect.stringMatching(message)]);
  });
});

describe('changelogs', () => {
  it('embeds at most the 40 most recent histories in search results, newest first, with the full total', async () => {
    const issue = longHistoryIssue();
    const reply = await site.call('POST', '/rest/api/3/search/jql', ADMIN, {
      jql: `key = ${issue.key}`,
      fields: ['status'],
      expand: 'changelog',
    });
    const changelog = body<SearchBody>(reply).issues[0].changelog;
    expect(changelog?.total).toBe(issue.histories.length);
    expect(changelog?.histories).toHaveLength(SEARCH_CHANGELOG_LIMIT);
    expect(changelog?.histories.map((h) => h.id)).toEqual(
      issue.histories
        .slice(-SEARCH_CHANGELOG_LIMIT)
        .reverse()
        .map((h) => h.id),
    );
  });

  it('embeds complete short changelogs', async () => {
    const issue = state.issues.find((i) => i.histories.length > 2 && i.histories.length < 10);
    const reply = await site.call('GET', `/rest/api/3/issue/${issue?.key}?expand=changelog&fields=summary`);
    const json = body<IssueJson>(reply);
    expect(json.changelog).toEqual({
      startAt: 0,
      maxResults: issue?.histories.length,
      total: issue?.histories.length,
      histories: [...(issue?.histories ?? [])].reverse(),
    });
  });

  it('bulkfetch completes a truncated changelog: every history, oldest first, filtered by field ids', async () => {
    const issue = longHistoryIssue();
    const all = await site.call('POST', '/rest/api/3/changelog/bulkfetch', ADMIN, {
      issueIdsOrKeys: [issue.key],
    });
    const logs = body<{
      issueChangeLogs: Array<{ issueId: string; changeHistories: History[] }>;
      nextPageToken?: string;
    }>(all);
    expect(logs.issueChangeLogs).toHaveLength(1);
    expect(logs.issueChangeLogs[0].issueId).toBe(issue.id);
    expect(logs.issueChangeLogs[0].changeHistories.map((h) => h.id)).toEqual(
      issue.histories.map((h) => h.id),
    );
    expect(logs.nextPageToken).toBeUndefined();

    const filtered = await site.call('POST', '/rest/api/3/changelog/bulkfetch', ADMIN, {
      issueIdsOrKeys: [issue.id],
      fieldIds: ['status', 'resolution'],
    });
    const histories = body<{ issueChangeLogs: Array<{ changeHistories: History[] }> }>(filtered)
      .issueChangeLogs[0].changeHistories;
    expect(histories.length).toBeGreaterThan(0);
    expect(histories.length).toBeLessThan(issue.histories.length);
    expect(histories.flatMap((h) => h.items.map((i) => i.fieldId))).toEqual(
      expect.arrayContaining(['status']),
    );
    expect(
      histories.every((h) => h.items.every((i) => i.fieldId === 'status' || i.fieldId === 'resolution')),
    ).toBe(true);
  });

  it('pages bulkfetch by histories with nextPageToken, each issue in id order', async () => {
    const keys = site.portfolio.implementations.slice(0, 6).map((i) => i.key);
    const collected = new Map<string, string[]>();
    let token: string | undefined;
    let pages = 0;
    do {
      const reply = await site.call('POST', '/rest/api/3/changelog/bulkfetch', ADMIN, {
        issueIdsOrKeys: keys,
        maxResults: 25,
        nextPageToken: token,
      });
      expect(reply.status).toBe(200);
      const page = body<{
        issueChangeLogs: Array<{ issueId: string; changeHistories: History[] }>;
        nextPageToken?: string;
      }>(reply);
      expect(page.issueChangeLogs.reduce((n, l) => n + l.changeHistories.length, 0)).toBeLessThanOrEqual(25);
      for (const log of page.issueChangeLogs)
        collected.set(log.issueId, [
          ...(collected.get(log.issueId) ?? []),
          ...log.changeHistories.map((h) => h.id),
        ]);
      token = page.nextPageToken;
      pages++;
    } while (token);
    expect(pages).toBeGreaterThan(2);
    const issues = keys
      .map((k) => state.issues.find((i) => i.key === k)!)
      .filter((i) => i.histories.length > 0);
    expect([...collected.keys()]).toEqual(issues.map((i) => i.id).sort((a, b) => Number(a) - Number(b)));
    for (const issue of issues) expect(collected.get(issue.id)).toEqual(issue.histories.map((h) => h.id));
  });

  it.each([
    [{ issueIdsOrKeys: [] }, /at least 1/],
    [{ issueIdsOrKeys: Array.from({ length: 1001 }, (_, i) => `IMP-${i + 1}`) }, /1000/],
    [{ issueIdsOrKeys: ['IMP-1'], fieldIds: Array.from({ length: 11 }, (_, i) => `f${i}`) }, /10/],
    [{ issueIdsOrKeys: ['IMP-1'], maxResults: 10001 }, /10000/],
  ])('bulkfetch refuses %#: limits of Jira’s API', async (request, message) => {
    const reply = await site.call('POST', '/rest/api/3/changelog/bulkfetch', ADMIN, request);
    expect(reply.status).toBe(400);
    expect(body<ErrorBody>(reply).errorMessages[0]).toMatch(message);
  });
});
