// Shared by the browser tests: Debian's Chromium (never a downloaded browser), a product page of
// the local host opened as a user in a theme, and the frame of one module inside it. Every page
// opened through `launchChromium` reports each Content-Security-Policy violation of any of its
// frames (the host serves the resources with the policy Forge computes), and every test that
// saw one fails: a surface that works only without Forge's CSP does not work on Forge.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import type { LocalApp } from '../../src/local/host/app';

export const OUTPUT_DIR = path.resolve(__dirname, '../../test-output');

/** CSP violations seen since the last test ended: `directive blocked … in document`. */
const violations = new Set<string>();

/** Every violation of the run, one JSON line each (how many, and which, across all surfaces). */
const VIOLATION_LOG = path.join(OUTPUT_DIR, 'csp-violations.jsonl');

function recordViolation(v: { directive: string; blocked: string; document: string; sample?: string }): void {
  const where = v.document.replace(/\?.*$/, '');
  violations.add(
    `${v.directive} blocked ${v.blocked || 'inline'} in ${where}${v.sample ? `: ${v.sample}` : ''}`,
  );
  fs.appendFileSync(
    VIOLATION_LOG,
    `${JSON.stringify({ test: expect.getState().currentTestName, ...v, document: where })}\n`,
  );
}

/**
 * Listens in every frame of every page of the context (init scripts run in each frame before its
 * own scripts), and also reads Chromium's console report of a violation, which names cases the
 * event does not (e.g. a `sandbox`ed frame's refusals).
 */
async function watchCsp(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__runwayCspViolation', (_source, v: unknown) => {
    if (typeof v === 'object' && v !== null) {
      const r = v as Record<string, unknown>;
      recordViolation({
        directive: String(r.directive),
        blocked: String(r.blocked),
        document: String(r.document),
        sample: typeof r.sample === 'string' && r.sample ? r.sample.slice(0, 80) : undefined,
      });
    }
  });
  // A string: it runs in the browser, where this file's (Node) types do not apply.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      window.__runwayCspViolation?.({
        directive: e.effectiveDirective, blocked: e.blockedURI, document: e.documentURI, sample: e.sample,
      });
    });`,
  });
  context.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy/i.test(text))
      recordViolation({
        directive: 'console',
        blocked: text.slice(0, 160),
        document: message.page()?.url() ?? '',
      });
  });
}

function instrument(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    // Its own context, closed with it (a context already closed with the browser is fine).
    page.once('close', () => void context.close().catch(() => undefined));
    return page;
  };
  return browser;
}

// Violations of pages opened in a beforeAll count against the first test of the file.
afterEach(() => {
  const seen = [...violations];
  violations.clear();
  if (seen.length > 0)
    throw new Error(
      `${seen.length} Content-Security-Policy violation(s) under Forge's policy:\n  ${seen.join('\n  ')}`,
    );
});

export async function launchChromium(): Promise<Browser> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  return instrument(
    await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    }),
  );
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

/**
 * Types a date into an Atlaskit date picker (its text input is `<testId>-select--input`) and takes
 * it with Enter, as a person would; the picker reads it in the user's locale (static/shared/DateField).
 */
export async function typeDate(frame: FrameLocator, testId: string, text: string) {
  const input = frame.getByTestId(`${testId}-select--input`);
  await input.fill(text);
  await input.press('Enter');
}
