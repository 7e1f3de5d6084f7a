// kpis.md, "Days on hold" and the KPIs added last: stakeholder_confidence, the active_ durations
// (time to first value / to live net of the days on hold) and improvement_throughput.
import { computeKpiReport, parseConfig } from '../../src/domain';
import { anImplementation, anIssue, done, history, statusChange, TEST_NAMES } from '../builders/jira';
import { kpisOf, reportOf } from '../builders/report';

const T = (date: string) => `${date}T10:00:00.000+0000`;

/** Kicked off 1 March, first value 31 March (30 days), live 30 April (60 days), with these status changes. */
function onHold(...changes: [date: string, from: string, to: string][]) {
  return anImplementation({
    key: 'IMP-1',
    custom: { 'Kickoff Date': '2026-03-01', 'First Value Date': '2026-03-31', 'Go-Live Date': '2026-04-30' },
    histories: changes.map(([date, from, to]) => history(T(date), statusChange(from, to))),
  });
}

describe('Days on hold: each spell clipped to [kickoff, end], in calendar days', () => {
  it('takes a spell inside the window out of both durations', () => {
    const k = kpisOf(
      reportOf(onHold(['2026-03-10', 'In Progress', 'On Hold'], ['2026-03-20', 'On Hold', 'In Progress'])),
    );
    expect([k.time_to_first_value_days, k.active_time_to_first_value_days]).toEqual([30, 20]);
    expect([k.time_to_live_days, k.active_time_to_live_days]).toEqual([60, 50]);
  });

  it('counts only the part of a spell after kickoff (a spell that began before kickoff)', () => {
    const k = kpisOf(
      reportOf(onHold(['2026-02-20', 'To Do', 'On Hold'], ['2026-03-05', 'On Hold', 'In Progress'])),
    );
    expect(k.active_time_to_first_value_days).toBe(26); // 1–5 March on hold
    expect(k.active_time_to_live_days).toBe(56);
  });

  it('clips a spell across the end to the end (first value inside the spell, go-live after it)', () => {
    const k = kpisOf(
      reportOf(onHold(['2026-03-21', 'In Progress', 'On Hold'], ['2026-04-10', 'On Hold', 'In Progress'])),
    );
    expect(k.active_time_to_first_value_days).toBe(20); // 21–31 March: 10 days
    expect(k.active_time_to_live_days).toBe(40); // 21 March – 10 April: 20 days
  });

  it('runs a spell still open at asOf to the end of the window', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01', 'Go-Live Date': '2026-04-30' },
      histories: [history(T('2026-04-20'), statusChange('In Progress', 'On Hold'))],
    });
    expect(kpisOf(reportOf(issues)).active_time_to_live_days).toBe(50); // 20–30 April
  });

  it('adds up two spells', () => {
    const k = kpisOf(
      reportOf(
        onHold(
          ['2026-03-05', 'In Progress', 'On Hold'],
          ['2026-03-08', 'On Hold', 'In Progress'],
          ['2026-04-01', 'In Progress', 'On Hold'],
          ['2026-04-11', 'On Hold', 'In Progress'],
        ),
      ),
    );
    expect(k.active_time_to_first_value_days).toBe(27); // 3 days before first value
    expect(k.active_time_to_live_days).toBe(47); // 3 + 10 days before go-live
  });

  it('ignores an on-hold change after asOf', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01', 'Go-Live Date': '2026-06-30' },
      histories: [
        history(T('2026-06-20'), statusChange('In Progress', 'On Hold')),
        history(T('2026-07-01'), statusChange('On Hold', 'In Progress')),
        history(T('2026-07-05'), statusChange('In Progress', 'On Hold')),
      ],
    });
    expect(kpisOf(reportOf(issues, { asOf: '2026-06-30' })).active_time_to_live_days).toBe(111); // 121 − 10
    expect(kpisOf(reportOf(issues, { asOf: '2026-06-19' })).active_time_to_live_days).toBeNull(); // not live yet
  });

  it('keeps a spell open through a change between two on-hold statuses, matched case-insensitively', () => {
    const k = kpisOf(
      reportOf(
        onHold(
          ['2026-03-10', 'In Progress', 'on hold'],
          ['2026-03-15', 'on hold', 'Paused'],
          ['2026-03-20', 'Paused', 'In Progress'],
        ),
        { config: { onHoldStatuses: ['On Hold', 'Paused'] } },
      ),
    );
    expect(k.active_time_to_first_value_days).toBe(20);
  });

  it('reads only the configured on-hold statuses', () => {
    const issues = onHold(['2026-03-10', 'In Progress', 'Blocked'], ['2026-03-20', 'Blocked', 'In Progress']);
    expect(kpisOf(reportOf(issues)).active_time_to_first_value_days).toBe(30);
    expect(
      kpisOf(reportOf(issues, { config: { onHoldStatuses: ['Blocked'] } })).active_time_to_first_value_days,
    ).toBe(20);
  });

  it('is null when the plain duration is null (no kickoff, or a contradictory one)', () => {
    const noKickoff = anImplementation({ custom: { 'Go-Live Date': '2026-04-30' } });
    expect(kpisOf(reportOf(noKickoff)).active_time_to_live_days).toBeNull();
    const backwards = anImplementation({
      custom: { 'Kickoff Date': '2026-05-01', 'Go-Live Date': '2026-04-30' },
    });
    const k = kpisOf(reportOf(backwards));
    expect([k.time_to_live_days, k.active_time_to_live_days]).toEqual([null, null]);
  });

  it('rolls up as a median with p90, like the plain duration', () => {
    const issues = [
      ...onHold(['2026-03-10', 'In Progress', 'On Hold'], ['2026-03-20', 'On Hold', 'In Progress']),
      ...anImplementation({ custom: { 'Kickoff Date': '2026-03-01', 'Go-Live Date': '2026-05-30' } }),
    ];
    const p = reportOf(issues).portfolio.active_time_to_live_days;
    expect(p).toEqual({ value: 70, n: 2, median: 70, p90: 90, targetMet: null });
  });
});

describe('stakeholder_confidence: the Stakeholder Confidence field, mean over the portfolio', () => {
  it('reads the field and judges the mean against ≥ 4', () => {
    const issues = [
      ...anImplementation({ key: 'IMP-1', custom: { 'Stakeholder Confidence': 3 } }),
      ...anImplementation({ key: 'IMP-2', custom: { 'Stakeholder Confidence': 4.5 } }),
      ...anImplementation({ key: 'IMP-3' }),
    ];
    const r = reportOf(issues);
    expect(r.implementations.map((i) => i.kpis.stakeholder_confidence)).toEqual([3, 4.5, null]);
    expect(r.portfolio.stakeholder_confidence).toEqual({ value: 3.75, n: 2, targetMet: false });
  });

  it('reads the field under the name the config gives it', () => {
    const issues = anImplementation({ fields: { customfield_10099: 4 } });
    const names = { ...TEST_NAMES, customfield_10099: 'Internal Confidence' };
    const config = parseConfig({ fieldNames: { stakeholderConfidence: 'internal confidence' } });
    if (!config.ok) throw new Error(config.error);
    const r = computeKpiReport(issues, names, { asOf: '2026-06-30', config: config.value });
    expect(r.implementations[0].kpis.stakeholder_confidence).toBe(4);
  });

  it('leaves out a rating outside 1–5, with a warning naming the issue', () => {
    const r = reportOf(anImplementation({ key: 'IMP-9', custom: { 'Stakeholder Confidence': 7 } }));
    expect(kpisOf(r).stakeholder_confidence).toBeNull();
    expect(r.implementations[0].warnings).toContainEqual(
      expect.objectContaining({ issue: 'IMP-9', code: 'BAD_STAKEHOLDER_CONFIDENCE' }),
    );
  });
});

describe('improvement_throughput: improvements resolved in the 91 days ending at asOf', () => {
  const improvement = (key: string, resolved: string | null, more: object = {}) =>
    anIssue({ key, labels: ['improvement'], ...(resolved === null ? {} : done(T(resolved))), ...more });

  it('counts improvements in and out of implementations, resolved from asOf − 90 to asOf', () => {
    const issues = [
      ...anImplementation({
        key: 'IMP-1',
        children: [{ key: 'IMP-2', labels: ['Improvement'], ...done(T('2026-05-01')) }],
      }),
      improvement('OPS-1', '2026-04-01'), // asOf − 90: in
      improvement('OPS-2', '2026-03-31'), // asOf − 91: out
      improvement('OPS-3', '2026-06-30'), // asOf: in
      improvement('OPS-4', '2026-07-01'), // after asOf: not done yet
      improvement('OPS-5', null), // open
    ];
    const r = reportOf(issues);
    expect(r.portfolio.improvement_throughput).toEqual({ value: 3, n: 3, targetMet: true });
    expect(kpisOf(r).improvement_throughput).toBeNull();
  });

  it('is 0 (target missed) when improvements exist but none was resolved in the window', () => {
    const r = reportOf([...anImplementation(), improvement('OPS-1', '2026-01-10')]);
    expect(r.portfolio.improvement_throughput).toEqual({ value: 0, n: 0, targetMet: false });
  });

  it('is null when no issue in scope is labelled improvement (or only issues created after asOf)', () => {
    const late = improvement('OPS-1', null, { created: T('2026-07-02') });
    expect(reportOf([...anImplementation(), late]).portfolio.improvement_throughput).toEqual({
      value: null,
      n: 0,
      targetMet: null,
    });
  });

  it('reads the configured label', () => {
    const issues = [...anImplementation(), anIssue({ labels: ['kaizen'], ...done(T('2026-06-01')) })];
    expect(reportOf(issues).portfolio.improvement_throughput.value).toBeNull();
    expect(
      reportOf(issues, { config: { labels: { improvement: 'kaizen' } } }).portfolio.improvement_throughput
        .value,
    ).toBe(1);
  });
});
