// The implementations project page's resolver, invoked as Forge invokes it (as the user viewing
// the project page) on the local host with the demo portfolio.
import { IMPLEMENTATIONS_PAGE_SIZE } from '../../src/app/implementations/list';
import type { ImplementationsView } from '../../src/contracts/implementations';
import type { ResolverResult } from '../../src/contracts/result';
import { buildImplementations, defaultConfig, parseSearchExport } from '../../src/domain';
import { implementationHealth } from '../../src/domain/health';
import { createBaseSite } from '../../src/local/demo/catalog';
import { generatePortfolio, type Portfolio } from '../../src/local/demo/generate';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { createSiteHandler } from '../../src/local/site/handler';
import type { SiteState } from '../../src/local/site/model';

const PAGE = 'runway-implementations';
const today = new Date().toISOString().slice(0, 10);

async function hostOf(state: SiteState) {
  return LocalForge.create({ site: createSiteHandler(state), users: HOST_USERS });
}

function projectContext(state: SiteState, key: string) {
  const p = state.projects.find((x) => x.key === key);
  if (!p) throw new Error(`no project ${key}`);
  return { project: { id: p.id, key, type: p.projectTypeKey } };
}

describe('implementations page resolver', () => {
  let forge: LocalForge;
  let portfolio: Portfolio;
  const call = async (as: string, project: string, payload: unknown = {}) =>
    (await forge.invoke({
      moduleKey: PAGE,
      functionKey: 'getImplementations',
      payload,
      as,
      context: projectContext(portfolio.state, project),
    })) as ResolverResult<ImplementationsView>;
  const ok = (answer: ResolverResult<ImplementationsView>) => {
    if (!answer.ok) throw new Error(`expected data, got: ${answer.error}`);
    return answer.data;
  };

  beforeAll(async () => {
    // Enough implementations that project IMP takes more than one page.
    portfolio = generatePortfolio({ seed: 1, implementations: 90 });
    forge = await hostOf(portfolio.state);
  });
  afterAll(() => forge.close());

  /** Every page, following nextCursor as the page does. */
  async function allPages(as: string, project: string) {
    const pages = [ok(await call(as, project))];
    for (let next = pages[0].nextCursor; next !== null; next = pages[pages.length - 1].nextCursor)
      pages.push(ok(await call(as, project, { cursor: next })));
    return pages;
  }

  it('lists every implementation of the project with the health, milestone, risks, gates and time to live of src/domain/health', async () => {
    const pages = await allPages('consultant', 'IMP');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.implementations.length).toBeLessThanOrEqual(IMPLEMENTATIONS_PAGE_SIZE);
      expect(page.total).toBe(pages[0].total);
    }
    const view = { ...pages[0], implementations: pages.flatMap((p) => p.implementations) };
    expect(view.implementations.length).toBe(pages[0].total);
    const exported = parseSearchExport(portfolio.searchExport());
    if (!exported.ok) throw new Error(exported.error);
    const model = buildImplementations(exported.value.issues, exported.value.names, {
      asOf: today,
      config: defaultConfig(),
    });
    const expected = model.implementations
      .filter((i) => i.project === 'IMP')
      .map((i) => {
        const h = implementationHealth(i, today, defaultConfig());
        return [
          i.key,
          h.health,
          h.nextMilestone?.key ?? null,
          h.openHighRisks,
          h.gates.passed,
          h.gates.total,
          h.timeToLiveDays,
        ];
      });
    expect(
      view.implementations.map((i) => [
        i.key,
        i.health,
        i.nextMilestone?.key ?? null,
        i.openHighRisks,
        i.gates.passed,
        i.gates.total,
        i.timeToLiveDays,
      ]),
    ).toEqual(expected);
    expect(view.implementations.length).toBe(
      portfolio.implementations.filter((i) => i.project === 'IMP' && i.key !== '').length,
    );
    expect(new Set(view.implementations.map((i) => i.health)).size).toBeGreaterThan(1);
    for (const i of view.implementations)
      expect(i.health === 'green' ? i.reasons.length === 0 : i.reasons[0].level === i.health).toBe(true);
  });

  it('gives the viewer the same page for a project they can browse, and Jira’s error for one they cannot', async () => {
    expect(ok(await call('viewer', 'ONB'))).toEqual(ok(await call('admin', 'ONB')));
    expect(await call('viewer', 'ENT')).toEqual({
      ok: false,
      error: "The value 'ENT' does not exist for the field 'project'.",
    });
    expect(ok(await call('admin', 'ENT')).implementations.length).toBeGreaterThan(0);
  });

  it('reads one page per call: the first page before the rest, a cursor past the end gives an empty last page', async () => {
    const first = ok(await call('admin', 'IMP'));
    expect(first.implementations).toHaveLength(IMPLEMENTATIONS_PAGE_SIZE);
    expect(first.nextCursor).toBe(String(IMPLEMENTATIONS_PAGE_SIZE));
    const past = ok(await call('admin', 'IMP', { cursor: '100000' }));
    expect([past.implementations, past.nextCursor, past.total]).toEqual([[], null, first.total]);
    expect(await call('admin', 'IMP', { cursor: 'abc' })).toMatchObject({ ok: false });
  });

  it('rejects a payload it does not know', async () => {
    expect(await call('admin', 'IMP', { project: 'ENT' })).toEqual({
      ok: false,
      error: 'Invalid request: payload: unknown key project',
    });
  });

  it('answers a project without implementations with an empty list, not zeros', async () => {
    const empty = createBaseSite();
    const host = await hostOf(empty);
    try {
      const answer = (await host.invoke({
        moduleKey: PAGE,
        functionKey: 'getImplementations',
        payload: {},
        as: 'admin',
        context: projectContext(empty, 'IMP'),
      })) as ResolverResult<ImplementationsView>;
      expect(answer).toEqual({
        ok: true,
        data: {
          project: 'IMP',
          asOf: today,
          implementations: [],
          total: 0,
          nextCursor: null,
          warnings: [],
        },
      });
    } finally {
      host.close();
    }
  });
});
