// Every place Runway keeps an Atlassian account id in app storage, for the weekly personal data
// report (src/app/privacy.ts): how to find the ids in a stored value, and how to store the value
// again once an account is closed. Runway stores no other personal data: names are looked up as the
// reader whenever something is shown (src/domain/people.ts).
//
//   log:gates:…            gate audit entries: `by.accountId` (append-only: rewritten in place)
//   config:runway          settings: the gates' approver accounts (a closed one is removed)
//   start:…                start-from-playbook requests: who started them
//   claim:start:…          their leases: the holder (rewritten once expired)
//   status:weekly          weekly status publications: who turned each on, who stopped it
//   provisioning:run       the last provisioning run: the administrator who asked for it
//   alerts:sent:…, alerts:digest:…
//                          daily alert bookkeeping keyed by recipient (deleted: it only stops repeats)
//   kpi:impl:…             KPI snapshots: the viewer whose gadget computed them
//   kpi:survey:…           a viewer's survey of a gadget scope, keyed by the viewer (kept 10
//                          minutes with a TTL; deleted at once for a closed account)
import { WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { AuditRecordSchema } from '../domain/gates/audit';
import { approversWithout, replaceAccount, type AccountSighting, type Markers } from '../domain/privacy';
import { readConfig, writeConfig } from './config';
import { ClaimRecord } from './claim';
import { ImplementationSnapshot } from './kpi-contributions';
import { ProvisioningRun } from './provisioning';
import { StartRecord } from './start-requests';
import { readWeeklyStatuses, writeWeeklyStatuses } from './status-weekly';
import { storageKey, type TypedStore } from './store';

/** What one stored value holds. `rewrite`: it should be stored again even with no account closed. */
export interface Holding {
  key: string;
  accounts: AccountSighting[];
  rewrite?: boolean;
}

/** What became of one value: stored again, deleted, left as it was, or left for a later run (why). */
export type Anonymised = 'rewritten' | 'deleted' | 'unchanged' | { later: string };

interface Source {
  /** Keys that begin with this (`exact`: this one key). */
  prefix: string;
  exact?: boolean;
  holds(key: string, value: unknown): Holding | null;
  anonymise(store: TypedStore, key: string, markers: Markers, now: number): Promise<Anonymised>;
}

const Actor = z.looseObject({ at: z.string().optional(), by: z.looseObject({ accountId: z.string() }) });

/** Undoes keyPart (./store.ts): `#3a.` → `:`. */
const decodeKeyPart = (part: string): string =>
  part.replace(/#([0-9a-f]+)\./g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));

const one = (key: string, accountId: string, at?: string): Holding => ({
  key,
  accounts: [{ accountId, at }],
});

/** Reads a value, changes it, stores it again under its schema (unchanged when `change` says so). */
async function rewrite<S extends z.ZodType>(
  store: TypedStore,
  key: string,
  schema: S,
  change: (value: z.infer<S>) => z.input<S> | null,
): Promise<Anonymised> {
  const value = await store.get(key, schema);
  if (value === undefined) return 'unchanged';
  const next = change(value);
  if (next === null) return 'unchanged';
  await store.set(key, schema, next);
  return 'rewritten';
}

const gateLog: Source = {
  prefix: storageKey('log', 'gates:'),
  holds(key, value) {
    const r = Actor.safeParse(value);
    if (!r.success) return null;
    // An entry written before names were looked up still holds one: stored again without it.
    return { ...one(key, r.data.by.accountId, r.data.at), rewrite: 'displayName' in r.data.by };
  },
  // The entry keeps its key (its place in the log) and everything but the actor's account id.
  anonymise: (store, key, markers) =>
    rewrite(store, key, AuditRecordSchema, (entry) => ({
      ...entry,
      by: { accountId: replaceAccount(entry.by.accountId, markers) },
    })),
};

const ApproverUsers = z.looseObject({
  gates: z.array(z.looseObject({ approvers: z.looseObject({ users: z.array(z.string()) }).optional() })),
});
const config: Source = {
  prefix: 'config:runway',
  exact: true,
  holds(key, value) {
    const r = ApproverUsers.safeParse(value);
    if (!r.success) return null;
    return {
      key,
      accounts: r.data.gates.flatMap((g) => (g.approvers?.users ?? []).map((accountId) => ({ accountId }))),
    };
  },
  async anonymise(store, _key, markers) {
    const before = await readConfig(store);
    const gates = before.gates.map((g) => ({ ...g, approvers: approversWithout(g.approvers, markers) }));
    if (gates.every((g, i) => g.approvers.users.length === before.gates[i].approvers.users.length))
      return 'unchanged';
    await writeConfig(store, { ...before, gates });
    return 'rewritten';
  },
};

const startRequests: Source = {
  prefix: `${storageKey('start')}:`,
  holds: (key, value) => {
    const r = StartRecord.safeParse(value);
    return r.success ? one(key, r.data.accountId) : null;
  },
  anonymise: (store, key, markers) =>
    rewrite(store, key, StartRecord, (r) =>
      markers.has(r.accountId) ? { ...r, accountId: replaceAccount(r.accountId, markers) } : null,
    ),
};

const startLeases: Source = {
  prefix: storageKey('claim', 'start:'),
  holds: (key, value) => {
    const r = ClaimRecord.safeParse(value);
    return r.success ? one(key, r.data.holder) : null;
  },
  async anonymise(store, key, markers, now) {
    const claim = await store.get(key, ClaimRecord);
    if (claim === undefined || !markers.has(claim.holder)) return 'unchanged';
    // A lease still held is its holder's to release: rewritten by the next run.
    if (claim.until > now) return { later: 'a start request is still running' };
    await store.set(key, ClaimRecord, { ...claim, holder: replaceAccount(claim.holder, markers) });
    return 'rewritten';
  },
};

const WeeklyBy = z.array(
  z.looseObject({
    by: z.string(),
    since: z.string().optional(),
    stopped: z.looseObject({ by: z.string(), at: z.string().optional() }).optional(),
  }),
);
const weeklyStatus: Source = {
  prefix: 'status:weekly',
  exact: true,
  holds(key, value) {
    const r = WeeklyBy.safeParse(value);
    if (!r.success) return null;
    return {
      key,
      accounts: r.data.flatMap((w) => [
        { accountId: w.by, at: w.since },
        ...(w.stopped ? [{ accountId: w.stopped.by, at: w.stopped.at }] : []),
      ]),
    };
  },
  async anonymise(store, _key, markers) {
    const list = await readWeeklyStatuses(store);
    if (!list.some((w) => markers.has(w.by) || (w.stopped !== undefined && markers.has(w.stopped.by))))
      return 'unchanged';
    await writeWeeklyStatuses(
      store,
      list.map((w) => ({
        ...w,
        by: replaceAccount(w.by, markers),
        ...(w.stopped ? { stopped: { ...w.stopped, by: replaceAccount(w.stopped.by, markers) } } : {}),
      })),
    );
    return 'rewritten';
  },
};

/** `app`, or the administrator who asked: only an account id is reported. */
const provisioningRun: Source = {
  prefix: 'provisioning:run',
  exact: true,
  holds(key, value) {
    const r = ProvisioningRun.safeParse(value);
    if (!r.success || r.data.requestedBy === 'app') return null;
    return one(key, r.data.requestedBy, new Date(r.data.requestedAt).toISOString());
  },
  anonymise: (store, key, markers) =>
    rewrite(store, key, ProvisioningRun, (run) =>
      markers.has(run.requestedBy) ? { ...run, requestedBy: replaceAccount(run.requestedBy, markers) } : null,
    ),
};

const AlertDay = z.looseObject({ on: z.string().optional() });
/** Alert bookkeeping keyed by recipient: `<prefix><recipient>[:…]`. */
function alertsKeyedByRecipient(prefix: string): Source {
  return {
    prefix,
    holds(key, value) {
      const recipient = decodeKeyPart(key.slice(prefix.length).split(':')[0]);
      const r = AlertDay.safeParse(value);
      return one(key, recipient, r.success ? r.data.on : undefined);
    },
    async anonymise(store, key, markers) {
      const recipient = decodeKeyPart(key.slice(prefix.length).split(':')[0]);
      if (!markers.has(recipient)) return 'unchanged';
      await store.delete(key);
      return 'deleted';
    },
  };
}

const SnapshotBy = z.looseObject({ by: z.string(), computedAt: z.number().optional() });
const kpiSnapshots: Source = {
  prefix: `${storageKey('kpi', 'impl')}:`,
  holds(key, value) {
    const r = SnapshotBy.safeParse(value);
    if (!r.success) return null;
    const at = r.data.computedAt === undefined ? undefined : new Date(r.data.computedAt).toISOString();
    return one(key, r.data.by, at);
  },
  anonymise: (store, key, markers) =>
    rewrite(store, key, ImplementationSnapshot, (s) =>
      markers.has(s.by) ? { ...s, by: replaceAccount(s.by, markers) } : null,
    ),
};

/** `kpi:survey:<scope>:<asOf>:<accountId>`: the viewer is the key's last part. */
const surveyViewer = (key: string): string => decodeKeyPart(key.slice(key.lastIndexOf(':') + 1));

const kpiSurveys: Source = {
  prefix: `${storageKey('kpi', 'survey')}:`,
  holds: (key) => one(key, surveyViewer(key)),
  async anonymise(store, key, markers) {
    if (!markers.has(surveyViewer(key))) return 'unchanged';
    await store.delete(key);
    return 'deleted';
  },
};

export const PERSONAL_DATA_SOURCES: readonly Source[] = [
  gateLog,
  config,
  startRequests,
  startLeases,
  weeklyStatus,
  provisioningRun,
  alertsKeyedByRecipient(`${storageKey('alerts', 'sent')}:`),
  alertsKeyedByRecipient(`${storageKey('alerts', 'digest')}:`),
  kpiSnapshots,
  kpiSurveys,
];

const PAGE = 100;

/**
 * Walks every source a query page at a time (values up to 240 KiB each: a page is at most a few
 * MB), handing `onPage` what each page holds. Stops early, with false, once `more()` says so.
 */
export async function scanPersonalData(
  store: TypedStore,
  onPage: (holdings: Holding[]) => void,
  more: () => boolean = () => true,
): Promise<boolean> {
  for (const source of PERSONAL_DATA_SOURCES) {
    if (!more()) return false;
    if (source.exact) {
      const value = await store.kvs.get<unknown>(source.prefix);
      const held = value === undefined ? null : source.holds(source.prefix, value);
      onPage(held === null ? [] : [held]);
      continue;
    }
    let cursor: string | undefined;
    do {
      if (!more()) return false;
      let q = store.kvs.query().where('key', WhereConditions.beginsWith(source.prefix)).limit(PAGE);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<unknown>();
      onPage(page.results.flatMap((r) => source.holds(r.key, r.value) ?? []));
      cursor = page.nextCursor;
    } while (cursor);
  }
  return true;
}

/** The source a key belongs to. */
const sourceOf = (key: string): Source | undefined =>
  PERSONAL_DATA_SOURCES.find((s) => (s.exact ? key === s.prefix : key.startsWith(s.prefix)));

/** Stores the value of `key` again with closed accounts replaced (read afresh first). */
export async function anonymiseStored(
  store: TypedStore,
  key: string,
  markers: Markers,
  now: number,
): Promise<Anonymised> {
  const source = sourceOf(key);
  if (!source) return 'unchanged';
  return source.anonymise(store, key, markers, now);
}
