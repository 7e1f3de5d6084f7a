// How fast the gadget shows its first numbers — on the demo site and on a 10,000-issue site, with
// 100 ms latency per Jira request on the large one — and how much JavaScript each surface ships
// (gzip). A large scope must show partial numbers with progress, then finish in the background.
// Figures go to test-output/perf-surfaces.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { portfolioOfAtLeast } from '../../bench/portfolio';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { OUTPUT_DIR, launchChromium, requireBuilt, screenshotPath } from './support';

const GADGET = 'runway-portfolio-kpis';
const SURFACES = ['raid-log', 'implementations', 'kpi-gadget', 'kpi-gadget-edit'];
const figures: Record<string, unknown> = {};

/** Gzip bytes of the JavaScript a surface loads first (entry + modulepreloads) and of all its JavaScript. */
function jsSize(surface: string): { initialGzip: number; allGzip: number; files: number } {
  const dir = path.resolve(__dirname, '../../static', surface, 'dist');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length;
  const all = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    initialGzip: initial.reduce((n, f) => n + gz(f), 0),
    allGzip: all.reduce((n, f) => n + gz(`assets/${f}`), 0),
    files: all.length,
  };
}

async function timeToFirstNumbers(
  browser: Browser,
  app: LocalApp,
): Promise<{ ms: number; progress: string | null }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const started = Date.now();
  await page.goto(`${app.url}/dashboard?user=admin&theme=light`);
  const frame = page.frameLocator(`[data-testid="frame-${GADGET}"]`);
  await frame.getByTestId('kpi-value-csat').waitFor({ timeout: 60_000 });
  const ms = Date.now() - started;
  const progress =
    (await frame.getByTestId('kpi-progress').count()) > 0
      ? await frame.getByTestId('kpi-progress').innerText()
      : null;
  await page.close();
  return { ms, progress };
}

describe('gadget performance and surface sizes', () => {
  let browser: Browser;

  beforeAll(async () => {
    for (const s of SURFACES) requireBuilt(s);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    fs.writeFileSync(path.join(OUTPUT_DIR, 'perf-surfaces.json'), `${JSON.stringify(figures, null, 2)}\n`);
  });

  it('ships a bounded amount of JavaScript per surface', () => {
    for (const s of SURFACES) {
      const size = jsSize(s);
      figures[`js:${s}`] = size;
      expect(size.initialGzip).toBeGreaterThan(0);
      expect(size.initialGzip).toBeLessThan(600_000);
    }
  });

  it('shows the demo portfolio’s numbers complete on the first answer', async () => {
    const app = await startLocalApp({ port: 0 });
    try {
      const first = await timeToFirstNumbers(browser, app);
      figures['demo:firstNumbersMs'] = first.ms;
      expect(first.progress).toBeNull();
      expect(first.ms).toBeLessThan(15_000);
    } finally {
      await app.forge.queueIdle();
      await app.close();
    }
  }, 60_000);

  it('shows a 10,000-issue portfolio’s first numbers with progress well within the resolver limit, then finishes in the background', async () => {
    const portfolio = portfolioOfAtLeast(10_000);
    const app = await startLocalApp({ port: 0, state: portfolio.state, faults: { latencyMs: 100 } });
    try {
      const first = await timeToFirstNumbers(browser, app);
      figures['10k:issues'] = portfolio.stats.issues;
      figures['10k:implementations'] = portfolio.stats.implementations;
      figures['10k:firstNumbersMs (100 ms latency per request)'] = first.ms;
      figures['10k:firstProgress'] = first.progress;
      expect(first.progress).toMatch(/Computing: \d+ of \d+ implementations/);
      expect(first.ms).toBeLessThan(20_000);
      const started = Date.now();
      await app.forge.queueIdle();
      figures['10k:backgroundFinishMs'] = Date.now() - started;
      expect(app.forge.consumerErrors).toEqual([]);
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${app.url}/dashboard?user=admin&theme=dark`);
      const frame = page.frameLocator(`[data-testid="frame-${GADGET}"]`);
      await frame.getByTestId('kpi-value-csat').waitFor({ timeout: 60_000 });
      expect(await frame.getByTestId('kpi-progress').count()).toBe(0);
      expect(await frame.getByTestId('kpi-scope').innerText()).toContain(
        `${portfolio.stats.implementations} implementations`,
      );
      await page.screenshot({ path: screenshotPath('kpi-gadget-10k-dark'), fullPage: true });
      await page.close();
    } finally {
      await app.close();
    }
  }, 300_000);
});
