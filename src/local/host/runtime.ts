// The Forge platform globals, installed so the app's real code (@forge/api, @forge/kvs,
// @forge/resolver) runs unchanged in this process, as it does under `forge tunnel`:
// - `__forge_runtime__`: app context and metrics, read by @forge/api (getAppContext, metrics);
// - `__forge_fetch__(target, path, init)`: every product request (`requestJira` /
//   `requestConfluence`, as user or as app) and every @forge/kvs storage call.
// The acting user and module of each invocation live in an AsyncLocalStorage, so concurrent
// invocations as different users never see each other's identity.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { KvsBackend } from './kvs-sqlite';
import { bodyText } from './request-body';
import { kvsLimitViolation, queuePushViolation, type FunctionLimits } from './limits';

/** One call of an app function: who acts, from which module, with which extension context. */
export interface Invocation {
  invocationId: string;
  /** The acting user; undefined in background functions (triggers, consumers). */
  accountId?: string;
  moduleKey?: string;
  /** The manifest function running (limit messages name it). */
  functionKey?: string;
  localId?: string;
  extension?: Record<string, unknown>;
  /** Epoch ms after which the platform would kill the invocation (25 s resolvers, 900 s consumers). */
  deadline: number;
}

export interface SiteRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/search/jql?maxResults=50`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The user whose permissions apply; undefined = the app itself (`asApp`). */
  accountId?: string;
  product: 'jira' | 'confluence';
}

export interface SiteResponse {
  status: number;
  headers?: Record<string, string>;
  /** Text, or a JSON value the host serialises. */
  body?: unknown;
}

/** The local Jira + Confluence (src/local/site), seen from the Forge runtime. */
export interface SiteBackend {
  request(req: SiteRequest): Promise<SiteResponse>;
}

export interface AppContextDefaults {
  appId: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  installationId: string;
  appVersion: string;
  cloudId: string;
  siteUrl: string;
}

export const DEFAULT_APP_CONTEXT: AppContextDefaults = {
  appId: '00000000-0000-0000-0000-000000000000',
  environmentId: '11111111-1111-1111-1111-111111111111',
  environmentType: 'DEVELOPMENT',
  installationId: '22222222-2222-2222-2222-222222222222',
  appVersion: '0.1.0-local',
  cloudId: '33333333-3333-3333-3333-333333333333',
  siteUrl: 'https://runway-local.atlassian.net',
};

export interface ForgeRuntime {
  readonly context: AppContextDefaults;
  /** Runs `fn` as one invocation: everything it awaits sees this invocation's user and module. */
  run<T>(
    invocation: Omit<Invocation, 'invocationId' | 'deadline'> & { timeoutMs?: number },
    fn: () => Promise<T>,
  ): Promise<T>;
  current(): Invocation | undefined;
  /**
   * Inside `run`: what a worker container (isolate.ts) needs of the running invocation — the
   * host's `__forge_fetch__` bound to it, and its app context.
   */
  bound(): {
    fetch: (target: unknown, requestPath: string, init: RequestInit) => Promise<Response>;
    appContext: Record<string, unknown>;
  };
  /** Removes the globals (tests). */
  uninstall(): void;
}

interface ForgeTarget {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

type ForgeGlobals = typeof globalThis & { __forge_runtime__?: unknown; __forge_fetch__?: unknown };

const noopMetric = {
  incr: () => undefined,
  decr: () => undefined,
  set: () => undefined,
  stop: () => undefined,
};
const metrics = {
  counter: () => noopMetric,
  gauge: () => noopMetric,
  histogram: () => ({ record: () => undefined }),
  timing: () => ({ measure: () => noopMetric }),
};

function headerRecord(init: RequestInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(init?.headers).entries());
}

function response(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const noBody = status === 204 || status === 304 || body === undefined;
  const text = noBody ? null : typeof body === 'string' ? body : JSON.stringify(body);
  const h = new Headers(headers);
  if (text !== null && typeof body !== 'string' && !h.has('content-type'))
    h.set('content-type', 'application/json');
  return new Response(text, { status, headers: h });
}

/** Async events (@forge/events `Queue.push`): the host runs the queue's consumer later. */
export interface QueueBackend {
  publish(
    queueName: string,
    events: Array<{ body: Record<string, unknown>; delayInSeconds?: number }>,
    jobId: string,
  ): void;
  /** The limits of the queue's consumer (its event size limit depends on its timeout). */
  consumerLimits?(queueName: string): FunctionLimits | undefined;
}

/** The personal data reporting API (`privacy.reportPersonalData`): privacy-api.ts. */
export interface PrivacyBackend {
  report(method: string, asApp: boolean, body: string | undefined): { status: number; body?: unknown };
}

interface Installed {
  context: AppContextDefaults;
  site: SiteBackend;
  storage: KvsBackend;
  queue?: QueueBackend;
  privacy?: PrivacyBackend;
}

const QueuePush = z.object({
  queueName: z.string().min(1),
  jobId: z.string().min(1),
  payload: z.array(
    z.object({ body: z.record(z.string(), z.unknown()), delayInSeconds: z.number().optional() }),
  ),
});

// One dispatcher per process: the globals route each call to the host whose invocation is running
// (several hosts may live in one process, e.g. in tests), else to the most recently installed one.
const store = new AsyncLocalStorage<{ invocation: Invocation; host: Installed }>();
const installed: Installed[] = [];

/**
 * Every product REST call the app made in this process (`jira GET /rest/api/3/field`, query
 * stripped): test/forge/scopes.test.ts checks each against the manifest's scopes.
 */
const productCalls = new Set<string>();

export function recordProductCall(product: string, method: string, requestPath: string): void {
  productCalls.add(`${product} ${method} ${requestPath.split('?')[0]}`);
}

export function recordedProductCalls(): string[] {
  return [...productCalls].sort();
}

/** The function of the running invocation, for limit messages. */
function runningFunction(): string {
  const inv = store.getStore()?.invocation;
  return inv?.functionKey ?? inv?.moduleKey ?? '(outside an invocation)';
}

function currentHost(): Installed {
  const host = store.getStore()?.host ?? installed[installed.length - 1];
  if (!host) throw new Error('No local Forge host is installed');
  return host;
}

async function forgeFetch(target: ForgeTarget, requestPath: string, init?: RequestInit): Promise<Response> {
  const host = currentHost();
  if (target.type === 'kvs') {
    const text = await bodyText(init?.body);
    let parsed: unknown;
    try {
      parsed = text === undefined ? undefined : JSON.parse(text);
    } catch {
      return response(400, { code: 'BAD_REQUEST', message: 'Provided request body is invalid' });
    }
    // Forge refuses oversized keys, values and transactions before storing anything (limits.ts).
    const violation = kvsLimitViolation(requestPath, parsed, runningFunction());
    if (violation) return response(400, violation);
    const answer = await host.storage.handle(requestPath, parsed);
    return response(answer.status, answer.body);
  }
  if (target.type === 'fpp' && (target.remote === 'jira' || target.remote === 'confluence')) {
    let accountId: string | undefined;
    if (target.provider === 'user') {
      accountId = target.accountId ?? store.getStore()?.invocation.accountId;
      if (!accountId) {
        throw new Error(
          'asUser() was called outside an invocation by a user (a trigger or consumer has no user: use asApp()).',
        );
      }
    }
    recordProductCall(target.remote, (init?.method ?? 'GET').toUpperCase(), requestPath);
    const answer = await host.site.request({
      method: (init?.method ?? 'GET').toUpperCase(),
      path: requestPath,
      headers: headerRecord(init),
      body: await bodyText(init?.body),
      accountId,
      product: target.remote,
    });
    return response(answer.status, answer.body, answer.headers);
  }
  if (
    target.type === 'fpp' &&
    target.remote === 'stargate' &&
    requestPath.split('?')[0].replace(/\/$/, '') === '/app/report-accounts' &&
    host.privacy
  ) {
    const answer = host.privacy.report(
      (init?.method ?? 'GET').toUpperCase(),
      target.provider === 'app',
      await bodyText(init?.body),
    );
    return response(answer.status, answer.body);
  }
  if (
    target.type === 'fpp' &&
    target.remote === 'stargate' &&
    requestPath.startsWith('/webhook/queue/publish/') &&
    host.queue
  ) {
    const push = QueuePush.safeParse(JSON.parse((await bodyText(init?.body)) ?? 'null'));
    if (!push.success) return response(400, { message: `Not a queue push: ${push.error.message}` });
    // @forge/events checks count and size client-side too; the host checks them again (and the
    // per-event size of long-running consumers, which only Forge's service checks).
    const tooBig = queuePushViolation(
      runningFunction(),
      push.data.payload,
      host.queue.consumerLimits?.(push.data.queueName),
    );
    if (tooBig) return response(413, { errorMessage: tooBig.message });
    host.queue.publish(push.data.queueName, push.data.payload, push.data.jobId);
    return response(201, {});
  }
  throw new Error(`The local Forge host does not emulate ${JSON.stringify(target)} (${requestPath})`);
}

const forgeRuntime = {
  proxy: { token: 'local-forge-host', url: 'http://localhost' },
  tracing: { traceId: 'local', spanId: 'local' },
  metrics,
  externalAuth: [],
  get appContext() {
    const context = currentHost().context;
    const inv = store.getStore()?.invocation;
    return {
      appId: context.appId,
      appVersion: context.appVersion,
      environmentId: context.environmentId,
      environmentType: context.environmentType,
      installationId: context.installationId,
      invocationId: inv?.invocationId ?? 'outside-invocation',
      moduleKey: inv?.moduleKey,
      license: undefined,
      installation: undefined,
      permissions: undefined,
    };
  },
  get lambdaContext() {
    const inv = store.getStore()?.invocation;
    return { getRemainingTimeInMillis: () => (inv ? Math.max(0, inv.deadline - Date.now()) : 0) };
  },
};

export function installForgeRuntime(options: {
  site: SiteBackend;
  storage: KvsBackend;
  context?: Partial<AppContextDefaults>;
  queue?: QueueBackend;
  privacy?: PrivacyBackend;
}): ForgeRuntime {
  const host: Installed = {
    context: { ...DEFAULT_APP_CONTEXT, ...options.context },
    site: options.site,
    storage: options.storage,
    queue: options.queue,
    privacy: options.privacy,
  };
  installed.push(host);
  const g = globalThis as ForgeGlobals;
  g.__forge_runtime__ = forgeRuntime;
  g.__forge_fetch__ = forgeFetch;

  return {
    context: host.context,
    current: () => {
      const s = store.getStore();
      return s?.host === host ? s.invocation : undefined;
    },
    run: (invocation, fn) => {
      const { timeoutMs = 25_000, ...rest } = invocation;
      return store.run(
        { host, invocation: { ...rest, invocationId: randomUUID(), deadline: Date.now() + timeoutMs } },
        fn,
      );
    },
    bound: () => {
      const running = store.getStore();
      if (running?.host !== host) throw new Error('bound() is called only inside run()');
      return {
        fetch: (target, requestPath, init) =>
          store.run(running, () => forgeFetch(target as ForgeTarget, requestPath, init)),
        appContext: { ...forgeRuntime.appContext },
      };
    },
    uninstall: () => {
      const i = installed.indexOf(host);
      if (i >= 0) installed.splice(i, 1);
      if (installed.length === 0 && g.__forge_fetch__ === forgeFetch) {
        delete g.__forge_fetch__;
        delete g.__forge_runtime__;
      }
    },
  };
}
