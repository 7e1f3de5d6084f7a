// Claims (src/storage/claim.ts) on the local storage service, which refuses a FAIL_IF_EXISTS write
// of an existing key as Forge's does: however many callers race, one holds a claim at a time.
import { z } from 'zod';
import { SqliteKvs } from '../../../src/local/host/kvs-sqlite';
import { installForgeRuntime, type ForgeRuntime } from '../../../src/local/host/runtime';
import { claimHolder, storageKey, takeClaim, typedStore } from '../../../src/storage';

const noSite = { request: async () => ({ status: 500, body: 'no site in this test' }) };
const T0 = 1_800_000_000_000;
const TTL = 30_000;

describe('a claim (lease, lock, idempotency key)', () => {
  let kvs: SqliteKvs;
  let runtime: ForgeRuntime;

  beforeEach(async () => {
    kvs = await SqliteKvs.open();
    runtime = installForgeRuntime({ site: noSite, storage: kvs });
  });
  afterEach(() => {
    runtime.uninstall();
    kvs.close();
  });

  const take = (holder: string, now: number) =>
    takeClaim(typedStore(), 'start:IMP:r1', { holder, now, ttlMs: TTL });
  const winners = (answers: Array<Awaited<ReturnType<typeof take>>>) => answers.filter((a) => a.ok).length;

  it('is held by exactly one of many callers taking it at once', async () => {
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((h) => take(h, T0)));
    expect(winners(answers)).toBe(1);
    expect((await claimHolder(typedStore(), 'start:IMP:r1', T0))?.holder).toMatch(/^[a-e]$/);
  });

  it('refuses others while held, naming the holder and until when', async () => {
    expect((await take('a', T0)).ok).toBe(true);
    expect(await take('b', T0 + TTL - 1)).toEqual({ ok: false, heldBy: { holder: 'a', until: T0 + TTL } });
  });

  it('once expired, is taken over by exactly one of many callers taking it over at once', async () => {
    expect((await take('dead', T0)).ok).toBe(true);
    const later = T0 + TTL + 1;
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((h) => take(h, later)));
    expect(winners(answers)).toBe(1);
    expect(answers.flatMap((a) => (a.ok ? [a.claim.generation] : []))).toEqual([2]);
  });

  it('once released, is free at once; releasing a claim already taken over changes nothing', async () => {
    const first = await take('a', T0);
    if (!first.ok) throw new Error('expected the claim');
    await first.claim.release();
    expect(await claimHolder(typedStore(), 'start:IMP:r1', T0)).toBeNull();
    const second = await take('b', T0);
    expect(second.ok).toBe(true);
    await first.claim.release();
    expect((await claimHolder(typedStore(), 'start:IMP:r1', T0))?.holder).toBe('b');
  });

  it('a caller that read an older generation is refused, never let in', async () => {
    // Generations 1 and 2 exist; a slow caller that saw only generation 1 would write generation 2.
    expect((await take('a', T0)).ok).toBe(true);
    expect((await take('b', T0 + TTL + 1)).ok).toBe(true);
    const generation2 = `${storageKey('claim', 'start:IMP:r1')}:00000002`;
    expect(await typedStore().create(generation2, z.unknown(), { holder: 'slow', until: T0 })).toBe(false);
  });
});
