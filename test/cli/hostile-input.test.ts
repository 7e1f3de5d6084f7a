/**
 * Issue 12 (security and reliability review): what a hostile or odd input does to the command
 * line. Settings that broke every surface, formulas and HTML from issue text, empty reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES, runway, tempDir } from './support';

const small = path.join(EXAMPLES, 'portfolio-small.json');
const dir = tempDir();
const write = (name: string, json: unknown): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
};

/** One implementation (an Epic labelled implementation) with the given summary. */
function exportWith(summary: string, extra: Record<string, unknown> = {}) {
  return {
    names: {},
    issues: [
      {
        key: 'IMP-1',
        fields: {
          summary,
          created: '2026-01-05T10:00:00.000+0000',
          labels: ['implementation'],
          issuetype: { name: 'Epic', hierarchyLevel: 1, ...extra },
          status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
        },
      },
    ],
  };
}

describe('settings that broke everything (defect 3)', () => {
  it('exits 2 naming the key and its bounds for milestoneToleranceDays 1e9, not 1 "unexpected error"', async () => {
    const config = write('huge.json', { milestoneToleranceDays: 1e9 });
    const run = await runway(['kpis', '--input', small, '--config', config, '--as-of', '2026-06-30']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('milestoneToleranceDays: expected a whole number of days from 0 to 365');
    expect(run.stderr).not.toMatch(/unexpected error/);
  });

  it.each(['kpis', 'render'])(
    '%s reads field ids mapped to toString and constructor as empty fields',
    async (cmd) => {
      const config = write('inherited.json', { fieldIds: { goLive: 'toString', kickoff: 'constructor' } });
      const args =
        cmd === 'kpis'
          ? ['kpis', '--input', small, '--config', config, '--as-of', '2026-06-30']
          : ['render', 'handover', '--implementation', 'ONB-1', '--input', small, '--config', config];
      const run = await runway(args);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    },
  );
});

describe('output injection (defect 6)', () => {
  const hostile =
    '=HYPERLINK("https://evil.example","x") <img src=x onerror=alert(1)> [click](javascript:alert(1))';

  it('neutralises a summary that a spreadsheet would run as a formula (--format csv)', async () => {
    const input = write('formula.json', exportWith(hostile));
    const run = await runway(['kpis', '--input', input, '--as-of', '2026-06-30', '--format', 'csv']);
    expect(run.code).toBe(0);
    const row = run.stdout.split('\r\n')[1];
    expect(row.startsWith(`IMP-1,"'=HYPERLINK(""https://evil.example""`)).toBe(true);
  });

  it.each(['+1 day', '-2', '@SUM(A1)', '\tx', '\rx'])('neutralises a cell starting %j', async (summary) => {
    const input = write('formula2.json', exportWith(summary));
    const run = await runway(['kpis', '--input', input, '--as-of', '2026-06-30', '--format', 'csv']);
    const row = run.stdout.split('\r\n').slice(1).join('\r\n');
    expect(row.startsWith(`IMP-1,"'${summary}"`)).toBe(true);
  });

  it('escapes HTML and link syntax from issue text (--format md), as render --format md does', async () => {
    const input = write('html.json', exportWith(hostile));
    const run = await runway(['kpis', '--input', input, '--as-of', '2026-06-30', '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/(?<!\\)<img/);
    expect(run.stdout).not.toMatch(/(?<!\\)\]\(javascript/);
    expect(run.stdout).toContain('\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1))');
  });
});

describe('silent empty reports (defect 7)', () => {
  it('warns on stderr and in the JSON warnings when no issue is an implementation', async () => {
    const noImpl = exportWith('Just a task');
    noImpl.issues[0].fields.labels = [];
    const input = write('none.json', noImpl);
    const run = await runway(['kpis', '--input', input, '--as-of', '2026-06-30']);
    const message =
      '1 issue read, none is an implementation (an Epic labelled implementation, or an issue of type Implementation)';
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`warning: ${message}\n`);
    const report = JSON.parse(run.stdout) as { warnings: Array<{ code: string; message: string }> };
    expect(report.warnings).toContainEqual({ issue: '', code: 'NO_IMPLEMENTATION', message });
  });

  it('reads hierarchyLevel "1" (a numeric string) as level 1', async () => {
    const input = write('string-level.json', exportWith('Acme rollout', { hierarchyLevel: '1' }));
    const run = await runway(['kpis', '--input', input, '--as-of', '2026-06-30']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { implementations: Array<{ key: string }> };
    expect(report.implementations.map((i) => i.key)).toEqual(['IMP-1']);
  });
});
