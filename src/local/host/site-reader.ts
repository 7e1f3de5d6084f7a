// What the product pages show of the site, read as the acting user through the site's own REST
// API (so Jira's and Confluence's permissions apply to the host's pages as they do on a real site).
import { z } from 'zod';
import type { HostUser, LocalForge } from './forge';
import type { IssueSummary } from './pages';

const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    summary: z.string().default(''),
    labels: z.array(z.string()).default([]),
    status: z.object({ name: z.string() }).optional(),
    issuetype: z.object({ id: z.string(), name: z.string() }).optional(),
    project: z
      .object({ id: z.string(), key: z.string(), name: z.string(), projectTypeKey: z.string().optional() })
      .optional(),
  }),
});
export type Issue = z.infer<typeof issueSchema>;

export const summary = (i: Issue): IssueSummary => ({
  key: i.key,
  summary: i.fields.summary,
  status: i.fields.status?.name ?? '',
  type: i.fields.issuetype?.name ?? '',
  project: { key: i.fields.project?.key ?? '', name: i.fields.project?.name ?? '' },
});

/** data-model.md's default rule: the label `implementation` or the issue type `Implementation`. */
export const isImplementation = (i: Issue): boolean =>
  i.fields.labels.some((l) => l.toLowerCase() === 'implementation') ||
  (i.fields.issuetype?.name ?? '').toLowerCase() === 'implementation';

export interface ProjectRef {
  id: string;
  key: string;
  name: string;
  type: string;
}

export interface ConfluencePageRef {
  id: string;
  title: string;
  space: { id: string; key: string };
  /** The body as ADF (a JSON string, as Confluence returns `atlas_doc_format`). */
  body?: string;
  /** The site's URL (`_links.base` without its /wiki): links to it are the host's own pages. */
  siteUrl?: string;
}

export type SiteReader = ReturnType<typeof createSiteReader>;

export function createSiteReader(forge: LocalForge) {
  async function rest(
    user: HostUser,
    method: string,
    pathWithQuery: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const answer = await forge.site.handle({
      method,
      path: pathWithQuery,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      accountId: user.accountId,
    });
    try {
      return { status: answer.status, json: answer.body ? (JSON.parse(answer.body) as unknown) : null };
    } catch {
      return { status: answer.status, json: null };
    }
  }

  async function search(user: HostUser, jql: string): Promise<Issue[]> {
    const out: Issue[] = [];
    let nextPageToken: string | undefined;
    for (let page = 0; page < 50; page += 1) {
      const r = await rest(user, 'POST', '/rest/api/3/search/jql', {
        jql,
        fields: ['summary', 'labels', 'status', 'issuetype', 'project'],
        maxResults: 100,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      if (r.status !== 200) return out;
      const parsed = z
        .object({ issues: z.array(issueSchema), nextPageToken: z.string().optional() })
        .safeParse(r.json);
      if (!parsed.success) return out;
      out.push(...parsed.data.issues);
      nextPageToken = parsed.data.nextPageToken;
      if (!nextPageToken) return out;
    }
    return out;
  }

  async function getIssue(user: HostUser, key: string): Promise<Issue | undefined> {
    const r = await rest(
      user,
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(key)}?fields=summary,labels,status,issuetype,project`,
    );
    const parsed = issueSchema.safeParse(r.json);
    return r.status === 200 && parsed.success ? parsed.data : undefined;
  }

  async function projects(user: HostUser): Promise<ProjectRef[]> {
    const r = await rest(user, 'GET', '/rest/api/3/project');
    const parsed = z
      .array(
        z.object({
          id: z.string(),
          key: z.string(),
          name: z.string(),
          projectTypeKey: z.string().default('software'),
        }),
      )
      .safeParse(r.json);
    return parsed.success
      ? parsed.data.map((p) => ({ id: p.id, key: p.key, name: p.name, type: p.projectTypeKey }))
      : [];
  }

  async function confluencePages(
    user: HostUser,
  ): Promise<Array<{ id: string; title: string; spaceId: string }>> {
    const r = await rest(user, 'GET', '/wiki/api/v2/pages?limit=250');
    const parsed = z
      .object({ results: z.array(z.object({ id: z.string(), title: z.string(), spaceId: z.string() })) })
      .safeParse(r.json);
    return parsed.success ? parsed.data.results : [];
  }

  async function confluencePage(user: HostUser, id: string): Promise<ConfluencePageRef | undefined> {
    const r = await rest(
      user,
      'GET',
      `/wiki/api/v2/pages/${encodeURIComponent(id)}?body-format=atlas_doc_format`,
    );
    const page = z
      .object({
        id: z.string(),
        title: z.string(),
        spaceId: z.string(),
        body: z.object({ atlas_doc_format: z.object({ value: z.string() }).optional() }).optional(),
        _links: z.object({ base: z.string().optional() }).optional(),
      })
      .safeParse(r.json);
    if (r.status !== 200 || !page.success) return undefined;
    const s = await rest(user, 'GET', `/wiki/api/v2/spaces/${encodeURIComponent(page.data.spaceId)}`);
    const space = z.object({ id: z.string(), key: z.string() }).safeParse(s.json);
    return {
      id: page.data.id,
      title: page.data.title,
      space: space.success ? space.data : { id: page.data.spaceId, key: '' },
      body: page.data.body?.atlas_doc_format?.value,
      siteUrl: page.data._links?.base?.replace(/\/wiki\/?$/, ''),
    };
  }

  /** Implementations the user can see (data-model.md defaults); a search Jira refuses (no such type) finds none. */
  async function implementations(user: HostUser): Promise<Issue[]> {
    const byKey = new Map<string, Issue>();
    for (const jql of [
      'labels = implementation ORDER BY key ASC',
      'issuetype = Implementation ORDER BY key ASC',
    ]) {
      for (const issue of await search(user, jql)) if (isImplementation(issue)) byKey.set(issue.key, issue);
    }
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  }

  /**
   * Jira's issue search page: the first 100 issues of `jql` as the user, or Jira's own words for
   * a query it refuses (a project the user cannot see reads as one that does not exist).
   */
  async function searchPage(
    user: HostUser,
    jql: string,
  ): Promise<{ ok: true; issues: Issue[]; more: boolean } | { ok: false; error: string }> {
    const r = await rest(user, 'POST', '/rest/api/3/search/jql', {
      jql,
      fields: ['summary', 'labels', 'status', 'issuetype', 'project'],
      maxResults: 100,
    });
    const parsed = z
      .object({ issues: z.array(issueSchema), nextPageToken: z.string().optional() })
      .safeParse(r.json);
    if (r.status === 200 && parsed.success)
      return { ok: true, issues: parsed.data.issues, more: parsed.data.nextPageToken !== undefined };
    const messages = z.object({ errorMessages: z.array(z.string()) }).safeParse(r.json);
    return {
      ok: false,
      error: messages.success ? messages.data.errorMessages.join(' ') : `Jira answered ${r.status}.`,
    };
  }

  return { rest, search, searchPage, getIssue, projects, confluencePages, confluencePage, implementations };
}
