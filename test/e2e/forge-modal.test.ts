// The host's Forge Modal in Chromium, driven through the bridge of the implementations page's frame
// the way @forge/bridge's `new Modal(…).open()` calls it: Forge's sizes (capped by a small window),
// Escape and a click on the blanket close it by default and call `onClose` with no payload,
// `closeOnEscape: false` keeps it open, and the page gets the focus back. Light and dark.
import type { Browser, Frame, Page } from 'playwright-core';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

const PAGE = 'runway-implementations';

interface Opened {
  page: Page;
  opener: Frame;
  errors: string[];
}

/** Opens the start dialog through the frame's bridge; `onClose` payloads land in `window.runwayClosed`. */
async function openThroughBridge(opener: Frame, options: Record<string, unknown>): Promise<void> {
  await opener.evaluate(async (opts) => {
    const w = globalThis as unknown as {
      __bridge: { callBridge: (name: string, payload?: unknown) => Promise<unknown> };
      runwayClosed?: unknown[];
    };
    w.runwayClosed = [];
    const answer = (await w.__bridge.callBridge('invoke', {
      functionKey: 'getStartOptions',
      payload: {},
    })) as {
      data: unknown;
    };
    await w.__bridge.callBridge('openModal', {
      resource: 'start-dialog',
      context: { options: answer.data },
      ...opts,
      onClose: (payload: unknown) => w.runwayClosed?.push(payload === undefined ? 'no payload' : payload),
    });
  }, options);
}

/** The payloads `onClose` got, once it got one (it runs after the close message arrives). */
async function closedPayloads(opener: Frame): Promise<unknown[]> {
  const read = () =>
    opener.evaluate(() => (globalThis as unknown as { runwayClosed?: unknown[] }).runwayClosed ?? []);
  let seen = await read();
  for (let i = 0; i < 30 && seen.length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await read();
  }
  return seen;
}

describe('Forge Modal on the host page', () => {
  let app: LocalApp;
  let browser: Browser;

  beforeAll(async () => {
    requireBuilt('start-dialog');
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = async (
    theme: 'light' | 'dark',
    viewport: { width: number; height: number },
  ): Promise<Opened> => {
    const { page, errors } = await openSurface(browser, app, {
      pagePath: `/projects/IMP/apps/${PAGE}`,
      moduleKey: PAGE,
      user: 'consultant',
      theme,
      readyTestId: 'impl-table--table',
    });
    await page.setViewportSize(viewport);
    const opener = page.frames().find((f) => f.url().includes('/app/implementations/'));
    if (!opener) throw new Error('no implementations frame');
    return { page, opener, errors };
  };

  const modalBox = async (page: Page) => {
    await page.frameLocator('[data-testid="modal-frame"]').getByTestId('start-summary').waitFor();
    return page.getByTestId('modal-frame').boundingBox();
  };

  it('closes on Escape and on the blanket by default, calling onClose without a payload (light, 1280×800)', async () => {
    const { page, opener, errors } = await open('light', { width: 1280, height: 800 });
    await openThroughBridge(opener, { size: 'medium' });
    const box = await modalBox(page);
    // medium: 600 px wide, 40vh high but at least 520 px.
    expect(box?.width).toBe(600);
    expect(box?.height).toBe(520);
    expect(await page.getByRole('dialog').getAttribute('aria-label')).toBe('Start from playbook');
    await page.screenshot({ path: screenshotPath('forge-modal-medium-1280-light') });
    await page.keyboard.press('Escape');
    await page.getByTestId('modal-frame').waitFor({ state: 'detached' });
    expect(await closedPayloads(opener)).toEqual(['no payload']);

    await openThroughBridge(opener, { size: 'small' });
    expect((await modalBox(page))?.width).toBe(400);
    await page.getByTestId('modal-blanket').click({ position: { x: 10, y: 400 } });
    await page.getByTestId('modal-frame').waitFor({ state: 'detached' });
    expect(await closedPayloads(opener)).toEqual(['no payload']);
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe(`frame-${PAGE}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays open when told to, and fits a small window: large and max (dark, 800×600)', async () => {
    const { page, opener, errors } = await open('dark', { width: 800, height: 600 });
    await openThroughBridge(opener, { size: 'large', closeOnEscape: false, closeOnOverlayClick: false });
    const box = await modalBox(page);
    // large is 800 × 70vh (at least 720) on a big window; here the window leaves 60 px around it.
    expect(box?.width).toBe(680);
    expect(box?.height).toBe(480);
    expect(
      await page.frameLocator('[data-testid="modal-frame"]').locator('html').getAttribute('data-color-mode'),
    ).toBe('dark');
    await page.screenshot({ path: screenshotPath('forge-modal-large-800-dark') });
    await page.getByTestId('modal-blanket').click({ position: { x: 10, y: 300 } });
    // Escape on the page itself (the start dialog closes itself on an Escape pressed inside it).
    await page.evaluate(
      "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))",
    );
    await page.waitForTimeout(300);
    expect(await page.getByTestId('modal-frame').count()).toBe(1);
    // The dialog's own Cancel closes it (view.close()).
    await page.frameLocator('[data-testid="modal-frame"]').getByTestId('start-cancel').click();
    await page.getByTestId('modal-frame').waitFor({ state: 'detached' });
    expect(await closedPayloads(opener)).toEqual(['no payload']);

    await openThroughBridge(opener, { size: 'max' });
    expect(await modalBox(page)).toEqual({ x: 0, y: 0, width: 800, height: 600 });
    await page.keyboard.press('Escape');
    await page.getByTestId('modal-frame').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
