import { assumeTrustedRoute, type Route } from '@forge/api';
import type { HttpFetch, HttpResponse } from '../http';

/** What `api.asUser().requestJira` and `api.asApp().requestJira` look like. */
export type ForgeRequestJira = (
  url: Route,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<HttpResponse>;

/**
 * Wraps Forge's `requestJira` (as user or as app) into an HttpFetch.
 * Forge insists on a `Route`; every path reaching here was built by `jiraPath` in ./path,
 * which encodes each variable part, so it is safe to trust as a whole.
 */
export function fromForgeRequest(requestJira: ForgeRequestJira): HttpFetch {
  return (path, init = {}) =>
    requestJira(assumeTrustedRoute(path), {
      method: init.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
}
