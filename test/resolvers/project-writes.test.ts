// Every write on a project that is not set up for Runway (SUP: company-managed, without Runway's
// issue types or fields; TEAM: team-managed) reads a clear message and creates nothing, as a real
// site would refuse those writes with 400. The types come from the project's createmeta, never
// from the site-wide list.
import type { StartPreview } from '../../src/contracts/implementations';
import type { ResolverResult } from '../../src/contracts/result';
import { DEMO_USERS } from '../../src/local/demo/catalog';
import { generatePortfolio } from '../../src/local/demo/generate';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { createSiteHandler } from '../../src/local/site/handler';
import type { SiteState } from '../../src/local/site/model';

const START = {
  templateId: 'implementation-plan',
  summary: 'Acme: rollout',
  tier: 'Standard',
  segment: 'SMB',
  kickoff: '2026-07-06',
  contractSigned: '2026-06-29',
};

describe('writes on projects without Runway’s configuration', () => {
  let forge: LocalForge;
  let state: SiteState;
  let supEpic: string;

  const context = (project: string, issueKey?: string) => {
    const p = state.projects.find((x) => x.key === project);
    const issue = state.issues.find((i) => i.key === issueKey);
    return {
      project: { id: p?.id ?? '', key: project, type: 'software' },
      ...(issue ? { issue: { id: issue.id, key: issue.key, type: 'Epic', typeId: issue.issueTypeId } } : {}),
    };
  };
  const invoke = async <T>(moduleKey: string, functionKey: string, payload: unknown, ctx: object) =>
    (await forge.invoke({
      moduleKey,
      functionKey,
      payload,
      as: 'consultant',
      context: ctx,
    })) as ResolverResult<T>;

  beforeAll(async () => {
    state = generatePortfolio({ seed: 1, implementations: 6 }).state;
    forge = await LocalForge.create({ site: createSiteHandler(state), users: HOST_USERS });
    // An implementation in SUP: an Epic (SUP has that type) with the implementation label.
    const reply = await forge.site.handle({
      method: 'POST',
      path: '/rest/api/3/issue',
      accountId: DEMO_USERS.admin.accountId,
      body: JSON.stringify({
        fields: {
          project: { key: 'SUP' },
          issuetype: { name: 'Epic' },
          summary: 'Support Co: onboarding',
          labels: ['implementation'],
        },
      }),
    });
    supEpic = (JSON.parse(reply.body) as { key: string }).key;
  });
  afterAll(() => forge.close());

  it('RAID: says the type is not in the project and how to fix it, and creates nothing', async () => {
    const before = state.issues.length;
    const r = await invoke(
      'runway-raid-log',
      'createRaidItem',
      { kind: 'risk', summary: 'Data late', probability: 3 },
      context('SUP', supEpic),
    );
    expect(r).toEqual({
      ok: false,
      error:
        'Risk is not an issue type of project SUP: a Jira admin can add it in Runway settings → Projects.',
    });
    expect(state.issues.length).toBe(before);
  });

  it('RAID: with Risk in the project but not its fields, says which field is off the screen (create and inline edit)', async () => {
    const risk = state.issueTypes.find((t) => t.name === 'Risk' && t.scopeProjectId === undefined);
    const scheme = state.schemes.issueTypeSchemes.find((x) => x.name === 'SUP: Issue Type Scheme');
    const put = await forge.site.handle({
      method: 'PUT',
      path: `/rest/api/3/issuetypescheme/${scheme?.id}/issuetype`,
      accountId: DEMO_USERS.admin.accountId,
      body: JSON.stringify({ issueTypeIds: [risk?.id] }),
    });
    expect(put.status).toBe(204);
    const ctx = context('SUP', supEpic);
    const before = state.issues.length;
    const refused = await invoke(
      'runway-raid-log',
      'createRaidItem',
      { kind: 'risk', summary: 'Data late', probability: 3 },
      ctx,
    );
    expect(refused).toEqual({
      ok: false,
      error:
        'Probability is not on the Risk screen of project SUP: a Jira admin can add it in Runway settings → Projects.',
    });
    expect(state.issues.length).toBe(before);
    const plain = await invoke<{ key: string }>(
      'runway-raid-log',
      'createRaidItem',
      { kind: 'risk', summary: 'Data late' },
      ctx,
    );
    if (!plain.ok) throw new Error(plain.error);
    const edit = await invoke(
      'runway-raid-log',
      'updateRaidItem',
      { key: plain.data.key, field: 'impact', value: 4 },
      ctx,
    );
    expect(edit).toEqual({
      ok: false,
      error:
        'Impact is not on the Risk screen of project SUP: a Jira admin can add it in Runway settings → Projects.',
    });
  });

  it('start from playbook: checks every type and field first, names each problem, and creates nothing', async () => {
    const before = state.issues.length;
    const preview = await invoke<StartPreview>(
      'runway-implementations',
      'previewStart',
      START,
      context('SUP'),
    );
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.data.problems).toEqual(
      expect.arrayContaining([
        'Milestone is not an issue type of project SUP: a Jira admin can add it in Runway settings → Projects.',
        'Gate is not an issue type of project SUP: a Jira admin can add it in Runway settings → Projects.',
      ]),
    );
    expect(preview.data.problems.filter((p) => / are not on the Epic screen of project SUP/.test(p))).toEqual(
      [
        'Kickoff Date, Complexity, Segment and Contract Signed are not on the Epic screen of project SUP: a Jira admin can add them in Runway settings → Projects.',
      ],
    );
    const started = await invoke(
      'runway-implementations',
      'startImplementation',
      { ...START, requestId: 'sup-start-0001' },
      context('SUP'),
    );
    expect(started.ok).toBe(false);
    if (!started.ok) expect(started.error).toContain('Milestone is not an issue type of project SUP');
    expect(state.issues.length).toBe(before);
  });

  it('start from playbook in a team-managed project: says a project admin can add it', async () => {
    const preview = await invoke<StartPreview>(
      'runway-implementations',
      'previewStart',
      START,
      context('TEAM'),
    );
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.data.problems).toContain(
      "Milestone is not an issue type of project TEAM: a project admin of TEAM can add it in the project's settings (Runway settings → Projects says how).",
    );
  });

  it('start from playbook in a project set up for Runway sets runway-implementation on the new epic as the app', async () => {
    const started = await invoke<{ epic: { key: string } }>(
      'runway-implementations',
      'startImplementation',
      { ...START, summary: 'Marked Co: rollout', requestId: 'imp-start-0001' },
      context('IMP'),
    );
    if (!started.ok) throw new Error(started.error);
    const epic = state.issues.find((i) => i.key === started.data.epic.key);
    expect(epic?.properties['runway-implementation']).toEqual({ label: 'implementation' });
  });
});
