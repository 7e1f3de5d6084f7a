// The handlers of the host's limit tests as an app of their own, loaded by the host's worker
// containers (src/local/host/isolate.ts) from this folder, as it loads src/index.ts.
import { kvs } from '@forge/kvs';
import Resolver from '@forge/resolver';

const resolver = new Resolver();
resolver.define('hoard', async () => {
  // ~200 MB of doubles kept live until the function returns: more than a 128 MB heap holds.
  const kept: number[][] = [];
  for (let i = 0; i < 25; i++) {
    kept.push(new Array<number>(1_000_000).fill(i + 0.5));
    await new Promise((r) => setTimeout(r, 1));
  }
  return kept.length;
});
resolver.define('small', async () => {
  // ~40 MB kept: within 128 MB.
  const kept = Array.from({ length: 5 }, (_, i) => new Array<number>(1_000_000).fill(i + 0.5));
  await kvs.set('small', kept.length);
  await new Promise((r) => setTimeout(r, 100)); // held while the container samples its heap
  return { stored: await kvs.get('small'), held: kept.length };
});
resolver.define('spin', async () => {
  for (;;) await new Promise((r) => setTimeout(r, 50));
});
resolver.define('bigValue', async () => {
  await kvs.set('big', 'x'.repeat(250 * 1024));
});

export const panel = resolver.getDefinitions();
