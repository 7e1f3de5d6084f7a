import fc from 'fast-check';
import {
  buildImplementations,
  computeImplementationKpis,
  computeKpiReport,
  defaultConfig,
  improvementThroughput,
  portfolioKpis,
  scanImplementations,
  type JiraIssue,
  type KpiReport,
} from '../../../src/domain';
import { arbChild, arbPortfolio, arbTimestamp } from '../../builders/arbitraries';
import { anIssue, TEST_NAMES } from '../../builders/jira';
import { AS_OF } from '../../builders/report';

const config = defaultConfig();

/** The report as it was computed before it read implementations one at a time: the whole model first. */
function reportFromWholeModel(issues: readonly JiraIssue[]): KpiReport {
  const model = buildImplementations(issues, TEST_NAMES, { asOf: AS_OF, config });
  const results = model.implementations.map((impl) => computeImplementationKpis(impl, config, AS_OF));
  return {
    asOf: AS_OF,
    implementations: results.map((r) => ({
      key: r.implementation.key,
      summary: r.implementation.summary,
      complexity: r.implementation.tier,
      kpis: r.kpis,
      warnings: [...r.implementation.warnings, ...r.warnings],
    })),
    portfolio: portfolioKpis(results, config, { improvements: improvementThroughput(issues, AS_OF, config) }),
    warnings: model.warnings,
  };
}

/** A portfolio with some issues repeated (the first copy counts) and some created after asOf. */
const arbMessyPortfolio = fc
  .tuple(
    arbPortfolio,
    fc.array(fc.nat(), { maxLength: 4 }),
    fc.array(arbChild(arbTimestamp('2026-07-01', '2027-06-30')), { maxLength: 4 }),
    fc.array(fc.constantFrom(['improvement'], ['improvement', 'uat'], []), { maxLength: 4 }),
  )
  .map(([issues, repeats, late, labels]) => {
    const copies = repeats.map((n) => issues[n % issues.length]);
    const lateIssues = late.map((c, n) => anIssue({ ...c, labels: [...(labels[n] ?? c.labels ?? [])] }));
    return [...issues, ...copies, ...lateIssues];
  });

describe('the KPI report reads implementations one at a time', () => {
  it('gives the report of the whole model, warnings and improvement throughput included', () => {
    fc.assert(
      fc.property(arbMessyPortfolio, (issues) => {
        expect(computeKpiReport(issues, TEST_NAMES, { asOf: AS_OF, config })).toEqual(
          reportFromWholeModel(issues),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('keeps in scope the first copy of each key created by asOf, in export order', () => {
    fc.assert(
      fc.property(arbMessyPortfolio, (issues) => {
        const firstCopies = issues.filter((i, n) => issues.findIndex((j) => j.key === i.key) === n);
        const byAsOf = firstCopies.filter((i) => String(i.fields.created).slice(0, 10) <= AS_OF);
        const scan = scanImplementations(issues, TEST_NAMES, { asOf: AS_OF, config });
        expect(scan.inScope.map((i) => i.key)).toEqual(byAsOf.map((i) => i.key));
      }),
    );
  });

  it('reads each implementation afresh when asked again', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => {
        const scan = scanImplementations(issues, TEST_NAMES, { asOf: AS_OF, config });
        const first = [...scan.read()];
        expect(first).toEqual(
          buildImplementations(issues, TEST_NAMES, { asOf: AS_OF, config }).implementations,
        );
        expect([...scan.read()]).toEqual(first);
      }),
      { numRuns: 30 },
    );
  });
});
