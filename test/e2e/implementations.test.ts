// The implementations project page end to end: the real Custom UI bundle in Chromium, in the
// project page of the local host, calling its real resolver as the chosen user, light and dark.
// Screenshots go to test-output/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { ImplementationsView } from '../../src/contracts/implementations';
import type { ResolverResult } from '../../src/contracts/result';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium } from './support';

const PAGE = 'runway-implementations';
const OUT = path.resolve(__dirname, '../../test-output');
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
/** An engine sentence as an en-US user reads it: `due 2026-11-30` → `due Nov 30, 2026`. */
const usDates = (text: string) =>
  text.replace(/\d{4}-\d{2}-\d{2}/g, (iso) =>
    new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    ),
  );
const BUILT = fs.existsSync(path.resolve(__dirname, '../../static/implementations/dist/index.html'));

describe('the implementations project page in the browser', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!BUILT) throw new Error('static/implementations is not built: run npm run build first');
    fs.mkdirSync(OUT, { recursive: true });
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function expected(as: string, project: string): Promise<ImplementationsView> {
    const p = app.state.projects.find((x) => x.key === project);
    const answer = (await app.forge.invoke({
      moduleKey: PAGE,
      functionKey: 'getImplementations',
      payload: {},
      as,
      context: { project: { id: p?.id ?? '', key: project, type: 'software' } },
    })) as ResolverResult<ImplementationsView>;
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  }

  async function open(
    as: string,
    project: string,
    theme: 'light' | 'dark',
  ): Promise<{ page: Page; frame: FrameLocator; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}/projects/${project}/apps/${PAGE}?user=${as}&theme=${theme}`);
    const frame = page.frameLocator(`[data-testid="frame-${PAGE}"]`);
    await frame.getByTestId('impl-table--table').waitFor({ timeout: 20_000 });
    return { page, frame, errors };
  }

  const shown = async (frame: FrameLocator) =>
    Number(/^(\d+) of/.exec(await frame.getByTestId('impl-shown').innerText())?.[1]);

  for (const theme of ['light', 'dark'] as const) {
    it(`lists every implementation with its health as the resolver computes it, in the ${theme} theme`, async () => {
      const view = await expected('consultant', 'IMP');
      const { page, frame, errors } = await open('consultant', 'IMP', theme);
      expect(await shown(frame)).toBe(view.implementations.length);
      for (const row of view.implementations) {
        const health = await frame.getByTestId(`impl-health-${row.key}`).innerText();
        expect(health).toContain({ red: 'Red', amber: 'Amber', green: 'Green' }[row.health]);
        // a reason's dates in the locale (`was due Nov 30, 2026`), never ISO
        if (row.reasons[0]) expect(health).toContain(usDates(row.reasons[0].message));
        expect(health).not.toMatch(ISO_DATE);
        expect((await frame.getByTestId(`impl-gates-${row.key}`).innerText()).split('\n')[0]).toBe(
          `${row.gates.passed} / ${row.gates.total}`,
        );
        expect((await frame.getByTestId(`impl-risks-${row.key}`).innerText()).trim()).toBe(
          String(row.openHighRisks),
        );
        const forecast = await frame.getByTestId(`impl-forecast-${row.key}`).innerText();
        // The date in the user's locale (en-US for the demo users), as every surface shows dates.
        expect(forecast).toContain(
          row.forecast.date === null
            ? row.forecast.explanation
            : new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
                new Date(`${row.forecast.date}T00:00:00Z`),
              ),
        );
        if (row.forecast.projectedLate) expect(forecast).toContain(`${row.forecast.lateByDays} d late`);
        // The explanation's dates too (`Went live on Apr 1, 2027.`): never ISO.
        expect(forecast).toContain(usDates(row.forecast.explanation));
        expect(forecast).not.toMatch(ISO_DATE);
      }
      expect(await frame.getByTestId('impl-shown').innerText()).toContain(
        `${view.implementations.filter((r) => r.forecast.projectedLate).length} projected late`,
      );
      expect(await frame.getByTestId('impl-forecast-rule').innerText()).toContain('Forecast go-live =');
      expect(await frame.locator('html').getAttribute('data-color-mode')).toBe(theme);
      await page.screenshot({ path: path.join(OUT, `implementations-${theme}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('filters by health and by text, and sorts by health', async () => {
    const view = await expected('consultant', 'IMP');
    const { page, frame } = await open('consultant', 'IMP', 'light');
    const red = view.implementations.filter((r) => r.health === 'red').length;
    await frame.getByTestId('impl-count-red').click();
    expect(await shown(frame)).toBe(red);
    await frame.getByTestId('impl-clear-filters').click();
    const target = view.implementations[0];
    await frame.getByTestId('impl-search').fill(target.key);
    expect(await shown(frame)).toBe(
      view.implementations.filter(
        (r) => r.key.includes(target.key) || r.summary.toLowerCase().includes(target.key.toLowerCase()),
      ).length,
    );
    await frame.getByTestId('impl-clear-filters').click();
    await frame.getByRole('button', { name: 'Health', exact: true }).click();
    const firstRows = await frame.locator('[data-testid^="impl-health-"]').allInnerTexts();
    const order = firstRows.map((t) => (t.startsWith('Red') ? 0 : t.startsWith('Amber') ? 1 : 2));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await page.close();
  });

  it('opens the epic of a row, from the keyboard', async () => {
    const view = await expected('consultant', 'ONB');
    const { page, frame } = await open('consultant', 'ONB', 'light');
    const key = view.implementations[0].key;
    await frame.getByTestId(`impl-open-${key}`).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/browse/${key}$`));
    expect(await page.getByTestId('issue-key').innerText()).toBe(key);
    await page.close();
  });

  it('shows the viewer the same list for a project they can browse', async () => {
    const view = await expected('viewer', 'ONB');
    const { page, frame } = await open('viewer', 'ONB', 'dark');
    expect(await shown(frame)).toBe(view.implementations.length);
    await page.screenshot({ path: path.join(OUT, 'implementations-viewer-dark.png'), fullPage: true });
    await page.close();
  });
});
