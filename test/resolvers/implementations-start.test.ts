// "Start from playbook" on the implementations page: its resolver keys invoked as Forge invokes
// them (as the user on the project page) against the local host with the demo portfolio; what it
// creates is read back through Jira's search as the user, and through `runway kpis --site`.
import {
  StartImplementationPayload,
  type ImplementationsView,
  type StartOptions,
  type StartOutcome,
  type StartPreview,
} from '../../src/contracts/implementations';
import type { ResolverResult } from '../../src/contracts/result';
import { main, type CliIo } from '../../src/cli/main';
import { parseConfig, type KpiReport } from '../../src/domain';
import { basicAuthFetch, createJiraClient, type JiraClient } from '../../src/jira';
import { DEMO_USERS } from '../../src/local/demo/catalog';
import { generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { jiraAsUser } from '../../src/app/forge';
import { loadLibrary, startImplementation, type StartDeps } from '../../src/app/playbooks';
import { typedStore } from '../../src/storage';

const PAGE = 'runway-implementations';
const TOKENS = {
  admin: 'demo-admin-token',
  consultant: 'demo-consultant-token',
  viewer: 'demo-viewer-token',
};
type Who = keyof typeof TOKENS;

const request = (summary: string, over: Record<string, unknown> = {}) => ({
  templateId: 'implementation-plan',
  summary,
  tier: 'Enterprise',
  segment: 'Enterprise',
  kickoff: '2026-07-06',
  contractSigned: '2026-06-29',
  ...over,
});

describe('Start from playbook (implementations page resolver)', () => {
  let app: LocalApp;
  let seq = 0;
  const requestId = () => `test-request-${String(++seq).padStart(4, '0')}`;

  const call = async <T>(as: Who, functionKey: string, payload: unknown, project = 'IMP') => {
    const p = app.state.projects.find((x) => x.key === project);
    return (await app.forge.invoke({
      moduleKey: PAGE,
      functionKey,
      payload,
      as,
      context: { project: { id: p?.id ?? '', key: project, type: 'software' } },
    })) as ResolverResult<T>;
  };
  const ok = <T>(answer: ResolverResult<T>): T => {
    if (!answer.ok) throw new Error(`expected data, got: ${answer.error}`);
    return answer.data;
  };
  const jiraAs = (as: Who): JiraClient =>
    createJiraClient({ fetch: basicAuthFetch(app.url, DEMO_USERS[as].email, TOKENS[as]) });
  const issueCount = () => app.state.issues.length;

  /** startImplementation with test deps (a clock, a budget, a config), as a user inside the host. */
  function startWith(as: Who, payload: unknown, over: Partial<StartDeps> = {}) {
    return app.forge.runtime.run({ accountId: DEMO_USERS[as].accountId, moduleKey: PAGE }, async () => {
      const store = typedStore();
      const config = parseConfig({});
      if (!config.ok) throw new Error(config.error);
      const { requestId, ...request } = StartImplementationPayload.parse(payload);
      return startImplementation(
        { project: 'IMP', requestId, request },
        {
          jira: jiraAsUser(),
          config: config.value,
          store,
          library: async () => (await loadLibrary(store)).library,
          accountId: DEMO_USERS[as].accountId,
          now: () => new Date(),
          ...over,
        },
      );
    });
  }

  beforeAll(async () => {
    app = await startLocalApp({ port: 0, state: generatePortfolio({ seed: 1 }).state });
  });
  afterAll(async () => {
    await app.close();
  });

  it('offers the playbooks that start an implementation, the tiers and segments, and says whether the user may create', async () => {
    const options = ok(await call<StartOptions>('consultant', 'getStartOptions', {}));
    expect(options.templates.map((t) => t.id)).toEqual([
      'implementation-plan',
      'discovery-workshop',
      'integration-design',
      'data-migration-plan',
    ]);
    expect(options.templates.find((t) => t.id === 'implementation-plan')?.creates).toEqual({
      milestones: 7,
      gates: 6,
      workItems: 7,
    });
    expect(options).toMatchObject({
      tiers: ['Standard', 'Advanced', 'Enterprise'],
      segments: ['SMB', 'Mid-Market', 'Enterprise'],
      canCreate: true,
      cannotCreateReason: null,
    });
    expect(ok(await call<StartOptions>('viewer', 'getStartOptions', {}))).toMatchObject({
      canCreate: false,
      cannotCreateReason: 'You do not have permission to create issues in project IMP.',
    });
  });

  it('previews the epic and its children with the site’s issue types and field names, creating nothing', async () => {
    const before = issueCount();
    const preview = ok(
      await call<StartPreview>('consultant', 'previewStart', request('Preview Co: rollout')),
    );
    expect(issueCount()).toBe(before);
    expect(preview.problems).toEqual([]);
    expect(preview.epic).toMatchObject({
      issueType: 'Epic',
      labels: ['implementation', 'playbook:implementation-plan'],
      fields: {
        'Kickoff Date': '2026-07-06',
        'Contract Signed': '2026-06-29',
        Complexity: 'Enterprise',
        Segment: 'Enterprise',
      },
    });
    expect(preview.children.filter((c) => c.issueType === 'Gate')).toHaveLength(6);
    expect(preview.children.find((c) => c.labels.includes('go-live'))).toMatchObject({
      issueType: 'Milestone',
      dueDate: '2026-11-30',
      fields: { 'Baseline Due': '2026-11-30' },
    });
  });

  it('previews what stops it: no permission for a viewer, an implementation already named so', async () => {
    const existing = ok(await call<ImplementationsView>('consultant', 'getImplementations', {}))
      .implementations[0];
    const preview = ok(await call<StartPreview>('viewer', 'previewStart', request(existing.summary)));
    expect(preview.problems).toEqual([
      'You do not have permission to create issues in project IMP.',
      `${existing.key} in IMP already has this summary: open it, or choose another name.`,
    ]);
  });

  it('says what is wrong with a bad request', async () => {
    expect(
      await call('consultant', 'previewStart', request('X', { tier: 'Gold', kickoff: '2026-13-01' })),
    ).toEqual({ ok: false, error: 'Invalid request: payload.kickoff: not a real calendar date' });
    expect(await call('consultant', 'previewStart', request('X', { templateId: 'nope' }))).toEqual({
      ok: false,
      error: expect.stringMatching(/^Unknown playbook "nope"\. Known playbooks: implementation-plan, /),
    });
    expect(await call('consultant', 'previewStart', request('X', { templateId: 'uat-plan' }))).toEqual({
      ok: false,
      error:
        'UAT plan is a document of a running implementation, not a way to start one: add it to a Confluence page with the Runway playbook macro.',
    });
    expect(await call('consultant', 'startImplementation', request('X'))).toEqual({
      ok: false,
      error: 'Invalid request: payload.requestId: Invalid input: expected string, received undefined',
    });
  });

  it('creates the epic then its children as the user, visible in search with their parent, labels and fields', async () => {
    const id = requestId();
    const outcome = ok(
      await call<StartOutcome>('consultant', 'startImplementation', {
        ...request('Northwind Traders: platform rollout'),
        requestId: id,
      }),
    );
    expect(outcome).toMatchObject({ complete: true, resumed: false, failed: [], pending: [] });
    expect(outcome.created).toHaveLength(7 + 6 + 7);
    const epicKey = outcome.epic.key;

    const jira = jiraAs('consultant');
    const fields = await jira.getFields();
    const id_ = (name: string) => fields.find((f) => f.name === name)?.id ?? '';
    const { issues } = await jira.searchAll({
      jql: `issuekey = ${epicKey} OR parent = ${epicKey} ORDER BY key`,
      fields: [
        'summary',
        'labels',
        'parent',
        'duedate',
        'issuetype',
        'reporter',
        id_('Baseline Due'),
        id_('Gate Type'),
        id_('Kickoff Date'),
        id_('Complexity'),
        id_('Segment'),
        id_('Contract Signed'),
      ],
    });
    const epic = issues.find((i) => i.key === epicKey)?.fields ?? {};
    expect(epic).toMatchObject({
      summary: 'Northwind Traders: platform rollout',
      labels: ['implementation', 'playbook:implementation-plan'],
      issuetype: expect.objectContaining({ name: 'Epic' }),
      reporter: expect.objectContaining({ accountId: DEMO_USERS.consultant.accountId }),
      [id_('Kickoff Date')]: '2026-07-06',
      [id_('Contract Signed')]: '2026-06-29',
      [id_('Complexity')]: expect.objectContaining({ value: 'Enterprise' }),
      [id_('Segment')]: expect.objectContaining({ value: 'Enterprise' }),
    });
    const children = issues.filter((i) => i.key !== epicKey);
    expect(children.map((c) => c.key).sort()).toEqual(outcome.created.map((c) => c.key).sort());
    for (const c of children) expect(c.fields?.parent).toMatchObject({ key: epicKey });
    const goLive = children.find((c) => (c.fields?.labels as string[]).includes('go-live'))?.fields ?? {};
    expect(goLive).toMatchObject({ duedate: '2026-11-30', [id_('Baseline Due')]: '2026-11-30' });
    const gateTypes = children
      .filter((c) => (c.fields?.issuetype as { name: string }).name === 'Gate')
      .map((c) => (c.fields?.[id_('Gate Type')] as { value: string }).value);
    expect(gateTypes).toEqual([
      'Design Sign-off',
      'Migration Readiness',
      'UAT Readiness',
      'Go-Live Readiness',
      'Handover',
      'Hypercare Exit',
    ]);

    const page = ok(await call<ImplementationsView>('consultant', 'getImplementations', {}));
    expect(page.implementations.find((i) => i.key === epicKey)).toMatchObject({
      summary: 'Northwind Traders: platform rollout',
      tier: 'Enterprise',
      segment: 'Enterprise',
      gates: { passed: 0, failed: 0, total: 6 },
      nextMilestone: expect.objectContaining({ summary: 'Kickoff complete' }),
    });

    // `runway kpis` on the new implementation: it was created from a playbook.
    let out = '';
    let err = '';
    const io: CliIo = {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      resolve: (p) => p,
      readFile: () => Promise.reject(new Error('no files in this test')),
      kind: async () => 'missing',
      list: async () => [],
      env: {},
      today: () => new Date().toISOString().slice(0, 10), // the site stamps `created` with the real clock
    };
    const code = await main(
      [
        'kpis',
        '--site',
        app.url,
        '--email',
        DEMO_USERS.consultant.email,
        '--token',
        TOKENS.consultant,
        '--jql',
        `issuekey = ${epicKey} OR parent = ${epicKey}`,
        '--format',
        'json',
      ],
      io,
    );
    expect({ code, err: err.includes('Error') ? err : '' }).toEqual({ code: 0, err: '' });
    const report = JSON.parse(out) as KpiReport;
    expect(report.implementations.map((i) => [i.key, i.kpis.asset_reuse])).toEqual([[epicKey, 1]]);
    expect(report.portfolio.asset_reuse).toMatchObject({ value: 1, n: 1 });

    // The same request again (a retried click): the same epic, nothing new.
    const before = issueCount();
    const again = ok(
      await call<StartOutcome>('consultant', 'startImplementation', {
        ...request('Northwind Traders: platform rollout'),
        requestId: id,
      }),
    );
    expect(issueCount()).toBe(before);
    expect(again).toEqual({ ...outcome, resumed: true });
    // A new request with the same name is refused: the implementation exists.
    expect(
      await call('consultant', 'startImplementation', {
        ...request('northwind traders:  platform rollout'),
        requestId: requestId(),
      }),
    ).toEqual({
      ok: false,
      error: `${epicKey} in IMP already has this summary: open it, or choose another name.`,
    });
    expect(issueCount()).toBe(before);
  });

  it('refuses a viewer without creating anything', async () => {
    const before = issueCount();
    expect(
      await call('viewer', 'startImplementation', { ...request('Viewer Co: pilot'), requestId: requestId() }),
    ).toEqual({ ok: false, error: 'You do not have permission to create issues in project IMP.' });
    expect(issueCount()).toBe(before);
  });

  it('reports exactly what was created and what Jira refused, and a retry creates only what is missing', async () => {
    // A gate the site's Gate Type field has no option for: Jira refuses that one child.
    const config = parseConfig({
      gates: [{ id: 'designSignOff' }, { id: 'securityReview', name: 'Security Review' }],
      enforcement: [],
    });
    if (!config.ok) throw new Error(config.error);
    const id = requestId();
    const payload = { ...request('Contoso: security-first rollout', { tier: 'Standard' }), requestId: id };
    const first = await startWith('consultant', payload, { config: config.value });
    const outcome = ok(first);
    expect(outcome.complete).toBe(false);
    expect(outcome.failed).toEqual([
      {
        ref: 'gate:securityReview',
        kind: 'gate',
        summary: 'Security Review gate',
        error: expect.stringContaining('Gate Type'),
      },
    ]);
    expect(outcome.created).toHaveLength(7 + 1 + 7);
    expect(outcome.pending).toEqual([]);
    const after = issueCount();
    const retry = ok(await startWith('consultant', payload, { config: config.value }));
    expect(issueCount()).toBe(after);
    expect(retry).toMatchObject({
      epic: outcome.epic,
      created: outcome.created,
      resumed: true,
      complete: false,
    });
  });

  it('stops before the resolver time limit and finishes on the next call, never creating twice', async () => {
    let clock = 0;
    const id = requestId();
    const payload = { ...request('Fabrikam: phased rollout', { tier: 'Advanced' }), requestId: id };
    const before = issueCount();
    // Each reading of the clock moves it by 1 s: the budget of 5 s lets a few children through.
    const partial = ok(
      await startWith('consultant', payload, { now: () => new Date((clock += 1000)), budgetMs: 5000 }),
    );
    expect(partial.complete).toBe(false);
    expect(partial.pending.length).toBeGreaterThan(0);
    expect(issueCount() - before).toBe(1 + partial.created.length);
    const rest = ok(await startWith('consultant', payload));
    expect(rest).toMatchObject({ complete: true, resumed: true, failed: [], pending: [] });
    expect(rest.epic).toEqual(partial.epic);
    expect(rest.created).toHaveLength(7 + 6 + 7);
    expect(issueCount() - before).toBe(1 + 7 + 6 + 7);
  });
});
