import fc from 'fast-check';
import {
  AuditRecordSchema,
  checkAction,
  evidenceUrl,
  gatePowers,
  checkTransition,
  defaultConfig,
  foldAudit,
  mayApprove,
  parseConfig,
  requiredGatesFor,
  statusesRequiring,
  type Caller,
} from '../../../src/domain';
import { anImplementation, done, type IssueSpec } from '../../builders/jira';
import { configOf, gate, gatesOf, namesOf, person, record } from './support';

const DONE = done('2026-05-01T10:00:00.000+0000');
/** Design Sign-off with no design deliverables: its only criterion is not applicable. */
const noIssues = anImplementation({ key: 'IMP-1', children: [] });
const openDesign = anImplementation({
  key: 'IMP-1',
  children: [{ key: 'D-1', labels: ['deliverable', 'design'] }],
});
const gateIssue = (key: string, type: string, spec: IssueSpec = {}): IssueSpec => ({
  key,
  type: 'Gate',
  custom: { 'Gate Type': type },
  ...spec,
});
const approve = (by: string, gateId = 'designSignOff') => record({ action: 'approve', gateId, by });
const reject = (by: string, gateId = 'designSignOff') =>
  record({ action: 'reject', gateId, by, comment: 'not yet' });
const override = (by: string, gateId = 'designSignOff') =>
  record({ action: 'override', gateId, by, comment: 'steering committee accepted the risk' });

describe('a gate’s status', () => {
  it('lists the six gates of product.md in order, named by the Gate Type values', () => {
    expect(gatesOf(noIssues).map((g) => g.name)).toEqual([
      'Design Sign-off',
      'Migration Readiness',
      'UAT Readiness',
      'Go-Live Readiness',
      'Handover',
      'Hypercare Exit',
    ]);
    expect(gatesOf(noIssues, { config: { gateTypes: { handover: 'Handoff' } } })[4].name).toBe('Handoff');
  });

  it('awaits approval when its criteria pass (not applicable ones do not block), and passes with the approval', () => {
    expect(gate(gatesOf(noIssues), 'designSignOff').status).toBe('awaitingApproval');
    const g = gate(gatesOf(noIssues, { audit: [approve('ana')] }), 'designSignOff');
    expect([g.status, g.passed, g.approvals.map((a) => a.by.accountId)]).toEqual(['passed', true, ['ana']]);
  });

  it('is not ready while a criterion fails, even when approved', () => {
    const g = gate(gatesOf(openDesign, { audit: [approve('ana')] }), 'designSignOff');
    expect([g.status, g.passed, g.criteriaMet]).toEqual(['notReady', false, false]);
  });

  it('needs as many distinct approvers as configured; one person approving twice counts once', () => {
    const config = { gates: [{ id: 'designSignOff', requiredApprovals: 2 }], enforcement: [] };
    expect(gatesOf(noIssues, { config, audit: [approve('ana'), approve('ana')] })[0].status).toBe(
      'awaitingApproval',
    );
    expect(gatesOf(noIssues, { config, audit: [approve('ana'), approve('ben')] })[0].status).toBe('passed');
  });

  it('passes on criteria alone when no approval is required', () => {
    expect(
      gatesOf(noIssues, {
        config: { gates: [{ id: 'designSignOff', requiredApprovals: 0 }], enforcement: [] },
      })[0].status,
    ).toBe('passed');
  });

  it('is rejected while an approver’s latest word is a rejection, and that approver’s later approval lifts it', () => {
    expect(gate(gatesOf(noIssues, { audit: [approve('ana'), reject('ben')] }), 'designSignOff').status).toBe(
      'rejected',
    );
    const lifted = gate(gatesOf(noIssues, { audit: [reject('ben'), approve('ben')] }), 'designSignOff');
    expect([lifted.status, lifted.rejections]).toEqual(['passed', []]);
    expect(
      gate(gatesOf(noIssues, { audit: [approve('ana'), reject('ana')] }), 'designSignOff').approvals,
    ).toEqual([]);
  });

  it('passes by an admin override with a reason, whatever the criteria; a later rejection ends the override', () => {
    const g = gate(gatesOf(openDesign, { audit: [override('admin')] }), 'designSignOff');
    expect([g.status, g.passed, g.override?.comment]).toEqual([
      'overridden',
      true,
      'steering committee accepted the risk',
    ]);
    expect(
      gate(gatesOf(openDesign, { audit: [override('admin'), reject('ben')] }), 'designSignOff').status,
    ).toBe('rejected');
    expect(
      gate(gatesOf(openDesign, { audit: [reject('ben'), override('admin')] }), 'designSignOff').status,
    ).toBe('overridden');
  });

  it('keeps each gate’s records to itself', () => {
    const gates = gatesOf(noIssues, {
      audit: [approve('ana', 'designSignOff'), reject('ben', 'uatReadiness')],
    });
    expect([
      gate(gates, 'designSignOff').status,
      gate(gates, 'uatReadiness').status,
      gate(gates, 'migrationReadiness').status,
    ]).toEqual(['passed', 'rejected', 'awaitingApproval']);
  });

  it('shows evidence added and not removed, marking evidence whose page or issue is gone as missing', () => {
    const audit = [
      record({
        action: 'addEvidence',
        gateId: 'designSignOff',
        by: 'ana',
        evidence: { id: 'e1', type: 'url', target: 'https://example.com/design.pdf', comment: 'signed PDF' },
      }),
      record({
        action: 'addEvidence',
        gateId: 'designSignOff',
        by: 'ana',
        evidence: { id: 'e2', type: 'jiraIssue', target: 'IMP-9' },
      }),
      record({
        action: 'addEvidence',
        gateId: 'designSignOff',
        by: 'ben',
        evidence: { id: 'e3', type: 'confluencePage', target: '4242' },
      }),
      record({ action: 'removeEvidence', gateId: 'designSignOff', by: 'ben', evidenceId: 'e1' }),
    ];
    const g = gate(gatesOf(noIssues, { audit, missingEvidence: ['e2'] }), 'designSignOff');
    expect(g.evidence.map((e) => [e.id, e.missing, e.addedBy.accountId])).toEqual([
      ['e2', true, 'ana'],
      ['e3', false, 'ben'],
    ]);
  });
});

describe('the Gate issue follows its gate', () => {
  it('finds the Gate issue by its Gate Type, case-insensitively, and asks to resolve it when the gate passes', () => {
    const issues = anImplementation({ children: [gateIssue('G-1', 'design sign-off')] });
    expect(gate(gatesOf(issues), 'designSignOff').gateIssue).toEqual({
      key: 'G-1',
      done: false,
      status: 'To Do',
    });
    expect(gate(gatesOf(issues), 'designSignOff').gateIssueAction).toBeNull();
    expect(gate(gatesOf(issues, { audit: [approve('ana')] }), 'designSignOff').gateIssueAction).toBe(
      'resolve',
    );
  });

  it('asks to reopen a done Gate issue whose gate has not passed, and nothing when they match', () => {
    const issues = anImplementation({ children: [gateIssue('G-1', 'Design Sign-off', DONE)] });
    expect(gate(gatesOf(issues), 'designSignOff').gateIssueAction).toBe('reopen');
    expect(gate(gatesOf(issues, { audit: [approve('ana')] }), 'designSignOff').gateIssueAction).toBeNull();
    expect(gate(gatesOf(noIssues), 'designSignOff').gateIssueAction).toBeNull();
  });
});

describe('gate enforcement', () => {
  const config = defaultConfig();

  it('requires the four gates before go-live for a move to Live (case-insensitive), nothing for other statuses', () => {
    expect(requiredGatesFor('live', config)).toEqual([
      'designSignOff',
      'migrationReadiness',
      'uatReadiness',
      'goLiveReadiness',
    ]);
    expect(requiredGatesFor('In Progress', config)).toEqual([]);
  });

  it('names, for a gate, the statuses that require it', () => {
    expect(statusesRequiring('uatReadiness', config)).toEqual(['Live']);
    expect(statusesRequiring('handover', config)).toEqual([]);
  });

  it('refuses the move with a message naming each gate that has not passed and its failing criteria', () => {
    const issues = anImplementation({
      key: 'IMP-7',
      children: [
        { key: 'U-1', labels: ['uat'], fields: { assignee: { accountId: 'a' } } },
        { key: 'B-1', type: 'Bug', priority: 'Highest' },
      ],
    });
    const audit = [approve('ana', 'designSignOff'), approve('ana', 'migrationReadiness')];
    const verdict = checkTransition('IMP-7', 'Live', gatesOf(issues, { audit }), config);
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.blocking.map((g) => g.id)).toEqual(['uatReadiness', 'goLiveReadiness']);
    expect(verdict.message).toBe(
      'IMP-7 cannot move to Live: UAT Readiness has not passed — awaiting 1 approval. ' +
        'Go-Live Readiness has not passed — Every UAT item done: 1 of 1 uat item not done (U-1); ' +
        'No open Highest/High defect: 1 open Highest/High defect (B-1); Earlier gates passed: Not passed yet: UAT Readiness.',
    );
  });

  it('names a rejection and who made it, as the lookup names them', () => {
    const gates = gatesOf(noIssues, { audit: [reject('ben')] });
    const verdict = checkTransition('IMP-1', 'Live', gates, config, namesOf('ben'));
    expect(!verdict.allowed && verdict.message).toContain(
      'Design Sign-off has not passed — rejected by BEN ("not yet")',
    );
    // Nobody looked up: the approver is not named; looked up and unknown: a former user.
    const unnamed = checkTransition('IMP-1', 'Live', gates, config);
    expect(!unnamed.allowed && unnamed.message).toContain('rejected by an approver ("not yet")');
    const gone = checkTransition('IMP-1', 'Live', gates, config, new Map());
    expect(!gone.allowed && gone.message).toContain('rejected by a former user ("not yet")');
  });

  it('allows the move once every required gate has passed, by approval or override', () => {
    const audit = [
      approve('ana', 'designSignOff'),
      override('admin', 'migrationReadiness'),
      override('admin', 'uatReadiness'),
      override('admin', 'goLiveReadiness'),
    ];
    expect(checkTransition('IMP-1', 'Live', gatesOf(noIssues, { audit }), config)).toEqual({ allowed: true });
  });

  it('allows any move into a status no rule names', () => {
    expect(checkTransition('IMP-1', 'In Progress', gatesOf(noIssues), config)).toEqual({ allowed: true });
  });

  it('follows configured rules: another status, other gates', () => {
    const custom = configOf({ enforcement: [{ status: 'Closed', requiredGates: ['hypercareExit'] }] });
    expect(
      checkTransition(
        'IMP-1',
        'Live',
        gatesOf(noIssues, {
          config: { enforcement: [{ status: 'Closed', requiredGates: ['hypercareExit'] }] },
        }),
        custom,
      ),
    ).toEqual({ allowed: true });
    const verdict = checkTransition(
      'IMP-1',
      'closed',
      gatesOf(noIssues, {
        config: { enforcement: [{ status: 'Closed', requiredGates: ['hypercareExit'] }] },
      }),
      custom,
    );
    expect(!verdict.allowed && verdict.message).toBe(
      'IMP-1 cannot move to closed: Hypercare Exit has not passed — 30 days since go-live: Not live yet (no go-live date).',
    );
  });
});

describe('who may sign', () => {
  const caller = (over: Partial<Caller> = {}): Caller => ({
    accountId: 'acc-1',
    groups: [],
    projectAdmin: false,
    siteAdmin: false,
    ...over,
  });
  const def = (users: string[], groups: string[]) => ({ approvers: { users, groups } });

  it('lets a configured user or a member of a configured group (case-insensitive) approve', () => {
    expect(mayApprove(def(['acc-1'], []), caller())).toBe(true);
    expect(mayApprove(def([], ['Implementation-Leads']), caller({ groups: ['implementation-leads'] }))).toBe(
      true,
    );
    expect(mayApprove(def(['acc-2'], ['leads']), caller({ groups: ['viewers'], siteAdmin: true }))).toBe(
      false,
    );
  });

  it('falls back to project and site administrators when nobody is configured', () => {
    expect(mayApprove(def([], []), caller())).toBe(false);
    expect(mayApprove(def([], []), caller({ projectAdmin: true }))).toBe(true);
  });

  it('checks each action: approver for sign-off, a comment for rejection, an admin with a reason for override', () => {
    const config = defaultConfig();
    const g = gate(gatesOf(noIssues), 'designSignOff');
    const d = config.gates[0];
    expect(checkAction(d, g, caller(), { action: 'approve', comment: '' })).toEqual({
      ok: false,
      error: 'You are not an approver of Design Sign-off.',
    });
    expect(checkAction(d, g, caller({ projectAdmin: true }), { action: 'reject', comment: ' ' })).toEqual({
      ok: false,
      error: 'A rejection needs a comment saying why.',
    });
    expect(checkAction(d, g, caller(), { action: 'override', comment: 'x' }).ok).toBe(false);
    expect(checkAction(d, g, caller({ siteAdmin: true }), { action: 'override', comment: '' })).toEqual({
      ok: false,
      error: 'An override needs a reason.',
    });
    expect(checkAction(d, g, caller({ siteAdmin: true }), { action: 'override', comment: 'agreed' })).toEqual(
      { ok: true },
    );
    const passed = gate(gatesOf(noIssues, { audit: [approve('ana')] }), 'designSignOff');
    expect(
      checkAction(d, passed, caller({ siteAdmin: true }), { action: 'override', comment: 'agreed' }).ok,
    ).toBe(false);
    expect(
      checkAction(d, g, caller(), { action: 'removeEvidence', evidenceId: 'nope', comment: '' }).ok,
    ).toBe(false);
  });

  it('offers sign-off to approvers and override to administrators while the gate has not passed', () => {
    const d = defaultConfig().gates[0];
    const open = gate(gatesOf(noIssues), 'designSignOff');
    const passed = gate(gatesOf(noIssues, { audit: [approve('ana')] }), 'designSignOff');
    expect(gatePowers(d, open, caller())).toEqual({ canSign: false, canApprove: false, canOverride: false });
    expect(gatePowers(d, open, caller({ projectAdmin: true }))).toEqual({
      canSign: true,
      canApprove: true,
      canOverride: true,
    });
    expect(gatePowers(d, passed, caller({ siteAdmin: true })).canOverride).toBe(false);
  });

  it('offers no Approve on a passed gate and refuses one, while a rejection stays possible (issue 12, item 10)', () => {
    const d = defaultConfig().gates[0];
    const passed = gate(gatesOf(noIssues, { audit: [approve('ana')] }), 'designSignOff');
    const admin = caller({ projectAdmin: true });
    expect(gatePowers(d, passed, admin)).toEqual({ canSign: true, canApprove: false, canOverride: false });
    expect(checkAction(d, passed, admin, { action: 'approve', comment: 'me too' })).toEqual({
      ok: false,
      error: 'Design Sign-off has already passed; there is nothing to approve.',
    });
    expect(checkAction(d, passed, admin, { action: 'reject', comment: 'found a gap' })).toEqual({ ok: true });
  });

  it('keeps each approval with its own text: a second approval by the same approver adds, and counts once (issue 12, item 10)', () => {
    const config = { gates: [{ id: 'designSignOff', requiredApprovals: 2 }], enforcement: [] };
    const first = record({
      action: 'approve',
      gateId: 'designSignOff',
      by: 'ana',
      comment: 'design reviewed',
    });
    const second = record({
      action: 'approve',
      gateId: 'designSignOff',
      by: 'ana',
      comment: 'security reviewed',
    });
    const g = gatesOf(noIssues, { config, audit: [first, second] })[0];
    expect(g.approvals.map((a) => a.comment)).toEqual(['design reviewed', 'security reviewed']);
    expect([g.approvalCount, g.status]).toEqual([1, 'awaitingApproval']);
  });

  it('lets whoever added evidence remove it, and an administrator any; nobody else (issue 12, item 10)', () => {
    const d = defaultConfig().gates[0];
    const audit = [
      record({
        action: 'addEvidence',
        gateId: 'designSignOff',
        by: 'ana',
        evidence: { id: 'e1', type: 'url', target: 'https://example.com/x', comment: '' },
      }),
    ];
    const g = gate(gatesOf(noIssues, { audit }), 'designSignOff');
    const remove = { action: 'removeEvidence' as const, evidenceId: 'e1', comment: '' };
    expect(checkAction(d, g, caller({ accountId: 'ana' }), remove)).toEqual({ ok: true });
    expect(checkAction(d, g, caller({ accountId: 'ben', projectAdmin: true }), remove)).toEqual({ ok: true });
    expect(checkAction(d, g, caller({ accountId: 'ben' }), remove)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Only .* or an administrator can remove this evidence\.$/),
    });
  });
});

describe('the audit record', () => {
  it('refuses a rejection or override without a comment, and unknown actions', () => {
    const base = {
      at: '2026-06-01T10:00:00.000Z',
      by: person('ana'),
      gateId: 'designSignOff',
      gateStatus: 'notReady',
      criteria: [],
    };
    expect(AuditRecordSchema.safeParse({ ...base, action: 'reject', comment: '' }).success).toBe(false);
    expect(AuditRecordSchema.safeParse({ ...base, action: 'override', comment: '  ' }).success).toBe(false);
    expect(AuditRecordSchema.safeParse({ ...base, action: 'delete' }).success).toBe(false);
    expect(AuditRecordSchema.safeParse({ ...base, action: 'approve', comment: '' }).success).toBe(true);
  });

  it('makes a gate rejected exactly when some approver’s latest decision is a rejection (any order of records)', () => {
    const people = ['ana', 'ben', 'cy'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...people), fc.boolean()), { maxLength: 12 }),
        (steps) => {
          const records = steps.map(([by, yes]) => (yes ? approve(by) : reject(by)));
          const last = new Map(steps.map(([by, yes]) => [by, yes]));
          const state = foldAudit(records).get('designSignOff');
          const rejected = [...last.values()].some((yes) => !yes);
          expect((state?.rejections.length ?? 0) > 0).toBe(rejected);
          expect((state?.approvalCount ?? 0) + (state?.rejections.length ?? 0)).toBe(last.size);
          // Every approval given since the approver's last rejection stands with its own text.
          const standing = steps.filter(
            ([by, yes], i) =>
              yes && last.get(by) === true && !steps.slice(i).some(([b, y]) => b === by && !y),
          ).length;
          expect(state?.approvals.length ?? 0).toBe(standing);
          expect(gate(gatesOf(noIssues, { audit: records }), 'designSignOff').status).toBe(
            rejected ? 'rejected' : last.size > 0 ? 'passed' : 'awaitingApproval',
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('gate configuration', () => {
  it('adds a gate of the site’s own, with a name', () => {
    const gates = gatesOf(noIssues, {
      config: {
        gates: [
          ...defaultConfig().gates,
          {
            id: 'securityReview',
            name: 'Security Review',
            criteria: [{ kind: 'gatesPassed', gates: ['designSignOff'] }],
          },
        ],
      },
    });
    expect(gate(gates, 'securityReview').criteria[0].status).toBe('fail');
  });

  it.each([
    [
      { gates: [{ id: 'designSignOff' }, { id: 'designSignOff' }] },
      'gates.1.id: gate id "designSignOff" is used twice',
    ],
    [
      { gates: [{ id: 'securityReview' }], enforcement: [] },
      'gates.0.name: gate "securityReview" is not built in, so it needs a name',
    ],
    [
      {
        gates: [
          { id: 'uatReadiness', criteria: [{ kind: 'gatesPassed', gates: ['handover'] }] },
          { id: 'handover' },
        ],
        enforcement: [],
      },
      'gates.0.criteria.0.gates.0: earlier gates only: "handover" comes later in the list',
    ],
    [
      {
        gates: [{ id: 'handover', criteria: [{ kind: 'gatesPassed', gates: ['handover'] }] }],
        enforcement: [],
      },
      'earlier gates only: a gate cannot require itself',
    ],
    [
      { enforcement: [{ status: 'Live', requiredGates: ['golive'] }] },
      'enforcement.0.requiredGates.0: there is no gate "golive"',
    ],
    [
      { gates: [{ id: 'designSignOff', criteria: [{ kind: 'kpiAtTarget', kpi: 'happiness' }] }] },
      'gates.0.criteria.0.kpi',
    ],
    [
      { gates: [{ id: 'designSignOff', criteria: [{ kind: 'itemsDone', label: 'design' }] }] },
      'gates.0.criteria.0.label',
    ],
    [{ gates: [{ id: 'Design Sign-off' }] }, 'gates.0.id: expected an id of letters and digits'],
  ])('refuses %j, naming the field', (input, message) => {
    const r = parseConfig(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('where evidence opens', () => {
  it('opens a URL as given, an issue in Jira and a page id in Confluence, on the site', () => {
    const site = 'https://acme.atlassian.net/';
    expect(evidenceUrl({ type: 'url', target: 'https://x.test/a' }, site)).toBe('https://x.test/a');
    expect(evidenceUrl({ type: 'jiraIssue', target: 'IMP-1' }, site)).toBe(
      'https://acme.atlassian.net/browse/IMP-1',
    );
    expect(evidenceUrl({ type: 'confluencePage', target: '42' }, site)).toBe(
      'https://acme.atlassian.net/wiki/pages/viewpage.action?pageId=42',
    );
    expect(evidenceUrl({ type: 'confluencePage', target: 'https://wiki.test/p/1' }, site)).toBe(
      'https://wiki.test/p/1',
    );
  });
});
