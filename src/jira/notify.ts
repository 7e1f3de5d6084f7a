/**
 * What the daily alerts send and check, as the app: Jira's notify API (one email per digest,
 * `POST /rest/api/3/issue/{issueIdOrKey}/notify`), the bulk permission check for another user
 * (`POST /rest/api/3/permissions/check`: which issues can this person browse?) and group
 * members (approver groups). Over the same Transport as the client, so 429s are waited out.
 */
import { z } from 'zod';
import { jiraPath, withQuery } from './path';
import type { Transport } from '../http';

/** The body of notify (components/schemas/Notification), as Runway sends it. */
export interface IssueNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  to: { users: Array<{ accountId: string }> };
  /** Jira itself drops any recipient without these (belt and braces after the permission check). */
  restrict: { permissions: Array<{ key: string }> };
}

/** The permission check takes at most 1000 issue ids per call (the operation's documentation). */
export const PERMISSION_CHECK_MAX_ISSUES = 1000;

const BulkPermissionGrantsSchema = z.looseObject({
  globalPermissions: z.array(z.string()),
  projectPermissions: z.array(
    z.looseObject({
      permission: z.string(),
      issues: z.array(z.number()),
      projects: z.array(z.number()),
    }),
  ),
});

const GroupMembersPageSchema = z.looseObject({
  values: z.array(z.looseObject({ accountId: z.string(), active: z.boolean().optional() })),
  isLast: z.boolean().optional(),
});

/** Sends one notification about an issue. Not retried after a failure that may have sent it. */
export async function notifyIssue(t: Transport, issueIdOrKey: string, n: IssueNotification): Promise<void> {
  await t.request('POST', jiraPath`/rest/api/3/issue/${issueIdOrKey}/notify`, { body: n, idempotent: false });
}

/** The ids of `issueIds` that `accountId` may browse (ids Jira does not know are left out). */
export async function browsableIssueIds(
  t: Transport,
  accountId: string,
  issueIds: readonly string[],
): Promise<Set<string>> {
  const visible = new Set<string>();
  const ids = [...new Set(issueIds)].map(Number).filter((n) => Number.isInteger(n) && n > 0);
  for (let i = 0; i < ids.length; i += PERMISSION_CHECK_MAX_ISSUES) {
    const grants = await t.json('POST', '/rest/api/3/permissions/check', BulkPermissionGrantsSchema, {
      body: {
        accountId,
        projectPermissions: [
          { permissions: ['BROWSE_PROJECTS'], issues: ids.slice(i, i + PERMISSION_CHECK_MAX_ISSUES) },
        ],
      },
    });
    for (const p of grants.projectPermissions)
      if (p.permission === 'BROWSE_PROJECTS') for (const id of p.issues) visible.add(String(id));
  }
  return visible;
}

/** The active members of a group, every page; an unknown group has none. */
export async function groupMemberIds(t: Transport, groupName: string): Promise<string[]> {
  const out: string[] = [];
  for (let startAt = 0; ;) {
    const { status, body } = await t.request(
      'GET',
      withQuery('/rest/api/3/group/member', { groupname: groupName, startAt, maxResults: 50 }),
      { accept: [404] },
    );
    if (status === 404) return out;
    const page = GroupMembersPageSchema.parse(body);
    for (const u of page.values) if (u.active !== false) out.push(u.accountId);
    startAt += page.values.length;
    if (page.isLast !== false || page.values.length === 0) return out;
  }
}
