// axe-core on every surface, light and dark: no serious or critical violation. axe runs inside the
// surface's frame through the DevTools protocol (never a <script> the page would have to allow,
// so Forge's CSP stays as it is). The check switches itself on once `axe-core` (or
// `@axe-core/playwright`, which brings it) is installed; until then each case is skipped and says
// why, so a missing package is visible in the run rather than silently green.
import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium, openSurface, requireBuilt } from './support';

/** axe's browser bundle, when the package is installed. */
function axeSource(): string | null {
  try {
    return fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    return null;
  }
}

const AXE = axeSource();
const itWithAxe = AXE === null ? it.skip : it;
if (AXE === null)
  console.warn('accessibility.test.ts: axe-core is not installed (npm i -D @axe-core/playwright); skipped');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

describe('every surface passes axe with no serious or critical violation', () => {
  let app: LocalApp;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    if (AXE === null) return;
    for (const r of ['raid-log', 'stage-gates', 'kpi-gadget', 'implementations', 'settings']) requireBuilt(r);
    const portfolio = generatePortfolio({ seed: 1 });
    app = await startLocalApp({ port: 0, state: portfolio.state });
    key = portfolio.implementations.find((i) => i.project === 'IMP' && i.stage === 'in-flight')?.key ?? '';
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.forge.queueIdle();
    await app?.close();
  });

  const surfaces = () => [
    {
      name: 'RAID log',
      pagePath: `/browse/${key}`,
      moduleKey: 'runway-raid-log',
      ready: 'raid-table--table',
      user: 'consultant',
    },
    {
      name: 'stage gates',
      pagePath: `/browse/${key}`,
      moduleKey: 'runway-stage-gates',
      ready: 'gate-designSignOff',
      user: 'consultant',
    },
    {
      name: 'KPI gadget',
      pagePath: '/dashboard',
      moduleKey: 'runway-portfolio-kpis',
      ready: 'kpi-tiles',
      user: 'admin',
    },
    {
      name: 'implementations',
      pagePath: '/projects/IMP/apps/runway-implementations',
      moduleKey: 'runway-implementations',
      ready: 'impl-table--table',
      user: 'consultant',
    },
    {
      name: 'settings',
      pagePath: '/admin/apps/runway-settings',
      moduleKey: 'runway-settings',
      ready: 'field-implementationLabel',
      user: 'admin',
    },
  ];

  for (const theme of ['light', 'dark'] as const) {
    for (const index of [0, 1, 2, 3, 4]) {
      itWithAxe(`surface ${index + 1} of 5 (${theme})`, async () => {
        const s = surfaces()[index];
        const { page } = await openSurface(browser, app, {
          pagePath: s.pagePath,
          moduleKey: s.moduleKey,
          user: s.user,
          theme,
          readyTestId: s.ready,
          timeoutMs: 60_000,
        });
        const handle = await page.locator(`[data-testid="frame-${s.moduleKey}"]`).elementHandle();
        const target = (await handle?.contentFrame()) ?? null;
        if (target === null) throw new Error(`no frame for ${s.name}`);
        await target.evaluate(AXE ?? '');
        const violations = await target.evaluate(async () => {
          const axe = (
            globalThis as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: Violation[] }> } }
          ).axe;
          return (await axe.run((globalThis as unknown as { document: unknown }).document)).violations;
        });
        const bad = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${s.name}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
          );
        expect(bad).toEqual([]);
        await page.close();
      });
    }
  }
});
