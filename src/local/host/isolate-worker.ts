// One Forge function container: a worker thread whose V8 heap is capped at the function's
// `memoryMB` (isolate.ts starts it with resourceLimits), running one invocation at a time as a
// warm Lambda container does. It loads the app's handler modules here, so their memory is this
// heap's; every product, storage and queue call goes to the host thread through
// `__forge_fetch__`, and `__forge_runtime__` answers with the invocation's context and deadline.
import * as path from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { bodyText } from './request-body';
import type { FromWorker, ToWorker, WorkerInvocation } from './isolate-protocol';

if (!parentPort) throw new Error('isolate-worker runs only as a worker thread');
const port = parentPort;
const { appDir } = z.object({ appDir: z.string().min(1) }).parse(workerData);

// The heap figure is the invocation's live heap: collect what earlier invocations left first.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let current: (WorkerInvocation & { deadline: number }) | undefined;
let nextFetch = 1;
const fetches = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>();

const noopMetric = {
  incr: () => undefined,
  decr: () => undefined,
  set: () => undefined,
  stop: () => undefined,
};
const globals = globalThis as typeof globalThis & { __forge_runtime__?: unknown; __forge_fetch__?: unknown };
globals.__forge_runtime__ = {
  proxy: { token: 'local-forge-host', url: 'http://localhost' },
  tracing: { traceId: 'local', spanId: 'local' },
  metrics: {
    counter: () => noopMetric,
    gauge: () => noopMetric,
    histogram: () => ({ record: () => undefined }),
    timing: () => ({ measure: () => noopMetric }),
  },
  externalAuth: [],
  get appContext() {
    return current?.appContext ?? {};
  },
  get lambdaContext() {
    return { getRemainingTimeInMillis: () => (current ? Math.max(0, current.deadline - Date.now()) : 0) };
  },
};

globals.__forge_fetch__ = async (target: unknown, requestPath: string, init?: RequestInit) => {
  const id = nextFetch++;
  const message: FromWorker = {
    type: 'fetch',
    id,
    target,
    path: requestPath,
    init: {
      method: init?.method,
      headers: [...new Headers(init?.headers).entries()],
      body: await bodyText(init?.body),
    },
  };
  return new Promise<Response>((resolve, reject) => {
    fetches.set(id, { resolve, reject });
    port.postMessage(message);
  });
};

let peak = 0;
let reported = 0;
function sample(): void {
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
  // Tell the host as the heap grows, so an out-of-memory end still has a measured value.
  if (peak - reported > 4 * 1024 * 1024) {
    reported = peak;
    port.postMessage({ type: 'heap', bytes: peak } satisfies FromWorker);
  }
}

function errorText(e: unknown): { message: string; stack?: string } {
  return e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) };
}

async function invoke(msg: Extract<ToWorker, { type: 'invoke' }>): Promise<void> {
  let sampler: NodeJS.Timeout | undefined;
  try {
    // A cold container loads the app first; like Lambda's init phase, that is not invocation time.
    const loaded: unknown = require(path.join(appDir, msg.file));
    const fn = (loaded as Record<string, unknown> | null)?.[msg.exportName];
    if (typeof fn !== 'function')
      throw new Error(`Handler ${msg.file}.${msg.exportName} is not a function exported by ${msg.file}`);
    gc();
    peak = 0;
    reported = 0;
    sample();
    sampler = setInterval(sample, 10);
    current = { ...msg.invocation, deadline: Date.now() + msg.invocation.timeoutMs };
    port.postMessage({ type: 'started', id: msg.id } satisfies FromWorker);
    const value: unknown = await (fn as (...args: unknown[]) => unknown)(...msg.args);
    sample();
    port.postMessage({ type: 'done', id: msg.id, ok: true, value, heapBytes: peak } satisfies FromWorker);
  } catch (e) {
    sample();
    port.postMessage({
      type: 'done',
      id: msg.id,
      ok: false,
      ...errorText(e),
      heapBytes: peak,
    } satisfies FromWorker);
  } finally {
    clearInterval(sampler);
    current = undefined;
  }
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'invoke') {
    void invoke(msg);
    return;
  }
  const pending = fetches.get(msg.id);
  if (!pending) return;
  fetches.delete(msg.id);
  if (!msg.ok) pending.reject(new Error(msg.message));
  else {
    const noBody = msg.status === 204 || msg.status === 304;
    pending.resolve(
      new Response(noBody ? null : msg.body, { status: msg.status, headers: new Headers(msg.headers) }),
    );
  }
});
