/**
 * The one seam between the Jira client and the network. Forge (`requestJira`), the command line
 * (API token over HTTPS) and the local emulator all plug in here, so the client never knows
 * which identity or transport it runs under.
 */

export interface JiraRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface JiraResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** `path` is site-relative and already encoded, e.g. `/rest/api/3/search/jql`. */
export type JiraFetch = (path: string, init?: JiraRequestInit) => Promise<JiraResponse>;

/** The subset of WHATWG `fetch` that basicAuthFetch needs (so tests can pass a fake). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<JiraResponse>;

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
 * A JiraFetch for the command line: Atlassian account email + API token as HTTP basic auth.
 * Each request is aborted after `timeoutMs` so a silent network never hangs the CLI
 * (the client then retries it like any other network error).
 */
export function basicAuthFetch(
  site: string,
  email: string,
  token: string,
  fetchImpl: FetchLike = globalThis.fetch as unknown as FetchLike,
  timeoutMs = 60_000,
): JiraFetch {
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
