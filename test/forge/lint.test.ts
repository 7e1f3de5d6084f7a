import { handlerSourceFiles, stageApp, stageFakeApp, type StagedApp } from './support/app';
import { LINTER_FAILED, describeLintRun, findings, runClientSideLinters, type LintRun } from './support/lint';

// @forge/lint's client-side linters, run offline on the app (see support/lint.ts for what is
// replaced to keep them offline and which linter is skipped because it needs `forge login`).

const ALL_CLIENT_SIDE_LINTERS = [
  'PermissionLinter',
  'PermissionsManifestLinter',
  'AgentProductContextPermissionsManifestLinter',
  'DeprecatedCspPermissionsManifestLinter',
  'FullManifestLinter',
  'HandlerLinter',
  'DynamicPropertiesPermissionsLinter',
  'InvokeEndpointLinter',
  'StorageModulesLinter',
  'FrameComponentLinter',
  'LlmModuleLinter',
  'DeprecatedApiModuleLinter',
  'DeprecatedEgressPermissionsManifestLinter',
  'AppManagedPermissionsSdkLinter',
  'TeamworkGraphLinter',
  'FunctionTimeoutLinter',
];

describe('@forge/lint client-side linters on the app', () => {
  let app: StagedApp;
  let run: LintRun;
  let files: string[];
  beforeAll(async () => {
    app = stageApp();
    files = handlerSourceFiles();
    run = await runClientSideLinters(app.dir, files);
  }, 60_000);
  afterAll(() => app.cleanup());

  it('lints the code Forge bundles: src/index.ts and everything it imports', () => {
    expect(files).toContain('src/index.ts');
    expect(files).toEqual(
      expect.arrayContaining(['src/resolvers/stage-gates.ts', 'src/triggers/install.ts']),
    );
  });

  it('runs every client-side linter, and none of them crashes', () => {
    expect(run.linters).toEqual(ALL_CLIENT_SIDE_LINTERS);
    expect(run.log.filter((line) => line.includes(LINTER_FAILED))).toEqual([]);
  });

  it('reports no errors, warnings or approvals', () => {
    const problems = findings(run);
    if (problems.length > 0) throw new Error(`@forge/lint reported:\n${describeLintRun(run)}`);
    expect(problems).toEqual([]);
  });
});

describe('the offline linters catch real problems', () => {
  const manifest = (scopes: string[], runtime = 'nodejs24.x'): string =>
    [
      'app:',
      '  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
      '  runtime:',
      `    name: ${runtime}`,
      'modules:',
      '  trigger:',
      '    - key: t',
      '      function: fn',
      '      events:',
      '        - avi:jira:updated:issue',
      '  function:',
      '    - key: fn',
      '      handler: index.onIssue',
      'permissions:',
      '  scopes:',
      ...scopes.map((s) => `    - ${s}`),
      '',
    ].join('\n');
  const source = [
    "import api, { route } from '@forge/api';",
    'export async function somethingElse(id: string): Promise<void> {',
    '  await api.asApp().requestConfluence(route`/wiki/api/v2/pages/${id}`, { method: "PUT", body: "{}" });',
    '}',
    '',
  ].join('\n');

  it('flags a handler that is not exported, an API call without its scope, and a trigger without its scope', async () => {
    const fake = stageFakeApp(manifest(['storage:app']), { 'src/index.ts': source });
    try {
      const run = await runClientSideLinters(fake.dir, ['src/index.ts']);
      const messages = findings(run).map((f) => f.message);
      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Cannot find exported function "onIssue"/),
          expect.stringMatching(/PUT \/pages\/\{id\} requires "write:page:confluence"/),
          expect.stringMatching(/'avi:jira:updated:issue' requires 'read:jira-work'/),
        ]),
      );
    } finally {
      fake.cleanup();
    }
  }, 60_000);

  it('flags the deprecated nodejs20.x runtime, as Forge’s own lint does', async () => {
    const exported = 'export async function onIssue(): Promise<void> {}\n';
    const fake = stageFakeApp(manifest(['read:jira-work'], 'nodejs20.x'), { 'src/index.ts': exported });
    try {
      const run = await runClientSideLinters(fake.dir, ['src/index.ts']);
      expect(findings(run).map((f) => f.message)).toEqual([expect.stringMatching(/nodejs20\.x/)]);
    } finally {
      fake.cleanup();
    }
  }, 60_000);
});
