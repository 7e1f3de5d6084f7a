import { buildImplementations, defaultConfig, type Implementation } from '../../../src/domain';
import { gateProgress, implementationHealth } from '../../../src/domain/health';
import {
  anImplementation,
  done,
  statusChange,
  history,
  TEST_NAMES,
  type ImplementationSpec,
  type IssueSpec,
} from '../../builders/jira';

const AS_OF = '2026-06-30';
const config = defaultConfig();

function implementation(spec: ImplementationSpec, asOf = AS_OF): Implementation {
  return buildImplementations(anImplementation({ key: 'IMP-1', ...spec }), TEST_NAMES, { asOf, config })
    .implementations[0];
}
const healthOf = (spec: ImplementationSpec, asOf = AS_OF) =>
  implementationHealth(implementation(spec, asOf), asOf, config);

const milestone = (spec: IssueSpec): IssueSpec => ({ type: 'Milestone', ...spec });
const gate = (type: string, spec: IssueSpec = {}): IssueSpec => ({
  type: 'Gate',
  summary: `${type} gate`,
  custom: { 'Gate Type': type },
  ...spec,
});
const risk = (p: string, i: string, spec: IssueSpec = {}): IssueSpec => ({
  type: 'Risk',
  summary: `Risk ${p}×${i}`,
  custom: { Probability: p, Impact: i },
  ...spec,
});

describe('implementation health', () => {
  it('is green when no rule fires', () => {
    const h = healthOf({
      children: [
        milestone({ key: 'M-1', duedate: '2026-07-15', custom: { 'Baseline Due': '2026-07-15' } }),
        risk('2', '3'),
      ],
    });
    expect(h.health).toBe('green');
    expect(h.reasons).toEqual([]);
  });

  it('is red when the go-live milestone is past its baseline due date and not done', () => {
    const h = healthOf({
      children: [
        milestone({
          key: 'M-9',
          summary: 'Go-live',
          labels: ['go-live'],
          duedate: '2026-07-31',
          custom: { 'Baseline Due': '2026-06-20' },
        }),
      ],
    });
    expect(h.health).toBe('red');
    expect(h.reasons).toEqual([
      expect.objectContaining({ level: 'red', code: 'GO_LIVE_LATE', issue: 'M-9' }),
    ]);
    expect(h.reasons[0].message).toMatch(/due 2026-06-20/);
  });

  it('is red when a gate failed, naming the gate', () => {
    const h = healthOf({ children: [gate('UAT Readiness', { key: 'G-3', status: 'Rejected' })] });
    expect(h.health).toBe('red');
    expect(h.reasons).toEqual([
      expect.objectContaining({ code: 'GATE_FAILED', issue: 'G-3', message: 'Gate failed: UAT Readiness' }),
    ]);
  });

  it('is red when an open risk scores 20 or more, amber at 15–19, and ignores done risks', () => {
    expect(healthOf({ children: [risk('4', '5', { key: 'R-1' })] }).reasons).toEqual([
      expect.objectContaining({ level: 'red', code: 'CRITICAL_RISK', issue: 'R-1' }),
    ]);
    expect(healthOf({ children: [risk('3', '5', { key: 'R-2' })] }).health).toBe('amber');
    expect(healthOf({ children: [risk('5', '5', { ...done('2026-06-01T10:00:00.000+0000') })] }).health).toBe(
      'green',
    );
  });

  it('is amber when another milestone is late, or projected late (due date moved past the baseline)', () => {
    const late = healthOf({ children: [milestone({ key: 'M-1', duedate: '2026-06-01' })] });
    expect(late.health).toBe('amber');
    expect(late.reasons.map((r) => r.code)).toEqual(['MILESTONE_LATE']);
    const projected = healthOf({
      children: [milestone({ key: 'M-2', duedate: '2026-08-01', custom: { 'Baseline Due': '2026-07-15' } })],
    });
    expect(projected.health).toBe('amber');
    expect(projected.reasons[0]).toMatchObject({
      code: 'MILESTONE_PROJECTED_LATE',
      message: expect.stringContaining('2026-07-15 to 2026-08-01'),
    });
  });

  it('does not count a milestone done late as late any more', () => {
    expect(
      healthOf({
        children: [
          milestone({ labels: ['go-live'], duedate: '2026-06-01', ...done('2026-06-05T10:00:00.000+0000') }),
        ],
      }).health,
    ).toBe('green');
  });

  it('lists red reasons before amber ones', () => {
    const h = healthOf({
      children: [milestone({ key: 'M-1', duedate: '2026-06-01' }), risk('5', '4', { key: 'R-1' })],
    });
    expect(h.reasons.map((r) => r.level)).toEqual(['red', 'amber']);
  });
});

describe('what the implementations page shows besides health', () => {
  it('gives the next open milestone by due date, undated ones last', () => {
    const h = healthOf({
      children: [
        milestone({
          key: 'M-1',
          summary: 'Design',
          ...done('2026-05-01T10:00:00.000+0000'),
          duedate: '2026-05-01',
        }),
        milestone({ key: 'M-2', summary: 'Undated' }),
        milestone({ key: 'M-3', summary: 'UAT', duedate: '2026-08-01' }),
        milestone({ key: 'M-4', summary: 'Migration', duedate: '2026-07-10' }),
      ],
    });
    expect(h.nextMilestone).toEqual({ key: 'M-4', summary: 'Migration', dueDate: '2026-07-10', late: false });
    expect(healthOf({ children: [] }).nextMilestone).toBeNull();
  });

  it('counts gates passed out of the configured gate types, the latest gate of a type deciding', () => {
    const impl = implementation({
      children: [
        gate('Design Sign-off', { key: 'G-1', ...done('2026-03-01T10:00:00.000+0000') }),
        gate('UAT Readiness', { key: 'G-2', status: 'Rejected', created: '2026-04-01T10:00:00.000+0000' }),
        gate('UAT Readiness', {
          key: 'G-3',
          created: '2026-05-01T10:00:00.000+0000',
          ...done('2026-05-20T10:00:00.000+0000'),
        }),
      ],
    });
    const progress = gateProgress(impl, config);
    expect(progress).toMatchObject({ passed: 2, failed: 0, total: 6 });
    expect(progress.gates.map((g) => g.state)).toEqual([
      'passed',
      'missing',
      'passed',
      'missing',
      'missing',
      'missing',
    ]);
  });

  it('counts open high risks and measures time to live so far from kickoff', () => {
    const h = healthOf({
      custom: { 'Kickoff Date': '2026-04-01' },
      children: [risk('3', '5'), risk('4', '4'), risk('2', '2')],
    });
    expect(h.openHighRisks).toBe(2);
    expect(h).toMatchObject({ timeToLiveDays: 90, live: false });
    const live = healthOf({ custom: { 'Kickoff Date': '2026-04-01', 'Go-Live Date': '2026-06-01' } });
    expect(live).toMatchObject({ timeToLiveDays: 61, live: true });
    expect(healthOf({}).timeToLiveDays).toBeNull();
  });

  it('derives kickoff from the first status change out of a not-started status', () => {
    const h = healthOf({
      histories: [history('2026-06-20T10:00:00.000+0000', statusChange('To Do', 'In Progress'))],
    });
    expect(h.timeToLiveDays).toBe(10);
  });
});
