// axe-core on every surface of the app, light and dark: no serious or critical violation. Every
// surface means every Custom UI resource the manifest declares (the test fails when one is added
// without a case here), and the states a user reaches that draw something new: the
// implementations page's timeline tab, the macros' views and their config views, the gadget's
// edit view. axe runs inside the surface's frame through the DevTools protocol (never a <script>
// the page would have to allow, so Forge's CSP stays as it is).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { generatePortfolio } from '../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { launchChromium, openSurface, requireBuilt, screenshotPath } from './support';

/** axe's browser bundle (axe-core is a devDependency: a missing package fails, never skips). */
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

interface Surface {
  name: string;
  /** The Custom UI resource it runs (static/<resource>). */
  resource: string;
  pagePath: () => string;
  moduleKey: string;
  ready: string;
  user: string;
  /** Puts the surface in the state to check, once it shows `ready`. */
  then?: (page: Page, frame: FrameLocator) => Promise<void>;
  /** The frame to check, when not the module's own (a Forge modal it opened). */
  frameTestId?: string;
}

/** Start from playbook enabled and its colours settled (Atlaskit eases from the loading state). */
async function startButtonSettled(page: Page, frame: FrameLocator): Promise<void> {
  const button = frame.getByTestId('start-from-playbook');
  for (let waited = 0; !(await button.isEnabled()); waited += 100) {
    if (waited > 15_000) throw new Error('Start from playbook stayed disabled');
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(400);
}

const GADGET = 'runway-portfolio-kpis';
const PAGE = 'runway-implementations';

describe('every surface passes axe with no serious or critical violation', () => {
  let app: LocalApp;
  let browser: Browser;
  const portfolio = generatePortfolio({ seed: 1 });
  const key =
    portfolio.implementations.find((i) => i.project === 'IMP' && i.stage === 'in-flight')?.key ?? '';
  const hypercare = portfolio.implementations.find(
    (i) => i.project === 'IMP' && i.stage === 'hypercare',
  )?.key;
  /** A page of the delivery space, with the macros configured on it. */
  let pageId = '';

  beforeAll(async () => {
    for (const s of SURFACES) requireBuilt(s.resource);
    app = await startLocalApp({ port: 0, state: portfolio.state });
    const page = app.state.confluence.pages.find((p) => p.spaceId === '98305' && p.status === 'current');
    if (!page) throw new Error('the demo site has no page in the delivery space');
    pageId = page.id;
    const configure = (m: string, config: Record<string, unknown>) =>
      app.forge.setInstanceConfig({ m, l: `${m}-${pageId}` }, { config });
    configure('runway-playbook', { templateId: 'go-live-readiness', implementationKey: key });
    configure('runway-handover', { implementationKey: hypercare });
    configure('runway-status', { implementationKey: key, periodDays: 14 });
    // Shared with the viewer, who cannot browse ENT: their gadget says what it leaves out.
    app.forge.setInstanceConfig({ m: GADGET, l: `${GADGET}-1` }, { projects: ['IMP', 'ONB', 'ENT'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.forge.queueIdle();
    await app?.close();
  });

  const macro = (title: string, moduleKey: string, resource: string, edit: boolean): Surface => ({
    name: `${title}${edit ? ' config' : ''}`,
    resource,
    pagePath: () => `/wiki/pages/${pageId}${edit ? `?edit=${moduleKey}` : ''}`,
    moduleKey,
    ready: edit ? 'save' : 'document-title',
    user: 'consultant',
  });

  const SURFACES: Surface[] = [
    {
      name: 'RAID log',
      resource: 'raid-log',
      pagePath: () => `/browse/${key}`,
      moduleKey: 'runway-raid-log',
      ready: 'raid-table--table',
      user: 'consultant',
    },
    {
      name: 'stage gates',
      resource: 'stage-gates',
      pagePath: () => `/browse/${key}`,
      moduleKey: 'runway-stage-gates',
      ready: 'gate-designSignOff',
      user: 'consultant',
    },
    {
      name: 'RAID log with its add form open',
      resource: 'raid-log',
      pagePath: () => `/browse/${key}`,
      moduleKey: 'runway-raid-log',
      ready: 'raid-table--table',
      user: 'consultant',
      then: async (page, frame) => {
        await frame.getByTestId('raid-add').focus();
        await page.keyboard.press('Enter');
        await frame.getByTestId('raid-create-summary').waitFor();
      },
    },
    {
      name: 'stage gates with the evidence form open',
      resource: 'stage-gates',
      pagePath: () => `/browse/${key}`,
      moduleKey: 'runway-stage-gates',
      ready: 'gate-designSignOff',
      user: 'consultant',
      then: async (page, frame) => {
        await frame.getByTestId('evidence-uatReadiness').focus();
        await page.keyboard.press('Enter');
        await frame.getByTestId('action-comment').waitFor();
      },
    },
    {
      name: 'implementations',
      resource: 'implementations',
      pagePath: () => `/projects/IMP/apps/${PAGE}`,
      moduleKey: PAGE,
      ready: 'impl-table--table',
      user: 'consultant',
      then: startButtonSettled,
    },
    {
      name: 'Start from playbook dialog (a Forge modal)',
      resource: 'start-dialog',
      pagePath: () => `/projects/IMP/apps/${PAGE}`,
      moduleKey: PAGE,
      ready: 'impl-table--table',
      user: 'consultant',
      frameTestId: 'modal-frame',
      then: async (page, frame) => {
        await startButtonSettled(page, frame);
        await frame.getByTestId('start-from-playbook').click();
        await page.frameLocator('[data-testid="modal-frame"]').getByTestId('start-summary').waitFor();
        await page.waitForTimeout(400);
      },
    },
    {
      name: 'implementations timeline',
      resource: 'implementations',
      pagePath: () => `/projects/IMP/apps/${PAGE}`,
      moduleKey: PAGE,
      ready: 'impl-table--table',
      user: 'consultant',
      then: async (page, frame) => {
        await frame.getByTestId('impl-tab-list').focus();
        await page.keyboard.press('ArrowRight');
        await frame.getByTestId('impl-timeline').waitFor({ timeout: 15_000 });
      },
    },
    {
      name: 'KPI gadget',
      resource: 'kpi-gadget',
      pagePath: () => '/dashboard',
      moduleKey: GADGET,
      ready: 'kpi-tiles',
      user: 'admin',
    },
    {
      name: 'KPI gadget, viewer with a project left out',
      resource: 'kpi-gadget',
      pagePath: () => '/dashboard',
      moduleKey: GADGET,
      ready: 'kpi-left-out',
      user: 'viewer',
    },
    {
      name: 'KPI gadget edit view',
      resource: 'kpi-gadget-edit',
      pagePath: () => `/dashboard?edit=${GADGET}`,
      moduleKey: GADGET,
      ready: 'kpi-edit-save',
      user: 'admin',
    },
    {
      name: 'settings',
      resource: 'settings',
      pagePath: () => '/admin/apps/runway-settings',
      moduleKey: 'runway-settings',
      ready: 'field-implementationLabel',
      user: 'admin',
    },
    macro('playbook macro', 'runway-playbook', 'playbook', false),
    macro('playbook macro', 'runway-playbook', 'playbook-config', true),
    macro('handover packet macro', 'runway-handover', 'handover', false),
    macro('handover packet macro', 'runway-handover', 'handover-config', true),
    macro('status report macro', 'runway-status', 'status', false),
    macro('status report macro', 'runway-status', 'status-config', true),
  ];

  it('covers every Custom UI resource of the manifest', () => {
    const manifest = manifestResources(
      fs.readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8'),
    );
    expect(manifest.length).toBeGreaterThan(0);
    expect([...new Set(SURFACES.map((s) => s.resource))].sort()).toEqual(manifest.sort());
  });

  for (const theme of ['light', 'dark'] as const) {
    SURFACES.forEach((s, index) => {
      it(`${s.name} (${theme})`, async () => {
        const { page, frame } = await openSurface(browser, app, {
          pagePath: s.pagePath(),
          moduleKey: s.moduleKey,
          user: s.user,
          theme,
          readyTestId: s.ready,
          timeoutMs: 60_000,
        });
        await s.then?.(page, frame);
        // Checked at rest: a pointer left over a control would judge its hover colours instead.
        await page.mouse.move(0, 0);
        const frameTestId = s.frameTestId ?? `frame-${s.moduleKey}`;
        const handle = await page.locator(`[data-testid="${frameTestId}"]`).elementHandle();
        const target = (await handle?.contentFrame()) ?? null;
        if (target === null) throw new Error(`no frame for ${s.name}`);
        await target.evaluate(AXE);
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
              `${s.name}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(
                v.nodes.slice(0, 3).map((n) => [n.target, n.html.slice(0, 160), n.failureSummary]),
              )}`,
          );
        if (bad.length > 0) await page.screenshot({ path: screenshotPath(`axe-${index}-${theme}`) });
        expect(bad).toEqual([]);
        await page.close();
      }, 90_000);
    });
  }
});

/** The `resources` of manifest.yml that are Custom UI bundles (static/<name>/dist). */
function manifestResources(manifestYaml: string): string[] {
  const manifest: unknown = parse(manifestYaml);
  const resources =
    typeof manifest === 'object' && manifest !== null && 'resources' in manifest ? manifest.resources : [];
  if (!Array.isArray(resources)) return [];
  return resources.flatMap((r: unknown) => {
    if (typeof r !== 'object' || r === null || !('path' in r) || typeof r.path !== 'string') return [];
    const m = /^static\/([^/]+)\/dist\/?$/.exec(r.path);
    return m ? [m[1]] : [];
  });
}
