// The RAID log panel's resolver, invoked as Forge invokes it (through @forge/resolver, as the user
// viewing the issue) on the local host with the demo portfolio.
import type { RaidItem, RaidLogView, RaidTransition } from '../../src/contracts/raid-log';
import type { ResolverResult } from '../../src/contracts/result';
import { buildImplementations, defaultConfig, parseSearchExport } from '../../src/domain';
import { buildRaidLog } from '../../src/domain/raid';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { generatePortfolio, type Portfolio } from '../../src/local/demo/generate';
import { createSiteHandler } from '../../src/local/site/handler';
import { ok } from './support/result';

const PANEL = 'runway-raid-log';

describe('RAID log panel resolver', () => {
  let forge: LocalForge;
  let portfolio: Portfolio;
  const today = new Date().toISOString().slice(0, 10);

  function contextOf(key: string) {
    const issue = portfolio.state.issues.find((i) => i.key === key);
    if (!issue) throw new Error(`no issue ${key}`);
    const project = portfolio.state.projects.find((p) => p.id === issue.projectId);
    const type = portfolio.state.issueTypes.find((t) => t.id === issue.issueTypeId);
    return {
      issue: { id: issue.id, key, type: type?.name ?? '', typeId: issue.issueTypeId },
      project: project ? { id: project.id, key: project.key, type: project.projectTypeKey } : undefined,
    };
  }
  const call = async <T>(as: string, key: string, functionKey: string, payload: unknown = {}) =>
    (await forge.invoke({
      moduleKey: PANEL,
      functionKey,
      payload,
      as,
      context: contextOf(key),
    })) as ResolverResult<T>;
  /** An in-flight implementation of a project that has open RAID items. */
  function inFlight(project: string): string {
    const found = portfolio.implementations.find(
      (i) => i.project === project && i.stage === 'in-flight' && i.key !== '',
    );
    if (!found) throw new Error(`no in-flight implementation in ${project}`);
    return found.key;
  }

  beforeAll(async () => {
    portfolio = generatePortfolio({ seed: 1 });
    forge = await LocalForge.create({ site: createSiteHandler(portfolio.state), users: HOST_USERS });
  });
  afterAll(() => forge.close());

  it('lists the RAID items of the implementation with the scores and ages of src/domain/raid', async () => {
    const key = inFlight('IMP');
    const view = ok(await call<RaidLogView>('consultant', key, 'getRaidLog'));
    const exported = parseSearchExport(portfolio.searchExport());
    if (!exported.ok) throw new Error(exported.error);
    const model = buildImplementations(exported.value.issues, exported.value.names, {
      asOf: today,
      config: defaultConfig(),
    });
    const impl = model.implementations.find((i) => i.key === key);
    if (!impl) throw new Error(`${key} is not in the export`);
    const expected = buildRaidLog(impl, today);
    expect(view.isImplementation).toBe(true);
    expect(view.items.map((i) => [i.key, i.kind, i.score, i.ageDays, i.overdue])).toEqual(
      expected.items.map((i) => [i.key, i.kind, i.score, i.ageDays, i.overdue]),
    );
    expect(view.items.length).toBeGreaterThan(0);
    expect(view.counts).toEqual({
      openHighRisks: expected.counts.openHighRisks,
      overdue: expected.counts.overdue,
      open: expected.counts.open,
      total: expected.counts.total,
    });
    expect(view.heatMap).toEqual(expected.heatMap);
    expect(view).toMatchObject({
      canCreate: true,
      canEdit: true,
      hasProbability: true,
      hasImpact: true,
      creatableKinds: ['risk', 'assumption', 'issue', 'dependency'],
    });
  });

  it('shows a viewer the log read-only, and nothing of an implementation in a project they cannot browse', async () => {
    const visible = ok(await call<RaidLogView>('viewer', inFlight('IMP'), 'getRaidLog'));
    expect(visible.items.length).toBeGreaterThan(0);
    expect(visible).toMatchObject({
      canCreate: false,
      canEdit: false,
      canTransition: false,
      canAssign: false,
    });
    const hidden = await call<RaidLogView>('viewer', inFlight('ENT'), 'getRaidLog');
    expect(hidden).toEqual({
      ok: false,
      error: `An issue with key '${inFlight('ENT')}' does not exist for field 'issuekey'.`,
    });
    const admin = ok(await call<RaidLogView>('admin', inFlight('ENT'), 'getRaidLog'));
    expect(admin.items.length).toBeGreaterThan(0);
  });

  it('refuses a viewer’s create and edit, saying why, and changes nothing', async () => {
    const key = inFlight('IMP');
    const before = ok(await call<RaidLogView>('viewer', key, 'getRaidLog'));
    const created = await call<RaidItem>('viewer', key, 'createRaidItem', {
      kind: 'risk',
      summary: 'Should not exist',
      probability: 2,
      impact: 2,
    });
    expect(created).toEqual({
      ok: false,
      error: expect.stringContaining('You do not have permission to create issues in project IMP'),
    });
    const edited = await call<RaidItem>('viewer', key, 'updateRaidItem', {
      key: before.items[0].key,
      field: 'impact',
      value: 1,
    });
    expect(edited).toEqual({
      ok: false,
      error: expect.stringContaining('You do not have permission to edit'),
    });
    expect(ok(await call<RaidLogView>('viewer', key, 'getRaidLog')).items).toEqual(before.items);
  });

  it('creates a risk in place as a child of the implementation, scored p × i', async () => {
    const key = inFlight('ONB');
    const before = ok(await call<RaidLogView>('consultant', key, 'getRaidLog'));
    const consultant = HOST_USERS.find((u) => u.alias === 'consultant');
    const item = ok(
      await call<RaidItem>('consultant', key, 'createRaidItem', {
        kind: 'risk',
        summary: 'Payroll vendor may miss the cutover window',
        probability: 4,
        impact: 5,
        ownerAccountId: consultant?.accountId,
        dueDate: '2027-01-15',
      }),
    );
    expect(item).toMatchObject({
      kind: 'risk',
      score: 20,
      band: 'critical',
      dueDate: '2027-01-15',
      owner: { displayName: consultant?.displayName },
      done: false,
    });
    const created = portfolio.state.issues.find((i) => i.key === item.key);
    const parent = portfolio.state.issues.find((i) => i.id === created?.parentId);
    expect(parent?.key).toBe(key);
    const after = ok(await call<RaidLogView>('consultant', key, 'getRaidLog'));
    expect(after.counts.total).toBe(before.counts.total + 1);
    expect(after.counts.openHighRisks).toBe(before.counts.openHighRisks + 1);
  });

  it('edits probability, impact, owner and due date in place and rescores', async () => {
    const key = inFlight('IMP');
    const view = ok(await call<RaidLogView>('consultant', key, 'getRaidLog'));
    const risk = view.items.find((i) => i.kind === 'risk' && !i.done);
    if (!risk) throw new Error('no open risk');
    expect(
      ok(
        await call<RaidItem>('consultant', key, 'updateRaidItem', {
          key: risk.key,
          field: 'probability',
          value: 5,
        }),
      ),
    ).toMatchObject({ probability: 5 });
    const rescored = ok(
      await call<RaidItem>('consultant', key, 'updateRaidItem', { key: risk.key, field: 'impact', value: 3 }),
    );
    expect(rescored).toMatchObject({ probability: 5, impact: 3, score: 15, band: 'high' });
    const admin = HOST_USERS.find((u) => u.alias === 'admin');
    expect(
      ok(
        await call<RaidItem>('consultant', key, 'updateRaidItem', {
          key: risk.key,
          field: 'owner',
          value: admin?.accountId,
        }),
      ).owner?.displayName,
    ).toBe(admin?.displayName);
    expect(
      ok(
        await call<RaidItem>('consultant', key, 'updateRaidItem', {
          key: risk.key,
          field: 'dueDate',
          value: '2020-01-01',
        }),
      ),
    ).toMatchObject({ dueDate: '2020-01-01', overdue: true });
    expect(
      ok(
        await call<RaidItem>('consultant', key, 'updateRaidItem', {
          key: risk.key,
          field: 'dueDate',
          value: null,
        }),
      ).dueDate,
    ).toBeNull();
  });

  it('moves an item to another status through one of its transitions', async () => {
    const key = inFlight('IMP');
    const view = ok(await call<RaidLogView>('consultant', key, 'getRaidLog'));
    const item = view.items.find((i) => !i.done);
    if (!item) throw new Error('no open item');
    const transitions = ok(
      await call<RaidTransition[]>('consultant', key, 'getRaidTransitions', { key: item.key }),
    );
    const target = transitions.find((t) => t.to !== item.status);
    if (!target) throw new Error('no transition');
    expect(
      ok(
        await call<RaidItem>('consultant', key, 'updateRaidItem', {
          key: item.key,
          field: 'status',
          value: target.id,
        }),
      ).status,
    ).toBe(target.to);
  });

  it('says why an edit failed in Jira’s words (an owner who does not exist)', async () => {
    const key = inFlight('IMP');
    const item = ok(await call<RaidLogView>('consultant', key, 'getRaidLog')).items[0];
    const answer = await call<RaidItem>('consultant', key, 'updateRaidItem', {
      key: item.key,
      field: 'owner',
      value: 'no-such-account',
    });
    expect(answer.ok).toBe(false);
    expect(answer.ok ? '' : answer.error).toMatch(/assignee|user/i);
  });

  it('edits only RAID items of this implementation', async () => {
    const key = inFlight('IMP');
    const other = inFlight('ONB');
    const otherItem = ok(await call<RaidLogView>('consultant', other, 'getRaidLog')).items[0];
    const answer = await call<RaidItem>('consultant', key, 'updateRaidItem', {
      key: otherItem.key,
      field: 'impact',
      value: 1,
    });
    expect(answer).toEqual({
      ok: false,
      error: `${otherItem.key} is not a RAID item of ${key} that you can see.`,
    });
  });

  it.each([
    [{ kind: 'risk', summary: '  ' }, 'payload.summary: must not be empty'],
    [{ kind: 'opportunity', summary: 'x' }, 'payload.kind'],
    [{ kind: 'risk', summary: 'x', probability: 7 }, 'payload.probability: must be from 1 to 5'],
    [{ kind: 'risk', summary: 'x', dueDate: '2026-02-30' }, 'payload.dueDate: not a real calendar date'],
  ])('rejects the malformed create %j with a clear error', async (payload, message) => {
    const answer = await call<RaidItem>('consultant', inFlight('IMP'), 'createRaidItem', payload);
    expect(answer).toEqual({ ok: false, error: expect.stringContaining(message) });
  });

  it('answers an issue that is not an implementation with an empty log', async () => {
    const task = portfolio.state.issues.find(
      (i) =>
        i.parentId !== null &&
        portfolio.state.issueTypes.find((t) => t.id === i.issueTypeId)?.name === 'Task',
    );
    if (!task) throw new Error('no task');
    expect(ok(await call<RaidLogView>('consultant', task.key, 'getRaidLog'))).toMatchObject({
      isImplementation: false,
      items: [],
    });
  });

  it('finds owners by name', async () => {
    const owners = ok(
      await call<Array<{ displayName: string }>>('consultant', inFlight('IMP'), 'searchOwners', {
        query: 'Priya',
      }),
    );
    expect(owners.map((o) => o.displayName)).toContain('Priya Shah');
  });
});
