// Resolver of the RAID log issue panel (jira:issuePanel `runway-raid-log`): parse the payload and
// the issue the panel is open on → the use case (src/app/raid) → its answer.
import Resolver from '@forge/resolver';
import { z } from 'zod';
import {
  createRaidItem,
  getRaidLog,
  getRaidTransitions,
  raidDeps,
  searchOwners,
  updateRaidItem,
} from '../app/raid';
import {
  CreateRaidItemPayload,
  GetRaidLogPayload,
  GetRaidTransitionsPayload,
  RAID_LOG_KEYS,
  SearchOwnersPayload,
  UpdateRaidItemPayload,
} from '../contracts/raid-log';
import { invalidRequest } from '../contracts/result';

const NO_ISSUE = {
  ok: false,
  error: 'The RAID log needs the issue it is open on (no issue in the Forge context).',
} as const;

const PanelContext = z.object({ extension: z.object({ issue: z.object({ key: z.string().min(1) }) }) });
/** The implementation the panel is open on, or null when the context has none. */
function issueOf(context: unknown): string | null {
  const parsed = PanelContext.safeParse(context);
  return parsed.success ? parsed.data.extension.issue.key : null;
}

const resolver = new Resolver();

resolver.define(RAID_LOG_KEYS.getRaidLog, async ({ payload, context }) => {
  const parsed = GetRaidLogPayload.safeParse(payload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  const issue = issueOf(context);
  return issue === null ? NO_ISSUE : getRaidLog(issue, await raidDeps());
});

resolver.define(RAID_LOG_KEYS.createRaidItem, async ({ payload, context }) => {
  const parsed = CreateRaidItemPayload.safeParse(payload);
  if (!parsed.success) return invalidRequest(parsed.error);
  const issue = issueOf(context);
  return issue === null ? NO_ISSUE : createRaidItem(issue, parsed.data, await raidDeps());
});

resolver.define(RAID_LOG_KEYS.updateRaidItem, async ({ payload, context }) => {
  const parsed = UpdateRaidItemPayload.safeParse(payload);
  if (!parsed.success) return invalidRequest(parsed.error);
  const issue = issueOf(context);
  return issue === null ? NO_ISSUE : updateRaidItem(issue, parsed.data, await raidDeps());
});

resolver.define(RAID_LOG_KEYS.getRaidTransitions, async ({ payload }) => {
  const parsed = GetRaidTransitionsPayload.safeParse(payload);
  if (!parsed.success) return invalidRequest(parsed.error);
  return getRaidTransitions(parsed.data.key, await raidDeps());
});

resolver.define(RAID_LOG_KEYS.searchOwners, async ({ payload }) => {
  const parsed = SearchOwnersPayload.safeParse(payload);
  if (!parsed.success) return invalidRequest(parsed.error);
  return searchOwners(parsed.data.query, await raidDeps());
});

export const raidLogResolver = resolver.getDefinitions();
