// The portfolio KPI gadget end to end: the real Custom UI bundle in Chromium, in the dashboard
// frame of the local host, calling its real resolver through @forge/bridge, as a chosen user, in
// the light and dark theme. Screenshots go to test-output/.
import type { Browser, FrameLocator } from 'playwright-core';
import type { GetPortfolioKpisResult, PortfolioKpis } from '../../src/contracts/kpi-gadget';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { formatValue } from '../../static/kpi-gadget/format';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const GADGET = 'runway-portfolio-kpis';

describe('the portfolio KPI gadget in the browser', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('kpi-gadget');
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function expected(as: string): Promise<PortfolioKpis> {
    const answer = (await app.forge.invoke({ moduleKey: GADGET, functionKey: 'getPortfolioKpis', payload: {}, as })) as GetPortfolioKpisResult;
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  }

  const openDashboard = async (user: string, theme: 'light' | 'dark') => {
    const opened = await openSurface(browser, app, { pagePath: '/dashboard', moduleKey: GADGET, user, theme, readyTestId: 'kpi-value-csat' });
    return { page: opened.page, gadget: opened.frame, errors: opened.errors };
  };

  const shownValues = async (gadget: FrameLocator, report: PortfolioKpis) =>
    Object.fromEntries(await Promise.all(report.kpis.map(async (k) => [k.id, (await gadget.getByTestId(`kpi-value-${k.id}`).innerText()).trim()])));

  for (const theme of ['light', 'dark'] as const) {
    it(`lists every portfolio KPI as the resolver computes it, in the ${theme} theme`, async () => {
      const report = await expected('admin');
      expect(report.implementations).toBeGreaterThanOrEqual(25);
      const { page, gadget, errors } = await openDashboard('admin', theme);
      expect(await shownValues(gadget, report)).toEqual(Object.fromEntries(report.kpis.map((k) => [k.id, formatValue(k)])));
      for (const k of report.kpis) expect((await gadget.getByTestId(`kpi-n-${k.id}`).innerText()).trim()).toBe(String(k.n));
      expect(await gadget.locator('html').getAttribute('data-color-mode')).toBe(theme);
      const background = await gadget.locator('body').evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor);
      expect(background).toBe(theme === 'dark' ? 'rgb(31, 31, 33)' : 'rgb(255, 255, 255)');
      await page.screenshot({ path: screenshotPath(`kpi-gadget-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('follows the theme switch without reloading, and the user switch with the new user’s numbers', async () => {
    const { page, gadget } = await openDashboard('admin', 'light');
    await page.getByTestId('theme-switch').click();
    await gadget.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached', timeout: 5_000 });
    const viewer = await expected('viewer');
    await page.getByTestId('user-switcher').selectOption('viewer');
    await page.waitForURL(/dashboard/);
    const reloaded = page.frameLocator(`[data-testid="frame-${GADGET}"]`);
    await reloaded.getByTestId('kpi-value-csat').waitFor({ timeout: 20_000 });
    expect((await reloaded.getByTestId('kpi-scope').innerText()).trim()).toContain(`${viewer.implementations} implementations`);
    expect(await reloaded.locator('html').getAttribute('data-color-mode')).toBe('dark');
    await page.screenshot({ path: screenshotPath('kpi-gadget-viewer-dark'), fullPage: true });
    await page.close();
  });
});
