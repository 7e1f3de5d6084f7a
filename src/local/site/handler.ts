// The emulated site behind one function: routes a request as the acting user, injects faults,
// and keeps a log of what was asked (the benchmark counts requests per endpoint from it).

import type { SiteState } from './model';
import type {
  FaultConfig,
  RequestLogEntry,
  SiteHandler,
  SiteRequest,
  SiteResponse,
  TransitionAttempt,
  TransitionCheck,
} from './types';
import { INVALID_PAYLOAD, confluenceError, jiraError, json, type Route, type RouteContext } from './http';
import { findUser } from './lookup';
import { confluenceRoutes } from './routes-confluence';
import { confluencePermissionRoutes } from './routes-confluence-permissions';
import { issueRoutes, plannedTransition } from './routes-issue';
import { metaRoutes } from './routes-meta';
import { notifyRoutes } from './routes-notify';
import { searchRoutes } from './routes-search';

export interface SiteHandlerOptions {
  faults?: FaultConfig;
  /** The clock for new changes (epoch ms); changes are never dated before the site's latest. */
  now?: () => number;
  /**
   * Asked before every issue transition that passed the site's own checks, as Jira runs the
   * workflow's validators: a refusal answers 400 with its errorMessages and changes nothing.
   * (The local Forge host wires the app's `jira:workflowValidator` here.)
   */
  beforeTransition?: (attempt: TransitionAttempt) => Promise<TransitionCheck>;
  /**
   * Told of every change request the site accepted (not GET, status < 400), with the time it was
   * dated by: the local host journals them in its SQLite file and replays them after a restart.
   */
  afterChange?: (change: SiteChange) => void;
}

/** A change request the site accepted; replaying it on the same site (clock at `at`) redoes it. */
export interface SiteChange {
  at: number;
  method: string;
  path: string;
  body: string | null;
  accountId: string;
}

const TRANSITION_ENDPOINT = 'POST /rest/api/3/issue/{issueIdOrKey}/transitions';

interface CompiledRoute extends Route {
  pattern: RegExp;
  paramNames: string[];
}

function compile(route: Route): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.template
    .split('/')
    .map((segment) => {
      const m = /^\{(\w+)\}$/.exec(segment);
      if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}/?$`), paramNames };
}

// Literal routes (e.g. /project/search) are tried before templated ones (/project/{key}).
const ROUTES: CompiledRoute[] = [
  ...searchRoutes,
  ...issueRoutes,
  ...metaRoutes,
  ...confluenceRoutes,
  ...confluencePermissionRoutes,
  ...notifyRoutes,
]
  .map(compile)
  .sort((a, b) => a.paramNames.length - b.paramNames.length);

/** Every endpoint the site answers, as `METHOD template`. */
export const SITE_ENDPOINTS: readonly string[] = ROUTES.map((r) => `${r.method} ${r.template}`);

export const UNAUTHENTICATED_MESSAGE = 'Client must be authenticated to access this resource.';

function isConfluence(path: string): boolean {
  return path.startsWith('/wiki/');
}

function errorFor(path: string, status: number, message: string): SiteResponse {
  return isConfluence(path) ? confluenceError(status, message) : jiraError(status, message);
}

function match(method: string, pathname: string) {
  let pathMatched = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]);
    });
    return { route, params };
  }
  return { route: undefined, params: {}, pathMatched };
}

export function createSiteHandler(state: SiteState, options: SiteHandlerOptions = {}): SiteHandler {
  let faults = options.faults;
  let faultCounter = 0;
  let seq = 0;
  let log: RequestLogEntry[] = [];
  const cache = new Map<string, unknown>();
  const now = options.now ?? (() => Date.now());

  function injectedFault(endpoint: string): SiteResponse | undefined {
    if (!faults) return undefined;
    if (faults.endpoints && !faults.endpoints.includes(endpoint)) return undefined;
    if (!faults.rateLimit && !faults.unavailable) return undefined;
    faultCounter++;
    const { rateLimit, unavailable } = faults;
    if (rateLimit && rateLimit.every > 0 && faultCounter % rateLimit.every === 0) {
      return json(
        429,
        { errorMessages: ['Rate limit exceeded.'] },
        {
          'retry-after': String(rateLimit.retryAfterSeconds),
          'ratelimit-reason': 'jira-burst-based',
          'x-ratelimit-limit': '100',
          'x-ratelimit-remaining': '0',
        },
      );
    }
    if (unavailable && unavailable.every > 0 && faultCounter % unavailable.every === 0) {
      return json(503, { errorMessages: ['Service Unavailable'] });
    }
    return undefined;
  }

  async function handle(request: SiteRequest): Promise<SiteResponse> {
    const method = request.method.toUpperCase();
    const url = new URL(request.path, 'http://site.local');
    const found = match(method, url.pathname);
    const endpoint = found.route ? `${method} ${found.route.template}` : 'unmatched';
    const record = (status: number, fault?: RequestLogEntry['fault']) => {
      const entry: RequestLogEntry = {
        seq: ++seq,
        method,
        endpoint,
        path: request.path,
        accountId: request.accountId,
        status,
      };
      if (fault) entry.fault = fault;
      log.push(entry);
    };
    if (faults?.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults?.latencyMs));
    const fault = injectedFault(endpoint);
    if (fault) {
      record(fault.status, fault.status === 429 ? 'rateLimit' : 'unavailable');
      return fault;
    }
    const refusal = endpoint === TRANSITION_ENDPOINT ? await checkTransition(request, url, found) : undefined;
    const response = refusal ?? route(request, method, url, found);
    record(response.status);
    return response;
  }

  /** Jira's validators: run once the request passed the site's own checks, before anything changes. */
  async function checkTransition(
    request: SiteRequest,
    url: URL,
    found: ReturnType<typeof match>,
  ): Promise<SiteResponse | undefined> {
    if (!options.beforeTransition) return undefined;
    const ctx = contextFor(request, url, found);
    if (!('state' in ctx)) return undefined;
    const planned = plannedTransition(ctx);
    if (!planned) return undefined;
    try {
      const check = await options.beforeTransition({ ...planned, accountId: request.accountId });
      return check.allowed ? undefined : jiraError(400, check.errorMessages);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return jiraError(500, `A workflow validator of the local site failed: ${message}`);
    }
  }

  /** The route's context, or the answer Jira gives before any route runs. */
  function contextFor(
    request: SiteRequest,
    url: URL,
    found: ReturnType<typeof match>,
  ): RouteContext | SiteResponse {
    const method = request.method.toUpperCase();
    const user = findUser(state, request.accountId);
    if (!user || !user.active)
      return {
        status: 401,
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: UNAUTHENTICATED_MESSAGE,
      };
    if (!found.route) {
      if ('pathMatched' in found && found.pathMatched)
        return errorFor(url.pathname, 405, `Method ${method} is not allowed for ${url.pathname}.`);
      return errorFor(url.pathname, 404, `The local site does not emulate ${method} ${url.pathname}.`);
    }
    let body: unknown;
    if (request.body !== undefined && request.body !== null && request.body !== '') {
      try {
        body = JSON.parse(request.body);
      } catch {
        return errorFor(url.pathname, 400, INVALID_PAYLOAD);
      }
    }
    return {
      state,
      user,
      params: found.params,
      query: url.searchParams,
      body,
      nowMs: now(),
      cache,
    };
  }

  function route(
    request: SiteRequest,
    method: string,
    url: URL,
    found: ReturnType<typeof match>,
  ): SiteResponse {
    const ctx = contextFor(request, url, found);
    if (!('state' in ctx)) return ctx;
    if (!found.route)
      return errorFor(url.pathname, 404, `The local site does not emulate ${method} ${url.pathname}.`);
    try {
      const response = found.route.run(ctx);
      if (method !== 'GET' && response.status < 400 && options.afterChange) {
        const body = typeof request.body === 'string' ? request.body : null;
        options.afterChange({
          at: ctx.nowMs,
          method,
          path: request.path,
          body,
          accountId: request.accountId,
        });
      }
      return response;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return errorFor(url.pathname, 500, `Internal error in the local site: ${message}`);
    }
  }

  return {
    state,
    handle,
    setFaults(next) {
      faults = next;
      faultCounter = 0;
    },
    requestLog: () => log,
    requestCounts() {
      const counts: Record<string, number> = {};
      for (const entry of log) counts[entry.endpoint] = (counts[entry.endpoint] ?? 0) + 1;
      return counts;
    },
    resetLog() {
      log = [];
    },
  };
}
