// Forge's invocation limits, enforced by the host: a call that breaks one fails the way Forge
// fails it, naming the limit, the function and the measured value (src/local/host/limits.ts).
import * as path from 'node:path';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import Resolver from '@forge/resolver';
import { LocalForge, type SiteLike } from '../../../src/local/host/forge';
import { functionLimits } from '../../../src/local/host/limits';
import { parseManifest } from '../../../src/local/host/manifest';

const site: SiteLike = {
  handle: async () => ({ status: 200, headers: {}, body: '{}' }),
};

const manifest = parseManifest({
  modules: {
    'jira:issuePanel': [
      { key: 'panel', title: 'Panel', resource: 'res', resolver: { function: 'panel-fn' } },
    ],
    'jira:adminPage': [{ key: 'small', title: 'Small', resource: 'res', resolver: { function: 'small-fn' } }],
    'jira:workflowValidator': [{ key: 'validator', name: 'V', description: 'V', function: 'validator-fn' }],
    consumer: [
      { key: 'long-consumer', queue: 'long', function: 'long-fn' },
      { key: 'short-consumer', queue: 'short', function: 'short-fn' },
    ],
    scheduledTrigger: [{ key: 'daily', function: 'short-fn', interval: 'day' }],
    function: [
      { key: 'panel-fn', handler: 'index.panel' },
      { key: 'small-fn', handler: 'index.panel', runtime: { memoryMB: 128 } },
      { key: 'validator-fn', handler: 'index.panel' },
      { key: 'long-fn', handler: 'index.consumer', timeoutSeconds: 900 },
      { key: 'short-fn', handler: 'index.consumer' },
    ],
  },
  resources: [{ key: 'res', path: 'static/res/dist' }],
});

const resolver = new Resolver();
resolver.define('sleep', () => new Promise((r) => setTimeout(() => r('late'), 30_000)));
resolver.define('bigValue', async () => {
  await kvs.set('big', 'x'.repeat(250 * 1024));
});
resolver.define('longKey', async () => {
  await kvs.set('k'.repeat(501), 1);
});
resolver.define('bigTransaction', async () => {
  let t = kvs.transact();
  for (let i = 0; i < 26; i++) t = t.set(`key-${i}`, i);
  await t.execute();
});
resolver.define('bigResponse', () => 'x'.repeat(6 * 1024 * 1024));
resolver.define('hoard', async () => {
  // ~200 MB of doubles on the heap, kept until the function returns.
  const kept: number[][] = [];
  for (let i = 0; i < 25; i++) {
    kept.push(new Array<number>(1_000_000).fill(i + 0.5));
    await new Promise((r) => setTimeout(r, 5));
  }
  return kept.length;
});
resolver.define('hoardPastLimit', async () => {
  // In the host's own thread the heap is shared: a collection during the call can free garbage
  // left by earlier tests and hide part of its growth. So it keeps allocating until the heap has
  // grown by 3× small-fn's 128 MB, whatever the collector frees meanwhile.
  const start = process.memoryUsage().heapUsed;
  const kept: number[][] = [];
  while (process.memoryUsage().heapUsed - start < 384 * 2 ** 20 && kept.length < 200) {
    kept.push(new Array<number>(1_000_000).fill(kept.length + 0.5));
    await new Promise((r) => setTimeout(r, 5));
  }
  return kept.length;
});
resolver.define('bigEvent', async () => {
  await new Queue({ key: 'long' }).push({ body: { blob: 'x'.repeat(150 * 1024) } });
});
resolver.define('echo', ({ payload }) => payload);
const modules = (file: string) =>
  file === 'index' ? { panel: resolver.getDefinitions(), consumer: async () => undefined } : {};

describe("Forge's invocation limits in the host", () => {
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await LocalForge.create({
      site,
      manifest,
      modules,
      users: [{ alias: 'ann', accountId: 'acc-ann', displayName: 'Ann', note: '' }],
    });
  });
  afterAll(() => forge.close());
  afterEach(() => jest.useRealTimers());

  const call = (functionKey: string, moduleKey = 'panel', payload?: unknown) =>
    forge.invoke({ moduleKey, functionKey, as: 'ann', payload });

  it('gives each function the time limit of where the manifest uses it', () => {
    expect(functionLimits(manifest, 'panel-fn')).toMatchObject({ kind: 'resolver', timeoutMs: 25_000 });
    expect(functionLimits(manifest, 'validator-fn')).toMatchObject({ kind: 'event', timeoutMs: 25_000 });
    expect(functionLimits(manifest, 'long-fn')).toMatchObject({ kind: 'long-running', timeoutMs: 900_000 });
    // Consumers and scheduled triggers without timeoutSeconds have Forge's default of 55 s.
    expect(functionLimits(manifest, 'short-fn')).toMatchObject({ timeoutMs: 55_000, memoryMB: 512 });
    expect(functionLimits(manifest, 'small-fn').memoryMB).toBe(128);
  });

  it('stops a resolver still running after 25 s and names the limit and the function', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const outcome = call('sleep').then(
      () => 'finished',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    await jest.advanceTimersByTimeAsync(25_001);
    const message = await outcome;
    expect(message).toContain('Forge limit "runtime seconds" exceeded by function "panel-fn"');
    expect(message).toContain('timed out after 25 s');
  });

  it('refuses a KVS value over 240 KiB, a key over 500 characters and a transaction over 25 operations', async () => {
    await expect(call('bigValue')).rejects.toThrow(
      'Forge limit "KVS value size" exceeded by function "panel-fn": 250.0 KB for key "big" (limit 240 KiB)',
    );
    await expect(call('longKey')).rejects.toThrow(
      '"KVS key length" exceeded by function "panel-fn": 501 characters',
    );
    await expect(call('bigTransaction')).rejects.toThrow(
      '"KVS transaction operations" exceeded by function "panel-fn": 26',
    );
  });

  it('refuses a response and a request over the invocation payload size', async () => {
    await expect(call('bigResponse')).rejects.toThrow(
      'Forge limit "invocation response payload size" exceeded by function "panel-fn": 6.0 MB (limit 5.0 MB)',
    );
    await expect(call('echo', 'panel', { blob: 'x'.repeat(5 * 1024 * 1024) })).rejects.toThrow(
      '"invocation request payload size" exceeded by function "panel-fn"',
    );
    expect(await call('echo', 'panel', { small: true })).toEqual({ small: true });
  });

  it('fails an invocation whose heap grows past its memoryMB (in-process runs: sampled heap growth)', async () => {
    await expect(call('hoardPastLimit', 'small')).rejects.toThrow(
      /Forge limit "memory \(memoryMB\)" exceeded by function "small-fn": heap grew by \d+ MB \(limit 128 MB\)/,
    );
    expect(forge.usage.byFunction.get('small-fn')?.maxHeapBytes).toBeGreaterThan(128 * 1024 * 1024);
  });

  it('refuses a queue event over 100 KB for a consumer with a timeout over 55 s', async () => {
    await expect(call('bigEvent')).rejects.toThrow(
      '"async event size for long-running consumers" exceeded by function "panel-fn"',
    );
  });
});

describe('function containers: each invocation in a worker whose heap is its memoryMB', () => {
  const appDir = path.join(__dirname, 'support', 'limits-app');
  const users = [{ alias: 'ann', accountId: 'acc-ann', displayName: 'Ann', note: '' }];
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await LocalForge.create({ site, manifest, users, isolation: 'worker', appDir });
  });
  afterAll(() => forge.close());
  const call = (functionKey: string, moduleKey: string) =>
    forge.invoke({ moduleKey, functionKey, as: 'ann' });

  it('runs a function within its memoryMB with storage through the host, and measures its heap', async () => {
    expect(await call('small', 'small')).toEqual({ stored: 5, held: 5 });
    // stored in the host's app storage: the same value read from this thread
    expect(await forge.runtime.run({}, () => kvs.get('small'))).toBe(5);
    const small = forge.usage.byFunction.get('small-fn');
    expect(small?.maxHeapBytes).toBeGreaterThan(35 * 2 ** 20);
    expect(small?.maxHeapBytes).toBeLessThan(128 * 2 ** 20);
  });

  it('stops a function that needs more heap than its memoryMB, naming the limit, the function and the heap', async () => {
    const failed = await call('hoard', 'small').then(
      () => 'finished',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(failed).toMatch(
      /^Forge limit "memory \(memoryMB\)" exceeded by function "small-fn": out of memory, heap at (\d+) MB when it ran out \(limit 128 MB\)$/,
    );
    expect(Number(/heap at (\d+) MB/.exec(failed)?.[1])).toBeGreaterThanOrEqual(100);
    // The same call fits in the default 512 MB of panel-fn, and its heap is measured.
    expect(await call('hoard', 'panel')).toBe(25);
    const panel = forge.usage.byFunction.get('panel-fn');
    expect(panel?.maxHeapBytes).toBeGreaterThan(190 * 2 ** 20);
    expect(panel?.maxHeapBytes).toBeLessThan(512 * 2 ** 20);
  });

  it('refuses a KVS value over 240 KiB from a container, naming the function', async () => {
    await expect(call('bigValue', 'panel')).rejects.toThrow(
      'Forge limit "KVS value size" exceeded by function "panel-fn": 250.0 KB for key "big" (limit 240 KiB)',
    );
  });

  it('stops a container still running at its time limit', async () => {
    const short = await LocalForge.create({
      site,
      manifest,
      users,
      isolation: 'worker',
      appDir,
      timeoutMs: 1500,
    });
    try {
      const started = Date.now();
      await expect(short.invoke({ moduleKey: 'panel', functionKey: 'spin', as: 'ann' })).rejects.toThrow(
        'Forge limit "runtime seconds" exceeded by function "panel-fn": timed out after 1.5 s',
      );
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      short.close();
    }
  });
});
