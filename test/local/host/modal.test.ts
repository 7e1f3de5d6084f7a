// Forge's Modal on the host side (src/local/host/modal.ts): a frame asks for a resource of the app,
// gets a frame of its own module showing that resource, whose context carries the opener's
// `context` as `extension.modal` and whose calls go to the opener's resolver; anything Forge would
// not open is refused by name. The dialog itself is drawn in the browser: test/e2e.
import { startLocalApp, type LocalApp } from '../../../src/local/host/app';

const PAGE = 'runway-implementations';
const GADGET = 'runway-portfolio-kpis';
const project = { id: '10000', key: 'IMP', type: 'software' };

describe('Forge Modal on the local host', () => {
  let app: LocalApp;
  const opener = (as = 'consultant') =>
    app.forge.frameToken(app.forge.frame(PAGE, as, { context: { project }, localId: `${PAGE}-IMP` }));
  const openModal = (token: string, payload: unknown) =>
    app.forge.bridge(token, 'openModal', payload, app.url) as Promise<{ src: string; size: unknown }>;
  const tokenOf = (src: string) => new URL(src, app.url).searchParams.get('frame') ?? '';

  beforeAll(async () => {
    app = await startLocalApp({ port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('opens a resource of the app as a frame of the opening module, with the context under extension.modal', async () => {
    const opened = await openModal(opener(), {
      resource: 'start-dialog',
      size: 'xlarge',
      context: { options: { project: 'IMP' } },
      closeOnEscape: false,
    });
    expect(opened).toMatchObject({
      src: expect.stringMatching(/^\/app\/start-dialog\/index\.html\?frame=/),
      size: 'xlarge',
      closeOnEscape: false,
      closeOnOverlayClick: true,
      title: '',
    });
    const modal = tokenOf(opened.src);
    const context = await app.forge.bridge(modal, 'getContext', null, app.url);
    expect(context).toMatchObject({
      accountId: app.forge.user('consultant').accountId,
      moduleKey: PAGE,
      localId: `${PAGE}-IMP`,
      extension: { type: 'jira:projectPage', project, modal: { options: { project: 'IMP' } } },
    });
    // Its calls go to the opening module's resolver, as the same user.
    const options = await app.forge.bridge(
      modal,
      'invoke',
      { functionKey: 'getStartOptions', payload: {} },
      app.url,
    );
    expect(options).toMatchObject({ ok: true, data: { project: 'IMP', canCreate: true } });
  });

  it('serves the modal resource under the policy Forge computes for it', async () => {
    const opened = await openModal(opener(), { resource: 'start-dialog' });
    const response = await fetch(`${app.url}${opened.src}&theme=dark`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<title>Start from playbook</title>');
  });

  it('opens the opener’s own resource when none is named, with Forge’s defaults', async () => {
    const opened = await openModal(opener(), {});
    expect(opened).toMatchObject({
      src: expect.stringMatching(/^\/app\/implementations\/index\.html\?frame=/),
      size: 'medium',
      closeOnEscape: true,
      closeOnOverlayClick: true,
    });
    const context = await app.forge.bridge(tokenOf(opened.src), 'getContext', null, app.url);
    expect(context).toMatchObject({ extension: { modal: {} } });
  });

  it('refuses a resource the manifest does not declare, and a size Forge does not know, by name', async () => {
    await expect(openModal(opener(), { resource: 'not-a-resource' })).rejects.toThrow(
      'Unable to open modal: manifest.yml declares no resource "not-a-resource" (a Modal opens a resource of this app)',
    );
    await expect(openModal(opener(), { resource: 'start-dialog', size: 'huge' })).rejects.toThrow(
      /^Unable to open modal: size: /,
    );
  });

  it('keeps a modal from saving the configuration of the gadget edit view that opened it', async () => {
    const edit = app.forge.frameToken(app.forge.frame(GADGET, 'admin', { entry: 'edit' }));
    const opened = await openModal(edit, {});
    expect(opened.src).toMatch(/^\/app\/kpi-gadget-edit\//);
    expect(await app.forge.bridge(tokenOf(opened.src), 'submit', { jql: 'x' }, app.url)).toBe(false);
  });

  it('signs the modal frame: its context cannot be changed on the way', async () => {
    const opened = await openModal(opener(), { resource: 'start-dialog', context: { a: 1 } });
    const [body, signature] = tokenOf(opened.src).split('.');
    const json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...json, u: app.forge.user('admin').accountId })).toString('base64url')}.${signature}`;
    await expect(app.forge.bridge(forged, 'getContext', null, app.url)).rejects.toThrow(/bad signature/);
  });
});
