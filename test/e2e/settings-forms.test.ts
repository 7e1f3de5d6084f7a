// Settings for admins (issue 13): approvers picked from Jira's people and groups by name, gate
// criteria edited with a form per kind (no JSON), fields chosen from the site's fields by name,
// labels in words, the Fields layout without gaps, and Save and Discard in view however far the
// admin scrolls. At 1280 and 800 px, light and dark; screenshots in test-output/.
import * as fs from 'node:fs';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { createBaseSite } from '../../src/local/demo/catalog';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { readConfig, typedStore } from '../../src/storage';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const PAGE = 'runway-settings';

/** What the layout checks read of an element (the tests' types have no DOM library). */
interface Box {
  parentElement: Box | null;
  querySelector(selector: string): Box | null;
  getBoundingClientRect(): { top: number; bottom: number; height: number };
}
const PATH = `/admin/apps/${PAGE}`;

/** axe's browser bundle (as accessibility.test.ts runs it: through the DevTools protocol, no <script>). */
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe's serious and critical violations in the Settings frame, as they stand now. */
async function axeProblems(page: Page): Promise<string[]> {
  const handle = await page.locator(`[data-testid="frame-${PAGE}"]`).elementHandle();
  const target = await handle?.contentFrame();
  if (!target) throw new Error('no Settings frame');
  await target.evaluate(AXE);
  const violations = await target.evaluate(async () => {
    type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> };
    const g = globalThis as unknown as {
      axe: { run: (ctx: unknown) => Promise<{ violations: Violation[] }> };
      document: unknown;
    };
    return (await g.axe.run(g.document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

/** Whether `testId` of the frame lies wholly inside the browser's viewport (what the admin sees). */
async function inView(page: Page, frame: FrameLocator, testId: string): Promise<boolean> {
  const box = await frame.getByTestId(testId).boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return (
    box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width
  );
}

/** Types into the select inside `testId` and picks the option showing `option`. */
async function pick(frame: FrameLocator, testId: string, text: string, option: RegExp) {
  const input = frame.getByTestId(testId).locator('input').first();
  await input.fill(text);
  await frame.getByRole('option', { name: option }).first().click({ timeout: 15_000 });
}

describe('Settings for admins, in the browser', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('settings');
    app = await startLocalApp({ port: 0, state: createBaseSite({ provisioned: true }) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = async (theme: 'light' | 'dark', width = 1280) => {
    const opened = await openSurface(browser, app, {
      pagePath: PATH,
      moduleKey: PAGE,
      user: 'admin',
      theme,
      readyTestId: 'field-implementationLabel',
    });
    if (width !== 1280) {
      await opened.page.setViewportSize({ width, height: 1000 });
      await opened.page.waitForTimeout(300);
    }
    return opened;
  };

  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1280, 800]) {
      it(`lays out every tab at ${width} px in the ${theme} theme, Save and Discard in view at the bottom of each`, async () => {
        const { page, frame, errors } = await open(theme, width);
        const overflow = await frame.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await frame.getByTestId('field-fieldNames-firstValue').scrollIntoViewIfNeeded();
        await page.screenshot({ path: screenshotPath(`settings-mappings-${width}-${theme}`) });
        if (width === 1280) expect(await axeProblems(page)).toEqual([]);
        for (const [tab, name] of [
          [1, 'targets'],
          [2, 'gates'],
          [4, 'alerts'],
        ] as const) {
          await frame.getByTestId(`tab-${tab}`).click();
          await page.waitForTimeout(200);
          // Scrolled to the very end of the tab: the actions are still where the admin can reach them.
          await frame.getByTestId(`settings-scroll-${tab}`).evaluate((el) => el.scrollTo(0, el.scrollHeight));
          await page.waitForTimeout(100);
          expect(await inView(page, frame, 'save-settings')).toBe(true);
          expect(await inView(page, frame, 'discard-settings')).toBe(true);
          await page.screenshot({ path: screenshotPath(`settings-${name}-${width}-${theme}`) });
          if (width === 1280) expect(await axeProblems(page)).toEqual([]);
        }
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }

  it('shows each field by its name in words, right under its label, chosen from the site’s fields', async () => {
    const { page, frame } = await open('light', 800);
    const first = frame.getByTestId('field-fieldNames-firstValue');
    await first.scrollIntoViewIfNeeded();
    expect(await frame.getByText('First value date', { exact: true }).count()).toBe(1);
    expect(await first.innerText()).toContain('First Value Date');
    // No gap between a label and its box, and none between rows of the Fields grid.
    const gaps = await frame.getByTestId('field-fieldNames-firstValue').evaluate((el) => {
      const box = el as unknown as Box;
      const label = box.parentElement?.querySelector('label');
      return label ? box.getBoundingClientRect().top - label.getBoundingClientRect().bottom : Infinity;
    });
    expect(gaps).toBeLessThanOrEqual(8);
    const rows = await frame
      .locator('[data-testid^="field-fieldNames-"]')
      .evaluateAll((els) =>
        els.map((el) =>
          Math.round((el as unknown as Box).parentElement?.getBoundingClientRect().height ?? Infinity),
        ),
      );
    expect(Math.max(...rows)).toBeLessThan(110);
    // Labels in words, never keys.
    const mappings = await frame.getByTestId('settings-scroll-0').innerText();
    for (const key of ['firstValue', 'implementationCaused', 'playbookPrefix', 'fieldIds'])
      expect(mappings).not.toContain(key);

    const csatBefore = app.state.fields.find((f) => f.name === 'CSAT');
    if (!csatBefore) throw new Error('the site has no CSAT field');
    await pick(frame, 'field-fieldNames-csat', 'Stake', /^Stakeholder Confidence/);
    // The same field for two things is pointed out under both.
    const shared = frame.getByText('Also chosen for Stakeholder confidence: each needs its own field.');
    await shared.waitFor();
    await frame.getByText('Also chosen for CSAT: each needs its own field.').waitFor();
    await frame.getByTestId('save-settings').click();
    await frame.getByTestId('settings-notice').filter({ hasText: 'Settings saved.' }).waitFor();
    const saved = await readConfig(typedStore());
    const confidence = app.state.fields.find((f) => f.name === 'Stakeholder Confidence');
    expect(saved.fieldNames.csat).toBe('Stakeholder Confidence');
    expect(saved.fieldIds.csat).toBe(confidence?.id);
    await page.screenshot({ path: screenshotPath('settings-field-picked-800-light') });
    await page.close();
  });

  it('picks approvers by name from Jira’s people and groups and saves their ids', async () => {
    const { page, frame } = await open('dark', 1280);
    await frame.getByTestId('tab-2').click();
    await frame.getByTestId('gate-editor-1').waitFor();
    await pick(frame, 'field-gates-1-approvers-users', 'ada', /Ada Ito/);
    await pick(frame, 'field-gates-1-approvers-groups', 'LEADS', /implementation-leads/);
    const users = frame.getByTestId('field-gates-1-approvers-users');
    expect(await users.innerText()).toContain('Ada Ito');
    await page.screenshot({ path: screenshotPath('settings-approvers-1280-dark') });
    await frame.getByTestId('save-settings').click();
    await frame.getByTestId('settings-notice').filter({ hasText: 'Settings saved.' }).waitFor();
    const saved = await readConfig(typedStore());
    const ada = app.state.users.find((u) => u.displayName === 'Ada Ito');
    expect(saved.gates[1].approvers.users).toEqual([ada?.accountId]);
    expect(saved.gates[1].approvers.groups).toEqual(['implementation-leads']);
    await page.close();

    // Opened again, the approver shows by name, not account id.
    const again = await open('light', 1280);
    await again.frame.getByTestId('tab-2').click();
    const shown = await again.frame.getByTestId('field-gates-1-approvers-users').innerText();
    expect(shown).toContain('Ada Ito');
    expect(shown).not.toContain(ada?.accountId ?? '?');
    await again.page.close();
  });

  it('edits gate criteria with a form per kind, a rate threshold in percent, and errors in words next to the field', async () => {
    const { page, frame } = await open('light', 1280);
    await frame.getByTestId('tab-2').click();
    await frame.getByTestId('gate-editor-0').waitFor();
    expect(await frame.locator('textarea').count()).toBe(0);
    // Gate 4 (Go-Live Readiness): a KPI criterion with its own threshold of 85 %.
    await frame.getByTestId('add-criterion-3').scrollIntoViewIfNeeded();
    const kind = frame.locator('#add-criterion-kind-3');
    await kind.fill('KPI is at its target');
    await kind.press('Enter');
    await frame.getByTestId('add-criterion-3').click();
    const at = 'gates-3-criteria-6';
    await frame.getByTestId(`criterion-${at}`).waitFor();
    await pick(frame, `field-${at}-kpi`, 'Integration', /Integration success rate/);
    await frame.getByTestId(`own-threshold-${at}-threshold--hidden-checkbox`).check();
    await frame.getByTestId(`field-${at}-threshold-value`).fill('850');
    const error = frame.getByTestId(`error-${at}-threshold-value`);
    await error.waitFor();
    expect(await error.innerText()).toBe('expected a percentage from 0 to 100');
    const summary = await frame.getByTestId('settings-errors').innerText();
    expect(summary).toContain('Gate 4, criterion 7, threshold, value: expected a percentage from 0 to 100');
    expect(summary.match(/criterion 7/g)).toHaveLength(1);
    await page.screenshot({ path: screenshotPath('settings-criterion-error-1280-light') });
    await frame.getByTestId(`field-${at}-threshold-value`).fill('85');
    // The first gate's criterion: the label and "when none" chosen from words.
    await pick(frame, 'field-gates-0-criteria-0-whenNone', 'fails', /The criterion fails/);
    // A new gate is named, not given an id; its "earlier gates" form offers the six before it.
    await frame.getByTestId('new-gate-name').fill('Security review');
    await frame.getByTestId('add-gate').click();
    await frame.getByTestId('gate-editor-6').waitFor();
    await frame.locator('#add-criterion-kind-6').fill('Earlier gates');
    await frame.locator('#add-criterion-kind-6').press('Enter');
    await frame.getByTestId('add-criterion-6').click();
    expect(
      await frame.locator('[data-testid^="check-gates-6-criteria-0-gates-"][type="checkbox"]').count(),
    ).toBe(6);
    await frame.getByTestId('save-settings').click();
    await frame.getByTestId('settings-notice').filter({ hasText: 'Settings saved.' }).waitFor();
    const saved = await readConfig(typedStore());
    expect(saved.gates[6]).toMatchObject({
      id: 'securityReview',
      name: 'Security review',
      criteria: [{ kind: 'gatesPassed', gates: ['hypercareExit'] }],
    });
    expect(saved.gates[3].criteria[6]).toEqual({
      kind: 'kpiAtTarget',
      title: 'A KPI is at its target',
      kpi: 'integration_success_rate',
      threshold: { op: '>=', value: 0.85 },
    });
    expect(saved.gates[0].criteria[0]).toMatchObject({ kind: 'itemsDone', whenNone: 'fail' });
    await page.close();
  });
});
