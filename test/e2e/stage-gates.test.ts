// The Stage gates panel end to end: the real Custom UI bundle in Chromium, in the issue view of the
// local host, calling its real resolver through @forge/bridge as the chosen user, light and dark.
// Screenshots go to test-output/.
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { GatesPanel, GetGatesResult } from '../../src/contracts/stage-gates';
import { generatePortfolio } from '../../src/local/demo/generate';
import { HOST_USERS, startLocalApp, type LocalApp } from '../../src/local/host/app';
import { backgroundOf, launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const PANEL = 'runway-stage-gates';
const STATUS_TEXT = {
  passed: 'Passed',
  overridden: 'Overridden',
  rejected: 'Rejected',
  awaitingApproval: 'Awaiting approval',
  notReady: 'Not ready',
};

describe('the Stage gates panel in the browser', () => {
  let app: LocalApp;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    requireBuilt('stage-gates');
    const portfolio = generatePortfolio({ seed: 1 });
    const found = portfolio.implementations.find(
      (i) => i.project === 'IMP' && i.stage === 'in-flight' && i.key !== '',
    );
    if (!found) throw new Error('no in-flight implementation in IMP');
    key = found.key;
    app = await startLocalApp({ port: 0, state: portfolio.state });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function resolverView(as: string): Promise<GatesPanel> {
    const issue = app.state.issues.find((i) => i.key === key);
    const answer = (await app.forge.invoke({
      moduleKey: PANEL,
      functionKey: 'getGates',
      payload: {},
      as,
      context: { issue: { id: issue?.id ?? '', key, type: 'Epic', typeId: issue?.issueTypeId ?? '' } },
    })) as GetGatesResult;
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  }

  const openIssue = async (
    as: string,
    theme: 'light' | 'dark',
  ): Promise<{ page: Page; panel: FrameLocator; errors: string[] }> => {
    const opened = await openSurface(browser, app, {
      pagePath: `/browse/${key}`,
      moduleKey: PANEL,
      user: as,
      theme,
      readyTestId: 'gate-designSignOff',
    });
    return { page: opened.page, panel: opened.frame, errors: opened.errors };
  };

  for (const theme of ['light', 'dark'] as const) {
    it(`shows every gate, its status and criteria as the resolver computes them, in the ${theme} theme`, async () => {
      const expected = await resolverView('admin');
      const { page, panel, errors } = await openIssue('admin', theme);
      for (const g of expected.gates) {
        expect((await panel.getByTestId(`gate-status-${g.id}`).innerText()).trim().toLowerCase()).toBe(
          STATUS_TEXT[g.status].toLowerCase(),
        );
        for (const c of g.criteria)
          expect((await panel.getByTestId(`criterion-detail-${c.id}`).innerText()).trim()).toBe(c.detail);
      }
      const failing = expected.gates.flatMap((g) => g.criteria).find((c) => c.failing.length > 0);
      if (!failing) throw new Error('expected a failing criterion with issues in the demo');
      await panel
        .getByTestId(`criterion-issues-${failing.id}`)
        .getByTestId(`issue-link-${failing.failing[0]}`)
        .waitFor();
      // The panel's title once: Jira's bar above the frame, nothing inside repeats it.
      expect(await page.locator('section[aria-label="Stage gates"] .bar').innerText()).toBe('Stage gates');
      expect(await panel.getByText('Stage gates', { exact: true }).count()).toBe(0);
      expect(await panel.locator('html').getAttribute('data-color-mode')).toBe(theme);
      const background = await backgroundOf(panel);
      expect(background).toBe(theme === 'dark' ? 'rgb(31, 31, 33)' : 'rgb(255, 255, 255)');
      await page.screenshot({ path: screenshotPath(`stage-gates-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('opens an issue behind a criterion through the Forge router', async () => {
    const expected = await resolverView('admin');
    const criterion = expected.gates.flatMap((g) => g.criteria).find((c) => c.issues.length > 0);
    if (!criterion) throw new Error('expected a criterion with issues');
    const { page, panel } = await openIssue('admin', 'light');
    await panel
      .getByTestId(`criterion-issues-${criterion.id}`)
      .getByTestId(
        `issue-link-${criterion.issues.find((k) => criterion.failing.includes(k)) ?? criterion.issues[0]}`,
      )
      .first()
      .click();
    // The panel's own page is /browse/<key> already: wait for the router to leave it.
    await page.waitForURL(
      (url) => /^\/browse\/IMP-\d+$/.test(url.pathname) && url.pathname !== `/browse/${key}`,
    );
    expect(page.url()).not.toContain(`/browse/${key}?`);
    await page.close();
  });

  it('lets an approver reject and approve from the keyboard, with the comment required for a rejection, the focus following', async () => {
    const { page, panel } = await openIssue('admin', 'light');
    // At the narrowest width Jira gives an issue panel.
    await page
      .getByTestId(`frame-${PANEL}`)
      .evaluate((el) => ((el as unknown as { style: { width: string } }).style.width = '560px'));
    const focused = () =>
      panel
        .locator(':focus')
        .evaluate((el) => el.getAttribute('data-testid') ?? el.getAttribute('aria-label'));
    // Escape closes the form and gives the focus back to the button that opened it.
    await panel.getByTestId('approve-designSignOff').focus();
    await page.keyboard.press('Enter');
    await panel.getByTestId('action-comment').waitFor();
    await page.keyboard.press('Escape');
    await panel.getByTestId('action-form').waitFor({ state: 'detached' });
    expect(await focused()).toBe('approve-designSignOff');

    const reject = panel.getByTestId('reject-designSignOff');
    await reject.focus();
    await page.keyboard.press('Enter');
    await panel.getByTestId('action-comment').waitFor();
    expect(
      await panel.getByTestId('action-comment').evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    await panel.getByTestId('action-submit').focus();
    await page.keyboard.press('Enter');
    await panel.getByText('A rejection needs a comment saying why.').waitFor();
    await panel.getByTestId('action-comment').fill('Security design not reviewed yet');
    await panel.getByTestId('action-submit').focus();
    await page.keyboard.press('Enter');
    await panel.getByTestId('gate-notice').waitFor();
    expect((await panel.getByTestId('gate-status-designSignOff').innerText()).trim().toLowerCase()).toBe(
      'rejected',
    );
    expect(await panel.getByTestId('gate-notice').innerText()).toMatch(
      /Design Sign-off rejected\. IMP-\d+ reopened \(Reopened\)\./,
    );
    expect(await panel.getByTestId('rejection-designSignOff').innerText()).toContain(
      'Security design not reviewed yet',
    );
    // The focus is on the result: the gate's decisions, where the rejection now shows.
    expect(await focused()).toBe('Decisions on Design Sign-off');

    await panel.getByTestId('approve-designSignOff').focus();
    await page.keyboard.press('Enter');
    await panel.getByTestId('action-comment').fill('Reviewed with the customer');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await panel.locator('[data-testid="gate-status-designSignOff"]', { hasText: /passed/i }).waitFor();
    expect(await focused()).toBe('Decisions on Design Sign-off');
    expect(await panel.getByTestId('audit-log').innerText()).toMatch(
      /approved\s+Design Sign-off[\s\S]*rejected\s+Design Sign-off/,
    );
    await page.screenshot({ path: screenshotPath('stage-gates-signed-light'), fullPage: true });
    await page.close();
  });

  // Issue 10 item 6: Confluence answers 404 alike for a deleted page and a hidden one, so the
  // evidence reads "could not check" (with why), never "missing", and is not held against the gate.
  it('shows a Confluence page Confluence no longer shows as "Could not check", saying why', async () => {
    const restricted = app.state.confluence.spaces.find((s) => s.key === 'ENTP')?.id;
    const doc = app.state.confluence.pages.find((p) => p.status === 'current' && p.spaceId !== restricted);
    if (!doc) throw new Error('no Confluence page');
    const { page, panel } = await openIssue('consultant', 'light');
    await panel.getByTestId('evidence-uatReadiness').click();
    await panel.getByTestId('evidence-type-confluencePage').click();
    await panel.getByTestId('evidence-target').fill(doc.id);
    await panel.getByTestId('action-comment').fill('Design notes');
    await panel.getByTestId('action-submit').click();
    await panel.getByTestId('evidence-list-uatReadiness').getByText(doc.title).waitFor();
    await page.close();

    const gone = await app.forge.site.handle({
      method: 'DELETE',
      path: `/wiki/api/v2/pages/${doc.id}`,
      accountId: HOST_USERS[0].accountId,
    });
    expect(gone.status).toBe(204);
    const again = await openIssue('consultant', 'light');
    const list = again.panel.getByTestId('evidence-list-uatReadiness');
    await list.getByText('Could not check', { exact: true }).waitFor();
    const text = await list.innerText();
    expect([
      text.includes('could not check this evidence: Confluence answered 404'),
      text.includes(doc.title),
    ]).toEqual([true, false]);
    await again.page.screenshot({
      path: screenshotPath('stage-gates-unchecked-evidence-light'),
      fullPage: true,
    });
    expect(again.errors).toEqual([]);
    await again.page.close();
  });

  it('attaches a Jira issue as evidence and, once the issue is deleted, shows it without its key or title', async () => {
    const child = app.state.issues.find(
      (i) => i.parentId === app.state.issues.find((x) => x.key === key)?.id,
    );
    if (!child) throw new Error('no child issue');
    const { page, panel } = await openIssue('consultant', 'dark');
    await panel.getByTestId('evidence-uatReadiness').click();
    await panel.getByTestId('evidence-type-jiraIssue').click();
    await panel.getByTestId('evidence-target').fill(child.key);
    await panel.getByTestId('action-comment').fill('Test report');
    await panel.getByTestId('action-submit').click();
    await panel.getByTestId('evidence-list-uatReadiness').waitFor();
    expect(await panel.getByTestId('evidence-list-uatReadiness').innerText()).toContain(child.key);
    await page.close();

    app.state.issues.splice(app.state.issues.indexOf(child), 1);
    const again = await openIssue('consultant', 'dark');
    const state = again.panel.getByTestId('evidence-list-uatReadiness').getByText('Missing');
    await state.waitFor();
    const list = await again.panel.getByTestId('evidence-list-uatReadiness').innerText();
    expect([
      list.includes('an item you cannot see'),
      list.includes(child.key),
      list.includes(child.summary),
    ]).toEqual([true, false, false]);
    await again.page.screenshot({
      path: screenshotPath('stage-gates-missing-evidence-dark'),
      fullPage: true,
    });
    expect(again.errors).toEqual([]);
    await again.page.close();
    app.state.issues.push(child);
  });

  it('removes evidence only after a confirmation, and the audit names what was removed', async () => {
    const { page, panel, errors } = await openIssue('consultant', 'light');
    await panel.getByTestId('evidence-uatReadiness').click();
    await panel.getByTestId('evidence-type-url').click();
    await panel.getByTestId('evidence-target').fill('https://example.com/cutover-plan.pdf');
    await panel.getByTestId('evidence-title').fill('Cutover plan');
    await panel.getByTestId('action-submit').click();
    const item = panel.getByTestId('evidence-list-uatReadiness').locator('li', { hasText: 'Cutover plan' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Remove evidence Cutover plan' }).click();
    const confirm = item.getByRole('alertdialog');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await item.count()).toBe(1);
    const focusedLabel = () => panel.locator(':focus').getAttribute('aria-label');
    expect(await focusedLabel()).toBe('Remove evidence Cutover plan');
    await item.getByRole('button', { name: 'Remove evidence Cutover plan' }).click();
    await item.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await item.waitFor({ state: 'detached' });
    expect(await focusedLabel()).toBe('Evidence of UAT Readiness');
    expect(await panel.getByTestId('audit-log').innerText()).toMatch(
      /removed evidence from\s+UAT Readiness: Cutover plan/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers no Approve on a passed gate', async () => {
    const issue = app.state.issues.find((i) => i.key === key);
    const context = { issue: { id: issue?.id ?? '', key, type: 'Epic', typeId: issue?.issueTypeId ?? '' } };
    if ((await resolverView('admin')).gates.every((g) => g.status !== 'passed'))
      await app.forge.invoke({
        moduleKey: PANEL,
        functionKey: 'signGate',
        payload: { gateId: 'designSignOff', decision: 'approve', comment: 'Reviewed' },
        as: 'admin',
        context,
      });
    const expected = await resolverView('admin');
    const passed = expected.gates.filter((g) => g.status === 'passed');
    expect(passed.length).toBeGreaterThan(0);
    const { page, panel } = await openIssue('admin', 'light');
    for (const g of passed) {
      await panel.getByTestId(`gate-${g.id}`).waitFor();
      expect(await panel.getByTestId(`approve-${g.id}`).count()).toBe(0);
      expect(await panel.getByTestId(`reject-${g.id}`).count()).toBe(1);
    }
    await page.close();
  });

  it('gives a viewer a read-only panel: no sign-off, override or evidence actions', async () => {
    const { page, panel } = await openIssue('viewer', 'dark');
    await panel.getByTestId('audit-log').waitFor();
    expect(
      await panel.getByRole('button', { name: /^(Approve|Reject|Override|Add evidence|Remove)/ }).count(),
    ).toBe(0);
    await page.screenshot({ path: screenshotPath('stage-gates-viewer-dark'), fullPage: true });
    await page.close();
  });
});
