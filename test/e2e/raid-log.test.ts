// The RAID log panel end to end: the real Custom UI bundle in Chromium, in the issue view of the
// local host, calling its real resolver through @forge/bridge as the chosen user, light and dark.
// Screenshots go to test-output/.
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { RaidLogView } from '../../src/contracts/raid-log';
import type { ResolverResult } from '../../src/contracts/result';
import { generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { backgroundOf, launchChromium, requireBuilt, screenshotPath, typeDate } from './support';

const PANEL = 'runway-raid-log';

describe('the RAID log panel in the browser', () => {
  let app: LocalApp;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    requireBuilt('raid-log');
    const portfolio = generatePortfolio({ seed: 1 });
    app = await startLocalApp({ port: 0, state: portfolio.state });
    const found = portfolio.implementations.find(
      (i) => i.project === 'IMP' && i.stage === 'in-flight' && i.key !== '',
    );
    if (!found) throw new Error('no in-flight implementation in IMP');
    key = found.key;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function resolverView(as: string): Promise<RaidLogView> {
    const issue = app.state.issues.find((i) => i.key === key);
    const answer = (await app.forge.invoke({
      moduleKey: PANEL,
      functionKey: 'getRaidLog',
      payload: {},
      as,
      context: { issue: { id: issue?.id ?? '', key, type: 'Epic', typeId: issue?.issueTypeId ?? '' } },
    })) as ResolverResult<RaidLogView>;
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  }

  async function openIssue(
    as: string,
    theme: 'light' | 'dark',
  ): Promise<{ page: Page; panel: FrameLocator; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}/browse/${key}?user=${as}&theme=${theme}`);
    const panel = page.frameLocator(`[data-testid="frame-${PANEL}"]`);
    await panel.getByTestId('raid-table--table').waitFor({ timeout: 20_000 });
    return { page, panel, errors };
  }

  const shownCount = async (panel: FrameLocator) =>
    Number(/(\d+) of \d+ items/.exec(await panel.getByTestId('raid-shown').innerText())?.[1]);

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the counts, heat map and items the resolver computes, in the ${theme} theme`, async () => {
      const view = await resolverView('consultant');
      const { page, panel, errors } = await openIssue('consultant', theme);
      expect(await panel.getByTestId('raid-count-high-value').innerText()).toBe(
        String(view.counts.openHighRisks),
      );
      expect(await panel.getByTestId('raid-count-overdue-value').innerText()).toBe(
        String(view.counts.overdue),
      );
      for (let p = 1; p <= 5; p++) {
        for (let i = 1; i <= 5; i++) {
          const text = (await panel.getByTestId(`heat-cell-${p}-${i}`).innerText()).trim();
          expect(text).toBe(view.heatMap[p - 1][i - 1] > 0 ? String(view.heatMap[p - 1][i - 1]) : '');
        }
      }
      expect(await shownCount(panel)).toBe(view.items.length);
      // The panel's title once: Jira's bar above the frame, nothing inside repeats it.
      expect(await page.locator('section[aria-label="RAID log"] .bar').innerText()).toBe('RAID log');
      expect(await panel.getByText('RAID log', { exact: true }).count()).toBe(0);
      expect(await panel.locator('html').getAttribute('data-color-mode')).toBe(theme);
      const background = await backgroundOf(panel);
      expect(background).toBe(theme === 'dark' ? 'rgb(31, 31, 33)' : 'rgb(255, 255, 255)');
      await page.screenshot({ path: screenshotPath(`raid-log-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('filters the table by a heat-map cell, reached and pressed with the keyboard', async () => {
    const view = await resolverView('consultant');
    const { page, panel } = await openIssue('consultant', 'light');
    let cell: [number, number] | null = null;
    for (let p = 5; p >= 1 && cell === null; p--)
      for (let i = 5; i >= 1 && cell === null; i--) if (view.heatMap[p - 1][i - 1] > 0) cell = [p, i];
    if (cell === null) throw new Error('the heat map is empty');
    const [p, i] = cell;
    await panel.getByTestId(`heat-cell-${p}-${i}`).focus();
    await page.keyboard.press('Enter');
    expect(await panel.getByTestId(`heat-cell-${p}-${i}`).getAttribute('aria-pressed')).toBe('true');
    expect(await shownCount(panel)).toBe(view.heatMap[p - 1][i - 1]);
    const expectedKeys = view.items
      .filter((x) => !x.done && x.probability === p && x.impact === i)
      .map((x) => x.key);
    for (const k of expectedKeys) await panel.getByTestId(`raid-row-${k}`).waitFor();
    await panel.getByTestId('raid-clear-filters').click();
    expect(await shownCount(panel)).toBe(view.items.length);
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`makes the heat map one tab stop with the arrow keys inside, its axes named, its bands apart (${theme})`, async () => {
      const view = await resolverView('consultant');
      const { page, panel } = await openIssue('consultant', theme);
      const cells = panel.locator('[data-testid^="heat-cell-"]');
      expect(await cells.count()).toBe(25);
      const tabbable = await cells.evaluateAll(
        (els) => els.filter((e) => e.getAttribute('tabindex') !== '-1').length,
      );
      expect(tabbable).toBe(1);
      const heat = panel.getByTestId('raid-heat-map');
      expect(await heat.innerText()).toMatch(/Probability/);
      expect(await heat.innerText()).toMatch(/Impact/);
      // Top left is probability 5 × impact 1; Down then Right twice is probability 4 × impact 3.
      await panel.getByTestId('heat-cell-5-1').focus();
      for (const k of ['ArrowDown', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(k);
      const focused = () => panel.locator(':focus').getAttribute('data-testid');
      expect(await focused()).toBe('heat-cell-4-3');
      await page.keyboard.press('End');
      expect(await focused()).toBe('heat-cell-4-5');
      // One Tab leaves the grid for the next control.
      await page.keyboard.press('Tab');
      expect(await panel.locator(':focus').count()).toBe(1);
      expect((await focused()) ?? '').not.toMatch(/^heat-cell-/);
      // Each band its own colour; 15 and up is high, 20 and up critical.
      const colour = (p: number, i: number) =>
        panel
          .getByTestId(`heat-cell-${p}-${i}`)
          .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor);
      const [low, medium, high, critical] = await Promise.all([
        colour(1, 1),
        colour(2, 3),
        colour(3, 5),
        colour(4, 5),
      ]);
      expect(new Set([low, medium, high, critical]).size).toBe(4);
      expect(view.heatMapBands[2][4]).toBe('high');
      expect(await colour(4, 4)).toBe(high);
      await heat.screenshot({ path: screenshotPath(`raid-heat-map-${theme}`) });
      await page.close();
    });
  }

  it('returns the focus to the value that opened an editor after Esc and after Save', async () => {
    const view = await resolverView('consultant');
    const risk = view.items.find((x) => x.kind === 'risk' && !x.done);
    if (!risk) throw new Error('no open risk');
    const { page, panel } = await openIssue('consultant', 'light');
    const focused = () => panel.locator(':focus').getAttribute('data-testid');
    await panel.getByTestId(`raid-due-${risk.key}`).click();
    // The editor opens with its calendar: the first Escape closes the calendar, the next the editor.
    const input = panel.getByTestId(`raid-due-${risk.key}-input-select--input`);
    await input.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await input.press('Escape');
    await panel.getByTestId(`raid-due-${risk.key}`).waitFor();
    expect(await focused()).toBe(`raid-due-${risk.key}`);
    await panel.getByTestId(`raid-due-${risk.key}`).click();
    // Atlaskit's date picker, in the user's locale (en-US): typed as shown, shown as typed.
    await typeDate(panel, `raid-due-${risk.key}-input`, 'Apr 1, 2027');
    await panel.getByTestId(`raid-due-${risk.key}--save`).click();
    await panel.getByTestId(`raid-due-${risk.key}`).filter({ hasText: 'Apr 1, 2027' }).waitFor();
    expect(await focused()).toBe(`raid-due-${risk.key}`);
    await page.close();
  });

  it('shows dates in the locale of the user’s Jira profile, and reads the picker in it', async () => {
    const view = await resolverView('consultant');
    const item = view.items.find((x) => x.dueDate !== null && !x.done);
    if (!item?.dueDate) throw new Error('no open item with a due date');
    const user = app.state.users.find((u) => u.displayName === 'Marco Rossi');
    if (!user) throw new Error('no consultant');
    const saved = user.locale;
    user.locale = 'de_DE';
    try {
      const { page, panel, errors } = await openIssue('consultant', 'dark');
      const german = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' });
      const shown = german.format(new Date(`${item.dueDate}T00:00:00Z`));
      // The button's text is the date, then its visually hidden ", edit due date of KEY".
      expect((await panel.getByTestId(`raid-due-${item.key}`).innerText()).trim()).toMatch(
        new RegExp(`^${shown.replace(/\./g, '\\.')}\\s*, edit due date of ${item.key}$`),
      );
      // Typed the German way (day first), shown and saved as that day.
      await panel.getByTestId(`raid-due-${item.key}`).click();
      await typeDate(panel, `raid-due-${item.key}-input`, '2.3.2027');
      await panel.getByTestId(`raid-due-${item.key}--save`).click();
      await panel.getByTestId(`raid-due-${item.key}`).filter({ hasText: '02.03.2027' }).waitFor();
      expect((await resolverView('consultant')).items.find((x) => x.key === item.key)?.dueDate).toBe(
        '2027-03-02',
      );
      await page.screenshot({ path: screenshotPath('raid-log-de-DE-dark'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      user.locale = saved;
    }
  });

  it('filters by type and sorts by score', async () => {
    const view = await resolverView('consultant');
    const { page, panel } = await openIssue('consultant', 'light');
    await panel.locator('#raid-filter-kind').click();
    await panel.getByRole('option', { name: 'Risk', exact: true }).click();
    expect(await shownCount(panel)).toBe(view.items.filter((x) => x.kind === 'risk').length);
    await panel.getByRole('button', { name: 'Score', exact: true }).click();
    const scores = await panel.locator('[data-testid^="raid-score-"]').allInnerTexts();
    const numbers = scores.map((s) => (s.trim() === '—' ? null : Number(s)));
    const present = numbers.filter((n): n is number => n !== null);
    expect([...present].sort((a, b) => b - a)).toEqual(present);
    await page.close();
  });

  it('edits impact in place and rescores; a failed edit keeps the input and says why', async () => {
    const view = await resolverView('consultant');
    const risk = view.items.find((x) => x.kind === 'risk' && !x.done && x.probability !== null);
    if (!risk) throw new Error('no open scored risk');
    const { page, panel } = await openIssue('consultant', 'light');
    await panel.getByTestId(`raid-impact-${risk.key}`).click();
    await panel.locator(`#raid-impact-${risk.key}-input`).waitFor();
    await panel.getByRole('option', { name: '5', exact: true }).click();
    await panel.getByTestId(`raid-impact-${risk.key}--save`).click();
    await panel.getByTestId(`raid-impact-${risk.key}`).filter({ hasText: '5' }).waitFor();
    expect((await panel.getByTestId(`raid-score-${risk.key}`).innerText()).trim()).toBe(
      String((risk.probability ?? 0) * 5),
    );

    // Jira takes the edit permission away while the panel is open: the save fails, the input stays.
    const project = app.state.projects.find((x) => x.key === 'IMP');
    if (!project) throw new Error('no IMP');
    const saved = project.permissions.EDIT_ISSUES;
    project.permissions.EDIT_ISSUES = [];
    try {
      await panel.getByTestId(`raid-due-${risk.key}`).click();
      await typeDate(panel, `raid-due-${risk.key}-input`, '3/15/2027');
      await panel.getByTestId(`raid-due-${risk.key}--save`).click();
      const error = panel.getByTestId(`raid-due-${risk.key}--error`);
      await error.waitFor();
      expect(await error.innerText()).toContain(`You do not have permission to edit ${risk.key}`);
      expect(await panel.getByTestId(`raid-due-${risk.key}-input--container`).innerText()).toContain(
        'Mar 15, 2027',
      );
      await page.screenshot({ path: screenshotPath('raid-log-failed-edit'), fullPage: true });
    } finally {
      project.permissions.EDIT_ISSUES = saved;
    }
    await page.close();
  });

  it('picks the first person who matches when Enter is pressed in the owner picker', async () => {
    const view = await resolverView('consultant');
    const item = view.items.find((x) => !x.done && x.owner?.displayName !== 'Marco Rossi');
    if (!item) throw new Error('no open item to reassign');
    const { page, panel } = await openIssue('consultant', 'light');
    await panel.getByTestId(`raid-owner-${item.key}`).click();
    const input = panel.locator(`#raid-owner-${item.key}-input`);
    await input.fill('Marco');
    await panel.getByRole('option', { name: 'Marco Rossi' }).waitFor();
    await input.press('Enter');
    await panel.getByTestId(`raid-owner-${item.key}--save`).click();
    await panel.getByTestId(`raid-owner-${item.key}`).filter({ hasText: 'Marco Rossi' }).waitFor();
    expect((await resolverView('consultant')).items.find((x) => x.key === item.key)?.owner?.displayName).toBe(
      'Marco Rossi',
    );
    await page.close();
  });

  it('creates a risk in place and shows it with its score; Escape and Create move the focus', async () => {
    const before = await resolverView('consultant');
    const { page, panel } = await openIssue('consultant', 'dark');
    // At the widest an issue panel gets.
    await page
      .getByTestId(`frame-${PANEL}`)
      .evaluate((el) => ((el as unknown as { style: { width: string } }).style.width = '760px'));
    const focused = () => panel.locator(':focus').getAttribute('data-testid');
    // Escape in an open menu closes the menu only; the next one cancels, back to Add.
    await panel.getByTestId('raid-add').click();
    await panel.locator('#raid-create-kind').focus();
    await page.keyboard.press('ArrowDown');
    await panel.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    expect(await panel.getByTestId('raid-create').count()).toBe(1);
    await page.keyboard.press('Escape');
    await panel.getByTestId('raid-create').waitFor({ state: 'detached' });
    expect(await focused()).toBe('raid-add');

    await page.keyboard.press('Enter');
    // A required field left empty says so under it, in Atlaskit's error message (no browser bubble).
    await panel.getByTestId('raid-create-submit').click();
    expect(await panel.getByTestId('raid-create-summary-error').innerText()).toContain('Write a summary.');
    const summary = panel.getByTestId('raid-create-summary');
    expect(await summary.getAttribute('aria-invalid')).toBe('true');
    expect(await summary.getAttribute('aria-describedby')).toBe('raid-create-summary-error');
    expect(await panel.locator('form').first().getAttribute('novalidate')).toBe('');
    await panel.getByTestId('raid-create-summary').fill('Key user leaves before UAT');
    await panel.locator('#raid-create-probability').click();
    await panel.getByRole('option', { name: '3', exact: true }).click();
    await panel.locator('#raid-create-impact').click();
    await panel.getByRole('option', { name: '5', exact: true }).click();
    await panel.getByTestId('raid-create-submit').click();
    await panel.getByTestId('raid-notice').waitFor();
    // The focus is on what was created: the notice naming it.
    expect(await focused()).toBe('raid-notice');
    const created = /([A-Z]+-\d+) created/.exec(await panel.getByTestId('raid-notice').innerText())?.[1];
    expect(created).toBeDefined();
    await panel
      .getByTestId(`raid-row-${created}`)
      .waitFor({ timeout: 10_000 })
      .catch(async () => {
        // the new item may be on another page of the table: narrow to it
        await panel.locator('#raid-filter-kind').click();
        await panel.getByRole('option', { name: 'Risk', exact: true }).click();
      });
    const after = await resolverView('consultant');
    expect(after.counts.total).toBe(before.counts.total + 1);
    expect(after.items.find((x) => x.key === created)).toMatchObject({ score: 15, kind: 'risk' });
    await page.screenshot({ path: screenshotPath('raid-log-created-dark'), fullPage: true });
    await page.close();
  });

  it('names an editable value by what it shows, then what it does (what a speech user says works)', async () => {
    const view = await resolverView('consultant');
    const item = view.items.find((x) => x.status !== null && x.owner?.displayName);
    if (!item?.status || !item.owner?.displayName) throw new Error('no item with a status and an owner');
    const { page, panel } = await openIssue('consultant', 'light');
    // (the visually hidden part is its own box, so a space may come before its comma)
    const named = (shown: string, what: string) =>
      panel.getByRole('button', { name: new RegExp(`^${shown} ?, edit ${what} of ${item.key}$`) });
    await named(item.status, 'status').waitFor();
    await named(item.owner.displayName, 'owner').waitFor();
    await page.close();
  });

  it('is read-only for the viewer: no add button, no editable cells', async () => {
    const { page, panel } = await openIssue('viewer', 'light');
    expect(await panel.getByTestId('raid-add').count()).toBe(0);
    expect(await panel.getByRole('button', { name: /, edit / }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('raid-log-viewer-light'), fullPage: true });
    await page.close();
  });
});
