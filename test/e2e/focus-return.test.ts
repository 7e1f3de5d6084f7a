// Focus after an edit view is done (issue 13): the gadget's edit view closes with Cancel or saves
// with Save, the host goes back to the dashboard, and the focus is on the gadget's Edit link, the
// control that opened the edit view, not at the top of the page. Light and dark.
import type { Browser, Page } from 'playwright-core';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium, openSurface, requireBuilt } from './support';

const GADGET = 'runway-portfolio-kpis';

describe('focus after a gadget edit view is done', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('kpi-gadget-edit');
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.forge.queueIdle();
    await app?.close();
  });

  const openEdit = (theme: 'light' | 'dark') =>
    openSurface(browser, app, {
      pagePath: `/dashboard?edit=${GADGET}`,
      moduleKey: GADGET,
      user: 'admin',
      theme,
      readyTestId: 'kpi-edit-save',
    });

  /** The focused element of the dashboard: its text and the section (gadget) it is in. */
  const focused = (page: Page) =>
    page.evaluate(
      "[document.activeElement?.textContent?.trim(), document.activeElement?.closest('section')?.getAttribute('aria-label')]",
    );

  it('returns the focus to the Edit link after Cancel (light)', async () => {
    const { page, frame, errors } = await openEdit('light');
    await frame.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId(`frame-${GADGET}`).waitFor();
    expect(await focused(page)).toEqual(['Edit', 'Portfolio KPIs']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('returns the focus to the Edit link after Save (dark)', async () => {
    const { page, frame, errors } = await openEdit('dark');
    await frame.locator('#kpi-edit-scope').click();
    await frame.getByRole('option', { name: 'JQL query' }).click();
    await frame.getByTestId('kpi-edit-jql').fill('project = ONB');
    await frame.getByTestId('kpi-edit-save').click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId(`frame-${GADGET}`).waitFor();
    expect(await focused(page)).toEqual(['Edit', 'Portfolio KPIs']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
