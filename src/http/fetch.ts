/**
 * The one seam between the product clients (Jira, Confluence) and the network. Forge
 * (`requestJira`, `requestConfluence`), the command line (API token over HTTPS) and the local
 * emulator all plug in here, so a client never knows which identity or transport it runs under.
 */

export interface HttpRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** `path` is site-relative and already encoded, e.g. `/rest/api/3/search/jql` or `/wiki/api/v2/pages/1`. */
export interface HttpFetch {
  (path: string, init?: HttpRequestInit): Promise<HttpResponse>;
  /**
   * When the invocation this fetch serves must be done (epoch ms). Every transport built on the
   * fetch honours it, so a client made from an invocation's ports cannot outlive the invocation.
   */
  readonly deadlineAt?: number;
}

/** The same fetch, bound to an invocation's deadline (epoch ms). */
export function withDeadline(fetch: HttpFetch, deadlineAt: number): HttpFetch {
  return Object.assign((path: string, init?: HttpRequestInit) => fetch(path, init), { deadlineAt });
}
