// "Start from playbook" end to end: the implementations page's real Custom UI in Chromium on the
// local host, as the chosen user, light and dark. The dialog is Forge's Modal: the resource
// start-dialog in a frame over the whole page, whose footer stays in the window at any height.
// Focus returns to the button (Escape, Cancel) or goes to what was created. Screenshots go to
// test-output/.
import * as fs from 'node:fs';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { choose, launchChromium, openSurface, requireBuilt, screenshotPath, typeDate } from './support';

const PAGE = 'runway-implementations';
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** The modal's frame, over the page. */
const modalOf = (page: Page): FrameLocator => page.frameLocator('[data-testid="modal-frame"]');

/** The control's box lies inside the window, and the page did not scroll to bring it there. */
async function expectInWindow(page: Page, control: Locator): Promise<void> {
  const box = await control.boundingBox();
  const size = page.viewportSize();
  expect(box).not.toBeNull();
  if (!box || !size) return;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  expect(await page.evaluate('window.scrollY')).toBe(0);
}

/** `<focused element of the page> > <focused element in the frame>`, by test id (else #id or tag). */
async function focusedIn(page: Page, frame: FrameLocator): Promise<string | null> {
  // A string: it runs in the browser, where this file's (Node) types do not apply.
  const frameFocused = await page.evaluate(
    "document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null",
  );
  const inFrame = await frame.locator(':root').evaluate((el) => {
    const active = el.ownerDocument.activeElement;
    return active?.getAttribute('data-testid') ?? (active?.id ? `#${active.id}` : (active?.tagName ?? null));
  });
  return `${frameFocused} > ${inFrame}`;
}

/** `focusedIn` once it is `expected`, or what it still is after 5 s. */
async function focusSettles(page: Page, frame: FrameLocator, expected: string): Promise<string | null> {
  let seen = await focusedIn(page, frame);
  for (let i = 0; i < 50 && seen !== expected; i += 1) {
    await page.waitForTimeout(100);
    seen = await focusedIn(page, frame);
  }
  return seen;
}

describe('Start from playbook on the implementations page', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('implementations');
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = async (user: string, theme: 'light' | 'dark', viewport = { width: 1280, height: 1000 }) => {
    const opened = await openSurface(browser, app, {
      pagePath: `/projects/IMP/apps/${PAGE}`,
      moduleKey: PAGE,
      user,
      theme,
      readyTestId: 'impl-table--table',
    });
    await opened.page.setViewportSize(viewport);
    return opened;
  };

  for (const theme of ['light', 'dark'] as const) {
    it(`opens the dialog from the keyboard, previews, creates, and lists the new implementation (${theme})`, async () => {
      const summary = `Globex ${theme}: platform rollout`;
      const { page, frame, errors } = await open('consultant', theme);
      const button = frame.getByTestId('start-from-playbook');
      await expect(button.isEnabled()).resolves.toBe(true);
      await button.focus();
      await page.keyboard.press('Enter');
      const modal = modalOf(page);
      await modal.getByTestId('start-dialog').waitFor();
      // Forge's xlarge modal: 968 px wide, 90% of the window high at most, over the whole page.
      const box = await page.getByTestId('modal-frame').boundingBox();
      expect(box?.width).toBeLessThanOrEqual(968);
      expect(box?.width).toBeGreaterThan(900);
      expect(await modal.locator('html').getAttribute('data-color-mode')).toBe(theme);
      await modal.getByTestId('start-summary').fill(summary);
      await choose(modal, 'start-tier', 'Enter', /^Enterprise$/);
      await choose(modal, 'start-segment', 'Mid', /^Mid-Market$/);
      // Atlaskit's date picker in the user's locale (en-US); the preview shows dates the same way,
      // its warnings too: a Saturday kickoff is named in the locale, never as ISO.
      await typeDate(modal, 'start-kickoff', '12/5/2026');
      await modal.getByTestId('start-preview-button').click();
      const warnings = modal.getByTestId('start-warnings');
      await warnings.waitFor();
      expect(await warnings.innerText()).toContain('Kickoff (Dec 5, 2026) is not a working day.');
      expect(await warnings.innerText()).not.toMatch(ISO_DATE);
      await typeDate(modal, 'start-kickoff', '12/7/2026');
      await modal.getByTestId('start-preview-button').click();
      // the Fields column: the epic's Kickoff Date in the locale; no ISO date anywhere in the table
      await modal
        .getByTestId('start-preview-row-epic')
        .filter({ hasText: /Kickoff[^:]*: Dec 7, 2026/ })
        .waitFor();
      expect(await modal.getByTestId('start-preview--table').innerText()).not.toMatch(ISO_DATE);
      expect(await modal.getByTestId('start-summary-line').innerText()).toBe(
        'Creates 1 implementation (epic), 7 milestones, 6 gates and 7 work items in this project, from the playbook “Implementation plan”.',
      );
      const goLive = await modal.getByTestId('start-preview-row-milestone:go-live').innerText();
      expect(goLive).toContain('Go-live');
      expect(goLive).toContain('May 3, 2027');
      await page.screenshot({ path: screenshotPath(`implementations-start-${theme}`) });

      // The footer is in the window without scrolling anything.
      await expectInWindow(page, modal.getByTestId('start-create'));
      await modal.getByTestId('start-create').click();
      const created = frame.getByTestId('start-created');
      await created.waitFor({ timeout: 20_000 });
      const key = /^(IMP-\d+) /.exec(await created.innerText())?.[1] ?? '';
      expect(key).toMatch(/^IMP-\d+$/);
      expect(await page.getByTestId('modal-frame').count()).toBe(0);
      // Focus goes to the result: the page's frame, and in it the message of what was created.
      expect(await focusSettles(page, frame, `frame-${PAGE} > start-created-focus`)).toBe(
        `frame-${PAGE} > start-created-focus`,
      );
      await frame.getByTestId('impl-search').fill(summary);
      await frame.getByTestId(`impl-row-${key}`).waitFor();
      expect(await frame.getByTestId(`impl-row-${key}`).innerText()).toContain(summary);
      expect(await frame.getByTestId(`impl-milestone-${key}`).innerText()).toContain('Kickoff complete');
      expect(await frame.getByTestId(`impl-gates-${key}`).innerText()).toBe('0 / 6');
      await page.screenshot({
        path: screenshotPath(`implementations-start-created-${theme}`),
        fullPage: true,
      });
      expect(await frame.locator('html').getAttribute('data-color-mode')).toBe(theme);

      await frame.getByTestId('start-created-open').click();
      await page.waitForURL(new RegExp(`/browse/${key}$`));
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const [theme, viewport] of [
    ['dark', { width: 800, height: 600 }],
    ['light', { width: 1280, height: 560 }],
  ] as const) {
    it(`says why nothing can be created yet, keeps the footer in a ${viewport.width}×${viewport.height} window, and closes on Escape without creating (${theme})`, async () => {
      const { page, frame, errors } = await open('consultant', theme, viewport);
      const before = app.state.issues.length;
      const existing = app.state.issues.find(
        (i) => i.labels.includes('implementation') && i.key.startsWith('IMP-'),
      );
      await frame.getByTestId('start-from-playbook').click();
      const modal = modalOf(page);
      await modal.getByTestId('start-preview-button').click();
      // Atlaskit's error message under the field, linked to it; never the browser's bubble.
      expect(await modal.getByTestId('start-summary-error').innerText()).toContain(
        'name the customer or the implementation',
      );
      expect(await modal.getByTestId('start-summary').getAttribute('aria-describedby')).toBe(
        'start-summary-error',
      );
      expect(await modal.locator('form#start-form').getAttribute('novalidate')).toBe('');
      await modal.getByTestId('start-summary').fill(existing?.summary ?? '');
      await modal.getByTestId('start-preview-button').click();
      const problems = modal.getByTestId('start-problems');
      await problems.waitFor();
      expect(await problems.innerText()).toContain(`${existing?.key} in IMP already has this summary`);
      expect(await modal.getByTestId('start-create').isDisabled()).toBe(true);
      await expectInWindow(page, modal.getByTestId('start-cancel'));
      await expectInWindow(page, modal.getByTestId('start-create'));
      await page.screenshot({
        path: screenshotPath(`implementations-start-problems-${viewport.width}x${viewport.height}-${theme}`),
      });
      await page.keyboard.press('Escape');
      await page.getByTestId('modal-frame').waitFor({ state: 'detached' });
      expect(app.state.issues.length).toBe(before);
      // Focus is back on the button that opened the dialog.
      expect(await focusSettles(page, frame, `frame-${PAGE} > start-from-playbook`)).toBe(
        `frame-${PAGE} > start-from-playbook`,
      );
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('keeps Tab inside the dialog and the page behind it out of reach; Cancel gives the focus back', async () => {
    const { page, frame } = await open('consultant', 'light', { width: 1280, height: 800 });
    await frame.getByTestId('start-from-playbook').click();
    const modal = modalOf(page);
    await modal.getByTestId('start-summary').waitFor();
    expect(await focusSettles(page, modal, 'modal-frame > start-summary')).toBe(
      'modal-frame > start-summary',
    );
    expect(await page.locator('main').evaluate((el) => el.hasAttribute('inert'))).toBe(true);
    // From the last control (Preview), Tab wraps to the first one inside the dialog.
    await modal.getByTestId('start-preview-button').focus();
    await page.keyboard.press('Tab');
    expect(await focusSettles(page, modal, 'modal-frame > #start-template')).toBe(
      'modal-frame > #start-template',
    );
    await page.keyboard.press('Shift+Tab');
    expect(await focusSettles(page, modal, 'modal-frame > start-preview-button')).toBe(
      'modal-frame > start-preview-button',
    );
    await modal.getByTestId('start-cancel').click();
    await page.getByTestId('modal-frame').waitFor({ state: 'detached' });
    expect(await page.locator('main').evaluate((el) => el.hasAttribute('inert'))).toBe(false);
    expect(await focusSettles(page, frame, `frame-${PAGE} > start-from-playbook`)).toBe(
      `frame-${PAGE} > start-from-playbook`,
    );
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe in the dialog, with a required field's message showing (${theme})`, async () => {
      const { page, frame } = await open('consultant', theme, { width: 1280, height: 800 });
      await frame.getByTestId('start-from-playbook').click();
      const modal = modalOf(page);
      await modal.getByTestId('start-preview-button').click();
      await modal.getByTestId('start-summary-error').waitFor();
      const handle = await page.getByTestId('modal-frame').elementHandle();
      const target = (await handle?.contentFrame()) ?? null;
      if (target === null) throw new Error('no modal frame');
      // axe runs in the frame through the DevTools protocol: no script the CSP would have to allow.
      await target.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const violations = await target.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run: (ctx: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null }> }>;
            };
          }
        ).axe;
        return (await axe.run((globalThis as unknown as { document: unknown }).document)).violations;
      });
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
      await page.screenshot({ path: screenshotPath(`implementations-start-required-${theme}`) });
      await page.close();
    });
  }

  it('shows the viewer the button disabled, with the reason', async () => {
    const { page, frame } = await open('viewer', 'dark');
    await frame.getByTestId('start-disabled-reason').waitFor();
    expect(await frame.getByTestId('start-disabled-reason').innerText()).toBe(
      'You do not have permission to create issues in project IMP.',
    );
    expect(await frame.getByTestId('start-from-playbook').isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('implementations-start-viewer-dark') });
    await page.close();
  });
});
