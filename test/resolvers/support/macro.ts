// A Confluence macro of the app on the home page of the demo portfolio's delivery space (IMPL),
// on the local host, as the macro resolver tests use it: one host for the whole file, set up and
// closed by the jest hooks this registers.
import type { ResolverResult } from '../../../src/contracts/result';
import { HOST_USERS } from '../../../src/local/host/app';
import { LocalForge } from '../../../src/local/host/forge';
import { generatePortfolio, type Portfolio } from '../../../src/local/demo/generate';
import { createSiteHandler } from '../../../src/local/site/handler';

export const ORIGIN = 'http://127.0.0.1:1';

export interface MacroOnPage {
  readonly forge: LocalForge;
  readonly portfolio: Portfolio;
  readonly page: { id: string; spaceId: string; spaceKey: string };
  /** A resolver call of the macro instance `localId` as the user `as`. */
  call<T>(as: string, functionKey: string, payload?: unknown, localId?: string): Promise<ResolverResult<T>>;
  /** What the config view does: `view.submit({ config })` from the macro's config frame. */
  configure(as: string, config: Record<string, unknown>, localId: string): Promise<void>;
  /** The key of an implementation of `project` in `stage`. */
  implementation(project: string, stage: string): string;
  /** Runs `fn` as Confluence runs the macro's adfExport: as the user `as`, with the resolver time limit. */
  runExport<T>(as: string, fn: () => Promise<T>): Promise<T>;
}

export function macroOnDeliveryPage(moduleKey: string, defaultLocalId: string): MacroOnPage {
  let forge: LocalForge | undefined;
  let portfolio: Portfolio | undefined;
  let page: MacroOnPage['page'] | undefined;
  const ready = () => {
    if (!forge || !portfolio || !page) throw new Error('the local host is not set up yet (beforeAll)');
    return { forge, portfolio, page };
  };
  /** One instance (localId) of the macro on the page, per test that needs its own. */
  const context = () => {
    const { page } = ready();
    return { content: { id: page.id, type: 'page' }, space: { id: page.spaceId, key: page.spaceKey } };
  };

  beforeAll(async () => {
    portfolio = generatePortfolio({ seed: 1 });
    forge = await LocalForge.create({ site: createSiteHandler(portfolio.state), users: HOST_USERS });
    const space = portfolio.state.confluence.spaces.find((s) => s.key === 'IMPL');
    if (!space) throw new Error('no IMPL space');
    page = { id: space.homepageId, spaceId: space.id, spaceKey: space.key };
  });
  afterAll(() => forge?.close());

  return {
    get forge() {
      return ready().forge;
    },
    get portfolio() {
      return ready().portfolio;
    },
    get page() {
      return ready().page;
    },
    call: async <T>(as: string, functionKey: string, payload: unknown = {}, localId = defaultLocalId) =>
      (await ready().forge.invoke({
        moduleKey,
        functionKey,
        payload,
        as,
        context: context(),
        localId,
      })) as ResolverResult<T>,
    configure: async (as, config, localId) => {
      const { forge } = ready();
      const frame = forge.frame(moduleKey, as, { context: context(), localId, entry: 'edit' });
      expect(await forge.bridge(forge.frameToken(frame), 'submit', { config }, ORIGIN)).toBe(true);
    },
    implementation: (project, stage) => {
      const found = ready().portfolio.implementations.find((i) => i.project === project && i.stage === stage);
      if (!found) throw new Error(`no ${stage} implementation in ${project}`);
      return found.key;
    },
    runExport: (as, fn) => {
      const { forge } = ready();
      return forge.runtime.run(
        {
          accountId: forge.user(as).accountId,
          moduleKey,
          localId: 'export',
          extension: {},
          timeoutMs: 25_000,
        },
        fn,
      );
    },
  };
}
