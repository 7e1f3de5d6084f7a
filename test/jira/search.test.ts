import { createJiraClient, HttpError, largestPageSize, SEARCH_PATH } from '../../src/jira';
import { respond, sample, scriptedJira } from './fake-jira';

const FIELDS = ['summary', 'status', 'labels'];
const client = (fetch: ReturnType<typeof scriptedJira>['fetch']) =>
  createJiraClient({ fetch, sleep: () => Promise.resolve(), random: () => 0.5 });

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('searchJql (POST /rest/api/3/search/jql, cursor paging)', () => {
  it("follows jira-cli's recorded three-page sequence through nextPageToken until isLast", async () => {
    const jira = scriptedJira([
      respond(200, sample('jira-cli/search_page1.json')),
      respond(200, sample('jira-cli/search_page2_mid.json')),
      respond(200, sample('jira-cli/search_page3.json')),
    ]);
    const pages = await collect(client(jira.fetch).searchJql({ jql: 'project = TEST', fields: FIELDS }));

    expect(pages.flatMap((p) => p.issues.map((i) => i.key))).toEqual([
      'TEST-1',
      'TEST-2',
      'TEST-3',
      'TEST-4',
    ]);
    expect(jira.sent).toEqual([
      { method: 'POST', path: SEARCH_PATH, body: { jql: 'project = TEST', fields: FIELDS, maxResults: 100 } },
      {
        method: 'POST',
        path: SEARCH_PATH,
        body: { jql: 'project = TEST', fields: FIELDS, maxResults: 100, nextPageToken: 'token-page-2' },
      },
      {
        method: 'POST',
        path: SEARCH_PATH,
        body: { jql: 'project = TEST', fields: FIELDS, maxResults: 100, nextPageToken: 'token-page-3' },
      },
    ]);
  });

  it('stops after the recorded two-page sequence whose last page has an empty token', async () => {
    const jira = scriptedJira([
      respond(200, sample('jira-cli/search_page1.json')),
      respond(200, sample('jira-cli/search_page2.json')),
    ]);
    const { issues } = await client(jira.fetch).searchAll({ jql: 'project = TEST', fields: FIELDS });
    expect(issues.map((i) => i.key)).toEqual(['TEST-1', 'TEST-2', 'TEST-3']);
    expect(jira.sent).toHaveLength(2);
  });

  it('returns no issues for the recorded empty result, in one request', async () => {
    const jira = scriptedJira([respond(200, sample('jira-cli/search_empty.json'))]);
    const { issues, names } = await client(jira.fetch).searchAll({ jql: 'project = NONE', fields: FIELDS });
    expect(issues).toEqual([]);
    expect(names).toEqual({});
    expect(jira.sent).toHaveLength(1);
  });

  it("reads the Jira spec's own search/jql example and keeps every field Jira sent", async () => {
    const example = sample('atlassian-openapi-examples/search_jql_GET_200.json') as { issues: object[] };
    const jira = scriptedJira([respond(200, example)]);
    const { issues } = await client(jira.fetch).searchAll({ jql: 'project = EX', fields: ['*all'] });
    expect(issues).toEqual(example.issues);
  });

  it("sends expand as Jira's comma-separated string and merges names across pages", async () => {
    const jira = scriptedJira([
      respond(200, { issues: [{ id: '1', key: 'A-1' }], names: { summary: 'Summary' }, nextPageToken: 't2' }),
      respond(200, {
        issues: [{ id: '2', key: 'A-2' }],
        names: { customfield_1: 'Kickoff Date' },
        isLast: true,
      }),
    ]);
    const { names } = await client(jira.fetch).searchAll({
      jql: 'project = A',
      fields: ['summary', 'customfield_1'],
      expand: ['names', 'changelog'],
    });
    expect(names).toEqual({ summary: 'Summary', customfield_1: 'Kickoff Date' });
    expect(jira.sent[0].body).toEqual({
      jql: 'project = A',
      fields: ['summary', 'customfield_1'],
      expand: 'names,changelog',
      maxResults: 100,
    });
  });

  it('never calls the removed /rest/api/3/search endpoint', async () => {
    const jira = scriptedJira([respond(200, sample('jira-cli/search.json'))]);
    await client(jira.fetch).searchAll({ jql: 'project = TEST', fields: FIELDS });
    expect(jira.sent.map((r) => r.path)).toEqual(['/rest/api/3/search/jql']);
  });

  it('fails instead of looping when Jira hands back the same token twice', async () => {
    const jira = scriptedJira([
      respond(200, { issues: [], isLast: false, nextPageToken: 'same' }),
      respond(200, { issues: [], isLast: false, nextPageToken: 'same' }),
    ]);
    await expect(client(jira.fetch).searchAll({ jql: 'x = 1', fields: FIELDS })).rejects.toThrow(
      /came back twice/,
    );
  });

  it('fails rather than returning part of the results when a page says more follow but has no token', async () => {
    const jira = scriptedJira([respond(200, { issues: [{ id: '1' }], isLast: false })]);
    const error: unknown = await client(jira.fetch)
      .searchAll({ jql: 'x = 1', fields: FIELDS })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toMatch(/isLast is false but no nextPageToken/);
  });

  it('rejects a response that is not a search page with a message naming the bad part', async () => {
    const jira = scriptedJira([respond(200, { issues: 'nope' })]);
    const error = (await client(jira.fetch)
      .searchAll({ jql: 'x = 1', fields: FIELDS })
      .catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('shape');
    expect(error.message).toContain('POST /rest/api/3/search/jql');
    expect(error.message).toContain('issues');
  });

  it('asks for the page size the caller gives, capped at the 5,000 Jira allows', async () => {
    const jira = scriptedJira([
      respond(200, { issues: [], isLast: true }),
      respond(200, { issues: [], isLast: true }),
    ]);
    await client(jira.fetch).searchAll({ jql: 'x = 1', fields: ['id'], maxResults: 20 });
    await client(jira.fetch).searchAll({ jql: 'x = 1', fields: ['id'], maxResults: 99999 });
    expect(jira.sent.map((r) => (r.body as { maxResults: number }).maxResults)).toEqual([20, 5000]);
  });
});

describe('largestPageSize', () => {
  it('is 5,000 when only issue ids or keys are requested', () => {
    expect(largestPageSize(['id'])).toBe(5000);
    expect(largestPageSize(['id', 'key'], ['names'])).toBe(5000);
  });

  it('is 100 once real fields or the changelog are on the page', () => {
    expect(largestPageSize(['summary'])).toBe(100);
    expect(largestPageSize(['id'], ['changelog'])).toBe(100);
    expect(largestPageSize(['status', 'customfield_10001'], ['names', 'changelog'])).toBe(100);
  });
});
