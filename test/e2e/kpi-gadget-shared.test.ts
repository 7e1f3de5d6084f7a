// The portfolio KPI gadget shared with people who cannot browse every project of its scope: in the
// demo site the viewer cannot browse ENT. They get the numbers of what they can see with a note
// saying what is left out, never an error; and the gadget's help reads in Jira's words, not the
// command line's. Real bundles in Chromium on the local host, light and dark.
import type { Browser } from 'playwright-core';
import type { GetPortfolioKpisResult, PortfolioKpis } from '../../src/contracts/kpi-gadget';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { formatValue } from '../../static/kpi-gadget/format';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const GADGET = 'runway-portfolio-kpis';
const LOCAL_ID = 'runway-portfolio-kpis-1';

describe('a shared portfolio KPI gadget naming a project the viewer cannot browse', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('kpi-gadget');
    requireBuilt('kpi-gadget-edit');
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.forge.queueIdle();
    await app?.close();
  });

  const configure = (config: object) => app.forge.setInstanceConfig({ m: GADGET, l: LOCAL_ID }, config);

  async function expected(as: string, payload: object): Promise<PortfolioKpis> {
    const answer = (await app.forge.invoke({
      moduleKey: GADGET,
      functionKey: 'getPortfolioKpis',
      payload,
      as,
    })) as GetPortfolioKpisResult;
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the viewer the numbers of IMP with a note that ENT is not counted (${theme})`, async () => {
      configure({ projects: ['IMP', 'ENT'] });
      const imp = await expected('viewer', { projects: ['IMP'] });
      const everything = await expected('admin', { projects: ['IMP', 'ENT'] });
      expect(everything.implementations).toBeGreaterThan(imp.implementations);
      const { page, frame, errors } = await openSurface(browser, app, {
        pagePath: '/dashboard',
        moduleKey: GADGET,
        user: 'viewer',
        theme,
        readyTestId: 'kpi-tiles',
        timeoutMs: 30_000,
      });
      const note = frame.getByTestId('kpi-left-out');
      await note.waitFor();
      expect(await note.innerText()).toContain(
        "These numbers cover IMP only. You don't have permission to browse ENT, so its implementations aren't counted.",
      );
      // IMP's numbers, as the viewer would get them from a gadget on IMP alone
      expect((await frame.getByTestId('kpi-scope').innerText()).trim()).toContain(
        `${imp.implementations} implementations`,
      );
      for (const k of imp.kpis)
        expect((await frame.getByTestId(`kpi-value-${k.id}`).innerText()).trim()).toBe(formatValue(k));
      await page.screenshot({ path: screenshotPath(`kpi-gadget-left-out-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('tells a viewer who can browse none of its projects why there are no numbers, not an error', async () => {
    configure({ projects: ['ENT'] });
    const { page, frame } = await openSurface(browser, app, {
      pagePath: '/dashboard',
      moduleKey: GADGET,
      user: 'viewer',
      theme: 'light',
      readyTestId: 'kpi-empty',
    });
    const text = await frame.getByTestId('kpi-empty').innerText();
    expect(text).toContain("You can't browse this gadget's projects");
    expect(text).toContain("You don't have permission to browse ENT");
    expect(await frame.locator('[data-testid^="kpi-value-"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('kpi-gadget-left-out-all-light'), fullPage: true });
    await page.close();
  });

  it('does the same for a JQL scope: the numbers of IMP with the note, or the empty state when nothing is left', async () => {
    configure({ jql: 'project in (IMP, ENT)' });
    const imp = await expected('viewer', { jql: 'project in (IMP)' });
    const { page, frame, errors } = await openSurface(browser, app, {
      pagePath: '/dashboard',
      moduleKey: GADGET,
      user: 'viewer',
      theme: 'light',
      readyTestId: 'kpi-tiles',
      timeoutMs: 30_000,
    });
    const note = frame.getByTestId('kpi-left-out');
    await note.waitFor();
    expect(await note.innerText()).toContain(
      "These numbers cover IMP only. You don't have permission to browse ENT, so its implementations aren't counted.",
    );
    expect((await frame.getByTestId('kpi-scope').innerText()).trim()).toContain(
      `${imp.implementations} implementations`,
    );
    for (const k of imp.kpis)
      expect((await frame.getByTestId(`kpi-value-${k.id}`).innerText()).trim()).toBe(formatValue(k));
    expect(errors).toEqual([]);
    await page.close();

    configure({ jql: 'project = ENT' });
    const none = await openSurface(browser, app, {
      pagePath: '/dashboard',
      moduleKey: GADGET,
      user: 'viewer',
      theme: 'light',
      readyTestId: 'kpi-empty',
    });
    const text = await none.frame.getByTestId('kpi-empty').innerText();
    expect(text).toContain("You can't browse this gadget's projects");
    expect(text).toContain("You don't have permission to browse ENT");
    expect(await none.frame.locator('[data-testid^="kpi-value-"]').count()).toBe(0);
    await none.page.close();
  }, 60_000);

  it('explains its settings in Jira’s words, not the command line’s', async () => {
    configure({ jql: 'project = IMP' });
    const { page, frame } = await openSurface(browser, app, {
      pagePath: `/dashboard?edit=${GADGET}`,
      moduleKey: GADGET,
      user: 'admin',
      theme: 'light',
      readyTestId: 'kpi-edit-save',
    });
    const texts = [await frame.locator('body').innerText()];
    await frame.locator('#kpi-edit-scope').click();
    await frame.getByRole('option', { name: 'Projects', exact: true }).click();
    await frame.locator('#kpi-edit-projects').waitFor();
    texts.push(await frame.locator('body').innerText());
    const all = texts.join('\n');
    expect(all).toContain("Use the same JQL as in Jira's issue search.");
    expect(all).toContain('Implementations in these projects, with their work items.');
    expect(all).toContain('sees the numbers of the projects they have permission to browse');
    expect(all).not.toMatch(/--\w|\brunway kpis\b|stdout|\bexport\b|command line|\bCLI\b/i);
    await page.close();

    configure({ projects: ['IMP'] });
    const view = await openSurface(browser, app, {
      pagePath: '/dashboard',
      moduleKey: GADGET,
      user: 'admin',
      theme: 'light',
      readyTestId: 'kpi-tiles',
      timeoutMs: 30_000,
    });
    expect(await view.frame.locator('body').innerText()).not.toMatch(
      /--\w|\brunway kpis\b|stdout|\bexport\b|command line|\bCLI\b|\bn = /i,
    );
    await view.page.close();
  }, 60_000);
});
