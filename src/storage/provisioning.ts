// Provisioning in app storage. The lock: at most one invocation creates Runway's issue types and
// fields at a time (a claim, ./claim.ts: taken with a FAIL_IF_EXISTS write; a lock left by an
// invocation that died is taken over, once stale, by a conditional write only one caller wins).
// The run: one small record with the plan and what is still to do, written after every item, so
// the queue consumer that does the work can stop and be resumed, and the Settings page can show
// progress (src/app/provisioning.ts). (The settings are in ./config.ts.)
import { z } from 'zod';
import { claimHolder, takeClaim } from './claim';
import type { TypedStore } from './store';

const LOCK_NAME = 'provisioning';

/**
 * An invocation that died leaves its lock; after this long it is taken over. The consumer runs at
 * most this long (manifest: provision-consumer-fn `timeoutSeconds: 300`), so a live one is
 * never taken over.
 */
export const STALE_PROVISIONING_LOCK_MS = 5 * 60_000;

export type LockOutcome =
  | { taken: true; release: () => Promise<void> }
  | { taken: false; heldSince: number | null; holder: string | null };

/**
 * Takes the lock at `now` for `holder`: taken (release it when done), or held by `holder` since
 * `heldSince` (both null when the holder's record could not be read).
 */
export async function takeProvisioningLock(
  store: TypedStore,
  now: number,
  holder = 'provisioning',
): Promise<LockOutcome> {
  const answer = await takeClaim(store, LOCK_NAME, {
    holder,
    now,
    ttlMs: STALE_PROVISIONING_LOCK_MS,
  });
  if (answer.ok) return { taken: true, release: answer.claim.release };
  return {
    taken: false,
    heldSince: answer.heldBy === null ? null : answer.heldBy.until - STALE_PROVISIONING_LOCK_MS,
    holder: answer.heldBy?.holder ?? null,
  };
}

/** Since when the lock is held at `now`, or null when it is free. */
export async function provisioningLockHeldSince(store: TypedStore, now: number): Promise<number | null> {
  const held = await claimHolder(store, LOCK_NAME, now);
  return held === null ? null : held.until - STALE_PROVISIONING_LOCK_MS;
}

export const StoredProvisioningItem = z.object({
  kind: z.enum(['issueType', 'field']),
  key: z.string(),
  name: z.string(),
  status: z.enum(['exists', 'missing', 'created', 'failed']),
  id: z.string().nullable(),
  detail: z.string(),
});

export const ProvisioningRun = z.object({
  /** Each request starts a run with a new id; a queue event names the run it continues. */
  id: z.string().min(1),
  /** `app` (install or upgrade) or the accountId of the administrator who asked. */
  requestedBy: z.string(),
  requestedAt: z.number().int(),
  /** Last sign of life: the request, each item done, each hand-over to the next invocation. */
  touchedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  /** What the site had when the run looked (first invocation), updated item by item; null before. */
  items: z.array(StoredProvisioningItem).nullable(),
  /** The items (`kind:key`) still to do, in order. */
  pending: z.array(z.string()),
  /** How many items the run had to do when it looked. */
  planned: z.number().int().min(0),
  /** Why the run stopped without doing its items (Jira could not be read), or null. */
  error: z.string().nullable(),
});
export type ProvisioningRun = z.infer<typeof ProvisioningRun>;

const RUN_KEY = 'provisioning:run';

export const readProvisioningRun = (store: TypedStore) => store.get(RUN_KEY, ProvisioningRun);
export const writeProvisioningRun = (store: TypedStore, run: ProvisioningRun) =>
  store.set(RUN_KEY, ProvisioningRun, run);
