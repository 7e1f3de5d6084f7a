// The Stage gates panel's resolver, invoked as Forge invokes it (through @forge/resolver, as the
// user looking at the implementation) on the local host with the demo portfolio.
import {
  STAGE_GATES_KEYS,
  type GateActionAnswer,
  type GatesPanel,
  type GetGatesResult,
} from '../../src/contracts/stage-gates';
import { defaultConfig, parseConfig, type RunwayConfigInput } from '../../src/domain';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { DEFAULT_AS_OF, generatePortfolio } from '../../src/local/demo/generate';
import { createSiteHandler } from '../../src/local/site/handler';
import type { SiteState } from '../../src/local/site/model';
import { auditLog } from '../../src/storage/gates';
import { typedStore, writeConfig } from '../../src/storage';

const PANEL = 'runway-stage-gates';
const AS_OF = DEFAULT_AS_OF;
/** Sign-off by the implementation leads (admin and consultant are both leads; the viewer is not). */
const LEADS: RunwayConfigInput = {
  gates: defaultConfig().gates.map((g) => ({
    ...g,
    approvers: { users: [], groups: ['implementation-leads'] },
  })),
};

describe('Stage gates panel resolver', () => {
  let forge: LocalForge;
  let state: SiteState;
  let key: string;
  let issueId: string;

  const context = (k = key) => {
    const issue = state.issues.find((i) => i.key === k);
    if (!issue) throw new Error(`no issue ${k}`);
    return { issue: { id: issue.id, key: issue.key, type: 'Epic', typeId: issue.issueTypeId } };
  };
  const call = async (as: string, functionKey: string, payload: unknown, k = key) =>
    forge.invoke({ moduleKey: PANEL, functionKey, payload, as, context: context(k) });
  const panel = async (as = 'admin', k = key): Promise<GatesPanel> => {
    const r = (await call(as, STAGE_GATES_KEYS.getGates, { asOf: AS_OF }, k)) as GetGatesResult;
    if (!r.ok) throw new Error(`expected the panel, got: ${r.error}`);
    return r.data;
  };
  const act = async (as: string, functionKey: string, payload: Record<string, unknown>) =>
    (await call(as, functionKey, { asOf: AS_OF, ...payload })) as GateActionAnswer;
  const ok = async (as: string, functionKey: string, payload: Record<string, unknown>) => {
    const r = await act(as, functionKey, payload);
    if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
    return r.data;
  };
  const gateOf = (p: GatesPanel, id: string) => {
    const g = p.gates.find((x) => x.id === id);
    if (!g) throw new Error(`no gate ${id}`);
    return g;
  };
  const records = () => auditLog(typedStore(), issueId).read();
  const issueStatus = (k: string) => {
    const issue = state.issues.find((i) => i.key === k);
    return state.statuses.find((s) => s.id === issue?.statusId)?.name;
  };

  beforeAll(async () => {
    const portfolio = generatePortfolio({ seed: 1 });
    state = portfolio.state;
    const impl = portfolio.implementations.find((i) => i.stage === 'in-flight' && i.project === 'IMP');
    if (!impl) throw new Error('the demo has no in-flight implementation in IMP');
    key = impl.key;
    issueId = state.issues.find((i) => i.key === key)?.id ?? '';
    forge = await LocalForge.create({ site: createSiteHandler(state), users: HOST_USERS });
    const config = parseConfig(LEADS);
    if (!config.ok) throw new Error(config.error);
    await writeConfig(typedStore(), config.value);
  });
  afterAll(() => forge.close());

  it('shows the six gates, each criterion with the issues behind it, and what the viewer may do', async () => {
    const p = await panel('consultant');
    expect(p.implementation?.key).toBe(key);
    expect(p.gates.map((g) => g.name)).toEqual([
      'Design Sign-off',
      'Migration Readiness',
      'UAT Readiness',
      'Go-Live Readiness',
      'Handover',
      'Hypercare Exit',
    ]);
    const uat = gateOf(p, 'uatReadiness');
    expect(uat.criteria.map((c) => c.title)).toEqual([
      'Integration success at target',
      'UAT items exist and are assigned',
    ]);
    expect(uat.criteria[1].issues.length).toBeGreaterThan(0);
    expect(
      uat.criteria[1].issues.every((k) =>
        state.issues.some((i) => i.key === k && state.issues.find((x) => x.id === i.parentId)?.key === key),
      ),
    ).toBe(true);
    expect(gateOf(p, 'goLiveReadiness').requiredFor).toEqual(['Live']);
    expect([uat.canSign, uat.canOverride, p.viewer.canEditEvidence]).toEqual([true, false, true]);
  });

  it('gives a viewer who is no approver a read-only panel', async () => {
    const p = await panel('viewer');
    expect(p.gates.every((g) => !g.canSign && !g.canOverride)).toBe(true);
    expect(p.viewer.canEditEvidence).toBe(false);
  });

  it('refuses a sign-off by someone who is not an approver, and records nothing', async () => {
    const before = (await records()).length;
    expect(
      await act('viewer', STAGE_GATES_KEYS.signGate, { gateId: 'designSignOff', decision: 'approve' }),
    ).toEqual({ ok: false, error: 'You are not an approver of Design Sign-off.' });
    expect(
      await act('viewer', STAGE_GATES_KEYS.addEvidence, {
        gateId: 'designSignOff',
        evidence: { type: 'url', url: 'https://example.com/x' },
      }),
    ).toEqual({
      ok: false,
      error: `You need permission to edit ${key} to change the evidence of its gates.`,
    });
    expect(
      await act('consultant', STAGE_GATES_KEYS.overrideGate, {
        gateId: 'goLiveReadiness',
        reason: 'customer insists',
      }),
    ).toEqual({
      ok: false,
      error: 'Only a Jira or project administrator can override Go-Live Readiness.',
    });
    expect((await records()).length).toBe(before);
  });

  it('records a rejection with its comment and the criteria snapshot, and reopens the Gate issue to match', async () => {
    const design = gateOf(await panel(), 'designSignOff');
    const gateKey = design.gateIssue?.key ?? '';
    expect(issueStatus(gateKey)).toBe('Passed'); // done in Jira, as the demo history left it
    const r = await ok('consultant', STAGE_GATES_KEYS.signGate, {
      gateId: 'designSignOff',
      decision: 'reject',
      comment: 'Security design not reviewed',
    });
    const gate = gateOf(r.panel, 'designSignOff');
    expect(gate.status).toBe('rejected');
    expect(gate.rejections.map((d) => [d.by.displayName, d.comment])).toEqual([
      ['Marco Rossi', 'Security design not reviewed'],
    ]);
    expect(r.notice).toBe(`${gateKey} reopened (Reopened)`);
    expect(issueStatus(gateKey)).toBe('Reopened');
    const [entry] = r.panel.audit;
    expect(entry).toMatchObject({
      action: 'reject',
      gateId: 'designSignOff',
      gateName: 'Design Sign-off',
      comment: 'Security design not reviewed',
      gateStatus: 'awaitingApproval',
    });
    expect(entry.by.accountId).toBe(HOST_USERS[1].accountId);
    expect(entry.criteria).toEqual([
      { title: 'Design deliverables done', status: 'notApplicable', detail: expect.any(String), issues: [] },
    ]);
    expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it('passes the gate when the rejecter approves, and resolves the Gate issue (into a done status that is not a failure)', async () => {
    const r = await ok('consultant', STAGE_GATES_KEYS.signGate, {
      gateId: 'designSignOff',
      decision: 'approve',
      comment: 'Reviewed on 20 Nov',
    });
    const gate = gateOf(r.panel, 'designSignOff');
    expect([gate.status, gate.rejections, gate.approvals.map((a) => a.comment)]).toEqual([
      'passed',
      [],
      ['Reviewed on 20 Nov'],
    ]);
    expect(issueStatus(gate.gateIssue?.key ?? '')).toBe('Passed');
    expect(r.notice).toBe(`${gate.gateIssue?.key} resolved (Passed)`);
    expect(r.panel.audit.map((a) => a.action).slice(0, 2)).toEqual(['approve', 'reject']);
  });

  it('refuses a rejection without a comment before anything is read or written', async () => {
    expect(
      await act('consultant', STAGE_GATES_KEYS.signGate, {
        gateId: 'designSignOff',
        decision: 'reject',
        comment: '  ',
      }),
    ).toEqual({
      ok: false,
      error: 'Invalid request: payload.comment: a rejection needs a comment saying why',
    });
  });

  it('lets an administrator override a failing gate with a reason, and the override is on the record', async () => {
    const before = gateOf(await panel(), 'migrationReadiness');
    expect(before.status).toBe('notReady');
    const r = await ok('admin', STAGE_GATES_KEYS.overrideGate, {
      gateId: 'migrationReadiness',
      reason: 'Reconciliation gaps accepted by the customer (email 18 Nov)',
    });
    const gate = gateOf(r.panel, 'migrationReadiness');
    expect([gate.status, gate.override?.by.displayName, gate.override?.comment]).toEqual([
      'overridden',
      'Priya Shah',
      'Reconciliation gaps accepted by the customer (email 18 Nov)',
    ]);
    expect(r.panel.audit[0]).toMatchObject({ action: 'override', gateStatus: 'notReady' });
    expect(r.panel.audit[0].criteria.some((c) => c.status === 'fail')).toBe(true);
    expect(
      await act('admin', STAGE_GATES_KEYS.overrideGate, { gateId: 'migrationReadiness', reason: 'again' }),
    ).toEqual({
      ok: false,
      error: 'Migration Readiness has already passed; there is nothing to override.',
    });
  });

  it('keeps both of two concurrent sign-offs of the same gate', async () => {
    const before = (await records()).length;
    const [a, b] = await Promise.all([
      act('admin', STAGE_GATES_KEYS.signGate, {
        gateId: 'hypercareExit',
        decision: 'approve',
        comment: 'admin ok',
      }),
      act('consultant', STAGE_GATES_KEYS.signGate, {
        gateId: 'hypercareExit',
        decision: 'approve',
        comment: 'consultant ok',
      }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const after = await records();
    expect(after.length).toBe(before + 2);
    expect(after.map((r) => r.seq)).toEqual(after.map((_, i) => i + 1));
    const gate = gateOf(await panel(), 'hypercareExit');
    expect(gate.approvals.map((d) => d.comment).sort()).toEqual(['admin ok', 'consultant ok']);
  });

  it('attaches evidence (URL, Jira issue, Confluence page) and shows a deleted page or issue as missing', async () => {
    const [doc] = state.issues.filter((i) => state.issues.find((x) => x.id === i.parentId)?.key === key);
    const page = state.confluence.pages.find(
      (p) => p.status === 'current' && p.title.startsWith('Handover packet'),
    );
    if (!page) throw new Error('the demo has no handover page');
    await ok('consultant', STAGE_GATES_KEYS.addEvidence, {
      gateId: 'uatReadiness',
      evidence: { type: 'url', url: 'https://example.com/uat-plan.pdf', title: 'UAT plan' },
      comment: 'signed plan',
    });
    await ok('consultant', STAGE_GATES_KEYS.addEvidence, {
      gateId: 'uatReadiness',
      evidence: { type: 'jiraIssue', issueKey: doc.key.toLowerCase() },
    });
    const r = await ok('consultant', STAGE_GATES_KEYS.addEvidence, {
      gateId: 'uatReadiness',
      evidence: {
        type: 'confluencePage',
        page: `https://runway-demo.atlassian.net/wiki/spaces/IMPL/pages/${page.id}`,
      },
    });
    expect(
      gateOf(r.panel, 'uatReadiness').evidence.map((e) => [e.type, e.target, e.title, e.missing]),
    ).toEqual([
      ['url', 'https://example.com/uat-plan.pdf', 'UAT plan', false],
      ['jiraIssue', doc.key, doc.summary, false],
      ['confluencePage', page.id, page.title, false],
    ]);
    expect(r.panel.audit[0]).toMatchObject({
      action: 'addEvidence',
      evidence: { type: 'confluencePage', target: page.id },
    });

    const gone = await forge.site.handle({
      method: 'DELETE',
      path: `/wiki/api/v2/pages/${page.id}`,
      accountId: HOST_USERS[0].accountId,
    });
    expect(gone.status).toBe(204);
    state.issues.splice(state.issues.indexOf(doc), 1);
    const after = gateOf(await panel('consultant'), 'uatReadiness');
    expect(after.evidence.map((e) => [e.type, e.missing, e.url === null])).toEqual([
      ['url', false, false],
      ['jiraIssue', true, true],
      ['confluencePage', true, true],
    ]);
    state.issues.push(doc);
  });

  it('refuses evidence that does not exist, and removes evidence with a record of the removal', async () => {
    expect(
      await act('consultant', STAGE_GATES_KEYS.addEvidence, {
        gateId: 'uatReadiness',
        evidence: { type: 'jiraIssue', issueKey: 'IMP-99999' },
      }),
    ).toEqual({
      ok: false,
      error: 'IMP-99999 does not exist, or you cannot see it.',
    });
    expect(
      await act('consultant', STAGE_GATES_KEYS.addEvidence, {
        gateId: 'uatReadiness',
        evidence: { type: 'url', url: 'javascript:alert(1)' },
      }),
    ).toEqual({
      ok: false,
      error: 'Invalid request: payload.evidence.url: expected an http(s) URL',
    });
    const [first] = gateOf(await panel(), 'uatReadiness').evidence;
    const r = await ok('consultant', STAGE_GATES_KEYS.removeEvidence, {
      gateId: 'uatReadiness',
      evidenceId: first.id,
      comment: 'superseded',
    });
    expect(gateOf(r.panel, 'uatReadiness').evidence.map((e) => e.id)).not.toContain(first.id);
    expect(r.panel.audit[0]).toMatchObject({ action: 'removeEvidence', comment: 'superseded' });
  });

  it('keeps the audit record append-only: earlier entries never change, and no resolver edits them', async () => {
    const first = await records();
    await ok('admin', STAGE_GATES_KEYS.signGate, { gateId: 'handover', decision: 'approve' });
    const second = await records();
    expect(second.slice(0, first.length)).toEqual(first);
    expect(Object.values(STAGE_GATES_KEYS)).toEqual([
      'getGates',
      'signGate',
      'overrideGate',
      'addEvidence',
      'removeEvidence',
    ]);
  });

  it('shows an empty panel on an issue that is not an implementation', async () => {
    const task = state.issues.find((i) => i.parentId === issueId);
    const p = await panel('admin', task?.key);
    expect([p.implementation, p.gates]).toEqual([null, []]);
  });

  it.each([
    [STAGE_GATES_KEYS.signGate, { gateId: 'designSignOff', decision: 'maybe' }, 'payload.decision'],
    [
      STAGE_GATES_KEYS.signGate,
      { gateId: 'Design Sign-off', decision: 'approve' },
      'payload.gateId: expected a gate id',
    ],
    [STAGE_GATES_KEYS.overrideGate, { gateId: 'handover' }, 'payload.reason'],
    [
      STAGE_GATES_KEYS.addEvidence,
      { gateId: 'handover', evidence: { type: 'fax' } },
      'payload.evidence.type',
    ],
    [STAGE_GATES_KEYS.getGates, { asOf: '2026-02-30' }, 'payload.asOf: not a real calendar date'],
    [STAGE_GATES_KEYS.getGates, { issueKey: 'IMP-1' }, 'payload: unknown key issueKey'],
  ])('rejects the malformed payload of %s %j', async (functionKey, payload, message) => {
    const r = (await call('admin', functionKey, payload)) as GateActionAnswer;
    expect(r).toEqual({ ok: false, error: expect.stringContaining(message) });
  });

  it('names an unknown gate', async () => {
    expect(
      await act('admin', STAGE_GATES_KEYS.signGate, { gateId: 'securityReview', decision: 'approve' }),
    ).toEqual({
      ok: false,
      error:
        'There is no gate "securityReview" (gates: designSignOff, migrationReadiness, uatReadiness, goLiveReadiness, handover, hypercareExit).',
    });
  });
});
