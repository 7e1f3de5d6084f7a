// Jira's notify API and bulk permission check on the local site, as the OpenAPI document and
// the operations' descriptions say: the app's own request bodies are valid Notification and
// BulkPermissionsRequestBean objects; refusals are Jira's.
import type { IssueNotification } from '../../../src/jira/notify';
import { outboxOf } from '../../../src/local/site/routes-notify';
import { ADMIN, CONSULTANT, VIEWER, demoSite } from './helpers';
import { jiraSpec } from './openapi';

const site = demoSite(12);
const state = site.handler.state;
const projectOf = (key: string) => key.split('-')[0];
const restricted = site.portfolio.restrictedProject ?? 'ENT';
const inRestricted = state.issues.find((i) => projectOf(i.key) === restricted);
const open = state.issues.find((i) => projectOf(i.key) !== restricted);
if (!inRestricted || !open) throw new Error('the demo site lacks a restricted or an open project');

const notification = (to: string): IssueNotification => ({
  subject: 'Runway: 1 thing needs you',
  textBody: 'text',
  htmlBody: '<p>html</p>',
  to: { users: [{ accountId: to }] },
  restrict: { permissions: [{ key: 'BROWSE_PROJECTS' }] },
});

describe('POST /rest/api/3/issue/{issueIdOrKey}/notify', () => {
  it('takes the body the app sends (components/schemas/Notification) and queues one mail per recipient', async () => {
    const body = notification(CONSULTANT);
    expect(jiraSpec().componentErrors('Notification', body)).toEqual([]);
    const before = outboxOf(state, CONSULTANT).length;
    const reply = await site.call('POST', `/rest/api/3/issue/${open.key}/notify`, 'app', body);
    expect(reply.status).toBe(204);
    const [mail] = outboxOf(state, CONSULTANT);
    expect(outboxOf(state, CONSULTANT)).toHaveLength(before + 1);
    expect(mail).toMatchObject({
      issueKey: open.key,
      subject: body.subject,
      textBody: 'text',
      to: CONSULTANT,
    });
  });

  it('mails nobody who cannot browse the issue, even when named', async () => {
    const before = outboxOf(state, VIEWER).length;
    const reply = await site.call(
      'POST',
      `/rest/api/3/issue/${inRestricted.key}/notify`,
      'app',
      notification(VIEWER),
    );
    expect(reply.status).toBe(204);
    expect(outboxOf(state, VIEWER)).toHaveLength(before);
  });

  it('answers 404 when the caller cannot see the issue, 400 for an unknown recipient, the caller, or a bad body', async () => {
    expect(
      (await site.call('POST', `/rest/api/3/issue/${inRestricted.key}/notify`, VIEWER, notification(ADMIN)))
        .status,
    ).toBe(404);
    expect(
      (await site.call('POST', `/rest/api/3/issue/${open.key}/notify`, 'app', notification('nobody'))).status,
    ).toBe(400);
    expect(
      (await site.call('POST', `/rest/api/3/issue/${open.key}/notify`, ADMIN, notification(ADMIN))).status,
    ).toBe(400);
    expect(
      (await site.call('POST', `/rest/api/3/issue/${open.key}/notify`, 'app', { to: { users: [{ id: 1 }] } }))
        .status,
    ).toBe(400);
    expect(
      (await site.call('POST', `/rest/api/3/issue/${open.key}/notify`, 'app', { subject: 'no one' })).status,
    ).toBe(400);
  });
});

describe('POST /rest/api/3/permissions/check', () => {
  const check = (caller: string, accountId: string, issues: number[]) => ({
    caller,
    body: { accountId, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues }] },
  });
  const ids = [Number(open.id), Number(inRestricted.id), 99999999];

  it('says which issues another user may browse (as the app), ignoring unknown ids', async () => {
    const { caller, body } = check('app', VIEWER, ids);
    expect(jiraSpec().componentErrors('BulkPermissionsRequestBean', body)).toEqual([]);
    const reply = await site.call('POST', '/rest/api/3/permissions/check', caller, body);
    expect(reply.status).toBe(200);
    expect(jiraSpec().errors('POST', '/rest/api/3/permissions/check', 200, reply.json)).toEqual([]);
    expect(reply.json).toEqual({
      globalPermissions: [],
      projectPermissions: [{ permission: 'BROWSE_PROJECTS', issues: [Number(open.id)], projects: [] }],
    });
  });

  it('refuses a user who is not a Jira administrator asking about someone else (403), and unknown permissions (400)', async () => {
    const other = check(VIEWER, CONSULTANT, ids);
    expect((await site.call('POST', '/rest/api/3/permissions/check', other.caller, other.body)).status).toBe(
      403,
    );
    const bad = await site.call('POST', '/rest/api/3/permissions/check', 'app', {
      projectPermissions: [{ permissions: ['PERMISSION_123'] }],
    });
    expect(bad).toMatchObject({
      status: 400,
      json: { errorMessages: [], errors: { PERMISSION_123: 'Unrecognized permission' } },
    });
  });
});
