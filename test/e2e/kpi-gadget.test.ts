// The portfolio KPI gadget end to end: the real Custom UI bundles (view and edit view) in
// Chromium, in the dashboard of the local host, calling the real resolver through @forge/bridge
// as a chosen user, light and dark. Screenshots go to test-output/.
import type { Browser, FrameLocator } from 'playwright-core';
import type { GetPortfolioKpisResult, PortfolioKpis } from '../../src/contracts/kpi-gadget';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { formatValue } from '../../static/kpi-gadget/format';
import { backgroundOf, launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const GADGET = 'runway-portfolio-kpis';
const LOCAL_ID = 'runway-portfolio-kpis-1';

describe('the portfolio KPI gadget in the browser', () => {
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
  beforeEach(() => app.forge.setInstanceConfig({ m: GADGET, l: LOCAL_ID }, {}));

  async function expected(as: string, payload: object = {}): Promise<PortfolioKpis> {
    const answer = (await app.forge.invoke({
      moduleKey: GADGET,
      functionKey: 'getPortfolioKpis',
      payload,
      as,
    })) as GetPortfolioKpisResult;
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  }

  const openDashboard = (user: string, theme: 'light' | 'dark', readyTestId = 'kpi-tiles') =>
    openSurface(browser, app, { pagePath: '/dashboard', moduleKey: GADGET, user, theme, readyTestId });

  const shownValues = async (gadget: FrameLocator, report: PortfolioKpis) =>
    Object.fromEntries(
      await Promise.all(
        report.kpis.map(async (k) => [
          k.id,
          (await gadget.getByTestId(`kpi-value-${k.id}`).innerText()).trim(),
        ]),
      ),
    );

  for (const theme of ['light', 'dark'] as const) {
    it(`shows every KPI tile as the resolver computes it — value, target, met, n, trend, definition, link — in the ${theme} theme`, async () => {
      const report = await expected('admin');
      expect(report.implementations).toBeGreaterThanOrEqual(25);
      const { page, frame, errors } = await openDashboard('admin', theme);
      expect(await shownValues(frame, report)).toEqual(
        Object.fromEntries(report.kpis.map((k) => [k.id, formatValue(k)])),
      );
      for (const k of report.kpis) {
        expect((await frame.getByTestId(`kpi-n-${k.id}`).innerText()).trim()).toBe(String(k.n));
        expect(await frame.getByTestId(`kpi-tile-${k.id}`).innerText()).toContain(k.definition);
        expect(await frame.getByTestId(`kpi-trend-${k.id}`).getAttribute('aria-label')).toMatch(
          /^(Trend over 12 months|No trend)/,
        );
        if (k.issuesJql !== null)
          expect(await frame.getByTestId(`kpi-issues-${k.id}`).getAttribute('data-jql')).toBe(k.issuesJql);
      }
      expect(await frame.getByTestId('kpi-progress').count()).toBe(0);
      expect((await frame.getByTestId('kpi-projected-late-count').innerText()).trim()).toBe(
        String(report.projectedLate.count),
      );
      for (const late of report.projectedLate.implementations.slice(0, 10))
        expect(await frame.getByTestId('kpi-projected-late').innerText()).toContain(late.key);
      expect(await frame.locator('html').getAttribute('data-color-mode')).toBe(theme);
      const background = await backgroundOf(frame);
      expect(background).toBe(theme === 'dark' ? 'rgb(31, 31, 33)' : 'rgb(255, 255, 255)');
      await page.screenshot({ path: screenshotPath(`kpi-gadget-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('shows stakeholder confidence, each active duration beside its plain one, and improvement throughput with its issues', async () => {
    app.forge.setInstanceConfig({ m: GADGET, l: LOCAL_ID }, { breakdown: 'segment' });
    const report = await expected('admin', { breakdown: 'segment' });
    const { page, frame, errors } = await openDashboard('admin', 'light');
    const order = await frame
      .locator('[data-testid^="kpi-tile-"]')
      .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-testid')));
    for (const [plain, active] of [
      ['time_to_first_value_days', 'active_time_to_first_value_days'],
      ['time_to_live_days', 'active_time_to_live_days'],
    ])
      expect(order.indexOf(`kpi-tile-${active}`)).toBe(order.indexOf(`kpi-tile-${plain}`) + 1);
    for (const id of ['stakeholder_confidence', 'active_time_to_live_days', 'improvement_throughput']) {
      const k = report.kpis.find((t) => t.id === id);
      if (!k) throw new Error(`no ${id} tile`);
      expect(k.value).not.toBeNull();
      expect((await frame.getByTestId(`kpi-value-${id}`).innerText()).trim()).toBe(formatValue(k));
      expect(await frame.getByTestId(`kpi-tile-${id}`).innerText()).toContain(k.definition);
    }
    const improvements = report.kpis.find((t) => t.id === 'improvement_throughput');
    expect(await frame.getByTestId('kpi-issues-improvement_throughput').getAttribute('data-jql')).toBe(
      improvements?.issuesJql,
    );
    expect(await frame.getByTestId('kpi-trend-improvement_throughput').getAttribute('aria-label')).toMatch(
      /^Trend over 12 months/,
    );
    const firstGroup = report.breakdown?.groups[0]?.group ?? '';
    expect(await frame.getByTestId(`kpi-breakdown-${firstGroup}`).innerText()).toContain('Whole scope only');
    await page.screenshot({ path: screenshotPath('kpi-gadget-new-kpis-light'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says its scope in words, shows each month of a trend on hover, and opens the issues behind a number in Jira’s search', async () => {
    app.forge.setInstanceConfig({ m: GADGET, l: LOCAL_ID }, { projects: ['IMP', 'ONB'] });
    const report = await expected('admin', { projects: ['IMP', 'ONB'] });
    const { page, frame, errors } = await openDashboard('admin', 'light');
    expect(await frame.getByTestId('kpi-scope-words').innerText()).toBe('Scope: Projects IMP, ONB');
    expect(await frame.getByTestId('kpi-jql').count()).toBe(0);
    const k = report.kpis.find((t) => t.issuesJql !== null && t.trend.some((p) => p.value !== null));
    if (!k || k.issuesJql === null) throw new Error('no KPI with a trend and issues');
    // The chart's axes: its period and its values.
    const chart = frame.getByTestId(`kpi-trend-${k.id}-chart`);
    expect(await chart.innerText()).toMatch(/Last 12 months · \w+ \d{4} – \w+ \d{4}/);
    const month = k.trend.findIndex((p) => p.value !== null);
    await frame.getByTestId(`kpi-trend-${k.id}-month-${month}`).hover();
    const point = k.trend[month];
    expect(await frame.getByTestId(`kpi-trend-${k.id}-caption`).innerText()).toContain(
      `${formatValue({ value: point.value, unit: k.unit })} · based on ${point.n}`,
    );
    await page.screenshot({ path: screenshotPath('kpi-gadget-trend-hover-light'), fullPage: true });
    await frame.getByTestId(`kpi-issues-${k.id}`).click();
    await page.waitForURL(/\/issues\/?\?jql=/);
    expect(new URL(page.url()).searchParams.get('jql')).toBe(k.issuesJql);
    await page.getByTestId('search-results').waitFor();
    expect(await page.locator('[data-testid^="search-row-"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('kpi-gadget-issue-search-light'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the theme switch without reloading, and the user switch with the new user’s numbers', async () => {
    const { page, frame } = await openDashboard('admin', 'light');
    await page.getByTestId('theme-switch').click();
    await frame.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached', timeout: 5_000 });
    const viewer = await expected('viewer');
    await page.getByTestId('user-switcher').selectOption('viewer');
    await page.waitForURL(/dashboard/);
    const reloaded = page.frameLocator(`[data-testid="frame-${GADGET}"]`);
    await reloaded.getByTestId('kpi-tiles').waitFor({ timeout: 20_000 });
    expect((await reloaded.getByTestId('kpi-scope').innerText()).trim()).toContain(
      `${viewer.implementations} implementations`,
    );
    expect(await reloaded.locator('html').getAttribute('data-color-mode')).toBe('dark');
    await page.screenshot({ path: screenshotPath('kpi-gadget-viewer-dark'), fullPage: true });
    await page.close();
  });

  it('edit view: a JQL error is shown as Jira worded it and nothing is saved; a good configuration is saved and shown', async () => {
    const { page, frame } = await openSurface(browser, app, {
      pagePath: `/dashboard?edit=${GADGET}`,
      moduleKey: GADGET,
      user: 'consultant',
      theme: 'light',
      readyTestId: 'kpi-edit-save',
    });
    await frame.locator('#kpi-edit-scope').click();
    await frame.getByRole('option', { name: 'JQL query' }).click();
    await frame.getByTestId('kpi-edit-jql').fill('project = = IMP');
    await frame.getByTestId('kpi-edit-save').click();
    // Jira's words under the JQL field (Atlaskit's error message, describing the field), no summary.
    const error = frame.getByTestId('kpi-edit-jql-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Error in the JQL Query');
    expect(await frame.getByTestId('kpi-edit-jql').getAttribute('aria-describedby')).toBe(
      'kpi-edit-jql-error',
    );
    expect(await frame.getByTestId('kpi-edit-error').count()).toBe(0);
    expect(app.forge.instanceConfig({ m: GADGET, l: LOCAL_ID })).toEqual({});
    await page.screenshot({ path: screenshotPath('kpi-gadget-edit-jql-error'), fullPage: true });
    // The contract's own limits too (their paths name the field), and each field's error under it.
    await frame.getByTestId('kpi-edit-jql').fill(`project = ONB AND summary ~ "${'x'.repeat(4000)}"`);
    await frame.getByRole('button', { name: 'None', exact: true }).click();
    await frame.getByTestId('kpi-edit-save').click();
    await frame.getByTestId('kpi-edit-kpis-error').waitFor();
    expect(await frame.getByTestId('kpi-edit-kpis-error').innerText()).toContain('Choose at least one KPI.');
    await frame.getByRole('button', { name: 'All', exact: true }).click();
    await frame.getByTestId('kpi-edit-save').click();
    await frame.getByText('Is longer than 4000 characters').waitFor();
    expect(await frame.getByTestId('kpi-edit-jql-error').innerText()).toContain(
      'Is longer than 4000 characters',
    );
    expect(await frame.getByTestId('kpi-edit-kpis-error').count()).toBe(0);
    expect(await frame.getByTestId('kpi-edit-error').count()).toBe(0);
    expect(app.forge.instanceConfig({ m: GADGET, l: LOCAL_ID })).toEqual({});

    await frame.getByTestId('kpi-edit-jql').fill('project = ONB');
    await frame.locator('#kpi-edit-breakdown').click();
    await frame.getByRole('option', { name: 'Complexity tier' }).click();
    await frame.getByRole('button', { name: 'None', exact: true }).click();
    await frame.getByTestId('kpi-edit-kpi-csat--hidden-checkbox').check();
    await frame.getByTestId('kpi-edit-kpi-time_to_live_days--hidden-checkbox').check();
    await frame.getByTestId('kpi-edit-save').click();
    await page.waitForURL(/\/dashboard$/);
    expect(app.forge.instanceConfig({ m: GADGET, l: LOCAL_ID })).toEqual({
      jql: 'project = ONB',
      kpis: ['time_to_live_days', 'csat'],
      breakdown: 'tier',
    });
    const view = page.frameLocator(`[data-testid="frame-${GADGET}"]`);
    await view.getByTestId('kpi-tiles').waitFor({ timeout: 20_000 });
    const report = await expected('consultant', {
      jql: 'project = ONB',
      kpis: ['time_to_live_days', 'csat'],
      breakdown: 'tier',
    });
    expect(await view.locator('[data-testid^="kpi-tile-"]').count()).toBe(2);
    expect((await view.getByTestId('kpi-value-csat').innerText()).trim()).toBe(formatValue(report.kpis[1]));
    for (const g of report.breakdown?.groups ?? [])
      await view.getByTestId(`kpi-breakdown-${g.group}`).waitFor();
    await page.screenshot({ path: screenshotPath('kpi-gadget-breakdown-light'), fullPage: true });
    await page.close();
  });

  it('shows an error with Try again, not "Computing portfolio KPIs" forever, when its first call fails', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // The host is unreachable for the gadget's first calls (its context and saved configuration):
    // they fail as a dropped connection until the test lets them through.
    let reachable = false;
    let failed = 0;
    await page.route('**/__host/bridge', async (route) => {
      if (!reachable && route.request().postData()?.includes('"call":"getContext"')) {
        failed += 1;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.goto(new URL('/dashboard?user=admin&theme=light', app.url).toString());
    const frame = page.frameLocator(`[data-testid="frame-${GADGET}"]`);
    const retry = frame.getByRole('button', { name: 'Try again' });
    await retry.waitFor({ timeout: 10_000 });
    expect(failed).toBeGreaterThan(0);
    expect(await frame.locator('body').innerText()).toContain('The portfolio KPIs could not be computed');
    await page.screenshot({ path: screenshotPath('kpi-gadget-first-call-failed'), fullPage: true });
    reachable = true;
    await retry.click();
    await frame.getByTestId('kpi-tiles').waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('shows an empty state, not zeros, for a scope without implementations', async () => {
    app.forge.setInstanceConfig(
      { m: GADGET, l: LOCAL_ID },
      { jql: 'project = IMP AND labels = "no-such-label"' },
    );
    const { page, frame } = await openSurface(browser, app, {
      pagePath: '/dashboard',
      moduleKey: GADGET,
      user: 'admin',
      theme: 'dark',
      readyTestId: 'kpi-empty',
    });
    expect(await frame.getByText('No implementations in scope').count()).toBe(1);
    expect(await frame.locator('[data-testid^="kpi-value-"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('kpi-gadget-empty-dark'), fullPage: true });
    await page.close();
  });
});
