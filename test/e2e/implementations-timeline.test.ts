// The portfolio timeline tab of the implementations page end to end: the real Custom UI in Chromium
// on the local host, light and dark; reached by keyboard, each bar a table row whose dates and
// milestones are text; each milestone marker names itself and its date on hover and on focus.
// Screenshots go to test-output/.
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const PAGE = 'runway-implementations';
/** A date as an en-US user reads it (`Jan 8, 2026`), and the ISO form no surface shows. */
const US_DATE = '[A-Z][a-z]{2} \\d{1,2}, \\d{4}';
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** axe-core's serious and critical violations in the surface's frame (none checked without axe-core). */
async function axeViolations(page: Page): Promise<string[]> {
  let source: string;
  try {
    source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    return [];
  }
  const frame = await (await page.locator(`[data-testid="frame-${PAGE}"]`).elementHandle())?.contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.evaluate(source);
  const found = await frame.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null }> };
    const axe = (globalThis as unknown as { axe: { run: (d: unknown) => Promise<Result> } }).axe;
    return (await axe.run((globalThis as unknown as { document: unknown }).document)).violations;
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

describe('the portfolio timeline on the implementations page', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('implementations');
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`draws a bar per implementation coloured by health, with its dates as text, reachable by keyboard (${theme})`, async () => {
      const { page, frame, errors } = await openSurface(browser, app, {
        pagePath: `/projects/IMP/apps/${PAGE}`,
        moduleKey: PAGE,
        user: 'consultant',
        theme,
        readyTestId: 'impl-table--table',
      });
      // the tab list is one tab stop; the arrow keys choose the tab (WAI-ARIA tabs)
      await frame.getByTestId('impl-tab-list').focus();
      await page.keyboard.press('ArrowRight');
      const table = frame.getByTestId('impl-timeline');
      await table.waitFor({ timeout: 15_000 });
      const rows = table.locator('tbody tr');
      const count = await rows.count();
      expect(count).toBeGreaterThan(3);
      // the same implementations as the list
      expect(await frame.getByTestId('impl-shown').innerText()).toMatch(new RegExp(`^${count} of ${count} `));
      // every row says its dates in words, for a screen reader
      const texts = await table.locator('tbody td[data-testid^="timeline-dates-"]').allInnerTexts();
      expect(texts).toHaveLength(count);
      // dates in the user's locale (the demo users are en-US: `Jan 8, 2026`), never ISO
      for (const t of texts) {
        expect(t).toMatch(
          new RegExp(`^Kickoff (${US_DATE}|not set); .*baseline go-live .*(milestone|no milestones)`),
        );
        expect(t).not.toMatch(ISO_DATE);
      }
      const caption = await table.locator('caption').innerText();
      expect(caption).toMatch(new RegExp(`today \\(${US_DATE}\\)\\. Scale ${US_DATE} to ${US_DATE}\\.`));
      expect(caption).not.toMatch(ISO_DATE);
      expect(await table.locator('thead').innerText()).not.toMatch(/\d{4}-\d{2}/);
      // the bars are coloured by health: red, amber and green differ
      const bars = table.locator('[data-testid^="timeline-bar-"]');
      expect(await bars.count()).toBeGreaterThan(0);
      const colours = new Map<string, string>();
      for (const bar of await bars.all()) {
        const health = (await bar.getAttribute('data-health')) ?? '';
        colours.set(
          health,
          await bar.evaluate(
            (el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor ?? '',
          ),
        );
      }
      expect(new Set(colours.values()).size).toBe(colours.size);
      // keyboard: Tab moves from row to row
      await rows.first().focus();
      await page.keyboard.press('Tab');
      expect(await rows.nth(1).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      // each milestone marker says its name and date: on hover, on focus, and in the row's text
      const marker = table.locator('[data-marker]').first();
      const label = (await marker.getAttribute('aria-label')) ?? '';
      expect(label).toMatch(new RegExp(`^Milestone [A-Z]+-\\d+ .+, due ${US_DATE}, (done|open)$`));
      expect(label).not.toMatch(ISO_DATE);
      const words = label.replace(/^Milestone /, '');
      const row = table.getByTestId(
        (await marker.evaluate((el) => el.closest('tr')?.getAttribute('data-testid'))) ?? 'no row',
      );
      expect(await row.locator('td[data-testid^="timeline-dates-"]').innerText()).toContain(words);
      await marker.hover();
      expect(await table.getByTestId('timeline-tooltip').innerText()).toBe(words);
      await page.mouse.move(0, 0);
      await table.getByTestId('timeline-tooltip').waitFor({ state: 'detached' });
      // keyboard: from the focused row, the arrow keys reach its markers, Escape goes back
      await row.focus();
      await page.keyboard.press('ArrowRight');
      expect(await marker.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(await table.getByTestId('timeline-tooltip').innerText()).toBe(words);
      await page.screenshot({ path: screenshotPath(`implementations-timeline-tooltip-${theme}`) });
      await page.keyboard.press('Escape');
      expect(await row.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await page.screenshot({ path: screenshotPath(`implementations-timeline-${theme}`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
