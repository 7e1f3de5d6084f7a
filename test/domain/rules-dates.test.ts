import { anImplementation, anIssue, done, history, resolutionCleared, statusChange } from '../builders/jira';
import { kpisOf, reportOf } from '../builders/report';

describe('asOf: only what had happened by then counts', () => {
  it('ignores an implementation created after asOf', () => {
    const issues = anImplementation({ key: 'IMP-1', created: '2026-07-01T08:00:00.000+0000' });
    expect(reportOf(issues).implementations).toEqual([]);
  });

  it('ignores a child created after asOf', () => {
    const issues = anImplementation({
      custom: { 'Go-Live Date': '2026-06-01' },
      children: [
        { type: 'Escalation', labels: ['escalation'], created: '2026-07-01T00:30:00.000+0000' },
        { labels: ['escalation'], created: '2026-06-30T23:59:00.000+0000' },
      ],
    });
    expect(kpisOf(reportOf(issues)).escalation_count).toBe(1);
  });

  it('treats an issue resolved after asOf as not done', () => {
    const issues = anImplementation({
      children: [
        { labels: ['deliverable'], ...done('2026-07-02T10:00:00.000+0000') },
        { labels: ['deliverable'], ...done('2026-06-30T10:00:00.000+0000') },
      ],
    });
    expect(kpisOf(reportOf(issues)).documentation_completeness).toBe(0.5);
  });

  it('ignores a changelog entry after asOf (a reopen on 1 July does not count on 30 June)', () => {
    const issues = anImplementation({
      children: [
        {
          ...done('2026-06-10T10:00:00.000+0000'),
          histories: [
            history('2026-06-10T10:00:00.000+0000', statusChange('In Progress', 'Done')),
            history('2026-07-01T10:00:00.000+0000', resolutionCleared()),
          ],
        },
      ],
    });
    expect(kpisOf(reportOf(issues)).rework_rate).toBe(0);
    expect(kpisOf(reportOf(issues, { asOf: '2026-07-15' })).rework_rate).toBe(1);
  });

  it('counts an issue done without a resolution date when its status category is done', () => {
    const issues = anImplementation({
      children: [{ labels: ['deliverable'], status: 'Closed', statusCategory: 'done' }],
    });
    expect(kpisOf(reportOf(issues)).documentation_completeness).toBe(1);
  });
});

describe('planned dates: a lifecycle date after asOf is a plan and reads as empty', () => {
  it('gives no time-to-live and no post-go-live counts for a go-live planned after asOf', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01', 'Go-Live Date': '2026-07-15' },
    });
    const r = reportOf(issues);
    expect(kpisOf(r).time_to_live_days).toBeNull();
    expect(kpisOf(r).post_golive_p1_count).toBeNull();
    expect(kpisOf(reportOf(issues, { asOf: '2026-07-20' })).time_to_live_days).toBe(136);
  });

  it('falls back to the derivation rules when the field holds a plan', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01', 'Go-Live Date': '2026-08-01' },
      children: [{ type: 'Milestone', labels: ['go-live'], ...done('2026-05-31T12:00:00.000+0000') }],
    });
    expect(kpisOf(reportOf(issues)).time_to_live_days).toBe(91);
  });
});

describe('negative durations are contradictory', () => {
  it('makes time-to-kickoff null with a warning naming the implementation', () => {
    const issues = anImplementation({
      key: 'IMP-9',
      custom: { 'Contract Signed': '2026-01-13', 'Kickoff Date': '2026-01-11' },
    });
    const impl = reportOf(issues).implementations[0];
    expect(impl.kpis.time_to_kickoff_bdays).toBeNull();
    expect(impl.warnings).toEqual([expect.objectContaining({ issue: 'IMP-9', code: 'NEGATIVE_DURATION' })]);
  });

  it('makes time-to-first-value and time-to-live null when they end before kickoff', () => {
    const issues = anImplementation({
      custom: {
        'Kickoff Date': '2026-03-10',
        'First Value Date': '2026-03-09',
        'Go-Live Date': '2026-02-01',
      },
    });
    const r = reportOf(issues);
    expect(kpisOf(r).time_to_first_value_days).toBeNull();
    expect(kpisOf(r).time_to_live_days).toBeNull();
    expect(r.implementations[0].warnings.map((w) => w.code)).toEqual([
      'NEGATIVE_DURATION',
      'NEGATIVE_DURATION',
    ]);
  });

  it('accepts a duration of zero', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-10', 'First Value Date': '2026-03-10' },
    });
    expect(kpisOf(reportOf(issues)).time_to_first_value_days).toBe(0);
  });
});

describe('calendar dates are read in the timestamp’s own offset', () => {
  it('puts 2026-03-10T23:30-0800 on 10 March, so a milestone due that day is on time', () => {
    const issues = anImplementation({
      children: [{ type: 'Milestone', duedate: '2026-03-10', ...done('2026-03-10T23:30:00.000-0800') }],
    });
    expect(kpisOf(reportOf(issues)).on_time_milestone_rate).toBe(1);
  });

  it('puts 2026-03-11T06:30+0530 on 11 March (late), although it is 10 March in UTC', () => {
    const issues = anImplementation({
      children: [{ type: 'Milestone', duedate: '2026-03-10', ...done('2026-03-11T06:30:00.000+0530') }],
    });
    expect(kpisOf(reportOf(issues)).on_time_milestone_rate).toBe(0);
  });

  it('counts whole calendar days between calendar dates', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01' },
      children: [{ labels: ['first-value'], ...done('2026-03-31T23:59:00.000-1100') }],
    });
    expect(kpisOf(reportOf(issues)).time_to_first_value_days).toBe(30);
  });
});

describe('business days (time to kickoff)', () => {
  const kickoffAfter = (signed: string, kickoff: string, holidays?: string[]) =>
    kpisOf(
      reportOf(anImplementation({ custom: { 'Contract Signed': signed, 'Kickoff Date': kickoff } }), {
        config: holidays ? { holidays } : {},
      }),
    ).time_to_kickoff_bdays;

  it('skips the weekend: Friday → Monday is one business day', () => {
    expect(kickoffAfter('2026-01-02', '2026-01-05')).toBe(1);
  });

  it('counts two full weeks as ten business days', () => {
    expect(kickoffAfter('2026-01-05', '2026-01-19')).toBe(10);
  });

  it('counts a signature on Saturday and a kickoff on Monday as zero', () => {
    expect(kickoffAfter('2026-01-03', '2026-01-05')).toBe(0);
  });

  it('leaves out configured holidays that fall on a weekday in the range', () => {
    expect(kickoffAfter('2026-01-05', '2026-01-19', ['2026-01-06', '2026-01-10', '2026-01-19'])).toBe(9);
  });
});

describe('derived lifecycle dates', () => {
  it('derives kickoff from the first status change out of a not-started status', () => {
    const issues = anImplementation({
      custom: { 'Contract Signed': '2026-01-05' },
      histories: [
        history('2026-02-01T10:00:00.000+0000', statusChange('Discovery', 'Build')),
        history('2026-01-09T22:00:00.000-0500', statusChange('Backlog', 'Discovery')),
      ],
    });
    expect(kpisOf(reportOf(issues)).time_to_kickoff_bdays).toBe(4);
  });

  it('derives first value from the earliest resolved child labelled first-value', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01' },
      children: [
        { labels: ['first-value'], ...done('2026-04-10T10:00:00.000+0000') },
        { labels: ['first-value'], ...done('2026-04-01T10:00:00.000+0000') },
        { labels: ['first-value'], status: 'In Progress' },
      ],
    });
    expect(kpisOf(reportOf(issues)).time_to_first_value_days).toBe(31);
  });

  it('derives go-live from the go-live milestone, then from the first move into a go-live status', () => {
    const viaStatus = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01' },
      histories: [history('2026-04-01T10:00:00.000+0000', statusChange('Cutover', 'Hypercare'))],
      children: [{ type: 'Milestone', labels: ['go-live'], status: 'In Progress' }],
    });
    expect(kpisOf(reportOf(viaStatus)).time_to_live_days).toBe(31);
    const viaMilestone = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01' },
      histories: [history('2026-04-01T10:00:00.000+0000', statusChange('Cutover', 'Live'))],
      children: [{ type: 'Milestone', labels: ['go-live'], ...done('2026-03-21T10:00:00.000+0000') }],
    });
    expect(kpisOf(reportOf(viaMilestone)).time_to_live_days).toBe(20);
  });

  it('prefers the field over every derivation', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01', 'Go-Live Date': '2026-03-11' },
      children: [{ type: 'Milestone', labels: ['go-live'], ...done('2026-03-21T10:00:00.000+0000') }],
    });
    expect(kpisOf(reportOf(issues)).time_to_live_days).toBe(10);
  });
});

describe('bad dates', () => {
  it('reads a malformed date field as empty and names the issue in a warning', () => {
    const issues = [
      anIssue({
        key: 'IMP-3',
        type: 'Implementation',
        custom: { 'Kickoff Date': '10/03/2026', 'Go-Live Date': '2026-04-01' },
      }),
    ];
    const impl = reportOf(issues).implementations[0];
    expect(impl.kpis.time_to_live_days).toBeNull();
    expect(impl.warnings).toEqual([expect.objectContaining({ issue: 'IMP-3', code: 'BAD_DATE' })]);
  });
});
