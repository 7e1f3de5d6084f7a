// The Forge globals: the app's real @forge/api calls reach the site as the right identity, even
// when invocations by different users run at the same time.
import api, { getAppContext, route } from '@forge/api';
import { SqliteKvs } from '../../../src/local/host/kvs-sqlite';
import { installForgeRuntime, type ForgeRuntime, type SiteRequest } from '../../../src/local/host/runtime';

describe('the Forge runtime globals', () => {
  let runtime: ForgeRuntime;
  let storage: SqliteKvs;
  const seen: SiteRequest[] = [];

  beforeEach(async () => {
    seen.length = 0;
    storage = await SqliteKvs.open();
    runtime = installForgeRuntime({
      storage,
      site: {
        // Answers who asked, after a delay that depends on the caller, so concurrent calls interleave.
        request: async (req) => {
          seen.push(req);
          await new Promise((r) => setTimeout(r, req.accountId === 'user-a' ? 30 : 5));
          return {
            status: 200,
            headers: { 'x-who': req.accountId ?? 'app' },
            body: { accountId: req.accountId ?? 'app', path: req.path },
          };
        },
      },
    });
  });
  afterEach(() => {
    runtime.uninstall();
    storage.close();
  });

  const whoAmI = async () => {
    const response = await api.asUser().requestJira(route`/rest/api/3/myself`);
    return ((await response.json()) as { accountId: string }).accountId;
  };

  it('sends asUser() requests as the invoking user, with concurrent invocations kept apart', async () => {
    const results = await Promise.all([
      runtime.run({ accountId: 'user-a', moduleKey: 'panel' }, whoAmI),
      runtime.run({ accountId: 'user-b', moduleKey: 'panel' }, whoAmI),
      runtime.run({ accountId: 'user-a', moduleKey: 'gadget' }, async () => [await whoAmI(), await whoAmI()]),
    ]);
    expect(results).toEqual(['user-a', 'user-b', ['user-a', 'user-a']]);
  });

  it('sends asApp() requests as the app and asUser(accountId) as that account', async () => {
    const answers = await runtime.run({ accountId: 'user-a' }, async () => {
      const asApp = await api.asApp().requestJira(route`/rest/api/3/field`);
      const asOther = await api.asUser('user-z').requestConfluence(route`/wiki/api/v2/pages`);
      return [asApp.headers.get('x-who'), asOther.headers.get('x-who')];
    });
    expect(answers).toEqual(['app', 'user-z']);
    expect(seen.map((r) => [r.product, r.path])).toEqual([
      ['jira', '/rest/api/3/field'],
      ['confluence', '/wiki/api/v2/pages'],
    ]);
  });

  it('passes method, headers and body through to the site', async () => {
    await runtime.run({ accountId: 'user-a' }, () =>
      api.asUser().requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jql: 'project = IMP' }),
      }),
    );
    expect(seen[0]).toMatchObject({
      method: 'POST',
      accountId: 'user-a',
      body: '{"jql":"project = IMP"}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('refuses asUser() outside an invocation by a user, as in a trigger', async () => {
    await expect(runtime.run({ moduleKey: 'trigger' }, whoAmI)).rejects.toThrow(
      /outside an invocation by a user/,
    );
  });

  it('routes each invocation to its own host when two hosts share the process', async () => {
    const otherStorage = await SqliteKvs.open();
    const other = installForgeRuntime({
      storage: otherStorage,
      site: { request: async () => ({ status: 200, body: { accountId: 'from-other-site' } }) },
    });
    try {
      const [mine, theirs] = await Promise.all([
        runtime.run({ accountId: 'user-a' }, whoAmI),
        other.run({ accountId: 'user-a' }, whoAmI),
      ]);
      expect([mine, theirs]).toEqual(['user-a', 'from-other-site']);
    } finally {
      other.uninstall();
      otherStorage.close();
    }
    expect(await runtime.run({ accountId: 'user-b' }, whoAmI)).toBe('user-b');
  });

  it('gives getAppContext() the module and remaining time of the current invocation', async () => {
    const context = await runtime.run(
      { accountId: 'user-a', moduleKey: 'runway-portfolio-kpis', timeoutMs: 25_000 },
      async () => getAppContext(),
    );
    expect(context.moduleKey).toBe('runway-portfolio-kpis');
    expect(context.invocationRemainingTimeInMillis()).toBeGreaterThan(20_000);
    expect(context.environmentType).toBe('DEVELOPMENT');
  });
});
