import { createJiraClient, fieldIdsByName, jiraPath, type JiraField } from '../../src/jira';
import { respond, sample, scriptedJira } from './fake-jira';

const make = (script: Parameters<typeof scriptedJira>[0]) => {
  const jira = scriptedJira(script);
  return { jira, client: createJiraClient({ fetch: jira.fetch, sleep: () => Promise.resolve() }) };
};

describe('small typed calls: each sends one documented request and validates the answer', () => {
  it("getFields reads jira-cli's recorded /field list", async () => {
    const { jira, client } = make([respond(200, sample('jira-cli/fields.json'))]);
    const fields = await client.getFields();
    expect(fields.map((f) => f.id)).toEqual(['fixVersions', 'customfield_10111', 'timespent']);
    expect(jira.sent).toEqual([{ method: 'GET', path: '/rest/api/3/field', body: undefined }]);
  });

  it('fieldIdsByName finds custom fields by name, case-insensitively, keeping duplicates', () => {
    const fields = sample('jira-cli/fields.json') as JiraField[];
    const twice = [...fields, { id: 'customfield_2', name: 'original STORY points' }];
    expect(fieldIdsByName(twice, ['Original Story Points', 'Kickoff Date'])).toEqual(
      new Map([['Original Story Points', ['customfield_10111', 'customfield_2']]]),
    );
  });

  it('createIssue posts the fields and returns the key', async () => {
    const { jira, client } = make([
      respond(201, { id: '10000', key: 'ED-24', self: 'https://x/rest/api/3/issue/10000' }),
    ]);
    const fields = { project: { key: 'ED' }, issuetype: { name: 'Risk' }, summary: 'Data migration slips' };
    expect(await client.createIssue({ fields })).toMatchObject({ id: '10000', key: 'ED-24' });
    expect(jira.sent).toEqual([{ method: 'POST', path: '/rest/api/3/issue', body: { fields } }]);
  });

  it('editIssue puts the change and accepts 204 No Content', async () => {
    const { jira, client } = make([respond(204)]);
    await client.editIssue('IMP-1', { fields: { duedate: '2026-07-01' } }, { notifyUsers: false });
    expect(jira.sent).toEqual([
      {
        method: 'PUT',
        path: '/rest/api/3/issue/IMP-1?notifyUsers=false',
        body: { fields: { duedate: '2026-07-01' } },
      },
    ]);
  });

  it("getTransitions reads go-jira's and jira-cli's recorded transitions", async () => {
    const { client } = make([
      respond(200, sample('go-jira/transitions.json')),
      respond(200, sample('jira-cli/transitions.json')),
    ]);
    const goJira = await client.getTransitions('EX-1');
    expect(goJira[0]).toMatchObject({ id: '2', name: 'Close Issue', to: { name: 'In Progress' } });
    expect((await client.getTransitions('TEST-1')).map((t) => t.name)).toEqual([
      'To Do',
      'In Progress',
      'Done',
    ]);
  });

  it('transitionIssue posts the transition id with any fields', async () => {
    const { jira, client } = make([respond(204)]);
    await client.transitionIssue('IMP-1', '31', { fields: { resolution: { name: 'Done' } } });
    expect(jira.sent).toEqual([
      {
        method: 'POST',
        path: '/rest/api/3/issue/IMP-1/transitions',
        body: { transition: { id: '31' }, fields: { resolution: { name: 'Done' } } },
      },
    ]);
  });

  it('issue properties: get returns the value, a missing one is undefined, set puts the JSON value', async () => {
    const { jira, client } = make([
      respond(200, { key: 'runway.gate', value: { state: 'passed' } }),
      respond(404, { errorMessages: ["The property with key 'runway.gate' does not exist."] }),
      respond(200),
    ]);
    expect(await client.getIssueProperty('IMP-1', 'runway.gate')).toEqual({ state: 'passed' });
    expect(await client.getIssueProperty('IMP-2', 'runway.gate')).toBeUndefined();
    await client.setIssueProperty('IMP-1', 'runway.gate', { state: 'open' });
    expect(jira.sent.map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/rest/api/3/issue/IMP-1/properties/runway.gate', undefined],
      ['GET', '/rest/api/3/issue/IMP-2/properties/runway.gate', undefined],
      ['PUT', '/rest/api/3/issue/IMP-1/properties/runway.gate', { state: 'open' }],
    ]);
  });

  it('remote links: list, create (upsert by globalId) and update', async () => {
    const link = {
      globalId: 'runway:handover:IMP-1',
      object: { url: 'https://wiki/x', title: 'Handover packet' },
    };
    const { jira, client } = make([
      respond(200, [{ id: 10000, ...link }]),
      respond(200, { id: 10000, self: 'https://x/rest/api/issue/IMP-1/remotelink/10000' }),
      respond(204),
      respond(200, { id: 10000, ...link }),
    ]);
    expect((await client.getRemoteLinks('IMP-1'))[0].object.title).toBe('Handover packet');
    expect(await client.createRemoteLink('IMP-1', link)).toEqual({ id: 10000 });
    await client.updateRemoteLink('IMP-1', 10000, link);
    expect(await client.getRemoteLinks('IMP-1', link.globalId)).toHaveLength(1);
    expect(jira.sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /rest/api/3/issue/IMP-1/remotelink',
      'POST /rest/api/3/issue/IMP-1/remotelink',
      'PUT /rest/api/3/issue/IMP-1/remotelink/10000',
      'GET /rest/api/3/issue/IMP-1/remotelink?globalId=runway%3Ahandover%3AIMP-1',
    ]);
  });

  it('myPermissions answers each requested key, missing keys being false', async () => {
    const { jira, client } = make([
      respond(200, { permissions: { EDIT_ISSUES: { id: '12', key: 'EDIT_ISSUES', havePermission: true } } }),
    ]);
    expect(
      await client.myPermissions({ permissions: ['EDIT_ISSUES', 'BROWSE_PROJECTS'], projectKey: 'IMP' }),
    ).toEqual({
      EDIT_ISSUES: true,
      BROWSE_PROJECTS: false,
    });
    expect(jira.sent[0].path).toBe(
      '/rest/api/3/mypermissions?permissions=EDIT_ISSUES%2CBROWSE_PROJECTS&projectKey=IMP',
    );
  });

  it('myself, issue types, custom field and project calls validate their answers', async () => {
    const { jira, client } = make([
      respond(200, {
        accountId: '5b10a2844c20165700ede21g',
        displayName: 'Mia Krystof',
        timeZone: 'Australia/Sydney',
      }),
      respond(200, [{ id: '3', name: 'Task', hierarchyLevel: 0 }]),
      respond(201, { id: '10010', name: 'Milestone', hierarchyLevel: 0 }),
      respond(201, { id: 'customfield_10101', name: 'Kickoff Date', custom: true }),
      respond(200, sample('go-jira/project.json')),
    ]);
    expect((await client.myself()).displayName).toBe('Mia Krystof');
    expect((await client.getIssueTypes())[0].name).toBe('Task');
    expect((await client.createIssueType({ name: 'Milestone', hierarchyLevel: 0 })).id).toBe('10010');
    const field = await client.createCustomField({
      name: 'Kickoff Date',
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
      searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:daterange',
    });
    expect(field.id).toBe('customfield_10101');
    const project = await client.getProject('ABDERA');
    expect(project.issueTypes?.[0].name).toBe('Bug');
    expect(jira.sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /rest/api/3/myself',
      'GET /rest/api/3/issuetype',
      'POST /rest/api/3/issuetype',
      'POST /rest/api/3/field',
      'GET /rest/api/3/project/ABDERA',
    ]);
  });

  it('a response of the wrong shape is a clear error, not undefined data', async () => {
    const { client } = make([respond(200, { displayName: 'No account id' })]);
    await expect(client.myself()).rejects.toThrow(
      /GET \/rest\/api\/3\/myself answered with an unexpected shape: .*accountId/,
    );
  });
});

describe('jiraPath', () => {
  it('encodes each variable part so it cannot address another resource', () => {
    expect(jiraPath`/rest/api/3/issue/${'IMP-1'}/properties/${'a/b?c'}`).toBe(
      '/rest/api/3/issue/IMP-1/properties/a%2Fb%3Fc',
    );
    expect(() => jiraPath`/rest/api/3/issue/${'..'}`).toThrow(/Invalid path segment/);
    expect(() => jiraPath`/rest/api/3/issue/${''}`).toThrow(/Invalid path segment/);
  });
});
