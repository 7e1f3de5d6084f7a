// The daily snapshot function drops the snapshots of "today" scopes from before yesterday
// (src/app/kpis/snapshot-jobs.ts) and reads only those: the stale dates come from each scope's
// date index, not from loading every snapshot. Storage is the @forge/kvs emulation in memory; a
// counting wrapper records every key read and deleted.
import { runDailySnapshots } from '../../../src/app/kpis';
import { addDays } from '../../../src/domain';
import { createBaseSite } from '../../../src/local/demo/catalog';
import { kvs, MetadataField } from '@forge/kvs';
import { z } from 'zod';
import {
  CHANGED_MARK_TTL_SECONDS,
  markChanged,
  readChanged,
  readImplementationSnapshots,
  recordScope,
  writeImplementationSnapshots,
  ImplementationSnapshot,
  type TypedStore,
} from '../../../src/storage';
import { storageKey } from '../../../src/storage/store';
import { inMemoryApp, type InMemoryApp } from '../support/ports';

const NOW = new Date('2026-11-23T05:00:00.000Z');
const TODAY = '2026-11-23';
const IMPLEMENTATIONS = 30;

function snapshots(asOf: string): ImplementationSnapshot[] {
  return Array.from({ length: IMPLEMENTATIONS }, (_, i) => ({
    key: `IMP-${i + 1}`,
    inputs: [`IMP-${i + 1}`],
    computedAt: NOW.getTime(),
    by: 'app',
    dates: [asOf],
    contributions: [null],
  }));
}

/** The store, recording every key it answered with a value for, and every key deleted. */
function counting(store: TypedStore) {
  const read: string[] = [];
  const deleted: string[] = [];
  const counted: TypedStore = {
    ...store,
    get: async (key, schema) => {
      const value = await store.get(key, schema);
      if (value !== undefined) read.push(key);
      return value;
    },
    list: async (prefix, schema) => {
      const rows = await store.list(prefix, schema);
      read.push(...rows.map((r) => r.key));
      return rows;
    },
    delete: async (key) => {
      deleted.push(key);
      await store.delete(key);
    },
  };
  return { store: counted, read, deleted };
}

const isSnapshot = (key: string) => key.startsWith('kpi:impl:');

describe('the daily snapshot function deleting stale snapshots', () => {
  let app: InMemoryApp;
  const daily = (store: TypedStore, today = TODAY, now = NOW.getTime()) =>
    runDailySnapshots({ store, today, now, enqueue: async () => undefined });
  const stored = async (scope: string, asOf: string) =>
    (await readImplementationSnapshots(app.store, scope, asOf)).size;

  beforeEach(async () => {
    app = await inMemoryApp(createBaseSite({ provisioned: true }), NOW);
    const used = { lastUsed: NOW.getTime() - 3_600_000 };
    await recordScope(app.store, 'rolling', { jql: 'project = IMP', asOf: null, ...used });
    await recordScope(app.store, 'fixed', { jql: 'project = ENT', asOf: '2026-06-30', ...used });
    await recordScope(app.store, 'idle', {
      jql: 'project = ONB',
      asOf: null,
      lastUsed: NOW.getTime() - 40 * 86_400_000,
    });
  });
  afterEach(() => app.close());

  it('reads only the snapshots it deletes, and keeps today’s, yesterday’s and a fixed date’s', async () => {
    await daily(app.store, addDays(TODAY, -10)); // the first run of this version: its one-time sweep
    const days = [0, -1, -2, -3, -7].map((d) => addDays(TODAY, d));
    for (const asOf of days) await writeImplementationSnapshots(app.store, 'rolling', asOf, snapshots(asOf));
    await writeImplementationSnapshots(app.store, 'fixed', '2026-06-30', snapshots('2026-06-30'));
    await writeImplementationSnapshots(
      app.store,
      'idle',
      addDays(TODAY, -40),
      snapshots(addDays(TODAY, -40)),
    );

    await markChanged(app.store, ['IMP-1', 'IMP-2'], NOW.getTime() - 3_600_000);

    const c = counting(app.store);
    await daily(c.store);
    const stale = [...days.slice(2), addDays(TODAY, -40)];
    const deletedSnapshots = c.deleted.filter(isSnapshot);
    expect(deletedSnapshots).toHaveLength(stale.length * IMPLEMENTATIONS);
    // Every snapshot it read, it deleted; and nothing else it read is a snapshot.
    expect(c.read.filter(isSnapshot).sort()).toEqual([...deletedSnapshots].sort());
    // Besides: the scopes in use, the date index (one empty record per date of the "today" scopes)
    // and two marks that the one-time sweeps are done. No mark of a changed issue (they expire).
    expect(c.read.filter((k) => !isSnapshot(k)).sort()).toEqual(
      [
        ...['fixed', 'idle', 'rolling'].map((s) => `kpi:scope:${s}`),
        ...days.map((d) => `kpi:dates:rolling:${d}`),
        `kpi:dates:idle:${addDays(TODAY, -40)}`,
        'kpi:changed-swept',
        'kpi:dates-swept',
      ].sort(),
    );

    for (const asOf of stale)
      expect([asOf, await stored(asOf === addDays(TODAY, -40) ? 'idle' : 'rolling', asOf)]).toEqual([
        asOf,
        0,
      ]);
    expect(await stored('rolling', TODAY)).toBe(IMPLEMENTATIONS);
    expect(await stored('rolling', addDays(TODAY, -1))).toBe(IMPLEMENTATIONS);
    expect(await stored('fixed', '2026-06-30')).toBe(IMPLEMENTATIONS);

    // The next day, only the day that became stale is read.
    const next = counting(app.store);
    await daily(next.store, addDays(TODAY, 1), NOW.getTime() + 86_400_000);
    expect(next.read.filter(isSnapshot).length).toBe(IMPLEMENTATIONS);
    expect(next.deleted.filter(isSnapshot).every((k) => k.includes(`:${addDays(TODAY, -1)}:`))).toBe(true);
  });

  it('keeps the marks of changed issues with a TTL, and sweeps those from before once', async () => {
    const old = NOW.getTime() - 2 * 86_400_000;
    const recent = NOW.getTime() - 3_600_000;
    // Marks as the previous version wrote them: no TTL.
    await app.store.set('kpi:changed:IMP-7', z.object({ at: z.number() }), { at: old });
    await app.store.set('kpi:changed:IMP-8', z.object({ at: z.number() }), { at: recent });
    await daily(app.store);
    expect([...(await readChanged(app.store)).keys()]).toEqual(['IMP-8']);
    const expiry = async (key: string) =>
      Date.parse(
        (await kvs.get<unknown>(key, { metadataFields: [MetadataField.EXPIRE_TIME] }))?.expireTime ?? '',
      );
    expect(await expiry('kpi:changed:IMP-8')).toBeGreaterThan(NOW.getTime());

    await markChanged(app.store, ['IMP-9'], NOW.getTime());
    const ttl = (await expiry('kpi:changed:IMP-9')) - Date.now();
    expect(Math.abs(ttl - CHANGED_MARK_TTL_SECONDS * 1000)).toBeLessThan(60_000);
    const c = counting(app.store);
    await daily(c.store);
    expect(c.read.filter((k) => k.startsWith('kpi:changed:'))).toEqual([]);
  });

  it('sweeps the snapshots stored before the date index once, then reads only what it deletes', async () => {
    // Snapshots as the previous version stored them: no date index.
    const legacy = async (asOf: string) => {
      for (const s of snapshots(asOf))
        await app.store.set(
          `${storageKey('kpi', 'impl', 'rolling', asOf)}:${s.key}`,
          ImplementationSnapshot,
          s,
        );
    };
    for (const d of [0, -1, -5]) await legacy(addDays(TODAY, d));

    const first = counting(app.store);
    await daily(first.store);
    expect(first.deleted.filter(isSnapshot)).toHaveLength(IMPLEMENTATIONS); // the day five days back
    expect(await stored('rolling', TODAY)).toBe(IMPLEMENTATIONS);

    const second = counting(app.store);
    await daily(second.store, addDays(TODAY, 1), NOW.getTime() + 86_400_000);
    // Yesterday's legacy snapshots were indexed by the sweep: found, read and deleted, nothing else.
    expect(second.deleted.filter(isSnapshot)).toHaveLength(IMPLEMENTATIONS);
    expect(second.read.filter(isSnapshot).sort()).toEqual(second.deleted.filter(isSnapshot).sort());
    expect(await stored('rolling', addDays(TODAY, -1))).toBe(0);
    expect(await stored('rolling', TODAY)).toBe(IMPLEMENTATIONS);
  });
});
