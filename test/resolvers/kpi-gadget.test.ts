// The KPI gadget's resolver, invoked the way Forge invokes it (through @forge/resolver, as the
// viewing user) on the local host with the demo portfolio.
import type { GetPortfolioKpisResult } from '../../src/contracts/kpi-gadget';
import { demoSite, HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { DEFAULT_AS_OF } from '../../src/local/demo/generate';
import { createSiteHandler } from '../../src/local/site/handler';

const GADGET = 'runway-portfolio-kpis';
const AS_OF = DEFAULT_AS_OF;

describe('getPortfolioKpis (portfolio KPI gadget resolver)', () => {
  let forge: LocalForge;
  const call = async (as: string, payload: unknown) =>
    (await forge.invoke({ moduleKey: GADGET, functionKey: 'getPortfolioKpis', payload, as })) as GetPortfolioKpisResult;
  const data = async (as: string, payload: unknown) => {
    const answer = await call(as, payload);
    if (!answer.ok) throw new Error(`expected numbers, got: ${answer.error}`);
    return answer.data;
  };

  beforeAll(async () => {
    forge = await LocalForge.create({ site: createSiteHandler(demoSite(1)), users: HOST_USERS });
  });
  afterAll(() => forge.close());

  it('lists every KPI of kpis.md with its value, target, whether it is met and n', async () => {
    const report = await data('admin', { asOf: AS_OF });
    expect(report.asOf).toBe(AS_OF);
    expect(report.implementations).toBeGreaterThanOrEqual(25);
    expect(report.kpis.map((k) => k.id)).toContain('on_time_milestone_rate');
    expect(report.kpis).toHaveLength(18);
    const onTime = report.kpis.find((k) => k.id === 'on_time_milestone_rate');
    expect(onTime).toMatchObject({ target: { op: '>=', value: 0.85 }, met: (onTime?.value ?? 0) >= 0.85 });
    expect(onTime?.n).toBeGreaterThan(0);
  });

  it('gives a viewer exactly the numbers of the projects they can browse, nothing from the one they cannot', async () => {
    const all = await data('admin', { asOf: AS_OF, projects: ['IMP', 'ONB', 'ENT'] });
    const visibleToViewer = await data('admin', { asOf: AS_OF, projects: ['IMP', 'ONB'] });
    const viewer = await data('viewer', { asOf: AS_OF });
    expect(visibleToViewer.implementations).toBeLessThan(all.implementations);
    expect(viewer.implementations).toBe(visibleToViewer.implementations);
    expect(viewer.kpis).toEqual(visibleToViewer.kpis);
  });

  it('answers a viewer who asks for the project they cannot browse with Jira’s own error and no numbers', async () => {
    const answer = await call('viewer', { asOf: AS_OF, projects: ['ENT'] });
    expect(answer).toEqual({ ok: false, error: expect.stringContaining("The value 'ENT' does not exist for the field 'project'.") });
  });

  it('passes a JQL error through as Jira worded it', async () => {
    const answer = await call('consultant', { jql: 'project = = IMP' });
    expect(answer).toEqual({ ok: false, error: expect.stringContaining('Error in the JQL Query') });
  });

  it.each([
    [{ asOf: '2026-02-30' }, 'payload.asOf: not a real calendar date'],
    [{ asOf: '30/06/2026' }, 'payload.asOf: expected a date YYYY-MM-DD'],
    [{ projects: 'IMP' }, 'payload.projects:'],
    [{ projects: ['imp'] }, 'payload.projects.0: expected a Jira project key such as IMP'],
    [{ jql: 'project = IMP', projects: ['IMP'] }, 'give either jql or projects, not both'],
    [{ scope: 'everything' }, 'payload: unknown key scope'],
  ])('rejects the malformed payload %j with a clear error', async (payload, message) => {
    const answer = await call('admin', payload);
    expect(answer).toEqual({ ok: false, error: expect.stringContaining(message) });
    expect(answer.ok ? '' : answer.error).toMatch(/^Invalid request: /);
  });
});
