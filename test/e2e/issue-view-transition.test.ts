// Moving an implementation in the issue view of the local host, in Chromium: the person picks
// Live, Jira runs the app's workflow validator, and its refusal (the gate and why) shows next to
// the control while the status stays; once the gates pass in the panel, the same move goes through.
// Screenshots go to test-output/.
import type { Browser, Page } from 'playwright-core';
import { generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { passGatesRequiredForLive } from '../local/host/support/gates';
import { launchChromium, screenshotPath } from './support';

describe('moving an implementation in the issue view', () => {
  let app: LocalApp;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    const impl = generatePortfolio({ seed: 1 }).implementations.find(
      (i) => i.project === 'ONB' && i.stage === 'in-flight',
    );
    if (!impl) throw new Error('the demo has no in-flight implementation in ONB');
    key = impl.key;
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const statusOf = () => {
    const issue = app.state.issues.find((i) => i.key === key);
    return app.state.statuses.find((s) => s.id === issue?.statusId)?.name;
  };

  async function openIssue(theme: 'light' | 'dark'): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}/browse/${key}?user=admin&theme=${theme}`);
    return { page, errors };
  }

  async function moveTo(page: Page, status: string): Promise<void> {
    await page.getByTestId('transition-select').selectOption({ label: status });
    await Promise.all([
      page.waitForLoadState('load'),
      page.waitForURL(/\/browse\//),
      page.getByTestId('transition-submit').click(),
    ]);
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the validator's refusal next to the control when Live is chosen, and the status stays (${theme})`, async () => {
      const before = statusOf();
      const { page, errors } = await openIssue(theme);
      try {
        expect(await page.locator('html').getAttribute('data-color-mode')).toBe(theme);
        expect((await page.getByTestId('issue-status').innerText()).trim()).toBe(before);
        // The options are the transitions Jira offers the admin, the current status excluded.
        const options = await page.getByTestId('transition-select').locator('option').allInnerTexts();
        expect(options).toContain('Live');
        expect(options).not.toContain(before);
        await moveTo(page, 'Live');
        const error = page.getByTestId('transition-error');
        await error.waitFor();
        const message = (await error.innerText()).trim();
        expect(message).toMatch(new RegExp(`^${key} cannot move to Live: `));
        expect(message).toContain('Go-Live Readiness has not passed');
        expect(await error.getAttribute('role')).toBe('alert');
        // Still the same status, and Live still chosen so the person can try again.
        expect((await page.getByTestId('issue-status').innerText()).trim()).toBe(before);
        expect(statusOf()).toBe(before);
        expect(
          (await page.getByTestId('transition-select').locator('option:checked').innerText()).trim(),
        ).toBe('Live');
        // Reachable from the keyboard: the select and the button take focus.
        await page.getByTestId('transition-select').focus();
        await page.keyboard.press('Tab');
        expect(
          await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")'),
        ).toBe('transition-submit');
        await page.screenshot({
          path: screenshotPath(`issue-view-transition-refused-${theme}`),
          fullPage: true,
        });
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('moves the implementation to Live once its gates have passed in the Stage gates panel', async () => {
    await passGatesRequiredForLive(app.forge, app.state, key, 'Checked at the go-live review');
    const { page, errors } = await openIssue('light');
    try {
      await moveTo(page, 'Live');
      await page.getByTestId('transition-notice').waitFor();
      expect((await page.getByTestId('transition-notice').innerText()).trim()).toBe(`${key} is now Live.`);
      expect((await page.getByTestId('issue-status').innerText()).trim()).toBe('Live');
      expect(await page.getByTestId('transition-error').count()).toBe(0);
      expect(statusOf()).toBe('Live');
      await page.screenshot({ path: screenshotPath('issue-view-transition-allowed-light'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('refuses a move posted from another site', async () => {
    const res = await fetch(`${app.url}/browse/${key}/transitions`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'transition=11',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(statusOf()).toBe('Live');
  });
});
