/**
 * A fake Jira site holding the issues of the worked example shared/spec/examples/portfolio-paged.json,
 * answering like Jira Cloud: only the requested fields, `names` for them, embedded changelogs
 * cut to the most recent histories (so completion is needed), bulkfetch filtered to fieldIds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FetchLike, IssueWire, SearchPage } from '../../src/jira';
import { BULK_CHANGELOG_PATH, SEARCH_PATH } from '../../src/jira';
import { respond, routedJira, toResponse, type FakeResponse, type SentRequest } from './fake-jira';

export const EXAMPLE_FILE = path.resolve(__dirname, '../../../shared/spec/examples/portfolio-paged.json');
export const examplePages = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as SearchPage[];
export const exampleIssues = examplePages.flatMap((p) => p.issues);
export const exampleNames = Object.assign({}, ...examplePages.map((p) => p.names)) as Record<string, string>;

/** Jira embeds only the most recent histories; this site keeps one, so most issues need completing. */
export const EMBEDDED_HISTORIES = 1;

function answer(req: SentRequest): FakeResponse {
  if (req.path === '/rest/api/3/field') {
    return respond(200, [
      ...Object.entries(exampleNames).map(([id, name]) => ({
        id,
        name,
        custom: id.startsWith('customfield_'),
      })),
      { id: 'customfield_99999', name: 'Unrelated', custom: true },
    ]);
  }
  if (req.path === SEARCH_PATH) {
    const body = req.body as { jql: string; fields: string[]; maxResults: number; nextPageToken?: string };
    const unknown = /project\s*=\s*NOPE/i.test(body.jql);
    if (unknown)
      return respond(400, {
        errorMessages: ["The value 'NOPE' does not exist for the field 'project'."],
        errors: {},
      });
    const start = Number(body.nextPageToken ?? 0);
    const end = Math.min(exampleIssues.length, start + Math.min(body.maxResults, 100));
    const issues = exampleIssues.slice(start, end).map((issue): IssueWire => {
      const all = issue.changelog!.histories;
      const fields = Object.fromEntries(
        body.fields.filter((f) => f in issue.fields!).map((f) => [f, issue.fields![f]]),
      );
      return {
        ...issue,
        fields,
        changelog: {
          startAt: 0,
          maxResults: EMBEDDED_HISTORIES,
          total: all.length,
          histories: all.slice(0, EMBEDDED_HISTORIES),
        },
      };
    });
    const names = Object.fromEntries(
      body.fields.filter((f) => f in exampleNames).map((f) => [f, exampleNames[f]]),
    );
    return respond(
      200,
      end < exampleIssues.length
        ? { issues, names, isLast: false, nextPageToken: String(end) }
        : { issues, names, isLast: true },
    );
  }
  if (req.path === BULK_CHANGELOG_PATH) {
    const body = req.body as { issueIdsOrKeys: string[]; fieldIds: string[] };
    return respond(200, {
      issueChangeLogs: body.issueIdsOrKeys.map((issueId) => ({
        issueId,
        changeHistories: exampleIssues
          .find((i) => i.id === issueId)!
          .changelog!.histories.map((h) => ({
            ...h,
            items: h.items.filter((it) => body.fieldIds.includes(it.fieldId ?? '')),
          }))
          .filter((h) => h.items.length > 0),
      })),
    });
  }
  return respond(404, { errorMessages: [`no route ${req.path}`] });
}

/** The site as a HttpFetch (client tests). */
export function exampleSite() {
  return routedJira(answer);
}

export const SITE_URL = 'https://acme.atlassian.net';
export const EMAIL = 'priya@acme.example';
export const TOKEN = 'right-token';

/** The site behind basic auth, as the `fetch` the command line uses. */
export function exampleSiteFetch(): { fetch: FetchLike; sent: SentRequest[] } {
  const site = routedJira(answer);
  const expected = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;
  const fetch: FetchLike = async (url, init) => {
    if (!url.startsWith(`${SITE_URL}/`)) {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(url).hostname}`), {
          code: 'ENOTFOUND',
        }),
      });
    }
    if (init.headers.Authorization !== expected) {
      return toResponse({ status: 401, text: 'Client must be authenticated to access this resource.' });
    }
    return site.fetch(url.slice(SITE_URL.length), init);
  };
  return { fetch, sent: site.sent };
}
