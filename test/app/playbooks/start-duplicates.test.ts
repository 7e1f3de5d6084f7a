// "Start from playbook" for the same implementation from several requests at once (a double click
// in two tabs, a retry with a fresh dialog): each has its own requestId, so the request lease does
// not stop them; the implementation name's claim does. The site answers every call 20 ms late, so
// the requests overlap between the duplicate check and the create as they would on a real site.
import type { StartOutcome, StartRequest } from '../../../src/contracts/implementations';
import type { ResolverResult } from '../../../src/contracts/result';
import { jiraAsUser } from '../../../src/app/forge';
import { loadLibrary, startImplementation, type StartDeps } from '../../../src/app/playbooks';
import { defaultConfig } from '../../../src/domain';
import { generatePortfolio, type Portfolio } from '../../../src/local/demo/generate';
import { HOST_USERS } from '../../../src/local/host/app';
import { LocalForge } from '../../../src/local/host/forge';
import { createSiteHandler } from '../../../src/local/site/handler';
import { typedStore } from '../../../src/storage';

const request: StartRequest = {
  templateId: 'implementation-plan',
  summary: 'Tailspin Toys: EMEA rollout',
  tier: 'Standard',
  segment: 'SMB',
  kickoff: '2026-07-06',
  contractSigned: '2026-06-29',
};
/** What the plan creates at the Standard tier: 7 milestones, 6 gates and the starter work items. */
const CHILDREN = 7 + 6 + 7;

describe('starting the same implementation from ten requests at once (20 ms site latency)', () => {
  let forge: LocalForge;
  let portfolio: Portfolio;
  const consultant = HOST_USERS[1].accountId;

  beforeAll(async () => {
    portfolio = generatePortfolio({ seed: 1 });
    forge = await LocalForge.create({
      site: createSiteHandler(portfolio.state, { faults: { latencyMs: 20 } }),
      users: HOST_USERS,
    });
  });
  afterAll(() => forge.close());

  const start = (requestId: string, summary = request.summary) =>
    forge.runtime.run({ accountId: consultant }, () => {
      const store = typedStore();
      const deps: StartDeps = {
        jira: jiraAsUser(),
        config: defaultConfig(),
        store,
        library: async () => (await loadLibrary(store)).library,
        accountId: consultant,
        now: () => new Date(),
      };
      return startImplementation({ project: 'IMP', requestId, request: { ...request, summary } }, deps);
    });
  const named = (summary: string) =>
    portfolio.state.issues.filter((i) => i.summary === summary).map((i) => i.key);
  const childrenOf = (key: string) => {
    const epic = portfolio.state.issues.find((i) => i.key === key);
    return portfolio.state.issues.filter((i) => epic !== undefined && i.parentId === epic.id);
  };
  const ok = (answer: ResolverResult<StartOutcome>): StartOutcome => {
    if (!answer.ok) throw new Error(`expected the implementation, got: ${answer.error}`);
    return answer.data;
  };

  it('creates one epic and one set of children, and every request answers with that epic', async () => {
    const before = portfolio.state.issues.length;
    const ids = Array.from({ length: 10 }, (_, i) => `same-name-${String(i).padStart(4, '0')}`);

    const answers = (await Promise.all(ids.map((id) => start(id)))).map(ok);

    const epics = named(request.summary);
    expect(epics).toHaveLength(1);
    expect(childrenOf(epics[0])).toHaveLength(CHILDREN);
    expect(portfolio.state.issues.length - before).toBe(1 + CHILDREN);
    expect(new Set(answers.map((a) => a.epic.key))).toEqual(new Set(epics));
    for (const answer of answers) expect(answer).toMatchObject({ complete: true, failed: [], pending: [] });
    // Every request answers with the same children, the ones the winner created.
    expect(new Set(answers.map((a) => JSON.stringify(a.created))).size).toBe(1);
    expect(answers.filter((a) => !a.resumed)).toHaveLength(1);
  });

  it('treats names differing only in case and spacing as the same implementation', async () => {
    const before = portfolio.state.issues.length;
    const answers = await Promise.all([
      start('spacing-0001', 'Wingtip Toys: APAC rollout'),
      start('spacing-0002', '  wingtip toys:   APAC ROLLOUT '),
    ]);
    const created = answers.filter((a) => a.ok);
    expect(created).toHaveLength(1);
    const epicKey = ok(created[0]).epic.key;
    // The other asked for another summary: it is told which implementation has this name.
    expect(answers.filter((a) => !a.ok)).toEqual([
      { ok: false, error: `${epicKey} in IMP already has this summary: open it, or choose another name.` },
    ]);
    expect(portfolio.state.issues.length - before).toBe(1 + CHILDREN);
  });

  it('still refuses a later request for a name that exists, once the first start is over', async () => {
    const first = ok(await start('later-0001', 'Adventure Works: pilot'));
    const before = portfolio.state.issues.length;
    expect(await start('later-0002', 'Adventure Works: pilot')).toEqual({
      ok: false,
      error: `${first.epic.key} in IMP already has this summary: open it, or choose another name.`,
    });
    expect(portfolio.state.issues.length).toBe(before);
  });
});
