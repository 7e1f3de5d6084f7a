// Background KPI snapshots. The daily run pushes one job per scope in use to the `kpi-snapshots`
// queue; a job (up to 900 s in the consumer) computes the implementation snapshots a scope still
// lacks, as the app, in batches it stores as it goes (the gadget shows progress from them).
// Views only ever show a user the snapshots whose every input issue that user can see.
import type { IsoDate, RunwayConfig } from '../../domain';
import { addDays } from '../../domain';
import type { Clock } from '../../domain/clock';
import { trendDates } from '../../domain/trends';
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
import { computeBatch, loadScopeState, makeScope } from './scope';

export interface JobDeps {
  jira: JiraClient;
  store: TypedStore;
  config: RunwayConfig;
  now: Clock;
  /** Epoch ms by which the consumer must have stopped (it pushes the rest as a new event). */
  deadline: number;
  enqueue: (job: SnapshotJobEvent) => Promise<void>;
}

const BATCH = 20;
/** Kept back from the deadline for one more batch and the bookkeeping. */
const MARGIN_MS = 120_000;

/** Computes what a scope lacks; 'continued' when it ran out of time and pushed the rest. */
export async function runSnapshotJob(event: SnapshotJobEvent, deps: JobDeps): Promise<'done' | 'continued'> {
  const scope = makeScope(event.jql, event.asOf, event.dates, deps.config);
  const started = deps.now().getTime();
  const { missing, fieldIds } = await loadScopeState(deps.jira, deps.store, deps.config, scope, started);
  const batchDeps = {
    jira: deps.jira,
    store: deps.store,
    config: deps.config,
    fieldIds,
    now: deps.now,
    by: 'app',
  };
  const queuedAt = (await readJob(deps.store, scope.id, scope.asOf))?.queuedAt ?? started;
  while (missing.length > 0) {
    if (deps.now().getTime() > deps.deadline - MARGIN_MS) {
      await deps.enqueue({ ...event, scope: scope.id });
      await writeJob(deps.store, scope.id, scope.asOf, { queuedAt, touchedAt: deps.now().getTime() });
      return 'continued';
    }
    await computeBatch(batchDeps, scope, missing.splice(0, BATCH));
    await writeJob(deps.store, scope.id, scope.asOf, { queuedAt, touchedAt: deps.now().getTime() });
  }
  await writeJob(deps.store, scope.id, scope.asOf, {
    queuedAt,
    touchedAt: deps.now().getTime(),
    finishedAt: deps.now().getTime(),
  });
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
