// KPI snapshots per implementation: what one implementation contributes to the portfolio KPIs of a
// scope at each trend date, with the keys of the issues it was computed from. Views roll these up
// only for implementations whose every input issue the viewing user can see, so numbers computed
// in the background (as the app) never show a user anything Jira hides from them.
// Also here: issues changed since (marks from issue events), background jobs and the scopes in use.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isoDate } from '../contracts/dates';
import { SNAPSHOT_MAX_AGE_MS } from '../domain/trends';
import { keyPart, storageKey, type TypedStore } from './store';

/** A short stable id for a scope (its JQL and the configuration), usable in a storage key. */
export function scopeId(scope: string): string {
  return createHash('sha256').update(scope.trim()).digest('hex').slice(0, 16);
}

const Pool = z.object({ num: z.number(), den: z.number(), n: z.number() });

export const StoredContribution = z.object({
  key: z.string(),
  summary: z.string(),
  tier: z.string(),
  segment: z.string().nullable(),
  kpis: z.record(z.string(), z.number().nullable()),
  pools: z.record(z.string(), Pool),
  warnings: z.number().int().min(0),
});
export type StoredContribution = z.infer<typeof StoredContribution>;

export const ImplementationSnapshot = z.object({
  key: z.string(),
  /** Every issue the numbers were computed from: the implementation and its children in scope. */
  inputs: z.array(z.string()),
  /** Epoch ms. */
  computedAt: z.number().int(),
  /** `app` (background) or the accountId of the user whose view computed it. */
  by: z.string(),
  dates: z.array(isoDate),
  /** One per date; null where it was not an implementation yet (or at all). */
  contributions: z.array(StoredContribution.nullable()),
  /** Forecast go-live at the scope's asOf (src/domain/forecast); absent in older snapshots. */
  forecast: z
    .object({
      summary: z.string(),
      date: isoDate.nullable(),
      baseline: isoDate.nullable(),
      projectedLate: z.boolean(),
      lateByDays: z.number().int().min(0),
    })
    .nullable()
    .optional(),
});
export type ImplementationSnapshot = z.infer<typeof ImplementationSnapshot>;

const snapshotPrefix = (scope: string, asOf: string) => `${storageKey('kpi', 'impl', scope, asOf)}:`;

// The dates a scope has snapshots at: one empty record each (`kpi:dates:<scope>:<asOf>`), written
// before the snapshots of the date, so the daily pruning finds the stale dates without reading a
// single snapshot it keeps (deleteSnapshotsBefore).
const DateMark = z.object({});
const datePrefix = (scope: string) => `${storageKey('kpi', 'dates', scope)}:`;
const dateKey = (scope: string, asOf: string) => `${datePrefix(scope)}${keyPart(asOf)}`;
/** Set once the snapshots stored before the date index existed have been swept (one full read, once). */
const SWEPT_KEY = storageKey('kpi', 'dates-swept');

export async function readImplementationSnapshots(
  store: TypedStore,
  scope: string,
  asOf: string,
): Promise<Map<string, ImplementationSnapshot>> {
  const rows = await store.list(snapshotPrefix(scope, asOf), ImplementationSnapshot);
  return new Map(rows.map((r) => [r.value.key, r.value]));
}

/** Stores some snapshots of a scope at `asOf` (and the date in the scope's index first). */
export async function writeImplementationSnapshots(
  store: TypedStore,
  scope: string,
  asOf: string,
  snapshots: readonly ImplementationSnapshot[],
): Promise<void> {
  if (snapshots.length === 0) return;
  await store.set(dateKey(scope, asOf), DateMark, {});
  for (const snapshot of snapshots)
    await store.set(
      `${snapshotPrefix(scope, asOf)}${keyPart(snapshot.key)}`,
      ImplementationSnapshot,
      snapshot,
    );
}

/** Deletes every snapshot of a scope at one date (read page by page: the query returns values). */
async function deleteSnapshotsAt(store: TypedStore, scope: string, asOf: string): Promise<number> {
  const rows = await store.list(snapshotPrefix(scope, asOf), ImplementationSnapshot.pick({ key: true }));
  for (const r of rows) await store.delete(r.key);
  await store.delete(dateKey(scope, asOf));
  return rows.length;
}

/**
 * Deletes the snapshots of a scope at dates before `before` (old daily runs), reading only those:
 * the stale dates come from the scope's date index, and only their snapshots are queried.
 */
export async function deleteSnapshotsBefore(
  store: TypedStore,
  scope: string,
  before: string,
): Promise<number> {
  let n = 0;
  const prefix = datePrefix(scope);
  for (const r of await store.list(prefix, DateMark)) {
    const asOf = r.key.slice(prefix.length);
    if (asOf < before) n += await deleteSnapshotsAt(store, scope, asOf);
  }
  return n;
}

/**
 * Once per installation, for the snapshots stored before the date index existed: reads every
 * snapshot of the scopes once, deletes those before `before` and indexes the dates it keeps.
 * Returns how many it deleted (0, without reading anything, once done).
 */
export async function sweepUnindexedSnapshots(
  store: TypedStore,
  scopes: readonly string[],
  before: string,
): Promise<number> {
  if ((await store.get(SWEPT_KEY, DateMark)) !== undefined) return 0;
  let n = 0;
  for (const scope of scopes) {
    const prefix = `${storageKey('kpi', 'impl', scope)}:`;
    const kept = new Set<string>();
    for (const r of await store.list(prefix, z.unknown())) {
      const asOf = r.key.slice(prefix.length, prefix.length + 10);
      if (asOf < before) {
        await store.delete(r.key);
        n++;
      } else kept.add(asOf);
    }
    for (const asOf of kept) await store.set(dateKey(scope, asOf), DateMark, {});
  }
  await store.set(SWEPT_KEY, DateMark, {});
  return n;
}

// ---- issues changed since a snapshot (issue events) ------------------------------------------

const DirtyMark = z.object({ at: z.number().int() });
const DIRTY_PREFIX = `${storageKey('kpi', 'changed')}:`;
/**
 * How long a mark is kept: past it, every snapshot computed before the change is too old to be
 * used anyway (SNAPSHOT_MAX_AGE, 12 h, and a day's margin). The storage service deletes it (TTL),
 * so the daily run reads none of them; marks from before had no TTL: swept once (pruneChanged).
 */
export const CHANGED_MARK_TTL_SECONDS = (SNAPSHOT_MAX_AGE_MS + 86_400_000) / 1000;
const CHANGED_SWEPT_KEY = storageKey('kpi', 'changed-swept');

export async function markChanged(
  store: TypedStore,
  issueKeys: readonly string[],
  at: number,
): Promise<void> {
  for (const key of new Set(issueKeys))
    await store.set(
      `${DIRTY_PREFIX}${keyPart(key)}`,
      DirtyMark,
      { at },
      { ttlSeconds: CHANGED_MARK_TTL_SECONDS },
    );
}

/** Issue key → when it last changed. */
export async function readChanged(store: TypedStore): Promise<Map<string, number>> {
  const rows = await store.list(DIRTY_PREFIX, DirtyMark);
  return new Map(rows.map((r) => [decodeKeyPart(r.key.slice(DIRTY_PREFIX.length)), r.value.at]));
}

/**
 * For the marks written before marks had a TTL, once per installation: deletes those older than
 * `before` (now less the TTL) and gives the others their TTL. Then it reads nothing: the storage
 * service expires them.
 */
export async function pruneChanged(store: TypedStore, before: number): Promise<void> {
  if ((await store.get(CHANGED_SWEPT_KEY, DateMark)) !== undefined) return;
  for (const r of await store.list(DIRTY_PREFIX, DirtyMark)) {
    if (r.value.at < before) await store.delete(r.key);
    // A recent one gets the TTL it would have had.
    else
      await store.set(r.key, DirtyMark, r.value, {
        ttlSeconds: Math.max(1, Math.ceil((r.value.at - before) / 1000)),
      });
  }
  await store.set(CHANGED_SWEPT_KEY, DateMark, {});
}

function decodeKeyPart(part: string): string {
  return part.replace(/#([0-9a-f]+)\./g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

// ---- background jobs and scopes in use ------------------------------------------------------

export const SnapshotJob = z.object({
  queuedAt: z.number().int(),
  /** Last time the consumer stored progress. */
  touchedAt: z.number().int().optional(),
  finishedAt: z.number().int().optional(),
  error: z.string().optional(),
});
export type SnapshotJob = z.infer<typeof SnapshotJob>;

const jobKey = (scope: string, asOf: string) => storageKey('kpi', 'job', scope, asOf);

export const readJob = (store: TypedStore, scope: string, asOf: string) =>
  store.get(jobKey(scope, asOf), SnapshotJob);
export const writeJob = (store: TypedStore, scope: string, asOf: string, job: SnapshotJob) =>
  store.set(jobKey(scope, asOf), SnapshotJob, job);

export const ScopeInUse = z.object({
  jql: z.string(),
  /** A fixed as-of date of the gadget, or null for "today". */
  asOf: isoDate.nullable(),
  lastUsed: z.number().int(),
});
export type ScopeInUse = z.infer<typeof ScopeInUse>;

const SCOPE_PREFIX = `${storageKey('kpi', 'scope')}:`;

export async function recordScope(store: TypedStore, scope: string, value: ScopeInUse): Promise<void> {
  await store.set(`${SCOPE_PREFIX}${keyPart(scope)}`, ScopeInUse, value);
}

export async function listScopes(store: TypedStore): Promise<Array<{ scope: string; value: ScopeInUse }>> {
  return (await store.list(SCOPE_PREFIX, ScopeInUse)).map((r) => ({
    scope: r.key.slice(SCOPE_PREFIX.length),
    value: r.value,
  }));
}
