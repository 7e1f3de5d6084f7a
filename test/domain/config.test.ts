import { computeKpiReport, defaultConfig, parseConfig } from '../../src/domain';
import { anImplementation, anIssue, done } from '../builders/jira';
import { kpisOf, reportOf } from '../builders/report';

describe('the Runway config', () => {
  it('has the defaults of data-model.md and kpis.md', () => {
    const c = defaultConfig();
    expect(c.implementationTypes).toEqual(['Implementation']);
    expect(c.notStartedStatuses).toEqual(['To Do', 'Backlog', 'Open', 'New']);
    expect(c.issueTypes.defect).toEqual(['Bug', 'Defect', 'Incident']);
    expect(c.fieldNames.goLive).toBe('Go-Live Date');
    expect(c.targets.time_to_first_value_days).toEqual({
      op: '<=',
      value: { Standard: 45, Advanced: 60, Enterprise: 90 },
    });
    expect(c.targets.time_to_live_days).toBeNull();
    expect([c.milestoneToleranceDays, c.postGoLiveWindowDays, c.holidays]).toEqual([0, 30, []]);
  });

  it('has the defaults of the KPIs added last: on-hold statuses, the improvement label, Stakeholder Confidence', () => {
    const c = defaultConfig();
    expect(c.onHoldStatuses).toEqual(['On Hold']);
    expect(c.labels.improvement).toBe('improvement');
    expect(c.fieldNames.stakeholderConfidence).toBe('Stakeholder Confidence');
    expect(c.targets.stakeholder_confidence).toEqual({ op: '>=', value: 4 });
    expect(c.targets.improvement_throughput).toEqual({ op: '>=', value: 1 });
    expect([c.targets.active_time_to_first_value_days, c.targets.active_time_to_live_days]).toEqual([
      null,
      null,
    ]);
  });

  it('keeps defaults for what a partial file leaves out, nested keys included', () => {
    const r = parseConfig({ labels: { uat: 'acceptance' } });
    expect(r.ok && [r.value.labels.uat, r.value.labels.deliverable]).toEqual(['acceptance', 'deliverable']);
  });

  it.each([
    [{ implementationLabels: ['x'] }, /unknown config key implementationLabels/],
    [{ labels: { uat: 'a', qa: 'b' } }, /unknown config key qa in labels/],
    [{ targets: { time_to_magic: null } }, /unknown config key time_to_magic in targets/],
    [{ holidays: ['2026-02-30'] }, /holidays\.0: not a real calendar date/],
    [{ holidays: ['30/06/2026'] }, /holidays\.0: expected a date YYYY-MM-DD/],
    [{ milestoneToleranceDays: -1 }, /milestoneToleranceDays/],
    [{ onHoldStatuses: [''] }, /onHoldStatuses\.0/],
    [{ onHoldStatus: ['Paused'] }, /unknown config key onHoldStatus/],
    [[], /expected object/],
  ])('refuses %j, saying what is wrong', (json, message) => {
    const r = parseConfig(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('a site’s own names', () => {
  it('recognises implementations by a configured issue type, case-insensitively', () => {
    const issues = [anIssue({ key: 'ONB-1', type: 'customer onboarding' })];
    expect(reportOf(issues).implementations).toEqual([]);
    expect(
      reportOf(issues, { config: { implementationTypes: ['Customer Onboarding'] } }).implementations.map(
        (i) => i.key,
      ),
    ).toEqual(['ONB-1']);
  });

  it('classifies children by configured issue types and reads configured labels and statuses', () => {
    const issues = anImplementation({
      children: [
        { type: 'Deliverable Milestone', duedate: '2026-03-01', ...done('2026-03-01T10:00:00.000+0000') },
        { labels: ['Acceptance'], ...done('2026-03-01T10:00:00.000+0000') },
      ],
    });
    const k = kpisOf(
      reportOf(issues, {
        config: { issueTypes: { milestone: ['deliverable milestone'] }, labels: { uat: 'acceptance' } },
      }),
    );
    expect([k.on_time_milestone_rate, k.uat_first_pass_rate]).toEqual([1, 1]);
  });

  it('reads a custom field by explicit id, over the name in names', () => {
    const issues = anImplementation({
      custom: {
        'Kickoff Date': '2026-03-01',
        'First Value Date': '2026-03-11',
        'Go-Live Date': '2026-03-21',
      },
    });
    const config = { fieldIds: { firstValue: 'customfield_10004' } }; // the Go-Live Date field
    expect(kpisOf(reportOf(issues, { config })).time_to_first_value_days).toBe(20);
  });

  it('finds fields by name whatever their case', () => {
    const issues = anImplementation({ custom: { CSAT: 4 } });
    expect(kpisOf(reportOf(issues, { config: { fieldNames: { csat: 'csat' } } })).csat).toBe(4);
  });
});

describe('fields the export does not name', () => {
  it('says once which fields were not found, and reads them as empty', () => {
    const issues = anImplementation({
      custom: { 'Kickoff Date': '2026-03-01', 'Go-Live Date': '2026-03-11' },
    });
    const r = computeKpiReport(issues, { customfield_10002: 'Kickoff Date' }, { asOf: '2026-06-30' });
    expect(r.implementations[0].kpis.time_to_live_days).toBeNull();
    expect(r.warnings).toEqual([
      expect.objectContaining({
        issue: '',
        code: 'FIELD_NOT_FOUND',
        message: expect.stringContaining('"Go-Live Date"'),
      }),
    ]);
    expect(r.warnings[0].message).not.toContain('"Kickoff Date"');
  });
});
