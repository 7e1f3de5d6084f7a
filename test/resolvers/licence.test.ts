// Runway is a paid app: with the site's licence inactive, every resolver of every surface gives
// the one licence answer and reads nothing, the exports say so, the validator enforces nothing
// and the background functions do nothing. No licence (development) behaves as active, as on
// Forge. The host's licence switch decides what Forge would pass.
import { LICENCE_INACTIVE_MESSAGE, licenceInactiveAnswer } from '../../src/contracts/licence';
import { generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import type { LicenceState } from '../../src/local/host/forge';
import { licenceActive } from '../../src/resolvers/licence';
import * as index from '../../src/index';
import { readChanged, typedStore } from '../../src/storage';

/** One call per surface that reads site data when licensed. */
const FIRST_CALLS: Array<{ moduleKey: string; functionKey: string; payload?: unknown }> = [
  { moduleKey: 'runway-stage-gates', functionKey: 'getGates' },
  { moduleKey: 'runway-raid-log', functionKey: 'getRaidLog' },
  { moduleKey: 'runway-portfolio-kpis', functionKey: 'listProjects' },
  { moduleKey: 'runway-implementations', functionKey: 'getImplementations' },
  { moduleKey: 'runway-settings', functionKey: 'getSettings' },
  { moduleKey: 'runway-playbook', functionKey: 'listTemplates' },
  { moduleKey: 'runway-handover', functionKey: 'searchImplementations', payload: { query: 'a' } },
];

describe('the licence check', () => {
  it('reads Forge’s licence: active only when isActive is true; none at all (development) is active', () => {
    expect(licenceActive(undefined)).toBe(true);
    expect(licenceActive(null)).toBe(true);
    expect(licenceActive({ isActive: true, type: 'commercial' })).toBe(true);
    expect(licenceActive({ isActive: false, type: 'commercial' })).toBe(false);
    expect(licenceActive({})).toBe(false);
    expect(licenceActive('active')).toBe(false);
  });
});

describe('Runway with the site licence switched on and off', () => {
  let app: LocalApp;
  let key: string;
  beforeAll(async () => {
    const portfolio = generatePortfolio({ seed: 1 });
    const impl = portfolio.implementations.find((i) => i.project === 'IMP' && i.stage === 'in-flight');
    if (!impl) throw new Error('no in-flight implementation in IMP');
    key = impl.key;
    app = await startLocalApp({ port: 0, state: portfolio.state });
  });
  afterAll(() => app.close());

  const context = () => {
    const issue = app.state.issues.find((i) => i.key === key);
    const project = app.state.projects.find((p) => p.key === 'IMP');
    return {
      issue: { id: issue?.id ?? '', key, type: 'Epic', typeId: issue?.issueTypeId ?? '' },
      project: { id: project?.id ?? '', key: 'IMP', type: 'software' },
    };
  };
  const callAll = (licence: LicenceState) => {
    app.forge.licence = licence;
    return Promise.all(FIRST_CALLS.map((c) => app.forge.invoke({ ...c, as: 'admin', context: context() })));
  };

  it('answers every surface with the one licence answer, and reads nothing from the site', async () => {
    app.site.resetLog();
    const answers = await callAll('inactive');
    expect(answers).toEqual(FIRST_CALLS.map(() => licenceInactiveAnswer()));
    expect(app.site.requestLog()).toEqual([]);
  });

  it('answers as usual with an active licence and with none (development)', async () => {
    for (const licence of ['active', 'none'] as const) {
      const answers = await callAll(licence);
      expect(answers.map((a) => (a as { ok?: unknown }).ok)).toEqual(FIRST_CALLS.map(() => true));
    }
  });

  it('exports a page’s macros as the licence message, not the document', async () => {
    const event = { exportType: 'pdf', config: { templateId: 'uat-plan', implementationKey: key } };
    const adf = await index.playbookExport(event, { license: { isActive: false } });
    expect(JSON.stringify(adf)).toContain(LICENCE_INACTIVE_MESSAGE);
    expect(JSON.stringify(adf)).not.toContain(key);
  });

  it('lets transitions through without enforcing gates', async () => {
    const answer = await index.gateValidator({ issue: { key } }, { license: { isActive: false } });
    expect(answer).toEqual({ result: true });
  });

  it('does nothing in the background: an issue event marks nothing changed, the daily trigger runs no job', async () => {
    const changed = () => app.forge.runtime.run({ moduleKey: 'test' }, async () => readChanged(typedStore()));
    const before = await changed();
    app.forge.licence = 'inactive';
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await app.forge.invokeFunction(
      'issue-event-fn',
      { issue: { key } },
      { moduleKey: 'runway-issue-events' },
    );
    await app.forge.invokeFunction('snapshot-fn', {}, { moduleKey: 'runway-daily-snapshot' });
    await app.forge.queueIdle();
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([
      "issue-event: skipped, Runway's licence for this site is not active",
      "daily-snapshot: skipped, Runway's licence for this site is not active",
    ]);
    log.mockRestore();
    expect(await changed()).toEqual(before);
    app.forge.licence = 'none';
    await app.forge.invokeFunction(
      'issue-event-fn',
      { issue: { key } },
      { moduleKey: 'runway-issue-events' },
    );
    expect((await changed()).has(key)).toBe(true);
  });

  it('has a switch on every host page that sets what Forge passes the app', async () => {
    app.forge.licence = 'none';
    const page = await (await fetch(`${app.url}/admin`)).text();
    expect(page).toContain('data-testid="licence-switch"');
    const set = await fetch(`${app.url}/licence`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: 'licence=inactive&back=%2Fadmin',
    });
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toBe('/admin');
    expect(app.forge.licence).toBe('inactive');
    const crossSite = await fetch(`${app.url}/licence`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://attacker.example' },
      body: 'licence=active',
    });
    expect(crossSite.status).toBe(403);
    expect(app.forge.licence).toBe('inactive');
    app.forge.licence = 'none';
  });
});
