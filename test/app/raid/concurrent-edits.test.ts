// Two people editing the same RAID item at the same moment (20 ms site latency, so their reads and
// writes interleave): each in-place edit writes only its own field, so edits of different fields
// all apply, and nobody's edit is lost silently. The use case runs with the local Jira as each user.
import { jiraAsUser } from '../../../src/app/forge';
import { todayUtc } from '../../../src/app/ports';
import { createRaidItem, getRaidLog, updateRaidItem, type RaidDeps } from '../../../src/app/raid';
import type { RaidItem } from '../../../src/contracts/raid-log';
import type { ResolverResult } from '../../../src/contracts/result';
import { defaultConfig } from '../../../src/domain';
import { DEMO_USERS } from '../../../src/local/demo/catalog';
import { generatePortfolio, type Portfolio } from '../../../src/local/demo/generate';
import { HOST_USERS } from '../../../src/local/host/app';
import { LocalForge } from '../../../src/local/host/forge';
import { createSiteHandler } from '../../../src/local/site/handler';

describe('concurrent edits of one RAID item (20 ms site latency)', () => {
  let forge: LocalForge;
  let portfolio: Portfolio;

  beforeAll(async () => {
    portfolio = generatePortfolio({ seed: 1 });
    forge = await LocalForge.create({
      site: createSiteHandler(portfolio.state, { faults: { latencyMs: 20 } }),
      users: HOST_USERS,
    });
  });
  afterAll(() => forge.close());

  const as = <T>(who: 'admin' | 'consultant', fn: (deps: RaidDeps) => Promise<T>) =>
    forge.runtime.run({ accountId: DEMO_USERS[who].accountId }, () =>
      fn({ jira: jiraAsUser(), config: defaultConfig(), today: todayUtc() }),
    );
  const ok = <T>(answer: ResolverResult<T>): T => {
    if (!answer.ok) throw new Error(`expected success, got: ${answer.error}`);
    return answer.data;
  };

  it('applies every edit when two people change different fields of the same item at once', async () => {
    const impl = portfolio.implementations.find((i) => i.project === 'IMP')?.key ?? '';
    const risk: RaidItem = ok(
      await as('consultant', (deps) =>
        createRaidItem(
          impl,
          { kind: 'risk', summary: 'Cut-over window too short', probability: 1, impact: 1 },
          deps,
        ),
      ),
    );

    const answers = await Promise.all([
      as('consultant', (deps) =>
        updateRaidItem(impl, { key: risk.key, field: 'probability', value: 4 }, deps),
      ),
      as('admin', (deps) => updateRaidItem(impl, { key: risk.key, field: 'impact', value: 5 }, deps)),
      as('admin', (deps) =>
        updateRaidItem(impl, { key: risk.key, field: 'dueDate', value: '2027-01-15' }, deps),
      ),
      as('consultant', (deps) =>
        updateRaidItem(impl, { key: risk.key, field: 'owner', value: DEMO_USERS.consultant.accountId }, deps),
      ),
    ]);

    // Every edit answers with the item as Jira holds it after that edit: its own change is there.
    const [probability, impact, due, owner] = answers.map(ok);
    expect(probability.probability).toBe(4);
    expect(impact.impact).toBe(5);
    expect(due.dueDate).toBe('2027-01-15');
    expect(owner.owner?.accountId).toBe(DEMO_USERS.consultant.accountId);
    // And the item as anyone reads it now has all four.
    const now = ok(await as('admin', (deps) => getRaidLog(impl, deps))).items.find((i) => i.key === risk.key);
    expect(now).toMatchObject({
      probability: 4,
      impact: 5,
      score: 20,
      dueDate: '2027-01-15',
      owner: { accountId: DEMO_USERS.consultant.accountId },
    });
  });
});
