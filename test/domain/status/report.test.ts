import { buildImplementations, defaultConfig, type JiraIssue } from '../../../src/domain';
import type { GateView, StructuredDocument, TableBlock } from '../../../src/domain/playbooks';
import {
  assembleStatusReport,
  periodChanges,
  STATUS_SECTIONS,
  statusPeriodProblem,
  type PeriodChange,
  isoWeek,
} from '../../../src/domain/status';
import { plainText, tablesOf } from '../../builders/document';
import {
  anImplementation,
  done,
  dueDateChange,
  history,
  statusChange,
  TEST_NAMES,
  type IssueSpec,
} from '../../builders/jira';

const config = defaultConfig();
const SINCE = '2026-06-08';
const AS_OF = '2026-06-14';
const at = (d: string) => `${d}T10:00:00.000+0000`;

function model(children: IssueSpec[], own: IssueSpec = {}) {
  const issues: JiraIssue[] = anImplementation({
    key: 'IMP-1',
    summary: 'Acme rollout',
    custom: { 'Kickoff Date': '2026-03-01' },
    ...own,
    children,
  });
  const impl = buildImplementations(issues, TEST_NAMES, { asOf: AS_OF, config }).implementations[0];
  if (impl === undefined) throw new Error('no implementation');
  return { impl, issues };
}

function changes(children: IssueSpec[], gates?: GateView[]): PeriodChange[] {
  const { impl, issues } = model(children);
  return periodChanges(impl, issues, gates ?? [], { since: SINCE, asOf: AS_OF }, config);
}

const probabilityChange = (from: string, to: string) => ({
  field: 'Probability',
  fieldtype: 'custom',
  fieldId: 'customfield_10008',
  from: '1',
  fromString: from,
  to: '2',
  toString: to,
});

describe('what changed in the period, from the issue history', () => {
  it('a milestone done in the period; not one done before it', () => {
    const c = changes([
      { key: 'IMP-2', type: 'Milestone', duedate: '2026-06-10', ...done(at('2026-06-09')) },
      { key: 'IMP-3', type: 'Milestone', duedate: '2026-06-01', ...done(at('2026-06-01')) },
    ]);
    expect(c).toEqual([
      {
        type: 'milestoneDone',
        date: '2026-06-09',
        issue: 'IMP-2',
        summary: 'Issue IMP-2',
        dueDate: '2026-06-10',
      },
    ]);
  });

  it('a due date moved in the period, old → new; moves before the period or after asOf are not', () => {
    const c = changes([
      {
        key: 'IMP-2',
        type: 'Milestone',
        duedate: '2026-07-20',
        histories: [
          history(at('2026-06-01'), dueDateChange('2026-06-20', '2026-06-25')),
          history(at('2026-06-10'), dueDateChange('2026-06-25', '2026-07-05')),
          history(at('2026-06-20'), dueDateChange('2026-07-05', '2026-07-20')),
        ],
      },
    ]);
    expect(c).toEqual([
      {
        type: 'dueMoved',
        date: '2026-06-10',
        issue: 'IMP-2',
        summary: 'Issue IMP-2',
        kind: 'milestone',
        from: '2026-06-25',
        to: '2026-07-05',
      },
    ]);
  });

  it('RAID items opened and closed in the period', () => {
    const c = changes([
      { key: 'IMP-2', type: 'Risk', created: at('2026-06-08') },
      { key: 'IMP-3', type: 'Issue', created: at('2026-05-01'), ...done(at('2026-06-14')) },
      { key: 'IMP-4', type: 'Risk', created: at('2026-05-01'), ...done(at('2026-06-15')) },
    ]);
    expect(c.map((x) => [x.type, x.date, 'issue' in x ? x.issue : null])).toEqual([
      ['raidOpened', '2026-06-08', 'IMP-2'],
      ['raidClosed', '2026-06-14', 'IMP-3'],
    ]);
  });

  it('a RAID item rescored: the score at the start and at the end of the period', () => {
    const c = changes([
      {
        key: 'IMP-2',
        type: 'Risk',
        created: at('2026-05-01'),
        custom: { Probability: '2', Impact: '4' },
        histories: [
          history(at('2026-06-09'), probabilityChange('3', '5')),
          history(at('2026-06-20'), probabilityChange('5', '2')),
        ],
      },
      // rescored there and back inside the period: no change of score
      {
        key: 'IMP-3',
        type: 'Risk',
        created: at('2026-05-01'),
        custom: { Probability: '3', Impact: '3' },
        histories: [
          history(at('2026-06-09'), probabilityChange('3', '4')),
          history(at('2026-06-10'), probabilityChange('4', '3')),
        ],
      },
    ]);
    expect(c).toEqual([
      {
        type: 'raidRescored',
        date: '2026-06-09',
        issue: 'IMP-2',
        summary: 'Issue IMP-2',
        kind: 'risk',
        from: 12,
        to: 20,
        detail: 'Probability 3 → 5',
      },
    ]);
  });

  it('gates passed or rejected, from the Gate issues when there is no audit record', () => {
    const c = changes(
      [
        {
          key: 'IMP-2',
          type: 'Gate',
          custom: { 'Gate Type': 'Design Sign-off' },
          ...done(at('2026-06-12')),
        },
        {
          key: 'IMP-3',
          type: 'Gate',
          custom: { 'Gate Type': 'UAT Readiness' },
          status: 'Failed',
          histories: [history(at('2026-06-11'), statusChange('In Progress', 'Failed'))],
        },
      ],
      undefined,
    );
    // no gate views given: periodChanges sees none; the report passes the Gate issues' views
    expect(c).toEqual([]);
    const { impl, issues } = model([
      { key: 'IMP-2', type: 'Gate', custom: { 'Gate Type': 'Design Sign-off' }, ...done(at('2026-06-12')) },
      {
        key: 'IMP-3',
        type: 'Gate',
        custom: { 'Gate Type': 'UAT Readiness' },
        status: 'Failed',
        histories: [history(at('2026-06-11'), statusChange('In Progress', 'Failed'))],
      },
    ]);
    const doc = assembleStatusReport(impl, { asOf: AS_OF, since: SINCE, config, issues });
    const rows = table(doc, 'changes').rows.map((r) => r.map((cell) => plainText(cell)));
    expect(rows).toEqual([
      ['2026-06-11', 'Gate rejected', 'IMP-3 UAT Readiness', 'UAT Readiness'],
      ['2026-06-12', 'Gate passed', 'IMP-2 Design Sign-off', 'Design Sign-off'],
    ]);
  });

  it('gates passed or rejected, from the sign-offs of the audit record', () => {
    const view = (over: Partial<GateView>): GateView => ({
      key: 'designSignOff',
      name: 'Design Sign-off',
      state: 'passed',
      issueKey: null,
      criteria: [],
      signOffs: [],
      evidence: [],
      ...over,
    });
    const c = changes(
      [],
      [
        view({
          signOffs: [
            { by: 'Ana', at: '2026-06-09', decision: 'rejected' },
            { by: 'Ben', at: '2026-06-13', decision: 'approved' },
          ],
        }),
        view({
          key: 'uatReadiness',
          name: 'UAT Readiness',
          state: 'passed',
          signOffs: [{ by: 'Ana', at: '2026-06-01', decision: 'approved' }],
        }),
      ],
    );
    expect(c).toEqual([
      { type: 'gateRejected', date: '2026-06-09', issue: null, gate: 'Design Sign-off', by: 'Ana' },
      { type: 'gatePassed', date: '2026-06-13', issue: null, gate: 'Design Sign-off', by: 'Ben' },
    ]);
  });

  it('change requests approved in the period, by the move into an approved status', () => {
    const c = changes([
      {
        key: 'IMP-2',
        type: 'Change Request',
        status: 'Approved',
        statusCategory: 'indeterminate',
        histories: [history(at('2026-06-10'), statusChange('In Review', 'Approved'))],
      },
      {
        key: 'IMP-3',
        type: 'Change Request',
        status: 'Approved',
        statusCategory: 'indeterminate',
        histories: [history(at('2026-05-10'), statusChange('In Review', 'Approved'))],
      },
      { key: 'IMP-4', type: 'Change Request', status: 'In Review', statusCategory: 'indeterminate' },
    ]);
    expect(c).toEqual([
      { type: 'changeApproved', date: '2026-06-10', issue: 'IMP-2', summary: 'Issue IMP-2' },
    ]);
  });
});

function table(doc: StructuredDocument, id: string): TableBlock {
  const t = tablesOf(doc).find((x) => x.id === id);
  if (t === undefined) throw new Error(`no table ${id}`);
  return t;
}
const texts = (t: TableBlock) => t.rows.map((r) => r.map((cell) => plainText(cell)));

describe('the status report', () => {
  const { impl, issues } = model([
    {
      key: 'IMP-2',
      type: 'Milestone',
      summary: 'Go live',
      labels: ['go-live'],
      duedate: '2026-06-26',
      custom: { 'Baseline Due': '2026-06-20' },
    },
    { key: 'IMP-3', type: 'Milestone', summary: 'UAT done', duedate: '2026-06-14' },
    { key: 'IMP-4', type: 'Milestone', summary: 'Far away', duedate: '2026-07-30' },
    { key: 'IMP-5', type: 'Risk', summary: 'Vendor late', custom: { Probability: '5', Impact: '4' } },
    { key: 'IMP-6', type: 'Risk', summary: 'Small', custom: { Probability: '1', Impact: '2' } },
    {
      key: 'IMP-7',
      type: 'Risk',
      summary: 'Closed',
      custom: { Probability: '5', Impact: '5' },
      ...done(at('2026-06-01')),
    },
    { key: 'IMP-8', type: 'Issue', summary: 'Customer blocked', labels: ['escalation'] },
    {
      key: 'IMP-9',
      type: 'Change Request',
      summary: 'Extra report',
      status: 'In Review',
      statusCategory: 'indeterminate',
    },
  ]);
  const doc = assembleStatusReport(impl, { asOf: AS_OF, since: SINCE, config, issues });

  it('has its sections in order, titled with the period', () => {
    expect(doc.kind).toBe('status');
    expect(doc.sections.map((s) => s.id)).toEqual([...STATUS_SECTIONS]);
    expect(doc.title).toBe('Status report: IMP-1 Acme rollout (2026-06-08 to 2026-06-14)');
  });

  it('states the health and each reason', () => {
    const health = doc.sections[0];
    const words = JSON.stringify(health);
    expect(words).toContain('"Red"');
    expect(words).toContain('Vendor late');
  });

  it('lists milestones due in the next 14 days, with the slip against the baseline', () => {
    expect(texts(table(doc, 'upcoming'))).toEqual(
      [
        ['IMP-3 UAT done', 'Unassigned', '2026-06-14', '—', 'On baseline'],
        ['IMP-2 Go live', 'Unassigned', '2026-06-26', '2026-06-20', '6 days after baseline'],
      ].map((r) => r.map((c) => (c === '—' ? expect.any(String) : c))),
    );
  });

  it('lists the open risks, highest score first, not the closed ones', () => {
    expect(texts(table(doc, 'top-risks')).map((r) => [r[0], r[2]])).toEqual([
      ['IMP-5 Vendor late', '20'],
      ['IMP-6 Small', '2'],
    ]);
  });

  it('lists the decisions needed: escalations and pending change requests', () => {
    expect(texts(table(doc, 'decisions')).map((r) => [r[0], r[1]])).toEqual([
      ['IMP-8 Customer blocked', 'Escalated issue'],
      ['IMP-9 Extra report', 'Change request pending decision'],
    ]);
  });

  it('shows durations calendar and active side by side among the KPIs', () => {
    const labels = texts(table(doc, 'kpis')).map((r) => r[0]);
    const plain = labels.findIndex((l) => /time to live/i.test(l) && !/active/i.test(l));
    expect(plain).toBeGreaterThanOrEqual(0);
    expect(labels[plain + 1]).toMatch(/active/i);
  });

  it('states the forecast go-live against the baseline', () => {
    const rows = texts(table(doc, 'forecast'));
    expect(rows[0]).toEqual(['Forecast go-live', '2026-06-26']);
    expect(rows[1]).toEqual(['Baseline go-live', '2026-06-20']);
    expect(rows[2]?.[1]).toBe('Projected late by 6 days');
  });
});

describe('a period', () => {
  it('is refused when since is after asOf, or either is not a date, naming it', () => {
    expect(statusPeriodProblem('2026-06-15', '2026-06-14')).toBe(
      '--since 2026-06-15 is after --as-of 2026-06-14: the period would be empty',
    );
    expect(statusPeriodProblem('2026-13-01', '2026-06-14')).toContain('--since 2026-13-01');
    expect(statusPeriodProblem('2026-06-14', '2026-06-14')).toBeNull();
  });
});

describe('ISO weeks, which name the weekly status pages', () => {
  it.each([
    ['2026-12-06', '2026-W49'], // a Sunday: the end of week 49
    ['2026-11-30', '2026-W49'], // its Monday
    ['2026-12-07', '2026-W50'],
    ['2027-01-01', '2026-W53'], // a Friday: still in 2026's last week
    ['2026-01-01', '2026-W01'], // a Thursday
    ['2024-12-30', '2025-W01'], // a Monday in the next year's first week
  ])('%s is in %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});
