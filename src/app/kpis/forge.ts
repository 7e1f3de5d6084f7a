// The KPI use cases as Forge runs them: Jira as the viewing user (the gadget) or as the app (the
// background jobs), app storage, the saved configuration, the real clock and the real queue.
import { readConfig, typedStore } from '../../storage';
import { jiraAsApp, jiraAsUser } from '../forge';
import { todayUtc } from '../ports';
import type { GadgetDeps } from './gadget';
import { pushSnapshotJob } from './queue';
import type { JobDeps } from './snapshot-jobs';

/**
 * How long one gadget call may keep starting batches on a small scope (a large one is the
 * consumer's): complete numbers in one answer where that is quick. No batch starts unless it
 * ends well inside the 25 s limit at the pace of the ones before (gadget.ts).
 */
const GADGET_BUDGET_MS = 8_000;
/** A queue consumer's limit (manifest: timeoutSeconds 900). */
/** The consumer's limit: manifest.yml gives snapshot-consumer-fn `timeoutSeconds: 900`. */
export const CONSUMER_TIMEOUT_MS = 900_000;

export async function gadgetDepsFor(accountId: string): Promise<GadgetDeps> {
  const store = typedStore();
  return {
    jira: jiraAsUser(),
    store,
    config: await readConfig(store),
    today: todayUtc(),
    now: () => new Date(),
    accountId,
    budgetMs: GADGET_BUDGET_MS,
    enqueue: pushSnapshotJob,
  };
}

export async function snapshotJobDeps(): Promise<JobDeps> {
  const store = typedStore();
  const now = (): Date => new Date();
  return {
    jira: jiraAsApp(CONSUMER_TIMEOUT_MS),
    store,
    config: await readConfig(store),
    now,
    deadline: now().getTime() + CONSUMER_TIMEOUT_MS,
    enqueue: pushSnapshotJob,
  };
}

export const dailySnapshotDeps = () => ({
  store: typedStore(),
  today: todayUtc(),
  now: Date.now(),
  enqueue: pushSnapshotJob,
});
