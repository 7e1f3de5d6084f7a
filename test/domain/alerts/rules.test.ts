import {
  alertsReport,
  buildImplementations,
  computeAlerts,
  defaultConfig,
  gateAlertFacts,
  groupDigests,
  renderDigest,
  type FiredAlert,
  type GateResult,
  type ImplementationModel,
  type RunwayConfig,
} from '../../../src/domain';
import {
  TEST_NAMES,
  anImplementation,
  done,
  dueDateChange,
  history,
  resolutionCleared,
  resolutionSet,
  type IssueSpec,
} from '../../builders/jira';

const OWNER = 'acc-owner';
const ALICE = 'acc-alice';
const AS_OF = '2026-06-30'; // a Tuesday

const person = (accountId: string) => ({ assignee: { accountId, displayName: accountId.slice(4) } });

function modelOf(issues: ReturnType<typeof anImplementation>, asOf = AS_OF, config = defaultConfig()) {
  return buildImplementations(issues, TEST_NAMES, { asOf, config });
}

function alertsOf(
  children: IssueSpec[],
  opts: { asOf?: string; config?: RunwayConfig; owner?: string | null; implementation?: IssueSpec } = {},
): FiredAlert[] {
  const config = opts.config ?? defaultConfig();
  const asOf = opts.asOf ?? AS_OF;
  const owner = opts.owner === undefined ? OWNER : opts.owner;
  const issues = anImplementation({
    key: 'IMP-1',
    ...(owner === null ? {} : { fields: person(owner) }),
    ...opts.implementation,
    children,
  });
  return computeAlerts(modelOf(issues, asOf, config).implementations, { asOf, config });
}

const brief = (alerts: readonly FiredAlert[]) => alerts.map((a) => [a.rule, a.issue, a.recipient]);

describe('raid_overdue', () => {
  it('fires for a risk, assumption, RAID issue or dependency not done and due before asOf, to its assignee', () => {
    const kinds = ['Risk', 'Assumption', 'Issue', 'Dependency'];
    const alerts = alertsOf(
      kinds.map((type, i) => ({ key: `IMP-${i + 2}`, type, duedate: '2026-06-29', fields: person(ALICE) })),
    );
    expect(brief(alerts)).toEqual(kinds.map((_, i) => ['raid_overdue', `IMP-${i + 2}`, ALICE]));
  });

  it('does not fire for an item due today, done, or without a due date; nor for a plain task', () => {
    const alerts = alertsOf([
      { key: 'IMP-2', type: 'Risk', duedate: AS_OF },
      { key: 'IMP-3', type: 'Risk', duedate: '2026-06-01', ...done('2026-06-20T10:00:00.000+0000') },
      { key: 'IMP-4', type: 'Risk' },
      { key: 'IMP-5', type: 'Task', duedate: '2026-06-01' },
    ]);
    expect(alerts).toEqual([]);
  });

  it('goes to the implementation owner when the item is unassigned, and to nobody (null) without one', () => {
    expect(brief(alertsOf([{ key: 'IMP-2', type: 'Issue', duedate: '2026-06-01' }]))).toEqual([
      ['raid_overdue', 'IMP-2', OWNER],
    ]);
    expect(
      brief(alertsOf([{ key: 'IMP-2', type: 'Issue', duedate: '2026-06-01' }], { owner: null })),
    ).toEqual([['raid_overdue', 'IMP-2', null]]);
  });

  it('an item resolved after asOf is still open at asOf', () => {
    const alerts = alertsOf([
      { key: 'IMP-2', type: 'Risk', duedate: '2026-06-01', ...done('2026-07-02T10:00:00.000+0000') },
    ]);
    expect(brief(alerts)).toEqual([['raid_overdue', 'IMP-2', OWNER]]);
  });

  it('an item done then reopened fires again, with a new state (so it is delivered again)', () => {
    const before = alertsOf([{ key: 'IMP-2', type: 'Risk', duedate: '2026-06-01' }]);
    const reopened = alertsOf([
      {
        key: 'IMP-2',
        type: 'Risk',
        duedate: '2026-06-01',
        histories: [
          history('2026-06-10T10:00:00.000+0000', resolutionSet()),
          history('2026-06-20T10:00:00.000+0000', resolutionCleared()),
        ],
      },
    ]);
    expect(brief(reopened)).toEqual([['raid_overdue', 'IMP-2', OWNER]]);
    expect(reopened[0].state).not.toBe(before[0].state);
  });

  it('the state follows the due date: moved and passed again is a new state', () => {
    const a = alertsOf([{ key: 'IMP-2', type: 'Risk', duedate: '2026-06-01' }]);
    const b = alertsOf([{ key: 'IMP-2', type: 'Risk', duedate: '2026-06-20' }]);
    expect(a[0].state).not.toBe(b[0].state);
    expect(alertsOf([{ key: 'IMP-2', type: 'Risk', duedate: '2026-06-01' }])[0].state).toBe(a[0].state);
  });
});

describe('milestone_late', () => {
  it('fires to the owner for a milestone not done whose baseline due date is before asOf', () => {
    const alerts = alertsOf([
      {
        key: 'IMP-2',
        type: 'Milestone',
        duedate: '2026-07-20',
        custom: { 'Baseline Due': '2026-06-15' },
        fields: person(ALICE),
      },
    ]);
    expect(brief(alerts)).toEqual([['milestone_late', 'IMP-2', OWNER]]);
  });

  it('reads the baseline from the first due date in the changelog', () => {
    const alerts = alertsOf([
      {
        key: 'IMP-2',
        type: 'Milestone',
        duedate: '2026-07-20',
        histories: [history('2026-05-01T10:00:00.000+0000', dueDateChange('2026-06-10', '2026-07-20'))],
      },
    ]);
    expect(brief(alerts)).toEqual([['milestone_late', 'IMP-2', OWNER]]);
  });

  it('is silent for a done milestone and one whose baseline is today', () => {
    const alerts = alertsOf([
      { key: 'IMP-2', type: 'Milestone', duedate: '2026-06-01', ...done('2026-06-29T10:00:00.000+0000') },
      { key: 'IMP-3', type: 'Milestone', duedate: '2026-07-30', custom: { 'Baseline Due': AS_OF } },
    ]);
    expect(alerts).toEqual([]);
  });
});

describe('milestone_due_soon', () => {
  it('fires for a milestone due today, to its assignee', () => {
    const alerts = alertsOf([{ key: 'IMP-2', type: 'Milestone', duedate: AS_OF, fields: person(ALICE) }]);
    expect(brief(alerts)).toEqual([['milestone_due_soon', 'IMP-2', ALICE]]);
    expect(alerts[0].detail).toContain('today');
  });

  it('fires at exactly N business days and not at N + 1 (weekends skipped)', () => {
    // 2026-06-30 is a Tuesday: 5 business days on is Tuesday 7 July, 6 is Wednesday 8 July.
    const alerts = alertsOf([
      { key: 'IMP-2', type: 'Milestone', duedate: '2026-07-07' },
      { key: 'IMP-3', type: 'Milestone', duedate: '2026-07-08' },
    ]);
    expect(brief(alerts)).toEqual([['milestone_due_soon', 'IMP-2', OWNER]]);
  });

  it('takes its days and holidays from the config', () => {
    const config = defaultConfig();
    config.alerts.dueSoonBusinessDays = 2;
    config.holidays = ['2026-07-01'];
    const alerts = alertsOf(
      [
        { key: 'IMP-2', type: 'Milestone', duedate: '2026-07-02' }, // Wed is a holiday: 1 business day
        { key: 'IMP-3', type: 'Milestone', duedate: '2026-07-06' }, // Thu, Fri: 2… Mon → 3
      ],
      { config },
    );
    expect(brief(alerts)).toEqual([['milestone_due_soon', 'IMP-2', OWNER]]);
  });

  it('is not raised for a late milestone (late wins) nor a milestone already past due', () => {
    const alerts = alertsOf([
      { key: 'IMP-2', type: 'Milestone', duedate: '2026-07-01', custom: { 'Baseline Due': '2026-06-01' } },
      { key: 'IMP-3', type: 'Milestone', duedate: '2026-06-29', custom: { 'Baseline Due': '2026-07-10' } },
    ]);
    expect(brief(alerts)).toEqual([['milestone_late', 'IMP-2', OWNER]]);
  });
});

describe('what never raises alerts', () => {
  it('a done implementation is silent, children and all', () => {
    const alerts = alertsOf([{ key: 'IMP-2', type: 'Risk', duedate: '2026-06-01' }], {
      implementation: { ...done('2026-06-20T10:00:00.000+0000') },
    });
    expect(alerts).toEqual([]);
  });

  it('an issue created after asOf does not exist', () => {
    const alerts = alertsOf([
      { key: 'IMP-2', type: 'Risk', duedate: '2026-06-01', created: '2026-07-01T09:00:00.000+0000' },
    ]);
    expect(alerts).toEqual([]);
  });

  it('a rule switched off in the config', () => {
    const config = defaultConfig();
    config.alerts.rules.raid_overdue = false;
    expect(alertsOf([{ key: 'IMP-2', type: 'Risk', duedate: '2026-06-01' }], { config })).toEqual([]);
  });
});

describe('gate rules (app data)', () => {
  const model = (): ImplementationModel =>
    modelOf(
      anImplementation({
        key: 'IMP-1',
        fields: person(OWNER),
        children: [{ key: 'IMP-9', type: 'Gate', custom: { 'Gate Type': 'UAT Readiness' } }],
      }),
    );
  const gate = (over: Partial<GateResult>): GateResult => ({
    id: 'uatReadiness',
    name: 'UAT Readiness',
    status: 'awaitingApproval',
    passed: false,
    criteriaMet: true,
    criteria: [],
    approvers: { users: [ALICE, 'acc-bob'], groups: ['delivery-leads'] },
    approvalCount: 0,
    requiredApprovals: 2,
    approvals: [{ by: { accountId: 'acc-bob' }, at: '2026-06-29T10:00:00Z', comment: '' }],
    rejections: [],
    override: null,
    evidence: [],
    gateIssue: { key: 'IMP-9', done: false, status: 'To Do' },
    gateIssueAction: null,
    ...over,
  });
  const members = () => [ALICE, 'acc-bob', 'acc-carol', ALICE];

  it('gate_ready_for_approval goes to each approver who has not signed (groups expanded, once each)', () => {
    const m = model();
    const facts = gateAlertFacts(
      m.implementations[0],
      [gate({})],
      members,
      new Map([['uatReadiness', '2026-06-29']]),
    );
    const alerts = computeAlerts(m.implementations, { asOf: AS_OF, config: defaultConfig(), gates: facts });
    expect(brief(alerts)).toEqual([
      ['gate_ready_for_approval', 'IMP-9', ALICE],
      ['gate_ready_for_approval', 'IMP-9', 'acc-carol'],
    ]);
  });

  it('a gate not ready (criteria fail, or passed) raises nothing', () => {
    const m = model();
    for (const g of [
      gate({ criteriaMet: false, status: 'notReady' }),
      gate({ passed: true, status: 'passed' }),
    ]) {
      const facts = gateAlertFacts(m.implementations[0], [g], members, new Map());
      expect(
        computeAlerts(m.implementations, { asOf: AS_OF, config: defaultConfig(), gates: facts }),
      ).toEqual([]);
    }
  });

  it('gate_waiting tells the owner once it has been ready for more than gateWaitingDays calendar days', () => {
    const m = model();
    const at = (since: string) =>
      brief(
        computeAlerts(m.implementations, {
          asOf: AS_OF,
          config: defaultConfig(),
          gates: gateAlertFacts(
            m.implementations[0],
            [gate({})],
            () => [],
            new Map([['uatReadiness', since]]),
          ),
        }),
      );
    expect(at('2026-06-27')).toEqual([]); // 3 days: not more than 3
    expect(at('2026-06-26')).toEqual([['gate_waiting', 'IMP-9', OWNER]]);
  });

  it("a ready gate with no approvers configured tells the implementation's owner (alerts.md is silent)", () => {
    const m = model();
    const alone = (approvers: GateResult['approvers'], groupMembers: string[]) =>
      computeAlerts(m.implementations, {
        asOf: AS_OF,
        config: defaultConfig(),
        gates: gateAlertFacts(
          m.implementations[0],
          [gate({ approvers, approvals: [] })],
          () => groupMembers,
          new Map([['uatReadiness', '2026-06-29']]),
        ),
      });
    const none = alone({ users: [], groups: [] }, []);
    expect(brief(none)).toEqual([['gate_ready_for_approval', 'IMP-9', OWNER]]);
    expect(none[0]?.detail).toMatch(/^UAT Readiness is ready for approval but has no approvers configured/);
    // only groups, and nobody in them: the same
    expect(brief(alone({ users: [], groups: ['empty-group'] }, []))).toEqual([
      ['gate_ready_for_approval', 'IMP-9', OWNER],
    ]);
    // an approver named: the approver, not the owner
    expect(brief(alone({ users: [], groups: ['delivery-leads'] }, [ALICE]))).toEqual([
      ['gate_ready_for_approval', 'IMP-9', ALICE],
    ]);
  });

  it('a gate with no approvers and no owner is still listed, recipient null', () => {
    const m = modelOf(
      anImplementation({
        key: 'IMP-1',
        children: [{ key: 'IMP-9', type: 'Gate', custom: { 'Gate Type': 'UAT Readiness' } }],
      }),
    );
    const alerts = computeAlerts(m.implementations, {
      asOf: AS_OF,
      config: defaultConfig(),
      gates: gateAlertFacts(
        m.implementations[0],
        [gate({ approvers: { users: [], groups: [] }, approvals: [] })],
        () => [],
        new Map(),
      ),
    });
    expect(brief(alerts)).toEqual([['gate_ready_for_approval', 'IMP-9', null]]);
  });
});

describe('order and digests', () => {
  it('sorts by rule, then implementation key, then issue key by project and number', () => {
    const issues = [
      ...anImplementation({
        key: 'IMP-10',
        fields: person(OWNER),
        children: [
          { key: 'IMP-12', type: 'Risk', duedate: '2026-06-01' },
          { key: 'IMP-11', type: 'Milestone', duedate: '2026-06-01' },
        ],
      }),
      ...anImplementation({
        key: 'IMP-2',
        fields: person(ALICE),
        children: [
          { key: 'IMP-100', type: 'Risk', duedate: '2026-06-01' },
          { key: 'IMP-99', type: 'Risk', duedate: '2026-06-01' },
        ],
      }),
    ];
    const alerts = computeAlerts(modelOf(issues).implementations, { asOf: AS_OF, config: defaultConfig() });
    expect(alerts.map((a) => [a.rule, a.implementation, a.issue])).toEqual([
      ['raid_overdue', 'IMP-2', 'IMP-99'],
      ['raid_overdue', 'IMP-2', 'IMP-100'],
      ['raid_overdue', 'IMP-10', 'IMP-12'],
      ['milestone_late', 'IMP-10', 'IMP-11'],
    ]);
    const report = alertsReport(AS_OF, alerts);
    expect(Object.keys(report)).toEqual(['asOf', 'alerts', 'digests']);
    expect(Object.keys(report.alerts[0])).toEqual(['rule', 'issue', 'implementation', 'recipient']);
    expect(report.digests).toEqual(
      [
        { recipient: OWNER, alerts: [report.alerts[2], report.alerts[3]] },
        { recipient: ALICE, alerts: [report.alerts[0], report.alerts[1]] },
      ].sort((a, b) => (a.recipient < b.recipient ? -1 : 1)),
    );
  });

  it('one digest per recipient; alerts without a recipient are in no digest', () => {
    const alerts = alertsOf([{ key: 'IMP-2', type: 'Risk', duedate: '2026-06-01' }], { owner: null });
    expect(groupDigests(alerts)).toEqual([]);
  });

  it('the digest message lists every alert, with summaries escaped in HTML', () => {
    const alerts = alertsOf([
      { key: 'IMP-2', type: 'Risk', duedate: '2026-06-01', summary: 'Vendor <script>' },
      { key: 'IMP-3', type: 'Milestone', duedate: '2026-07-01' },
    ]);
    const [digest] = groupDigests(alerts);
    const message = renderDigest(digest, AS_OF, 'https://acme.atlassian.net/');
    expect(message.subject).toBe('Runway: 2 things need you (2026-06-30)');
    expect(message.textBody).toContain('IMP-2 Vendor <script>');
    expect(message.htmlBody).toContain('Vendor &lt;script&gt;');
    expect(message.htmlBody).not.toContain('<script>');
    expect(message.htmlBody).toContain('href="https://acme.atlassian.net/browse/IMP-3"');
  });
});
