/**
 * The command line's way to Jira: an Atlassian account email and API token over HTTPS, as an
 * HttpFetch (the one seam every client sends through, see src/http).
 */
import type { HttpFetch, HttpResponse } from '../http';

/** The subset of WHATWG `fetch` that basicAuthFetch needs (so tests can pass a fake). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<HttpResponse>;

/**
 * Turns what a person typed (`acme.atlassian.net`, `https://acme.atlassian.net/`,
 * `http://127.0.0.1:4000`) into a base URL without a trailing slash.
 * Throws a readable error for anything that is not an http(s) URL.
 */
export function normaliseSite(site: string): string {
  const trimmed = site.trim();
  if (trimmed === '') throw new Error('The Jira site is empty: pass --site https://your-site.atlassian.net');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`The Jira site "${site}" is not a URL: pass e.g. https://your-site.atlassian.net`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The Jira site "${site}" must be an http(s) URL`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * An HttpFetch for the command line: Atlassian account email + API token as HTTP basic auth.
 * Each request is aborted after `timeoutMs` so a silent network never hangs the CLI
 * (the client then retries it like any other network error).
 */
export function basicAuthFetch(
  site: string,
  email: string,
  token: string,
  fetchImpl: FetchLike = globalThis.fetch as unknown as FetchLike,
  timeoutMs = 60_000,
): HttpFetch {
  const base = normaliseSite(site);
  const authorization = `Basic ${Buffer.from(`${email}:${token}`, 'utf8').toString('base64')}`;
  return (path, init = {}) => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
      Authorization: authorization,
    };
    return fetchImpl(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  };
}
