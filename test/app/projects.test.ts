// Settings → Projects (src/app/projects): whether each project is ready for Runway, and the
// changes that make a company-managed project ready, made as the admin, safe to repeat.
import { readProjects, setUpProjects } from '../../src/app/projects';
import { defaultConfig } from '../../src/domain';
import { planProvisioning } from '../../src/jira/provisioning';
import type { ProjectReadiness } from '../../src/contracts/projects';
import { createBaseSite, DEMO_USERS } from '../../src/local/demo/catalog';
import type { SiteState } from '../../src/local/site/model';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const { admin, consultant } = DEMO_USERS;

describe('Settings → Projects', () => {
  let app: InMemoryApp;
  let state: SiteState;

  const projects = async (as = admin.accountId) => {
    const r = await readProjects(app.portsAs(as));
    if (!r.ok) throw new Error(r.error);
    return r.data;
  };
  const project = async (key: string) =>
    (await projects()).projects.find((p) => p.key === key) as ProjectReadiness;
  const setUp = async (keys: string[]) => {
    const r = await setUpProjects(app.portsAs(admin.accountId), keys);
    if (!r.ok) throw new Error(r.error);
    return r.data;
  };

  describe('on the demo site', () => {
    beforeEach(async () => {
      state = createBaseSite();
      app = await inMemoryApp(state, NOW);
    });
    afterEach(() => app.close());

    it('says which projects are ready and what the others lack', async () => {
      const view = await projects();
      expect(view.projects.map((p) => [p.key, p.style, p.ready])).toEqual([
        ['IMP', 'company', true],
        ['ONB', 'company', true],
        ['ENT', 'company', true],
        ['SUP', 'company', false],
        ['TEAM', 'team', false],
      ]);
      const sup = view.projects[3];
      expect(sup.missing).toContain(
        'Risk is not an issue type of project SUP: a Jira admin can add it in Runway settings → Projects.',
      );
      expect(sup.changes.map((c) => c.description)).toContain(
        'Add issue type Risk to SUP: Issue Type Scheme',
      );
      expect(sup.changes.filter((c) => c.description.startsWith('Add field Probability'))).toHaveLength(1);
    });

    it('sets up a company-managed project once: the second run changes nothing', async () => {
      const planned = (await project('SUP')).changes.map((c) => c.description);
      const first = await setUp(['SUP']);
      expect(first.projects[0].changes.map((c) => [c.description, c.status])).toEqual(
        planned.map((d) => [d, 'done']),
      );
      expect(first.projects[0]).toMatchObject({ ready: true, missing: [] });
      expect(first.summary).toBe(`Made ${planned.length} changes.`);
      const second = await setUp(['SUP']);
      expect(second.projects[0].changes).toEqual([]);
      expect(second.summary).toMatch(/^Nothing to change/);
      expect((await project('SUP')).ready).toBe(true);
    });

    it('tells a team-managed project’s admin what to do, step by step, and changes nothing there', async () => {
      const team = await project('TEAM');
      expect(team.changes).toEqual([]);
      expect(team.steps[0]).toBe(
        'Open project Launch Team (TEAM) → Project settings → Work types (Issue types).',
      );
      expect(team.steps).toContain(
        'Select "Add work type", name it Risk, and save. Then drag Probability, Impact from "Suggested fields" onto its layout, and save changes.',
      );
      expect(team.steps.at(-1)).toBe('Come back here and select "Check again".');
      const before = JSON.stringify(state.projects.find((p) => p.key === 'TEAM'));
      const r = await setUp(['TEAM']);
      expect(r.projects[0]).toMatchObject({ ready: false, changes: [] });
      expect(JSON.stringify(state.projects.find((p) => p.key === 'TEAM'))).toBe(before);
    });

    it('plans nothing for anyone but a Jira admin, and refuses their set-up', async () => {
      const view = await projects(consultant.accountId);
      expect(view.canEdit).toBe(false);
      expect(view.projects.every((p) => p.changes.length === 0)).toBe(true);
      expect(await setUpProjects(app.portsAs(consultant.accountId), ['SUP'])).toEqual({
        ok: false,
        error: 'Only Jira administrators can change projects’ schemes and screens.',
      });
    });
  });

  describe('on a fresh site', () => {
    beforeEach(async () => {
      state = createBaseSite({ provisioned: false });
      app = await inMemoryApp(state, NOW);
    });
    afterEach(() => app.close());

    it('creates the missing types and fields, adds the fields to the default screen, and is then done', async () => {
      expect((await project('IMP')).ready).toBe(false);
      const first = await setUp(['IMP', 'SUP']);
      expect(first.projects.map((p) => [p.key, p.ready])).toEqual([
        ['IMP', true],
        ['SUP', true],
      ]);
      expect(first.projects[0].changes.every((c) => c.status === 'done')).toBe(true);
      expect(first.projects[0].changes.map((c) => c.description)).toContain('Created issue type Risk');
      const second = await setUp(['IMP', 'SUP']);
      expect(second.projects.flatMap((p) => p.changes)).toEqual([]);
    });
  });

  it('does not count a team-managed project’s own type as the site’s issue type', () => {
    const scoped = {
      id: '20000',
      name: 'Risk',
      hierarchyLevel: 0,
      scope: { type: 'PROJECT', project: { id: '1' } },
    };
    const risk = planProvisioning(defaultConfig(), [scoped], []).find((i) => i.key === 'risk');
    expect(risk).toMatchObject({ status: 'missing', id: null });
  });
});
