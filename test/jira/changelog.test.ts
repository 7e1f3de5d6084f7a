import {
  BULK_CHANGELOG_PATH,
  completeChangelog,
  createJiraClient,
  isChangelogPartial,
  SEARCH_PATH,
  type ChangeHistory,
  type IssueWire,
  type SearchPage,
} from '../../src/jira';
import { respond, routedJira, sample, scriptedJira, type SentRequest } from './fake-jira';

const quiet = { sleep: () => Promise.resolve(), random: () => 0.5 };

function history(
  id: string,
  created: string,
  field = 'status',
  from = 'To Do',
  to = 'In Progress',
): ChangeHistory {
  return { id, created, items: [{ field, fieldId: field, fromString: from, toString: to }] };
}

/**
 * A site of `total` issues served by search/jql a page at a time (`issueAt` each), whose
 * bulkfetch answers `historiesOf` for every id asked.
 */
function pagedJira(
  total: number,
  issueAt: (n: number) => IssueWire,
  historiesOf: (issueId: string) => ChangeHistory[],
): ReturnType<typeof routedJira> {
  return routedJira((req) => {
    if (req.path === SEARCH_PATH) {
      const body = req.body as { nextPageToken?: string; maxResults: number };
      const start = body.nextPageToken === undefined ? 0 : Number(body.nextPageToken);
      const end = Math.min(total, start + body.maxResults);
      const issues = Array.from({ length: end - start }, (_, i) => issueAt(start + i));
      return respond(
        200,
        end < total ? { issues, isLast: false, nextPageToken: String(end) } : { issues, isLast: true },
      );
    }
    const ids = (req.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys;
    return respond(200, {
      issueChangeLogs: ids.map((issueId) => ({ issueId, changeHistories: historiesOf(issueId) })),
    });
  });
}

describe('bulkFetchChangelogs (POST /rest/api/3/changelog/bulkfetch)', () => {
  it("reads the Jira spec's bulkfetch example and follows its nextPageToken", async () => {
    const jira = scriptedJira([
      respond(200, sample('atlassian-openapi-examples/changelog_bulkfetch_POST_200.json')),
      respond(200, { issueChangeLogs: [] }),
    ]);
    const client = createJiraClient({ fetch: jira.fetch, ...quiet });
    const histories = await client.bulkFetchChangelogs(['10100']);

    expect(histories.get('10100')?.map((h) => h.id)).toEqual(['10001', '10002']);
    expect(jira.sent).toEqual([
      {
        method: 'POST',
        path: BULK_CHANGELOG_PATH,
        body: { issueIdsOrKeys: ['10100'], fieldIds: ['status', 'resolution', 'duedate'], maxResults: 10000 },
      },
      {
        method: 'POST',
        path: BULK_CHANGELOG_PATH,
        body: {
          issueIdsOrKeys: ['10100'],
          fieldIds: ['status', 'resolution', 'duedate'],
          maxResults: 10000,
          nextPageToken: 'UxAQBFRF',
        },
      },
    ]);
  });

  it('splits 2,500 issues into requests of at most 1,000 issues', async () => {
    const jira = routedJira(() => respond(200, { issueChangeLogs: [] }));
    const ids = Array.from({ length: 2500 }, (_, i) => String(10000 + i));
    await createJiraClient({ fetch: jira.fetch, ...quiet }).bulkFetchChangelogs(ids, ['status']);
    const batches = jira.sent.map((r) => (r.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat()).toEqual(ids);
  });

  it('refuses more than the 10 field ids Jira accepts', async () => {
    const jira = routedJira(() => respond(200, { issueChangeLogs: [] }));
    const client = createJiraClient({ fetch: jira.fetch, ...quiet });
    const fields = Array.from({ length: 11 }, (_, i) => `f${i}`);
    await expect(client.bulkFetchChangelogs(['1'], fields)).rejects.toThrow(/at most 10 fields/);
    expect(jira.sent).toHaveLength(0);
  });
});

describe('isChangelogPartial', () => {
  it('treats the complete changelogs of a real search response as complete', () => {
    const page = sample('actionableagile/search_25_issues_with_changelog.json') as SearchPage;
    expect(page.issues.filter(isChangelogPartial)).toEqual([]);
  });

  it('treats a changelog with fewer histories than its total as partial', () => {
    const histories = Array.from({ length: 40 }, (_, i) =>
      history(String(i), '2026-01-01T00:00:00.000+0000'),
    );
    expect(
      isChangelogPartial({ id: '1', changelog: { startAt: 0, maxResults: 40, total: 57, histories } }),
    ).toBe(true);
  });

  it('treats a changelog without a total (go-jira recorded issue) as partial, since completeness is unknown', () => {
    const page = sample('go-jira/issues_in_sprint_with_changelog.json') as SearchPage;
    expect(isChangelogPartial(page.issues[0])).toBe(true);
    expect(isChangelogPartial({ id: '1' })).toBe(true);
  });
});

describe('completeChangelog', () => {
  it('adds the missing histories, keeps embedded copies and says the result is complete', () => {
    const issue: IssueWire = {
      id: '7',
      key: 'IMP-7',
      changelog: {
        startAt: 0,
        maxResults: 1,
        total: 3,
        histories: [history('30', '2026-03-01T10:00:00.000+0100', 'labels', '', 'go-live')],
      },
    };
    const done = completeChangelog(issue, [
      history('10', '2026-01-01T09:00:00.000-0800'),
      history('20', '2026-02-01T09:00:00.000-0800', 'resolution', '', 'Done'),
      { id: '30', created: '2026-03-01T10:00:00.000+0100', items: [] },
    ]);
    expect(done.changelog?.histories.map((h) => h.id)).toEqual(['10', '20', '30']);
    expect(done.changelog?.histories[2].items).toHaveLength(1);
    expect(done.changelog).toMatchObject({ startAt: 0, maxResults: 3, total: 3 });
    expect(isChangelogPartial(done)).toBe(false);
  });

  it('keeps newest-first order when Jira embedded the histories newest first', () => {
    const issue: IssueWire = {
      id: '7',
      changelog: {
        total: 4,
        maxResults: 2,
        histories: [
          history('40', '2026-04-01T00:00:00.000+0000'),
          history('30', '2026-03-01T00:00:00.000+0000'),
        ],
      },
    };
    const done = completeChangelog(issue, [
      history('10', '2026-01-01T00:00:00.000+0000'),
      history('20', '2026-02-01T00:00:00.000+0000'),
    ]);
    expect(done.changelog?.histories.map((h) => h.id)).toEqual(['40', '30', '20', '10']);
  });

  it("writes epoch-second timestamps (as in the bulkfetch example) in Jira's timestamp form", () => {
    const done = completeChangelog({ id: '1', changelog: { total: 0, histories: [] } }, [
      { id: '1', created: 1492070429, items: [] },
    ]);
    expect(done.changelog?.histories[0].created).toBe('2017-04-13T08:00:29.000+0000');
  });
});

describe('exportSearch', () => {
  const FIELDS = ['summary', 'status', 'resolution', 'resolutiondate', 'duedate', 'parent', 'labels'];

  it('exports a real search page whose changelogs are complete without any bulkfetch request', async () => {
    const page = sample('actionableagile/search_25_issues_with_changelog.json') as SearchPage;
    const jira = scriptedJira([respond(200, { ...page, isLast: true })]);
    const pages = await createJiraClient({ fetch: jira.fetch, ...quiet }).exportSearch({
      jql: 'project = UT',
      fields: FIELDS,
    });
    expect(pages[0].issues).toEqual(page.issues);
    expect(jira.sent).toEqual([
      {
        method: 'POST',
        path: SEARCH_PATH,
        body: { jql: 'project = UT', fields: FIELDS, expand: 'names,changelog', maxResults: 100 },
      },
    ]);
  });

  it('requests changelogs only for the issues whose embedded changelog is partial', async () => {
    const page = sample('actionableagile/search_25_issues_with_changelog.json') as SearchPage;
    const truncated = page.issues.map((issue) =>
      issue.key === 'UT-28' || issue.key === 'UT-41'
        ? {
            ...issue,
            changelog: {
              startAt: 0,
              maxResults: 2,
              total: 5,
              histories: issue.changelog!.histories.slice(3),
            },
          }
        : issue,
    );
    const full = new Map(page.issues.map((i) => [i.id, i.changelog!.histories]));
    const jira = scriptedJira([
      respond(200, { issues: truncated, names: { status: 'Status' }, isLast: true }),
      (req: SentRequest) => {
        const ids = (req.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys;
        return respond(200, {
          issueChangeLogs: ids.map((issueId) => ({ issueId, changeHistories: full.get(issueId) })),
        });
      },
    ]);
    const pages = await createJiraClient({ fetch: jira.fetch, ...quiet }).exportSearch({
      jql: 'project = UT',
      fields: FIELDS,
    });

    const ids = (key: string) => page.issues.find((i) => i.key === key)!.id!;
    expect(jira.sent[1]).toEqual({
      method: 'POST',
      path: BULK_CHANGELOG_PATH,
      body: {
        issueIdsOrKeys: [ids('UT-28'), ids('UT-41')],
        fieldIds: ['status', 'resolution', 'duedate'],
        maxResults: 10000,
      },
    });
    expect(jira.sent).toHaveLength(2);
    const byKey = new Map(pages[0].issues.map((i) => [i.key, i]));
    expect(byKey.get('UT-28')?.changelog?.histories.map((h) => h.id)).toEqual(
      full.get(ids('UT-28'))!.map((h) => h.id),
    );
    expect(byKey.get('UT-41')?.changelog?.total).toBe(5);
    expect(pages[0].issues.filter(isChangelogPartial)).toEqual([]);
    expect(pages[0].names).toEqual({ status: 'Status' });
  });

  it('for 2,500 issues sends 25 search pages and 2 bulkfetch requests for the 1,200 partial changelogs', async () => {
    const total = 2500;
    const issueAt = (n: number): IssueWire => ({
      id: String(n),
      key: `IMP-${n}`,
      fields: { summary: `Issue ${n}` },
      changelog:
        n % 25 < 12
          ? {
              startAt: 0,
              maxResults: 40,
              total: 41,
              histories: [history(`${n}-b`, '2026-02-01T00:00:00.000+0000')],
            }
          : {
              startAt: 0,
              maxResults: 1,
              total: 1,
              histories: [history(`${n}-a`, '2026-01-01T00:00:00.000+0000')],
            },
    });
    const jira = pagedJira(total, issueAt, (issueId) => [
      history(`${issueId}-a`, '2026-01-01T00:00:00.000+0000'),
      history(`${issueId}-b`, '2026-02-01T00:00:00.000+0000'),
    ]);
    const progress: number[] = [];
    const client = createJiraClient({ fetch: jira.fetch, ...quiet });
    const pages = await client.exportSearch({
      jql: 'project = IMP',
      fields: ['summary'],
      onProgress: (p) => progress.push(p.issues),
    });

    const searches = jira.sent.filter((r) => r.path === SEARCH_PATH);
    const bulk = jira.sent.filter((r) => r.path === BULK_CHANGELOG_PATH);
    expect(searches).toHaveLength(25);
    expect(bulk.map((r) => (r.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys.length)).toEqual([
      1000, 200,
    ]);
    expect(client.requestCount).toBe(27);
    expect(pages.flatMap((p) => p.issues)).toHaveLength(total);
    expect(pages.flatMap((p) => p.issues).filter(isChangelogPartial)).toEqual([]);
    expect(progress[progress.length - 1]).toBe(total);
  });
});

describe('exportSearchPages: the export written as it is read', () => {
  /** A site of `total` issues, 100 a page; `partial(n)` says whose embedded changelog is cut short. */
  function pagedSite(total: number, partial: (n: number) => boolean) {
    const issueAt = (n: number): IssueWire => ({
      id: String(20000 + n),
      key: `IMP-${n}`,
      fields: { summary: `Issue ${n}` },
      changelog: partial(n)
        ? {
            startAt: 0,
            maxResults: 1,
            total: 2,
            histories: [history(`${n}-b`, '2026-02-01T00:00:00.000+0000')],
          }
        : {
            startAt: 0,
            maxResults: 1,
            total: 1,
            histories: [history(`${n}-a`, '2026-01-01T00:00:00.000+0000')],
          },
    });
    return pagedJira(total, issueAt, (issueId) => [history(`${issueId}-a`, '2026-01-01T00:00:00.000+0000')]);
  }

  async function firstPageAfter(
    jira: ReturnType<typeof routedJira>,
  ): Promise<{ searchesBefore: number; pages: SearchPage[] }> {
    const client = createJiraClient({ fetch: jira.fetch, ...quiet });
    const pages: SearchPage[] = [];
    let searchesBefore = -1;
    for await (const page of client.exportSearchPages({ jql: 'project = IMP', fields: ['summary'] })) {
      if (searchesBefore < 0) searchesBefore = jira.sent.filter((r) => r.path === SEARCH_PATH).length;
      pages.push(page);
    }
    return { searchesBefore, pages };
  }

  it('gives the first page before the search has ended when every changelog is complete', async () => {
    const { searchesBefore, pages } = await firstPageAfter(pagedSite(3000, () => false));
    expect(searchesBefore).toBeLessThanOrEqual(2);
    expect(pages).toHaveLength(30);
  });

  it('holds pages only until the batch of 1,000 changelogs that covers them is back', async () => {
    const jira = pagedSite(3000, () => true);
    const { searchesBefore, pages } = await firstPageAfter(jira);
    expect(searchesBefore).toBeLessThan(30);
    expect(pages.map((p) => p.issues[0].key)).toEqual(Array.from({ length: 30 }, (_, i) => `IMP-${i * 100}`));
    expect(pages.flatMap((p) => p.issues).filter(isChangelogPartial)).toEqual([]);
    const bulk = jira.sent.filter((r) => r.path === BULK_CHANGELOG_PATH);
    expect(bulk.map((r) => (r.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys.length)).toEqual([
      1000, 1000, 1000,
    ]);
  });

  it('sends a smaller batch rather than hold 5,000 issues for a few partial changelogs', async () => {
    const jira = pagedSite(12000, (n) => n % 100 === 0);
    const { searchesBefore, pages } = await firstPageAfter(jira);
    expect(searchesBefore).toBeLessThanOrEqual(55); // 50 pages held, then a page or two while the batch is out
    expect(pages.flatMap((p) => p.issues)).toHaveLength(12000);
    const bulk = jira.sent.filter((r) => r.path === BULK_CHANGELOG_PATH);
    expect(bulk.map((r) => (r.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys.length)).toEqual([
      50, 50, 20,
    ]);
    expect(pages.flatMap((p) => p.issues).filter(isChangelogPartial)).toEqual([]);
  });
});

describe('getIssue', () => {
  it("reads go-jira's recorded issue with its changelog", async () => {
    const recorded = sample('go-jira/issue_get_changelog_rank.json');
    const jira = scriptedJira([respond(200, recorded)]);
    const issue = await createJiraClient({ fetch: jira.fetch, ...quiet }).getIssue('EX-1', {
      expand: ['changelog'],
    });
    expect(issue).toEqual(recorded);
    expect(issue.changelog?.histories[0].items[0].toString).toBe('Ranked higher');
    expect(jira.sent).toEqual([
      { method: 'GET', path: '/rest/api/3/issue/EX-1?expand=changelog', body: undefined },
    ]);
  });
});
