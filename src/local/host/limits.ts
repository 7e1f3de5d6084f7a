// Forge's invocation limits, enforced by the local host so a call that would fail on Forge fails
// here too, naming the limit, the function and the measured value. Numbers from Forge's
// platform-limits pages (re-read 2026-12-06):
// - https://developer.atlassian.com/platform/forge/limits-invocation: 25 runtime seconds for
//   functions invoked by users (resolvers), product events (triggers, workflow validators);
//   functions referenced only by `consumer` or `scheduledTrigger` modules default to 55 s and
//   may raise `timeoutSeconds` up to 900. The invocation payload limit (request and response,
//   5 MB here) could not be confirmed: no stored copy of that page reaches a payload row, so the
//   figure stays the one to re-check first.
// - Memory: @forge/manifest's schema (`app.runtime.memoryMB`, `function.runtime.memoryMB`):
//   128–1024 MB, default 512 MB per invocation (runtime-api-reference: "512MB of memory per
//   invocation"). The host runs each invocation in a worker whose heap is capped at memoryMB
//   (isolate.ts); in-process runs (tests that hand the host their own handlers) sample the heap.
// - https://developer.atlassian.com/platform/forge/limits-async-events: 50 events per request,
//   200 KB combined payload per request, 100 KB per event for functions with a timeout over 55 s.
// - https://developer.atlassian.com/platform/forge/limits-kvs-ce: keys ≤ 500 characters, values
//   ≤ 240 KiB, object depth 31 (storage-reference/handling-errors-kvs says MAX_DEPTH is 32; the
//   storage keeps 32). storage-reference/transactions and batchops: ≤ 25 operations (keys) and a
//   4 MB payload per transaction or batch. runtime-reference/storage-api-query: query pages of
//   10 by default, at most 100. Key, value, page and batch checks also live in kvs-rules.ts (the
//   storage's own answers); kvsLimitViolation below adds the function and the measured value.
import type { AppManifest } from './manifest';

const MB = 1024 * 1024;

export const FORGE_LIMITS = {
  /** Resolvers, triggers, workflow validators, macro exports. */
  runtimeSeconds: 25,
  /** Consumers and scheduled triggers without `timeoutSeconds`. */
  longRunningDefaultSeconds: 55,
  longRunningMaxSeconds: 900,
  defaultMemoryMB: 512,
  invokeRequestBytes: 5 * MB,
  invokeResponseBytes: 5 * MB,
  queueEventsPerPush: 50,
  queuePushBytes: 200 * 1024,
  queueEventBytesLongRunning: 100 * 1024,
  kvsKeyLength: 500,
  kvsValueBytes: 240 * 1024,
  kvsTransactionOperations: 25,
  kvsTransactionBytes: 4 * MB,
} as const;

export type FunctionKind = 'resolver' | 'event' | 'long-running';

export interface FunctionLimits {
  functionKey: string;
  kind: FunctionKind;
  timeoutMs: number;
  memoryMB: number;
}

/** A call that broke one of Forge's limits: what Forge would report, with the numbers. */
export class ForgeLimitError extends Error {
  constructor(
    readonly limit: string,
    readonly functionKey: string,
    readonly measured: string,
    readonly allowed: string,
    detail = '',
  ) {
    super(
      `Forge limit "${limit}" exceeded by function "${functionKey}": ${measured} (limit ${allowed})${detail}`,
    );
  }
}

/** Where a function is referenced decides its time limit (see the header). */
export function functionLimits(manifest: AppManifest, functionKey: string): FunctionLimits {
  const declared = manifest.functionRuntime?.get(functionKey);
  const memoryMB = declared?.memoryMB ?? manifest.defaultMemoryMB ?? FORGE_LIMITS.defaultMemoryMB;
  const refs = manifest.functionReferences?.get(functionKey) ?? [];
  const longRunning = refs.length > 0 && refs.every((r) => r === 'consumer' || r === 'scheduledTrigger');
  if (longRunning) {
    const seconds = Math.min(
      declared?.timeoutSeconds ?? FORGE_LIMITS.longRunningDefaultSeconds,
      FORGE_LIMITS.longRunningMaxSeconds,
    );
    return { functionKey, kind: 'long-running', timeoutMs: seconds * 1000, memoryMB };
  }
  const kind: FunctionKind = refs.some((r) => r.endsWith('Validator') || r === 'trigger')
    ? 'event'
    : 'resolver';
  return { functionKey, kind, timeoutMs: FORGE_LIMITS.runtimeSeconds * 1000, memoryMB };
}

export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

const fmtBytes = (n: number) =>
  n >= MB ? `${(n / MB).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;

/** Throws when a resolver payload or response is larger than Forge carries. */
export function checkInvokeSize(which: 'request' | 'response', functionKey: string, value: unknown): void {
  const bytes = jsonBytes(value);
  const allowed = which === 'request' ? FORGE_LIMITS.invokeRequestBytes : FORGE_LIMITS.invokeResponseBytes;
  if (bytes > allowed)
    throw new ForgeLimitError(
      `invocation ${which} payload size`,
      functionKey,
      fmtBytes(bytes),
      fmtBytes(allowed),
    );
}

/** What one invocation used: the host keeps the largest per function (bench, README figures). */
export interface InvocationUsage {
  functionKey: string;
  ms: number;
  /** Largest live heap of its worker (isolate.ts), or growth of the host's heap (runWithLimits). */
  heapBytes: number;
}

export interface UsageSummary {
  count: number;
  maxMs: number;
  /** Sum of the invocations' times (with count: the mean). */
  totalMs: number;
  maxHeapBytes: number;
}

export class UsageLog {
  readonly byFunction = new Map<string, UsageSummary>();
  record(u: InvocationUsage): void {
    const s = this.byFunction.get(u.functionKey) ?? { count: 0, maxMs: 0, totalMs: 0, maxHeapBytes: 0 };
    this.byFunction.set(u.functionKey, {
      count: s.count + 1,
      maxMs: Math.max(s.maxMs, u.ms),
      totalMs: s.totalMs + u.ms,
      maxHeapBytes: Math.max(s.maxHeapBytes, u.heapBytes),
    });
  }
}

const SAMPLE_MS = 20;
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Forge stopped the invocation at its time limit. */
export function timeoutError(limits: FunctionLimits, timeoutMs: number): ForgeLimitError {
  return new ForgeLimitError(
    'runtime seconds',
    limits.functionKey,
    `timed out after ${seconds(timeoutMs)}`,
    seconds(timeoutMs),
    ` — the ${limits.kind} limit on Forge is ${seconds(limits.timeoutMs)}`,
  );
}

/** The invocation needed more memory than its memoryMB (`outOfMemory`: its heap ran out). */
export function memoryError(limits: FunctionLimits, peak: number, outOfMemory = false): ForgeLimitError {
  return new ForgeLimitError(
    'memory (memoryMB)',
    limits.functionKey,
    outOfMemory
      ? `out of memory, heap at ${Math.round(peak / MB)} MB when it ran out`
      : `heap grew by ${Math.round(peak / MB)} MB`,
    `${limits.memoryMB} MB`,
  );
}

/**
 * Runs one invocation in the host's own thread within its time and memory limits (the host's
 * own tests hand it handlers this way; the app's functions run in isolate.ts's workers). Time:
 * the call is abandoned at the limit and fails like Forge's timeout. Memory: the growth of the
 * process heap while the invocation runs (sampled every 20 ms and at the end) against memoryMB;
 * concurrent invocations share the heap, so the check can fail early, never late.
 */
export async function runWithLimits<T>(
  limits: FunctionLimits,
  fn: () => Promise<T>,
  options: { timeoutMs?: number; usage?: UsageLog } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? limits.timeoutMs;
  const memoryBytes = limits.memoryMB * MB;
  const started = Date.now();
  const baseline = process.memoryUsage().heapUsed;
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  let sampler: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(limits, timeoutMs)), timeoutMs);
    sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      if (peak > memoryBytes) reject(memoryError(limits, peak));
    }, SAMPLE_MS);
  });
  try {
    const result = await Promise.race([fn(), guard]);
    peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    if (peak > memoryBytes) throw memoryError(limits, peak);
    return result;
  } finally {
    clearTimeout(timer);
    clearInterval(sampler);
    options.usage?.record({ functionKey: limits.functionKey, ms: Date.now() - started, heapBytes: peak });
  }
}

/** A queue push Forge would refuse (limits-async-events), as the message @forge/events shows. */
export function queuePushViolation(
  functionKey: string,
  events: ReadonlyArray<{ body: unknown }>,
  consumer: FunctionLimits | undefined,
): ForgeLimitError | undefined {
  if (events.length > FORGE_LIMITS.queueEventsPerPush)
    return new ForgeLimitError(
      'async events per push',
      functionKey,
      `${events.length} events`,
      `${FORGE_LIMITS.queueEventsPerPush}`,
    );
  const total = jsonBytes(events);
  if (total > FORGE_LIMITS.queuePushBytes)
    return new ForgeLimitError(
      'async events payload size',
      functionKey,
      fmtBytes(total),
      fmtBytes(FORGE_LIMITS.queuePushBytes),
    );
  if (consumer && consumer.timeoutMs > FORGE_LIMITS.longRunningDefaultSeconds * 1000) {
    for (const e of events) {
      const bytes = jsonBytes(e);
      if (bytes > FORGE_LIMITS.queueEventBytesLongRunning)
        return new ForgeLimitError(
          'async event size for long-running consumers',
          functionKey,
          fmtBytes(bytes),
          fmtBytes(FORGE_LIMITS.queueEventBytesLongRunning),
        );
    }
  }
  return undefined;
}

interface KvsItem {
  key?: unknown;
  value?: unknown;
}

/**
 * A storage request Forge would refuse for its size, as a KVS error body (`code`, `message`)
 * naming the function and the measured value; undefined when it fits. The storage answers
 * everything else (format of keys, depth, pages) itself.
 */
export function kvsLimitViolation(
  requestPath: string,
  body: unknown,
  functionKey: string,
): { code: string; message: string } | undefined {
  const items: KvsItem[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (requestPath.endsWith('/transaction') && isObject(body)) {
    const ops = ['set', 'delete', 'check'].flatMap((k) => (Array.isArray(body[k]) ? body[k] : []));
    if (ops.length > FORGE_LIMITS.kvsTransactionOperations)
      return {
        code: 'TOO_MANY_OPERATIONS',
        message: limitText('KVS transaction operations', functionKey, `${ops.length}`, '25'),
      };
    const bytes = jsonBytes(body);
    if (bytes > FORGE_LIMITS.kvsTransactionBytes)
      return {
        code: 'MAX_SIZE',
        message: limitText('KVS transaction payload', functionKey, fmtBytes(bytes), '4 MB'),
      };
    items.push(...ops.filter(isObject));
  } else if (Array.isArray(body)) items.push(...body.filter(isObject));
  else if (isObject(body)) items.push(body);
  for (const item of items) {
    if (typeof item.key === 'string' && item.key.length > FORGE_LIMITS.kvsKeyLength)
      return {
        code: 'KEY_TOO_LONG',
        message: limitText('KVS key length', functionKey, `${item.key.length} characters`, '500'),
      };
    if (item.value !== undefined) {
      const bytes = jsonBytes(item.value);
      if (bytes > FORGE_LIMITS.kvsValueBytes)
        return {
          code: 'MAX_SIZE',
          message: limitText(
            'KVS value size',
            functionKey,
            `${fmtBytes(bytes)} for key "${String(item.key)}"`,
            '240 KiB',
          ),
        };
    }
  }
  return undefined;
}

function limitText(limit: string, functionKey: string, measured: string, allowed: string): string {
  return new ForgeLimitError(limit, functionKey, measured, allowed).message;
}
