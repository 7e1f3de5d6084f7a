import {
  dueDateChange,
  anImplementation,
  done,
  history,
  resolutionCleared,
  resolutionSet,
  statusChange,
  type IssueSpec,
} from '../builders/jira';
import { kpisOf, reportOf } from '../builders/report';

const milestone = (spec: IssueSpec): IssueSpec => ({ type: 'Milestone', ...spec });

describe('on-time milestones', () => {
  it('counts done milestones against baseline due + tolerance, and open ones past baseline as late', () => {
    const issues = anImplementation({
      children: [
        milestone({ custom: { 'Baseline Due': '2026-03-01' }, ...done('2026-03-01T18:00:00.000+0000') }), // on time
        milestone({ custom: { 'Baseline Due': '2026-03-01' }, ...done('2026-03-03T09:00:00.000+0000') }), // late
        milestone({ custom: { 'Baseline Due': '2026-06-29' } }), // open, past baseline: late
        milestone({ custom: { 'Baseline Due': '2026-06-30' } }), // open, not yet due: not counted
      ],
    });
    expect(kpisOf(reportOf(issues)).on_time_milestone_rate).toBeCloseTo(1 / 3, 12);
    expect(reportOf(issues).portfolio.on_time_milestone_rate.n).toBe(3);
    expect(
      kpisOf(reportOf(issues, { config: { milestoneToleranceDays: 2 } })).on_time_milestone_rate,
    ).toBeCloseTo(2 / 3, 12);
  });

  it('takes the baseline from Baseline Due, else the first due date in the changelog, else the current due date', () => {
    const moved = milestone({
      duedate: '2026-03-20',
      ...done('2026-03-15T10:00:00.000+0000'),
      histories: [
        history('2026-02-01T10:00:00.000+0000', dueDateChange('2026-03-10', '2026-03-20')),
        history('2026-02-15T10:00:00.000+0000', dueDateChange('2026-03-20', '2026-03-25')),
      ],
    });
    expect(kpisOf(reportOf(anImplementation({ children: [moved] }))).on_time_milestone_rate).toBe(0); // baseline 10 March
    const firstSet = milestone({
      duedate: '2026-03-20',
      ...done('2026-03-15T10:00:00.000+0000'),
      histories: [
        history('2026-02-01T10:00:00.000+0000', dueDateChange(null, '2026-03-16')),
        history('2026-02-02T10:00:00.000+0000', dueDateChange('2026-03-16', '2026-03-20')),
      ],
    });
    expect(kpisOf(reportOf(anImplementation({ children: [firstSet] }))).on_time_milestone_rate).toBe(1); // baseline 16 March
    const field = milestone({ ...moved, custom: { 'Baseline Due': '2026-03-31' } });
    expect(kpisOf(reportOf(anImplementation({ children: [field] }))).on_time_milestone_rate).toBe(1);
    const current = milestone({ duedate: '2026-03-14', ...done('2026-03-15T10:00:00.000+0000') });
    expect(kpisOf(reportOf(anImplementation({ children: [current] }))).on_time_milestone_rate).toBe(0);
  });

  it('ignores due date changes made after asOf when finding the baseline', () => {
    const m = milestone({
      duedate: '2026-06-01',
      histories: [history('2026-07-02T10:00:00.000+0000', dueDateChange('2026-07-30', '2026-06-01'))],
    });
    expect(kpisOf(reportOf(anImplementation({ children: [m] }))).on_time_milestone_rate).toBe(0); // baseline = current 1 June, open: late
  });

  it('leaves out, with a warning naming the milestone, one without a baseline or done without a resolution date', () => {
    const issues = anImplementation({
      children: [
        milestone({ key: 'M-1', ...done('2026-03-01T10:00:00.000+0000') }),
        milestone({ key: 'M-2', duedate: '2026-03-01', status: 'Done', statusCategory: 'done' }),
      ],
    });
    const impl = reportOf(issues).implementations[0];
    expect(impl.kpis.on_time_milestone_rate).toBeNull();
    expect(impl.warnings.map((w) => [w.issue, w.code])).toEqual([
      ['M-1', 'NO_BASELINE_DUE'],
      ['M-2', 'NO_RESOLUTION_DATE'],
    ]);
  });
});

describe('rework: a reopen is the resolution going from a value to empty', () => {
  it('counts work items reopened at least once over work items ever done', () => {
    const reopened: IssueSpec = {
      ...done('2026-03-05T10:00:00.000+0000'),
      histories: [
        history('2026-03-01T10:00:00.000+0000', statusChange('In Progress', 'Done'), resolutionSet()),
        history('2026-03-02T10:00:00.000+0000', statusChange('Done', 'Reopened'), resolutionCleared()),
        history('2026-03-05T10:00:00.000+0000', statusChange('Reopened', 'Done'), resolutionSet()),
      ],
    };
    const stillOpen: IssueSpec = {
      status: 'Reopened',
      histories: [history('2026-03-02T10:00:00.000+0000', resolutionCleared())],
    };
    const statusOnly: IssueSpec = {
      ...done('2026-03-05T10:00:00.000+0000'),
      histories: [history('2026-03-02T10:00:00.000+0000', statusChange('Done', 'In Progress'))], // no resolution item: not a reopen
    };
    const neverDone: IssueSpec = { status: 'In Progress' };
    const r = reportOf(
      anImplementation({
        children: [
          reopened,
          stillOpen,
          statusOnly,
          neverDone,
          milestone({ histories: [history('2026-03-02T10:00:00.000+0000', resolutionCleared())] }),
        ],
      }),
    );
    expect(kpisOf(r).rework_rate).toBeCloseTo(2 / 3, 12);
    expect(r.portfolio.rework_rate.n).toBe(3);
  });

  it('reads v2 changelog items, which have no fieldId', () => {
    const v2 = {
      field: 'resolution',
      fieldtype: 'jira',
      from: '1',
      fromString: 'Fixed',
      to: null,
      toString: null,
    };
    const r = reportOf(
      anImplementation({
        children: [{ status: 'Reopened', histories: [history('2026-03-02T10:00:00.000-0500', v2)] }],
      }),
    );
    expect(kpisOf(r).rework_rate).toBe(1);
  });
});

describe('UAT first pass', () => {
  it('counts done uat items never set to a failed status and never reopened', () => {
    const ok: IssueSpec = { labels: ['uat'], ...done('2026-03-05T10:00:00.000+0000') };
    const failedOnce: IssueSpec = {
      labels: ['UAT'],
      ...done('2026-03-05T10:00:00.000+0000'),
      histories: [history('2026-03-01T10:00:00.000+0000', statusChange('In UAT', 'Failed'))],
    };
    const reopened: IssueSpec = {
      labels: ['uat'],
      ...done('2026-03-05T10:00:00.000+0000'),
      histories: [history('2026-03-01T10:00:00.000+0000', resolutionCleared())],
    };
    const open: IssueSpec = { labels: ['uat'], status: 'In UAT' };
    const r = reportOf(anImplementation({ children: [ok, failedOnce, reopened, open] }));
    expect(kpisOf(r).uat_first_pass_rate).toBeCloseTo(1 / 3, 12);
    expect(r.portfolio.uat_first_pass_rate.n).toBe(3);
  });
});

describe('scope changes', () => {
  it('counts change requests approved by status Approved or resolution Approved / Done', () => {
    const cr = (spec: IssueSpec): IssueSpec => ({ type: 'Change Request', ...spec });
    const issues = anImplementation({
      children: [
        cr({ status: 'Approved' }),
        cr({ ...done('2026-03-01T10:00:00.000+0000', 'Approved'), status: 'Closed' }),
        cr({ ...done('2026-03-01T10:00:00.000+0000') }),
        cr({ ...done('2026-03-01T10:00:00.000+0000', "Won't Do"), status: 'Rejected' }),
        cr({ status: 'Under Review' }),
      ],
    });
    expect(kpisOf(reportOf(issues)).scope_change_count).toBe(3);
  });

  it('is 0, never null, without change requests', () => {
    expect(kpisOf(reportOf(anImplementation())).scope_change_count).toBe(0);
    expect(kpisOf(reportOf(anImplementation())).escalation_count).toBe(0);
  });
});

describe('post-go-live defects: created in [goLive, goLive + 30 days)', () => {
  const defect = (created: string, spec: IssueSpec = {}): IssueSpec => ({ type: 'Bug', created, ...spec });
  const issues = anImplementation({
    custom: { 'Go-Live Date': '2026-04-01' },
    children: [
      defect('2026-03-31T23:00:00.000+0000', { labels: ['implementation-caused'], priority: 'Highest' }), // before
      defect('2026-04-01T00:10:00.000+0200', { labels: ['implementation-caused'], priority: 'Highest' }), // day 0
      defect('2026-04-30T23:59:00.000-0700', { labels: ['implementation-caused'], priority: 'High' }), // day 29
      defect('2026-05-01T00:00:00.000+0000', { labels: ['implementation-caused'], priority: 'Highest' }), // day 30: out
      {
        type: 'Task',
        created: '2026-04-02T10:00:00.000+0000',
        labels: ['implementation-caused'],
        priority: 'Highest',
      }, // not a defect
      defect('2026-04-03T10:00:00.000+0000', { type: 'Incident', priority: 'High' }),
    ],
  });

  it('counts implementation-caused defects, P1 (Highest) and P2 (High) in the window', () => {
    const k = kpisOf(reportOf(issues));
    expect([k.defect_escape_count, k.post_golive_p1_count, k.post_golive_p2_count]).toEqual([2, 1, 2]);
  });

  it('is null for all three without a go-live', () => {
    const k = kpisOf(reportOf(anImplementation({ children: [defect('2026-04-03T10:00:00.000+0000')] })));
    expect([k.defect_escape_count, k.post_golive_p1_count, k.post_golive_p2_count]).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe('integration and migration numbers', () => {
  it('pools runs and records over the labelled items that have them', () => {
    const issues = anImplementation({
      children: [
        { labels: ['integration'], custom: { 'Integration Runs': 100, 'Failed Runs': 2 } },
        { labels: ['integration'], custom: { 'Integration Runs': 300 } }, // no failures recorded
        { labels: ['integration'] }, // not run yet: not in the denominator
        { labels: ['migration'], custom: { 'Records Expected': 1000, 'Records Reconciled': 990 } },
        { labels: ['migration'], custom: { 'Records Expected': '1000', 'Records Reconciled': '1000' } }, // numbers as text
      ],
    });
    const r = reportOf(issues);
    expect(kpisOf(r).integration_success_rate).toBeCloseTo(1 - 2 / 400, 12);
    expect(kpisOf(r).reconciliation_accuracy).toBeCloseTo(1990 / 2000, 12);
    expect([r.portfolio.integration_success_rate.n, r.portfolio.reconciliation_accuracy.n]).toEqual([2, 2]);
  });

  it('leaves out contradictory counts with a warning naming the item', () => {
    const r = reportOf(
      anImplementation({
        children: [
          { key: 'W-1', labels: ['integration'], custom: { 'Integration Runs': 5, 'Failed Runs': 9 } },
        ],
      }),
    );
    expect(kpisOf(r).integration_success_rate).toBeNull();
    expect(r.implementations[0].warnings).toEqual([
      expect.objectContaining({ issue: 'W-1', code: 'BAD_NUMBERS' }),
    ]);
  });
});

describe('handover: documentation completeness and first pass', () => {
  const gate = (spec: IssueSpec): IssueSpec => ({
    type: 'Gate',
    custom: { 'Gate Type': 'Handover' },
    ...spec,
  });
  const deliverables: IssueSpec[] = [
    { labels: ['deliverable'], ...done('2026-04-01T10:00:00.000+0000') },
    { labels: ['deliverable'], ...done('2026-04-20T10:00:00.000+0000') }, // after the handover
    { labels: ['deliverable'] },
  ];

  it('counts deliverables done by the handover gate’s resolution date when it is done, else by asOf', () => {
    const passed = anImplementation({
      children: [...deliverables, gate(done('2026-04-10T10:00:00.000+0000'))],
    });
    expect(kpisOf(reportOf(passed)).documentation_completeness).toBeCloseTo(1 / 3, 12);
    const pending = anImplementation({ children: [...deliverables, gate({ status: 'In Review' })] });
    expect(kpisOf(reportOf(pending)).documentation_completeness).toBeCloseTo(2 / 3, 12);
  });

  it('scores first pass 1 when passed straight, 0 after a failure or a reopen, null when not done', () => {
    const first = (g: IssueSpec) =>
      kpisOf(reportOf(anImplementation({ children: [gate(g)] }))).handover_first_pass;
    expect(first(done('2026-04-10T10:00:00.000+0000'))).toBe(1);
    expect(
      first({
        ...done('2026-04-10T10:00:00.000+0000'),
        histories: [history('2026-04-05T10:00:00.000+0000', statusChange('In Review', 'Failed'))],
      }),
    ).toBe(0);
    expect(
      first({
        ...done('2026-04-10T10:00:00.000+0000'),
        histories: [history('2026-04-05T10:00:00.000+0000', resolutionCleared())],
      }),
    ).toBe(0);
    expect(first({ status: 'In Review' })).toBeNull();
    expect(
      kpisOf(
        reportOf(
          anImplementation({
            children: [
              {
                type: 'Gate',
                custom: { 'Gate Type': 'UAT Readiness' },
                ...done('2026-04-10T10:00:00.000+0000'),
              },
            ],
          }),
        ),
      ).handover_first_pass,
    ).toBeNull();
  });
});

describe('effort variance, CSAT, escalations and playbook reuse', () => {
  it('pools time spent against original estimates over the implementation and its children that have one', () => {
    const issues = anImplementation({
      originalEstimate: 3600,
      timeSpent: 7200,
      children: [{ originalEstimate: 3600, timeSpent: 0 }, { originalEstimate: 7200 }, { timeSpent: 99999 }],
    });
    const r = reportOf(issues);
    expect(kpisOf(r).effort_variance).toBeCloseTo((7200 - 14400) / 14400, 12);
    expect(r.portfolio.effort_variance.n).toBe(3);
  });

  it('reads CSAT, refusing a value outside 1–5 with a warning', () => {
    expect(kpisOf(reportOf(anImplementation({ custom: { CSAT: 4.5 } }))).csat).toBe(4.5);
    const r = reportOf(anImplementation({ key: 'IMP-5', custom: { CSAT: 9 } }));
    expect(kpisOf(r).csat).toBeNull();
    expect(r.implementations[0].warnings).toEqual([
      expect.objectContaining({ issue: 'IMP-5', code: 'BAD_CSAT' }),
    ]);
  });

  it('counts children labelled escalation, whatever their type', () => {
    const issues = anImplementation({
      children: [
        { labels: ['escalation'] },
        { type: 'Risk', labels: ['Escalation'] },
        { labels: ['blocked'] },
      ],
    });
    expect(kpisOf(reportOf(issues)).escalation_count).toBe(2);
  });

  it('scores playbook reuse 1 for a label starting playbook:, else 0', () => {
    expect(
      kpisOf(reportOf(anImplementation({ labels: ['implementation', 'Playbook:sso'] }))).asset_reuse,
    ).toBe(1);
    expect(kpisOf(reportOf(anImplementation())).asset_reuse).toBe(0);
  });
});
