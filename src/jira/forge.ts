import { assumeTrustedRoute, type Route } from '@forge/api';
import { withDeadline, type HttpFetch, type HttpResponse } from '../http';

/** What `api.asUser().requestJira` and `api.asApp().requestJira` (or `requestConfluence`) look like. */
export type ForgeRequestJira = (
  url: Route,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<HttpResponse>;

/**
 * How long Forge lets a function run: resolvers, triggers and validators 25 s, as does any
 * function whose manifest entry sets no `timeoutSeconds`; queue consumers and scheduled
 * triggers what `timeoutSeconds` says (up to 900 s).
 */
export const FORGE_TIMEOUT_MS = 25_000;
/** Kept back from the limit so a function can still answer after a request gives up. */
export const DEADLINE_MARGIN_MS = 3_000;

/** When an invocation that started at `startedAt` and may run `timeoutMs` must be done (epoch ms). */
export function invocationDeadline(timeoutMs = FORGE_TIMEOUT_MS, startedAt = Date.now()): number {
  return startedAt + timeoutMs - DEADLINE_MARGIN_MS;
}

/**
 * Wraps Forge's `requestJira`/`requestConfluence` (as user or as app) into an HttpFetch bound to
 * the invocation's deadline, so no client made from it waits past Forge's limit. Make one per
 * invocation (the default deadline counts from now), never at module load.
 * Forge insists on a `Route`; every path reaching here was built by `jiraPath` in ./path (or
 * encodes each variable part itself), so it is safe to trust as a whole.
 */
export function fromForgeRequest(
  requestJira: ForgeRequestJira,
  deadlineAt = invocationDeadline(),
): HttpFetch {
  return withDeadline(
    (path, init = {}) =>
      requestJira(assumeTrustedRoute(path), {
        method: init.method ?? 'GET',
        headers: {
          Accept: 'application/json',
          ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: init.body } : {}),
      }),
    deadlineAt,
  );
}
