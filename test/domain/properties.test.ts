import fc from 'fast-check';
import {
  ACTIVE_DURATIONS,
  KPI_DEFINITIONS,
  KPI_IDS,
  computeKpiReport,
  parseSearchExport,
  readLabels,
  type JiraIssue,
  type KpiId,
  type KpiReport,
} from '../../src/domain';
import { arbChild, arbImplementation, arbPortfolio, arbTimestamp } from '../builders/arbitraries';
import { anIssue, TEST_NAMES } from '../builders/jira';
import { AS_OF, reportOf } from '../builders/report';

const RATES = KPI_IDS.filter((id) => KPI_DEFINITIONS[id].unit === 'rate');
const ACTIVE = Object.entries(ACTIVE_DURATIONS) as [KpiId, KpiId][];

/** Issue-shaped JSON where any part may be missing, of the wrong type, or odd. */
const arbIssueJson = fc.record(
  {
    key: fc.oneof(fc.string(), fc.constantFrom('IMP-1', 'IMP-2', 'C-1'), fc.anything()),
    id: fc.anything(),
    fields: fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom(
          'summary',
          'created',
          'labels',
          'issuetype',
          'status',
          'resolution',
          'resolutiondate',
          'duedate',
          'parent',
          'priority',
          'timeoriginalestimate',
          'timespent',
          ...Object.keys(TEST_NAMES),
        ),
        fc.oneof(
          fc.anything(),
          fc.constantFrom(
            { name: 'Epic', hierarchyLevel: 1 },
            { key: 'IMP-1' },
            ['implementation', 'uat'],
            { value: 'Standard' },
            '2026-02-30',
            '2026-01-01T10:00:00.000+0000',
            { name: 'Done', statusCategory: { key: 'done' } },
          ),
        ),
      ),
    ),
    changelog: fc.oneof(
      fc.anything(),
      fc.record({
        histories: fc.array(
          fc.record(
            { created: fc.oneof(fc.string(), arbTimestamp()), items: fc.array(fc.anything()) },
            { requiredKeys: [] },
          ),
        ),
      }),
    ),
  },
  { requiredKeys: [] },
);

function run(json: unknown): KpiReport | null {
  const parsed = parseSearchExport(json);
  return parsed.ok ? computeKpiReport(parsed.value.issues, parsed.value.names, { asOf: AS_OF }) : null;
}

describe('the engine on arbitrary input', () => {
  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.anything(), (json) => void run(json)));
  });

  it('never throws on arbitrary issue JSON inside a search response', () => {
    fc.assert(
      fc.property(fc.array(arbIssueJson, { maxLength: 8 }), fc.anything(), (issues, names) => {
        run({ issues, names });
        run([{ issues, names: TEST_NAMES }]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('KPI invariants on plausible portfolios', () => {
  it('keeps every rate in [0, 1], per implementation and for the portfolio', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => {
        const r = reportOf(issues);
        for (const id of RATES) {
          const values = [...r.implementations.map((i) => i.kpis[id]), r.portfolio[id].value];
          for (const v of values) if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
        }
      }),
    );
  });

  it('lists every KPI, with a number or null, and counts that are never null', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => {
        for (const impl of reportOf(issues).implementations) {
          expect(Object.keys(impl.kpis)).toEqual([...KPI_IDS]);
          expect(typeof impl.kpis.scope_change_count).toBe('number');
          expect(typeof impl.kpis.escalation_count).toBe('number');
        }
      }),
    );
  });

  it('never puts an active duration above its plain one, nor below 0; null exactly when the plain one is', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => {
        const r = reportOf(issues);
        for (const { kpis } of r.implementations)
          for (const [active, plain] of ACTIVE) {
            const a = kpis[active];
            const p = kpis[plain];
            expect(a === null).toBe(p === null);
            if (a !== null && p !== null) expect(a >= 0 && a <= p).toBe(true);
          }
        for (const [active, plain] of ACTIVE) {
          const a = r.portfolio[active];
          const p = r.portfolio[plain];
          expect(a.n).toBe(p.n);
          if (a.value !== null && p.value !== null) expect(a.value >= 0 && a.value <= p.value).toBe(true);
          if (a.p90 != null && p.p90 != null) expect(a.p90 <= p.p90).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps stakeholder confidence in 1–5 and improvement throughput a count of the labelled issues', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => {
        const r = reportOf(issues);
        for (const { kpis } of r.implementations) {
          const c = kpis.stakeholder_confidence;
          if (c !== null) expect(c >= 1 && c <= 5).toBe(true);
          expect(kpis.improvement_throughput).toBeNull();
        }
        const t = r.portfolio.improvement_throughput;
        const labelled = issues.filter((i) => readLabels(i.fields.labels).includes('improvement')).length;
        if (labelled === 0) expect(t.value).toBeNull();
        if (t.value !== null)
          expect(Number.isInteger(t.value) && t.value >= 0 && t.value <= labelled).toBe(true);
        expect(t.n).toBe(t.value ?? 0);
      }),
    );
  });

  it('does not change when issues created after asOf are added', () => {
    const after = arbTimestamp('2026-07-01', '2027-06-30');
    fc.assert(
      fc.property(
        arbPortfolio,
        fc.array(arbImplementation(after, arbTimestamp()), { maxLength: 2 }),
        fc.array(arbChild(after), { maxLength: 6 }),
        (base, lateImpls, lateChildren) => {
          const parents = base.filter((i) => i.fields.parent === undefined).map((i) => i.key);
          const orphans = lateChildren.map((c, n) => anIssue({ ...c, parent: parents[n % parents.length] }));
          // A child created before asOf under a later implementation is not late: were it labelled
          // improvement it would count (improvements need not belong to an implementation).
          const notImprovement = (i: JiraIssue): JiraIssue => ({
            ...i,
            fields: { ...i.fields, labels: readLabels(i.fields.labels).filter((l) => l !== 'improvement') },
          });
          const withLate = [...base, ...lateImpls.flat().map(notImprovement), ...orphans];
          expect(reportOf(withLate)).toEqual(reportOf(base));
        },
      ),
    );
  });

  it('is deterministic: the same input gives the same report', () => {
    fc.assert(
      fc.property(arbPortfolio, (issues) => expect(reportOf(issues)).toEqual(reportOf(issues))),
      { numRuns: 30 },
    );
  });
});
