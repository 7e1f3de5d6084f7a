/** Test doubles for the one seam of the Jira client: a scripted, recording HttpFetch. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpFetch, HttpRequestInit, HttpResponse } from '../../src/jira';

const SAMPLES = path.resolve(__dirname, '../../../shared/reference/jira-samples');

/** A recorded real Jira response from ../shared/reference/jira-samples, as text. */
export function sampleText(relativePath: string): string {
  return readFileSync(path.join(SAMPLES, relativePath), 'utf8');
}

export function sample(relativePath: string): unknown {
  return JSON.parse(sampleText(relativePath)) as unknown;
}

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Raw text instead of JSON (plain-text and HTML error bodies). */
  text?: string;
  headers?: Record<string, string>;
}

export function respond(status: number, body?: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, body, headers };
}

export function toResponse(r: FakeResponse): HttpResponse {
  const headers = new Map(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const text = r.text ?? (r.body === undefined ? '' : JSON.stringify(r.body));
  return {
    status: r.status,
    headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
    text: () => Promise.resolve(text),
  };
}

function record(sent: SentRequest[], p: string, init: HttpRequestInit | undefined): SentRequest {
  const request = {
    method: init?.method ?? 'GET',
    path: p,
    body: init?.body === undefined ? undefined : (JSON.parse(init.body) as unknown),
  };
  sent.push(request);
  return request;
}

/**
 * Answers requests in order from `script`; each entry is a response, an Error (thrown like a
 * network failure) or a function of the request. Running out of script fails the test.
 */
export function scriptedJira(script: (FakeResponse | Error | ((req: SentRequest) => FakeResponse))[]): {
  fetch: HttpFetch;
  sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const queue = [...script];
  const fetch: HttpFetch = (p, init) => {
    const request = record(sent, p, init);
    const next = queue.shift();
    if (next === undefined) return Promise.reject(new Error(`unexpected request ${request.method} ${p}`));
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve(toResponse(typeof next === 'function' ? next(request) : next));
  };
  return { fetch, sent };
}

/** Answers every request with `handler`, e.g. a tiny in-memory Jira. */
export function routedJira(handler: (req: SentRequest) => FakeResponse): {
  fetch: HttpFetch;
  sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const fetch: HttpFetch = (p, init) => Promise.resolve(toResponse(handler(record(sent, p, init))));
  return { fetch, sent };
}

/** Sleep that records how long the client asked to wait, and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}
