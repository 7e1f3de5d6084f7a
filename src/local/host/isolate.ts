// Function containers for the local host: each invocation runs in a worker thread whose V8 heap
// is capped at the function's `memoryMB` (`resourceLimits.maxOldGenerationSizeMb`), one
// invocation per worker at a time, warm workers reused as Forge (AWS Lambda) reuses containers.
// A worker that runs out of heap dies, and the call fails naming the limit, the function and the
// measured heap; one still running at its time limit is terminated, as Forge stops it. The
// clock starts when the handler does: a cold container's loading of the app is its init, as on
// Lambda. Memory
// here is the worker's V8 heap (live objects, measured after a collection), where Forge's
// limit is the whole container's, so the host is at most as strict as Forge.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerInvocation } from './isolate-protocol';
import { memoryError, timeoutError, type FunctionLimits, type UsageLog } from './limits';

/** How the host answers a worker's `__forge_fetch__`: within the invocation's identity (runtime.ts). */
export type IsolateFetch = (target: unknown, requestPath: string, init: RequestInit) => Promise<Response>;

export interface IsolatedCall {
  limits: FunctionLimits;
  timeoutMs: number;
  /** `index` and `kpiGadgetResolver` of the manifest's `handler: index.kpiGadgetResolver`. */
  file: string;
  exportName: string;
  args: unknown[];
  invocation: WorkerInvocation;
  fetch: IsolateFetch;
  usage?: UsageLog;
}

/** Warm workers kept per heap size; more are started when calls overlap. */
const MAX_IDLE = 4;
/** How long a cold container may take to load the app before its handler starts. */
const INIT_LIMIT_MS = 60_000;

/**
 * The worker's entry: the compiled isolate-worker.js next to this file; under jest (TypeScript
 * sources) the same file through @swc/core, the compiler jest itself uses.
 */
function workerEntry(appDir: string): { file: string; eval: boolean; data: Record<string, unknown> } {
  const js = path.join(__dirname, 'isolate-worker.js');
  if (fs.existsSync(js) && __filename.endsWith('.js')) return { file: js, eval: false, data: { appDir } };
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    const { addHook } = require(workerData.pirates);
    const swc = require(workerData.swc);
    addHook(
      (code, filename) => swc.transformSync(code, {
        filename, sourceMaps: 'inline', module: { type: 'commonjs' },
        jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      }).code,
      { exts: ['.ts'], ignoreNodeModules: true },
    );
    require(workerData.entry);`;
  return {
    file: bootstrap,
    eval: true,
    data: {
      appDir,
      entry: path.join(__dirname, 'isolate-worker.ts'),
      pirates: require.resolve('pirates'),
      swc: require.resolve('@swc/core'),
    },
  };
}

export class FunctionIsolates {
  private readonly idle = new Map<number, Worker[]>();
  private readonly live = new Set<Worker>();
  private nextId = 1;
  private closed = false;

  /** `appDir`: the folder of the handler modules the manifest names (src, or dist/src). */
  constructor(private readonly appDir: string) {}

  private take(memoryMB: number): Worker {
    const idle = this.idle.get(memoryMB)?.pop();
    if (idle) return idle;
    const entry = workerEntry(this.appDir);
    const worker = new Worker(entry.file, {
      eval: entry.eval,
      workerData: entry.data,
      resourceLimits: { maxOldGenerationSizeMb: memoryMB },
    });
    this.live.add(worker);
    worker.on('exit', () => {
      this.live.delete(worker);
      const list = this.idle.get(memoryMB);
      if (list?.includes(worker)) list.splice(list.indexOf(worker), 1);
    });
    return worker;
  }

  private giveBack(memoryMB: number, worker: Worker): void {
    const list = this.idle.get(memoryMB) ?? [];
    if (this.closed || list.length >= MAX_IDLE) {
      void worker.terminate();
      return;
    }
    worker.unref(); // an idle container does not keep the host process alive
    list.push(worker);
    this.idle.set(memoryMB, list);
  }

  /** Runs one invocation in a container of the function's memoryMB, within its time limit. */
  run(call: IsolatedCall): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The local Forge host is closed'));
    const { limits } = call;
    const worker = this.take(limits.memoryMB);
    worker.ref();
    const id = this.nextId++;
    let started = Date.now();
    let heapBytes = 0;
    let settled = false;
    return new Promise<unknown>((resolve, reject) => {
      const finish = (outcome: { value: unknown } | { error: Error }, reuse: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        call.usage?.record({ functionKey: limits.functionKey, ms: Date.now() - started, heapBytes });
        if (reuse) this.giveBack(limits.memoryMB, worker);
        else void worker.terminate();
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.value);
      };
      const stop = () => finish({ error: timeoutError(limits, call.timeoutMs) }, false);
      // Until the handler starts (a cold container loading the app), only a loading limit runs.
      let timer = setTimeout(stop, Math.max(call.timeoutMs, INIT_LIMIT_MS));
      const onMessage = (msg: FromWorker) => {
        if (msg.type === 'started') {
          if (msg.id !== id) return;
          started = Date.now();
          clearTimeout(timer);
          timer = setTimeout(stop, call.timeoutMs);
        } else if (msg.type === 'heap') heapBytes = Math.max(heapBytes, msg.bytes);
        else if (msg.type === 'fetch') void this.answerFetch(worker, msg, call.fetch);
        else if (msg.id === id) {
          heapBytes = Math.max(heapBytes, msg.heapBytes);
          if (msg.ok) finish({ value: msg.value }, true);
          else finish({ error: Object.assign(new Error(msg.message), { stack: msg.stack }) }, true);
        }
      };
      const onError = (e: Error & { code?: string }) => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
          finish({ error: memoryError(limits, Math.max(heapBytes, limits.memoryMB * 2 ** 20), true) }, false);
        else finish({ error: e }, false);
      };
      const onExit = (code: number) =>
        finish(
          { error: new Error(`The function's container exited (code ${code}) during the invocation`) },
          false,
        );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const message: ToWorker = {
        type: 'invoke',
        id,
        file: call.file,
        exportName: call.exportName,
        args: call.args,
        invocation: call.invocation,
      };
      try {
        worker.postMessage(message);
      } catch (e) {
        finish({ error: e instanceof Error ? e : new Error(String(e)) }, true);
      }
    });
  }

  private async answerFetch(
    worker: Worker,
    msg: Extract<FromWorker, { type: 'fetch' }>,
    fetch: IsolateFetch,
  ): Promise<void> {
    let reply: ToWorker;
    try {
      const init: RequestInit = { method: msg.init.method, headers: msg.init.headers, body: msg.init.body };
      const res = await fetch(msg.target, msg.path, init);
      reply = {
        type: 'fetched',
        id: msg.id,
        ok: true,
        status: res.status,
        headers: [...res.headers.entries()],
        body: await res.text(),
      };
    } catch (e) {
      reply = { type: 'fetched', id: msg.id, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    try {
      worker.postMessage(reply);
    } catch {
      // the container was stopped (time or memory limit) while the host answered
    }
  }

  /** Stops every container (the host closes). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.live];
    this.idle.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}
