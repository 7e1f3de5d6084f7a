// Each user sees and changes what Jira would let them: the viewer cannot browse ENT at all,
// cannot write anywhere; only admins change configuration; asApp acts as the app.

import { APP_ACCOUNT } from '../../../src/local/site';
import {
  ADMIN,
  CONSULTANT,
  VIEWER,
  body,
  demoSite,
  q,
  type ErrorBody,
  type IssueJson,
  type SearchBody,
} from './helpers';

const site = demoSite(9);
const state = site.handler.state;
const entIssue = state.issues.find((i) => i.key.startsWith('ENT-') && i.histories.length > 0)!;
const impIssue = state.issues.find((i) => i.key.startsWith('IMP-') && i.histories.length > 0)!;
const ISSUE_GONE = 'Issue does not exist or you do not have permission to see it.';

async function keys(jql: string, accountId: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const reply = await site.call('POST', '/rest/api/3/search/jql', accountId, {
      jql,
      fields: ['key'],
      maxResults: 5000,
      nextPageToken: token,
    });
    expect(reply.status).toBe(200);
    const page = body<SearchBody>(reply);
    out.push(...page.issues.map((i) => i.key));
    token = page.nextPageToken;
  } while (token);
  return out;
}

describe('a viewer who may not browse ENT', () => {
  it('finds no ENT issue in any search, and Jira’s errors when naming ENT or its issues', async () => {
    const everything = await keys(
      'issuetype in (Epic, Task, Story, Bug, Risk, Gate, Milestone) OR labels is EMPTY OR labels is not EMPTY',
      VIEWER,
    );
    expect(everything.length).toBeGreaterThan(100);
    expect(everything.filter((k) => k.startsWith('ENT-'))).toEqual([]);
    expect(
      (await keys('labels is EMPTY OR labels is not EMPTY', ADMIN)).some((k) => k.startsWith('ENT-')),
    ).toBe(true);

    const byProject = await site.call(
      'GET',
      `/rest/api/3/search/jql?jql=${q('project in (IMP, ENT)')}`,
      VIEWER,
    );
    expect(byProject.status).toBe(400);
    expect(body<ErrorBody>(byProject).errorMessages).toEqual([
      "The value 'ENT' does not exist for the field 'project'.",
    ]);
    const byKey = await site.call('GET', `/rest/api/3/search/jql?jql=${q(`key = ${entIssue.key}`)}`, VIEWER);
    expect(body<ErrorBody>(byKey).errorMessages).toEqual([
      `An issue with key '${entIssue.key}' does not exist for field 'key'.`,
    ]);
  });

  it.each([
    ['GET', '/rest/api/3/issue/{key}'],
    ['GET', '/rest/api/3/issue/{key}/changelog'],
    ['GET', '/rest/api/3/issue/{key}/transitions'],
    ['GET', '/rest/api/3/issue/{key}/properties'],
    ['GET', '/rest/api/3/issue/{key}/remotelink'],
    ['PUT', '/rest/api/3/issue/{key}'],
  ])('gets 404 "does not exist" from %s %s for an ENT issue', async (method, path) => {
    const reply = await site.call(
      method,
      path.replace('{key}', entIssue.key),
      VIEWER,
      method === 'PUT' ? { fields: { summary: 'x' } } : undefined,
    );
    expect(reply.status).toBe(404);
    expect(body<ErrorBody>(reply).errorMessages).toEqual([ISSUE_GONE]);
  });

  it('gets no ENT changelogs from bulkfetch', async () => {
    const reply = await site.call('POST', '/rest/api/3/changelog/bulkfetch', VIEWER, {
      issueIdsOrKeys: [entIssue.key, impIssue.key],
    });
    const logs = body<{ issueChangeLogs: Array<{ issueId: string }> }>(reply).issueChangeLogs;
    expect(logs.map((l) => l.issueId)).toEqual([impIssue.id]);
  });

  it('cannot see the ENT project, its permissions or the restricted Confluence space', async () => {
    const project = await site.call('GET', '/rest/api/3/project/ENT', VIEWER);
    expect(project.status).toBe(404);
    expect(body<ErrorBody>(project).errorMessages).toEqual(["No project could be found with key 'ENT'."]);
    const listed = body<{ values: Array<{ key: string }> }>(
      await site.call('GET', '/rest/api/3/project/search', VIEWER),
    );
    expect(listed.values.map((p) => p.key)).toEqual(['IMP', 'ONB', 'SUP', 'TEAM']);
    expect(
      (await site.call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=ENT', VIEWER))
        .status,
    ).toBe(404);
    const spaces = body<{ results: Array<{ key: string }> }>(
      await site.call('GET', '/wiki/api/v2/spaces', VIEWER),
    );
    expect(spaces.results.map((s) => s.key)).toEqual(['IMPL']);
    const hidden = state.confluence.pages.find((p) => p.spaceId === '98306')!;
    expect((await site.call('GET', `/wiki/api/v2/pages/${hidden.id}`, VIEWER)).status).toBe(404);
    const pages = body<{ results: Array<{ spaceId: string }> }>(
      await site.call('GET', '/wiki/api/v2/pages?limit=250', VIEWER),
    );
    expect(pages.results.some((p) => p.spaceId === '98306')).toBe(false);
  });

  it('is told by mypermissions that it may browse but not edit', async () => {
    const reply = await site.call(
      'GET',
      '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER&projectKey=IMP',
      VIEWER,
    );
    const perms = body<{ permissions: Record<string, { havePermission: boolean }> }>(reply).permissions;
    expect([
      perms.BROWSE_PROJECTS.havePermission,
      perms.EDIT_ISSUES.havePermission,
      perms.ADMINISTER.havePermission,
    ]).toEqual([true, false, false]);
  });

  it('cannot write: edit, create, transition, properties, remote links and pages are refused', async () => {
    const key = impIssue.key;
    const before = JSON.stringify(state.issues.find((i) => i.key === key));
    expect(
      (await site.call('PUT', `/rest/api/3/issue/${key}`, VIEWER, { fields: { summary: 'Changed' } })).status,
    ).toBe(403);
    expect(
      (
        await site.call('POST', '/rest/api/3/issue', VIEWER, {
          fields: { project: { key: 'IMP' }, issuetype: { name: 'Task' }, summary: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      body<{ transitions: unknown[] }>(await site.call('GET', `/rest/api/3/issue/${key}/transitions`, VIEWER))
        .transitions,
    ).toEqual([]);
    expect(
      (await site.call('POST', `/rest/api/3/issue/${key}/transitions`, VIEWER, { transition: { id: '11' } }))
        .status,
    ).toBe(403);
    expect((await site.call('PUT', `/rest/api/3/issue/${key}/properties/x`, VIEWER, { a: 1 })).status).toBe(
      403,
    );
    expect(
      (
        await site.call('POST', `/rest/api/3/issue/${key}/remotelink`, VIEWER, {
          object: { url: 'https://x.test', title: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(JSON.stringify(state.issues.find((i) => i.key === key))).toBe(before);
    const page = state.confluence.pages.find((p) => p.spaceId === '98305')!;
    const put = await site.call('PUT', `/wiki/api/v2/pages/${page.id}`, VIEWER, {
      id: page.id,
      status: 'current',
      title: 'x',
      body: { representation: 'storage', value: 'x' },
      version: { number: page.version.number + 1 },
    });
    expect(put.status).toBe(403);
    const post = await site.call('POST', '/wiki/api/v2/pages', VIEWER, {
      spaceId: '98305',
      title: 'New',
      body: { representation: 'storage', value: 'x' },
    });
    expect(post.status).toBe(404);
  });
});

describe('configuration changes', () => {
  it('are refused to a consultant (403) and allowed to an admin', async () => {
    const field = { name: 'Health', type: 'com.atlassian.jira.plugin.system.customfieldtypes:select' };
    const type = { name: 'Workshop', hierarchyLevel: 0 };
    expect((await site.call('POST', '/rest/api/3/field', CONSULTANT, field)).status).toBe(403);
    expect((await site.call('POST', '/rest/api/3/issuetype', CONSULTANT, type)).status).toBe(403);
    expect((await site.call('GET', '/rest/api/3/field/customfield_10054/context', CONSULTANT)).status).toBe(
      403,
    );
    expect((await site.call('POST', '/rest/api/3/field', ADMIN, field)).status).toBe(201);
    expect((await site.call('POST', '/rest/api/3/issuetype', ADMIN, type)).status).toBe(201);
  });

  it('are allowed to the app itself (asApp), which sees every project', async () => {
    const me = body<{ accountType: string }>(await site.call('GET', '/rest/api/3/myself', APP_ACCOUNT));
    expect(me.accountType).toBe('app');
    expect(
      (await site.call('POST', '/rest/api/3/issuetype', APP_ACCOUNT, { name: 'Workshop Note' })).status,
    ).toBe(201);
    const found = body<IssueJson>(
      await site.call('GET', `/rest/api/3/issue/${entIssue.key}?fields=summary`, APP_ACCOUNT),
    );
    expect(found.key).toBe(entIssue.key);
  });

  it('answers an unknown account with 401', async () => {
    const reply = await site.call('GET', '/rest/api/3/myself', 'nobody');
    expect(reply.status).toBe(401);
  });
});

describe('a consultant', () => {
  it('sees ENT and may edit its issues', async () => {
    expect((await keys('project = ENT', CONSULTANT)).length).toBeGreaterThan(10);
    const reply = await site.call('PUT', `/rest/api/3/issue/${entIssue.key}`, CONSULTANT, {
      fields: { labels: ['reviewed'] },
    });
    expect(reply.status).toBe(204);
  });
});
