import { KPI_IDS, median, percentileNearestRank } from '../../src/domain';
import { anImplementation, done, type ImplementationSpec, type IssueSpec } from '../builders/jira';
import { reportOf } from '../builders/report';

const lateMilestone: IssueSpec = {
  type: 'Milestone',
  duedate: '2026-03-01',
  ...done('2026-03-09T10:00:00.000+0000'),
};
const onTimeMilestone: IssueSpec = {
  type: 'Milestone',
  duedate: '2026-03-01',
  ...done('2026-02-27T10:00:00.000+0000'),
};

function liveAfter(days: number, spec: ImplementationSpec = {}) {
  const kickoff = new Date(Date.UTC(2026, 0, 1));
  const goLive = new Date(kickoff.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return anImplementation({
    ...spec,
    custom: { 'Kickoff Date': '2026-01-01', 'Go-Live Date': goLive, ...spec.custom },
  });
}

describe('pooled vs mean vs median', () => {
  const issues = [
    ...anImplementation({ custom: { CSAT: 5 }, children: [onTimeMilestone] }), // 1/1
    ...anImplementation({
      custom: { CSAT: 4 },
      children: [onTimeMilestone, lateMilestone, lateMilestone, lateMilestone],
    }), // 1/4
    ...anImplementation({ children: [] }),
  ];
  const r = reportOf(issues);

  it('pools rates: Σ on time / Σ counted, not the mean of the rates', () => {
    expect(r.portfolio.on_time_milestone_rate).toEqual({ value: 2 / 5, n: 5, targetMet: false });
  });

  it('averages means over implementations with a value only', () => {
    expect(r.portfolio.csat).toEqual({ value: 4.5, n: 2, targetMet: true });
  });

  it('averages counts over every implementation (a count is never null)', () => {
    expect(r.portfolio.scope_change_count).toEqual({ value: 0, n: 3, targetMet: null });
  });

  it('takes the mean of the two middle values as the median of an even count', () => {
    const even = reportOf([...liveAfter(10), ...liveAfter(20), ...liveAfter(40), ...liveAfter(100)]);
    expect(even.portfolio.time_to_live_days).toEqual({
      value: 30,
      n: 4,
      targetMet: null,
      median: 30,
      p90: 100,
    });
  });

  it('reports null with n = 0 (never 0) where there is no data', () => {
    for (const id of [
      'time_to_kickoff_bdays',
      'uat_first_pass_rate',
      'defect_escape_count',
      'post_golive_p1_count',
    ] as const) {
      expect(r.portfolio[id]).toEqual(expect.objectContaining({ value: null, n: 0, targetMet: null }));
    }
    expect(Object.keys(r.portfolio)).toEqual([...KPI_IDS]);
  });

  it('sums post-go-live P1s over live implementations and checks them against = 0', () => {
    const p1 = (created: string): IssueSpec => ({ type: 'Bug', priority: 'Highest', created });
    const live = reportOf([
      ...liveAfter(30, { children: [p1('2026-02-05T10:00:00.000+0000')] }),
      ...liveAfter(30),
      ...anImplementation(),
    ]);
    expect(live.portfolio.post_golive_p1_count).toEqual({ value: 1, n: 2, targetMet: false });
    expect(live.portfolio.defect_escape_count).toEqual({ value: 0, n: 2, targetMet: true });
  });
});

describe('p90 is the nearest-rank 90th percentile', () => {
  it('picks the 9th of 10 values and the 10th of 11', () => {
    const ten = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
    expect(percentileNearestRank(ten, 0.9)).toBe(90);
    expect(percentileNearestRank([...ten, 110], 0.9)).toBe(100);
    expect(percentileNearestRank([7], 0.9)).toBe(7);
    expect(percentileNearestRank([], 0.9)).toBeNull();
  });

  it('is reported for time to live', () => {
    const r = reportOf([5, 1, 4, 2, 3, 9, 8, 7, 6, 10].flatMap((d) => liveAfter(d)));
    expect(r.portfolio.time_to_live_days.p90).toBe(9);
    expect(r.portfolio.time_to_live_days.median).toBe(5.5);
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    expect(median(values)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('targets per complexity tier (time to first value)', () => {
  const tfv = (days: number, complexity?: string) => {
    const firstValue = new Date(Date.UTC(2026, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
    return anImplementation({
      custom: {
        'Kickoff Date': '2026-01-01',
        'First Value Date': firstValue,
        ...(complexity ? { Complexity: complexity } : {}),
      },
    });
  };

  it('meets when the median of every tier with data meets its own target', () => {
    const r = reportOf([...tfv(40), ...tfv(50, 'Standard'), ...tfv(85, 'Enterprise')]); // Standard median 45 ≤ 45, Enterprise 85 ≤ 90
    expect(r.portfolio.time_to_first_value_days).toEqual({ value: 50, n: 3, targetMet: true, median: 50 });
  });

  it('fails when one tier misses although the overall median would pass', () => {
    const r = reportOf([...tfv(10), ...tfv(10), ...tfv(70, 'Advanced')]);
    expect(r.portfolio.time_to_first_value_days.value).toBe(10);
    expect(r.portfolio.time_to_first_value_days.targetMet).toBe(false);
  });

  it('counts an implementation without Complexity as Standard, and says so in its complexity', () => {
    const r = reportOf([...tfv(46)]);
    expect(r.implementations[0].complexity).toBe('Standard');
    expect(r.portfolio.time_to_first_value_days.targetMet).toBe(false);
  });

  it('takes tier targets from the config, matching tier names case-insensitively', () => {
    const config = { targets: { time_to_first_value_days: { op: '<=' as const, value: { standard: 60 } } } };
    expect(reportOf([...tfv(46, 'STANDARD')], { config }).portfolio.time_to_first_value_days.targetMet).toBe(
      true,
    );
  });

  it('reports targetMet null for a KPI whose target is removed in the config', () => {
    const r = reportOf(anImplementation({ custom: { CSAT: 5 } }), { config: { targets: { csat: null } } });
    expect(r.portfolio.csat.targetMet).toBeNull();
  });
});
