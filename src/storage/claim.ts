// Claims: a lease, a lock or an idempotency key that at most one caller holds at a time.
// A claim is a series of generations `claim:<name>:00000001`, `…:00000002`, each written once with
// keyPolicy FAIL_IF_EXISTS (as the entries of ./log.ts). Taking a free name creates generation 1;
// taking over an expired or released claim creates generation n + 1, the same key for every caller
// that saw generation n, so the storage service lets exactly one of them have it and the others are
// refused: a takeover is a conditional write, never a plain one. (@forge/kvs has no compare-and-set
// on a key's value: transaction conditions apply to custom entities only.) Generations are never
// deleted: a deleted one could be created again by a caller that read an older state.
import { z } from 'zod';
import { storageKey, type TypedStore } from './store';

const GEN_DIGITS = 8;

/** One generation of a claim: who holds it and until when (epoch ms; 0 once released). */
export const ClaimRecord = z.object({ holder: z.string(), until: z.number() });
export type ClaimRecord = z.infer<typeof ClaimRecord>;
const headSchema = z.number().int().min(0);

export interface HeldClaim {
  readonly name: string;
  readonly generation: number;
  /** Gives the claim up at once (the next caller takes it over without waiting for it to expire). */
  release(): Promise<void>;
}

export type ClaimAnswer = { ok: true; claim: HeldClaim } | { ok: false; heldBy: ClaimRecord | null };

export interface ClaimRequest {
  /** Who takes it (shown to the callers it refuses). */
  holder: string;
  /** The clock of the caller, epoch ms. */
  now: number;
  /** How long the claim is held unless released first. */
  ttlMs: number;
}

const prefixOf = (name: string) => `${storageKey('claim', name)}:`;
const generationKey = (name: string, generation: number) =>
  `${prefixOf(name)}${String(generation).padStart(GEN_DIGITS, '0')}`;
const headKey = (name: string) => storageKey('claimhead', name);

/** The last generation of a claim (0 and null when it was never taken). */
async function latest(
  store: TypedStore,
  name: string,
): Promise<{ generation: number; record: ClaimRecord | null }> {
  // The head is only a hint (it may lag behind): the generations themselves decide.
  let generation = (await store.get(headKey(name), headSchema)) ?? 0;
  let record =
    generation > 0 ? ((await store.get(generationKey(name, generation), ClaimRecord)) ?? null) : null;
  for (;;) {
    const next = await store.get(generationKey(name, generation + 1), ClaimRecord);
    if (next === undefined) return { generation, record };
    generation += 1;
    record = next;
  }
}

/**
 * Takes the claim `name` if nobody holds it, or takes over one that expired or was released.
 * Of any number of callers at the same moment, exactly one gets `ok: true`.
 */
export async function takeClaim(
  store: TypedStore,
  name: string,
  request: ClaimRequest,
): Promise<ClaimAnswer> {
  const last = await latest(store, name);
  if (last.record !== null && last.record.until > request.now) return { ok: false, heldBy: last.record };
  const generation = last.generation + 1;
  const key = generationKey(name, generation);
  const mine: ClaimRecord = { holder: request.holder, until: request.now + request.ttlMs };
  if (!(await store.create(key, ClaimRecord, mine)))
    return { ok: false, heldBy: (await store.get(key, ClaimRecord)) ?? null };
  await store.set(headKey(name), headSchema, generation);
  return {
    ok: true,
    claim: {
      name,
      generation,
      // Only the holder writes its own generation; releasing one already taken over changes nothing.
      release: () => store.set(key, ClaimRecord, { ...mine, until: 0 }),
    },
  };
}

/** Who holds the claim `name` now, or null when nobody does. */
export async function claimHolder(store: TypedStore, name: string, now: number): Promise<ClaimRecord | null> {
  const { record } = await latest(store, name);
  return record !== null && record.until > now ? record : null;
}
