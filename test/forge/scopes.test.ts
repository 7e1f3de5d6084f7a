// Scopes, checked for real: the app's own flows run through the local Forge host, which records
// every product REST call (method + path); each is matched to its operation in Atlassian's OpenAPI
// specs (../shared/reference) and its required scopes must be declared in manifest.yml, and every
// declared scope must be needed by some call the flows made.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { defaultConfig } from '../../src/domain';
import { DEFAULT_AS_OF } from '../../src/local/demo/generate';
import { readWeeklyStatuses, typedStore, writeWeeklyStatuses } from '../../src/storage';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { recordedProductCalls } from '../../src/local/host/runtime';
import { CONFLUENCE_V1_OPERATIONS, loadOperations, operationOf } from '../../src/local/host/scopes';
import { runScheduledTrigger } from '../../src/local/host/scheduled';

const ROOT = path.join(__dirname, '..', '..');
const REFERENCE = path.join(ROOT, '..', 'shared', 'reference');
const manifestScopes = z
  .object({ permissions: z.object({ scopes: z.array(z.string()) }) })
  .parse(parseYaml(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'))).permissions.scopes;
const operations = {
  jira: loadOperations(path.join(REFERENCE, 'jira-cloud-platform.openapi.json')),
  confluence: [
    ...loadOperations(path.join(REFERENCE, 'confluence-cloud-v2.openapi.json')),
    ...CONFLUENCE_V1_OPERATIONS,
  ],
};

describe('the scopes of manifest.yml against the calls the app makes', () => {
  let app: LocalApp;
  beforeAll(async () => {
    app = await startLocalApp({ port: 0 });
    const forge = app.forge;
    const state = app.state;
    const impl = state.issues.find((i) => i.labels.includes('implementation'));
    const project = state.projects.find((p) => p.id === impl?.projectId) ?? state.projects[0];
    const issueContext = {
      issue: { id: impl?.id ?? '', key: impl?.key ?? '', type: 'Epic', typeId: impl?.issueTypeId ?? '' },
      project: { id: project.id, key: project.key, type: project.projectTypeKey },
    };
    const space = state.confluence.spaces.find((s) => s.key === 'IMPL') ?? state.confluence.spaces[0];
    const macroContext = {
      content: { id: space.homepageId, type: 'page' },
      space: { id: space.id, key: space.key },
    };
    const flows: Array<() => Promise<unknown>> = [
      () =>
        forge.invoke({
          moduleKey: 'runway-implementations',
          functionKey: 'getImplementations',
          as: 'admin',
          context: { project: issueContext.project },
        }),
      () =>
        forge.invoke({
          moduleKey: 'runway-portfolio-kpis',
          functionKey: 'getPortfolioKpis',
          payload: { asOf: DEFAULT_AS_OF, projects: [project.key] },
          as: 'admin',
        }),
      () => forge.queueIdle(),
      () =>
        forge.invoke({
          moduleKey: 'runway-stage-gates',
          functionKey: 'getGates',
          as: 'admin',
          context: issueContext,
        }),
      () =>
        forge.invoke({
          moduleKey: 'runway-raid-log',
          functionKey: 'getRaidLog',
          as: 'admin',
          context: issueContext,
        }),
      () =>
        forge.invoke({
          moduleKey: 'runway-raid-log',
          functionKey: 'createRaidItem',
          payload: { kind: 'risk', summary: 'Vendor API rate limits' },
          as: 'admin',
          context: issueContext,
        }),
      () =>
        forge.invoke({
          moduleKey: 'runway-playbook',
          functionKey: 'publish',
          payload: { templateId: 'go-live-readiness', implementationKey: impl?.key, asOf: DEFAULT_AS_OF },
          as: 'admin',
          context: macroContext,
        }),
      // Publish weekly, the macro's view of it, and the weekly run (as the app, re-checking permissions).
      () =>
        forge.invoke({
          moduleKey: 'runway-status',
          functionKey: 'publishWeekly',
          payload: { implementationKey: impl?.key, asOf: DEFAULT_AS_OF },
          as: 'admin',
          context: macroContext,
        }),
      () =>
        forge.invoke({
          moduleKey: 'runway-status',
          functionKey: 'getWeekly',
          as: 'admin',
          context: macroContext,
        }),
      async () => {
        const store = typedStore();
        await writeWeeklyStatuses(
          store,
          (await readWeeklyStatuses(store)).map((w) => ({ ...w, lastWeek: '2000-W01' })),
        );
        return runScheduledTrigger(forge, 'runway-weekly-status');
      },
      () => forge.invoke({ moduleKey: 'runway-settings', functionKey: 'getSettings', as: 'admin' }),
      // The approver pickers: Jira's people and groups, and the names of configured approvers.
      () =>
        forge.invoke({
          moduleKey: 'runway-settings',
          functionKey: 'searchUsers',
          payload: { query: 'a' },
          as: 'admin',
        }),
      () =>
        forge.invoke({
          moduleKey: 'runway-settings',
          functionKey: 'searchGroups',
          payload: { query: 'runway' },
          as: 'admin',
        }),
      () => {
        const settings = defaultConfig();
        settings.gates[0].approvers.users = [state.users[0].accountId];
        return forge.invoke({
          moduleKey: 'runway-settings',
          functionKey: 'saveSettings',
          payload: { settings },
          as: 'admin',
        });
      },
      () => forge.invoke({ moduleKey: 'runway-settings', functionKey: 'getSettings', as: 'admin' }),
      // Provisioning is queued: its consumer makes the admin calls.
      () =>
        forge
          .invoke({ moduleKey: 'runway-settings', functionKey: 'provision', as: 'admin' })
          .then(() => forge.queueIdle()),
      () =>
        forge.invokeFunction(
          'gate-validator-fn',
          { issue: { key: impl?.key }, transition: { from: { id: '10012' }, to: { id: '10015' } } },
          { moduleKey: 'runway-gate-enforcement' },
        ),
    ];
    // A flow that fails still recorded the calls it made; the checks below are about calls.
    for (const flow of flows) await flow().catch(() => undefined);
  });
  afterAll(() => app.close());

  const calls = () =>
    recordedProductCalls().map((c) => {
      const [product, method, p] = c.split(' ');
      const op = operationOf(operations[product as 'jira' | 'confluence'], method, p);
      return { call: c, op };
    });

  it('finds every call the app makes in the OpenAPI specs', () => {
    expect(calls().length).toBeGreaterThan(5);
    // The Settings pickers' calls are among them (so their scopes are checked below).
    const made = recordedProductCalls().join('\n');
    for (const path of ['/rest/api/3/user/search', '/rest/api/3/groups/picker', '/rest/api/3/user/bulk'])
      expect(made).toContain(` ${path}`);
    expect(
      calls()
        .filter((c) => c.op === undefined)
        .map((c) => c.call),
    ).toEqual([]);
  });

  it("covers every call's required scopes with the manifest's", () => {
    const uncovered = calls().flatMap(({ call, op }) =>
      op && op.scopes.length > 0 && !op.scopes.every((s) => manifestScopes.includes(s))
        ? [`${call} (${op.operationId}) needs ${op.scopes.join(' + ')}`]
        : [],
    );
    expect(uncovered).toEqual([]);
  });

  it('uses every declared scope in some call', () => {
    const used = new Set(calls().flatMap(({ op }) => op?.scopes ?? []));
    // storage:app is used by @forge/kvs (the KVS service, not product REST).
    const unused = manifestScopes.filter((s) => s !== 'storage:app' && !used.has(s));
    expect({ unused, calls: recordedProductCalls() }).toEqual({ unused: [], calls: recordedProductCalls() });
  });
});
