// The portfolio KPI gadget's resolver on the local host with the demo portfolio, invoked as Forge
// invokes it (as the viewing user). Its numbers are checked against `runway kpis --site` on the
// same scope; large scopes against the background path (queue consumer + stored snapshots).
import {
  KPI_LABELS,
  type CheckGadgetConfigResult,
  type GadgetProjects,
  type GetPortfolioKpisResult,
  type PortfolioKpis,
} from '../../src/contracts/kpi-gadget';
import type { ResolverResult } from '../../src/contracts/result';
import { main, type CliIo } from '../../src/cli/main';
import { defaultConfig, type KpiReport } from '../../src/domain';
import { DEMO_USERS } from '../../src/local/demo/catalog';
import { DEFAULT_AS_OF, generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { jiraAsUser } from '../../src/app/forge';
import { getPortfolioKpis, pushSnapshotJob, runDailySnapshots, type GadgetDeps } from '../../src/app/kpis';
import { GetPortfolioKpisPayload } from '../../src/contracts/kpi-gadget';
import { readImplementationSnapshots, SURVEY_KEEP_MS, typedStore } from '../../src/storage';
import { recordIssueChange } from '../../src/triggers/issue-event';

const GADGET = 'runway-portfolio-kpis';
const AS_OF = DEFAULT_AS_OF;
const TOKENS = {
  admin: 'demo-admin-token',
  consultant: 'demo-consultant-token',
  viewer: 'demo-viewer-token',
} as const;
type Who = keyof typeof TOKENS;

describe('portfolio KPI gadget resolver', () => {
  let app: LocalApp;

  const call = async <T = PortfolioKpis>(as: Who, payload: unknown, functionKey = 'getPortfolioKpis') =>
    (await app.forge.invoke({ moduleKey: GADGET, functionKey, payload, as })) as ResolverResult<T>;
  const data = async (as: Who, payload: unknown): Promise<PortfolioKpis> => {
    const answer = await call(as, payload);
    if (!answer.ok) throw new Error(`expected numbers, got: ${answer.error}`);
    return answer.data;
  };

  /** `runway kpis --site … --jql … --as-of … --format json` as that user. */
  async function runwayKpis(as: Who, jql: string, asOf = AS_OF): Promise<KpiReport> {
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
      today: () => AS_OF,
    };
    const code = await main(
      [
        'kpis',
        '--site',
        app.url,
        '--email',
        DEMO_USERS[as].email,
        '--token',
        TOKENS[as],
        '--jql',
        jql,
        '--as-of',
        asOf,
        '--format',
        'json',
      ],
      io,
    );
    if (code !== 0) throw new Error(`runway kpis exited ${code}: ${err}`);
    return JSON.parse(out) as KpiReport;
  }

  function expectSameNumbers(gadget: PortfolioKpis, report: KpiReport) {
    expect(gadget.implementations).toBe(report.implementations.length);
    for (const tile of gadget.kpis) {
      const expected = report.portfolio[tile.id as keyof KpiReport['portfolio']];
      expect({ id: tile.id, value: tile.value, n: tile.n, met: tile.met }).toEqual({
        id: tile.id,
        value: expected.value,
        n: expected.n,
        met: expected.targetMet,
      });
      if (tile.p90 !== undefined) expect(tile.p90).toBe(expected.p90);
    }
  }

  /** getPortfolioKpis as a user with test deps (a tiny budget: one batch per call). */
  function callWithBudget(
    as: Who,
    payload: unknown,
    budgetMs: number,
    at?: number,
  ): Promise<GetPortfolioKpisResult> {
    const skew = at === undefined ? 0 : at - Date.now();
    return app.forge.runtime.run({ accountId: DEMO_USERS[as].accountId, moduleKey: GADGET }, async () => {
      const deps: GadgetDeps = {
        jira: jiraAsUser(),
        store: typedStore(),
        config: defaultConfig(),
        today: AS_OF,
        now: () => new Date(Date.now() + skew),
        accountId: DEMO_USERS[as].accountId,
        budgetMs,
        enqueue: pushSnapshotJob,
      };
      return getPortfolioKpis(GetPortfolioKpisPayload.parse(payload), deps);
    });
  }

  beforeEach(async () => {
    app = await startLocalApp({ port: 0, state: generatePortfolio({ seed: 1 }).state });
  });
  afterEach(async () => {
    await app.forge.queueIdle();
    await app.close();
  });

  it('gives, for every KPI, the value, n and target check of `runway kpis` on the same scope, with a definition', async () => {
    const report = await data('admin', { asOf: AS_OF, projects: ['IMP', 'ONB', 'ENT'] });
    expect(report.progress).toEqual({
      done: report.implementations,
      total: report.implementations,
      complete: true,
    });
    expect(report.implementations).toBeGreaterThanOrEqual(25);
    expect(report.kpis).toHaveLength(22);
    expectSameNumbers(report, await runwayKpis('admin', report.jql));
    for (const tile of report.kpis) expect(tile.definition.length).toBeGreaterThan(20);
    expect(Object.fromEntries(report.kpis.map((k) => [k.id, k.label]))).toEqual(KPI_LABELS);
    expect(report.kpis.find((k) => k.id === 'time_to_live_days')?.p90).toEqual(expect.any(Number));
  });

  it('trends over 12 months, each point what `runway kpis --as-of <month end>` gives', async () => {
    const report = await data('consultant', { asOf: AS_OF, projects: ['IMP', 'ONB'] });
    const trend = report.kpis[0].trend;
    expect(trend.map((p) => p.asOf)).toEqual([
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      AS_OF,
    ]);
    for (const i of [0, 6, 11]) {
      const at = await runwayKpis('consultant', report.jql, trend[i].asOf);
      for (const tile of report.kpis)
        expect([tile.id, tile.trend[i].value, tile.trend[i].n]).toEqual([
          tile.id,
          at.portfolio[tile.id as keyof KpiReport['portfolio']].value,
          at.portfolio[tile.id as keyof KpiReport['portfolio']].n,
        ]);
    }
  });

  it('gives a viewer exactly the numbers `runway kpis` gives them: nothing from the project they cannot browse', async () => {
    const viewer = await data('viewer', { asOf: AS_OF });
    expectSameNumbers(viewer, await runwayKpis('viewer', viewer.jql));
    // Every project but ENT: IMP, ONB and the projects without Runway's set-up (SUP, TEAM).
    const browsable = app.state.projects.map((p) => p.key).filter((key) => key !== 'ENT');
    const visibleToViewer = await data('admin', { asOf: AS_OF, projects: browsable });
    expect(viewer.implementations).toBe(visibleToViewer.implementations);
    expect(viewer.kpis.map((k) => [k.value, k.n])).toEqual(visibleToViewer.kpis.map((k) => [k.value, k.n]));
    expect(viewer.leftOut).toBeNull();
  });

  it('gives a viewer of a shared gadget naming a project they cannot browse the numbers of the rest, with a note saying so', async () => {
    const shared = { asOf: AS_OF, projects: ['IMP', 'ENT'] };
    const viewer = await data('viewer', shared);
    expect(viewer.jql).toBe('project in (IMP)');
    expectSameNumbers(viewer, await runwayKpis('viewer', 'project in (IMP)'));
    expect(viewer.implementations).toBeGreaterThan(0);
    expect(viewer.scope).toBe('Projects IMP, ENT');
    expect(viewer.leftOut).toEqual({
      projects: ['ENT'],
      note: "These numbers cover IMP only. You don't have permission to browse ENT, so its implementations aren't counted. Ask your Jira admin if you need access.",
    });
    // Whoever may browse every project of the scope gets all of it and no note.
    const admin = await data('admin', shared);
    expect(admin.implementations).toBeGreaterThan(viewer.implementations);
    expect(admin.leftOut).toBeNull();
    // Nothing of the scope to see: no numbers (never zeros), the note, and no error.
    const none = await data('viewer', { asOf: AS_OF, projects: ['ENT'] });
    expect(none.implementations).toBe(0);
    for (const k of none.kpis) expect([k.value, k.n, k.issuesJql]).toEqual([null, 0, null]);
    expect(none.leftOut?.note).toMatch(
      /^You don't have permission to browse ENT, so this gadget has no numbers/,
    );
  });

  it('does the same for a shared JQL scope whose project clause names a project the viewer cannot browse', async () => {
    const shared = { asOf: AS_OF, jql: 'project in (IMP, "ent") AND issuetype = Epic' };
    const viewer = await data('viewer', shared);
    expect(viewer.jql).toBe('project in (IMP) AND issuetype = Epic');
    expectSameNumbers(viewer, await runwayKpis('viewer', 'project in (IMP) AND issuetype = Epic'));
    expect(viewer.implementations).toBeGreaterThan(0);
    expect(viewer.scope).toBe('Issues matching a JQL query');
    expect(viewer.leftOut).toEqual({
      projects: ['ent'],
      note: "These numbers cover IMP only. You don't have permission to browse ent, so its implementations aren't counted. Ask your Jira admin if you need access.",
    });
    const admin = await data('admin', shared);
    expect(admin.implementations).toBeGreaterThan(viewer.implementations);
    expect(admin.leftOut).toBeNull();
    // Nothing left to search: no numbers, the note, no error.
    const none = await data('viewer', { asOf: AS_OF, jql: 'project = ENT' });
    expect(none.implementations).toBe(0);
    for (const k of none.kpis) expect([k.value, k.n, k.issuesJql]).toEqual([null, 0, null]);
    expect(none.leftOut?.note).toMatch(
      /^You don't have permission to browse ENT, so this gadget has no numbers/,
    );
    // Where taking the project out could widen the query, or Jira objects to more, its error stands.
    expect(await call('viewer', { asOf: AS_OF, jql: 'project in (IMP, ENT) OR labels = x' })).toEqual({
      ok: false,
      error: "The value 'ENT' does not exist for the field 'project'.",
    });
    expect(await call('viewer', { asOf: AS_OF, jql: 'project in (IMP, ENT) AND status = Sleeping' })).toEqual(
      {
        ok: false,
        error: "The value 'Sleeping' does not exist for the field 'status'.",
      },
    );
  });

  it('never reuses numbers stored by someone who could see more: a child the viewer cannot see forces a recomputation as the viewer', async () => {
    // An ONB implementation gets a child in the project the viewer cannot browse.
    const ent = app.state.projects.find((p) => p.key === 'ENT');
    const onbChild = app.state.issues.find(
      (i) => i.key.startsWith('ONB-') && i.parentId !== null && i.resolutiondate === null,
    );
    if (!ent || !onbChild) throw new Error('demo data changed');
    onbChild.projectId = ent.id;
    const jql = `created < "2026-11-24"`;
    const admin = await data('admin', { asOf: AS_OF, jql });
    const viewer = await data('viewer', { asOf: AS_OF, jql });
    expect(viewer.implementations).toBeLessThan(admin.implementations);
    expectSameNumbers(viewer, await runwayKpis('viewer', jql));
  });

  it('shows what is ready of a large scope with its progress, and the queue consumer finishes the rest in the background', async () => {
    const payload = { asOf: AS_OF, projects: ['IMP', 'ONB', 'ENT'] };
    const first = await callWithBudget('admin', payload, 0);
    if (!first.ok) throw new Error(first.error);
    expect(first.data.progress).toEqual({ done: 5, total: expect.any(Number), complete: false });
    expect(first.data.progress.total).toBeGreaterThan(5);
    expect(first.data.implementations).toBeLessThanOrEqual(5);
    expect(first.data.kpis.find((k) => k.id === 'csat')?.n).toBeLessThanOrEqual(5);
    await app.forge.queueIdle();
    expect(app.forge.consumerErrors).toEqual([]);
    app.site.resetLog();
    const done = await callWithBudget('admin', payload, 0);
    if (!done.ok) throw new Error(done.error);
    expect(done.data.progress.complete).toBe(true);
    // Reading what the consumer stored took the improvement issues' search and nothing else: the
    // survey is the one the first call kept for this user (no id-only pages), and no issue export.
    const searches = app.site
      .requestLog()
      .filter(
        (r) =>
          r.endpoint === 'POST /rest/api/3/search/jql' ||
          r.endpoint === 'POST /rest/api/3/changelog/bulkfetch',
      );
    expect(searches.length).toBe(1);
    // Another user's call surveys the scope as that user: two id-only searches and the improvements.
    app.site.resetLog();
    const viewer = await callWithBudget('consultant', payload, 0);
    if (!viewer.ok) throw new Error(viewer.error);
    expect(app.site.requestLog().filter((r) => r.endpoint === 'POST /rest/api/3/search/jql').length).toBe(3);
    // A kept survey stands for SURVEY_KEEP_MS only: later, the same user's call surveys again.
    app.site.resetLog();
    const later = await callWithBudget('admin', payload, 0, Date.now() + SURVEY_KEEP_MS + 1000);
    if (!later.ok) throw new Error(later.error);
    expect(app.site.requestLog().filter((r) => r.endpoint === 'POST /rest/api/3/search/jql').length).toBe(3);
    expectSameNumbers(done.data, await runwayKpis('admin', done.data.jql));
  });

  it('recomputes an implementation whose issue changed (issue event) instead of showing its old numbers', async () => {
    const payload = { asOf: AS_OF, projects: ['ONB'] };
    const before = await data('consultant', payload);
    const impl = before.kpis.find((k) => k.id === 'csat')?.issuesJql?.match(/ONB-\d+/)?.[0];
    if (!impl) throw new Error('no implementation with CSAT');
    await app.forge.runtime.run({ moduleKey: 'runway-issue-events' }, () =>
      recordIssueChange({ issue: { key: impl } }, typedStore(), Date.now() + 1),
    );
    app.site.resetLog();
    await data('consultant', payload);
    const exported = app.site.requestLog().filter((r) => r.endpoint === 'POST /rest/api/3/search/jql');
    // the improvement issues and one batch for the changed implementation (the survey is kept)
    expect(exported.length).toBe(2);
  });

  it('opens the issues behind a number with a JQL link that finds exactly them', async () => {
    const report = await data('admin', { asOf: AS_OF, projects: ['IMP'] });
    const ttl = report.kpis.find((k) => k.id === 'time_to_live_days');
    if (!ttl?.issuesJql) throw new Error('no link');
    const found = await app.forge.runtime.run({ accountId: DEMO_USERS.admin.accountId }, async () =>
      jiraAsUser().searchAll({ jql: ttl.issuesJql ?? '', fields: ['key'] }),
    );
    expect(found.issues).toHaveLength(ttl.n);
    const milestones = report.kpis.find((k) => k.id === 'on_time_milestone_rate');
    expect(milestones?.issuesJql).toMatch(
      /^parent in \(IMP-\d+.*\) AND issuetype in \("Milestone"\) ORDER BY key$/,
    );
  });

  it('shows stakeholder confidence, active durations next to plain ones, and the improvement work of the whole scope', async () => {
    const report = await data('admin', { asOf: AS_OF, breakdown: 'tier' });
    const ids = report.kpis.map((k) => k.id);
    expect(ids.indexOf('active_time_to_live_days')).toBe(ids.indexOf('time_to_live_days') + 1);
    const tile = (id: string) => report.kpis.find((k) => k.id === id);
    expect(tile('stakeholder_confidence')).toMatchObject({
      value: expect.any(Number),
      target: { op: '>=', value: 4 },
    });
    const plain = tile('time_to_first_value_days');
    const active = tile('active_time_to_first_value_days');
    expect(active?.n).toBe(plain?.n);
    expect(active?.value).toBeLessThan(plain?.value ?? 0);
    expect(tile('active_time_to_live_days')?.p90).toEqual(expect.any(Number));
    // improvements need not belong to an implementation: the tile counts the scope's, and opens them
    const improvements = tile('improvement_throughput');
    expect(improvements).toMatchObject({ portfolioOnly: true, value: expect.any(Number) });
    expect(improvements?.value).toBeGreaterThan(0);
    expect(improvements?.trend.some((p) => p.value !== improvements.value)).toBe(true);
    const found = await app.forge.runtime.run({ accountId: DEMO_USERS.admin.accountId }, async () =>
      jiraAsUser().searchAll({ jql: improvements?.issuesJql ?? '', fields: ['labels', 'parent'] }),
    );
    expect(found.issues).toHaveLength(improvements?.n ?? -1);
    for (const issue of found.issues) expect(issue.fields?.labels).toContain('improvement');
    // a tier has no improvement throughput of its own
    for (const g of report.breakdown?.groups ?? [])
      expect(g.kpis.find((k) => k.id === 'improvement_throughput')).toMatchObject({ value: null, n: 0 });
  });

  it('breaks the portfolio down by tier or segment, and shows only the chosen KPIs', async () => {
    const report = await data('admin', {
      asOf: AS_OF,
      kpis: ['csat', 'time_to_live_days'],
      breakdown: 'tier',
    });
    expect(report.kpis.map((k) => k.id)).toEqual(['csat', 'time_to_live_days']);
    expect(report.breakdown?.by).toBe('tier');
    const groups = report.breakdown?.groups ?? [];
    expect(groups.map((g) => g.group)).toEqual(['Standard', 'Advanced', 'Enterprise']);
    expect(groups.reduce((n, g) => n + g.implementations, 0)).toBe(report.implementations);
    for (const g of groups) expect(g.kpis.map((k) => k.id)).toEqual(['csat', 'time_to_live_days']);
    const segments = await data('admin', { asOf: AS_OF, breakdown: 'segment' });
    expect(segments.breakdown?.groups.map((g) => g.group).sort()).toEqual([
      'Enterprise',
      'Mid-Market',
      'SMB',
    ]);
  });

  it('answers an empty scope with no implementations and no numbers, never zeros', async () => {
    const report = await data('admin', { asOf: AS_OF, jql: 'project = ONB AND labels = "no-such-label"' });
    expect(report.implementations).toBe(0);
    expect(report.progress).toEqual({ done: 0, total: 0, complete: true });
    for (const k of report.kpis) expect([k.value, k.n, k.issuesJql]).toEqual([null, 0, null]);
  });

  it('checks a configuration for the edit view: Jira’s own words for a bad JQL, the scope’s size for a good one', async () => {
    // Jira's words, with positions counted in the user's own query.
    expect(
      await call<CheckGadgetConfigResult>('consultant', { jql: 'project = = IMP' }, 'checkGadgetConfig'),
    ).toEqual({
      ok: false,
      error:
        "Error in the JQL Query: Expecting either a value, list or function but got '='. (line 1, character 11)",
    });
    expect(await call('consultant', { jql: 'project = IMP', kpis: [] }, 'checkGadgetConfig')).toEqual({
      ok: false,
      error: 'Invalid configuration: configuration.kpis: choose at least one KPI',
    });
    const good = await call<{ jql: string; implementations: number }>(
      'consultant',
      { projects: ['IMP'] },
      'checkGadgetConfig',
    );
    expect(good).toEqual({
      ok: true,
      data: { jql: 'project in (IMP)', implementations: expect.any(Number) },
    });
    expect(good.ok && good.data.implementations).toBeGreaterThan(0);
    const projects = await call<GadgetProjects>('viewer', {}, 'listProjects');
    expect(projects.ok && projects.data.map((p) => p.key).sort()).toEqual(['IMP', 'ONB', 'SUP', 'TEAM']);
  });

  it('passes a JQL error through as Jira worded it', async () => {
    expect(await call('consultant', { jql: 'project = = IMP' })).toEqual({
      ok: false,
      error: expect.stringContaining('Error in the JQL Query'),
    });
  });

  it.each([
    [{ asOf: '2026-02-30' }, 'payload.asOf: not a real calendar date'],
    [{ asOf: '30/06/2026' }, 'payload.asOf: expected a date YYYY-MM-DD'],
    [{ projects: 'IMP' }, 'payload.projects:'],
    [{ projects: ['imp'] }, 'payload.projects.0: expected a Jira project key such as IMP'],
    [{ jql: 'project = IMP', projects: ['IMP'] }, 'give either jql or projects, not both'],
    [{ kpis: ['happiness'] }, 'payload.kpis.0'],
    [{ breakdown: 'region' }, 'payload.breakdown'],
    [{ scope: 'everything' }, 'payload: unknown key scope'],
  ])('rejects the malformed payload %j with a clear error', async (payload, message) => {
    const answer = await call('admin', payload);
    expect(answer).toEqual({ ok: false, error: expect.stringContaining(message) });
    expect(answer.ok ? '' : answer.error).toMatch(/^Invalid request: /);
  });

  it('refreshes every scope in use each day through the queue', async () => {
    await data('viewer', { projects: ['IMP'] });
    const pushed: string[] = [];
    const n = await app.forge.runtime.run({ moduleKey: 'runway-daily-snapshot' }, () =>
      runDailySnapshots({
        store: typedStore(),
        today: AS_OF,
        now: Date.now(),
        enqueue: async (job) => void pushed.push(`${job.jql} @ ${job.asOf}`),
      }),
    );
    expect(n).toBe(1);
    expect(pushed).toEqual([`project in (IMP) @ ${AS_OF}`]);
    const stored = await app.forge.runtime.run({}, async () =>
      readImplementationSnapshots(typedStore(), 'x', AS_OF),
    );
    expect(stored.size).toBe(0);
  });
});
