import * as fs from 'node:fs';
import * as path from 'node:path';
import { KPI_IDS, computeKpiReport, parseSearchExport, type KpiReport } from '../../src/domain';

const EXAMPLES = path.resolve(__dirname, '../..', '../shared/spec/examples');
const AS_OF = '2026-06-30';

interface Expected {
  asOf: string;
  implementations: { key: string; kpis: Record<string, number | null> }[];
  portfolio: Record<
    string,
    {
      value: number | null;
      n: number;
      targetMet: boolean | null;
      median?: number | null;
      p90?: number | null;
    }
  >;
}

/** The examples of shared/spec/examples and of its extended/ folder (on-hold spells, improvements…). */
const examples = ['', 'extended'].flatMap((dir) =>
  fs
    .readdirSync(path.join(EXAMPLES, dir))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    .map((f) => path.join(dir, f.replace(/\.json$/, ''))),
);

function close(actual: number | null | undefined, expected: number | null | undefined): boolean {
  if (expected === null || expected === undefined)
    return actual === expected || (expected === null && actual === null);
  return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9;
}

function load(name: string): { report: KpiReport; expected: Expected } {
  const parsed = parseSearchExport(JSON.parse(fs.readFileSync(path.join(EXAMPLES, `${name}.json`), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  const expected = JSON.parse(
    fs.readFileSync(path.join(EXAMPLES, `${name}.expected.json`), 'utf8'),
  ) as Expected;
  return { report: computeKpiReport(parsed.value.issues, parsed.value.names, { asOf: AS_OF }), expected };
}

describe.each(examples)('the worked example %s', (name) => {
  const { report, expected } = load(name);
  // The first examples predate the KPIs added last to kpis.md; extended/ has every one.
  const ids = KPI_IDS.filter((id) => id in expected.portfolio);

  it('has an expected value for every KPI it was written for', () => {
    if (name.startsWith('extended')) expect(ids).toEqual([...KPI_IDS]);
    else expect(ids.length).toBeGreaterThanOrEqual(18);
  });

  it('finds the same implementations, in the same order', () => {
    expect(report.implementations.map((i) => i.key)).toEqual(expected.implementations.map((i) => i.key));
  });

  it('reproduces every KPI of every implementation within 1e-9', () => {
    const mismatches: string[] = [];
    for (const exp of expected.implementations) {
      const got = report.implementations.find((i) => i.key === exp.key);
      for (const id of ids) {
        if (!close(got?.kpis[id], exp.kpis[id]))
          mismatches.push(`${exp.key} ${id}: got ${got?.kpis[id]}, expected ${exp.kpis[id]}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('reproduces every portfolio KPI: value, n, targetMet, median and p90', () => {
    const mismatches: string[] = [];
    for (const id of ids) {
      const exp = expected.portfolio[id];
      const got = report.portfolio[id];
      if (!close(got.value, exp.value))
        mismatches.push(`${id} value: got ${got.value}, expected ${exp.value}`);
      if (got.n !== exp.n) mismatches.push(`${id} n: got ${got.n}, expected ${exp.n}`);
      if (got.targetMet !== exp.targetMet)
        mismatches.push(`${id} targetMet: got ${got.targetMet}, expected ${exp.targetMet}`);
      if ('median' in exp && !close(got.median, exp.median))
        mismatches.push(`${id} median: got ${got.median}, expected ${exp.median}`);
      if ('p90' in exp && !close(got.p90, exp.p90))
        mismatches.push(`${id} p90: got ${got.p90}, expected ${exp.p90}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('lists every KPI id in each implementation and in the portfolio', () => {
    for (const impl of report.implementations) expect(Object.keys(impl.kpis)).toEqual([...KPI_IDS]);
    expect(Object.keys(report.portfolio)).toEqual([...KPI_IDS]);
  });
});
