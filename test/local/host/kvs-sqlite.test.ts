// The local storage service, driven through the real @forge/kvs client exactly as app code uses it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { kvs, Filter, FilterConditions, WhereConditions, MetadataField, Sort } from '@forge/kvs';
import { SqliteKvs, type EntityDefinition } from '../../../src/local/host/kvs-sqlite';
import { installForgeRuntime, type ForgeRuntime } from '../../../src/local/host/runtime';

const noSite = { request: async () => ({ status: 500, body: 'no site in this test' }) };

const entities: EntityDefinition[] = [
  {
    name: 'signoff',
    attributes: { gate: 'string', seq: 'integer', decision: 'string', implementation: 'string' },
    indexes: [
      { name: 'by-gate', range: ['seq'], partition: ['gate'] },
      { name: 'decision', range: ['decision'], partition: [] },
    ],
  },
];

describe('the local kvs backend (SQLite) behind @forge/kvs', () => {
  let dir: string;
  let file: string;
  let store: SqliteKvs;
  let runtime: ForgeRuntime;
  let clock: number;

  const open = async () => {
    store = await SqliteKvs.open({ file, entities, now: () => clock });
    runtime = installForgeRuntime({ site: noSite, storage: store });
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-kvs-'));
    file = path.join(dir, 'nested', 'runway.sqlite');
    clock = Date.UTC(2026, 0, 15);
    await open();
  });

  afterEach(() => {
    runtime.uninstall();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips JSON values with get, set and delete, and reads a missing key as undefined', async () => {
    await kvs.set('config:kpis', { targets: { csat: 4.5 }, tiers: ['Standard', 'Advanced'] });
    expect(await kvs.get('config:kpis')).toEqual({ targets: { csat: 4.5 }, tiers: ['Standard', 'Advanced'] });
    await kvs.delete('config:kpis');
    expect(await kvs.get('config:kpis')).toBeUndefined();
    await expect(kvs.delete('config:kpis')).resolves.toBeUndefined();
  });

  it('returns metadata when asked and keeps createdAt across updates', async () => {
    await kvs.set('a', 1);
    clock += 5000;
    await kvs.set('a', 2);
    const got = await kvs.get('a', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] });
    expect(got).toEqual({
      key: 'a',
      value: 2,
      createdAt: Date.UTC(2026, 0, 15),
      updatedAt: Date.UTC(2026, 0, 15) + 5000,
    });
  });

  it('refuses to overwrite with keyPolicy FAIL_IF_EXISTS (check-and-set) and returns previous or latest values', async () => {
    await kvs.set('log:1', { seq: 1 }, { keyPolicy: 'FAIL_IF_EXISTS' });
    await expect(kvs.set('log:1', { seq: 99 }, { keyPolicy: 'FAIL_IF_EXISTS' })).rejects.toMatchObject({
      code: 'KEY_CONFLICT',
    });
    expect(await kvs.get('log:1')).toEqual({ seq: 1 });
    const previous = await kvs.set('log:1', { seq: 2 }, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(previous).toEqual({ key: 'log:1', value: { seq: 1 } });
    const latest = await kvs.set('log:1', { seq: 3 }, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' });
    expect(latest).toEqual({ key: 'log:1', value: { seq: 3 } });
  });

  it('expires values after their TTL', async () => {
    await kvs.set('lease', 'mine', { ttl: { value: 2, unit: 'MINUTES' } });
    clock += 60_000;
    expect(await kvs.get('lease')).toBe('mine');
    clock += 61_000;
    expect(await kvs.get('lease')).toBeUndefined();
  });

  it('rejects keys outside the Forge key pattern with a clear error code', async () => {
    await expect(kvs.set('bad/key', 1)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(kvs.set('x'.repeat(501), 1)).rejects.toMatchObject({ code: 'KEY_TOO_LONG' });
  });

  it('queries keys by prefix in key order, page by page with the cursor', async () => {
    for (const k of [
      'snap:2026-03',
      'snap:2026-01',
      'other:1',
      'snap:2026-02',
      'snap:2026-04',
      'snap:2026-05',
    ])
      await kvs.set(k, k);
    const first = await kvs.query().where('key', WhereConditions.beginsWith('snap:')).limit(2).getMany();
    expect(first.results.map((r) => r.key)).toEqual(['snap:2026-01', 'snap:2026-02']);
    expect(typeof first.nextCursor).toBe('string');
    const keys = [...first.results.map((r) => r.key)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await kvs
        .query()
        .where('key', WhereConditions.beginsWith('snap:'))
        .limit(2)
        .cursor(cursor)
        .getMany();
      keys.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    }
    expect(keys).toEqual(['snap:2026-01', 'snap:2026-02', 'snap:2026-03', 'snap:2026-04', 'snap:2026-05']);
    expect(await kvs.query().where('key', WhereConditions.beginsWith('other')).getOne()).toEqual({
      key: 'other:1',
      value: 'other:1',
    });
  });

  it('applies a transaction of sets and deletes all together', async () => {
    await kvs.set('old', 1);
    await kvs.transact().set('k1', 'v1').set('k2', 'v2').delete('old').execute();
    expect([await kvs.get('k1'), await kvs.get('k2'), await kvs.get('old')]).toEqual(['v1', 'v2', undefined]);
  });

  it('cancels the whole transaction when a condition on an entity does not hold', async () => {
    const signoffs = kvs.entity<{ gate: string; seq: number; decision: string }>('signoff');
    await signoffs.set('IMP-1:uat:1', { gate: 'IMP-1:uat', seq: 1, decision: 'approved' });
    const notYetTaken = new Filter<{ gate: string }>().and('gate', FilterConditions.notExists());
    await expect(
      kvs
        .transact()
        .set(
          'IMP-1:uat:1',
          { gate: 'IMP-1:uat', seq: 1, decision: 'rejected' },
          { entityName: 'signoff', conditions: notYetTaken },
        )
        .set('plain', 'should not be written')
        .execute(),
    ).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED' });
    expect(await signoffs.get('IMP-1:uat:1')).toEqual({ gate: 'IMP-1:uat', seq: 1, decision: 'approved' });
    expect(await kvs.get('plain')).toBeUndefined();

    await kvs
      .transact()
      .set(
        'IMP-1:uat:2',
        { gate: 'IMP-1:uat', seq: 2, decision: 'rejected' },
        { entityName: 'signoff', conditions: notYetTaken },
      )
      .check('IMP-1:uat:1', {
        entityName: 'signoff',
        conditions: new Filter<{ decision: string }>().and('decision', FilterConditions.equalTo('approved')),
      })
      .execute();
    expect(await signoffs.get('IMP-1:uat:2')).toEqual({ gate: 'IMP-1:uat', seq: 2, decision: 'rejected' });
  });

  it('queries entities through a partitioned index with range, filters, sort and cursor', async () => {
    const signoffs = kvs.entity<{ gate: string; seq: number; decision: string }>('signoff');
    for (let seq = 1; seq <= 5; seq += 1) {
      await signoffs.set(`g1:${seq}`, { gate: 'g1', seq, decision: seq % 2 ? 'approved' : 'rejected' });
    }
    await signoffs.set('g2:1', { gate: 'g2', seq: 1, decision: 'approved' });
    const desc = await signoffs
      .query()
      .index('by-gate', { partition: ['g1'] })
      .where(WhereConditions.greaterThan(1))
      .sort(Sort.DESC)
      .limit(3)
      .getMany();
    expect(desc.results.map((r) => r.value.seq)).toEqual([5, 4, 3]);
    const rest = await signoffs
      .query()
      .index('by-gate', { partition: ['g1'] })
      .where(WhereConditions.greaterThan(1))
      .sort(Sort.DESC)
      .cursor(desc.nextCursor ?? '')
      .getMany();
    expect(rest.results.map((r) => r.value.seq)).toEqual([2]);
    const approved = await signoffs
      .query()
      .index('by-gate', { partition: ['g1'] })
      .filters(new Filter<{ decision: string }>().and('decision', FilterConditions.equalTo('approved')))
      .getMany();
    expect(approved.results.map((r) => r.key)).toEqual(['g1:1', 'g1:3', 'g1:5']);
    await expect(signoffs.query().index('no-such-index').getMany()).rejects.toMatchObject({
      code: 'INVALID_INDEX',
    });
  });

  it('rejects entity values whose attributes the manifest does not declare', async () => {
    await expect(kvs.entity('signoff').set('x1', { gate: 'g', colour: 'red' })).rejects.toMatchObject({
      code: 'INVALID_ATTRIBUTE',
    });
    await expect(kvs.entity('signoff').set('x1', { gate: 'g', seq: 1.5 })).rejects.toMatchObject({
      code: 'INVALID_ATTRIBUTE',
    });
  });

  it('runs batch set, get and delete key by key', async () => {
    const set = await kvs.batchSet([
      { key: 'b1', value: 1 },
      { key: 'b2', value: 2 },
      { key: 'bad/key', value: 3 },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2' }]);
    expect(set.failedKeys).toEqual([
      { key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.stringContaining('bad/key') } },
    ]);
    const got = await kvs.batchGet([{ key: 'b1' }, { key: 'missing' }]);
    expect(got.successfulKeys).toEqual([{ key: 'b1', value: 1 }]);
    expect(got.failedKeys.map((f) => f.error.code)).toEqual(['KEY_NOT_FOUND']);
    const deleted = await kvs.batchDelete([{ key: 'b1' }, { key: 'b2' }]);
    expect(deleted.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2' }]);
    expect(await kvs.get('b2')).toBeUndefined();
  });

  it('keeps secrets apart from plain keys', async () => {
    await kvs.setSecret('token', 's3cret');
    expect(await kvs.get('token')).toBeUndefined();
    expect(await kvs.getSecret('token')).toBe('s3cret');
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
  });

  it('survives a restart: a new backend on the same file reads what the old one wrote', async () => {
    await kvs.set('config', { version: 3 });
    await kvs.entity('signoff').set('g1:1', { gate: 'g1', seq: 1, decision: 'approved' });
    runtime.uninstall();
    store.close();
    await open();
    expect(await kvs.get('config')).toEqual({ version: 3 });
    expect(await kvs.entity('signoff').get('g1:1')).toEqual({ gate: 'g1', seq: 1, decision: 'approved' });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['runway.sqlite']);
  });
});
