// The weekly status publications: which implementation's report goes under which Confluence page,
// who asked for it, the last ISO week published (so a trigger that runs daily, or twice, publishes
// once per week), and whether it is paused (its owner may no longer publish) or stopped. People
// are account ids only.
import { z } from 'zod';
import type { TypedStore } from './store';

const KEY = 'status:weekly';

export const WeeklyStatus = z.object({
  implementationKey: z.string().min(1),
  spaceId: z.string().min(1),
  /** The page holding the macro: each week's page is its child. */
  parentId: z.string().min(1),
  periodDays: z.number().int().positive(),
  /** Where issue keys link to (the site the macro was on). */
  siteUrl: z.string(),
  /** Who turned it on (accountId), and when. */
  by: z.string().min(1),
  since: z.string(),
  /** The implementation's issue id, for Jira's permission check for `by` (ids only). */
  implementationId: z.string().optional(),
  /** The last ISO week published (`2026-W49`), its page, title, address and day. */
  lastWeek: z.string().optional(),
  lastPageId: z.string().optional(),
  lastTitle: z.string().optional(),
  lastUrl: z.string().optional(),
  lastPublishedOn: z.string().optional(),
  /** Skipped since `at`: `by` may no longer publish here (re-checked each run, resumes by itself). */
  paused: z.object({ reason: z.string(), at: z.string() }).optional(),
  /** Stopped by someone (accountId) on a day: the scheduled function skips it. */
  stopped: z.object({ by: z.string().min(1), at: z.string() }).optional(),
});
export type WeeklyStatus = z.infer<typeof WeeklyStatus>;
const WeeklyStatuses = z.array(WeeklyStatus).max(500);

export const readWeeklyStatuses = async (store: TypedStore): Promise<WeeklyStatus[]> =>
  (await store.get(KEY, WeeklyStatuses)) ?? [];

export const writeWeeklyStatuses = (store: TypedStore, list: WeeklyStatus[]) =>
  store.set(KEY, WeeklyStatuses, list);

/** One publication per macro page and implementation. */
export const sameWeekly = (a: WeeklyStatus, b: Pick<WeeklyStatus, 'parentId' | 'implementationKey'>) =>
  a.parentId === b.parentId && a.implementationKey === b.implementationKey;
