// One start per implementation name: before the duplicate check and the create, a call takes the
// claim of (project, implementation name) (src/storage/claim.ts, FAIL_IF_EXISTS). Checking "no
// implementation of this name" then creating is two steps: without the claim, requests made at the
// same moment (a double click in two tabs, a retry with a fresh requestId) each see none and each
// create an epic. Of such requests exactly one creates; the others wait for it and answer with
// what it created.
import type { StartOutcome } from '../../../contracts/implementations';
import type { ResolverResult } from '../../../contracts/result';
import { implementationName } from '../../../domain/playbooks/start-input';
import {
  readStartRecord,
  startNameClaimName,
  takeClaim,
  type HeldClaim,
  type StartRecord,
} from '../../../storage';
import type { StartDeps } from './deps';
import { outcome } from './issues';
import type { Planned } from './plan';
import { namesakeProblem } from './site';

/** How long the name is held unless released first (the holder releases it when it stops). */
export const NAME_LEASE_MS = 30_000;
/** How long a call waits for another request creating the same implementation (inside Forge's 25 s). */
const WAIT_MS = 20_000;
const POLL_MS = 150;

export const BEING_CREATED =
  'This implementation is being created right now: wait a few seconds, then reload the page.';

export interface NameClaimInput {
  project: string;
  requestId: string;
  planned: Planned;
  /** The request as planned: the winner's result answers only a request for the same thing. */
  fingerprint: string;
}

export type NameClaim = { ok: true; claim: HeldClaim } | { ok: false; answer: ResolverResult<StartOutcome> };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Takes the implementation name's claim, or waits for the request holding it and answers with its
 * result: the same epic when it asked for the same thing, else the namesake refusal naming it.
 */
export async function claimImplementationName(input: NameClaimInput, deps: StartDeps): Promise<NameClaim> {
  const name = startNameClaimName(input.project, implementationName(input.planned.plan.epic.summary));
  const deadline = deps.now().getTime() + WAIT_MS;
  /** The request that holds (or held) the name while this call waits. */
  let winner: string | null = null;
  for (;;) {
    if (winner !== null) {
      const answer = await winnersAnswer(input, deps, winner, false);
      if (answer !== null) return { ok: false, answer };
    }
    const taken = await takeClaim(deps.store, name, {
      holder: input.requestId,
      now: deps.now().getTime(),
      ttlMs: NAME_LEASE_MS,
    });
    if (taken.ok) {
      // The request waited for stopped (out of time, or Jira refused some children): its epic
      // stands, so answer with it rather than check and create again.
      const answer = winner === null ? null : await winnersAnswer(input, deps, winner, true);
      if (answer === null) return taken;
      await taken.claim.release();
      return { ok: false, answer };
    }
    const holder: string | null = taken.heldBy?.holder ?? winner;
    // The same request running twice at once: the existing request lease tells the retry to wait.
    if (holder === null || holder === input.requestId) return { ok: false, answer: fail(BEING_CREATED) };
    winner = holder;
    if (deps.now().getTime() >= deadline) return { ok: false, answer: fail(BEING_CREATED) };
    await sleep(POLL_MS);
  }
}

const fail = (error: string) => ({ ok: false as const, error });

/** The winner's result once it is final (complete, or `stopped`), else null. */
async function winnersAnswer(
  input: NameClaimInput,
  deps: StartDeps,
  winner: string,
  stopped: boolean,
): Promise<ResolverResult<StartOutcome> | null> {
  const record: StartRecord | undefined = await readStartRecord(deps.store, input.project, winner);
  if (!record?.epic || !(record.complete || stopped)) return null;
  if (record.request !== input.fingerprint) return fail(namesakeProblem(record.epic.key, input.project));
  return { ok: true, data: outcome(input.planned.plan, record, [], true) };
}
