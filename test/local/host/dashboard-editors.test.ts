// A shared dashboard in the host is as in Jira: everyone it is shared with sees its gadgets, only
// its owner and editors configure them (src/local/host/dashboard.ts). A viewer gets no Edit link,
// the edit page shows them the gadget's view, and a save from an edit frame is refused.
import { startLocalApp, type LocalApp } from '../../../src/local/host/app';

const GADGET = 'runway-portfolio-kpis';

function frameOf(app: LocalApp, page: string, moduleKey: string) {
  const tag = [...page.matchAll(/<iframe[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`data-testid="frame-${moduleKey}"`));
  const src = tag ? /\ssrc="([^"]+)"/.exec(tag)?.[1] : undefined;
  if (!src) throw new Error(`no frame of ${moduleKey} in the page`);
  return app.forge.readFrameToken(
    new URL(src.replace(/&amp;/g, '&'), 'http://host.local').searchParams.get('frame') ?? '',
  );
}

describe('configuring a gadget of the shared dashboard in the host', () => {
  let app: LocalApp;
  const page = async (path: string, user: string) =>
    (await fetch(`${app.url}${path}`, { headers: { cookie: `runway_user=${user}` } })).text();
  const bridge = async (frame: string, call: string, payload?: unknown) =>
    (await (
      await fetch(`${app.url}/__host/bridge`, {
        method: 'POST',
        body: JSON.stringify({ frame, call, payload }),
      })
    ).json()) as { ok: boolean; result?: unknown; error?: string };
  const editLink = `href="/dashboard?edit=${GADGET}"`;

  beforeAll(async () => {
    app = await startLocalApp({ port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => app.forge.setInstanceConfig({ m: GADGET, l: `${GADGET}-1` }, {}));

  it('offers Edit and the edit view to the dashboard’s owner and editors', async () => {
    for (const user of ['admin', 'consultant']) {
      expect(await page('/dashboard', user)).toContain(editLink);
      expect(frameOf(app, await page(`/dashboard?edit=${GADGET}`, user), GADGET)).toMatchObject({
        e: 'edit',
      });
    }
  });

  it('gives a viewer the gadget without Edit, and its view when they open the edit address', async () => {
    const dashboard = await page('/dashboard', 'viewer');
    expect(frameOf(app, dashboard, GADGET)).toMatchObject({ e: 'view' });
    expect(dashboard).not.toContain(editLink);
    expect(frameOf(app, await page(`/dashboard?edit=${GADGET}`, 'viewer'), GADGET)).toMatchObject({
      e: 'view',
    });
  });

  it('refuses a viewer’s save from an edit frame and keeps the configuration', async () => {
    const viewerEdit = app.forge.frameToken(app.forge.frame(GADGET, 'viewer', { entry: 'edit' }));
    expect(await bridge(viewerEdit, 'submit', { jql: 'project = ONB' })).toEqual({
      ok: false,
      error:
        'Only the dashboard’s owner and the people it is shared with for editing can configure its gadgets.',
    });
    expect(app.forge.instanceConfig({ m: GADGET, l: `${GADGET}-1` })).toEqual({});
    const editorEdit = app.forge.frameToken(app.forge.frame(GADGET, 'consultant', { entry: 'edit' }));
    expect(await bridge(editorEdit, 'submit', { jql: 'project = ONB' })).toEqual({ ok: true, result: true });
    expect(app.forge.instanceConfig({ m: GADGET, l: `${GADGET}-1` })).toEqual({ jql: 'project = ONB' });
  });
});
