// Writes change the site the way Jira records them: one history per request, with
// field / fieldId / from / fromString / to / toString; bad input names the field and changes nothing.

import { createSiteHandler } from '../../../src/local/site';
import { generatePortfolio } from '../../../src/local/demo';
import {
  CONSULTANT,
  body,
  demoSite,
  q,
  type ErrorBody,
  type History,
  type IssueJson,
  type SearchBody,
} from './helpers';

const site = demoSite(9);
const state = site.handler.state;

function taskUnder(stage: string) {
  const epic = site.portfolio.implementations.find((i) => i.stage === stage)!;
  const epicIssue = state.issues.find((i) => i.key === epic.key)!;
  const task = state.issues.find((i) => i.parentId === epicIssue.id && i.labels.includes('deliverable'))!;
  return { epic: epicIssue, task };
}

async function latestHistory(key: string): Promise<History> {
  const reply = await site.call(
    'GET',
    `/rest/api/3/issue/${key}?expand=changelog&fields=summary`,
    CONSULTANT,
  );
  return body<IssueJson>(reply).changelog!.histories[0];
}

describe('editing an issue', () => {
  it('applies every field and writes one history with Jira’s change items', async () => {
    const { epic } = taskUnder('in-flight');
    const historiesBefore = epic.histories.length;
    const prevGoLive = epic.custom.customfield_10053 as string | undefined;
    const reply = await site.call('PUT', `/rest/api/3/issue/${epic.key}`, CONSULTANT, {
      fields: {
        summary: 'Renamed rollout',
        duedate: '2027-02-01',
        customfield_10054: { value: 'Enterprise' },
        customfield_10053: '2027-01-29',
        customfield_10056: 4.5,
        priority: { name: 'High' },
      },
      update: { labels: [{ add: 'at-risk' }] },
    });
    expect(reply.status).toBe(204);
    expect(epic.histories).toHaveLength(historiesBefore + 1);
    const history = await latestHistory(epic.key);
    expect(history.author?.accountId).toBe(CONSULTANT);
    const byField = Object.fromEntries(history.items.map((i) => [i.field, i]));
    expect(byField.summary).toMatchObject({
      fieldId: 'summary',
      from: null,
      to: null,
      toString: 'Renamed rollout',
    });
    expect(byField.duedate).toMatchObject({
      fieldId: 'duedate',
      from: null,
      to: '2027-02-01',
      toString: '2027-02-01 00:00:00.0',
    });
    expect(byField['Go-Live Date']).toMatchObject({
      fieldId: 'customfield_10053',
      from: prevGoLive ?? null,
      to: '2027-01-29',
      toString: '29/Jan/27',
    });
    expect(byField.Complexity).toMatchObject({
      fieldId: 'customfield_10054',
      fieldtype: 'custom',
      toString: 'Enterprise',
    });
    expect(byField.CSAT).toMatchObject({
      fieldId: 'customfield_10056',
      from: null,
      to: null,
      toString: '4.5',
    });
    expect(byField.priority).toMatchObject({ fieldId: 'priority', to: '2', toString: 'High' });
    expect(byField.labels.toString).toContain('at-risk');
    const fields = body<IssueJson>(
      await site.call(
        'GET',
        `/rest/api/3/issue/${epic.key}?fields=summary,duedate,labels,customfield_10054`,
        CONSULTANT,
      ),
    ).fields;
    expect(fields).toMatchObject({
      summary: 'Renamed rollout',
      duedate: '2027-02-01',
      customfield_10054: { value: 'Enterprise' },
    });
  });

  it('is found by search right after the edit', async () => {
    const { task } = taskUnder('in-flight');
    await site.call('PUT', `/rest/api/3/issue/${task.key}`, CONSULTANT, {
      update: { labels: [{ add: 'fresh-label' }] },
    });
    const found = body<SearchBody>(
      await site.call('GET', `/rest/api/3/search/jql?jql=${q('labels = fresh-label')}&fields=key`),
    );
    expect(found.issues.map((i) => i.key)).toEqual([task.key]);
  });

  it('refuses bad values naming each field, and changes nothing', async () => {
    const { task } = taskUnder('in-flight');
    const before = JSON.stringify(task);
    const reply = await site.call('PUT', `/rest/api/3/issue/${task.key}`, CONSULTANT, {
      fields: {
        summary: '',
        duedate: 'next tuesday',
        customfield_10054: { value: 'Huge' },
        customfield_10061: 'many',
        nosuch: 1,
      },
    });
    expect(reply.status).toBe(400);
    expect(body<ErrorBody>(reply).errors).toEqual({
      summary: 'You must specify a summary of the issue.',
      duedate: 'Error parsing date string: next tuesday',
      customfield_10054: "Specify a valid 'id' or 'name' for Complexity",
      customfield_10061: 'Operation value must be a number',
      nosuch: "Field 'nosuch' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    expect(JSON.stringify(task)).toBe(before);
  });
});

/** The id of the transition into the named status, as GET transitions offers it now. */
async function transitionTo(key: string, name: string): Promise<string> {
  const reply = await site.call('GET', `/rest/api/3/issue/${key}/transitions`, CONSULTANT);
  const transition = body<{ transitions: Array<{ id: string; name: string }> }>(reply).transitions.find(
    (t) => t.name === name,
  );
  if (!transition) throw new Error(`${key} offers no transition to ${name}`);
  return transition.id;
}

describe('transitions', () => {
  it('resolve when entering a done status and write the reopen Jira KPIs look for when leaving it', async () => {
    const task = state.issues.find(
      (i) => i.issueTypeId === '10001' && i.resolutionId === null && i.statusId === '3',
    )!;
    expect(
      (
        await site.call('POST', `/rest/api/3/issue/${task.key}/transitions`, CONSULTANT, {
          transition: { id: await transitionTo(task.key, 'Done') },
        })
      ).status,
    ).toBe(204);
    const resolved = await latestHistory(task.key);
    expect(resolved.items.map((i) => [i.field, i.fromString, i.toString])).toEqual([
      ['status', expect.any(String), 'Done'],
      ['resolution', null, 'Done'],
    ]);
    expect(task.resolutiondate).toBe(resolved.created);

    expect(
      (
        await site.call('POST', `/rest/api/3/issue/${task.key}/transitions`, CONSULTANT, {
          transition: { id: await transitionTo(task.key, 'In Progress') },
        })
      ).status,
    ).toBe(204);
    const reopened = await latestHistory(task.key);
    expect(reopened.items[1]).toMatchObject({
      field: 'resolution',
      fieldId: 'resolution',
      from: '10000',
      fromString: 'Done',
      to: null,
      toString: null,
    });
    expect(task.resolutiondate).toBeNull();
  });

  it("sets Won't Do when a gate is rejected, and refuses unknown transition ids", async () => {
    const gate = state.issues.find((i) => i.issueTypeId === '10011' && i.resolutionId === null)!;
    await site.call('POST', `/rest/api/3/issue/${gate.key}/transitions`, CONSULTANT, {
      transition: { id: await transitionTo(gate.key, 'Rejected') },
    });
    expect(
      body<IssueJson>(await site.call('GET', `/rest/api/3/issue/${gate.key}?fields=resolution`)).fields
        ?.resolution?.name,
    ).toBe("Won't Do");
    const bad = await site.call('POST', `/rest/api/3/issue/${gate.key}/transitions`, CONSULTANT, {
      transition: { id: '999' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('creating issues', () => {
  it('creates a child of an implementation with the next key, in the first status of its workflow, without history', async () => {
    const epic = site.portfolio.implementations[0];
    const project = epic.key.split('-')[0];
    const last = state.counters.issueNumber[project];
    const reply = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: {
        project: { key: project },
        issuetype: { name: 'Risk' },
        summary: 'Risk: vendor insolvency',
        parent: { key: epic.key },
        customfield_10057: { value: '4' },
        customfield_10058: { value: '5' },
        duedate: '2026-12-15',
        labels: ['raid'],
      },
    });
    expect(reply.status).toBe(201);
    const created = body<{ id: string; key: string; self: string }>(reply);
    expect(created.key).toBe(`${project}-${last + 1}`);
    const issue = body<IssueJson>(
      await site.call('GET', `/rest/api/3/issue/${created.key}?expand=changelog`, CONSULTANT),
    );
    expect(issue.fields).toMatchObject({
      summary: 'Risk: vendor insolvency',
      parent: { key: epic.key },
      status: { name: 'Open' },
      duedate: '2026-12-15',
      labels: ['raid'],
      customfield_10057: { value: '4' },
    });
    expect(issue.changelog?.total).toBe(0);
  });

  it('names what is missing or wrong', async () => {
    const task = state.issues.find((i) => i.issueTypeId === '10001')!;
    const reply = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: { project: { key: 'IMP' }, issuetype: { name: 'Task' }, parent: { key: task.key } },
    });
    expect(reply.status).toBe(400);
    expect(body<ErrorBody>(reply).errors).toEqual({
      summary: 'You must specify a summary of the issue.',
      parent: 'Given parent work item does not belong to appropriate hierarchy.',
    });
    const noProject = await site.call('POST', '/rest/api/3/issue', CONSULTANT, {
      fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' },
    });
    expect(body<ErrorBody>(noProject).errors).toEqual({ project: 'valid project is required' });
  });
});

describe('issue properties and remote links', () => {
  it('stores properties: 201 when new, 200 when replaced, 404 once deleted', async () => {
    const key = site.portfolio.implementations[1].key;
    const path = `/rest/api/3/issue/${key}/properties/runway.gates`;
    expect((await site.call('PUT', path, CONSULTANT, { v: 1 })).status).toBe(201);
    expect((await site.call('PUT', path, CONSULTANT, { v: 2 })).status).toBe(200);
    expect(body<{ key: string; value: unknown }>(await site.call('GET', path, CONSULTANT))).toEqual({
      key: 'runway.gates',
      value: { v: 2 },
    });
    expect(
      body<{ keys: Array<{ key: string }> }>(
        await site.call('GET', `/rest/api/3/issue/${key}/properties`),
      ).keys.map((k) => k.key),
    ).toContain('runway.gates');
    const withProps = await site.call(
      'GET',
      `/rest/api/3/issue/${key}?fields=summary&properties=*all`,
      CONSULTANT,
    );
    expect(body<{ properties: Record<string, unknown> }>(withProps).properties).toEqual({
      'runway.gates': { v: 2 },
    });
    expect((await site.call('DELETE', path, CONSULTANT)).status).toBe(204);
    const gone = await site.call('GET', path, CONSULTANT);
    expect(gone.status).toBe(404);
    expect(body<ErrorBody>(gone).errorMessages).toEqual([
      "The property with key 'runway.gates' does not exist.",
    ]);
  });

  it('upserts remote links by globalId, so publishing twice keeps one link', async () => {
    const key = site.portfolio.implementations[2].key;
    const link = (title: string) => ({
      globalId: 'runway:handover:1',
      relationship: 'Handover packet',
      object: { url: 'https://runway-demo.atlassian.net/wiki/x/9', title },
    });
    const first = await site.call(
      'POST',
      `/rest/api/3/issue/${key}/remotelink`,
      CONSULTANT,
      link('Handover v1'),
    );
    const second = await site.call(
      'POST',
      `/rest/api/3/issue/${key}/remotelink`,
      CONSULTANT,
      link('Handover v2'),
    );
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(body<{ id: number }>(second).id).toBe(body<{ id: number }>(first).id);
    const links = body<Array<{ globalId: string; object: { title: string } }>>(
      await site.call('GET', `/rest/api/3/issue/${key}/remotelink`),
    );
    expect(links.filter((l) => l.globalId === 'runway:handover:1').map((l) => l.object.title)).toEqual([
      'Handover v2',
    ]);
    expect(
      (
        await site.call(
          'DELETE',
          `/rest/api/3/issue/${key}/remotelink?globalId=runway%3Ahandover%3A1`,
          CONSULTANT,
        )
      ).status,
    ).toBe(204);
    const missing = await site.call('POST', `/rest/api/3/issue/${key}/remotelink`, CONSULTANT, {
      object: { title: 'no url' },
    });
    expect(missing.status).toBe(400);
  });

  it('links demo handover pages from finished implementations', () => {
    const done = site.portfolio.implementations.filter((i) => i.stage === 'done');
    expect(done.length).toBeGreaterThan(0);
    for (const impl of done) {
      const epic = state.issues.find((i) => i.key === impl.key)!;
      const link = epic.remoteLinks.find((l) => l.relationship === 'Wiki Page');
      const pageId = /pageId=(\d+)/.exec(link?.globalId ?? '')?.[1];
      expect(state.confluence.pages.find((p) => p.id === pageId)?.title).toBe(
        `Handover packet: ${impl.customer}`,
      );
    }
  });
});

describe('Confluence pages', () => {
  const adf = (text: string) =>
    JSON.stringify({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });

  it('creates, finds by title and space, and updates only with the next version number', async () => {
    const created = await site.call('POST', '/wiki/api/v2/pages', CONSULTANT, {
      spaceId: '98305',
      status: 'current',
      title: 'Playbook: cutover',
      body: { representation: 'atlas_doc_format', value: adf('v1') },
    });
    expect(created.status).toBe(200);
    const page = body<{ id: string; version: { number: number } }>(created);
    expect(page.version.number).toBe(1);
    const duplicate = await site.call('POST', '/wiki/api/v2/pages', CONSULTANT, {
      spaceId: '98305',
      title: 'Playbook: cutover',
      body: { representation: 'atlas_doc_format', value: adf('v1') },
    });
    expect(duplicate.status).toBe(400);

    const found = body<{ results: Array<{ id: string; body: { atlas_doc_format: { value: string } } }> }>(
      await site.call(
        'GET',
        `/wiki/api/v2/pages?title=${q('Playbook: cutover')}&space-id=98305&body-format=atlas_doc_format`,
        CONSULTANT,
      ),
    );
    expect(found.results.map((p) => p.id)).toEqual([page.id]);
    expect(JSON.parse(found.results[0].body.atlas_doc_format.value)).toEqual(JSON.parse(adf('v1')));

    const update = (number: number) =>
      site.call('PUT', `/wiki/api/v2/pages/${page.id}`, CONSULTANT, {
        id: page.id,
        status: 'current',
        title: 'Playbook: cutover',
        body: { representation: 'atlas_doc_format', value: adf(`v${number}`) },
        version: { number },
      });
    expect((await update(2)).status).toBe(200);
    const stale = await update(2);
    expect(stale.status).toBe(409);
    expect(body<{ errors: Array<{ title: string }> }>(stale).errors[0].title).toBe(
      'Version must be incremented on update. Current Version is: 2',
    );
  });
});

describe('the clock of new changes', () => {
  it('never dates a change before the latest change already on the site', async () => {
    const portfolio = generatePortfolio({ implementations: 4, seed: 3 });
    const handler = createSiteHandler(portfolio.state, { now: () => Date.UTC(2020, 0, 1) });
    const key = portfolio.implementations[0].key;
    await handler.handle({
      method: 'PUT',
      path: `/rest/api/3/issue/${key}`,
      accountId: CONSULTANT,
      body: JSON.stringify({ fields: { summary: 'Later' } }),
    });
    const issue = portfolio.state.issues.find((i) => i.key === key)!;
    const created = issue.histories[issue.histories.length - 1].created;
    expect(created.startsWith('2026-11-23')).toBe(true);
  });
});
