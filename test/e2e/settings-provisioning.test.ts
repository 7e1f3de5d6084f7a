// Provisioning from the Settings page in the browser, with 100 ms per Jira request: the page opens
// on a run that was interrupted and says so; running it again queues it, the page shows its
// progress while the queue consumer works, then what was created. Screenshots go to test-output/.
import type { Browser } from 'playwright-core';
import { createBaseSite } from '../../src/local/demo/catalog';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { typedStore } from '../../src/storage';
import { writeProvisioningRun } from '../../src/storage/provisioning';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const PAGE = 'runway-settings';

describe('provisioning from the Settings page in the browser', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('settings');
    app = await startLocalApp({
      port: 0,
      state: createBaseSite({ provisioned: false }),
      faults: { latencyMs: 100 },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows an interrupted run, resumes it, and shows its progress until everything is created', async () => {
    const sixMinutesAgo = Date.now() - 6 * 60_000;
    await writeProvisioningRun(typedStore(), {
      id: 'interrupted-run',
      requestedBy: 'app',
      requestedAt: sixMinutesAgo,
      touchedAt: sixMinutesAgo,
      finishedAt: null,
      items: null,
      pending: [],
      planned: 0,
      error: null,
    });
    const { page, frame, errors } = await openSurface(browser, app, {
      pagePath: `/admin/apps/${PAGE}`,
      moduleKey: PAGE,
      user: 'admin',
      theme: 'light',
      readyTestId: 'field-implementationLabel',
    });
    await frame.getByTestId('tab-3').click();
    await frame
      .getByText('Provisioning stopped before it looked at the site; run it again to start it.')
      .waitFor();
    await frame.getByTestId('provision-run').click();
    await frame.getByText(/Provisioning: \d+ of 23 items done/).waitFor();
    await page.screenshot({ path: screenshotPath('settings-provisioning-progress'), fullPage: true });
    await frame.getByText('Created 23 of 23 missing items.').waitFor({ timeout: 30_000 });
    expect(await frame.getByTestId('provision-item-gate').innerText()).toContain('Created');
    expect(app.state.issueTypes.filter((t) => t.name === 'Gate')).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
