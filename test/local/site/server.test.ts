// The site over HTTP with basic auth (email:token), as the command line's --site reaches it.

import { DEMO_USERS } from '../../../src/local/demo';
import { startSiteServer, type SiteServer } from '../../../src/local/site';
import { demoSite, q } from './helpers';

const site = demoSite(6);
let server: SiteServer;

beforeAll(async () => {
  server = await startSiteServer(site.handler, { port: 0 });
});

afterAll(async () => {
  await server.close();
});

const basic = (email: string, token: string) =>
  `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

describe('the site server', () => {
  it('listens on a free port and answers Jira requests as the token’s user', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { viewer } = DEMO_USERS;
    const response = await fetch(`${server.url}/rest/api/3/myself`, {
      headers: { authorization: basic(viewer.email, viewer.token) },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { accountId: string }).accountId).toBe(viewer.accountId);
  });

  it('takes POST bodies and returns Jira’s JSON and status', async () => {
    const { admin } = DEMO_USERS;
    const response = await fetch(`${server.url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { authorization: basic(admin.email, admin.token), 'content-type': 'application/json' },
      body: JSON.stringify({ jql: 'labels = implementation', fields: ['summary'], maxResults: 3 }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const page = (await response.json()) as { issues: unknown[]; isLast: boolean };
    expect([page.issues.length, page.isLast]).toEqual([3, false]);
  });

  it('answers a wrong token or missing credentials with 401, like Jira', async () => {
    const { admin } = DEMO_USERS;
    const attempts: Array<Record<string, string>> = [
      { authorization: basic(admin.email, 'wrong') },
      { authorization: basic('someone@else.example', admin.token) },
      {},
    ];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/rest/api/3/search/jql?jql=${q('project = IMP')}`, {
        headers,
      });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('Client must be authenticated to access this resource.');
    }
  });
});
