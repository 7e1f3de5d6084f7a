// The provisioning lock: at most one run creates Runway's issue types and fields at a time (an
// admin's click on the Settings page and the install trigger). Taken with a FAIL_IF_EXISTS write;
// a lock left by a run that crashed is taken over once stale. (The settings are in ./config.ts.)
import { z } from 'zod';
import type { TypedStore } from './store';

const LOCK_KEY = 'lock:provisioning';
export const ProvisioningLock = z.object({ at: z.number() });
export type ProvisioningLock = z.infer<typeof ProvisioningLock>;

/** A run that crashed leaves its lock; after this long it is taken over. */
export const STALE_PROVISIONING_LOCK_MS = 5 * 60_000;

export type LockOutcome = { taken: true } | { taken: false; heldSince: number | null };

/**
 * Takes the lock at `now`: taken, or held by a run that started at `heldSince` (null when the
 * holder let go or took it over between our two reads).
 */
export async function takeProvisioningLock(store: TypedStore, now: number): Promise<LockOutcome> {
  if (await store.create(LOCK_KEY, ProvisioningLock, { at: now })) return { taken: true };
  const held = await store.get(LOCK_KEY, ProvisioningLock);
  if (held !== undefined && now - held.at < STALE_PROVISIONING_LOCK_MS)
    return { taken: false, heldSince: held.at };
  // Stale (or just released): delete and claim again; a second taker loses the FAIL_IF_EXISTS race.
  await store.delete(LOCK_KEY);
  return (await store.create(LOCK_KEY, ProvisioningLock, { at: now }))
    ? { taken: true }
    : { taken: false, heldSince: null };
}

export async function releaseProvisioningLock(store: TypedStore): Promise<void> {
  await store.delete(LOCK_KEY);
}
