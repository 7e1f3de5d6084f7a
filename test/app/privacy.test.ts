// The weekly personal data report as a use case, over app storage (the host's storage service in
// memory) and a fake reporting API: every account id Runway stores is reported, and a closed one is
// replaced by its marker everywhere, the gate record staying complete and in order.
import { runPrivacyReport, type AccountUpdate, type ReportedAccount } from '../../src/app/privacy';
import { defaultConfig, parseConfig, type AuditRecordInput } from '../../src/domain';
import { SqliteKvs } from '../../src/local/host/kvs-sqlite';
import { installForgeRuntime, type ForgeRuntime } from '../../src/local/host/runtime';
import {
  ClaimRecord,
  deliveryId,
  ImplementationSnapshot,
  readConfig,
  readSentAlerts,
  readStartRecord,
  readWeeklyStatuses,
  typedStore,
  writeConfig,
  writeDigestDay,
  writeImplementationSnapshots,
  writeSentAlert,
  writeStartRecord,
  writeWeeklyStatuses,
  takeClaim,
  lastDigestDay,
  type TypedStore,
} from '../../src/storage';
import { readProvisioningRun, writeProvisioningRun } from '../../src/storage/provisioning';
import { keepSurvey, readSurvey } from '../../src/storage/kpi-surveys';
import { auditLog } from '../../src/storage/gates';
import { readMarkerPlan } from '../../src/storage/privacy';

const ANA = 'acc-ana';
const BEN = '557058:ben-0001';
const NOW = new Date('2026-12-06T06:00:00.000Z');
const LOG = '10042';

let kvs: SqliteKvs;
let runtime: ForgeRuntime;
let store: TypedStore;

beforeEach(async () => {
  kvs = await SqliteKvs.open();
  runtime = installForgeRuntime({
    site: { request: async () => ({ status: 500, body: 'no site here' }) },
    storage: kvs,
  });
  store = typedStore();
});
afterEach(() => {
  runtime.uninstall();
  kvs.close();
});

const signOff = (i: number, by: string, action: 'approve' | 'reject' = 'approve'): AuditRecordInput => ({
  action,
  at: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
  by: { accountId: by },
  gateId: i % 2 === 0 ? 'designSignOff' : 'uatReadiness',
  gateStatus: 'awaitingApproval',
  criteria: [],
  comment: action === 'reject' ? `not yet (${i})` : `fine (${i})`,
});

/** A reporting API that answers `closed` for `closed`, and remembers each request. */
function reportingApi(closed: readonly string[]) {
  const requests: ReportedAccount[][] = [];
  return {
    requests,
    report: async (accounts: ReportedAccount[]): Promise<AccountUpdate[]> => {
      requests.push(accounts);
      return accounts
        .filter((a) => closed.includes(a.accountId))
        .map((a) => ({ ...a, status: 'closed' as const }));
    },
  };
}

/** Runway's storage with both people in every place it keeps account ids. */
async function seed(): Promise<void> {
  const log = auditLog(store, LOG);
  await log.append(signOff(0, ANA));
  await log.append(signOff(1, BEN, 'reject'));
  await log.append(signOff(2, BEN));
  await log.append(signOff(3, ANA, 'reject'));
  // An entry from before names were looked up: it kept the name the person had then.
  await store.kvs.set(`log:gates#3a.${LOG}:00000005`, {
    ...signOff(4, BEN),
    by: { accountId: BEN, displayName: 'Ben (2025)' },
  });
  const config = parseConfig({
    ...defaultConfig(),
    gates: defaultConfig().gates.map((g) => ({ ...g, approvers: { users: [ANA, BEN], groups: ['leads'] } })),
  });
  if (!config.ok) throw new Error(config.error);
  await writeConfig(store, config.value);
  await writeStartRecord(store, 'IMP', 'req-1', {
    accountId: ANA,
    request: '{}',
    epic: null,
    created: {},
    complete: true,
  });
  const lease = await takeClaim(store, 'start:IMP:req-1', {
    holder: ANA,
    now: NOW.getTime() - 120_000,
    ttlMs: 60_000,
  });
  if (!lease.ok) throw new Error('lease not taken');
  const weekly = {
    spaceId: 'S',
    parentId: 'P',
    periodDays: 7,
    siteUrl: 'https://x.example',
    since: '2026-11-01',
  };
  await writeWeeklyStatuses(store, [
    { ...weekly, implementationKey: 'IMP-1', by: ANA },
    { ...weekly, implementationKey: 'IMP-2', by: BEN, stopped: { by: ANA, at: '2026-12-02' } },
  ]);
  await writeProvisioningRun(store, {
    id: 'run-1',
    requestedBy: ANA,
    requestedAt: Date.UTC(2026, 10, 20),
    touchedAt: Date.UTC(2026, 10, 20),
    finishedAt: Date.UTC(2026, 10, 20),
    items: [],
    pending: [],
    planned: 0,
    error: null,
  });
  for (const who of [ANA, BEN]) {
    await writeSentAlert(store, deliveryId(who, 'overdue_milestone', 'IMP-7'), {
      state: 'due',
      on: '2026-12-01',
    });
    await writeDigestDay(store, who, '2026-12-01');
  }
  const snapshot: ImplementationSnapshot = {
    key: 'IMP-1',
    inputs: ['IMP-1'],
    computedAt: Date.UTC(2026, 11, 5),
    by: ANA,
    dates: ['2026-12-05'],
    contributions: [null],
  };
  await writeImplementationSnapshots(store, 'scope1', '2026-12-05', [snapshot]);
  await writeImplementationSnapshots(store, 'scope1', '2026-12-04', [{ ...snapshot, by: 'app' }]);
  const survey = {
    at: NOW.getTime(),
    siteIssueTypes: new Set<string>(),
    visible: new Set(['IMP-1']),
    candidates: ['IMP-1'],
  };
  await keepSurvey(store, 'scope1', '2026-12-05', ANA, survey);
}

describe('the weekly personal data report', () => {
  it('reports every account id Runway stores, once, with when it last stored it; the app and markers are not accounts', async () => {
    await seed();
    const api = reportingApi([]);
    const run = await runPrivacyReport({ store, now: () => NOW, report: api.report });
    expect(api.requests).toEqual([
      [
        { accountId: BEN, updatedAt: '2026-12-01T00:00:00.000Z' },
        { accountId: ANA, updatedAt: '2026-12-05T00:00:00.000Z' },
      ],
    ]);
    expect([run.reported, run.closed, run.deleted, run.failures, run.incomplete]).toEqual([
      2,
      0,
      0,
      [],
      undefined,
    ]);
    // Nobody closed: only the entry that kept a name is stored again, without it.
    expect(run.rewritten).toBe(1);
    expect(await store.kvs.get(`log:gates#3a.${LOG}:00000005`)).toMatchObject({ by: { accountId: BEN } });
    expect(JSON.stringify(await store.kvs.get(`log:gates#3a.${LOG}:00000005`))).not.toContain('Ben (2025)');
  });

  it('replaces a closed account by its marker in every record, keeping the gate record complete and in order', async () => {
    await seed();
    const before = await auditLog(store, LOG).read();
    const run = await runPrivacyReport({ store, now: () => NOW, report: reportingApi([ANA]).report });
    expect([run.closed, run.failures, run.later, run.incomplete]).toEqual([1, [], [], undefined]);

    const after = await auditLog(store, LOG).read();
    expect(after.map((r) => r.seq)).toEqual(before.map((r) => r.seq));
    expect(after.map((r) => r.entry)).toEqual(
      before.map((r) => ({
        ...r.entry,
        by: { accountId: r.entry.by.accountId === ANA ? 'anonymised-1' : r.entry.by.accountId },
      })),
    );

    expect((await readConfig(store)).gates.map((g) => g.approvers.users)).toEqual(
      defaultConfig().gates.map(() => [BEN]),
    );
    expect((await readStartRecord(store, 'IMP', 'req-1'))?.accountId).toBe('anonymised-1');
    expect((await store.get('claim:start#3a.IMP#3a.req-1:00000001', ClaimRecord))?.holder).toBe(
      'anonymised-1',
    );
    expect((await readWeeklyStatuses(store)).map((w) => [w.by, w.stopped?.by])).toEqual([
      ['anonymised-1', undefined],
      [BEN, 'anonymised-1'],
    ]);
    expect((await readProvisioningRun(store))?.requestedBy).toBe('anonymised-1');
    expect([...(await readSentAlerts(store)).keys()]).toEqual([
      deliveryId(BEN, 'overdue_milestone', 'IMP-7'),
    ]);
    expect([await lastDigestDay(store, ANA), await lastDigestDay(store, BEN)]).toEqual([
      undefined,
      '2026-12-01',
    ]);
    expect(await store.kvs.get('kpi:impl:scope1:2026-12-05:IMP-1')).toMatchObject({ by: 'anonymised-1' });
    expect(await readSurvey(store, 'scope1', '2026-12-05', ANA)).toBeUndefined();
    // Every record of the account rewritten: the mapping to its id is gone, the counter stays.
    expect(await readMarkerPlan(store)).toEqual({ next: 2, pending: {} });

    // The next week: the marker is no account (not reported); a second closed account gets its own.
    const api = reportingApi([BEN]);
    await runPrivacyReport({ store, now: () => NOW, report: api.report });
    expect(api.requests.flat().map((a) => a.accountId)).toEqual([BEN]);
    expect((await auditLog(store, LOG).read()).map((r) => r.entry.by.accountId)).toEqual([
      'anonymised-1',
      'anonymised-2',
      'anonymised-2',
      'anonymised-1',
      'anonymised-2',
    ]);
  });

  it('sends at most 90 accounts a request, one request at a time, and waits out a 429', async () => {
    for (let i = 0; i < 95; i += 1)
      await writeDigestDay(store, `acc-${String(i).padStart(3, '0')}`, '2026-12-01');
    const sizes: number[] = [];
    const waits: number[] = [];
    let refused = false;
    const run = await runPrivacyReport({
      store,
      now: () => NOW,
      sleep: async (ms) => {
        waits.push(ms);
      },
      report: async (accounts) => {
        if (!refused) {
          refused = true;
          return Promise.reject(new Response(null, { status: 429, headers: { 'retry-after': '7' } }));
        }
        sizes.push(accounts.length);
        return [];
      },
    });
    expect([sizes, waits, run.reported, run.incomplete]).toEqual([[90, 5], [7000], 95, undefined]);
  });

  it('stops at an answer it cannot use, says so, and anonymises nothing it was not told', async () => {
    await seed();
    const run = await runPrivacyReport({
      store,
      now: () => NOW,
      report: () => Promise.reject(new Response(null, { status: 500 })),
    });
    expect(run.incomplete).toBe('0 of 2 accounts reported: the reporting API answered 500');
    expect((await readStartRecord(store, 'IMP', 'req-1'))?.accountId).toBe(ANA);
  });

  it('leaves a start request still running for the next run, and keeps its marker for it', async () => {
    await seed();
    await takeClaim(store, 'start:IMP:req-2', { holder: ANA, now: NOW.getTime(), ttlMs: 60_000 });
    const run = await runPrivacyReport({ store, now: () => NOW, report: reportingApi([ANA]).report });
    expect(run.later).toEqual(['claim:start#3a.IMP#3a.req-2:00000001: a start request is still running']);
    expect(await readMarkerPlan(store)).toEqual({ next: 2, pending: { [ANA]: 'anonymised-1' } });
    // A week on, the lease has ended: the same marker, and the mapping goes.
    const later = new Date(NOW.getTime() + 7 * 86_400_000);
    await runPrivacyReport({ store, now: () => later, report: reportingApi([ANA]).report });
    expect((await store.get('claim:start#3a.IMP#3a.req-2:00000001', ClaimRecord))?.holder).toBe(
      'anonymised-1',
    );
    expect(await readMarkerPlan(store)).toEqual({ next: 2, pending: {} });
  });
});
