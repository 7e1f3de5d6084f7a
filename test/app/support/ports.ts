// In-memory ports for use-case tests: Jira and Confluence are the local site (src/local/site) as
// one user, app storage is the local storage service in memory (the @forge/kvs emulation, so
// FAIL_IF_EXISTS and cursors behave as on Forge), the clock is fixed.
import type { HttpFetch, Ports } from '../../../src/app/ports';
import { SqliteKvs } from '../../../src/local/host/kvs-sqlite';
import { installForgeRuntime } from '../../../src/local/host/runtime';
import { createSiteHandler } from '../../../src/local/site/handler';
import type { SiteState } from '../../../src/local/site/model';
import type { SiteHandler } from '../../../src/local/site/types';
import { typedStore, type TypedStore } from '../../../src/storage';

/** The site as one identity: a user's accountId, or 'app' (what asApp() reaches). */
export function siteFetch(site: SiteHandler, accountId: string): HttpFetch {
  return async (path, init = {}) => {
    const answer = await site.handle({
      method: init.method ?? 'GET',
      path,
      headers: init.headers,
      body: init.body ?? null,
      accountId,
    });
    return {
      status: answer.status,
      headers: { get: (name: string) => answer.headers[name.toLowerCase()] ?? null },
      text: async () => answer.body,
    };
  };
}

export interface InMemoryApp {
  site: SiteHandler;
  store: TypedStore;
  /** The ports of a use case run by `accountId` ('app' for background functions) at `now`. */
  portsAs(accountId: string, now?: Date): Ports;
  close(): void;
}

export async function inMemoryApp(state: SiteState, defaultNow: Date): Promise<InMemoryApp> {
  const site = createSiteHandler(state);
  const kvs = await SqliteKvs.open();
  const runtime = installForgeRuntime({
    site: {
      request: async () => ({ status: 500, body: 'use-case tests reach the site through their ports' }),
    },
    storage: kvs,
  });
  const store = typedStore();
  return {
    site,
    store,
    portsAs: (accountId, now = defaultNow) => ({
      jiraFetch: siteFetch(site, accountId),
      confluenceFetch: siteFetch(site, accountId),
      store,
      now: () => now,
    }),
    close: () => {
      runtime.uninstall();
      kvs.close();
    },
  };
}
