// The host over HTTP: pages act as the chosen user, never render site data as markup, serve only
// built resources, and answer the bridge for the frame that asks.
import { startLocalApp, type LocalApp } from '../../../src/local/host/app';

const GADGET = 'runway-portfolio-kpis';

function frameSrc(page: string, moduleKey: string): string {
  const tag = [...page.matchAll(/<iframe[^>]*>/g)]
    .map((m) => m[0])
    .find((t) => t.includes(`data-testid="frame-${moduleKey}"`));
  const src = tag ? /\ssrc="([^"]+)"/.exec(tag)?.[1] : undefined;
  if (!src) throw new Error(`no frame of ${moduleKey} in the page`);
  return src.replace(/&amp;/g, '&');
}

describe('the local host over HTTP', () => {
  let app: LocalApp;
  const get = (path: string, init?: RequestInit) =>
    fetch(`${app.url}${path}`, { redirect: 'manual', ...init });
  const bridge = async (frame: string, call: string, payload?: unknown, headers?: Record<string, string>) =>
    (await (
      await get('/__host/bridge', { method: 'POST', headers, body: JSON.stringify({ frame, call, payload }) })
    ).json()) as { ok: boolean; result?: unknown; error?: string };

  beforeAll(async () => {
    app = await startLocalApp({ port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows every surface of the manifest on the index page', async () => {
    const page = await (await get('/')).text();
    for (const s of app.forge.manifest.surfaces) expect(page).toContain(`<code>${s.key}</code>`);
  });

  it('lists the implementations the acting user can see, and hides the restricted project from the viewer', async () => {
    const rows = (page: string) => {
      const table = page.slice(page.indexOf('data-testid="implementations"'));
      return [
        ...table.slice(0, table.indexOf('</table>')).matchAll(/<a href="\/browse\/([A-Z]+)-\d+">/g),
      ].map((m) => m[1]);
    };
    const admin = rows(await (await get('/?user=admin')).text());
    const viewer = rows(await (await get('/?user=viewer')).text());
    expect(admin.length).toBeGreaterThanOrEqual(25);
    expect(new Set(admin)).toEqual(new Set(['IMP', 'ONB', 'ENT']));
    expect(new Set(viewer)).toEqual(new Set(['IMP', 'ONB']));
    expect(viewer.length).toBe(admin.filter((p) => p !== 'ENT').length);
  });

  it('shows the app panels on an implementation, as the user, and Jira’s answer for an issue they cannot see', async () => {
    const ent = app.state.projects.find((p) => p.key === 'ENT');
    const epic = app.state.issues.find((i) => i.projectId === ent?.id && i.labels.includes('implementation'));
    if (!epic) throw new Error('the demo site has no ENT implementation');
    const asAdmin = await (await get(`/browse/${epic.key}?user=admin`)).text();
    const panels = app.forge.manifest.surfaces.filter((s) => s.type === 'jira:issuePanel');
    for (const panel of panels) expect(asAdmin).toContain(`aria-label="${panel.title}"`);
    const asViewer = await (await get(`/browse/${epic.key}?user=viewer`)).text();
    expect(asViewer).toContain('does not exist or you do not have permission to see it');
    expect(asViewer).not.toContain(epic.summary);
  });

  it('escapes what the site says instead of rendering it as HTML', async () => {
    const created = await app.site.handle({
      method: 'POST',
      path: '/rest/api/3/issue',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        fields: {
          project: { key: 'IMP' },
          issuetype: { name: 'Epic' },
          summary: '<img src=x onerror="alert(1)"> & co',
          labels: ['implementation'],
        },
      }),
      accountId: app.forge.user('admin').accountId,
    });
    expect(created.status).toBe(201);
    const key = (JSON.parse(created.body) as { key: string }).key;
    const page = await (await get(`/browse/${key}?user=admin`)).text();
    expect(page).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co');
    expect(page).not.toContain('<img src=x');
  });

  it('acts as the user chosen in the query and remembers them in a cookie', async () => {
    const response = await get(`/dashboard?user=viewer&theme=dark`);
    expect(response.headers.getSetCookie()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('runway_user=viewer'),
        expect.stringContaining('runway_theme=dark'),
      ]),
    );
    const page = await response.text();
    expect(page).toContain('data-color-mode="dark"');
    const frame = app.forge.readFrameToken(
      new URL(frameSrc(page, GADGET), app.url).searchParams.get('frame') ?? '',
    );
    expect(frame).toMatchObject({ m: GADGET, e: 'view', u: app.forge.user('viewer').accountId });
    const again = await (await get('/dashboard', { headers: { cookie: 'runway_user=consultant' } })).text();
    expect(
      app.forge.readFrameToken(new URL(frameSrc(again, GADGET), app.url).searchParams.get('frame') ?? '').u,
    ).toBe(app.forge.user('consultant').accountId);
  });

  it('answers getContext for the frame that asks, with its gadget configuration', async () => {
    const view = app.forge.frame(GADGET, 'consultant');
    const edit = app.forge.frame(GADGET, 'consultant', { entry: 'edit' });
    expect(await bridge(app.forge.frameToken(view), 'submit', { jql: 'project = IMP' })).toEqual({
      ok: true,
      result: false,
    });
    expect(await bridge(app.forge.frameToken(edit), 'submit', { jql: 'project = IMP' })).toEqual({
      ok: true,
      result: true,
    });
    const context = await bridge(app.forge.frameToken(view), 'getContext');
    expect(context.result).toMatchObject({
      accountId: app.forge.user('consultant').accountId,
      moduleKey: GADGET,
      extension: { type: 'jira:dashboardGadget', gadgetConfiguration: { jql: 'project = IMP' } },
    });
  });

  it('sends requestJira from a frame to the site as the frame user', async () => {
    const frame = app.forge.frameToken(app.forge.frame(GADGET, 'viewer'));
    const answer = await bridge(frame, 'fetchProduct', {
      product: 'jira',
      restPath: '/rest/api/3/myself',
      fetchRequestInit: { method: 'GET', headers: [] },
    });
    expect(answer.ok).toBe(true);
    const result = answer.result as { status: number; body: string };
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ accountId: app.forge.user('viewer').accountId });
  });

  it('refuses a bridge call with a frame token it did not issue', async () => {
    const answer = await bridge('not-a-token', 'getContext');
    expect(answer).toEqual({ ok: false, error: expect.stringContaining('not one the host issued') });
  });

  it('refuses a token it did not sign: unsigned JSON naming the admin, or one whose signed body was changed', async () => {
    const admin = app.forge.user('admin').accountId;
    const claim = { m: GADGET, e: 'edit', u: admin, l: 'forged', c: {} };
    const unsigned = Buffer.from(JSON.stringify(claim)).toString('base64url');
    expect(await bridge(unsigned, 'submit', { jql: 'project = ENT' })).toEqual({
      ok: false,
      error: expect.stringContaining('bad signature'),
    });
    const signed = app.forge.frameToken(
      app.forge.frame(GADGET, 'viewer', { entry: 'edit', localId: 'forged' }),
    );
    const tampered = `${unsigned}${signed.slice(signed.lastIndexOf('.'))}`;
    expect(await bridge(tampered, 'submit', { jql: 'project = ENT' })).toEqual({
      ok: false,
      error: expect.stringContaining('bad signature'),
    });
    expect(app.forge.instanceConfig({ m: GADGET, l: 'forged' })).toBeUndefined();
  });

  it('refuses a cross-site bridge call even with a token it signed (any web page open while it runs)', async () => {
    const frame = app.forge.frameToken(app.forge.frame(GADGET, 'admin', { entry: 'edit', localId: 'csrf' }));
    const crossSite: Array<Record<string, string>> = [
      { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://attacker.example' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of crossSite) {
      const response = await get('/__host/bridge', {
        method: 'POST',
        headers,
        body: JSON.stringify({ frame, call: 'submit', payload: { jql: 'project = ENT' } }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        ok: false,
        error: 'The bridge answers only pages of this host.',
      });
    }
    expect(app.forge.instanceConfig({ m: GADGET, l: 'csrf' })).toBeUndefined();
    const own = { origin: app.url, 'sec-fetch-site': 'same-origin' };
    expect(await bridge(frame, 'submit', { jql: 'project = ENT' }, own)).toEqual({ ok: true, result: true });
  });

  it('refuses a cross-site move of an issue', async () => {
    const response = await get('/browse/IMP-1/transitions', {
      method: 'POST',
      headers: { origin: 'https://attacker.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'transition=31',
    });
    expect(response.status).toBe(403);
  });

  it('serves each resource with the Content-Security-Policy Forge computes from its HTML and the manifest', async () => {
    const response = await get('/app/kpi-gadget/index.html');
    const policy = new Map(
      (response.headers.get('content-security-policy') ?? '').split('; ').map((d) => {
        const [name, ...values] = d.split(' ');
        return [name, values] as const;
      }),
    );
    expect(policy.get('script-src')).toEqual(expect.arrayContaining(["'self'"]));
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('style-src')).toEqual(expect.arrayContaining(["'self'", app.url, "'unsafe-inline'"]));
    expect(policy.get('frame-ancestors')).toEqual(expect.arrayContaining(["'self'", app.url]));
    expect(policy.get('sandbox')).toEqual(expect.arrayContaining(['allow-scripts', 'allow-same-origin']));
    expect(policy.has('report-uri')).toBe(false);
  });

  it('serves built resources with the bridge script first, and nothing outside them', async () => {
    const html = await (await get('/app/kpi-gadget/index.html')).text();
    expect(html.indexOf('<script src="/__host/host.js"></script>')).toBeLessThan(
      html.indexOf('type="module"'),
    );
    expect((await get('/app/kpi-gadget/..%2F..%2F..%2Fpackage.json')).status).toBe(403);
    expect((await get('/app/no-such-resource/index.html')).status).toBe(404);
  });

  it('answers the REST API only with an API token, as that account', async () => {
    expect((await get('/rest/api/3/myself')).status).toBe(401);
    const auth = `Basic ${Buffer.from('jordan.lee@runway-demo.example:demo-viewer-token').toString('base64')}`;
    const me = (await (await get('/rest/api/3/myself', { headers: { authorization: auth } })).json()) as {
      accountId: string;
    };
    expect(me.accountId).toBe(app.forge.user('viewer').accountId);
  });
});
