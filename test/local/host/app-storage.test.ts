// src/storage (the app's adapter over @forge/kvs) running on the local storage service.
import { z } from 'zod';
import { SqliteKvs } from '../../../src/local/host/kvs-sqlite';
import { installForgeRuntime, type ForgeRuntime } from '../../../src/local/host/runtime';
import {
  appendOnlyLog,
  readConfig,
  storageKey,
  typedStore,
  writeConfig,
  StorageError,
} from '../../../src/storage';
import { defaultConfig } from '../../../src/domain/config';

const noSite = { request: async () => ({ status: 500, body: 'no site in this test' }) };
const SignOff = z.object({ gate: z.string(), decision: z.enum(['approved', 'rejected']), by: z.string() });

describe('app storage over @forge/kvs', () => {
  let store: SqliteKvs;
  let runtime: ForgeRuntime;

  beforeEach(async () => {
    store = await SqliteKvs.open();
    runtime = installForgeRuntime({ site: noSite, storage: store });
  });
  afterEach(() => {
    runtime.uninstall();
    store.close();
  });

  it('appends concurrent entries to an append-only log without losing or reordering any', async () => {
    const log = appendOnlyLog(typedStore(), 'signoffs:IMP-1', SignOff);
    await Promise.all(
      ['ana', 'ben', 'chloe', 'dev', 'eli'].map((by) =>
        log.append({ gate: 'uat', decision: 'approved', by }),
      ),
    );
    const entries = await log.read();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries.map((e) => e.entry.by).sort()).toEqual(['ana', 'ben', 'chloe', 'dev', 'eli']);
  });

  it('refuses to append an entry its schema rejects, and reports a corrupt stored entry by key', async () => {
    const log = appendOnlyLog(typedStore(), 'signoffs:IMP-2', SignOff);
    await expect(log.append({ gate: 'uat', decision: 'maybe' as 'approved', by: 'x' })).rejects.toThrow(
      StorageError,
    );
    const { kvs } = typedStore();
    await kvs.set('log:signoffs#3a.IMP-2:00000001', { gate: 1 });
    await expect(log.read()).rejects.toThrow(/log:signoffs#3a.IMP-2:00000001.*gate/);
  });

  it('reads more list entries than one query page holds', async () => {
    const ts = typedStore();
    for (let i = 0; i < 230; i += 1) await ts.kvs.set(`item:${String(i).padStart(3, '0')}`, i);
    const all = await ts.list('item:', z.number());
    expect(all).toHaveLength(230);
    expect(all[229]).toEqual({ key: 'item:229', value: 229 });
  });

  it('stores the config and gives the defaults before anything was saved', async () => {
    const ts = typedStore();
    expect(await readConfig(ts)).toEqual(defaultConfig());
    await writeConfig(ts, { ...defaultConfig(), milestoneToleranceDays: 2 });
    expect((await readConfig(ts)).milestoneToleranceDays).toBe(2);
  });

  it('escapes key parts that Forge keys do not allow', () => {
    expect(storageKey('log', 'IMP-1/uat gate')).toBe('log:IMP-1#2f.uat#20.gate');
  });
});
