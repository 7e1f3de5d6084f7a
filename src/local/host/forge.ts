// The local Forge platform in one object: the runtime globals, app storage (SQLite), the manifest,
// the app's handlers and the emulated site, plus what the browser bridge asks of them. Resolver
// tests use it directly (`forge.invoke(…, as: 'viewer')`); the HTTP server puts pages around it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import {
  configKey,
  encodeFrame,
  decodeFrame,
  extensionContext,
  newFrameSecret,
  type FrameContext,
  type FrameToken,
} from './frames';
import { canEditDashboard, NOT_A_DASHBOARD_EDITOR } from './dashboard';
import {
  functionRunner,
  invokeResolver,
  loadAppModule,
  type AppModules,
  type FunctionRunner,
} from './invoke';
import { FunctionIsolates } from './isolate';
import { SqliteKvs } from './kvs-sqlite';
import type { SqliteFile } from './sqlite-file';
import { functionLimits, UsageLog } from './limits';
import { loadManifest, type AppManifest, type Surface } from './manifest';
import { openModal } from './modal';
import {
  installForgeRuntime,
  recordProductCall,
  type AppContextDefaults,
  type ForgeRuntime,
} from './runtime';
import { messageOf } from '../../domain';
import { PersonalDataReporting } from './privacy-api';

/** The emulated Jira + Confluence as the host calls it (src/local/site `createSiteHandler`). */
export interface SiteLike {
  handle(request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | null;
    accountId: string;
  }): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

/** A person the user switcher offers. */
export interface HostUser {
  /** Short name used in URLs and tests: `admin`, `consultant`, `viewer`. */
  alias: string;
  accountId: string;
  displayName: string;
  /** What is special about them, shown in the switcher. */
  note: string;
}

/**
 * The site's licence of the app, the host's switch: `none` is development (Forge passes no
 * licence there, and the app behaves as licensed); `active` / `inactive` are what a production
 * install, or `forge install --license-override`, passes.
 */
export type LicenceState = 'none' | 'active' | 'inactive';

/** The `license` object Forge passes functions (resolver context, trigger context) for a state. */
export function forgeLicense(state: LicenceState): Record<string, unknown> | undefined {
  if (state === 'none') return undefined;
  return {
    isActive: state === 'active',
    billingPeriod: 'MONTHLY',
    ccpEntitlementId: 'local-entitlement',
    ccpEntitlementSlug: 'E-LOCAL',
    isEvaluation: false,
    subscriptionEndDate: null,
    supportEntitlementNumber: null,
    trialEndDate: null,
    type: 'commercial',
  };
}

/** accountId of `asApp()` calls on the site. */
export const APP_ACCOUNT = 'app';

export interface LocalForgeOptions {
  site: SiteLike;
  users: HostUser[];
  /** SQLite file of app storage; null/undefined keeps it in memory. */
  dataFile?: string | null;
  /** An open SQLite file to keep app storage in (shared with the site journal); wins over dataFile. */
  sqlite?: SqliteFile;
  /** Defaults to manifest.yml of the app root. */
  manifest?: AppManifest;
  /** The app's handler modules; defaults to loading src/index of this checkout. */
  modules?: AppModules;
  context?: Partial<AppContextDefaults>;
  /** Overrides every function's time limit (tests); by default each has Forge's (limits.ts). */
  timeoutMs?: number;
  /**
   * `worker`: each invocation in a worker thread whose heap is the function's memoryMB
   * (isolate.ts), loading the handlers from `appDir`; `in-process`: in this thread, from
   * `modules`. Default: workers when the host runs from the build with the app's own handlers
   * (`runway serve`, the bench); in this thread under jest, where tests mock and fake timers.
   */
  isolation?: 'worker' | 'in-process';
  /** Folder of the handler modules for workers; defaults to this checkout's src (or dist/src). */
  appDir?: string;
}

export interface InvokeAs {
  moduleKey: string;
  functionKey: string;
  payload?: unknown;
  /** Alias (`viewer`) or accountId of the acting user. */
  as: string;
  context?: FrameContext;
  localId?: string;
  entry?: 'view' | 'edit';
}

/** Walks up from `from` to the folder holding manifest.yml (src/… under jest, dist/src/… when built). */
export function findAppRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'manifest.yml')) && fs.existsSync(path.join(dir, 'package.json')))
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No manifest.yml above ${from}`);
    dir = parent;
  }
}

const bridgeFetchPayload = z.object({
  product: z.enum(['jira', 'confluence']),
  restPath: z.string().startsWith('/'),
  fetchRequestInit: z
    .object({
      method: z.string().optional(),
      body: z.string().nullable().optional(),
      headers: z.array(z.tuple([z.string(), z.string()])).optional(),
    })
    .default({}),
});
const bridgeInvokePayload = z.object({ functionKey: z.string().min(1), payload: z.unknown().optional() });
const userProfile = z.object({ locale: z.string().optional(), timeZone: z.string().optional() });
const navigationLocation = z.object({
  target: z.string(),
  issueKey: z.string().optional(),
  projectKey: z.string().optional(),
  contentId: z.string().optional(),
});

export class LocalForge {
  private constructor(
    readonly manifest: AppManifest,
    readonly storage: SqliteKvs,
    readonly runtime: ForgeRuntime,
    readonly site: SiteLike,
    readonly users: readonly HostUser[],
    private readonly timeoutMs: number | undefined,
    readonly usage: UsageLog,
    private readonly run: FunctionRunner,
    private readonly isolates: FunctionIsolates | undefined,
  ) {}

  static async create(options: LocalForgeOptions): Promise<LocalForge> {
    const manifest = options.manifest ?? loadManifest(path.join(findAppRoot(), 'manifest.yml'));
    const storage = await SqliteKvs.open({
      file: options.dataFile ?? null,
      sqlite: options.sqlite,
      entities: manifest.entities,
    });
    const site = options.site;
    const ref: { forge?: LocalForge } = {};
    const runtime = installForgeRuntime({
      storage,
      context: options.context,
      site: {
        request: async (req) =>
          site.handle({
            method: req.method,
            path: req.path,
            headers: req.headers,
            body: req.body ?? null,
            accountId: req.accountId ?? APP_ACCOUNT,
          }),
      },
      privacy: {
        report: (method, asApp, body) =>
          ref.forge?.privacy.handle(method, asApp, body) ?? { status: 503, body: { message: 'starting' } },
      },
      queue: {
        publish: (queueName, events, jobId) => ref.forge?.enqueue(queueName, events, jobId),
        consumerLimits: (queueName) => {
          const fn = manifest.consumers.get(queueName);
          return fn ? functionLimits(manifest, fn) : undefined;
        },
      },
    });
    const isolation =
      options.isolation ??
      (options.modules === undefined && __filename.endsWith('.js') ? 'worker' : 'in-process');
    const isolates =
      isolation === 'worker'
        ? new FunctionIsolates(options.appDir ?? path.join(__dirname, '..', '..'))
        : undefined;
    // The longest time and largest heap of each function's invocations (bench figures).
    const usage = new UsageLog();
    const run = functionRunner({
      runtime,
      manifest,
      isolates,
      modules: options.modules ?? loadAppModule,
      timeoutMs: options.timeoutMs,
      usage,
    });
    ref.forge = new LocalForge(
      manifest,
      storage,
      runtime,
      site,
      options.users,
      options.timeoutMs,
      usage,
      run,
      isolates,
    );
    return ref.forge;
  }

  /** The licence switch of the host (see LicenceState). */
  licence: LicenceState = 'none';

  /** The personal data reporting API, with the accounts the host marks closed (privacy-api.ts). */
  readonly privacy = new PersonalDataReporting();

  private readonly pendingEvents = new Set<Promise<void>>();
  private closed = false;
  /** What queue consumers threw (Forge would log it); tests read it. */
  readonly consumerErrors: string[] = [];

  /** An async event pushed to a queue: its consumer (manifest `consumer`) runs after the delay, as the app, up to 900 s. */
  enqueue(
    queueName: string,
    events: ReadonlyArray<{ body: Record<string, unknown>; delayInSeconds?: number }>,
    jobId: string,
  ): void {
    const functionKey = this.manifest.consumers.get(queueName);
    if (!functionKey) {
      this.consumerErrors.push(`manifest.yml has no consumer for queue "${queueName}"`);
      return;
    }
    events.forEach((event, i) => {
      const run = new Promise<void>((resolve) => setTimeout(resolve, (event.delayInSeconds ?? 0) * 1000))
        .then(async () => {
          if (this.closed) return;
          await this.run({
            functionKey,
            args: [{ body: event.body, queueName, jobId, eventId: `${jobId}-${i}` }, this.functionContext()],
            invocation: { moduleKey: `consumer:${queueName}` },
          });
        })
        .catch((e: unknown) => {
          this.consumerErrors.push(`${queueName}: ${messageOf(e)}`);
        })
        .finally(() => this.pendingEvents.delete(run));
      this.pendingEvents.add(run);
    });
  }

  /**
   * Calls an app function the way Forge calls a product-event function (a workflow validator, a
   * trigger): `handler(event, { installContext })`, as the app, within the time limit.
   */
  async invokeFunction(
    functionKey: string,
    event: unknown,
    options: { moduleKey: string; timeoutMs?: number },
  ): Promise<unknown> {
    return this.run({
      functionKey,
      args: [event, this.functionContext()],
      invocation: { moduleKey: options.moduleKey },
      timeoutMs: options.timeoutMs,
    });
  }

  /** The context argument of a background function: the installation and the licence. */
  private functionContext(): Record<string, unknown> {
    return {
      installContext: `ari:cloud:jira::site/${this.runtime.context.cloudId}`,
      license: forgeLicense(this.licence),
    };
  }

  /** Resolves once every queued event, and every event those pushed, has been consumed. */
  async queueIdle(): Promise<void> {
    while (this.pendingEvents.size > 0) await Promise.allSettled([...this.pendingEvents]);
  }

  user(aliasOrAccountId: string): HostUser {
    const user = this.users.find((u) => u.alias === aliasOrAccountId || u.accountId === aliasOrAccountId);
    if (!user)
      throw new Error(
        `No local user "${aliasOrAccountId}" (known: ${this.users.map((u) => u.alias).join(', ')})`,
      );
    return user;
  }

  surface(moduleKey: string): Surface {
    const surface = this.manifest.surfaces.find((s) => s.key === moduleKey);
    if (!surface) throw new Error(`manifest.yml has no Custom UI module "${moduleKey}"`);
    return surface;
  }

  /** The frame of one module instance for one user: what the iframe URL carries. */
  frame(
    moduleKey: string,
    as: string,
    options: { context?: FrameContext; localId?: string; entry?: 'view' | 'edit' } = {},
  ): FrameToken {
    this.surface(moduleKey);
    return {
      m: moduleKey,
      e: options.entry ?? 'view',
      u: this.user(as).accountId,
      l: options.localId ?? `${moduleKey}-1`,
      c: options.context ?? {},
    };
  }

  /** Signs frame tokens; new for every host process. */
  private readonly frameSecret = newFrameSecret();

  frameToken(frame: FrameToken): string {
    return encodeFrame(frame, this.frameSecret);
  }

  /** The frame a token names; throws when this host did not sign it. */
  readFrameToken(token: string): FrameToken {
    return decodeFrame(token, this.frameSecret);
  }

  /** The stored configuration of a gadget or macro instance (what Jira / Confluence keep). */
  instanceConfig(frame: Pick<FrameToken, 'm' | 'l'>): unknown {
    return this.storage.hostGet(configKey(frame));
  }

  setInstanceConfig(frame: Pick<FrameToken, 'm' | 'l'>, config: unknown): void {
    this.storage.hostSet(configKey(frame), config);
  }

  extension(frame: FrameToken): Record<string, unknown> {
    return extensionContext(this.surface(frame.m), frame, this.instanceConfig(frame));
  }

  /** Calls a resolver of a module as a user, exactly as a Custom UI `invoke` from that module would. */
  async invoke(req: InvokeAs): Promise<unknown> {
    return this.invokeFrame(this.frame(req.moduleKey, req.as, req), req.functionKey, req.payload);
  }

  private invokeFrame(frame: FrameToken, functionKey: string, payload: unknown): Promise<unknown> {
    return invokeResolver(
      this.runtime,
      this.run,
      {
        surface: this.surface(frame.m),
        functionKey,
        payload,
        accountId: frame.u,
        extension: this.extension(frame),
        localId: frame.l,
        license: forgeLicense(this.licence),
      },
      { timeoutMs: this.timeoutMs },
    );
  }

  /** What the browser bridge (static/host) asks of the host for a frame. `origin` is the host's own URL. */
  async bridge(token: string, call: string, payload: unknown, origin: string): Promise<unknown> {
    const frame = this.readFrameToken(token);
    this.user(frame.u);
    switch (call) {
      case 'invoke': {
        const p = bridgeInvokePayload.parse(payload);
        return this.invokeFrame(frame, p.functionKey, p.payload);
      }
      case 'getContext':
        return {
          accountId: frame.u,
          accountType: 'licensed',
          cloudId: this.runtime.context.cloudId,
          siteUrl: origin,
          environmentId: this.runtime.context.environmentId,
          environmentType: this.runtime.context.environmentType,
          appVersion: this.runtime.context.appVersion,
          moduleKey: frame.m,
          localId: frame.l,
          ...(await this.userLocale(frame.u)),
          license: forgeLicense(this.licence),
          extension: this.extension(frame),
        };
      case 'fetchProduct': {
        const p = bridgeFetchPayload.parse(payload);
        const init = p.fetchRequestInit;
        recordProductCall(p.product, (init.method ?? 'GET').toUpperCase(), p.restPath);
        const answer = await this.site.handle({
          method: (init.method ?? 'GET').toUpperCase(),
          path: p.restPath,
          headers: Object.fromEntries(init.headers ?? []),
          body: init.body ?? null,
          accountId: frame.u,
        });
        return { status: answer.status, statusText: '', headers: answer.headers, body: answer.body };
      }
      case 'submit': {
        if (frame.e !== 'edit' || frame.md) return false;
        if (this.surface(frame.m).type === 'jira:dashboardGadget' && !canEditDashboard(frame.u))
          throw new Error(NOT_A_DASHBOARD_EDITOR);
        this.setInstanceConfig(frame, submittedConfig(this.surface(frame.m).type, payload));
        return true;
      }
      case 'getUrl': {
        const loc = navigationLocation.parse(payload);
        if (loc.target === 'issue' && loc.issueKey)
          return `${origin}/browse/${encodeURIComponent(loc.issueKey)}`;
        if (loc.projectKey) return `${origin}/projects/${encodeURIComponent(loc.projectKey)}`;
        if (loc.contentId) return `${origin}/wiki/pages/${encodeURIComponent(loc.contentId)}`;
        return `${origin}/`;
      }
      case 'getFrameId':
        return frame.l;
      case 'openModal':
        return openModal(frame, payload, {
          surface: this.surface(frame.m),
          resources: this.manifest.resources,
          sign: (modal) => this.frameToken(modal),
        });
      default:
        throw new Error(`The local Forge host does not answer the bridge call "${call}"`);
    }
  }

  /**
   * The user's locale and time zone as Forge puts them in the context: from their Jira profile
   * (`GET /rest/api/3/myself`: `locale` en_US → `en-US`, `timeZone`); en-US in UTC if it has none.
   */
  private async userLocale(accountId: string): Promise<{ locale: string; timezone: string }> {
    const answer = await this.site.handle({ method: 'GET', path: '/rest/api/3/myself', accountId });
    const profile = answer.status === 200 ? userProfile.safeParse(JSON.parse(answer.body)) : undefined;
    return {
      locale: profile?.success && profile.data.locale ? profile.data.locale.replace('_', '-') : 'en-US',
      timezone: profile?.success && profile.data.timeZone ? profile.data.timeZone : 'UTC',
    };
  }

  close(): void {
    this.closed = true;
    void this.isolates?.close();
    this.runtime.uninstall();
    this.storage.close();
  }
}

/**
 * What a config view's `view.submit(...)` saves. A gadget's whole payload becomes its
 * configuration; a macro's config view submits `{ config, keepEditing? }` and Confluence keeps
 * only `config` (what `context.extension.config` later reads).
 */
export function submittedConfig(type: string, payload: unknown): unknown {
  if (type !== 'macro') return payload ?? {};
  const config =
    typeof payload === 'object' && payload !== null && 'config' in payload ? payload.config : undefined;
  return config ?? {};
}
