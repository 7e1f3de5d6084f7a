// The stage-gate use cases (src/app/gates) on in-memory ports: the demo portfolio as the local
// site, app storage in memory, a fixed clock. Each test starts from the same fresh site.
import type { GateActionAnswer, GatesPanel, GateView } from '../../src/contracts/stage-gates';
import { readGates } from '../../src/app/gates/read';
import { decideTransition } from '../../src/app/gates/validator';
import { recordGateAction, type GateWrite } from '../../src/app/gates/write';
import { defaultConfig, parseConfig } from '../../src/domain';
import { DEMO_USERS } from '../../src/local/demo/catalog';
import { DEFAULT_AS_OF, generatePortfolio } from '../../src/local/demo/generate';
import type { SiteState } from '../../src/local/site/model';
import { writeConfig } from '../../src/storage';
import { auditLog } from '../../src/storage/gates';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date(`${DEFAULT_AS_OF}T12:00:00.000Z`);
const { admin, consultant, viewer } = DEMO_USERS;
const LIVE = '10015';

describe('stage-gate use cases', () => {
  let app: InMemoryApp;
  let state: SiteState;
  let key: string;
  let issueId: string;

  beforeEach(async () => {
    const portfolio = generatePortfolio({ seed: 1 });
    state = portfolio.state;
    const impl = portfolio.implementations.find((i) => i.stage === 'in-flight' && i.project === 'IMP');
    if (!impl) throw new Error('the demo has no in-flight implementation in IMP');
    key = impl.key;
    issueId = state.issues.find((i) => i.key === key)?.id ?? '';
    app = await inMemoryApp(state, NOW);
    // Sign-off by the implementation leads: admin and consultant are leads, the viewer is not.
    const leads = parseConfig({
      gates: defaultConfig().gates.map((g) => ({
        ...g,
        approvers: { users: [], groups: ['implementation-leads'] },
      })),
    });
    if (!leads.ok) throw new Error(leads.error);
    await writeConfig(app.store, leads.value);
  });
  afterEach(() => app.close());

  const records = () => auditLog(app.store, issueId).read();
  const statusOf = (issueKey: string) => {
    const issue = state.issues.find((i) => i.key === issueKey);
    return state.statuses.find((s) => s.id === issue?.statusId)?.name;
  };
  const gateOf = (panel: GatesPanel, id: string): GateView => {
    const gate = panel.gates.find((g) => g.id === id);
    if (!gate) throw new Error(`no gate ${id}`);
    return gate;
  };
  const read = async (as: { accountId: string } = consultant) => {
    const r = await readGates(app.portsAs(as.accountId), { issueKey: key, asOf: DEFAULT_AS_OF, siteUrl: '' });
    if (!r.ok) throw new Error(r.error);
    return r.data;
  };
  const write = (
    as: { accountId: string },
    w: GateWrite,
    signedIn = as.accountId,
  ): Promise<GateActionAnswer> =>
    recordGateAction(app.portsAs(as.accountId), {
      issueKey: key,
      accountId: signedIn,
      siteUrl: '',
      write: w,
    });
  const approve = (gateId: string, comment = ''): GateWrite => ({
    kind: 'sign',
    payload: { gateId, decision: 'approve', comment, asOf: DEFAULT_AS_OF },
  });
  const reject = (gateId: string, comment: string): GateWrite => ({
    kind: 'sign',
    payload: { gateId, decision: 'reject', comment, asOf: DEFAULT_AS_OF },
  });

  describe('reading the gate report', () => {
    it('gives every gate with its criteria and what the reader may do', async () => {
      const panel = await read(consultant);
      expect(panel.implementation?.key).toBe(key);
      expect(panel.gates.map((g) => g.id)).toEqual(defaultConfig().gates.map((g) => g.id));
      expect([gateOf(panel, 'uatReadiness').canSign, panel.viewer.canEditEvidence]).toEqual([true, true]);
      expect(panel.audit).toEqual([]);
    });

    it('gives a reader who is no approver nothing to sign and no evidence to edit', async () => {
      const panel = await read(viewer);
      expect(panel.gates.some((g) => g.canSign || g.canOverride)).toBe(false);
      expect(panel.viewer.canEditEvidence).toBe(false);
    });

    it('gives an empty report on an issue that is not an implementation', async () => {
      const task = state.issues.find((i) => i.parentId === issueId);
      const r = await readGates(app.portsAs(admin.accountId), { issueKey: task?.key ?? '', siteUrl: '' });
      expect(r).toMatchObject({ ok: true, data: { implementation: null, gates: [], audit: [] } });
    });
  });

  describe('signing off', () => {
    it('refuses a sign-off by someone who is not an approver, and writes nothing', async () => {
      const gateIssue = gateOf(await read(), 'designSignOff').gateIssue?.key ?? '';
      const statusBefore = statusOf(gateIssue);
      expect(await write(viewer, approve('designSignOff'))).toEqual({
        ok: false,
        error: 'You are not an approver of Design Sign-off.',
      });
      expect(await records()).toEqual([]);
      expect(statusOf(gateIssue)).toBe(statusBefore);
    });

    it('refuses when Jira answers for someone other than the signed-in user, and writes nothing', async () => {
      expect(await write(consultant, approve('designSignOff'), admin.accountId)).toEqual({
        ok: false,
        error: 'Jira answered for a different user than the one signed in; nothing was recorded.',
      });
      expect(await records()).toEqual([]);
    });

    it('records a rejection and reopens the Gate issue; an approval then appends one record and resolves it', async () => {
      const gateIssue = gateOf(await read(), 'designSignOff').gateIssue?.key ?? '';
      expect(statusOf(gateIssue)).toBe('Passed');

      const rejected = await write(consultant, reject('designSignOff', 'Security design not reviewed'));
      if (!rejected.ok) throw new Error(rejected.error);
      expect(rejected.data.notice).toBe(`${gateIssue} reopened (Reopened)`);
      expect(statusOf(gateIssue)).toBe('Reopened');

      const approved = await write(consultant, approve('designSignOff', 'Reviewed on 20 Nov'));
      if (!approved.ok) throw new Error(approved.error);
      expect(approved.data.notice).toBe(`${gateIssue} resolved (Passed)`);
      expect(statusOf(gateIssue)).toBe('Passed');
      expect(gateOf(approved.data.panel, 'designSignOff').status).toBe('passed');

      const log = await records();
      expect(log.map((r) => [r.seq, r.entry.action])).toEqual([
        [1, 'reject'],
        [2, 'approve'],
      ]);
      // The record keeps the account id only; the panel names the person as the reader looks them up.
      expect(log[1].entry).toMatchObject({
        at: NOW.toISOString(),
        by: { accountId: consultant.accountId },
        gateId: 'designSignOff',
        gateStatus: 'rejected',
        comment: 'Reviewed on 20 Nov',
      });
      expect(log[1].entry.by).toEqual({ accountId: consultant.accountId });
      expect(gateOf(approved.data.panel, 'designSignOff').approvals.map((d) => d.by.displayName)).toEqual([
        consultant.displayName,
      ]);
    });

    it('records both of two approvals that arrive at the same moment, in order', async () => {
      const [a, b] = await Promise.all([
        write(admin, approve('hypercareExit', 'admin ok')),
        write(consultant, approve('hypercareExit', 'consultant ok')),
      ]);
      expect([a.ok, b.ok]).toEqual([true, true]);
      const log = await records();
      expect(log.map((r) => r.seq)).toEqual([1, 2]);
      expect(log.map((r) => r.entry.by.accountId).sort()).toEqual(
        [admin.accountId, consultant.accountId].sort(),
      );
      expect(
        gateOf(await read(), 'hypercareExit')
          .approvals.map((d) => d.comment)
          .sort(),
      ).toEqual(['admin ok', 'consultant ok']);
    });

    it('lets only an administrator override, and records the reason', async () => {
      const override: GateWrite = {
        kind: 'override',
        payload: {
          gateId: 'migrationReadiness',
          reason: 'Gaps accepted by the customer',
          asOf: DEFAULT_AS_OF,
        },
      };
      expect(await write(consultant, override)).toEqual({
        ok: false,
        error: 'Only a Jira or project administrator can override Migration Readiness.',
      });
      expect(await records()).toEqual([]);
      const r = await write(admin, override);
      if (!r.ok) throw new Error(r.error);
      expect(gateOf(r.data.panel, 'migrationReadiness').status).toBe('overridden');
      expect((await records()).map((x) => [x.entry.action, x.entry.gateStatus])).toEqual([
        ['override', 'notReady'],
      ]);
    });
  });

  describe('evidence', () => {
    const addUrl: GateWrite = {
      kind: 'addEvidence',
      payload: {
        gateId: 'uatReadiness',
        evidence: { type: 'url', url: 'https://example.com/uat-plan.pdf', title: 'UAT plan' },
        comment: 'signed plan',
        asOf: DEFAULT_AS_OF,
      },
    };

    it('refuses evidence from someone who may not edit the implementation, and writes nothing', async () => {
      expect(await write(viewer, addUrl)).toEqual({
        ok: false,
        error: `You need permission to edit ${key} to change the evidence of its gates.`,
      });
      expect(await records()).toEqual([]);
    });

    it('refuses an issue the user cannot see as evidence, and writes nothing', async () => {
      const missing: GateWrite = {
        kind: 'addEvidence',
        payload: {
          gateId: 'uatReadiness',
          evidence: { type: 'jiraIssue', issueKey: 'IMP-99999' },
          comment: '',
          asOf: DEFAULT_AS_OF,
        },
      };
      expect(await write(consultant, missing)).toEqual({
        ok: false,
        error: 'IMP-99999 does not exist, or you cannot see it.',
      });
      expect(await records()).toEqual([]);
    });

    it('adds evidence and removes it again, both on the record', async () => {
      const added = await write(consultant, addUrl);
      if (!added.ok) throw new Error(added.error);
      const [evidence] = gateOf(added.data.panel, 'uatReadiness').evidence;
      expect([evidence.title, evidence.comment]).toEqual(['UAT plan', 'signed plan']);
      const removed = await write(consultant, {
        kind: 'removeEvidence',
        payload: {
          gateId: 'uatReadiness',
          evidenceId: evidence.id,
          comment: 'superseded',
          asOf: DEFAULT_AS_OF,
        },
      });
      if (!removed.ok) throw new Error(removed.error);
      expect(gateOf(removed.data.panel, 'uatReadiness').evidence).toEqual([]);
      expect((await records()).map((r) => r.entry.action)).toEqual(['addEvidence', 'removeEvidence']);
    });
  });

  describe('the workflow validator', () => {
    const moveTo = (to: { id: string; name?: string }) =>
      decideTransition(app.portsAs('app'), { issue: { key }, transition: { to } });

    it('refuses a move to Live while a gate Live requires has not passed, naming the gate', async () => {
      const verdict = await moveTo({ id: LIVE });
      expect(verdict).toEqual({ result: false, errorMessage: expect.stringContaining('Go-Live Readiness') });
    });

    it('lets a move into a status that requires no gate through', async () => {
      expect(await moveTo({ id: '1', name: 'In Progress' })).toEqual({ result: true });
    });

    it('fails closed when Jira cannot be read', async () => {
      const ports = {
        ...app.portsAs('app'),
        jiraFetch: async () => ({
          status: 403,
          headers: { get: () => null },
          text: async () => JSON.stringify({ errorMessages: ['The app may not browse this project.'] }),
        }),
      };
      const verdict = await decideTransition(ports, { issue: { key }, transition: { to: { id: LIVE } } });
      expect(verdict).toEqual({
        result: false,
        errorMessage: expect.stringMatching(
          new RegExp(`^Runway could not check the stage gates of ${key}: `),
        ),
      });
    });
  });
});
