// Before each weekly page, published as the app: may the person who set the schedule up still
// publish it themselves? Jira: may they still browse the implementation (bulk permission check for
// another user, POST /rest/api/3/permissions/check)? Confluence: may they still add pages where it
// goes (v1 content permission check for another user; see src/confluence/permission.ts)? The app
// must not publish, in its own name, what its owner could no longer read or write.
import { checkContentPermission, type ContentPermission } from '../../confluence';
import { createTransport, HttpError } from '../../http';
import { createJiraClient } from '../../jira';
import { browsableIssueIds } from '../../jira/notify';
import type { WeeklyStatus } from '../../storage';
import type { Ports } from '../ports';

export type WeeklyCheck = { ok: true; implementationId: string } | { ok: false; reason: string };

const WHO = 'The person who set this up';

/** The implementation's issue id (Jira's permission check takes ids), as the app. */
async function implementationId(sub: WeeklyStatus, io: Ports): Promise<string | null> {
  if (sub.implementationId !== undefined) return sub.implementationId;
  try {
    const issue = await createJiraClient({ fetch: io.jiraFetch }).getIssue(sub.implementationKey, {
      fields: ['summary'],
    });
    return issue.id ?? null;
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) return null;
    throw e;
  }
}

export async function mayStillPublish(sub: WeeklyStatus, io: Ports): Promise<WeeklyCheck> {
  const id = await implementationId(sub, io);
  if (id === null) return { ok: false, reason: `${sub.implementationKey} no longer exists in Jira.` };
  const jira = createTransport({ fetch: io.jiraFetch, product: 'jira' });
  if (!(await browsableIssueIds(jira, sub.by, [id])).has(id))
    return {
      ok: false,
      reason: `${WHO} can no longer see ${sub.implementationKey} in Jira, so its report is not published in their name.`,
    };
  // Confluence has no "create" to check: the space's Add pages permission is also what lets a
  // person edit a page, so "update" of last week's page (made by Runway, with no restrictions of
  // its own) answers "may they still add pages here?"; before the first, the macro's page.
  let answer: ContentPermission = { missing: true };
  if (sub.lastPageId !== undefined)
    answer = await checkContentPermission(io.confluenceFetch, sub.lastPageId, sub.by, 'update');
  if ('missing' in answer)
    answer = await checkContentPermission(io.confluenceFetch, sub.parentId, sub.by, 'update');
  if ('missing' in answer)
    return { ok: false, reason: 'The page holding the macro no longer exists in Confluence.' };
  if (!answer.hasPermission)
    return {
      ok: false,
      reason: `${WHO} can no longer add pages here${answer.reasons.length === 0 ? '' : ` (Confluence: ${answer.reasons.join('; ')})`}.`,
    };
  return { ok: true, implementationId: id };
}
