// What the weekly personal data report keeps between runs: the markers it handed out to closed
// accounts whose records are not all rewritten yet (so a run that stopped early goes on with the same
// markers), the number the next marker gets, and what the last run did (the host's privacy page).
import { z } from 'zod';
import type { MarkerPlan } from '../domain/privacy';
import { takeClaim, type HeldClaim } from './claim';
import type { TypedStore } from './store';

const PLAN_KEY = 'privacy:markers';
const RUN_KEY = 'privacy:run:last';

const MarkerPlanSchema = z.object({
  next: z.number().int().min(1),
  pending: z.record(z.string(), z.string()),
});

export const readMarkerPlan = async (store: TypedStore): Promise<MarkerPlan> =>
  (await store.get(PLAN_KEY, MarkerPlanSchema)) ?? { next: 1, pending: {} };

export const writeMarkerPlan = (store: TypedStore, plan: MarkerPlan) =>
  store.set(PLAN_KEY, MarkerPlanSchema, plan);

export const PrivacyRun = z.object({
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
  /** Account ids reported. */
  reported: z.number().int(),
  /** Of those, the ones the report answered closed. */
  closed: z.number().int(),
  /** Stored values rewritten with a marker (or without a stored name), and deleted (alert bookkeeping). */
  rewritten: z.number().int(),
  deleted: z.number().int(),
  /** Values left for the next run, with why. */
  later: z.array(z.string()),
  failures: z.array(z.string()),
  /** Set when the run stopped early (deadline or error): the next run goes on. */
  incomplete: z.string().optional(),
});
export type PrivacyRun = z.infer<typeof PrivacyRun>;

export const readLastPrivacyRun = (store: TypedStore) => store.get(RUN_KEY, PrivacyRun);
export const writeLastPrivacyRun = (store: TypedStore, run: PrivacyRun) =>
  store.set(RUN_KEY, PrivacyRun, run);

/** Longer than the function runs (900 s): a claim this old was left by a run that died. */
export const PRIVACY_RUN_TTL_MS = 16 * 60_000;

/** One run at a time (the markers' counter is read, then written). */
export async function takePrivacyRun(store: TypedStore, now: number): Promise<HeldClaim | null> {
  const answer = await takeClaim(store, 'privacy-report', {
    holder: 'privacy-report',
    now,
    ttlMs: PRIVACY_RUN_TTL_MS,
  });
  return answer.ok ? answer.claim : null;
}
