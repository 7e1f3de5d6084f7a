// A Confluence macro of the app in the browser: the local host with the demo portfolio and
// Chromium for the whole file (started and closed by the jest hooks this registers), the pages
// of the delivery space to put one macro instance on each, and the macro opened on one of them.
import type { Browser } from 'playwright-core';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { generatePortfolio } from '../../src/local/demo/generate';
import { launchChromium, openSurface, requireBuilt, type OpenedSurface } from './support';

export interface MacroInBrowser {
  readonly app: LocalApp;
  readonly browser: Browser;
  /** The key of an implementation of `project` in `stage`. */
  implementation(project: string, stage: string): string;
  /** Pages of the delivery space, one per test that configures its own macro instance. */
  pages(): LocalApp['state']['confluence']['pages'];
  /** Saves the macro's config on `pageId` as Confluence stores it. */
  configure(pageId: string, config: Record<string, unknown>): void;
  /** The macro on `pageId` (its config view when `edit`) as `user`, once `readyTestId` shows. */
  open(
    pageId: string,
    user: string,
    theme: 'light' | 'dark',
    readyTestId: string,
    edit?: boolean,
  ): Promise<OpenedSurface>;
}

/** `resources`: the Custom UI bundles the macro needs (view and config view). */
export function macroInBrowser(moduleKey: string, resources: string[]): MacroInBrowser {
  let app: LocalApp | undefined;
  let browser: Browser | undefined;
  const portfolio = generatePortfolio({ seed: 1 });
  const started = () => {
    if (!app || !browser) throw new Error('the local app is not started yet (beforeAll)');
    return { app, browser };
  };

  beforeAll(async () => {
    for (const resource of resources) requireBuilt(resource);
    app = await startLocalApp({ port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  return {
    get app() {
      return started().app;
    },
    get browser() {
      return started().browser;
    },
    implementation: (project, stage) =>
      portfolio.implementations.find((i) => i.project === project && i.stage === stage)?.key ?? '',
    pages: () =>
      started().app.state.confluence.pages.filter((p) => p.spaceId === '98305' && p.status === 'current'),
    configure: (pageId, config) =>
      started().app.forge.setInstanceConfig({ m: moduleKey, l: `${moduleKey}-${pageId}` }, { config }),
    open: (pageId, user, theme, readyTestId, edit = false) =>
      openSurface(started().browser, started().app, {
        pagePath: `/wiki/pages/${pageId}${edit ? `?edit=${moduleKey}` : ''}`,
        moduleKey,
        user,
        theme,
        readyTestId,
        timeoutMs: 30_000,
      }),
  };
}
