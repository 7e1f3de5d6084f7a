// The Settings admin page end to end: the real Custom UI bundle in Chromium, in the admin page
// frame of the local host, saving through its real resolver; provisioning on a site that lacks
// Runway's issue types and fields. Light and dark; screenshots go to test-output/.
import type { Browser } from 'playwright-core';
import { createBaseSite } from '../../src/local/demo/catalog';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { readConfig, typedStore } from '../../src/storage';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const PAGE = 'runway-settings';
const PATH = `/admin/apps/${PAGE}`;

describe('the Settings admin page in the browser', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('settings');
    app = await startLocalApp({ port: 0, state: createBaseSite({ provisioned: false }) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = (user: string, theme: 'light' | 'dark') =>
    openSurface(browser, app, {
      pagePath: PATH,
      moduleKey: PAGE,
      user,
      theme,
      readyTestId: 'field-implementationLabel',
    });

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the mappings with their defaults in the ${theme} theme`, async () => {
      const { page, frame, errors } = await open('admin', theme);
      expect(await frame.getByTestId('field-implementationLabel').inputValue()).toBe('implementation');
      expect(await frame.getByTestId('field-goLiveStatuses').inputValue()).toBe('Live, Hypercare');
      expect(await frame.locator('html').getAttribute('data-color-mode')).toBe(theme);
      await page.screenshot({ path: screenshotPath(`settings-${theme}`), fullPage: true });
      await frame.getByTestId('tab-2').click();
      await frame.getByTestId('gate-editor-0').waitFor();
      await page.screenshot({ path: screenshotPath(`settings-gates-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('shows an invalid value’s error next to its field, refuses to save it, and saves once fixed', async () => {
    const before = await readConfig(typedStore());
    const { page, frame } = await open('admin', 'light');
    await frame.getByTestId('field-milestoneToleranceDays').fill('-3');
    await frame.getByTestId('error-milestoneToleranceDays').waitFor();
    expect(await frame.getByTestId('error-milestoneToleranceDays').innerText()).toBe(
      'expected a whole number of days from 0 to 365',
    );
    await frame.getByTestId('save-settings').click();
    await frame.getByTestId('settings-notice').waitFor();
    expect(await frame.getByTestId('settings-notice').innerText()).toContain(
      'Not saved: 1 setting needs fixing',
    );
    expect(await readConfig(typedStore())).toEqual(before);

    await frame.getByTestId('tab-2').click();
    // Go-Live Readiness waits for earlier gates: with none ticked the criterion says what is missing.
    for (const gate of ['designSignOff', 'migrationReadiness', 'uatReadiness'])
      await frame.getByTestId(`check-gates-3-criteria-5-gates-${gate}--hidden-checkbox`).uncheck();
    await frame.getByTestId('error-gates-3-criteria-5-gates').waitFor();
    expect(await frame.getByTestId('error-gates-3-criteria-5-gates').innerText()).toBe(
      'choose at least one earlier gate',
    );
    await page.screenshot({ path: screenshotPath('settings-errors-light'), fullPage: true });
    await frame.getByTestId('check-gates-3-criteria-5-gates-designSignOff--hidden-checkbox').check();
    const groups = frame.getByTestId('field-gates-3-approvers-groups').locator('input').first();
    for (const name of ['implementation-leads', 'jira-admins']) {
      await groups.fill(name);
      await frame.getByRole('option', { name: new RegExp(`^${name}`) }).click();
    }
    await frame.getByTestId('tab-0').click();
    await frame.getByTestId('field-milestoneToleranceDays').fill('2');
    await frame.getByTestId('save-settings').click();
    await frame.getByText('Settings saved.').waitFor();
    const after = await readConfig(typedStore());
    expect(after.milestoneToleranceDays).toBe(2);
    expect(after.gates[3].approvers.groups).toEqual(['implementation-leads', 'jira-admins']);
    expect(after.gates[3].criteria[5]).toEqual({
      kind: 'gatesPassed',
      title: 'Earlier gates passed',
      gates: ['designSignOff'],
    });
    await page.close();
  });

  it('takes a rate target as a percentage (85 means 85 %) and names a wrong setting in words, once', async () => {
    const { page, frame } = await open('admin', 'dark');
    await frame.getByTestId('tab-1').click();
    const rate = frame.getByTestId('field-targets-uat_first_pass_rate-value');
    await rate.waitFor();
    expect(await rate.inputValue()).toBe('80');
    await rate.fill('85');
    await frame.getByTestId('tab-0').click();
    await frame.getByTestId('field-milestoneToleranceDays').fill('-3');
    const summary = frame.getByTestId('settings-errors');
    await summary.waitFor();
    const lines = (await summary.innerText())
      .split('\n')
      .filter((l) => l.includes('Milestone tolerance days'));
    expect(lines).toHaveLength(1);
    expect(await summary.innerText()).not.toMatch(/milestoneToleranceDays/);
    await frame.getByTestId('field-milestoneToleranceDays').fill('2');
    await frame.getByTestId('save-settings').click();
    await frame.getByTestId('settings-notice').filter({ hasText: 'Settings saved.' }).waitFor();
    const saved = await readConfig(typedStore());
    expect(saved.targets.uat_first_pass_rate).toEqual({ op: '>=', value: 0.85 });
    await page.screenshot({ path: screenshotPath('settings-percent-target-dark'), fullPage: true });
    await page.close();
  });

  it('lists the missing issue types and fields and creates them once, from the keyboard', async () => {
    const { page, frame } = await open('admin', 'dark');
    await frame.getByTestId('tab-3').click();
    await frame.getByTestId('provision-item-gate').waitFor();
    expect(await frame.getByTestId('provision-item-gate').innerText()).toContain('Missing');
    await frame.getByTestId('provision-run').focus();
    await page.keyboard.press('Enter');
    // The run is queued (a consumer does it): the summary shows its progress until it has ended.
    await frame.getByTestId('provision-summary').waitFor();
    expect(await frame.getByTestId('provision-summary').innerText()).toMatch(
      /Provisioning is queued|Provisioning: \d+ of 23 items done|Created 23 of 23 missing items\./,
    );
    await frame.getByText('Created 23 of 23 missing items.').waitFor();
    expect(await frame.getByTestId('provision-item-gateType').innerText()).toContain('Created');
    expect(await frame.getByTestId('provision-item-stakeholderConfidence').innerText()).toContain('Created');
    await page.screenshot({ path: screenshotPath('settings-provisioned-dark'), fullPage: true });
    await frame.getByTestId('provision-run').click();
    await frame.getByText('Nothing to do: all 24 issue types and fields exist.').waitFor();
    expect(app.state.issueTypes.filter((t) => t.name === 'Gate')).toHaveLength(1);
    expect(app.state.fields.filter((f) => f.name === 'Stakeholder Confidence')).toHaveLength(1);
    await page.close();
  });

  it('switches an alert rule off and sets its days on the Alerts tab, refusing days out of bounds', async () => {
    const { page, frame } = await open('admin', 'light');
    await frame.getByTestId('tab-4').click();
    await frame.getByTestId('alert-rule-raid_overdue').waitFor();
    await frame.getByTestId('alert-on-raid_overdue--hidden-checkbox').uncheck();
    await frame.getByTestId('field-alerts-dueSoonBusinessDays').fill('99');
    await frame.getByTestId('error-alerts-dueSoonBusinessDays').waitFor();
    await frame.getByTestId('field-alerts-dueSoonBusinessDays').fill('3');
    await frame.getByTestId('field-alerts-projects').fill('IMP, ONB');
    await page.screenshot({ path: screenshotPath('settings-alerts-light'), fullPage: true });
    await frame.getByTestId('save-settings').click();
    await frame.getByText('Settings saved.').waitFor();
    const after = await readConfig(typedStore());
    expect(after.alerts.rules.raid_overdue).toBe(false);
    expect(after.alerts.rules.milestone_late).toBe(true);
    expect(after.alerts.dueSoonBusinessDays).toBe(3);
    expect(after.alerts.projects).toEqual(['IMP', 'ONB']);
    await page.close();
  });

  it('is read-only for someone who is not a Jira administrator', async () => {
    const { page, frame } = await open('consultant', 'light');
    await frame.getByTestId('read-only').waitFor();
    expect(await frame.getByTestId('save-settings').count()).toBe(0);
    expect(await frame.getByTestId('field-implementationLabel').isDisabled()).toBe(true);
    await page.close();
  });

  // Last: it saves settings the tests above do not expect.
  it('maps the on-hold statuses, the improvement label and the Stakeholder Confidence field, and sets their targets', async () => {
    const { page, frame } = await open('admin', 'light');
    expect(await frame.getByTestId('field-onHoldStatuses').inputValue()).toBe('On Hold');
    expect(await frame.getByTestId('field-labels-improvement').inputValue()).toBe('improvement');
    expect(await frame.getByTestId('field-fieldNames-stakeholderConfidence').innerText()).toContain(
      'Stakeholder Confidence',
    );
    await frame.getByTestId('field-onHoldStatuses').fill('On Hold, Paused by customer');
    await frame.getByTestId('field-labels-improvement').fill('kaizen');
    await frame.getByTestId('field-fieldNames-stakeholderConfidence').locator('input').first().fill('CSA');
    await frame.getByRole('option', { name: /^CSAT/ }).click();
    await frame.getByTestId('tab-1').click();
    await frame.getByTestId('target-stakeholder_confidence').waitFor();
    await frame.getByTestId('field-targets-stakeholder_confidence-value').fill('4.2');
    await frame.getByTestId('field-targets-improvement_throughput-value').fill('2');
    await frame.getByTestId('has-target-active_time_to_live_days--hidden-checkbox').check();
    await frame.getByTestId('op-active_time_to_live_days-<=').click();
    await frame.getByTestId('field-targets-active_time_to_live_days-value').fill('90');
    await page.screenshot({ path: screenshotPath('settings-new-kpi-targets-light'), fullPage: true });
    await frame.getByTestId('save-settings').click();
    await frame.getByText('Settings saved.').waitFor();
    const saved = await readConfig(typedStore());
    expect(saved.onHoldStatuses).toEqual(['On Hold', 'Paused by customer']);
    expect(saved.labels.improvement).toBe('kaizen');
    expect(saved.fieldNames.stakeholderConfidence).toBe('CSAT');
    expect(saved.fieldIds.stakeholderConfidence).toBe(app.state.fields.find((f) => f.name === 'CSAT')?.id);
    expect(saved.targets.stakeholder_confidence).toEqual({ op: '>=', value: 4.2 });
    expect(saved.targets.improvement_throughput).toEqual({ op: '>=', value: 2 });
    expect(saved.targets.active_time_to_live_days).toEqual({ op: '<=', value: 90 });
    await page.close();
  });
});
