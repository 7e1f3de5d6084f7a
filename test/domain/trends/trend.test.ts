import fc from 'fast-check';
import { computeKpiReport, defaultConfig, improvementThroughput, type JiraIssue } from '../../../src/domain';
import {
  breakdown,
  contributionsAt,
  contributionsOverTime,
  implementationSearchJql,
  improvementJql,
  improvementsOverTime,
  kpiIssuesJql,
  monthEnd,
  NO_SEGMENT,
  rollUp,
  trendDates,
} from '../../../src/domain/trends';
import { partialKeyJql } from '../../../src/domain/issue-key';
import { arbPortfolio } from '../../builders/arbitraries';
import { anImplementation, done, TEST_NAMES } from '../../builders/jira';

const config = defaultConfig();

describe('trend dates: asOf at each month end', () => {
  it('gives the 11 month ends before asOf, then asOf, oldest first', () => {
    expect(trendDates('2026-06-30')).toEqual([
      '2025-07-31',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
    ]);
    const mid = trendDates('2026-06-15');
    expect(mid[0]).toBe('2025-07-31');
    expect(mid.slice(-2)).toEqual(['2026-05-31', '2026-06-15']);
  });

  it('knows leap years and crosses year ends', () => {
    expect(monthEnd('2024-03-10', 1)).toBe('2024-02-29');
    expect(monthEnd('2026-01-05', 1)).toBe('2025-12-31');
    expect(monthEnd('2026-01-05', 13)).toBe('2024-12-31');
    expect(trendDates('2026-02-10', 3)).toEqual(['2025-12-31', '2026-01-31', '2026-02-10']);
  });
});

/** Splits an export into one export per implementation (the implementation and its children). */
function perImplementation(issues: readonly JiraIssue[]): JiraIssue[][] {
  const groups = new Map<string, JiraIssue[]>();
  for (const issue of issues) {
    const parent = (issue.fields.parent as { key?: string } | undefined)?.key;
    const root = parent ?? issue.key;
    groups.set(root, [...(groups.get(root) ?? []), issue]);
  }
  return [...groups.values()];
}

describe('rolling up contributions', () => {
  it('gives exactly the portfolio of one engine run over every issue (property)', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => {
        const report = computeKpiReport(issues, TEST_NAMES, { asOf: '2026-06-30', config });
        const improvements = improvementThroughput(issues, '2026-06-30', config);
        expect(
          rollUp(contributionsAt(issues, TEST_NAMES, '2026-06-30', config), config, improvements),
        ).toEqual(report.portfolio);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same numbers when implementations are computed in separate batches (property)', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => {
        const whole = computeKpiReport(issues, TEST_NAMES, { asOf: '2026-06-30', config }).portfolio;
        const batched = perImplementation(issues).flatMap((batch) =>
          contributionsAt(batch, TEST_NAMES, '2026-06-30', config),
        );
        expect(rollUp(batched, config, improvementThroughput(issues, '2026-06-30', config))).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('makes each trend point the report computed with asOf = that month end', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => {
        const dates = trendDates('2026-06-30', 4);
        const improvements = improvementsOverTime(issues, dates, config);
        const points = contributionsOverTime(issues, TEST_NAMES, dates, config).map((c, i) =>
          rollUp(c, config, improvements[i]),
        );
        dates.forEach((asOf, i) =>
          expect(points[i]).toEqual(computeKpiReport(issues, TEST_NAMES, { asOf, config }).portfolio),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('leaves an implementation out of the months before it was created', () => {
    const issues = [
      ...anImplementation({ key: 'A-1', created: '2026-01-10T10:00:00.000+0000', custom: { CSAT: 4 } }),
      ...anImplementation({ key: 'B-1', created: '2026-05-10T10:00:00.000+0000', custom: { CSAT: 5 } }),
    ];
    const [march, june] = contributionsOverTime(issues, TEST_NAMES, ['2026-03-31', '2026-06-30'], config).map(
      (c) => rollUp(c, config),
    );
    expect(march.csat).toMatchObject({ value: 4, n: 1 });
    expect(june.csat).toMatchObject({ value: 4.5, n: 2 });
  });
});

describe('the issues behind improvement throughput', () => {
  it('lists the improvements counted, or above maxKeys narrows the scope to those resolved in the window', () => {
    const opts = { scopeJql: 'project = OPS', asOf: '2026-06-30' };
    expect(kpiIssuesJql('improvement_throughput', ['OPS-1', 'OPS-4'], config, opts)).toBe(
      'key in (OPS-1, OPS-4) ORDER BY key',
    );
    expect(kpiIssuesJql('improvement_throughput', ['OPS-1', 'OPS-4'], config, { ...opts, maxKeys: 1 })).toBe(
      '(project = OPS) AND labels = "improvement" AND resolution is not EMPTY AND resolved >= "2026-04-01" AND resolved < "2026-07-01"',
    );
    expect(kpiIssuesJql('improvement_throughput', [], config, opts)).toBeNull();
    expect(improvementJql('project = OPS', config)).toBe(
      '(project = OPS) AND labels = "improvement" ORDER BY key',
    );
  });
});

describe('breakdown by complexity tier and segment', () => {
  const issues = [
    ...anImplementation({ key: 'A-1', custom: { Complexity: 'Enterprise', Segment: 'Enterprise', CSAT: 3 } }),
    ...anImplementation({ key: 'B-1', custom: { Complexity: 'Standard', Segment: 'SMB', CSAT: 5 } }),
    ...anImplementation({ key: 'C-1', custom: { CSAT: 4 } }),
  ];
  const contributions = contributionsAt(issues, TEST_NAMES, '2026-06-30', config);

  it('groups by tier in the configured order, an empty Complexity counting as Standard', () => {
    const groups = breakdown(contributions, 'tier', config);
    expect(groups.map((g) => [g.group, g.implementations, g.portfolio.csat.value])).toEqual([
      ['Standard', 2, 4.5],
      ['Enterprise', 1, 3],
    ]);
    expect(groups[0].portfolio.csat.targetMet).toBe(true);
    expect(groups[1].portfolio.csat.targetMet).toBe(false);
  });

  it('groups by segment alphabetically, implementations without one last', () => {
    expect(breakdown(contributions, 'segment', config).map((g) => [g.group, g.implementations])).toEqual([
      ['Enterprise', 1],
      ['SMB', 1],
      [NO_SEGMENT, 1],
    ]);
  });
});

describe('the JQL of the issues behind a KPI', () => {
  const scopeJql = 'project in (IMP, ONB)';
  it('opens the implementations for implementation KPIs and their children for the others', () => {
    expect(kpiIssuesJql('time_to_live_days', ['IMP-1', 'ONB-4'], config, { scopeJql })).toBe(
      'key in (IMP-1, ONB-4) ORDER BY key',
    );
    expect(kpiIssuesJql('on_time_milestone_rate', ['IMP-1'], config, { scopeJql })).toBe(
      'parent in (IMP-1) AND issuetype in ("Milestone") ORDER BY key',
    );
    expect(kpiIssuesJql('post_golive_p1_count', ['IMP-1'], config, { scopeJql })).toBe(
      'parent in (IMP-1) AND issuetype in ("Bug", "Defect", "Incident") AND priority in ("Highest") ORDER BY key',
    );
    expect(kpiIssuesJql('effort_variance', ['IMP-1'], config, { scopeJql })).toBe(
      '(key in (IMP-1) OR parent in (IMP-1)) AND originalEstimate is not EMPTY ORDER BY key',
    );
  });

  it('has no link when nothing contributes, and narrows by the scope when the keys would not fit', () => {
    expect(kpiIssuesJql('csat', [], config, { scopeJql })).toBeNull();
    const keys = Array.from({ length: 3 }, (_, i) => `IMP-${i + 1}`);
    expect(kpiIssuesJql('csat', keys, config, { scopeJql, maxKeys: 2 })).toBe(
      '(project in (IMP, ONB)) AND (issuetype in ("Implementation") OR labels = "implementation")',
    );
    expect(kpiIssuesJql('documentation_completeness', keys, config, { scopeJql, maxKeys: 2 })).toBe(
      '(project in (IMP, ONB)) AND labels = "deliverable"',
    );
  });

  it('names only issue types the site has (Jira refuses a query naming one it lacks)', () => {
    const site = new Set(['epic', 'milestone', 'bug', 'task']);
    expect(kpiIssuesJql('post_golive_p1_count', ['IMP-1'], config, { scopeJql, siteIssueTypes: site })).toBe(
      'parent in (IMP-1) AND issuetype in ("Bug") AND priority in ("Highest") ORDER BY key',
    );
    expect(
      kpiIssuesJql('scope_change_count', ['IMP-1'], config, { scopeJql, siteIssueTypes: site }),
    ).toBeNull();
    expect(
      kpiIssuesJql('csat', ['IMP-1', 'IMP-2'], config, { scopeJql, maxKeys: 1, siteIssueTypes: site }),
    ).toBe('(project in (IMP, ONB)) AND labels = "implementation"');
  });

  it('quotes configured names safely', () => {
    const odd = { ...config, labels: { ...config.labels, uat: 'say "uat"\\' } };
    expect(kpiIssuesJql('uat_first_pass_rate', ['IMP-1'], odd, { scopeJql })).toContain(
      'labels = "say \\"uat\\"\\\\"',
    );
  });
});

it('keeps done items done in earlier months only from their resolution on', () => {
  const issues = anImplementation({
    key: 'A-1',
    children: [{ type: 'Task', labels: ['deliverable'], ...done('2026-04-15T10:00:00.000+0000') }],
  });
  const [march, april] = contributionsOverTime(issues, TEST_NAMES, ['2026-03-31', '2026-04-30'], config).map(
    (c) => rollUp(c, config),
  );
  expect(march.documentation_completeness.value).toBe(0);
  expect(april.documentation_completeness.value).toBe(1);
});

describe('the JQL of the implementation picker', () => {
  const site = new Set(['epic', 'implementation']);

  it('takes a key, whole or partial, as the implementations whose key starts with it, in capitals', () => {
    const { jql, byKey } = implementationSearchJql('imp-9', config, site);
    expect(byKey).toBe(true);
    expect(jql).toBe(
      `${partialKeyJql('IMP-9')} AND (issuetype in ("Implementation") OR labels = "implementation") ORDER BY key`,
    );
    expect(partialKeyJql('imp-9')).toMatch(
      /^\(\(key >= IMP-9 AND key < IMP-10\) OR \(key >= IMP-90 AND key < IMP-100\) OR \(key >= IMP-900 AND key < IMP-1000\) OR /,
    );
    expect(partialKeyJql('IMP-1234567')).toBe('((key >= IMP-1234567 AND key < IMP-1234568))');
    expect(partialKeyJql('acme rollout')).toBeNull();
  });

  it('searches summaries for words, dropping what JQL text search reads as syntax', () => {
    expect(implementationSearchJql('acme (EU) "rollout"', config, site).jql).toBe(
      '(issuetype in ("Implementation") OR labels = "implementation") AND summary ~ "acme  EU   rollout*" ORDER BY updated DESC',
    );
  });

  it('lists the recently updated implementations for no words, by label alone when the site lacks the types', () => {
    expect(implementationSearchJql(' ?! ', config, new Set())).toEqual({
      jql: 'labels = "implementation" ORDER BY updated DESC',
      byKey: false,
    });
  });
});
