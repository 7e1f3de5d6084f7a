// Messages between the host thread and a function container (isolate.ts ↔ isolate-worker.ts).

/** What the worker's `__forge_runtime__` answers during one invocation. */
export interface WorkerInvocation {
  appContext: Record<string, unknown>;
  /** The invocation's time limit, counted from when its handler starts (see `started`). */
  timeoutMs: number;
}

export type ToWorker =
  | {
      type: 'invoke';
      id: number;
      /** Handler module (`index`) and export (`kpiGadgetResolver`), as the manifest names them. */
      file: string;
      exportName: string;
      args: unknown[];
      invocation: WorkerInvocation;
    }
  | { type: 'fetched'; id: number; ok: true; status: number; headers: Array<[string, string]>; body: string }
  | { type: 'fetched'; id: number; ok: false; message: string };

export type FromWorker =
  | {
      type: 'fetch';
      id: number;
      target: unknown;
      path: string;
      init: { method?: string; headers: Array<[string, string]>; body?: string };
    }
  /** The handler module is loaded (a cold container's init, not counted): the clock starts. */
  | { type: 'started'; id: number }
  /** The largest live heap so far, sent as it grows. */
  | { type: 'heap'; bytes: number }
  | { type: 'done'; id: number; ok: true; value: unknown; heapBytes: number }
  | { type: 'done'; id: number; ok: false; message: string; stack?: string; heapBytes: number };
