import { z } from 'zod';
import { JiraError, parseErrorBody } from './errors';
import type { JiraFetch, JiraResponse } from './fetch';

export interface TransportOptions {
  fetch: JiraFetch;
  /** Injected so tests assert waits without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); injected so backoff jitter is deterministic in tests. */
  random?: () => number;
  /** Where rate-limit and retry notes go (stderr in the CLI, console in Forge). */
  log?: (message: string) => void;
  /** Total tries per request, first one included. */
  maxAttempts?: number;
  /** Requests in flight at once across the whole client. */
  concurrency?: number;
  /** First backoff step for 5xx and network errors; doubles each attempt. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs?: number;
}

export interface RequestOptions {
  body?: unknown;
  /**
   * Whether sending twice is harmless. Reads (including POST search and bulkfetch) are;
   * creating an issue is not, so it is retried only after a 429 (rejected before any work).
   */
  idempotent?: boolean;
  /** Statuses that are an answer rather than a failure (e.g. 404 for "no such property"). */
  accept?: readonly number[];
}

export interface RawResult {
  status: number;
  body: unknown;
}

export interface Transport {
  request(method: string, path: string, options?: RequestOptions): Promise<RawResult>;
  /** Sends, then validates the JSON body with `schema`; a mismatch is a JiraError of kind 'shape'. */
  json<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    options?: RequestOptions,
  ): Promise<z.output<S>>;
  /** Requests sent so far, retries included (for progress lines and the bench). */
  readonly requestCount: number;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
/** Network failures that will not heal by waiting. */
const PERMANENT_NETWORK_CODES = new Set([
  'ENOTFOUND',
  'ERR_INVALID_URL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
]);

/** A counting semaphore: at most `limit` holders at once, FIFO. */
export function createSemaphore(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return async (task) => {
    if (active < limit) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 3 && e !== null && typeof e === 'object'; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkReason(error: unknown): string {
  const code = networkCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const text = cause && cause !== message ? `${message} (${cause})` : message;
  return code && !text.includes(code) ? `${text} [${code}]` : text;
}

export function createTransport(options: TransportOptions): Transport {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
  const limit = createSemaphore(options.concurrency ?? 4);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error(`maxAttempts must be ≥ 1, got ${maxAttempts}`);
  let requestCount = 0;

  /** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
  const backoff = (attempt: number): number => {
    const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + random() * (step / 2));
  };

  async function request(method: string, path: string, opts: RequestOptions = {}): Promise<RawResult> {
    const idempotent = opts.idempotent ?? true;
    const init = {
      method,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    };
    for (let attempt = 1; ; attempt += 1) {
      let outcome: { response: JiraResponse; text: string } | { error: unknown };
      try {
        outcome = await limit(async () => {
          requestCount += 1;
          const response = await options.fetch(path, init);
          return { response, text: await response.text() };
        });
      } catch (error) {
        outcome = { error };
      }
      const last = attempt >= maxAttempts;

      if ('error' in outcome) {
        const code = networkCode(outcome.error);
        const permanent = code !== undefined && PERMANENT_NETWORK_CODES.has(code);
        if (last || permanent || !idempotent) {
          throw new JiraError({
            kind: 'network',
            method,
            path,
            attempts: attempt,
            reason: networkReason(outcome.error),
            cause: outcome.error,
          });
        }
        const wait = backoff(attempt);
        log(
          `Jira ${method} ${path}: ${networkReason(outcome.error)}; retrying in ${wait} ms (attempt ${attempt + 1}/${maxAttempts})`,
        );
        await sleep(wait);
        continue;
      }

      const { response, text } = outcome;
      const { status } = response;
      if ((status >= 200 && status < 300) || opts.accept?.includes(status)) {
        return { status, body: parseBody(method, path, text) };
      }

      const fail = (): never => {
        throw new JiraError({
          kind: 'http',
          method,
          path,
          status,
          attempts: attempt,
          ...parseErrorBody(text),
        });
      };
      if (last) fail();
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), Date.now());
      if (status === 429) {
        const reason = response.headers.get('RateLimit-Reason');
        const wait = retryAfter ?? backoff(attempt);
        if (wait > maxRetryAfterMs) fail();
        log(
          `Jira rate limit on ${method} ${path} (RateLimit-Reason: ${reason ?? 'not given'}); ` +
            `waiting ${wait} ms before attempt ${attempt + 1}/${maxAttempts}`,
        );
        await sleep(wait);
        continue;
      }
      if (RETRYABLE_STATUS.has(status) && idempotent) {
        const wait =
          retryAfter !== undefined && retryAfter <= maxRetryAfterMs ? retryAfter : backoff(attempt);
        log(
          `Jira ${method} ${path} answered ${status}; retrying in ${wait} ms (attempt ${attempt + 1}/${maxAttempts})`,
        );
        await sleep(wait);
        continue;
      }
      fail();
    }
  }

  function parseBody(method: string, path: string, text: string): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new JiraError({
        kind: 'shape',
        method,
        path,
        reason: `body is not JSON: ${text.slice(0, 120)}`,
        cause,
      });
    }
  }

  async function json<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    opts?: RequestOptions,
  ): Promise<z.output<S>> {
    const { body } = await request(method, path, opts);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new JiraError({
        kind: 'shape',
        method,
        path,
        reason: z.prettifyError(parsed.error).replace(/\n/g, '; '),
      });
    }
    return parsed.data;
  }

  return {
    request,
    json,
    get requestCount() {
      return requestCount;
    },
  };
}
