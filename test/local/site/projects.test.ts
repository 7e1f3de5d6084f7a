// Projects as Jira Cloud configures them: a company-managed project has the issue types of its
// scheme and the fields of its screens; a team-managed project has its own types and fields.
// Anything else answers 400, as on a real site.

import { ADMIN, CONSULTANT, demoSite, type Reply } from './helpers';

const site = demoSite(3);

interface Page<T> {
  values: T[];
  total: number;
}
interface MetaTypes {
  issueTypes: Array<{ id: string; name: string; scope?: { type: string; project: { id: string } } }>;
  total: number;
}
interface MetaFields {
  fields: Array<{
    fieldId: string;
    name: string;
    required: boolean;
    allowedValues?: Array<{ value: string }>;
  }>;
}
interface Errors {
  errorMessages: string[];
  errors: Record<string, string>;
}

const json = <T>(reply: Reply): T => reply.json as T;
const projectId = (key: string) => site.handler.state.projects.find((p) => p.key === key)?.id ?? 'none';
const typeId = (name: string, scope?: string) =>
  site.handler.state.issueTypes.find((t) => t.name === name && t.scopeProjectId === scope)?.id ?? 'none';
const epicOf = (project: string) =>
  site.portfolio.implementations.find((i) => i.project === project)?.key ?? 'none';

async function typesOf(key: string): Promise<string[]> {
  const reply = await site.call('GET', `/rest/api/3/issue/createmeta/${key}/issuetypes`, CONSULTANT);
  expect(reply.status).toBe(200);
  return json<MetaTypes>(reply).issueTypes.map((t) => t.name);
}

async function fieldsOf(key: string, type: string): Promise<string[]> {
  const reply = await site.call('GET', `/rest/api/3/issue/createmeta/${key}/issuetypes/${type}`, CONSULTANT);
  expect(reply.status).toBe(200);
  return json<MetaFields>(reply).fields.map((f) => f.fieldId);
}

describe('createmeta', () => {
  it('lists the types of a project’s issue type scheme: every type for a project on the default scheme', async () => {
    expect(await typesOf('IMP')).toEqual(expect.arrayContaining(['Epic', 'Risk', 'Gate', 'Milestone']));
    expect(await typesOf('SUP')).toEqual(['Epic', 'Task', 'Story', 'Bug', 'Subtask']);
  });

  it('lists a team-managed project’s own types, with their scope', async () => {
    const reply = await site.call('GET', '/rest/api/3/issue/createmeta/TEAM/issuetypes', CONSULTANT);
    const types = json<MetaTypes>(reply).issueTypes;
    expect(types.map((t) => t.name)).toEqual(['Epic', 'Task', 'Subtask']);
    expect(types.every((t) => t.scope?.project.id === projectId('TEAM'))).toBe(true);
    expect(types.map((t) => t.id)).not.toContain(typeId('Task'));
  });

  it('lists the fields of the create screen, with the options of select fields', async () => {
    const risk = typeId('Risk');
    const reply = await site.call('GET', `/rest/api/3/issue/createmeta/IMP/issuetypes/${risk}`, CONSULTANT);
    const fields = json<MetaFields>(reply).fields;
    const probability = fields.find((f) => f.name === 'Probability');
    expect(probability?.allowedValues?.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(fields.find((f) => f.fieldId === 'summary')?.required).toBe(true);
    expect(await fieldsOf('SUP', typeId('Task'))).not.toContain(probability?.fieldId);
  });

  it('refuses a type the project does not have, and a project the user cannot create in', async () => {
    const reply = await site.call('GET', `/rest/api/3/issue/createmeta/SUP/issuetypes/${typeId('Risk')}`);
    expect(reply.status).toBe(400);
    expect(json<Errors>(reply).errorMessages).toEqual(['The issue type selected is invalid.']);
    expect((await site.call('GET', '/rest/api/3/issue/createmeta/NOPE/issuetypes')).status).toBe(400);
  });
});

describe('writes outside the project’s configuration', () => {
  it('answers 400 for an issue type not in the project’s scheme, and creates nothing', async () => {
    const before = site.handler.state.issues.length;
    const reply = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: { project: { key: 'SUP' }, issuetype: { id: typeId('Risk') }, summary: 'A risk' },
    });
    expect(reply.status).toBe(400);
    expect(json<Errors>(reply).errors).toEqual({ issuetype: 'The issue type selected is invalid.' });
    expect(site.handler.state.issues.length).toBe(before);
  });

  it('answers 400 for a global type in a team-managed project, and takes the project’s own', async () => {
    const global = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: { project: { key: 'TEAM' }, issuetype: { id: typeId('Task') }, summary: 'Global task' },
    });
    expect(global.status).toBe(400);
    const own = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: { project: { key: 'TEAM' }, issuetype: { name: 'Task' }, summary: 'Own task' },
    });
    expect(own.status).toBe(201);
    const key = json<{ key: string }>(own).key;
    expect(site.handler.state.issues.find((i) => i.key === key)?.issueTypeId).toBe(
      typeId('Task', projectId('TEAM')),
    );
  });

  it('answers 400 for a field that is not on the create screen, naming it', async () => {
    const reply = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: {
        project: { key: 'SUP' },
        issuetype: { name: 'Task' },
        summary: 'With a go-live date',
        customfield_10053: '2026-12-01',
      },
    });
    expect(reply.status).toBe(400);
    expect(json<Errors>(reply).errors).toEqual({
      customfield_10053:
        "Field 'customfield_10053' cannot be set. It is not on the appropriate screen, or unknown.",
    });
  });

  it('answers 400 for an edit of a field not on the edit screen', async () => {
    const created = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Plain task' },
    });
    const key = json<{ key: string }>(created).key;
    const reply = await site.call('PUT', `/rest/api/3/issue/${key}`, CONSULTANT, {
      fields: { customfield_10053: '2026-12-01', summary: 'Renamed' },
    });
    expect(reply.status).toBe(400);
    expect(Object.keys(json<Errors>(reply).errors)).toEqual(['customfield_10053']);
    expect(site.handler.state.issues.find((i) => i.key === key)?.summary).toBe('Plain task');
  });

  it('still creates Runway’s items in a project set up for them', async () => {
    const reply = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: {
        project: { key: 'IMP' },
        issuetype: { name: 'Risk' },
        summary: 'Risk in IMP',
        parent: { key: epicOf('IMP') },
        customfield_10057: { value: '3' },
      },
    });
    expect(reply.status).toBe(201);
  });
});

describe('schemes and screens (admin)', () => {
  it('shows which scheme each company-managed project uses, and not team-managed ones', async () => {
    const reply = await site.call('GET', '/rest/api/3/issuetypescheme/project');
    const values =
      json<Page<{ issueTypeScheme: { name: string; isDefault: boolean }; projectIds: string[] }>>(
        reply,
      ).values;
    expect(values.map((v) => [v.issueTypeScheme.name, v.projectIds])).toEqual([
      ['Default Issue Type Scheme', [projectId('IMP'), projectId('ONB'), projectId('ENT')]],
      ['SUP: Issue Type Scheme', [projectId('SUP')]],
    ]);
  });

  it('adds issue types to a scheme once; the project then has them', async () => {
    const scheme = json<Page<{ issueTypeScheme: { id: string } }>>(
      await site.call('GET', `/rest/api/3/issuetypescheme/project?projectId=${projectId('SUP')}`),
    ).values[0].issueTypeScheme.id;
    const path = `/rest/api/3/issuetypescheme/${scheme}/issuetype`;
    expect((await site.call('PUT', path, CONSULTANT, { issueTypeIds: [typeId('Gate')] })).status).toBe(403);
    expect((await site.call('PUT', path, ADMIN, { issueTypeIds: [typeId('Gate')] })).status).toBe(204);
    expect(await typesOf('SUP')).toContain('Gate');
    const again = await site.call('PUT', path, ADMIN, { issueTypeIds: [typeId('Gate')] });
    expect(again.status).toBe(400);
    const scoped = await site.call('PUT', path, ADMIN, { issueTypeIds: [typeId('Task', projectId('TEAM'))] });
    expect(scoped.status).toBe(404);
  });

  it('follows a project to its screen and adds a field to it once; createmeta then lists it', async () => {
    const itss = json<Page<{ issueTypeScreenScheme: { id: string } }>>(
      await site.call('GET', `/rest/api/3/issuetypescreenscheme/project?projectId=${projectId('SUP')}`),
    ).values[0].issueTypeScreenScheme.id;
    const mapping = json<Page<{ issueTypeId: string; screenSchemeId: string }>>(
      await site.call('GET', `/rest/api/3/issuetypescreenscheme/mapping?issueTypeScreenSchemeId=${itss}`),
    ).values;
    expect(mapping.map((m) => m.issueTypeId)).toEqual(['default']);
    const screenScheme = json<Page<{ screens: { default: number } }>>(
      await site.call('GET', `/rest/api/3/screenscheme?id=${mapping[0].screenSchemeId}`),
    ).values[0];
    const screen = screenScheme.screens.default;
    const tabs = json<Array<{ id: number }>>(await site.call('GET', `/rest/api/3/screens/${screen}/tabs`));
    const path = `/rest/api/3/screens/${screen}/tabs/${tabs[0].id}/fields`;
    expect((await site.call('POST', path, ADMIN, { fieldId: 'customfield_10053' })).status).toBe(200);
    expect((await site.call('POST', path, ADMIN, { fieldId: 'customfield_10053' })).status).toBe(400);
    expect(json<Array<{ id: string }>>(await site.call('GET', path)).map((f) => f.id)).toContain(
      'customfield_10053',
    );
    expect(await fieldsOf('SUP', typeId('Task'))).toContain('customfield_10053');
  });

  it('puts a new issue type in the default scheme only, as Jira does', async () => {
    const reply = await site.call('POST', '/rest/api/3/issuetype', ADMIN, { name: 'Workshop' });
    expect(reply.status).toBe(201);
    expect(await typesOf('IMP')).toContain('Workshop');
    expect(await typesOf('SUP')).not.toContain('Workshop');
  });
});
