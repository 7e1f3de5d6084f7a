// Shared by the browser tests: Debian's Chromium (never a downloaded browser), a product page of
// the local host opened as a user in a theme, and the frame of one module inside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import type { LocalApp } from '../../src/local/host/app';

export const OUTPUT_DIR = path.resolve(__dirname, '../../test-output');

export function launchChromium(): Promise<Browser> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Fails early, with the fix, when a surface's Custom UI bundle was not built. */
export function requireBuilt(resource: string): void {
  if (!fs.existsSync(path.resolve(__dirname, '../../static', resource, 'dist', 'index.html'))) {
    throw new Error(`static/${resource} is not built: run npm run build first`);
  }
}

export interface OpenedSurface {
  page: Page;
  /** The module's iframe (the real Custom UI bundle, with the host's bridge). */
  frame: FrameLocator;
  /** Uncaught errors of the page and its frames. */
  errors: string[];
}

/**
 * Opens `pagePath` (e.g. `/dashboard`, `/browse/IMP-1`, `/projects/IMP/apps/<module>`) as `user`
 * in `theme` and returns the frame of `moduleKey` once it shows `readyTestId`.
 */
export async function openSurface(
  browser: Browser,
  app: LocalApp,
  options: {
    pagePath: string;
    moduleKey: string;
    user: string;
    theme: 'light' | 'dark';
    readyTestId: string;
    timeoutMs?: number;
  },
): Promise<OpenedSurface> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = new URL(options.pagePath, app.url);
  url.searchParams.set('user', options.user);
  url.searchParams.set('theme', options.theme);
  await page.goto(url.toString());
  const frame = page.frameLocator(`[data-testid="frame-${options.moduleKey}"]`);
  await frame.getByTestId(options.readyTestId).waitFor({ timeout: options.timeoutMs ?? 20_000 });
  return { page, frame, errors };
}

export function screenshotPath(name: string): string {
  return path.join(OUTPUT_DIR, `${name}.png`);
}

/** The computed background colour of a frame's body: what the theme tokens painted. */
export function backgroundOf(frame: FrameLocator): Promise<string | undefined> {
  return frame
    .locator('body')
    .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor);
}

/** Picks an option of an Atlaskit select by typing `text` and pressing Enter once `option` shows. */
export async function choose(frame: FrameLocator, inputId: string, text: string, option: RegExp) {
  await frame.locator(`#${inputId}`).fill(text);
  await frame.getByText(option).first().waitFor({ timeout: 15_000 });
  await frame.locator(`#${inputId}`).press('Enter');
}
