// With Runway's licence for the site inactive, every surface shows the one licence state and no
// data, under Forge's CSP; the host's licence switch brings the app back.
import type { Browser } from 'playwright-core';
import { generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

describe('every surface with the licence inactive, in the browser', () => {
  let app: LocalApp;
  let browser: Browser;
  let implementation: string;
  let wikiPage: string;

  beforeAll(async () => {
    for (const r of ['stage-gates', 'raid-log', 'kpi-gadget', 'implementations', 'settings', 'playbook'])
      requireBuilt(r);
    const portfolio = generatePortfolio({ seed: 1 });
    const impl = portfolio.implementations.find((i) => i.project === 'IMP' && i.stage === 'in-flight');
    const space = portfolio.state.confluence.spaces.find((s) => s.key === 'IMPL');
    if (!impl || !space)
      throw new Error('the demo portfolio has no in-flight IMP implementation or IMPL space');
    implementation = impl.key;
    wikiPage = space.homepageId;
    app = await startLocalApp({ port: 0, state: portfolio.state, licence: 'inactive' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const surfaces = () => [
    { pagePath: `/browse/${implementation}`, moduleKey: 'runway-stage-gates' },
    { pagePath: `/browse/${implementation}`, moduleKey: 'runway-raid-log' },
    { pagePath: '/projects/IMP/apps/runway-implementations', moduleKey: 'runway-implementations' },
    { pagePath: '/admin/apps/runway-settings', moduleKey: 'runway-settings' },
    { pagePath: '/dashboard', moduleKey: 'runway-portfolio-kpis' },
    { pagePath: `/wiki/pages/${wikiPage}`, moduleKey: 'runway-playbook' },
    { pagePath: `/wiki/pages/${wikiPage}`, moduleKey: 'runway-handover' },
  ];

  it('shows the licence state, and nothing else, on every surface', async () => {
    for (const s of surfaces()) {
      const { page, frame, errors } = await openSurface(browser, app, {
        ...s,
        user: 'admin',
        theme: 'light',
        readyTestId: 'licence-inactive',
      });
      const text = await frame.locator('body').innerText();
      expect(text).toContain("Runway's licence for this site is not active: ask a site admin.");
      expect(text).not.toContain(implementation);
      expect(errors).toEqual([]);
      if (s.moduleKey === 'runway-stage-gates')
        await page.screenshot({ path: screenshotPath('licence-inactive') });
      await page.close();
    }
  });

  it('comes back once the site licence is active again (the host’s licence switch)', async () => {
    const { page } = await openSurface(browser, app, {
      pagePath: `/browse/${implementation}`,
      moduleKey: 'runway-stage-gates',
      user: 'admin',
      theme: 'light',
      readyTestId: 'licence-inactive',
    });
    await page.locator('#runway-licence').selectOption('active');
    await page.locator('[data-testid="licence-switch"] button').click();
    const frame = page.frameLocator('[data-testid="frame-runway-stage-gates"]');
    await frame.getByTestId('gate-designSignOff').waitFor({ timeout: 20_000 });
    expect(await frame.getByTestId('licence-inactive').count()).toBe(0);
    expect(app.forge.licence).toBe('active');
    await page.close();
  });
});
