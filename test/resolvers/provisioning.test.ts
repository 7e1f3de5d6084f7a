// Provisioning of Runway's issue types and custom fields on a site that has none of them: asked for
// from the Settings page by an admin (checked as the user) or by the install trigger, done by the
// `provisioning` queue's consumer as the app. Running it twice creates each item once.
import {
  SETTINGS_KEYS,
  type GetProvisioningResult,
  type GetSettingsResult,
  type ProvisionResult,
} from '../../src/contracts/settings';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { createBaseSite } from '../../src/local/demo/catalog';
import { createSiteHandler } from '../../src/local/site/handler';
import type { SiteState } from '../../src/local/site/model';
import { installTrigger, provisionOnInstall } from '../../src/triggers/install';
import { continueProvisioning } from '../../src/app/provisioning';
import { typedStore } from '../../src/storage';

const PAGE = 'runway-settings';
const RUNWAY_TYPES = ['Milestone', 'Risk', 'Assumption', 'Issue', 'Dependency', 'Change Request', 'Gate'];
const RUNWAY_FIELDS = [
  'Contract Signed',
  'Kickoff Date',
  'First Value Date',
  'Go-Live Date',
  'Complexity',
  'Segment',
  'CSAT',
  'Stakeholder Confidence',
  'Probability',
  'Impact',
  'Baseline Due',
  'Gate Type',
  'Integration Runs',
  'Failed Runs',
  'Records Expected',
  'Records Reconciled',
];

const count = (names: readonly string[], wanted: string) =>
  names.filter((n) => n.toLowerCase() === wanted.toLowerCase()).length;

describe('provisioning', () => {
  let forge: LocalForge;
  let state: SiteState;
  const provisionAs = async (as: string) =>
    (await forge.invoke({
      moduleKey: PAGE,
      functionKey: SETTINGS_KEYS.provision,
      payload: {},
      as,
    })) as ProvisionResult;
  /** What the page polls once the consumer is done. */
  const finished = async () => {
    await forge.queueIdle();
    const r = (await forge.invoke({
      moduleKey: PAGE,
      functionKey: SETTINGS_KEYS.getProvisioning,
      payload: {},
      as: 'admin',
    })) as GetProvisioningResult;
    if (!r.ok) throw new Error(r.error);
    if (r.data === null) throw new Error('no provisioning run');
    return r.data;
  };

  beforeEach(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined); // the consumer's log of each item
    state = createBaseSite({ provisioned: false });
    forge = await LocalForge.create({ site: createSiteHandler(state), users: HOST_USERS });
  });
  afterEach(() => {
    forge.close();
    jest.restoreAllMocks();
  });

  it('shows what is missing on a site without Runway’s issue types and fields', async () => {
    const r = (await forge.invoke({
      moduleKey: PAGE,
      functionKey: SETTINGS_KEYS.getSettings,
      payload: {},
      as: 'admin',
    })) as GetSettingsResult;
    if (!r.ok) throw new Error(r.error);
    const missing = r.data.provisioning?.filter((i) => i.status === 'missing').map((i) => i.name);
    expect(missing).toEqual([...RUNWAY_TYPES, ...RUNWAY_FIELDS]);
    expect(r.data.provisioning?.find((i) => i.key === 'defect')).toMatchObject({
      status: 'exists',
      name: 'Bug',
    });
  });

  it('queues the run, creates each missing issue type and field once, and nothing on a second run', async () => {
    const queued = await provisionAs('admin');
    if (!queued.ok) throw new Error(queued.error);
    expect([queued.data.state, queued.data.total]).toEqual(['queued', null]);
    const first = await finished();
    expect([first.state, first.created, first.failed, first.processed, first.total]).toEqual([
      'done',
      RUNWAY_TYPES.length + RUNWAY_FIELDS.length,
      0,
      23,
      23,
    ]);
    expect(first.summary).toBe('Created 23 of 23 missing items.');
    expect(first.items.find((i) => i.key === 'gateType')?.detail).toMatch(
      /^Created field Gate Type \(customfield_\d+\) with 6 options$/,
    );
    expect(forge.consumerErrors).toEqual([]);

    await provisionAs('admin');
    const second = await finished();
    expect([second.created, second.failed, second.summary]).toEqual([
      0,
      0,
      'Nothing to do: all 24 issue types and fields exist.',
    ]);

    const typeNames = state.issueTypes.map((t) => t.name);
    const fieldNames = state.fields.map((f) => f.name);
    for (const t of RUNWAY_TYPES) expect([t, count(typeNames, t)]).toEqual([t, 1]);
    for (const f of RUNWAY_FIELDS) expect([f, count(fieldNames, f)]).toEqual([f, 1]);
    const gateType = state.fields.find((f) => f.name === 'Gate Type');
    expect(gateType?.contexts?.[0].options.map((o) => o.value)).toEqual([
      'Design Sign-off',
      'Migration Readiness',
      'UAT Readiness',
      'Go-Live Readiness',
      'Handover',
      'Hypercare Exit',
    ]);
  });

  it('never duplicates when two administrators ask at once', async () => {
    const answers = await Promise.all([provisionAs('admin'), provisionAs('admin')]);
    for (const a of answers)
      expect(a).toEqual({ ok: true, data: expect.objectContaining({ state: 'queued' }) });
    const done = await finished();
    expect(done.created).toBe(RUNWAY_TYPES.length + RUNWAY_FIELDS.length);
    for (const t of RUNWAY_TYPES)
      expect([
        t,
        count(
          state.issueTypes.map((x) => x.name),
          t,
        ),
      ]).toEqual([t, 1]);
    for (const f of RUNWAY_FIELDS)
      expect([
        f,
        count(
          state.fields.map((x) => x.name),
          f,
        ),
      ]).toEqual([f, 1]);
    expect(forge.consumerErrors).toEqual([]);
  });

  it('refuses a user who is not a Jira administrator, creating nothing', async () => {
    const before = [state.issueTypes.length, state.fields.length];
    expect(await provisionAs('consultant')).toEqual({
      ok: false,
      error: 'Only Jira administrators can create issue types and fields.',
    });
    await forge.queueIdle();
    expect([state.issueTypes.length, state.fields.length]).toEqual(before);
  });

  it('runs from the install trigger through the queue as the app, and again on upgrade without creating anything twice', async () => {
    const console = jest.spyOn(globalThis.console, 'log').mockImplementation(() => undefined);
    await forge.runtime.run({ moduleKey: 'runway-install' }, () =>
      installTrigger({ eventType: 'avi:forge:installed:app' }, {}),
    );
    await forge.queueIdle();
    expect(console).toHaveBeenCalledWith(
      'Runway provisioning: Provisioning is queued and starts in a moment.',
    );
    expect(console).toHaveBeenCalledWith('Runway provisioning: Created 23 of 23 missing items.');
    console.mockRestore();
    for (const t of RUNWAY_TYPES)
      expect([
        t,
        count(
          state.issueTypes.map((x) => x.name),
          t,
        ),
      ]).toEqual([t, 1]);
    const log: string[] = [];
    const again = await forge.runtime.run({ moduleKey: 'runway-install' }, () =>
      provisionOnInstall({ store: typedStore(), now: () => new Date(), log: (m) => log.push(m) }),
    );
    expect(again?.state).toBe('queued');
    expect((await finished()).summary).toBe('Nothing to do: all 24 issue types and fields exist.');
    expect(log).toEqual(['Runway provisioning: Provisioning is queued and starts in a moment.']);
  });

  it('records why it did not run when Jira refuses the app, and leaves the site as it was', async () => {
    const before = [state.issueTypes.length, state.fields.length];
    const refuse = async () => ({
      status: 403,
      headers: { get: () => null },
      text: async () => JSON.stringify({ errorMessages: ['The app is not allowed to do this.'] }),
    });
    const progress = await forge.runtime.run({ moduleKey: 'runway-install' }, () =>
      provisionOnInstall({
        store: typedStore(),
        now: () => new Date(),
        log: () => undefined,
        enqueue: ({ runId }) =>
          continueProvisioning({ jiraFetch: refuse, store: typedStore(), now: () => new Date() }, runId).then(
            () => undefined,
          ),
      }),
    );
    expect(progress?.state).toBe('queued');
    const ended = await finished();
    expect([ended.state, ended.created]).toEqual(['done', 0]);
    expect(ended.summary).toMatch(/^Provisioning could not run: .*The app is not allowed to do this\./);
    expect([state.issueTypes.length, state.fields.length]).toEqual(before);
  });
});
