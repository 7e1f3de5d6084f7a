// Use case: the weekly personal data report (Atlassian's user privacy requirements for apps).
//   1. collect every account id Runway stores (src/storage/personal-data.ts names each place),
//      with the latest time it was stored;
//   2. report them through the personal data reporting API, at most 90 a request, one request at a
//      time (a 429 waits its Retry-After);
//   3. for every account answered `closed`, store each value holding it again with the account id
//      replaced by an anonymous marker (src/domain/privacy). The gate audit record keeps every
//      entry, in its place: only the actor's id changes. Alert bookkeeping keyed by a closed
//      recipient is deleted; a closed approver leaves the settings.
// `updated` answers need nothing: Runway keeps no name or other profile data to refresh.
// A run that stops early (deadline, error) keeps its markers: the next one goes on with them.
import {
  accountsToReport,
  assignMarkers,
  batches,
  type AccountSighting,
  type MarkerPlan,
} from '../domain/privacy';
import { messageOf } from '../domain';
import { anonymiseStored, scanPersonalData, type Holding } from '../storage/personal-data';
import {
  readMarkerPlan,
  takePrivacyRun,
  writeLastPrivacyRun,
  writeMarkerPlan,
  type PrivacyRun,
} from '../storage/privacy';
import type { Clock, TypedStore } from './ports';

export interface ReportedAccount {
  accountId: string;
  /** When Runway last stored the account's data (ISO instant). */
  updatedAt: string;
}

export interface AccountUpdate {
  accountId: string;
  status: 'updated' | 'closed';
}

export interface PrivacyPorts {
  store: TypedStore;
  now: Clock;
  /** Epoch ms by which the run must have stopped. */
  deadlineAt?: number;
  /** The personal data reporting API (`privacy.reportPersonalData` of @forge/api). */
  report: (accounts: ReportedAccount[]) => Promise<AccountUpdate[]>;
  sleep?: (ms: number) => Promise<void>;
}

/** What rewriting needs after reading stops. */
const MARGIN_MS = 60_000;
const MAX_RETRIES = 3;

/** The HTTP status and Retry-After (ms) of a rejected report (@forge/api rejects with the Response). */
function refusal(e: unknown): { status?: number; retryMs?: number } {
  if (typeof e !== 'object' || e === null || !('status' in e) || typeof e.status !== 'number') return {};
  const headers = 'headers' in e && e.headers instanceof Headers ? e.headers : undefined;
  const seconds = Number(headers?.get('retry-after') ?? NaN);
  return { status: e.status, retryMs: Number.isFinite(seconds) ? seconds * 1000 : undefined };
}

function describe(e: unknown): string {
  const { status } = refusal(e);
  return status === undefined ? messageOf(e) : `the reporting API answered ${status}`;
}

export async function runPrivacyReport(ports: PrivacyPorts): Promise<PrivacyRun> {
  const sleep = ports.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const startedAt = ports.now().getTime();
  const deadline = (ports.deadlineAt ?? Number.POSITIVE_INFINITY) - MARGIN_MS;
  const inTime = () => ports.now().getTime() < deadline;
  const run: PrivacyRun = {
    startedAt,
    finishedAt: startedAt,
    reported: 0,
    closed: 0,
    rewritten: 0,
    deleted: 0,
    later: [],
    failures: [],
  };
  const finish = async (incomplete?: string): Promise<PrivacyRun> => {
    const done = { ...run, finishedAt: ports.now().getTime(), ...(incomplete ? { incomplete } : {}) };
    await writeLastPrivacyRun(ports.store, done);
    return done;
  };

  const claim = await takePrivacyRun(ports.store, startedAt);
  if (claim === null) return { ...run, incomplete: 'another run of the personal data report is under way' };
  try {
    // 1. Collect.
    const holdings: Holding[] = [];
    const sightings: AccountSighting[] = [];
    const complete = await scanPersonalData(
      ports.store,
      (page) => {
        for (const h of page) {
          holdings.push(h);
          sightings.push(...h.accounts);
        }
      },
      inTime,
    );
    const plan = await readMarkerPlan(ports.store);
    for (const accountId of Object.keys(plan.pending)) sightings.push({ accountId });
    const accounts = accountsToReport(sightings, new Date(startedAt).toISOString());

    // 2. Report.
    const closed = new Set<string>();
    let stopped: string | undefined = complete ? undefined : 'the deadline came before storage was read';
    for (const batch of batches(accounts)) {
      if (stopped) break;
      for (let attempt = 0; ; attempt += 1) {
        try {
          for (const u of await ports.report(batch)) if (u.status === 'closed') closed.add(u.accountId);
          run.reported += batch.length;
          break;
        } catch (e) {
          const { status, retryMs } = refusal(e);
          const wait = retryMs ?? 2 ** attempt * 1000;
          if (status === 429 && attempt < MAX_RETRIES && ports.now().getTime() + wait < deadline) {
            await sleep(wait);
            continue;
          }
          stopped = `${run.reported} of ${accounts.length} accounts reported: ${describe(e)}`;
          run.failures.push(stopped);
          break;
        }
      }
    }
    run.closed = closed.size;

    // 3. Anonymise: markers first (stored, so a run that stops here goes on with the same ones).
    const markersPlan: MarkerPlan = assignMarkers([...closed], plan);
    const markers = new Map(Object.entries(markersPlan.pending));
    if (markersPlan.next !== plan.next) await writeMarkerPlan(ports.store, markersPlan);
    let left = false;
    for (const h of holdings) {
      if (!h.rewrite && !h.accounts.some((a) => markers.has(a.accountId))) continue;
      if (ports.now().getTime() >= deadline + MARGIN_MS / 2) {
        left = true;
        stopped ??= 'the deadline came before every record was anonymised';
        break;
      }
      try {
        const outcome = await anonymiseStored(ports.store, h.key, markers, ports.now().getTime());
        if (outcome === 'rewritten') run.rewritten += 1;
        else if (outcome === 'deleted') run.deleted += 1;
        else if (typeof outcome === 'object') {
          left = true;
          run.later.push(`${h.key}: ${outcome.later}`);
        }
      } catch (e) {
        left = true;
        run.failures.push(`${h.key}: ${messageOf(e)}`);
      }
    }
    // Every record of the pending accounts rewritten: the mapping to account ids goes.
    if (!left && stopped === undefined && Object.keys(markersPlan.pending).length > 0)
      await writeMarkerPlan(ports.store, { next: markersPlan.next, pending: {} });
    return await finish(stopped);
  } finally {
    await claim.release().catch(() => undefined);
  }
}
