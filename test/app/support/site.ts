// In-memory ports for use-case tests: the demo portfolio's Jira and Confluence (src/local/site, no
// network) and app storage on the host's storage service, with Forge's globals installed so the
// use cases' ports (`jiraAsUser()`, `typedStore()`, `forgePorts('user')`) reach them. One site per
// test file, set up and closed by the jest hooks this registers.
import { generatePortfolio, type Portfolio } from '../../../src/local/demo/generate';
import { HOST_USERS } from '../../../src/local/host/app';
import { LocalForge } from '../../../src/local/host/forge';
import { createSiteHandler } from '../../../src/local/site/handler';

export type Who = 'admin' | 'consultant' | 'viewer';

export interface InMemorySite {
  readonly portfolio: Portfolio;
  /** Runs `fn` as that user does in a view (`asUser` is them). */
  as<T>(who: Who, fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` as a background function does (no user). */
  asApp<T>(fn: () => Promise<T>): Promise<T>;
  accountId(who: Who): string;
  /** The key of an implementation of `project` in `stage` (the demo portfolio's). */
  implementation(project: string, stage?: string): string;
}

export function inMemorySite(): InMemorySite {
  let forge: LocalForge | undefined;
  let portfolio: Portfolio | undefined;
  const ready = () => {
    if (!forge || !portfolio) throw new Error('the in-memory site is not set up yet (beforeAll)');
    return { forge, portfolio };
  };
  beforeAll(async () => {
    portfolio = generatePortfolio({ seed: 1 });
    forge = await LocalForge.create({ site: createSiteHandler(portfolio.state), users: HOST_USERS });
  });
  afterAll(() => forge?.close());

  const accountId = (who: Who) => ready().forge.user(who).accountId;
  return {
    get portfolio() {
      return ready().portfolio;
    },
    as: (who, fn) => ready().forge.runtime.run({ accountId: accountId(who) }, fn),
    asApp: (fn) => ready().forge.runtime.run({}, fn),
    accountId,
    implementation: (project, stage) => {
      const found = ready().portfolio.implementations.find(
        (i) => i.project === project && (stage === undefined || i.stage === stage),
      );
      if (!found) throw new Error(`no ${stage ?? ''} implementation in ${project}`);
      return found.key;
    },
  };
}
