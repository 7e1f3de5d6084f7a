/**
 * The one transport under the Jira and Confluence clients: bounded concurrency, retries and the
 * invocation's deadline. Retry rules: a 429 is retried for every request (the product rejected it
 * before doing any work) after its Retry-After; a 5xx or a network error only for requests that
 * are harmless to send twice, with exponential backoff and jitter. Nothing ever waits past the
 * deadline: a Retry-After longer than the time left fails at once, saying when to try again.
 */
import { z } from 'zod';
import type { Clock } from '../domain/clock';
import { messageOf } from '../domain/errors';
import { HttpError, PRODUCT_NAME, parseErrorBody, type HttpErrorDetails, type Product } from './errors';
import type { HttpFetch, HttpResponse } from './fetch';

export interface TransportOptions {
  fetch: HttpFetch;
  /** Whose API this is; names the product in every error and log line. Default 'jira'. */
  product?: Product;
  /**
   * When the invocation must be done (epoch ms); defaults to the fetch's own `deadlineAt`.
   * Without one, only `maxRetryAfterMs` and `maxAttempts` bound the waiting (the command line).
   */
  deadlineAt?: number;
  /** Injected with `sleep` so tests move time without waiting. */
  now?: Clock;
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
  readonly product: Product;
  request(method: string, path: string, options?: RequestOptions): Promise<RawResult>;
  /** Sends, then validates the JSON body with `schema`; a mismatch is an HttpError of kind 'shape'. */
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
  const message = messageOf(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const text = cause && cause !== message ? `${message} (${cause})` : message;
  return code && !text.includes(code) ? `${text} [${code}]` : text;
}

/** Settles like `promise`, or rejects with `onTimeout()` after `ms`; the timer never outlives it. */
function within<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Outcome = { response: HttpResponse; text: string } | { error: unknown };

export function createTransport(options: TransportOptions): Transport {
  const product = options.product ?? 'jira';
  const name = PRODUCT_NAME[product];
  const clock = options.now;
  const now = clock ? () => clock().getTime() : () => Date.now();
  const deadlineAt = options.deadlineAt ?? options.fetch.deadlineAt;
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

  /** Milliseconds the invocation has left; Infinity without a deadline. */
  const left = (): number => (deadlineAt === undefined ? Infinity : deadlineAt - now());

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
    const error = (details: Omit<HttpErrorDetails, 'product' | 'method' | 'path'>): HttpError =>
      new HttpError({ product, method, path, ...details });

    for (let attempt = 1; ; attempt += 1) {
      let outcome: Outcome;
      try {
        outcome = await limit(async (): Promise<Outcome> => {
          // Checked once a slot is free: queued requests must not start after the deadline.
          const remaining = left();
          if (remaining <= 0) throw error({ kind: 'timeout', attempts: attempt - 1 });
          requestCount += 1;
          const send = async (): Promise<Outcome> => {
            const response = await options.fetch(path, init);
            return { response, text: await response.text() };
          };
          if (remaining === Infinity) return send();
          // A write cut off here may still be applied: say so, so nobody repeats it blindly.
          const reason = `no answer within ${remaining} ms${idempotent ? '' : '; the change may still have been made'}`;
          return within(send(), remaining, () => error({ kind: 'timeout', attempts: attempt, reason }));
        });
      } catch (e) {
        if (e instanceof HttpError) throw e;
        outcome = { error: e };
      }
      const last = attempt >= maxAttempts;

      if ('error' in outcome) {
        const code = networkCode(outcome.error);
        const permanent = code !== undefined && PERMANENT_NETWORK_CODES.has(code);
        const wait = backoff(attempt);
        const failure = error({
          kind: 'network',
          attempts: attempt,
          reason: networkReason(outcome.error),
          cause: outcome.error,
        });
        if (last || permanent || !idempotent || wait >= left()) throw failure;
        log(
          `${name} ${method} ${path}: ${networkReason(outcome.error)}; retrying in ${wait} ms (attempt ${attempt + 1}/${maxAttempts})`,
        );
        await sleep(wait);
        continue;
      }

      const { response, text } = outcome;
      const { status } = response;
      if (status >= 200 && status < 300) return { status, body: parseBody(method, path, text) };
      // An accepted failure is an answer (a 404 "no such page"), whatever its body: a product that
      // is not there at all (a site without Confluence) answers 404 in HTML.
      if (opts.accept?.includes(status)) return { status, body: lenientBody(text) };

      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
      const details = {
        kind: 'http' as const,
        status,
        attempts: attempt,
        ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
        ...parseErrorBody(text),
      };
      if (last) throw error(details);
      if (status === 429) {
        const reason = response.headers.get('RateLimit-Reason');
        const wait = retryAfter ?? backoff(attempt);
        // Waiting longer than allowed, or than the invocation has, is no use: say when to come back.
        if (wait > maxRetryAfterMs || wait >= left()) throw error({ ...details, retryAfterMs: wait });
        log(
          `${name} rate limit on ${method} ${path} (RateLimit-Reason: ${reason ?? 'not given'}); ` +
            `waiting ${wait} ms before attempt ${attempt + 1}/${maxAttempts}`,
        );
        await sleep(wait);
        continue;
      }
      if (RETRYABLE_STATUS.has(status) && idempotent) {
        const wait =
          retryAfter !== undefined && retryAfter <= maxRetryAfterMs ? retryAfter : backoff(attempt);
        if (wait >= left()) throw error(details);
        log(
          `${name} ${method} ${path} answered ${status}; retrying in ${wait} ms (attempt ${attempt + 1}/${maxAttempts})`,
        );
        await sleep(wait);
        continue;
      }
      throw error(details);
    }
  }

  function lenientBody(text: string): unknown {
    try {
      return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      return undefined;
    }
  }

  function parseBody(method: string, path: string, text: string): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new HttpError({
        product,
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
    if (!parsed.success) throw shapeError(product, method, path, parsed.error);
    return parsed.data;
  }

  return {
    product,
    request,
    json,
    get requestCount() {
      return requestCount;
    },
  };
}

/** A 2xx body that does not fit what the client relies on, with zod's account of why. */
export function shapeError(product: Product, method: string, path: string, issue: z.ZodError): HttpError {
  return new HttpError({
    product,
    kind: 'shape',
    method,
    path,
    reason: z.prettifyError(issue).replace(/\n/g, '; '),
  });
}
