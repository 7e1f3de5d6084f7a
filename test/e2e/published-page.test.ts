// A page the app publishes, opened in the host's Confluence: the handover packet macro publishes
// its page, and the host's page view shows that page's own content (its ADF body: headings,
// tables, status lozenges, task lists), with the issue links opening the host's issue view.
import { macroInBrowser } from './confluence-macro';
import { screenshotPath } from './support';

const MACRO = 'runway-handover';

describe('a published page in the host’s Confluence', () => {
  const macro = macroInBrowser(MACRO, ['handover', 'handover-config']);
  const { implementation, pages, configure, open } = macro;

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the handover packet's headings, tables and task list, and its issue links open the host's issue view (${theme})`, async () => {
      const host = pages()[theme === 'light' ? 0 : 1];
      const key = implementation(theme === 'light' ? 'IMP' : 'ONB', 'hypercare');
      configure(host.id, { implementationKey: key });
      const { page: tab, frame } = await open(host.id, 'consultant', theme, 'publish');
      await frame.getByTestId('publish').click();
      await frame.getByTestId('publish-result').waitFor({ timeout: 20_000 });
      const published = macro.app.state.confluence.pages.find((p) =>
        p.title.startsWith(`Handover packet: ${key}`),
      );
      if (!published) throw new Error('no page published');
      // The macro's link to the page it published opens the host's page view, not the real site
      const [opened] = await Promise.all([
        tab.waitForEvent('popup'),
        frame.getByTestId('published-link').click(),
      ]);
      await opened.waitForURL((u) => u.pathname === `/wiki/pages/${published.id}`);
      await opened.close();

      const url = new URL(`/wiki/pages/${published.id}`, macro.app.url);
      url.searchParams.set('user', 'consultant');
      url.searchParams.set('theme', theme);
      await tab.goto(url.toString());
      const body = tab.getByTestId('page-body');
      await body.waitFor();
      // Its sections as headings, as Confluence shows them
      const headings = await body.locator('h2').allInnerTexts();
      expect(headings.length).toBeGreaterThanOrEqual(4);
      expect(headings).toEqual(expect.arrayContaining([expect.stringMatching(/contacts/i)]));
      // Its tables, with their text
      const tables = body.locator('table');
      expect(await tables.count()).toBeGreaterThan(0);
      const cells = await tables.first().locator('td').allInnerTexts();
      expect(cells.join(' ').trim().length).toBeGreaterThan(0);
      expect(await tables.first().isVisible()).toBe(true);
      // Its checklist as a task list that shows its state and cannot be ticked
      const boxes = body.locator('.adf-tasks input[type="checkbox"]');
      expect(await boxes.count()).toBeGreaterThan(0);
      for (const box of await boxes.all()) expect(await box.isDisabled()).toBe(true);
      await body
        .locator('.adf-tasks')
        .first()
        .screenshot({ path: screenshotPath(`published-page-tasks-${theme}`) });
      // Status lozenges as text, not colour only
      expect((await body.locator('.adf-status').first().innerText()).trim().length).toBeGreaterThan(0);
      // Never markup from the page: no script, no frame, no handler attribute inside the body
      expect(await body.locator('script, iframe, [onclick], [onerror]').count()).toBe(0);

      // An issue link goes to the host's own issue view
      const issueLink = body.locator('a[href^="/browse/"]').first();
      const target = (await issueLink.getAttribute('href')) ?? '';
      expect(target).toMatch(/^\/browse\/[A-Z]+-\d+$/);
      expect(await body.locator('a[href*="atlassian.net/browse/"]').count()).toBe(0);
      await tab.screenshot({ path: screenshotPath(`published-page-${theme}`) });
      await issueLink.click();
      await tab.waitForURL((u) => u.pathname === target);
      expect(await tab.title()).toContain(target.slice('/browse/'.length));
      await tab.close();
    }, 90_000);
  }
});
