import * as fs from 'node:fs';
import * as path from 'node:path';
import { KPI_IDS, computeKpiReport, parseSearchExport, type KpiReport } from '../../src/domain';
import { EXAMPLES, SAMPLES, runway, tempDir } from './support';

const small = path.join(EXAMPLES, 'portfolio-small.json');
const paged = path.join(EXAMPLES, 'portfolio-paged.json');
const onHold = path.join(EXAMPLES, 'extended/portfolio-on-hold.json');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

function engineReport(json: unknown, asOf = '2026-06-30'): KpiReport {
  const parsed = parseSearchExport(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return computeKpiReport(parsed.value.issues, parsed.value.names, { asOf, warnings: parsed.value.warnings });
}

describe('runway kpis --format json', () => {
  it('prints exactly the engine’s report (the output of kpis.md) for a search response', async () => {
    const run = await runway(['kpis', '--input', small, '--as-of', '2026-06-30']);
    expect(run).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
    const out = JSON.parse(run.stdout) as KpiReport;
    expect(out).toEqual(engineReport(readJson(small)));
    expect(Object.keys(out)).toEqual(['asOf', 'implementations', 'portfolio', 'warnings']);
    expect(Object.keys(out.implementations[0])).toEqual(['key', 'summary', 'complexity', 'kpis', 'warnings']);
  });

  it('reproduces the worked example’s expected portfolio from an array of pages', async () => {
    const out = JSON.parse(
      (await runway(['kpis', '--input', paged, '--as-of', '2026-06-30'])).stdout,
    ) as KpiReport;
    const expected = readJson(path.join(EXAMPLES, 'portfolio-paged.expected.json')) as KpiReport;
    // the file predates the KPIs added last to kpis.md (extended/ has them: next test)
    for (const id of KPI_IDS.filter((k) => k in expected.portfolio)) {
      expect([id, out.portfolio[id].n, out.portfolio[id].targetMet]).toEqual([
        id,
        expected.portfolio[id].n,
        expected.portfolio[id].targetMet,
      ]);
      expect(out.portfolio[id].value ?? NaN).toBeCloseTo(expected.portfolio[id].value ?? NaN, 9);
    }
  });

  it('reproduces the extended example (on-hold spells, stakeholder confidence, improvements)', async () => {
    const out = JSON.parse(
      (await runway(['kpis', '--input', onHold, '--as-of', '2026-06-30'])).stdout,
    ) as KpiReport;
    const expected = readJson(path.join(EXAMPLES, 'extended/portfolio-on-hold.expected.json')) as KpiReport;
    for (const id of KPI_IDS) {
      expect([id, out.portfolio[id].n, out.portfolio[id].targetMet]).toEqual([
        id,
        expected.portfolio[id].n,
        expected.portfolio[id].targetMet,
      ]);
      expect(out.portfolio[id].value ?? NaN).toBeCloseTo(expected.portfolio[id].value ?? NaN, 9);
    }
  });

  it('reads a folder of page files in natural order, and repeated inputs, as one export', async () => {
    const dir = tempDir();
    const pages = readJson(paged) as unknown[];
    pages.forEach((p, i) => fs.writeFileSync(path.join(dir, `page-${i + 1}.json`), JSON.stringify(p)));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not read');
    const fromDir = await runway(['kpis', '--input', dir, '--as-of', '2026-06-30']);
    const fromFile = await runway(['kpis', '--input', paged, '--as-of', '2026-06-30']);
    expect(fromDir.code).toBe(0);
    expect(fromDir.stdout).toBe(fromFile.stdout);
    const first = path.join(dir, 'page-1.json');
    const rest = pages.slice(1).map((_, i) => path.join(dir, `page-${i + 2}.json`));
    const repeated = await runway([
      'kpis',
      '--as-of',
      '2026-06-30',
      '--input',
      first,
      ...rest.flatMap((f) => ['--input', f]),
    ]);
    expect(repeated.stdout).toBe(fromFile.stdout);
    const trailing = await runway(['kpis', '--as-of', '2026-06-30', '--input', first, ...rest]);
    expect(trailing.stdout).toBe(fromFile.stdout);
  });

  it('defaults asOf to today', async () => {
    const out = JSON.parse(
      (await runway(['kpis', '--input', small], { today: '2026-03-01' })).stdout,
    ) as KpiReport;
    expect(out.asOf).toBe('2026-03-01');
    expect(out).toEqual(engineReport(readJson(small), '2026-03-01'));
  });

  it('applies a config file', async () => {
    const dir = tempDir();
    const config = path.join(dir, 'runway.config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ targets: { on_time_milestone_rate: { op: '>=', value: 0.2 } } }),
    );
    const out = JSON.parse(
      (await runway(['kpis', '--input', small, '--as-of', '2026-06-30', '--config', config])).stdout,
    ) as KpiReport;
    expect(out.portfolio.on_time_milestone_rate.targetMet).toBe(true);
  });
});

describe('runway kpis --format md and csv', () => {
  it('prints a portfolio table with value, target, met and n, then each implementation', async () => {
    const run = await runway(['kpis', '--input', small, '--as-of', '2026-06-30', '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| KPI | Value | Target | Met | n |');
    expect(run.stdout).toContain('| On-time milestones | 27.6 % | ≥ 85 % | no | 58 |');
    expect(run.stdout).toContain('| Time to live | 108 d (p90 131 d) | tracked | — | 11 |');
    expect(run.stdout).toContain('### ONB-1: ');
    expect(run.stdout).toMatch(/- \*\*ONB-5\*\* NO_BASELINE_DUE/);
  });

  it('shows each duration next to its active one, and improvement throughput for the portfolio only', async () => {
    const run = await runway(['kpis', '--input', onHold, '--as-of', '2026-06-30', '--format', 'md']);
    expect(run.stdout).toContain(
      '| Time to live | 82 d (p90 159 d) | tracked | — | 11 |\n| Active time to live | 77 d (p90 145 d) | tracked | — | 11 |',
    );
    expect(run.stdout).toContain('| Stakeholder confidence | 3 | ≥ 4 | no | 9 |');
    expect(run.stdout).toContain('| Improvement throughput (91 days) | 4 | ≥ 1 | yes | 4 |');
    const imp1 = run.stdout.slice(run.stdout.indexOf('### IMP-1:'));
    expect(imp1).toContain('| Time to first value | 44 d |\n| Active time to first value | 39 d |');
    expect(imp1).not.toContain('Improvement throughput');
  });

  it('prints one csv row per implementation with every KPI as a raw number', async () => {
    const run = await runway(['kpis', '--input', small, '--as-of', '2026-06-30', '--format', 'csv']);
    const report = engineReport(readJson(small));
    const [header, ...rows] = run.stdout.trimEnd().split('\r\n');
    expect(header.split(',')).toEqual(['key', 'summary', 'complexity', ...KPI_IDS, 'warnings']);
    expect(rows).toHaveLength(report.implementations.length);
    const onb1 = rows.find((r) => r.startsWith('ONB-1,'))?.split(',') ?? [];
    const kpis = report.implementations.find((i) => i.key === 'ONB-1')?.kpis;
    expect(onb1.slice(3, 3 + KPI_IDS.length)).toEqual(
      KPI_IDS.map((id) => (kpis?.[id] === null ? '' : String(kpis?.[id]))),
    );
    expect(run.stderr).toMatch(/^\d+ warnings; run with --format json or md/);
  });
});

describe('bad input: exit code 2 and a message naming the file and the problem, never a stack', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const notJson = write('broken.json', '{"issues": [');
  const unknownKey = write('bad.config.json', JSON.stringify({ implementationLabels: ['impl'] }));
  const emptyDir = path.join(dir, 'empty');
  fs.mkdirSync(emptyDir);

  it.each([
    ['a file that is not JSON', ['--input', notJson], [notJson, 'not JSON']],
    [
      'a JSON that is not a search export',
      ['--input', path.join(SAMPLES, 'jira-cli/issue.json')],
      ['jira-cli/issue.json', 'not a Jira search export', 'single issue'],
    ],
    ['a file that does not exist', ['--input', path.join(dir, 'nope.json')], ['nope.json', 'no such file']],
    ['a folder without .json files', ['--input', emptyDir], [emptyDir, 'no .json file']],
    [
      'an unknown config key',
      ['--input', small, '--config', unknownKey],
      [unknownKey, 'unknown config key implementationLabels'],
    ],
    ['a config file that is not JSON', ['--input', small, '--config', notJson], [notJson, 'not JSON']],
    [
      'a malformed --as-of',
      ['--input', small, '--as-of', '30/06/2026'],
      ['--as-of 30/06/2026', 'malformed date'],
    ],
    [
      'an impossible --as-of',
      ['--input', small, '--as-of', '2026-02-30'],
      ['--as-of 2026-02-30', 'malformed date'],
    ],
    ['an unknown format', ['--input', small, '--format', 'xml'], ['--format xml', 'json, md, csv']],
    ['an unknown option', ['--input', small, '--site-name', 'x'], ['--site-name']],
    ['no input', ['--as-of', '2026-06-30'], ['no input']],
  ])('%s', async (_, args, mentions) => {
    const run = await runway(['kpis', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    for (const m of mentions) expect(run.stderr).toContain(m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('runway itself', () => {
  it('lists its commands with --help', async () => {
    const run = await runway(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: runway <command>/);
    expect(run.stdout).toMatch(/kpis\s+Delivery KPIs/);
  });

  it('prints the options of a command with <command> --help', async () => {
    const run = await runway(['kpis', '--help']);
    expect([run.code, run.stdout.startsWith('Usage: runway kpis --input')]).toEqual([0, true]);
  });

  it('answers an unknown command, or none, with the help and exit code 2', async () => {
    const unknown = await runway(['kpi']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown command "kpi"')]);
    expect((await runway([])).code).toBe(2);
  });

  it('turns an unexpected failure into exit code 1 and one line, without a stack', async () => {
    const run = await runway(['kpis', '--input', small], {
      io: { readFile: () => Promise.reject(new Error('disk on fire')) },
    });
    expect(run.code).toBe(2); // a file that cannot be read is bad input, named
    expect(run.stderr).toContain('portfolio-small.json: cannot read the file (disk on fire)');
    const crash = await runway(['kpis', '--input', small], {
      io: { kind: () => Promise.reject(new Error('boom')) },
    });
    expect([crash.code, crash.stderr]).toEqual([1, 'runway kpis: unexpected error: boom\n']);
  });
});
