/**
 * Jira's people and groups as the Settings page picks approvers, over the caller's identity (the
 * page searches as the admin): user search, users by account id (names of the configured
 * approvers), and the group picker. https://developer.atlassian.com/cloud/jira/platform/rest/v3/
 */
import { z } from 'zod';
import { createTransport, type HttpFetch } from '../http';
import { withQuery } from './path';

const UserWire = z.looseObject({
  accountId: z.string(),
  accountType: z.string().optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  active: z.boolean().optional(),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});
type UserWire = z.output<typeof UserWire>;

/** A person as the pickers show one. */
export interface DirectoryUser {
  accountId: string;
  displayName: string;
  email: string | null;
  avatarUrl: string | null;
  active: boolean;
}

/** A Jira group as the picker shows one (approvers are stored by group name). */
export interface DirectoryGroup {
  name: string;
  groupId: string | null;
}

const toUser = (u: UserWire): DirectoryUser => ({
  accountId: u.accountId,
  displayName: u.displayName ?? u.accountId,
  email: u.emailAddress ?? null,
  avatarUrl: u.avatarUrls?.['24x24'] ?? u.avatarUrls?.['48x48'] ?? null,
  active: u.active !== false,
});

/** People (not apps) matching a name or email prefix: `GET /rest/api/3/user/search`. */
export async function searchPeople(
  fetch: HttpFetch,
  query: string,
  maxResults = 20,
): Promise<DirectoryUser[]> {
  const found = await createTransport({ fetch }).json(
    'GET',
    withQuery('/rest/api/3/user/search', { query, maxResults }),
    z.array(UserWire),
  );
  return found
    .filter((u) => (u.accountType ?? 'atlassian') === 'atlassian' && u.active !== false)
    .map(toUser);
}

const UserPage = z.looseObject({ values: z.array(UserWire).default([]) });
/** `GET /rest/api/3/user/bulk` takes up to this many `accountId`s a call. */
const BULK_USERS = 90;

/** The people of these account ids (names of configured approvers); an unknown id is left out. */
export async function usersByAccountId(
  fetch: HttpFetch,
  accountIds: readonly string[],
): Promise<DirectoryUser[]> {
  const t = createTransport({ fetch });
  const ids = [...new Set(accountIds)];
  const out: DirectoryUser[] = [];
  for (let i = 0; i < ids.length; i += BULK_USERS) {
    const chunk = ids.slice(i, i + BULK_USERS);
    // The endpoint repeats `accountId` once per id (withQuery would join them with commas).
    const query = new URLSearchParams({ maxResults: String(chunk.length) });
    for (const id of chunk) query.append('accountId', id);
    const page = await t.json('GET', `/rest/api/3/user/bulk?${query.toString()}`, UserPage);
    out.push(...page.values.map(toUser));
  }
  return out;
}

const FoundGroups = z.looseObject({
  groups: z.array(z.looseObject({ name: z.string(), groupId: z.string().nullable().optional() })).default([]),
});

/** Groups whose name contains `query`: `GET /rest/api/3/groups/picker`. */
export async function searchGroups(
  fetch: HttpFetch,
  query: string,
  maxResults = 20,
): Promise<DirectoryGroup[]> {
  const found = await createTransport({ fetch }).json(
    'GET',
    withQuery('/rest/api/3/groups/picker', { query, maxResults, caseInsensitive: true }),
    FoundGroups,
  );
  return found.groups.map((g) => ({ name: g.name, groupId: g.groupId ?? null }));
}
