// "Start from playbook" requests: what each request (the dialog's requestId) has created so far, so
// that a retried request resumes instead of duplicating. The caller that may write it holds the
// claim `startClaimName(…)` (./claim.ts): two retries never both create.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { storageKey, type TypedStore } from './store';

export const StartRecord = z.object({
  accountId: z.string(),
  /** The request as planned (a requestId reused for another implementation is refused). */
  request: z.string(),
  epic: z.object({ key: z.string(), summary: z.string() }).nullable(),
  /** ref → key of every child created so far. */
  created: z.record(z.string(), z.string()),
  complete: z.boolean(),
});
export type StartRecord = z.infer<typeof StartRecord>;

const startKey = (project: string, requestId: string) => storageKey('start', project, requestId);

/** The name of the claim (lease) a call holds while it creates for a request. */
export const startClaimName = (project: string, requestId: string): string => `start:${project}:${requestId}`;

/**
 * The name of the claim a call holds while it checks that no implementation of this name exists
 * and creates it: one per (project, implementation name as `implementationName` normalises it), so
 * two requests for the same implementation never both create. Hashed: a name escaped for a storage
 * key could pass Forge's 500-character key limit.
 */
export const startNameClaimName = (project: string, normalisedName: string): string =>
  `startname:${project}:${createHash('sha256').update(normalisedName).digest('hex').slice(0, 32)}`;

export const readStartRecord = (store: TypedStore, project: string, requestId: string) =>
  store.get(startKey(project, requestId), StartRecord);

export const writeStartRecord = (
  store: TypedStore,
  project: string,
  requestId: string,
  record: StartRecord,
) => store.set(startKey(project, requestId), StartRecord, record);
