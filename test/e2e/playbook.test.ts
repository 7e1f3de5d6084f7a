// The Playbook macro end to end: its config view and its view, the real Custom UI bundles in
// Chromium, in the Confluence page frame of the local host, calling the real resolver through
// @forge/bridge, as a chosen user, light and dark. Screenshots go to test-output/.
import type { Page } from 'playwright-core';
import { macroInBrowser } from './confluence-macro';
import { backgroundOf, choose, screenshotPath } from './support';

const MACRO = 'runway-playbook';

describe('the Playbook macro in the browser', () => {
  const macro = macroInBrowser(MACRO, ['playbook', 'playbook-config']);
  const { implementation, pages, configure, open } = macro;

  it('is configured in its settings view (template, implementation by search) and then renders that playbook', async () => {
    const page = pages()[0];
    const key = implementation('IMP', 'in-flight');
    const { page: tab, frame, errors } = await open(page.id, 'consultant', 'light', 'save', true);
    await choose(frame, 'template', 'UAT', /^UAT plan$/);
    await choose(frame, 'implementation', key, new RegExp(`^${key} `));
    await tab.screenshot({ path: screenshotPath('playbook-config-light'), fullPage: true });
    await frame.getByTestId('save').click();
    await tab.waitForURL((url) => !url.searchParams.has('edit'), { timeout: 15_000 });
    const view = tab.frameLocator(`[data-testid="frame-${MACRO}"]`);
    await view.getByTestId('document-title').waitFor({ timeout: 30_000 });
    expect(await view.getByTestId('document-title').innerText()).toMatch(new RegExp(`^UAT plan: ${key} `));
    expect(macro.app.forge.instanceConfig({ m: MACRO, l: `${MACRO}-${page.id}` })).toEqual({
      templateId: 'uat-plan',
      implementationKey: key,
    });
    expect(errors).toEqual([]);
    await tab.close();
  });

  it('finds an implementation by the start of its key (IMP-9 finds IMP-94)', async () => {
    const key = macro.app.state.issues.find(
      (i) => /^IMP-\d{2,}$/.test(i.key) && i.labels.includes('implementation'),
    )?.key;
    if (!key) throw new Error('no IMP implementation with a two-digit key');
    const partial = key.slice(0, -1);
    const { page: tab, frame } = await open(pages()[0].id, 'consultant', 'light', 'save', true);
    await frame.locator('#implementation').fill(partial);
    const options = frame.getByRole('option');
    await options.first().waitFor({ timeout: 15_000 });
    const shown = await options.allInnerTexts();
    expect(shown.every((o) => o.startsWith(partial))).toBe(true);
    expect(shown.some((o) => o.startsWith(`${key} `))).toBe(true);
    await tab.screenshot({ path: screenshotPath('playbook-config-partial-key'), fullPage: true });
    await tab.close();
  });

  it('shows the settings as the macro has them, and says what is missing on save', async () => {
    const page = pages()[1];
    const { page: tab, frame } = await open(page.id, 'consultant', 'dark', 'save', true);
    await frame.getByTestId('save').click();
    await frame.getByTestId('template-error').waitFor();
    expect(await frame.getByTestId('template-error').innerText()).toBe('Choose a template.');
    expect(await frame.getByTestId('implementation-error').innerText()).toBe('Choose an implementation.');
    expect(await backgroundOf(frame)).toBe('rgb(31, 31, 33)');
    await tab.screenshot({ path: screenshotPath('playbook-config-dark'), fullPage: true });
    await tab.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`renders the go-live readiness checklist with tables, lozenges and checklists, in the ${theme} theme`, async () => {
      const page = pages()[2];
      const key = implementation('IMP', 'in-flight');
      configure(page.id, { templateId: 'go-live-readiness', implementationKey: key });
      const { page: tab, frame, errors } = await open(page.id, 'consultant', theme, 'document-title');
      expect(await frame.getByTestId('document-title').innerText()).toMatch(
        new RegExp(`^Go-live readiness checklist: ${key} `),
      );
      await frame.getByTestId('section-criteria').waitFor();
      expect(await frame.getByTestId('checklist-readiness-progress').innerText()).toMatch(
        /^\d+ of 11 complete$/i,
      );
      expect(await frame.getByTestId('table-gates').locator('tbody tr').count()).toBe(6);
      expect(await frame.getByTestId(`issue-link-${key}`).first().innerText()).toBe(key);
      expect(await frame.locator('html').getAttribute('data-color-mode')).toBe(theme);
      expect(await backgroundOf(frame)).toBe(theme === 'dark' ? 'rgb(31, 31, 33)' : 'rgb(255, 255, 255)');
      await tab.screenshot({ path: screenshotPath(`playbook-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await tab.close();
    });
  }

  it('publishes as a page, then updates that page', async () => {
    const page = pages()[3];
    const key = implementation('ONB', 'in-flight');
    configure(page.id, { templateId: 'implementation-plan', implementationKey: key });
    const { page: tab, frame } = await open(page.id, 'consultant', 'light', 'publish');
    await frame.getByTestId('publish').click();
    await frame.getByTestId('publish-result').waitFor({ timeout: 20_000 });
    expect(await frame.getByTestId('publish-result').innerText()).toContain('Published as a new page');
    await frame.getByTestId('publish').click();
    await frame.getByText('Page updated (version 2)').waitFor({ timeout: 20_000 });
    const title = (await frame.getByTestId('published-link').innerText()).trim();
    expect(
      macro.app.state.confluence.pages.filter((p) => p.title === title && p.status === 'current'),
    ).toHaveLength(1);
    await tab.screenshot({ path: screenshotPath('playbook-published'), fullPage: true });
    await tab.close();
  });

  it('shows a viewer who may not add pages to the space a disabled Publish, with the reason', async () => {
    const page = pages()[3];
    const key = implementation('ONB', 'in-flight');
    configure(page.id, { templateId: 'implementation-plan', implementationKey: key });
    const before = macro.app.state.confluence.pages.length;
    const { page: tab, frame, errors } = await open(page.id, 'viewer', 'light', 'publish');
    expect(await frame.getByTestId('publish').isDisabled()).toBe(true);
    expect(await frame.getByTestId('publish-unavailable').innerText()).toMatch(
      /^You cannot add pages to space \w+, so you cannot publish this here: a space admin can give you the Add pages permission\.$/,
    );
    await tab.screenshot({ path: screenshotPath('playbook-viewer-publish-disabled'), fullPage: true });
    expect(macro.app.state.confluence.pages.length).toBe(before);
    expect(errors).toEqual([]);
    await tab.close();
  });

  it('says clearly when the implementation is unknown, hidden from the user, or not chosen yet', async () => {
    const page = pages()[4];
    const check = async (user: string, text: string, shot: string) => {
      const tab: Page = await macro.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await tab.goto(new URL(`/wiki/pages/${page.id}?user=${user}&theme=light`, macro.app.url).toString());
      const frame = tab.frameLocator(`[data-testid="frame-${MACRO}"]`);
      await frame.getByText(text).waitFor({ timeout: 20_000 });
      await tab.screenshot({ path: screenshotPath(shot), fullPage: true });
      await tab.close();
    };
    configure(page.id, { templateId: 'uat-plan', implementationKey: 'IMP-99999' });
    await check(
      'consultant',
      'IMP-99999 does not exist, or you do not have permission to see it.',
      'playbook-error-unknown',
    );
    const hidden = implementation('ENT', 'in-flight');
    configure(page.id, { templateId: 'uat-plan', implementationKey: hidden });
    await check(
      'viewer',
      `${hidden} does not exist, or you do not have permission to see it.`,
      'playbook-error-hidden',
    );
    configure(page.id, { templateId: 'uat', implementationKey: hidden });
    await check('consultant', 'Unknown template "uat".', 'playbook-error-template');
    configure(page.id, {});
    await check('consultant', 'No playbook chosen yet', 'playbook-empty');
  }, 90_000);
});
