// Resolver invocation the Forge way: manifest module → function → handler of src/index, called
// through @forge/resolver with the acting user's context, within the resolver time limit.
import Resolver from '@forge/resolver';
import { LocalForge, type SiteLike } from '../../../src/local/host/forge';
import { parseManifest } from '../../../src/local/host/manifest';

const site: SiteLike = {
  handle: async (req) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: req.accountId }),
  }),
};

const manifest = parseManifest({
  modules: {
    'jira:issuePanel': [
      { key: 'panel', title: 'Panel', resource: 'res', resolver: { function: 'panel-fn' } },
    ],
    'jira:adminPage': [
      { key: 'no-handler', title: 'Admin', resource: 'res', resolver: { function: 'missing-fn' } },
    ],
    function: [{ key: 'panel-fn', handler: 'index.panelResolver' }],
  },
  resources: [{ key: 'res', path: 'static/res/dist' }],
});

const resolver = new Resolver();
resolver.define('whoAmI', ({ context }) => ({
  accountId: context.accountId,
  issue: context.extension.issue?.key,
  moduleKey: context.moduleKey,
}));
resolver.define('echo', ({ payload }) => payload);
resolver.define('slow', () => new Promise((r) => setTimeout(() => r('late'), 500)));
resolver.define('fails', () => {
  throw new Error('boom');
});
const modules = (file: string) => (file === 'index' ? { panelResolver: resolver.getDefinitions() } : {});

describe('invoking a resolver of a module as a user', () => {
  let forge: LocalForge;
  beforeAll(async () => {
    forge = await LocalForge.create({
      site,
      manifest,
      modules,
      timeoutMs: 100,
      users: [
        { alias: 'ann', accountId: 'acc-ann', displayName: 'Ann', note: '' },
        { alias: 'bob', accountId: 'acc-bob', displayName: 'Bob', note: '' },
      ],
    });
  });
  afterAll(() => forge.close());

  it('gives the resolver the acting user and the extension context of the module instance', async () => {
    const context = {
      issue: { id: '1', key: 'IMP-1', type: 'Epic', typeId: '10000' },
      project: { id: '9', key: 'IMP', type: 'software' },
    };
    const [ann, bob] = await Promise.all([
      forge.invoke({ moduleKey: 'panel', functionKey: 'whoAmI', as: 'ann', context }),
      forge.invoke({ moduleKey: 'panel', functionKey: 'whoAmI', as: 'bob', context }),
    ]);
    expect(ann).toEqual({ accountId: 'acc-ann', issue: 'IMP-1', moduleKey: 'panel' });
    expect(bob).toEqual({ accountId: 'acc-bob', issue: 'IMP-1', moduleKey: 'panel' });
  });

  it('passes the payload through as JSON, as Forge does', async () => {
    expect(
      await forge.invoke({
        moduleKey: 'panel',
        functionKey: 'echo',
        as: 'ann',
        payload: { a: [1, 2], when: '2026-01-01' },
      }),
    ).toEqual({ a: [1, 2], when: '2026-01-01' });
  });

  it('reports a failing resolver, a missing definition and a missing handler the way the bridge would', async () => {
    await expect(forge.invoke({ moduleKey: 'panel', functionKey: 'fails', as: 'ann' })).rejects.toThrow(
      'There was an error invoking the function - boom',
    );
    await expect(forge.invoke({ moduleKey: 'panel', functionKey: 'nope', as: 'ann' })).rejects.toThrow(
      "Resolver has no definition for 'nope'.",
    );
    await expect(forge.invoke({ moduleKey: 'no-handler', functionKey: 'x', as: 'ann' })).rejects.toThrow(
      'manifest.yml has no function "missing-fn"',
    );
  });

  it('stops waiting for a resolver at the time limit', async () => {
    await expect(forge.invoke({ moduleKey: 'panel', functionKey: 'slow', as: 'ann' })).rejects.toThrow(
      'timed out after 0.1 s',
    );
  });

  it('refuses an unknown user or module', async () => {
    await expect(forge.invoke({ moduleKey: 'panel', functionKey: 'echo', as: 'mallory' })).rejects.toThrow(
      'No local user "mallory"',
    );
    await expect(forge.invoke({ moduleKey: 'ghost', functionKey: 'echo', as: 'ann' })).rejects.toThrow(
      'no Custom UI module "ghost"',
    );
  });
});
