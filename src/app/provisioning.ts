// Use case: provision Runway's issue types and custom fields (data-model.md, as the settings name
// them) — asked for from the Settings page by a Jira administrator, or by the install trigger.
//
// Where it runs: in a queue consumer (`provisioning` queue, 300 s), not in the resolver. A run is
// about 45 admin calls (2 reads, a create per missing item, three more per select field for its
// options), each of them seconds on a busy site and liable to a 429 with Retry-After: more than a
// resolver's or a trigger's 25 s. Resumable steps driven by the page were the other way; the
// consumer was chosen because the run then goes on when the administrator closes the page, and
// the install trigger (25 s, no page at all) hands its run to the same consumer. The resolver
// only checks the caller and queues; the page polls the progress the run stores after each item.
//
// Resumable and never twice: one invocation at a time (a storage lock, ./storage/provisioning);
// each invocation first looks at the site again, so an item a dead invocation created before it
// could record it is found by name and counted as created, not created again; an invocation that
// nears its deadline hands the rest to a new event. A run nothing was heard of for five minutes is
// "interrupted", and asking again resumes it. An item Jira refuses is reported and the run goes on.
import { randomUUID } from 'node:crypto';
import type { ProvisioningProgress, ProvisionResult } from '../contracts/settings';
import type { RunwayConfig } from '../domain';
import { messageOf } from '../domain';
import { provisioningProgressSummary, provisioningState, provisioningSummary } from '../domain/provisioning';
import { createJiraClient, type JiraClient, type HttpFetch } from '../jira';
import { isJiraAdmin } from '../jira/gates';
import {
  addMissingOptions,
  createFieldFor,
  createIssueTypeFor,
  ensureSpecOptions,
  inspectProvisioning,
  needsWork,
  type ProvisioningItem,
  type ProvisioningReport,
} from '../jira/provisioning';
import { readConfig } from '../storage';
import {
  provisioningLockHeldSince,
  readProvisioningRun,
  STALE_PROVISIONING_LOCK_MS,
  takeProvisioningLock,
  writeProvisioningRun,
  type ProvisioningRun,
} from '../storage/provisioning';
import { attempt, fail } from './failure';
import type { Ports } from './ports';
import { pushProvisioning, type ProvisioningEvent } from './provisioning-queue';

export type { ProvisioningItem, ProvisioningReport };

/** The ports provisioning uses: Jira as the provisioning identity, app storage, the clock, the deadline. */
export type ProvisioningPorts = Pick<Ports, 'jiraFetch' | 'store' | 'now' | 'deadlineAt'>;
export type Enqueue = (event: ProvisioningEvent, delayInSeconds?: number) => Promise<void>;

/** An event that finds another invocation on another run tries again this much later. */
export const BUSY_RETRY_SECONDS = 10;

/** No item is started with less than this left: an item is up to four calls, each may wait a Retry-After. */
export const ITEM_MARGIN_MS = 60_000;

const itemId = (i: Pick<ProvisioningItem, 'kind' | 'key'>) => `${i.kind}:${i.key}`;

/** One item brought into existence, or why it could not be; an item that exists stays as it is. */
async function provisionItem(
  jira: JiraClient,
  fetch: HttpFetch,
  config: RunwayConfig,
  item: ProvisioningItem,
): Promise<ProvisioningItem> {
  if (item.kind === 'issueType') {
    if (item.status !== 'missing') return item;
    try {
      const created = await createIssueTypeFor(jira, item);
      return { ...item, status: 'created', id: created.id, detail: `Created issue type ${created.name}` };
    } catch (e) {
      return {
        ...item,
        status: 'failed',
        detail: `Could not create issue type ${item.name}: ${messageOf(e)}`,
      };
    }
  }
  if (item.status === 'exists') {
    try {
      const added = await addMissingOptions(fetch, item, config);
      return added
        ? { ...item, detail: `${item.detail}; added ${added} missing option${added === 1 ? '' : 's'}` }
        : item;
    } catch (e) {
      return {
        ...item,
        status: 'failed',
        detail: `${item.detail}, but its options could not be checked: ${messageOf(e)}`,
      };
    }
  }
  if (item.status !== 'missing') return item;
  try {
    const created = await createFieldFor(jira, fetch, item, config);
    const options = created.options > 0 ? ` with ${created.options} options` : '';
    return {
      ...item,
      status: 'created',
      id: created.id,
      detail: `Created field ${created.name} (${created.id})${options}`,
    };
  } catch (e) {
    return { ...item, status: 'failed', detail: `Could not create field ${item.name}: ${messageOf(e)}` };
  }
}

/**
 * An item this run was to create that the site now has: an earlier invocation created it and died
 * before recording it. It counts as created; a select field gets any options it still lacks.
 */
async function finishInterrupted(
  fetch: HttpFetch,
  config: RunwayConfig,
  found: ProvisioningItem,
): Promise<ProvisioningItem> {
  const what = found.kind === 'issueType' ? `issue type ${found.name}` : `field ${found.name} (${found.id})`;
  try {
    const added = await ensureSpecOptions(fetch, found, config);
    const options = added > 0 ? `; added ${added} missing option${added === 1 ? '' : 's'}` : '';
    return { ...found, status: 'created', detail: `Created ${what}${options}` };
  } catch (e) {
    return {
      ...found,
      status: 'failed',
      detail: `Created ${what}, but its options could not be checked: ${messageOf(e)}`,
    };
  }
}

/** The report of a run: what it created and what failed, in one sentence. */
export function reportOf(items: ProvisioningItem[]): ProvisioningReport {
  const created = items.filter((i) => i.status === 'created').length;
  const failed = items.filter((i) => i.status === 'failed').length;
  return { items, created, failed, summary: provisioningSummary(items) };
}

/** What the Settings page shows of a run. */
export function progressOf(run: ProvisioningRun, now: number): ProvisioningProgress {
  const state = provisioningState(run, now, STALE_PROVISIONING_LOCK_MS);
  const items = run.items ?? [];
  const processed = run.planned - run.pending.length;
  return {
    ...reportOf(items),
    summary: provisioningProgressSummary(state, items, { processed, planned: run.planned, error: run.error }),
    state,
    requestedAt: run.requestedAt,
    finishedAt: run.finishedAt,
    processed,
    total: run.items === null ? null : run.planned,
  };
}

/**
 * Asks for a run: a run under way is left to go on (its progress is the answer), an interrupted one
 * is resumed, else a new one is queued. `requestedBy`: `app` or the administrator's accountId.
 */
export async function requestProvisioning(
  ports: Pick<ProvisioningPorts, 'store' | 'now'>,
  requestedBy: string,
  enqueue: Enqueue = pushProvisioning,
): Promise<ProvisioningProgress> {
  const now = ports.now().getTime();
  const last = await readProvisioningRun(ports.store);
  const state = last ? provisioningState(last, now, STALE_PROVISIONING_LOCK_MS) : 'done';
  if (last && (state === 'queued' || state === 'running')) return progressOf(last, now);
  const run: ProvisioningRun =
    last && state === 'interrupted'
      ? { ...last, touchedAt: now }
      : {
          id: randomUUID(),
          requestedBy,
          requestedAt: now,
          touchedAt: now,
          finishedAt: null,
          items: null,
          pending: [],
          planned: 0,
          error: null,
        };
  await writeProvisioningRun(ports.store, run);
  await enqueue({ runId: run.id });
  return progressOf(run, now);
}

/** The progress of the last run, or null when provisioning never ran. */
export async function provisioningProgress(
  ports: Pick<ProvisioningPorts, 'store' | 'now'>,
): Promise<ProvisioningProgress | null> {
  const run = await readProvisioningRun(ports.store);
  return run ? progressOf(run, ports.now().getTime()) : null;
}

export type StepOutcome = 'done' | 'continued' | 'busy' | 'retry-later' | 'stale-event';

const holderOf = (runId: string) => `run:${runId}`;

/**
 * One invocation's share of run `runId`: looks at the site, then does pending items until done or
 * until less than ITEM_MARGIN_MS is left before `ports.deadlineAt`, when it queues the rest.
 * 'busy' when another invocation already works on this run (a duplicate event); 'retry-later'
 * when one works on another run (this event is queued again, later); 'stale-event' when the event
 * names a run that is over or was replaced.
 */
export async function continueProvisioning(
  ports: ProvisioningPorts,
  runId: string,
  enqueue: Enqueue = pushProvisioning,
): Promise<StepOutcome> {
  const lock = await takeProvisioningLock(ports.store, ports.now().getTime(), holderOf(runId));
  if (!lock.taken) {
    if (lock.holder === holderOf(runId)) return 'busy';
    await enqueue({ runId }, BUSY_RETRY_SECONDS);
    return 'retry-later';
  }
  let handOver = false;
  try {
    let run = await readProvisioningRun(ports.store);
    if (!run || run.id !== runId || run.finishedAt !== null) return 'stale-event';
    const save = async (next: ProvisioningRun) => {
      run = { ...next, touchedAt: ports.now().getTime() };
      await writeProvisioningRun(ports.store, run);
      return run;
    };
    const config = await readConfig(ports.store);
    const jira = createJiraClient({ fetch: ports.jiraFetch });
    let site: ProvisioningItem[];
    try {
      site = await inspectProvisioning(jira, config);
    } catch (e) {
      await save({ ...run, finishedAt: ports.now().getTime(), error: messageOf(e) });
      return 'done';
    }
    run = await save(run.items === null ? plan(run, site) : await resume(run, site, ports.jiraFetch, config));
    while (run.pending.length > 0) {
      const deadline = ports.deadlineAt ?? Infinity;
      if (deadline - ports.now().getTime() < ITEM_MARGIN_MS) {
        handOver = true;
        return 'continued';
      }
      const [next, ...rest] = run.pending;
      const items = run.items ?? [];
      const item = items.find((i) => itemId(i) === next);
      const done = item ? await provisionItem(jira, ports.jiraFetch, config, item) : undefined;
      run = await save({
        ...run,
        pending: rest,
        items: items.map((i) => (done && itemId(i) === next ? done : i)),
      });
    }
    await save({ ...run, finishedAt: ports.now().getTime() });
    return 'done';
  } finally {
    // Released before the hand-over is queued, so the next invocation never finds it held.
    await lock.release();
    if (handOver) await enqueue({ runId });
  }
}

/** The first look: every item as the site has it, and those with work to do pending. */
function plan(run: ProvisioningRun, site: ProvisioningItem[]): ProvisioningRun {
  const pending = site.filter(needsWork).map(itemId);
  return { ...run, items: site, pending, planned: pending.length };
}

/** A later look: pending items the site now has were created by an invocation that died. */
async function resume(
  run: ProvisioningRun,
  site: ProvisioningItem[],
  fetch: HttpFetch,
  config: RunwayConfig,
): Promise<ProvisioningRun> {
  const now = new Map(site.map((i) => [itemId(i), i]));
  const pending: string[] = [];
  const items: ProvisioningItem[] = [];
  for (const stored of run.items ?? []) {
    const id = itemId(stored);
    const found = now.get(id);
    const waiting = run.pending.includes(id);
    if (waiting && stored.status === 'missing' && found?.status === 'exists') {
      items.push(await finishInterrupted(fetch, config, found));
    } else {
      if (waiting) pending.push(id);
      items.push(stored);
    }
  }
  return { ...run, items, pending };
}

/**
 * The whole run in the calling invocation, and its report: the command line, tests, and the
 * measure of what the consumer is spared. Throws when another invocation holds the lock.
 */
export async function runProvisioning(ports: ProvisioningPorts): Promise<ProvisioningReport> {
  const now = ports.now().getTime();
  const id = randomUUID();
  await writeProvisioningRun(ports.store, {
    id,
    requestedBy: 'app',
    requestedAt: now,
    touchedAt: now,
    finishedAt: null,
    items: null,
    pending: [],
    planned: 0,
    error: null,
  });
  const outcome = await continueProvisioning({ ...ports, deadlineAt: undefined }, id, async () => undefined);
  const run = await readProvisioningRun(ports.store);
  if (outcome !== 'done' || !run || run.id !== id) {
    const heldSince = await provisioningLockHeldSince(ports.store, now);
    throw new Error(
      heldSince === null
        ? 'Provisioning is already running; try again in a minute.'
        : `Provisioning is already running (started ${new Date(heldSince).toISOString()}); try again in a minute.`,
    );
  }
  if (run.error !== null) throw new Error(run.error);
  return reportOf(run.items ?? []);
}

/** From the Settings page: Jira administrators only (checked as themselves); the run is queued. */
export function provisionSite(
  ports: ProvisioningPorts,
  accountId: string,
  enqueue: Enqueue = pushProvisioning,
): Promise<ProvisionResult> {
  return attempt(async () => {
    if (!(await isJiraAdmin(createJiraClient({ fetch: ports.jiraFetch }))))
      return fail('Only Jira administrators can create issue types and fields.');
    return { ok: true, data: await requestProvisioning(ports, accountId, enqueue) };
  });
}
