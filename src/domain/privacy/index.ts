/**
 * Personal data in Runway's records (Atlassian's user privacy requirements): the app keeps
 * account ids only, reports them weekly, and replaces the id of every closed account by an
 * anonymous marker (./marker.ts). These are the pure rules; src/app/privacy.ts runs them over
 * app storage.
 *
 * The gate audit record is append-only: anonymising rewrites the actor's account id of the
 * entries that hold a closed account and nothing else: every entry stays, in its place, with its
 * action, comment, evidence and snapshot of the criteria.
 */
import type { AuditRecord } from '../gates/audit';
import type { Approvers } from '../gates/definitions';
import { anonymousMarker, isAnonymised } from './marker';

export * from './marker';

/** Closed account id → its anonymous marker. */
export type Markers = ReadonlyMap<string, string>;

/** Values Runway stores where an account id goes that are no account (the app itself, a placeholder). */
const NOT_ACCOUNTS = new Set(['app', 'unknown', 'user', '']);

/** Whether a stored value in an account-id place is a real account id, to be reported. */
export const isReportableAccount = (id: string): boolean => !NOT_ACCOUNTS.has(id.trim()) && !isAnonymised(id);

/** The id to store instead of `id`: its marker when the account is closed. */
export const replaceAccount = (id: string, markers: Markers): string => markers.get(id) ?? id;

/** An audit entry with a closed account's id replaced; the same object when it holds none. */
export function anonymiseAuditRecord(record: AuditRecord, markers: Markers): AuditRecord {
  const marker = markers.get(record.by.accountId);
  return marker === undefined ? record : { ...record, by: { accountId: marker } };
}

/** The whole record anonymised: as many entries, in the same order. */
export const anonymiseAuditLog = (records: readonly AuditRecord[], markers: Markers): AuditRecord[] =>
  records.map((r) => anonymiseAuditRecord(r, markers));

/**
 * A gate's approvers without closed accounts. Settings are configuration, not a record: a marker
 * there would name an approver nobody can be. A gate left with no approver at all falls back, as
 * any such gate, to the administrators of the implementation's project.
 */
export const approversWithout = (approvers: Approvers, markers: Markers): Approvers => ({
  ...approvers,
  users: approvers.users.filter((u) => !markers.has(u)),
});

/** The markers of a run: those a run that stopped early gave already, then the next numbers. */
export interface MarkerPlan {
  /** The number the next marker gets. */
  next: number;
  /** Closed account id → marker, for accounts whose records are not all rewritten yet. */
  pending: Record<string, string>;
}

export function assignMarkers(closed: readonly string[], plan: MarkerPlan): MarkerPlan {
  const pending = { ...plan.pending };
  let next = plan.next;
  for (const id of closed) {
    if (pending[id] !== undefined || !isReportableAccount(id)) continue;
    pending[id] = anonymousMarker(next);
    next += 1;
  }
  return { next, pending };
}

/** Where an account id was seen, and the latest time Runway stored it (ISO), when the record says. */
export interface AccountSighting {
  accountId: string;
  at?: string;
}

/**
 * The accounts to report with the time Runway last stored each (`updatedAt`): the latest time a
 * record holding it says, else `fallback` (the run's start).
 */
export function accountsToReport(
  sightings: Iterable<AccountSighting>,
  fallback: string,
): Array<{ accountId: string; updatedAt: string }> {
  const latest = new Map<string, string | undefined>();
  for (const s of sightings) {
    if (!isReportableAccount(s.accountId)) continue;
    const at =
      s.at !== undefined && !Number.isNaN(Date.parse(s.at)) ? new Date(s.at).toISOString() : undefined;
    const before = latest.get(s.accountId);
    latest.set(s.accountId, before === undefined || (at !== undefined && at > before) ? at : before);
  }
  return [...latest.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([accountId, at]) => ({ accountId, updatedAt: at ?? fallback }));
}

/** The personal data reporting API takes at most 90 accounts a request (@forge/api privacy LIMIT). */
export const REPORT_BATCH = 90;

export function batches<T>(items: readonly T[], size = REPORT_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
