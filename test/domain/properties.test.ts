import fc from 'fast-check';
import {
  KPI_DEFINITIONS,
  KPI_IDS,
  computeKpiReport,
  parseSearchExport,
  type KpiReport,
} from '../../src/domain';
import { arbChild, arbImplementation, arbPortfolio, arbTimestamp } from '../builders/arbitraries';
import { anIssue, TEST_NAMES } from '../builders/jira';
import { AS_OF, reportOf } from '../builders/report';

const RATES = KPI_IDS.filter((id) => KPI_DEFINITIONS[id].unit === 'rate');

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
          const withLate = [...base, ...lateImpls.flat(), ...orphans];
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
