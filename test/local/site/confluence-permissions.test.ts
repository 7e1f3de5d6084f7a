// Who may do what to a Confluence page, as the local site answers it like Confluence: v2 "Get
// permitted operations for page" (for the caller, against the OpenAPI spec) and v1 "Check content
// permissions" for another user (read, update or delete; Confluence administrators and the app only).
import { ADMIN, CONSULTANT, VIEWER, demoSite } from './helpers';
import { confluenceSpec } from './openapi';

const site = demoSite(12);
const state = site.handler.state;
const delivery = state.confluence.spaces.find((s) => s.key === 'IMPL');
const restricted = state.confluence.spaces.find((s) => s.key !== 'IMPL');
if (!delivery || !restricted) throw new Error('the demo site lacks its two spaces');
const home = delivery.homepageId;
const check = (id: string, accountId: string, operation: string, caller = 'app') =>
  site.call('POST', `/wiki/rest/api/content/${id}/permission/check`, caller, {
    subject: { type: 'user', identifier: accountId },
    operation,
  });

describe('GET /wiki/api/v2/pages/{id}/operations', () => {
  it('gives readers read, and the people who may add pages update and delete, in the spec’s shape', async () => {
    const path = `/wiki/api/v2/pages/${home}/operations`;
    const editor = await site.call('GET', path, CONSULTANT);
    expect(confluenceSpec().errors('GET', '/pages/{id}/operations', 200, editor.json)).toEqual([]);
    expect(editor.json).toEqual({
      operations: [
        { operation: 'read', targetType: 'page' },
        { operation: 'update', targetType: 'page' },
        { operation: 'delete', targetType: 'page' },
      ],
    });
    expect((await site.call('GET', path, VIEWER)).json).toEqual({
      operations: [{ operation: 'read', targetType: 'page' }],
    });
  });

  it('is 404 for a page the caller cannot see', async () => {
    const hidden = state.confluence.pages.find((p) => p.spaceId === restricted.id);
    expect((await site.call('GET', `/wiki/api/v2/pages/${hidden?.id}/operations`, VIEWER)).status).toBe(404);
  });
});

describe('POST /wiki/rest/api/content/{id}/permission/check', () => {
  it('says whether another user may update (add pages in) the space, with Confluence’s reason', async () => {
    expect((await check(home, CONSULTANT, 'update')).json).toEqual({ hasPermission: true, errors: [] });
    expect((await check(home, VIEWER, 'update')).json).toEqual({
      hasPermission: false,
      errors: [{ translation: 'User does not have permission to the space', args: [] }],
    });
    expect((await check(home, VIEWER, 'read')).json).toMatchObject({ hasPermission: true });
  });

  it('follows the space’s permissions as they change', async () => {
    const before = [...delivery.editGroups];
    delivery.editGroups = ['app'];
    try {
      expect((await check(home, CONSULTANT, 'update')).json).toMatchObject({ hasPermission: false });
    } finally {
      delivery.editGroups = before;
    }
  });

  it('refuses a non-administrator asking about someone else, but answers them about themselves', async () => {
    expect((await check(home, CONSULTANT, 'read', VIEWER)).status).toBe(403);
    expect((await check(home, VIEWER, 'read', VIEWER)).json).toMatchObject({ hasPermission: true });
    expect((await check(home, VIEWER, 'read', ADMIN)).status).toBe(200);
  });

  it('takes only read, update or delete (Confluence has no create here), and 404s unknown content', async () => {
    expect((await check(home, CONSULTANT, 'create')).status).toBe(400);
    expect((await check('424242424', CONSULTANT, 'read')).status).toBe(404);
  });
});
