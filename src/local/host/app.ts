// The whole local app in one call: a site (the demo portfolio by default), the Forge platform
// around the app's real code, and the HTTP host. `runway serve` and the e2e tests start it here.
import { DEMO_USERS } from '../demo/catalog';
import { generatePortfolio } from '../demo/generate';
import { createSiteHandler } from '../site/handler';
import type { SiteState } from '../site/model';
import type { FaultConfig, SiteHandler } from '../site/types';
import { outboxOf } from '../site/routes-notify';
import { LocalForge, type HostUser, type LicenceState } from './forge';
import { seedHistoricSignOffs, type SeedReport } from './demo-signoffs';
import { sitePersistence } from './site-persistence';
import { SqliteFile } from './sqlite-file';
import { startHostServer, type HostServer } from './server';
import { workflowValidatorHook } from './workflow';

export interface LocalAppOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Listen address; default 127.0.0.1. */
  listen?: string;
  /** App storage file; null/undefined keeps storage in memory. */
  dataFile?: string | null;
  /** Seed of the demo portfolio (ignored when `state` is given). */
  seed?: number;
  /** A site to serve instead of the demo portfolio. */
  state?: SiteState;
  faults?: FaultConfig;
  /** Resolver time limit in ms (Forge: 25 s). */
  timeoutMs?: number;
  /**
   * Record the sign-offs the site's history implies (resolved Gate issues) in app storage, for
   * implementations that have no audit record yet. Default: on for the demo portfolio (no `state`).
   */
  seedSignOffs?: boolean;
  /** The site's licence of the app (default `none`: development, behaves as active). */
  licence?: LicenceState;
}

export interface LocalApp extends HostServer {
  site: SiteHandler;
  state: SiteState;
  /** What seeding the historic sign-offs did (null when it did not run). */
  seeded: SeedReport | null;
  /** What became of the site changes kept in the storage file (restored, reset), for the start message. */
  restored: string | null;
}

/** The user switcher: the demo site's admin, consultant and viewer. */
export const HOST_USERS: HostUser[] = [
  {
    alias: 'admin',
    accountId: DEMO_USERS.admin.accountId,
    displayName: DEMO_USERS.admin.displayName,
    note: 'site admin',
  },
  {
    alias: 'consultant',
    accountId: DEMO_USERS.consultant.accountId,
    displayName: DEMO_USERS.consultant.displayName,
    note: 'implementation consultant',
  },
  {
    alias: 'viewer',
    accountId: DEMO_USERS.viewer.accountId,
    displayName: DEMO_USERS.viewer.displayName,
    note: 'cannot browse the restricted project',
  },
];

/** The demo portfolio (src/local/demo): deterministic for a seed. */
export function demoSite(seed = 1): SiteState {
  return generatePortfolio({ seed }).state;
}

export async function startLocalApp(options: LocalAppOptions = {}): Promise<LocalApp> {
  const state = options.state ?? demoSite(options.seed);
  // App storage and the site's changes share one SQLite file: a restart keeps (or resets) both.
  const sqlite = await SqliteFile.open(options.dataFile ?? null);
  const journal = sitePersistence(
    sqlite,
    options.state ? 'a site given by the caller' : `demo seed ${options.seed ?? 1}`,
  );
  // Jira runs the app's workflow validators on every transition, whoever asks (see workflow.ts).
  const validators = workflowValidatorHook();
  const site = createSiteHandler(state, {
    faults: options.faults,
    now: journal.now,
    // Replayed changes passed the validators when they were made.
    beforeTransition: (attempt) =>
      journal.replaying() ? Promise.resolve({ allowed: true }) : validators.beforeTransition(attempt),
    afterChange: journal.record,
  });
  const forge = await LocalForge.create({
    site,
    users: HOST_USERS,
    sqlite,
    timeoutMs: options.timeoutMs,
  });
  validators.bind(forge);
  forge.licence = options.licence ?? 'none';
  let seeded: SeedReport | null = null;
  let restored: string | null;
  try {
    restored = await journal.restore(site);
    if (options.seedSignOffs ?? options.state === undefined)
      seeded = await seedHistoricSignOffs(forge, state);
  } catch (e) {
    forge.close();
    throw e;
  }
  const tokens = new Map(Object.entries(state.apiTokens));
  const server = await startHostServer({
    forge,
    port: options.port,
    listen: options.listen,
    outbox: (accountId) => outboxOf(state, accountId),
    siteUrl: state.baseUrl,
    authenticate: (authorization) => {
      // Basic base64(email:token) as Jira Cloud takes it; the token names the account.
      const m = /^Basic\s+(.+)$/i.exec(authorization ?? '');
      if (!m) return undefined;
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const token = decoded.slice(decoded.indexOf(':') + 1);
      return tokens.get(token);
    },
  });
  return {
    ...server,
    site,
    state,
    seeded,
    restored,
    close: async () => {
      await server.close();
      forge.close();
    },
  };
}
