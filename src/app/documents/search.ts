// The implementations a macro's config view offers: a search by key or words, as the user.
import { z } from 'zod';
import type { ImplementationOptions, SearchImplementationsPayload } from '../../contracts/playbook';
import type { ResolverResult } from '../../contracts/result';
import { implementationSearchJql } from '../../domain/trends';
import { createJiraClient, HttpError } from '../../jira';
import { readConfig } from '../../storage';
import { siteIssueTypes } from '../shared';
import { failed, type DocumentIo } from './io';

/** The fields an implementation option shows (read leniently: a missing one shows empty). */
const OptionFields = z.object({
  summary: z.string().nullish(),
  status: z.object({ name: z.string() }).nullish(),
  project: z.object({ key: z.string() }).nullish(),
});

export async function searchImplementations(
  payload: SearchImplementationsPayload,
  io: DocumentIo,
): Promise<ResolverResult<ImplementationOptions>> {
  const jira = createJiraClient({ fetch: io.jiraFetch });
  let byKey = false;
  try {
    // Without the site's issue types the search falls back to the implementation label alone.
    const site = await siteIssueTypes(jira).catch(() => new Set<string>());
    const search = implementationSearchJql(payload.query, await readConfig(io.store), site);
    byKey = search.byKey;
    const jql = search.jql;
    const first = await jira
      .searchJql({ jql, fields: ['summary', 'status', 'project'], maxResults: 20 })
      .next();
    const issues = first.done ? [] : first.value.issues;
    return {
      ok: true,
      data: {
        implementations: issues.slice(0, 20).flatMap((i) => {
          if (i.key === undefined) return [];
          const f = OptionFields.safeParse(i.fields);
          return [
            {
              key: i.key,
              summary: f.success ? (f.data.summary ?? '') : '',
              status: f.success ? (f.data.status?.name ?? null) : null,
              project: f.success ? (f.data.project?.key ?? null) : null,
            },
          ];
        }),
      },
    };
  } catch (e) {
    if (byKey && e instanceof HttpError && e.status === 400)
      return { ok: true, data: { implementations: [] } };
    return failed(e);
  }
}
