/**
 * A person's name as Jira shows it to the caller (`GET /rest/api/3/user?accountId=`, read:jira-user):
 * stored records keep account ids only, and names are looked up when shown. Null when Jira does not
 * know the account (404) or will not say.
 */
import { z } from 'zod';
import type { Transport } from '../http';
import { withQuery } from './path';

const UserName = z.looseObject({ displayName: z.string().optional() });

export async function displayNameOf(t: Transport, accountId: string): Promise<string | null> {
  const { status, body } = await t.request('GET', withQuery('/rest/api/3/user', { accountId }), {
    accept: [404],
  });
  if (status === 404) return null;
  const parsed = UserName.safeParse(body);
  return parsed.success && parsed.data.displayName ? parsed.data.displayName : null;
}
