// Every endpoint of the emulated site answers in the shape Atlassian's OpenAPI documents say.
import { SITE_ENDPOINTS } from '../../../src/local/site';
import { ADMIN, body, demoSite, q, type IssueJson, type SearchBody, type Site } from './helpers';
import { confluenceSpec, jiraSpec, loadReference } from './openapi';

interface Case {
  method: string;
  path: string | ((site: Site) => string);
  template: string;
  status: number;
  body?: Record<string, unknown> | ((site: Site) => unknown);
  /** The spec documents an object where Jira (and the site) answer with a list of them. */
  listOf?: string;
}

const ISSUE = (site: Site) => site.portfolio.implementations[0].key;

const cases: Case[] = [
  {
    method: 'GET',
    path: `/rest/api/3/search/jql?jql=${q('project = IMP ORDER BY key')}&fields=*all&expand=names,changelog,schema&maxResults=20`,
    template: '/rest/api/3/search/jql',
    status: 200,
  },
  {
    method: 'POST',
    path: '/rest/api/3/search/jql',
    template: '/rest/api/3/search/jql',
    status: 200,
    body: {
      jql: 'issuetype = Epic AND labels = implementation',
      fields: ['summary', 'status', 'parent', 'issuelinks', 'timetracking'],
      expand: 'names,changelog',
      maxResults: 50,
    },
  },
  {
    method: 'GET',
    path: `/rest/api/3/search/jql?jql=${q('project in (IMP, ONB)')}&fields=key`,
    template: '/rest/api/3/search/jql',
    status: 200,
  },
  {
    method: 'POST',
    path: '/rest/api/3/changelog/bulkfetch',
    template: '/rest/api/3/changelog/bulkfetch',
    status: 200,
    body: (site) => ({
      issueIdsOrKeys: site.portfolio.implementations.slice(0, 5).map((i) => i.key),
      maxResults: 50,
    }),
  },
  {
    method: 'GET',
    path: (s) =>
      `/rest/api/3/issue/${ISSUE(s)}?expand=names,schema,changelog,transitions,renderedFields&properties=*all`,
    template: '/rest/api/3/issue/{issueIdOrKey}',
    status: 200,
  },
  {
    method: 'GET',
    path: (s) => `/rest/api/3/issue/${ISSUE(s)}/changelog?maxResults=5`,
    template: '/rest/api/3/issue/{issueIdOrKey}/changelog',
    status: 200,
  },
  {
    method: 'POST',
    path: '/rest/api/3/issue',
    template: '/rest/api/3/issue',
    status: 201,
    body: (s) => ({
      fields: {
        project: { key: 'IMP' },
        issuetype: { name: 'Risk' },
        summary: 'Risk: contract test',
        parent: { key: ISSUE(s) },
      },
    }),
  },
  {
    method: 'GET',
    path: (s) => `/rest/api/3/issue/${ISSUE(s)}/transitions`,
    template: '/rest/api/3/issue/{issueIdOrKey}/transitions',
    status: 200,
  },
  {
    method: 'GET',
    path: (s) => `/rest/api/3/issue/${ISSUE(s)}/properties`,
    template: '/rest/api/3/issue/{issueIdOrKey}/properties',
    status: 200,
  },
  {
    method: 'GET',
    path: (s) => `/rest/api/3/issue/${ISSUE(s)}/properties/runway.contract`,
    template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    status: 200,
  },
  {
    method: 'POST',
    path: (s) => `/rest/api/3/issue/${ISSUE(s)}/remotelink`,
    template: '/rest/api/3/issue/{issueIdOrKey}/remotelink',
    status: 201,
    body: {
      globalId: 'runway:contract',
      application: { type: 'com.atlassian.confluence', name: 'Confluence' },
      relationship: 'Handover packet',
      object: {
        url: 'https://runway-demo.atlassian.net/wiki/x/1',
        title: 'Handover',
        icon: { url16x16: 'https://runway-demo.atlassian.net/favicon.ico' },
      },
    },
  },
  {
    method: 'GET',
    path: (s) => `/rest/api/3/issue/${ISSUE(s)}/remotelink`,
    template: '/rest/api/3/issue/{issueIdOrKey}/remotelink',
    status: 200,
    listOf: 'RemoteIssueLink',
  },
  {
    method: 'GET',
    path: (s) => `/rest/api/3/issue/${ISSUE(s)}/remotelink?globalId=runway%3Acontract`,
    template: '/rest/api/3/issue/{issueIdOrKey}/remotelink',
    status: 200,
  },
  {
    method: 'GET',
    path: (s) =>
      `/rest/api/3/issue/${ISSUE(s)}/remotelink/${s.handler.state.issues.find((i) => i.key === ISSUE(s))?.remoteLinks.find((l) => l.globalId === 'runway:contract')?.id}`,
    template: '/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
    status: 200,
  },
  { method: 'GET', path: '/rest/api/3/field', template: '/rest/api/3/field', status: 200 },
  {
    method: 'POST',
    path: '/rest/api/3/field',
    template: '/rest/api/3/field',
    status: 201,
    body: {
      name: 'Contract Test Select',
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
      searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher',
    },
  },
  {
    method: 'GET',
    path: '/rest/api/3/field/customfield_10054/context',
    template: '/rest/api/3/field/{fieldId}/context',
    status: 200,
  },
  {
    method: 'POST',
    path: '/rest/api/3/field/customfield_10054/context',
    template: '/rest/api/3/field/{fieldId}/context',
    status: 201,
    body: { name: 'IMP only', projectIds: ['10000'] },
  },
  {
    method: 'GET',
    path: (s) => `/rest/api/3/field/customfield_10054/context/${contextOf(s, 'customfield_10054')}/option`,
    template: '/rest/api/3/field/{fieldId}/context/{contextId}/option',
    status: 200,
  },
  {
    method: 'POST',
    path: (s) => `/rest/api/3/field/customfield_10054/context/${contextOf(s, 'customfield_10054')}/option`,
    template: '/rest/api/3/field/{fieldId}/context/{contextId}/option',
    status: 200,
    body: { options: [{ value: 'Strategic' }] },
  },
  { method: 'GET', path: '/rest/api/3/issuetype', template: '/rest/api/3/issuetype', status: 200 },
  {
    method: 'GET',
    path: '/rest/api/3/issue/createmeta/IMP/issuetypes',
    template: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/issue/createmeta/TEAM/issuetypes',
    template: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/issue/createmeta/IMP/issuetypes/10006',
    template: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/issuetypescheme/project',
    template: '/rest/api/3/issuetypescheme/project',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=10000',
    template: '/rest/api/3/issuetypescheme/mapping',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/issuetypescreenscheme/project?projectId=10000',
    template: '/rest/api/3/issuetypescreenscheme/project',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/issuetypescreenscheme/mapping',
    template: '/rest/api/3/issuetypescreenscheme/mapping',
    status: 200,
  },
  { method: 'GET', path: '/rest/api/3/screenscheme', template: '/rest/api/3/screenscheme', status: 200 },
  {
    method: 'GET',
    path: '/rest/api/3/screens/10001/tabs',
    template: '/rest/api/3/screens/{screenId}/tabs',
    status: 200,
    listOf: 'ScreenableTab',
  },
  {
    method: 'GET',
    path: '/rest/api/3/screens/10001/tabs/10002/fields',
    template: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields',
    status: 200,
    listOf: 'ScreenableField',
  },
  {
    method: 'POST',
    path: (s) => {
      const screen = s.handler.state.schemes.screens.find((x) => x.name === 'SUP: Default Screen');
      return `/rest/api/3/screens/${screen?.id}/tabs/${screen?.tabs[0].id}/fields`;
    },
    template: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields',
    status: 200,
    body: { fieldId: 'customfield_10057' },
  },
  { method: 'GET', path: '/rest/api/3/issuetype/10011', template: '/rest/api/3/issuetype/{id}', status: 200 },
  {
    method: 'POST',
    path: '/rest/api/3/issuetype',
    template: '/rest/api/3/issuetype',
    status: 201,
    body: { name: 'Contract Test Type', description: 'x', hierarchyLevel: 0 },
  },
  { method: 'GET', path: '/rest/api/3/status', template: '/rest/api/3/status', status: 200 },
  { method: 'GET', path: '/rest/api/3/statuscategory', template: '/rest/api/3/statuscategory', status: 200 },
  { method: 'GET', path: '/rest/api/3/priority', template: '/rest/api/3/priority', status: 200 },
  { method: 'GET', path: '/rest/api/3/resolution', template: '/rest/api/3/resolution', status: 200 },
  { method: 'GET', path: '/rest/api/3/issueLinkType', template: '/rest/api/3/issueLinkType', status: 200 },
  { method: 'GET', path: '/rest/api/3/project', template: '/rest/api/3/project', status: 200 },
  {
    method: 'GET',
    path: '/rest/api/3/project/search?maxResults=2',
    template: '/rest/api/3/project/search',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/IMP',
    template: '/rest/api/3/project/{projectIdOrKey}',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/IMP/statuses',
    template: '/rest/api/3/project/{projectIdOrKey}/statuses',
    status: 200,
  },
  { method: 'GET', path: '/rest/api/3/myself?expand=groups', template: '/rest/api/3/myself', status: 200 },
  {
    method: 'GET',
    path: '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER&projectKey=IMP',
    template: '/rest/api/3/mypermissions',
    status: 200,
  },
  {
    method: 'GET',
    path: `/rest/api/3/user?accountId=${ADMIN}&expand=groups`,
    template: '/rest/api/3/user',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/user/search?query=ma',
    template: '/rest/api/3/user/search',
    status: 200,
  },
  {
    method: 'GET',
    path: `/rest/api/3/user/bulk?accountId=${ADMIN}&accountId=no-such-account&maxResults=50`,
    template: '/rest/api/3/user/bulk',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/groups/picker?query=RUNWAY&caseInsensitive=true&maxResults=5',
    template: '/rest/api/3/groups/picker',
    status: 200,
  },
  {
    method: 'GET',
    path: `/rest/api/3/user/groups?accountId=${ADMIN}`,
    template: '/rest/api/3/user/groups',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/group/member?groupname=implementation-leads',
    template: '/rest/api/3/group/member',
    status: 200,
  },
  {
    method: 'GET',
    path: '/rest/api/3/groupuserpicker?query=runway',
    template: '/rest/api/3/groupuserpicker',
    status: 200,
  },
  { method: 'GET', path: '/rest/api/3/serverInfo', template: '/rest/api/3/serverInfo', status: 200 },
  { method: 'GET', path: '/wiki/api/v2/spaces', template: '/wiki/api/v2/spaces', status: 200 },
  { method: 'GET', path: '/wiki/api/v2/spaces/98305', template: '/wiki/api/v2/spaces/{id}', status: 200 },
  {
    method: 'GET',
    path: '/wiki/api/v2/spaces/98305/operations',
    template: '/wiki/api/v2/spaces/{id}/operations',
    status: 200,
  },
  {
    method: 'GET',
    path: '/wiki/api/v2/spaces/98305/pages?body-format=storage&limit=2',
    template: '/wiki/api/v2/spaces/{id}/pages',
    status: 200,
  },
  {
    method: 'GET',
    path: '/wiki/api/v2/pages?body-format=atlas_doc_format&limit=3',
    template: '/wiki/api/v2/pages',
    status: 200,
  },
  {
    method: 'POST',
    path: '/wiki/api/v2/pages',
    template: '/wiki/api/v2/pages',
    status: 200,
    body: {
      spaceId: '98305',
      status: 'current',
      title: 'Contract test page',
      body: {
        representation: 'atlas_doc_format',
        value: JSON.stringify({
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }],
        }),
      },
    },
  },
  {
    method: 'GET',
    path: (s) => `/wiki/api/v2/pages/${pageOf(s)}?body-format=atlas_doc_format`,
    template: '/wiki/api/v2/pages/{id}',
    status: 200,
  },
  {
    method: 'GET',
    path: (s) => `/wiki/api/v2/pages/${pageOf(s)}/labels?limit=50`,
    template: '/wiki/api/v2/pages/{id}/labels',
    status: 200,
  },
  {
    method: 'PUT',
    path: (s) => `/wiki/api/v2/pages/${pageOf(s)}`,
    template: '/wiki/api/v2/pages/{id}',
    status: 200,
    body: (s) => ({
      id: pageOf(s),
      status: 'current',
      title: 'Contract test page',
      body: { representation: 'storage', value: '<p>updated</p>' },
      version: { number: 2, message: 'second' },
    }),
  },
  // The daily alerts (as the app): who may browse which issues, then one digest per recipient.
  {
    method: 'POST',
    path: '/rest/api/3/permissions/check',
    template: '/rest/api/3/permissions/check',
    status: 200,
    body: (s) => ({
      accountId: s.portfolio.users.viewer.accountId,
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [
        { permissions: ['BROWSE_PROJECTS'], issues: [Number(s.handler.state.issues[0].id)] },
      ],
    }),
  },
  {
    method: 'POST',
    path: (s) => `/rest/api/3/issue/${ISSUE(s)}/notify`,
    template: '/rest/api/3/issue/{issueIdOrKey}/notify',
    status: 204,
    body: (s) => ({
      subject: 'Runway: 1 thing needs you',
      textBody: 'Runway alerts',
      htmlBody: '<p>Runway alerts</p>',
      to: { users: [{ accountId: s.portfolio.users.consultant.accountId }] },
      restrict: { permissions: [{ key: 'BROWSE_PROJECTS' }] },
    }),
  },
];

function contextOf(site: Site, fieldId: string): string {
  const field = site.handler.state.fields.find((f) => f.id === fieldId);
  return field?.contexts?.[0].id ?? 'none';
}

function pageOf(site: Site): string {
  return site.handler.state.confluence.pages.find((p) => p.title === 'Contract test page')?.id ?? 'none';
}

describe('the OpenAPI validator used here', () => {
  it('rejects a response Jira would not send: wrong types, unknown properties', () => {
    expect(jiraSpec().componentErrors('IssueBean', { id: 10001, key: 'IMP-1' })).not.toEqual([]);
    expect(jiraSpec().componentErrors('IssueBean', { id: '10001', key: 'IMP-1', total: 3 })).not.toEqual([]);
    expect(
      jiraSpec().errors('POST', '/rest/api/3/changelog/bulkfetch', 200, {
        issueChangeLogs: [{ issueId: 1 }],
      }),
    ).not.toEqual([]);
    expect(
      confluenceSpec().errors('GET', '/wiki/api/v2/pages/{id}', 200, { id: '1', status: 'published' }),
    ).not.toEqual([]);
  });

  it('accepts recorded real Jira changelogs (null from/to included)', () => {
    const page = loadReference('jira-samples/hack-jira-cfd/issue_changelog_page.json') as {
      values: unknown[];
    };
    for (const history of page.values) {
      const withUrls = JSON.parse(
        JSON.stringify(history).replace(/"hidden"/g, '"https://example.atlassian.net/x"'),
      ) as unknown;
      expect(jiraSpec().componentErrors('Changelog', withUrls)).toEqual([]);
    }
  });
});

describe('the emulated site answers as the OpenAPI documents say', () => {
  const site = demoSite(10);

  beforeAll(async () => {
    const key = site.portfolio.implementations[0].key;
    const put = await site.call('PUT', `/rest/api/3/issue/${key}/properties/runway.contract`, ADMIN, {
      gates: ['Design Sign-off'],
    });
    expect(put.status).toBe(201);
  });

  it.each(
    cases.map(
      (c) => [`${c.method} ${typeof c.path === 'string' ? c.path.split('?')[0] : c.template}`, c] as const,
    ),
  )('%s', async (_name, c) => {
    const path = typeof c.path === 'function' ? c.path(site) : c.path;
    const requestBody = typeof c.body === 'function' ? c.body(site) : c.body;
    const reply = await site.call(c.method, path, ADMIN, requestBody);
    expect({ status: reply.status, text: reply.status === c.status ? '' : reply.text }).toEqual({
      status: c.status,
      text: '',
    });
    const spec = c.template.startsWith('/wiki/') ? confluenceSpec() : jiraSpec();
    if (c.listOf) {
      expect(Array.isArray(reply.json)).toBe(true);
      for (const entry of reply.json as unknown[]) expect(spec.componentErrors(c.listOf, entry)).toEqual([]);
    } else {
      expect(spec.errors(c.method, c.template, c.status, reply.json)).toEqual([]);
    }
  });

  it('covers every endpoint that answers with JSON', () => {
    const covered = new Set(cases.map((c) => `${c.method} ${c.template}`));
    const noJsonBody = [
      /^DELETE /,
      / \/rest\/api\/[23]\/search$/,
      /^PUT \/rest\/api\/3\/issue\//,
      /^PUT .*properties/,
      /^POST \/rest\/api\/3\/issue\/\{issueIdOrKey\}\/transitions$/,
      /^POST \/rest\/api\/3\/issueLink$/,
      /^PUT \/rest\/api\/3\/issuetypescheme\//,
      / \/wiki\/(api\/v2\/pages\/\{id\}\/operations|rest\/api\/content\/)/, // confluence-permissions.test.ts
    ];
    const missing = SITE_ENDPOINTS.filter((e) => !covered.has(e) && !noJsonBody.some((re) => re.test(e)));
    expect(missing).toEqual([]);
  });

  it('validates issues with every kind of field the demo writes (implementations, RAID items, gates)', async () => {
    const reply = await site.call('POST', '/rest/api/3/search/jql', ADMIN, {
      jql: 'project in (IMP, ONB, ENT) ORDER BY key',
      fields: ['*all'],
      expand: 'changelog',
      maxResults: 100,
    });
    expect(reply.status).toBe(200);
    expect(jiraSpec().errors('POST', '/rest/api/3/search/jql', 200, reply.json)).toEqual([]);
    const issues = body<SearchBody>(reply).issues;
    expect(issues).toHaveLength(100);
    expect(new Set(issues.map((i: IssueJson) => i.fields?.issuetype?.name)).size).toBeGreaterThan(5);
  });
});
