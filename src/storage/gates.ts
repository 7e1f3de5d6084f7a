// The stage gates' audit record: one append-only log per implementation (sign-offs, rejections,
// overrides, evidence added or removed), keyed by the implementation's issue id, which survives a
// move to another project. Entries are AuditRecordSchema (the domain's record), parsed on read.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock';
import { AuditRecordSchema } from '../domain/gates/audit';
import { handoverLinkGlobalId } from '../domain/handover/link';
import { listPublishedPages } from './documents';
import { takeClaim } from './claim';
import { appendOnlyLog } from './log';
import type { TypedStore } from './store';

/** The log's name for an implementation (its issue id, else its key). */
export const auditLogName = (issueId: string): string => `gates:${issueId}`;

/** The audit record of one implementation. */
export function auditLog(store: TypedStore, issueId: string) {
  return appendOnlyLog(store, auditLogName(issueId), AuditRecordSchema);
}

// ---- one writer per gate ---------------------------------------------------------------------------
// Writes to one gate (sign-off, override, evidence, the Gate issue's sync) run one at a time: each
// holds this claim (./claim.ts) from reading the record to syncing the Gate issue, so the Gate issue
// is synced from a record no other write is changing. A claim left by a function that died is taken
// over once stale (resolvers run at most 25 s), by a conditional write only one caller wins.

/** Longer than any resolver runs (25 s): a claim this old was left by a function that died. */
export const STALE_GATE_LOCK_MS = 30_000;

export const gateLockName = (issueId: string, gateId: string): string => `gate:${issueId}:${gateId}`;

export interface GateLockOptions {
  /** How long to wait for another writer of the gate; 0 = try once. */
  waitMs?: number;
  /** Wall clock (the claim's age), not the use case's clock. */
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown when the gate stays locked for longer than the caller waits. */
export class GateBusyError extends Error {
  override name = 'GateBusyError';
}

/**
 * Runs `work` holding the claim of one gate of one implementation; GateBusyError when another
 * writer holds it for longer than `waitMs`. Released afterwards (a release after a takeover changes
 * nothing).
 */
export async function withGateLock<T>(
  store: TypedStore,
  issueId: string,
  gateId: string,
  work: () => Promise<T>,
  options: GateLockOptions = {},
): Promise<T> {
  const { waitMs = 10_000, clock = () => new Date() } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const name = gateLockName(issueId, gateId);
  const holder = randomUUID();
  const deadline = clock().getTime() + waitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const answer = await takeClaim(store, name, {
      holder,
      now: clock().getTime(),
      ttlMs: STALE_GATE_LOCK_MS,
    });
    if (answer.ok) {
      try {
        return await work();
      } finally {
        await answer.claim.release().catch(() => undefined);
      }
    }
    if (clock().getTime() + pause > deadline)
      throw new GateBusyError(`gate ${gateId} is being changed by someone else`);
    await sleep(pause + Math.floor(Math.random() * pause));
  }
}

// ---- handover packets Runway published ------------------------------------------------------------

/**
 * The Confluence pages Runway published as the handover packet of `implementationKey`, one per
 * space, as the publish use case (src/app/documents/publish.ts) records them.
 */
export const publishedHandoverPages = (store: TypedStore, implementationKey: string): Promise<string[]> =>
  listPublishedPages(store, handoverLinkGlobalId(implementationKey));
