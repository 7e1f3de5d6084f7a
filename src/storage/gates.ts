// The stage gates' audit record: one append-only log per implementation (sign-offs, rejections,
// overrides, evidence added or removed), keyed by the implementation's issue id, which survives a
// move to another project. Entries are AuditRecordSchema (the domain's record), parsed on read.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AuditRecordSchema } from '../domain/gates/audit';
import { handoverLinkGlobalId } from '../domain/handover/link';
import { listPublishedPages } from './documents';
import { appendOnlyLog } from './log';
import { storageKey, type TypedStore } from './store';

/** The log's name for an implementation (its issue id, else its key). */
export const auditLogName = (issueId: string): string => `gates:${issueId}`;

/** The audit record of one implementation. */
export function auditLog(store: TypedStore, issueId: string) {
  return appendOnlyLog(store, auditLogName(issueId), AuditRecordSchema);
}

// ---- one writer per gate ---------------------------------------------------------------------------
// Writes to one gate (sign-off, override, evidence, the Gate issue's sync) run one at a time: each
// holds this lock from reading the record to syncing the Gate issue, so the Gate issue is synced
// from a record no other write is changing. Taken with a FAIL_IF_EXISTS write; a lock left by a
// function that died is taken over once stale (resolvers run at most 25 s).
// TODO(after merge of w9-app-portfolio): use storage/claim.ts, the shared claim, instead of this one.

const GateLock = z.object({ token: z.string(), at: z.number() });

/** Longer than any resolver runs (25 s): a lock this old was left by a function that died. */
export const STALE_GATE_LOCK_MS = 30_000;

export const gateLockKey = (issueId: string, gateId: string): string =>
  storageKey('gatelock', issueId, gateId);

export interface GateLockOptions {
  /** How long to wait for another writer of the gate; 0 = try once. */
  waitMs?: number;
  /** Wall clock (the lock's age), not the use case's clock. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown when the gate stays locked for longer than the caller waits. */
export class GateBusyError extends Error {
  override name = 'GateBusyError';
}

async function takeGateLock(store: TypedStore, key: string, token: string, now: number): Promise<boolean> {
  if (await store.create(key, GateLock, { token, at: now })) return true;
  const held = await store.get(key, GateLock);
  if (held !== undefined && now - held.at < STALE_GATE_LOCK_MS) return false;
  // Stale, or released between our two reads: a second taker loses the FAIL_IF_EXISTS race.
  if (held !== undefined) await store.delete(key);
  return store.create(key, GateLock, { token, at: now });
}

/**
 * Runs `work` holding the lock of one gate of one implementation; GateBusyError when another
 * writer holds it for longer than `waitMs`. Released afterwards, unless another writer took it over.
 */
export async function withGateLock<T>(
  store: TypedStore,
  issueId: string,
  gateId: string,
  work: () => Promise<T>,
  options: GateLockOptions = {},
): Promise<T> {
  const { waitMs = 10_000, clock = Date.now } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const key = gateLockKey(issueId, gateId);
  const token = randomUUID();
  const deadline = clock() + waitMs;
  for (let pause = 20; !(await takeGateLock(store, key, token, clock())); pause = Math.min(pause * 2, 500)) {
    if (clock() + pause > deadline)
      throw new GateBusyError(`gate ${gateId} is being changed by someone else`);
    await sleep(pause + Math.floor(Math.random() * pause));
  }
  try {
    return await work();
  } finally {
    const held = await store.get(key, GateLock).catch(() => undefined);
    if (held?.token === token) await store.delete(key);
  }
}

// ---- handover packets Runway published ------------------------------------------------------------

/**
 * The Confluence pages Runway published as the handover packet of `implementationKey`, one per
 * space, as the publish use case (src/app/documents/publish.ts) records them.
 */
export const publishedHandoverPages = (store: TypedStore, implementationKey: string): Promise<string[]> =>
  listPublishedPages(store, handoverLinkGlobalId(implementationKey));
