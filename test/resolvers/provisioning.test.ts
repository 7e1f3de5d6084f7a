// Provisioning of Runway's issue types and custom fields on a site that has none of them: from the
// Settings page as an admin (asUser) and from the install trigger (asApp). Running it twice
// creates each item once.
import { SETTINGS_KEYS, type GetSettingsResult, type ProvisionResult } from '../../src/contracts/settings';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { createBaseSite } from '../../src/local/demo/catalog';
import { createSiteHandler } from '../../src/local/site/handler';
import type { SiteState } from '../../src/local/site/model';
import { installTrigger, provisionOnInstall } from '../../src/triggers/install';
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

  beforeEach(async () => {
    state = createBaseSite({ provisioned: false });
    forge = await LocalForge.create({ site: createSiteHandler(state), users: HOST_USERS });
  });
  afterEach(() => forge.close());

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

  it('creates each missing issue type and field once as the admin, and nothing on a second run', async () => {
    const first = await provisionAs('admin');
    if (!first.ok) throw new Error(first.error);
    expect(first.data.created).toBe(RUNWAY_TYPES.length + RUNWAY_FIELDS.length);
    expect(first.data.failed).toBe(0);
    expect(first.data.summary).toBe('Created 23 of 23 missing items.');
    expect(first.data.items.find((i) => i.key === 'gateType')?.detail).toMatch(
      /^Created field Gate Type \(customfield_\d+\) with 6 options$/,
    );

    const second = await provisionAs('admin');
    if (!second.ok) throw new Error(second.error);
    expect([second.data.created, second.data.failed, second.data.summary]).toEqual([
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

  it('never duplicates when two runs start at once', async () => {
    const answers = await Promise.all([provisionAs('admin'), provisionAs('admin')]);
    const created = answers.reduce((n, a) => n + (a.ok ? a.data.created : 0), 0);
    expect(created).toBe(RUNWAY_TYPES.length + RUNWAY_FIELDS.length);
    for (const t of RUNWAY_TYPES)
      expect(
        count(
          state.issueTypes.map((x) => x.name),
          t,
        ),
      ).toBe(1);
    for (const f of RUNWAY_FIELDS)
      expect(
        count(
          state.fields.map((x) => x.name),
          f,
        ),
      ).toBe(1);
    const refused = answers.filter((a) => !a.ok);
    for (const a of refused)
      expect(a).toEqual({ ok: false, error: expect.stringContaining('Provisioning is already running') });
  });

  it('refuses a user who is not a Jira administrator, creating nothing', async () => {
    const before = [state.issueTypes.length, state.fields.length];
    expect(await provisionAs('consultant')).toEqual({
      ok: false,
      error: 'Only Jira administrators can create issue types and fields.',
    });
    expect([state.issueTypes.length, state.fields.length]).toEqual(before);
  });

  it('runs from the install trigger as the app, and again on upgrade without creating anything twice', async () => {
    const console = jest.spyOn(globalThis.console, 'log').mockImplementation(() => undefined);
    await installTrigger({ eventType: 'avi:forge:installed:app' }, {});
    expect(console).toHaveBeenCalledWith('Runway provisioning: Created 23 of 23 missing items.');
    console.mockRestore();
    expect(
      RUNWAY_TYPES.every(
        (t) =>
          count(
            state.issueTypes.map((x) => x.name),
            t,
          ) === 1,
      ),
    ).toBe(true);
    const log: string[] = [];
    const again = await provisionOnInstall({
      jiraFetch: async (path, init = {}) => {
        const a = await forge.site.handle({
          method: init.method ?? 'GET',
          path,
          body: init.body ?? null,
          accountId: 'app',
        });
        return {
          status: a.status,
          headers: { get: (n: string) => a.headers[n.toLowerCase()] ?? null },
          text: async () => a.body,
        };
      },
      store: typedStore(),
      now: () => new Date(),
      log: (m) => log.push(m),
    });
    expect(again?.created).toBe(0);
    expect(log).toEqual(['Runway provisioning: Nothing to do: all 24 issue types and fields exist.']);
  });

  it('logs why it did not run when Jira refuses the app, and leaves the site as it was', async () => {
    const log: string[] = [];
    const before = [state.issueTypes.length, state.fields.length];
    const report = await provisionOnInstall({
      jiraFetch: async () => ({
        status: 403,
        headers: { get: () => null },
        text: async () => JSON.stringify({ errorMessages: ['The app is not allowed to do this.'] }),
      }),
      store: typedStore(),
      now: () => new Date(),
      log: (m) => log.push(m),
    });
    expect(report).toBeNull();
    expect(log[0]).toMatch(
      /^Runway provisioning did not run: .*The app is not allowed to do this\..*A Jira administrator can run it from Runway settings\.$/,
    );
    expect([state.issueTypes.length, state.fields.length]).toEqual(before);
  });
});
