// Every surface at the widths Jira gives it: an issue panel 560–760 px wide, a dashboard gadget in
// a three-column layout (about 380 px), light and dark. The host's frame is narrowed to that
// width after the surface has loaded, as Jira's layout would size it. Screenshots go to
// test-output/ (widths-*.png).
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const RAID = 'runway-raid-log';
const GATES = 'runway-stage-gates';
const GADGET = 'runway-portfolio-kpis';

/** Narrows the host's frame of `moduleKey` to `width` px and lets the surface lay itself out again. */
async function narrow(page: Page, moduleKey: string, width: number): Promise<void> {
  await page.locator(`[data-testid="frame-${moduleKey}"]`).evaluate((el, w) => {
    (el as unknown as { style: { width: string } }).style.width = `${w}px`;
  }, width);
  await page.waitForTimeout(300);
}

/** The frame's page never scrolls sideways as a whole (only a table inside it may). */
const pageOverflow = (frame: FrameLocator) =>
  frame.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);

/** The texts of `selector` that take more than one line, and how many texts there are. */
const wrapped = (frame: FrameLocator, selector: string) =>
  frame.locator(selector).evaluateAll((els) => {
    const lines = els.map((el) => {
      // The lines of its words: the rectangles of its text nodes (a box's padding is not a line).
      const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
      const tops = new Set<number>();
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const range = el.ownerDocument.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) tops.add(Math.round(r.top));
      }
      return { text: el.textContent ?? '', lines: tops.size };
    });
    return { count: lines.length, wrapped: lines.filter((l) => l.lines > 1).map((l) => l.text) };
  });

describe('the surfaces at the widths Jira gives them', () => {
  let app: LocalApp;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    for (const r of ['raid-log', 'stage-gates', 'kpi-gadget']) requireBuilt(r);
    const portfolio = generatePortfolio({ seed: 1 });
    app = await startLocalApp({ port: 0, state: portfolio.state });
    key = portfolio.implementations.find((i) => i.project === 'IMP' && i.stage === 'in-flight')?.key ?? '';
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.forge.queueIdle();
    await app?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const width of [560, 760]) {
      it(`shows the RAID table's first columns at ${width} px and the rest behind a visible sideways scroll (${theme})`, async () => {
        const { page, frame, errors } = await openSurface(browser, app, {
          pagePath: `/browse/${key}`,
          moduleKey: RAID,
          user: 'consultant',
          theme,
          readyTestId: 'raid-table--table',
        });
        await narrow(page, RAID, width);
        expect(await pageOverflow(frame)).toBeLessThanOrEqual(0);
        const scroller = frame.getByTestId('raid-table-scroll');
        const box = await scroller.boundingBox();
        if (!box) throw new Error('no table');
        const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeGreaterThan(0);
        await frame.getByTestId('raid-scroll-hint').waitFor();
        // Headless Chromium hides scroll bars, and macOS shows them only while scrolling: the hint says it.
        expect(await frame.getByTestId('raid-scroll-hint').innerText()).toMatch(/^Scroll the table sideways/);
        const visible =
          width >= 760
            ? ['Summary', 'Status', 'Score', 'Due', 'Overdue']
            : ['Summary', 'Status', 'Score', 'Due'];
        for (const name of visible) {
          const header = await frame.getByRole('columnheader', { name, exact: true }).boundingBox();
          if (!header) throw new Error(`no ${name} column`);
          expect(header.x + header.width).toBeLessThanOrEqual(box.x + box.width + 1);
        }
        // Dates and ages never wrap.
        const dates = await wrapped(frame, '[data-testid^="raid-due-"] span');
        expect(dates.count).toBeGreaterThan(0);
        expect(dates.wrapped).toEqual([]);
        expect((await wrapped(frame, '[data-testid^="raid-age-"] span')).wrapped).toEqual([]);
        // The rest is reachable: scrolled to the end, the Age column shows.
        await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
        const age = await frame.getByRole('columnheader', { name: 'Age', exact: true }).boundingBox();
        expect(age && age.x + age.width).toBeLessThanOrEqual(box.x + box.width + 1);
        await scroller.evaluate((el) => el.scrollTo({ left: 0 }));
        await page.screenshot({ path: screenshotPath(`widths-raid-log-${width}-${theme}`), fullPage: true });
        expect(errors).toEqual([]);
        await page.close();
      });
    }

    it(`shows the stage gates panel at 560 px without sideways scrolling (${theme})`, async () => {
      const { page, frame, errors } = await openSurface(browser, app, {
        pagePath: `/browse/${key}`,
        moduleKey: GATES,
        user: 'consultant',
        theme,
        readyTestId: 'gate-designSignOff',
      });
      await narrow(page, GATES, 560);
      expect(await pageOverflow(frame)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(`widths-stage-gates-560-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`reads the gadget's tiles and breakdown table at 380 px, words whole (${theme})`, async () => {
      app.forge.setInstanceConfig({ m: GADGET, l: `${GADGET}-1` }, { breakdown: 'tier' });
      const { page, frame, errors } = await openSurface(browser, app, {
        pagePath: '/dashboard',
        moduleKey: GADGET,
        user: 'admin',
        theme,
        readyTestId: 'kpi-breakdown--table',
        timeoutMs: 60_000,
      });
      await narrow(page, GADGET, 380);
      expect(await pageOverflow(frame)).toBeLessThanOrEqual(0);
      const cells = await wrapped(frame, '[data-testid="kpi-breakdown--table"] td span');
      expect(cells.count).toBeGreaterThan(0);
      expect(cells.wrapped).toEqual([]);
      const scroller = frame.getByTestId('kpi-breakdown-scroll');
      expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(0);
      for (const tile of await frame.locator('[data-testid^="kpi-tile-"]').all()) {
        const b = await tile.boundingBox();
        expect(b && b.width).toBeLessThanOrEqual(380);
      }
      await page.screenshot({ path: screenshotPath(`widths-kpi-gadget-380-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
