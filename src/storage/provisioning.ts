// The provisioning lock: at most one run creates Runway's issue types and fields at a time (an
// admin's click on the Settings page and the install trigger). A claim (./claim.ts): taken with a
// FAIL_IF_EXISTS write, and a lock left by a run that crashed is taken over, once stale, by a
// conditional write that only one of several callers wins. (The settings are in ./config.ts.)
import { takeClaim } from './claim';
import type { TypedStore } from './store';

const LOCK_NAME = 'provisioning';

/** A run that crashed leaves its lock; after this long it is taken over. */
export const STALE_PROVISIONING_LOCK_MS = 5 * 60_000;

export type LockOutcome =
  { taken: true; release: () => Promise<void> } | { taken: false; heldSince: number | null };

/**
 * Takes the lock at `now`: taken (release it when done), or held by a run that started at
 * `heldSince` (null when the holder's record could not be read).
 */
export async function takeProvisioningLock(store: TypedStore, now: number): Promise<LockOutcome> {
  const answer = await takeClaim(store, LOCK_NAME, {
    holder: 'provisioning',
    now,
    ttlMs: STALE_PROVISIONING_LOCK_MS,
  });
  if (answer.ok) return { taken: true, release: answer.claim.release };
  return {
    taken: false,
    heldSince: answer.heldBy === null ? null : answer.heldBy.until - STALE_PROVISIONING_LOCK_MS,
  };
}
