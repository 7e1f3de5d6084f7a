// What the RAID log's editors offer: an item's workflow transitions, and people to own an item.
import type { Owners, RaidTransition } from '../../contracts/raid-log';
import type { ResolverResult } from '../../contracts/result';
import { jiraWords } from '../shared';
import type { RaidDeps } from './load';

export async function getRaidTransitions(
  key: string,
  deps: RaidDeps,
): Promise<ResolverResult<RaidTransition[]>> {
  try {
    const transitions = await deps.jira.getTransitions(key);
    return { ok: true, data: transitions.map((t) => ({ id: t.id, name: t.name, to: t.to?.name ?? t.name })) };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

export async function searchOwners(rawQuery: string, deps: RaidDeps): Promise<ResolverResult<Owners>> {
  const query = rawQuery.trim();
  try {
    const users = query === '' ? [await deps.jira.myself()] : await deps.jira.searchUsers(query);
    return {
      ok: true,
      data: users.map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId })),
    };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}
