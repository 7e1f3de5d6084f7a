// The status report reads as sentences: counts with singular or plural nouns, zero counts left
// out, and "Nothing changed in this period" when nothing did.
import { buildImplementations, defaultConfig, type JiraIssue } from '../../../src/domain';
import {
  assembleStatusReport,
  changesSummary,
  type PeriodChange,
  type StatusPeriod,
} from '../../../src/domain/status';
import { plainText } from '../../builders/document';
import {
  anImplementation,
  done,
  dueDateChange,
  history,
  TEST_NAMES,
  type IssueSpec,
} from '../../builders/jira';

const period: StatusPeriod = { since: '2026-06-08', asOf: '2026-06-14' };
const milestoneDone = (issue: string): PeriodChange => ({
  type: 'milestoneDone',
  date: '2026-06-10',
  issue,
  summary: issue,
  dueDate: null,
});
const dueMoved: PeriodChange = {
  type: 'dueMoved',
  date: '2026-06-11',
  issue: 'IMP-4',
  summary: 'UAT',
  kind: 'milestone',
  from: '2026-06-20',
  to: '2026-06-27',
};
const gate = (type: 'gatePassed' | 'gateRejected'): PeriodChange => ({
  type,
  date: '2026-06-12',
  issue: null,
  gate: 'Design Sign-off',
  by: null,
});

describe('the "What changed" summary', () => {
  it('says each kind that happened, singular or plural, and leaves out the ones that did not', () => {
    expect(changesSummary([milestoneDone('IMP-2'), milestoneDone('IMP-3'), dueMoved], period)).toBe(
      '2 milestones done, 1 due date moved (2026-06-08 to 2026-06-14, 7 days).',
    );
  });

  it('never writes "(s)" nor a zero count', () => {
    const said = changesSummary([gate('gatePassed'), gate('gateRejected'), gate('gateRejected')], period);
    expect(said).toBe('1 gate passed, 2 gates rejected (2026-06-08 to 2026-06-14, 7 days).');
    expect(said).not.toMatch(/\(s\)|\b0 /);
  });

  it('says "Nothing changed in this period" when the period is empty of changes', () => {
    expect(changesSummary([], { since: '2026-06-14', asOf: '2026-06-14' })).toBe(
      'Nothing changed in this period (2026-06-14 to 2026-06-14, 1 day).',
    );
  });
});

describe('the report says it in those words', () => {
  const at = (d: string) => `${d}T10:00:00.000+0000`;
  const config = defaultConfig();
  const report = (children: IssueSpec[]) => {
    const issues: JiraIssue[] = anImplementation({ key: 'IMP-1', summary: 'Acme rollout', children });
    const impl = buildImplementations(issues, TEST_NAMES, { asOf: period.asOf, config }).implementations[0];
    if (impl === undefined) throw new Error('no implementation');
    const doc = assembleStatusReport(impl, { ...period, config, issues });
    const changes = doc.sections.find((s) => s.id === 'changes');
    const first = changes?.blocks[0];
    return first?.type === 'paragraph' ? plainText(first.content) : '';
  };

  it('in the What changed section, from the issue history', () => {
    expect(
      report([
        { key: 'IMP-2', type: 'Milestone', duedate: '2026-06-10', ...done(at('2026-06-09')) },
        {
          key: 'IMP-3',
          type: 'Milestone',
          duedate: '2026-06-30',
          histories: [history(at('2026-06-11'), dueDateChange('2026-06-20', '2026-06-30'))],
        },
      ]),
    ).toBe('1 milestone done, 1 due date moved (2026-06-08 to 2026-06-14, 7 days).');
    expect(report([])).toBe('Nothing changed in this period (2026-06-08 to 2026-06-14, 7 days).');
  });
});
