// The Settings admin page's resolver on the local host: reading, saving (admins only, validated,
// refused settings leave the stored ones unchanged).
import {
  SETTINGS_KEYS,
  type GetSettingsResult,
  type GroupSearchResult,
  type SaveSettingsResult,
  type UserSearchResult,
  type SettingsView,
} from '../../src/contracts/settings';
import { defaultConfig } from '../../src/domain';
import { demoSite, HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { createSiteHandler } from '../../src/local/site/handler';
import { readConfig, typedStore } from '../../src/storage';

const PAGE = 'runway-settings';

describe('Settings resolver', () => {
  let forge: LocalForge;
  const call = (as: string, functionKey: string, payload: unknown) =>
    forge.invoke({ moduleKey: PAGE, functionKey, payload, as });
  const view = async (as = 'admin'): Promise<SettingsView> => {
    const r = (await call(as, SETTINGS_KEYS.getSettings, {})) as GetSettingsResult;
    if (!r.ok) throw new Error(r.error);
    return r.data;
  };
  const save = async (as: string, settings: unknown) =>
    (await call(as, SETTINGS_KEYS.saveSettings, { settings })) as SaveSettingsResult;

  beforeAll(async () => {
    forge = await LocalForge.create({ site: createSiteHandler(demoSite(1)), users: HOST_USERS });
  });
  afterAll(() => forge.close());

  it('shows the defaults before anything is saved, and which Runway issue types and fields exist', async () => {
    const v = await view();
    expect(v.settings).toEqual(defaultConfig());
    expect(v.defaults).toEqual(defaultConfig());
    expect(v.canEdit).toBe(true);
    expect(
      v.provisioning?.filter((i) => i.kind === 'issueType').map((i) => [i.key, i.name, i.status]),
    ).toEqual([
      ['milestone', 'Milestone', 'exists'],
      ['risk', 'Risk', 'exists'],
      ['assumption', 'Assumption', 'exists'],
      ['issue', 'Issue', 'exists'],
      ['dependency', 'Dependency', 'exists'],
      ['changeRequest', 'Change Request', 'exists'],
      ['gate', 'Gate', 'exists'],
      ['defect', 'Bug', 'exists'],
    ]);
    expect(v.provisioning?.filter((i) => i.kind === 'field')).toHaveLength(16);
  });

  it('saves valid settings — mappings, KPI targets per tier, gate approvers — and reads them back', async () => {
    const settings = {
      ...defaultConfig(),
      labels: { ...defaultConfig().labels, uat: 'acceptance' },
      targets: {
        ...defaultConfig().targets,
        csat: { op: '>=', value: { Standard: 4.2, Advanced: 4.4, Enterprise: 4.6 } },
      },
      gates: defaultConfig().gates.map((g) =>
        g.id === 'goLiveReadiness'
          ? {
              ...g,
              approvers: { users: [HOST_USERS[1].accountId], groups: ['implementation-leads'] },
              requiredApprovals: 2,
            }
          : g,
      ),
    };
    const r = await save('admin', settings);
    expect(r).toEqual({ ok: true, data: { saved: true, settings } });
    expect(await readConfig(typedStore())).toEqual(settings);
    expect((await view()).settings.targets.csat).toEqual({
      op: '>=',
      value: { Standard: 4.2, Advanced: 4.4, Enterprise: 4.6 },
    });
  });

  it('refuses invalid settings with each reason next to its field, and keeps the stored settings as they were', async () => {
    const stored = await readConfig(typedStore());
    const bad = {
      ...stored,
      milestoneToleranceDays: -2,
      labels: { ...stored.labels, qa: 'qa' },
      gates: [
        ...stored.gates,
        { id: 'securityReview', criteria: [{ kind: 'gatesPassed', gates: ['handover', 'nope'] }] },
      ],
      enforcement: [{ status: 'Live', requiredGates: ['golive'] }],
    };
    const r = await save('admin', bad);
    expect(r.ok).toBe(true);
    if (!r.ok || r.data.saved) throw new Error('expected a refusal');
    expect(r.data.errors).toEqual([
      { path: 'labels.qa', message: 'unknown setting "qa"' },
      { path: 'milestoneToleranceDays', message: expect.stringContaining('from 0 to 365') },
      { path: 'gates.6.name', message: 'gate "securityReview" is not built in, so it needs a name' },
      { path: 'gates.6.criteria.0.gates.1', message: 'earlier gates only: there is no gate "nope"' },
      { path: 'enforcement.0.requiredGates.0', message: 'there is no gate "golive"' },
    ]);
    expect(r.data.reason).toMatch(
      /^Settings not saved: labels\.qa: unknown setting "qa"; milestoneToleranceDays: /,
    );
    expect(await readConfig(typedStore())).toEqual(stored);
  });

  it('lets only Jira administrators save: others see the page read-only and change nothing', async () => {
    const stored = await readConfig(typedStore());
    expect((await view('consultant')).canEdit).toBe(false);
    expect(await save('consultant', defaultConfig())).toEqual({
      ok: false,
      error: 'Only Jira administrators can change Runway settings.',
    });
    expect(await readConfig(typedStore())).toEqual(stored);
  });

  it('names the configured approvers and lists the site’s fields, so the page shows names, never ids', async () => {
    const v = await view();
    expect(v.people.map((p) => [p.accountId, p.displayName])).toEqual([
      [HOST_USERS[1].accountId, HOST_USERS[1].displayName],
    ]);
    expect(v.siteFieldsError).toBeNull();
    const firstValue = v.siteFields?.find((f) => f.name === 'First Value Date');
    expect(firstValue).toEqual({
      id: expect.stringMatching(/^customfield_/),
      name: 'First Value Date',
      custom: true,
    });
    expect(v.siteFields?.find((f) => f.id === 'summary')).toEqual({
      id: 'summary',
      name: 'Summary',
      custom: false,
    });
  });

  it('searches Jira’s people (not apps) and groups as the admin, for the approver pickers', async () => {
    const people = (await call('admin', SETTINGS_KEYS.searchUsers, {
      query: HOST_USERS[1].displayName.split(' ')[0],
    })) as UserSearchResult;
    if (!people.ok) throw new Error(people.error);
    expect(people.data.users.map((u) => u.accountId)).toContain(HOST_USERS[1].accountId);
    // The app's own account (an `app` account named Runway) is no approver.
    expect(await call('admin', SETTINGS_KEYS.searchUsers, { query: 'Runway' })).toEqual({
      ok: true,
      data: { users: [] },
    });
    const groups = (await call('admin', SETTINGS_KEYS.searchGroups, { query: 'LEADS' })) as GroupSearchResult;
    expect(groups).toEqual({
      ok: true,
      data: { groups: [{ name: 'implementation-leads', groupId: expect.any(String) }] },
    });
    expect(await call('admin', SETTINGS_KEYS.searchUsers, { query: ' ' })).toEqual({
      ok: false,
      error: expect.stringContaining('payload.query'),
    });
  });

  it.each([
    [{ settings: 'everything' }, 'payload.settings:'],
    [{}, 'payload.settings:'],
    [{ settings: {}, force: true }, 'payload: unknown key force'],
  ])('rejects the malformed payload %j', async (payload, message) => {
    expect(await call('admin', SETTINGS_KEYS.saveSettings, payload)).toEqual({
      ok: false,
      error: expect.stringContaining(message),
    });
  });
});
