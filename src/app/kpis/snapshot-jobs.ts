// Background KPI snapshots. The daily run pushes one job per scope in use to the `kpi-snapshots`
// queue; a job computes the implementation snapshots a scope still lacks, as the app, in batches
// it stores as it goes (the gadget shows progress from them). The consumer may run 900 s, but each
// event works about EVENT_BUDGET_MS and pushes the rest (the keys it found missing) as the next
// event: no invocation of the app runs near 25 s, what one event holds in memory is one batch,
// and a failed event loses one batch. At 20 implementations a batch that is about 100 events for
// 2,000 implementations, far inside Forge's 1,000 chained pushes (limits-async-events).
// Views only ever show a user the snapshots whose every input issue that user can see.
import type { IsoDate, RunwayConfig } from '../../domain';
import { addDays } from '../../domain';
import type { Clock } from '../../domain/clock';
import { decodeKeyRanges, encodeKeyRanges, trendDates } from '../../domain/trends';
import type { JiraClient } from '../../jira';
import {
  CHANGED_MARK_TTL_SECONDS,
  deleteSnapshotsBefore,
  listScopes,
  pruneChanged,
  readJob,
  sweepUnindexedSnapshots,
  writeJob,
  type TypedStore,
} from '../../storage';
import type { SnapshotJobEvent } from './queue';
import { computeBatch, engineFieldIds, loadScopeState, makeScope } from './scope';

export interface JobDeps {
  jira: JiraClient;
  store: TypedStore;
  config: RunwayConfig;
  now: Clock;
  /** Epoch ms by which the consumer must have stopped (it pushes the rest as a new event). */
  deadline: number;
  enqueue: (job: SnapshotJobEvent) => Promise<void>;
  /** How long one event keeps starting batches; EVENT_BUDGET_MS unless a test says otherwise. */
  eventBudgetMs?: number;
}

const BATCH = 20;
/** No batch starts in an event unless, at the pace of the ones before it, it ends by then. */
export const EVENT_BUDGET_MS = 15_000;
/** Under the 100 KB Forge takes per event for a consumer with a timeout over 55 s (limits-async-events). */
const MAX_REMAINING_BYTES = 64 * 1024;
/** Kept back from the consumer's deadline for one more batch and the bookkeeping. */
const MARGIN_MS = 120_000;

/** Computes what a scope lacks; 'continued' when it pushed the rest as the next event. */
export async function runSnapshotJob(event: SnapshotJobEvent, deps: JobDeps): Promise<'done' | 'continued'> {
  const scope = makeScope(event.jql, event.asOf, event.dates, deps.config);
  const started = deps.now().getTime();
  const elapsed = () => deps.now().getTime() - started;
  const budget = Math.min(deps.eventBudgetMs ?? EVENT_BUDGET_MS, deps.deadline - MARGIN_MS - started);
  // A continuation computes the keys the event before it found missing; a new job surveys.
  const { missing, fieldIds } =
    event.remaining !== undefined
      ? { missing: decodeKeyRanges(event.remaining), fieldIds: await engineFieldIds(deps.jira, deps.config) }
      : await loadScopeState(deps.jira, deps.store, deps.config, scope, started);
  const batchDeps = {
    jira: deps.jira,
    store: deps.store,
    config: deps.config,
    fieldIds,
    now: deps.now,
    by: 'app',
  };
  const queuedAt = (await readJob(deps.store, scope.id, scope.asOf))?.queuedAt ?? started;
  const touch = (extra: { finishedAt?: number } = {}) =>
    writeJob(deps.store, scope.id, scope.asOf, { queuedAt, touchedAt: deps.now().getTime(), ...extra });
  // A continuation always computes one batch (each event makes progress); a new job only if its
  // survey left time for one.
  let msPerImplementation = event.remaining !== undefined ? 0 : elapsed() / BATCH;
  while (missing.length > 0) {
    const next = Math.min(BATCH, missing.length);
    if (msPerImplementation > 0 && elapsed() + msPerImplementation * next > budget) {
      // Keys that do not compress (not PROJ-123), or too many for one event, are surveyed again.
      const remaining = encodeKeyRanges(missing);
      const fits = remaining !== null && JSON.stringify(remaining).length < MAX_REMAINING_BYTES;
      await deps.enqueue({ ...event, scope: scope.id, remaining: fits ? remaining : undefined });
      await touch();
      return 'continued';
    }
    const batchStarted = elapsed();
    await computeBatch(batchDeps, scope, missing.splice(0, next));
    msPerImplementation = Math.max(msPerImplementation, (elapsed() - batchStarted) / next);
    await touch();
  }
  await touch({ finishedAt: deps.now().getTime() });
  return 'done';
}

/** Records that a job failed, for the views (the job is then taken over by the next view call). */
export async function recordJobFailure(
  event: SnapshotJobEvent,
  message: string,
  deps: Pick<JobDeps, 'store' | 'config' | 'now'>,
): Promise<void> {
  const scope = makeScope(event.jql, event.asOf, event.dates, deps.config);
  const previous = await readJob(deps.store, scope.id, scope.asOf);
  await writeJob(deps.store, scope.id, scope.asOf, {
    queuedAt: previous?.queuedAt ?? deps.now().getTime(),
    touchedAt: deps.now().getTime(),
    finishedAt: deps.now().getTime(),
    error: message,
  });
}

/** Scopes not used by any gadget for this long are no longer refreshed. */
const SCOPE_IDLE_MS = 30 * 86_400_000;

/** Daily: refresh every scope in use, and drop what is too old to be shown. */
export async function runDailySnapshots(deps: {
  store: TypedStore;
  today: IsoDate;
  now: number;
  enqueue: (job: SnapshotJobEvent) => Promise<void>;
}): Promise<number> {
  await pruneChanged(deps.store, deps.now - CHANGED_MARK_TTL_SECONDS * 1000);
  const scopes = await listScopes(deps.store);
  // A "today" scope's snapshots from before yesterday are never shown again, idle scope or not;
  // only they are read (the date index), after a one-time sweep of those stored before it.
  const yesterday = addDays(deps.today, -1);
  const rolling = scopes.filter((s) => s.value.asOf === null).map((s) => s.scope);
  await sweepUnindexedSnapshots(deps.store, rolling, yesterday);
  for (const scope of rolling) await deleteSnapshotsBefore(deps.store, scope, yesterday);
  let pushed = 0;
  for (const { scope, value } of scopes) {
    if (value.lastUsed < deps.now - SCOPE_IDLE_MS) continue;
    const asOf = value.asOf ?? deps.today;
    await deps.enqueue({ scope, jql: value.jql, asOf, dates: trendDates(asOf) });
    pushed++;
  }
  return pushed;
}
