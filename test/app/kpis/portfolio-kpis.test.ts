// The portfolio KPI gadget's use case with in-memory ports: a scope too large for one call's time
// budget answers with what is ready, queues the rest once, and the background job finishes it.
import { jiraAsApp, jiraAsUser } from '../../../src/app/forge';
import {
  checkGadgetConfig,
  getPortfolioKpis,
  runSnapshotJob,
  type GadgetDeps,
  type SnapshotJobEvent,
} from '../../../src/app/kpis';
import { GetPortfolioKpisPayload } from '../../../src/contracts/kpi-gadget';
import { defaultConfig } from '../../../src/domain';
import { DEFAULT_AS_OF } from '../../../src/local/demo/generate';
import { typedStore } from '../../../src/storage';
import { inMemorySite } from '../support/site';

const scope = GetPortfolioKpisPayload.parse({ asOf: DEFAULT_AS_OF, projects: ['IMP', 'ONB'] });

describe('portfolio KPIs of a scope', () => {
  const site = inMemorySite();
  const queued: SnapshotJobEvent[] = [];

  const deps = (over: Partial<GadgetDeps> = {}): GadgetDeps => ({
    jira: jiraAsUser(),
    store: typedStore(),
    config: defaultConfig(),
    today: DEFAULT_AS_OF,
    now: () => new Date(),
    accountId: site.accountId('admin'),
    budgetMs: 0,
    enqueue: async (job) => void queued.push(job),
    ...over,
  });
  const kpis = () => site.as('admin', () => getPortfolioKpis(scope, deps()));
  const progress = async () => {
    const answer = await kpis();
    if (!answer.ok) throw new Error(answer.error);
    return answer.data.progress;
  };

  it('answers with a first small batch when the budget is spent, and queues the rest once', async () => {
    const first = await progress();
    expect(first).toMatchObject({ done: 5, complete: false });
    expect(first.total).toBeGreaterThan(5);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ asOf: DEFAULT_AS_OF, jql: expect.stringContaining('IMP') });

    // While the job is queued (and not stalled), views compute nothing more and queue nothing more.
    expect(await progress()).toEqual(first);
    expect(queued).toHaveLength(1);
  });

  it('is complete once the background job, as the app, has computed the rest', async () => {
    const job = queued[0];
    const ran = await site.asApp(async () =>
      runSnapshotJob(job, {
        jira: jiraAsApp(),
        store: typedStore(),
        config: defaultConfig(),
        now: () => new Date(),
        deadline: Date.now() + 900_000,
        enqueue: async () => undefined,
      }),
    );
    expect(ran).toBe('done');
    const after = await progress();
    expect(after).toEqual({ done: after.total, total: after.total, complete: true });
  });

  it('computes nothing in a call whose survey and reads already took 12 s: it answers and queues instead', async () => {
    const other = GetPortfolioKpisPayload.parse({ asOf: DEFAULT_AS_OF, projects: ['ENT'] });
    const start = Date.now();
    let calls = 0;
    // The first clock reading is the call's start; every later one is 13 s on.
    const slowClock = () => new Date(calls++ === 0 ? start : start + 13_000);
    const answer = await site.as('admin', () => getPortfolioKpis(other, deps({ now: slowClock })));
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.data.progress).toMatchObject({ done: 0, complete: false });
    expect(answer.data.progress.total).toBeGreaterThan(0);
    expect(queued.some((j) => j.jql.includes('ENT'))).toBe(true);
  });

  it('works one budget per event and queues the rest with the keys still missing: continuations do not survey again', async () => {
    const job = queued.find((j) => j.jql.includes('ENT'));
    if (!job) throw new Error('no ENT job queued');
    let tick = Date.now();
    const chain: SnapshotJobEvent[] = [job];
    const outcomes: string[] = [];
    for (let i = 0; i < chain.length && i < 50; i++) {
      const event = chain[i];
      outcomes.push(
        await site.asApp(async () =>
          runSnapshotJob(event, {
            jira: jiraAsApp(),
            store: typedStore(),
            config: defaultConfig(),
            now: () => new Date((tick += 10)), // 10 ms a reading: every batch "takes" time
            deadline: Date.now() + 900_000,
            enqueue: async (next) => void chain.push(next),
            eventBudgetMs: 1, // one batch per event
          }),
        ),
      );
    }
    expect(outcomes[outcomes.length - 1]).toBe('done');
    expect(outcomes.slice(0, -1).every((o) => o === 'continued')).toBe(true);
    expect(chain.length).toBeGreaterThan(1);
    // Every continuation says what is left, as ranges of issue keys (src/domain/trends/key-ranges).
    const left = chain.slice(1).map((e) => Object.values(e.remaining ?? {}).join(','));
    expect(left.every((l) => l.length > 0)).toBe(true);
    const ent = GetPortfolioKpisPayload.parse({ asOf: DEFAULT_AS_OF, projects: ['ENT'] });
    const answer = await site.as('admin', () => getPortfolioKpis(ent, deps()));
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.data.progress).toEqual({
      done: answer.data.progress.total,
      total: answer.data.progress.total,
      complete: true,
    });
  });

  it('checks a gadget configuration against Jira without saving anything', async () => {
    expect(await site.as('admin', () => checkGadgetConfig(scope, deps()))).toEqual({
      ok: true,
      data: { jql: expect.stringContaining('IMP'), implementations: expect.any(Number) },
    });
    const bad = GetPortfolioKpisPayload.parse({ jql: 'project = ' });
    expect(await site.as('admin', () => checkGadgetConfig(bad, deps()))).toEqual({
      ok: false,
      error: expect.stringContaining('Error in the JQL Query: Expecting either a value, list or function'),
    });
  });
});
