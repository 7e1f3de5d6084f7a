// Workflow validators on the local host, as Jira runs them: every transition, whoever asks for it
// (the REST API the CLI uses, requestJira of a surface, the app itself), first goes to the app's
// `jira:workflowValidator` function; a refusal is Jira's 400 with the validator's message, and the
// issue does not move.
import { DEMO_USERS } from '../../../src/local/demo/catalog';
import { generatePortfolio } from '../../../src/local/demo/generate';
import { HOST_USERS, startLocalApp, type LocalApp } from '../../../src/local/host/app';
import { LocalForge } from '../../../src/local/host/forge';
import { loadAppModule } from '../../../src/local/host/invoke';
import { DEFAULT_REFUSAL, workflowValidatorHook } from '../../../src/local/host/workflow';
import { createSiteHandler } from '../../../src/local/site/handler';
import type { SiteState } from '../../../src/local/site/model';
import { passGatesRequiredForLive } from './support/gates';

const ADMIN_AUTH = `Basic ${Buffer.from(`${DEMO_USERS.admin.email}:${DEMO_USERS.admin.token}`).toString('base64')}`;

describe('the app’s workflow validator on every transition of the local site', () => {
  let app: LocalApp;
  let key: string;
  let taskKey: string;

  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        authorization: ADMIN_AUTH,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  };
  const statusOf = (k: string) => {
    const issue = app.state.issues.find((i) => i.key === k);
    return app.state.statuses.find((s) => s.id === issue?.statusId)?.name;
  };
  const transitionTo = async (k: string, status: string): Promise<string> => {
    const answer = (await rest('GET', `/rest/api/3/issue/${k}/transitions`)).json as {
      transitions: Array<{ id: string; to: { name: string } }>;
    };
    const found = answer.transitions.find((t) => t.to.name === status);
    if (!found) throw new Error(`${k} has no transition to ${status}`);
    return found.id;
  };

  beforeAll(async () => {
    const portfolio = generatePortfolio({ seed: 1 });
    const impl = portfolio.implementations.find((i) => i.project === 'IMP' && i.stage === 'in-flight');
    if (!impl) throw new Error('the demo has no in-flight implementation in IMP');
    key = impl.key;
    app = await startLocalApp({ port: 0 });
    const epic = app.state.issues.find((i) => i.key === key);
    const task = app.state.issues.find(
      (i) =>
        i.parentId === epic?.id && app.state.issueTypes.find((t) => t.id === i.issueTypeId)?.name === 'Task',
    );
    if (!task) throw new Error(`${key} has no Task`);
    taskKey = task.key;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses, over the REST API as the admin, to move an implementation to Live before Go-Live Readiness passes: 400, the gate named, status unchanged', async () => {
    const before = statusOf(key);
    const histories = app.state.issues.find((i) => i.key === key)?.histories.length;
    const answer = await rest('POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: await transitionTo(key, 'Live') },
    });
    expect(answer.status).toBe(400);
    const body = answer.json as { errorMessages: string[]; errors: Record<string, string> };
    expect(body.errors).toEqual({});
    expect(body.errorMessages).toHaveLength(1);
    expect(body.errorMessages[0]).toMatch(new RegExp(`^${key} cannot move to Live: `));
    expect(body.errorMessages[0]).toContain('Go-Live Readiness has not passed — ');
    expect(statusOf(key)).toBe(before);
    expect(app.state.issues.find((i) => i.key === key)?.histories.length).toBe(histories);
  });

  it('refuses the same move asked by a Custom UI surface through requestJira (the bridge)', async () => {
    const epic = app.state.issues.find((i) => i.key === key);
    const frame = app.forge.frame('runway-stage-gates', 'admin', {
      context: { issue: { id: epic?.id ?? '', key, type: 'Epic', typeId: epic?.issueTypeId ?? '' } },
    });
    const answer = (await app.forge.bridge(
      app.forge.frameToken(frame),
      'fetchProduct',
      {
        product: 'jira',
        restPath: `/rest/api/3/issue/${key}/transitions`,
        fetchRequestInit: {
          method: 'POST',
          body: JSON.stringify({ transition: { id: await transitionTo(key, 'Live') } }),
          headers: [['content-type', 'application/json']],
        },
      },
      app.url,
    )) as { status: number; body: string };
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.body) as { errorMessages: string[] }).errorMessages[0]).toContain(
      'Go-Live Readiness has not passed',
    );
    expect(statusOf(key)).not.toBe('Live');
  });

  it('lets a non-implementation issue move freely', async () => {
    const target = statusOf(taskKey) === 'Done' ? 'In Progress' : 'Done';
    const answer = await rest('POST', `/rest/api/3/issue/${taskKey}/transitions`, {
      transition: { id: await transitionTo(taskKey, target) },
    });
    expect(answer.status).toBe(204);
    expect(statusOf(taskKey)).toBe(target);
  });

  it('allows the move to Live once the required gates have passed in the Stage gates panel', async () => {
    await passGatesRequiredForLive(app.forge, app.state, key, 'Reviewed with the customer');
    const answer = await rest('POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: await transitionTo(key, 'Live') },
    });
    expect(answer.status).toBe(204);
    expect(statusOf(key)).toBe('Live');
  });
});

describe('how the host calls a workflow validator', () => {
  let state: SiteState;
  let forge: LocalForge;
  let answer: unknown;
  const events: unknown[] = [];

  beforeAll(async () => {
    state = generatePortfolio({ seed: 1 }).state;
    const hook = workflowValidatorHook();
    const site = createSiteHandler(state, { beforeTransition: hook.beforeTransition });
    forge = await LocalForge.create({
      site,
      users: HOST_USERS,
      // The manifest's validator function (index.gateValidator) replaced by one that records its event.
      modules: (file) => ({
        ...loadAppModule(file),
        gateValidator: (event: unknown) => {
          events.push(event);
          if (answer instanceof Error) throw answer;
          return answer;
        },
      }),
    });
    hook.bind(forge);
  });
  afterAll(() => forge.close());

  const move = async (k: string, toStatus: string, fields?: Record<string, unknown>) => {
    const issue = state.issues.find((i) => i.key === k);
    const workflow = state.issueTypes.find((t) => t.id === issue?.issueTypeId)?.workflow ?? [];
    const index = workflow.indexOf(state.statuses.find((s) => s.name === toStatus)?.id ?? '');
    const res = await forge.site.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${k}/transitions`,
      body: JSON.stringify({ transition: { id: String(index * 10 + 11) }, ...(fields ? { fields } : {}) }),
      accountId: DEMO_USERS.admin.accountId,
    });
    return { status: res.status, json: res.body ? (JSON.parse(res.body) as unknown) : null };
  };
  const someTask = () => {
    const task = state.issues.find(
      (i) =>
        state.issueTypes.find((t) => t.id === i.issueTypeId)?.name === 'Task' &&
        state.statuses.find((s) => s.id === i.statusId)?.name !== 'Done',
    );
    if (!task) throw new Error('no open Task');
    return task;
  };

  it('passes the event of the Forge docs: the issue key, an empty configuration, from/to status ids and the modified fields', async () => {
    answer = { result: true };
    events.length = 0;
    const task = someTask();
    const from = task.statusId;
    const res = await move(task.key, 'Done', { resolution: { name: 'Done' } });
    expect(res.status).toBe(204);
    expect(events).toEqual([
      {
        issue: { key: task.key },
        configuration: {},
        transition: {
          from: { id: from },
          to: { id: state.statuses.find((s) => s.name === 'Done')?.id },
          modifiedFields: { resolution: { name: 'Done' } },
        },
      },
    ]);
  });

  it('answers 400 with the validator’s errorMessage, and Jira’s default words when it gives none, moving nothing', async () => {
    const task = someTask();
    answer = { result: false, errorMessage: 'Not before the <b>steering</b> meeting' };
    expect(await move(task.key, 'Done')).toEqual({
      status: 400,
      json: { errorMessages: ['Not before the <b>steering</b> meeting'], errors: {} },
    });
    answer = { result: false };
    expect(await move(task.key, 'Done')).toEqual({
      status: 400,
      json: { errorMessages: [DEFAULT_REFUSAL], errors: {} },
    });
    expect(state.statuses.find((s) => s.id === task.statusId)?.name).not.toBe('Done');
  });

  it('refuses when the validator fails or answers something without a boolean result', async () => {
    const task = someTask();
    answer = new Error('storage is down');
    const failed = await move(task.key, 'Done');
    expect(failed.status).toBe(400);
    expect(failed.json).toEqual({
      errorMessages: ['The workflow validator "runway-gate-enforcement" failed: storage is down'],
      errors: {},
    });
    answer = { ok: true };
    const odd = await move(task.key, 'Done');
    expect(odd.json).toEqual({
      errorMessages: [
        'The workflow validator "runway-gate-enforcement" answered without a boolean result, so the transition was not made.',
      ],
      errors: {},
    });
  });

  it('does not call the validator for a request Jira refuses itself (no such transition, no permission)', async () => {
    answer = { result: true };
    events.length = 0;
    const task = someTask();
    const bad = await forge.site.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${task.key}/transitions`,
      body: '{"transition":{"id":"999"}}',
      accountId: DEMO_USERS.admin.accountId,
    });
    expect(bad.status).toBe(400);
    const viewer = await forge.site.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${task.key}/transitions`,
      body: '{"transition":{"id":"11"}}',
      accountId: DEMO_USERS.viewer.accountId,
    });
    expect([403, 404]).toContain(viewer.status);
    expect(events).toEqual([]);
  });
});
