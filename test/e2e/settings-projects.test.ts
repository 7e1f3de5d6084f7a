// Settings → Projects end to end: the real Custom UI bundle in Chromium, in the admin page frame of
// the local host, on the demo site with a company-managed project without Runway's types (SUP) and
// a team-managed project (TEAM). An admin picks SUP, reviews the changes, confirms, and SUP is
// ready; TEAM shows its admin's steps; a second look plans nothing.
import type { Browser } from 'playwright-core';
import { createBaseSite } from '../../src/local/demo/catalog';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const PAGE = 'runway-settings';
const PATH = `/admin/apps/${PAGE}`;

describe('Settings → Projects in the browser', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('settings');
    app = await startLocalApp({ port: 0, state: createBaseSite() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = async (user: string) => {
    const opened = await openSurface(browser, app, {
      pagePath: PATH,
      moduleKey: PAGE,
      user,
      theme: 'light',
      readyTestId: 'field-implementationLabel',
    });
    await opened.frame.getByTestId('tab-5').click();
    await opened.frame.getByTestId('project-TEAM').waitFor();
    return opened;
  };

  it('shows each project’s readiness, sets up the picked one after review, and tells the team-managed project’s admin what to do', async () => {
    const { page, frame, errors } = await open('admin');
    expect(await frame.getByTestId('ready-IMP').innerText()).toMatch(/ready/i);
    expect(await frame.getByTestId('ready-SUP').innerText()).toMatch(/not ready/i);
    expect(await frame.getByTestId('project-SUP').innerText()).toContain(
      'Risk is not an issue type of project SUP: a Jira admin can add it in Runway settings → Projects.',
    );
    const steps = await frame.getByTestId('steps-TEAM').innerText();
    expect(steps).toContain('Open project Launch Team (TEAM) → Project settings → Work types (Issue types).');
    expect(steps).toContain('Check again');
    await page.screenshot({ path: screenshotPath('settings-projects'), fullPage: true });

    await frame.getByTestId('pick-SUP--checkbox-label').click();
    await frame.getByTestId('review-changes').click();
    await frame.getByTestId('review').waitFor();
    expect(await frame.getByTestId('review-SUP').innerText()).toContain(
      'Add issue type Risk to SUP: Issue Type Scheme',
    );
    await frame.getByTestId('confirm-changes').click();
    await frame.getByTestId('projects-summary').waitFor();
    expect(await frame.getByTestId('projects-summary').innerText()).toMatch(/^Made \d+ changes\.$/);
    expect(await frame.getByTestId('ready-SUP').innerText()).toMatch(/^ready$/i);
    expect(await frame.getByTestId('changes-SUP').innerText()).toContain('done');
    await page.screenshot({ path: screenshotPath('settings-projects-done'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();

    const again = await open('admin');
    expect(await again.frame.getByTestId('ready-SUP').innerText()).toMatch(/^ready$/i);
    expect(await again.frame.getByTestId('pick-SUP--checkbox-label').count()).toBe(0);
    await again.page.close();
  });

  it('shows a consultant the readiness without anything to pick', async () => {
    const { page, frame } = await open('consultant');
    expect(await frame.getByTestId('review-changes').count()).toBe(0);
    expect(await frame.getByTestId('ready-TEAM').innerText()).toMatch(/not ready/i);
    expect(await frame.getByTestId('pick-TEAM--checkbox-label').count()).toBe(0);
    await page.close();
  });
});
