// "Start from playbook" when retries of one request run at the same moment: the request's lease is
// a claim (src/storage/claim.ts), so of two calls taking over a lease that expired (a call that
// died mid-way), exactly one creates and the other is told to wait; nothing is created twice.
// The use case runs with in-memory ports: the local Jira (src/local/site) as the user and app
// storage on the host's storage service (the same FAIL_IF_EXISTS rules as Forge's).
import type { StartRequest } from '../../../src/contracts/implementations';
import { jiraAsUser } from '../../../src/app/forge';
import { loadLibrary, startImplementation, type StartDeps } from '../../../src/app/playbooks';
import { defaultConfig } from '../../../src/domain';
import { generatePortfolio, type Portfolio } from '../../../src/local/demo/generate';
import { HOST_USERS } from '../../../src/local/host/app';
import { LocalForge } from '../../../src/local/host/forge';
import { createSiteHandler } from '../../../src/local/site/handler';
import {
  readStartRecord,
  startClaimName,
  takeClaim,
  typedStore,
  type TypedStore,
} from '../../../src/storage';

const request: StartRequest = {
  templateId: 'implementation-plan',
  summary: 'Litware: regional rollout',
  tier: 'Standard',
  segment: 'SMB',
  kickoff: '2026-07-06',
  contractSigned: '2026-06-29',
};
/** What the plan creates at the Standard tier: 7 milestones, 6 gates and the starter work items. */
const EPIC_AND_CHILDREN = 1 + 7 + 6 + 7;

/** A store whose claim writes wait until `n` callers have reached one: they race for the same key. */
function racingClaims(store: TypedStore, n: number): TypedStore {
  let arrived = 0;
  let release: () => void = () => undefined;
  const allThere = new Promise<void>((resolve) => (release = resolve));
  return {
    ...store,
    async create(key, schema, value) {
      if (key.startsWith('claim:')) {
        arrived += 1;
        if (arrived === n) release();
        await allThere;
      }
      return store.create(key, schema, value);
    },
  };
}

describe('starting an implementation while another call holds, or held, its lease', () => {
  let forge: LocalForge;
  let portfolio: Portfolio;
  const consultant = HOST_USERS[1].accountId;

  beforeAll(async () => {
    portfolio = generatePortfolio({ seed: 1 });
    forge = await LocalForge.create({ site: createSiteHandler(portfolio.state), users: HOST_USERS });
  });
  afterAll(() => forge.close());

  const asConsultant = <T>(fn: () => Promise<T>) => forge.runtime.run({ accountId: consultant }, fn);
  const deps = (store: TypedStore): StartDeps => ({
    jira: jiraAsUser(),
    config: defaultConfig(),
    store,
    library: async () => (await loadLibrary(store)).library,
    accountId: consultant,
    now: () => new Date(),
  });
  const issues = () => portfolio.state.issues.length;

  it('lets exactly one of two concurrent takeovers of an expired lease create, once', async () => {
    const requestId = 'lease-takeover-0001';
    const name = startClaimName('IMP', requestId);
    // A call took the lease a minute ago and died before writing anything: the lease expired.
    await asConsultant(async () => {
      const dead = await takeClaim(typedStore(), name, {
        holder: 'dead',
        now: Date.now() - 60_000,
        ttlMs: 30_000,
      });
      expect(dead.ok).toBe(true);
    });
    const before = issues();

    const answers = await asConsultant(() => {
      const store = racingClaims(typedStore(), 2);
      const input = { project: 'IMP', requestId, request };
      return Promise.all([startImplementation(input, deps(store)), startImplementation(input, deps(store))]);
    });

    const created = answers.filter((a) => a.ok);
    const refused = answers.filter((a) => !a.ok);
    expect(created).toHaveLength(1);
    expect(refused).toEqual([
      {
        ok: false,
        error: 'This implementation is being created right now: wait a few seconds, then reload the page.',
      },
    ]);
    expect(created[0]).toMatchObject({ ok: true, data: { complete: true, resumed: false, failed: [] } });
    expect(issues() - before).toBe(EPIC_AND_CHILDREN);

    // The winner released the lease: the same request again answers at once with what exists.
    const again = await asConsultant(() =>
      startImplementation({ project: 'IMP', requestId, request }, deps(typedStore())),
    );
    expect(again).toMatchObject({ ok: true, data: { complete: true, resumed: true } });
    expect(issues() - before).toBe(EPIC_AND_CHILDREN);
  });

  it('refuses a retry while the lease is held, and resumes where the holder stopped once it is free', async () => {
    const requestId = 'lease-held-0001';
    const input = { project: 'IMP', requestId, request: { ...request, summary: 'Litware: second site' } };
    const before = issues();
    // The first call runs out of its time budget after a few children (each clock reading is 1 s).
    let clock = Date.now();
    const partial = await asConsultant(() =>
      startImplementation(input, {
        ...deps(typedStore()),
        now: () => new Date((clock += 1000)),
        budgetMs: 4000,
      }),
    );
    expect(partial).toMatchObject({ ok: true, data: { complete: false } });
    // Another call holds the lease now.
    const held = await asConsultant(() =>
      takeClaim(typedStore(), startClaimName('IMP', requestId), {
        holder: 'other',
        now: Date.now(),
        ttlMs: 30_000,
      }),
    );
    if (!held.ok) throw new Error('the lease should be free after the first call');
    expect(await asConsultant(() => startImplementation(input, deps(typedStore())))).toEqual({
      ok: false,
      error: 'This implementation is being created right now: wait a few seconds, then reload the page.',
    });
    await asConsultant(() => held.claim.release());
    const rest = await asConsultant(() => startImplementation(input, deps(typedStore())));
    expect(rest).toMatchObject({
      ok: true,
      data: { complete: true, resumed: true, failed: [], pending: [] },
    });
    expect(issues() - before).toBe(EPIC_AND_CHILDREN);
    const record = await asConsultant(() => readStartRecord(typedStore(), 'IMP', requestId));
    expect(Object.keys(record?.created ?? {})).toHaveLength(EPIC_AND_CHILDREN - 1);
  });
});
