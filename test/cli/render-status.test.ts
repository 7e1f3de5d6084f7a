import * as fs from 'node:fs';
import * as path from 'node:path';
import { adfProblems } from '../confluence/adf-validate';
import { anImplementation, done, dueDateChange, history, TEST_NAMES } from '../builders/jira';
import { runway, tempDir } from './support';

const at = (d: string) => `${d}T10:00:00.000+0000`;

function exportFile(): string {
  const issues = anImplementation({
    key: 'IMP-1',
    summary: 'Acme rollout',
    custom: { 'Kickoff Date': '2026-03-01' },
    children: [
      {
        key: 'IMP-2',
        type: 'Milestone',
        summary: 'Design signed off',
        duedate: '2026-06-10',
        ...done(at('2026-06-09')),
      },
      {
        key: 'IMP-3',
        type: 'Milestone',
        summary: 'Go live',
        labels: ['go-live'],
        duedate: '2026-07-05',
        custom: { 'Baseline Due': '2026-06-25' },
        histories: [history(at('2026-06-10'), dueDateChange('2026-06-25', '2026-07-05'))],
      },
      {
        key: 'IMP-4',
        type: 'Risk',
        summary: 'Vendor late',
        created: at('2026-06-11'),
        custom: { Probability: '4', Impact: '5' },
      },
    ],
  });
  const file = path.join(tempDir(), 'export.json');
  fs.writeFileSync(file, JSON.stringify({ issues, names: TEST_NAMES }));
  return file;
}

describe('runway render status', () => {
  const input = exportFile();
  const base = ['render', 'status', '--implementation', 'IMP-1', '--input', input];

  it('prints the status report as Markdown, with what changed in the period', async () => {
    const run = await runway([...base, '--since', '2026-06-08', '--as-of', '2026-06-14']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Status report: IMP-1 Acme rollout (2026-06-08 to 2026-06-14)');
    expect(run.stdout).toContain('Milestone done');
    expect(run.stdout).toContain('2026-06-25 → 2026-07-05');
    expect(run.stdout).toContain('RAID item opened');
    expect(run.stdout).toContain('Forecast go-live');
    expect(run.stdout).toMatch(/Active time to live/i);
  });

  it('prints valid ADF and standalone HTML', async () => {
    const adf = await runway([...base, '--since', '2026-06-08', '--as-of', '2026-06-14', '--format', 'adf']);
    expect(adf.code).toBe(0);
    expect(adfProblems(JSON.parse(adf.stdout))).toEqual([]);
    const html = await runway([
      ...base,
      '--since',
      '2026-06-08',
      '--as-of',
      '2026-06-14',
      '--format',
      'html',
    ]);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/i);
    expect(html.stdout).toContain('What changed');
  });

  it('defaults --as-of to today', async () => {
    const run = await runway([...base, '--since', '2026-06-01'], { today: '2026-06-20' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(2026-06-01 to 2026-06-20)');
  });

  it.each([
    [
      ['--since', '2026-06-15', '--as-of', '2026-06-14'],
      'runway render: --since 2026-06-15 is after --as-of 2026-06-14',
    ],
    [['--since', '2026-02-30'], 'runway render: --since 2026-02-30: malformed date'],
    [['--since', '2026-06-01', '--as-of', '14/06/2026'], 'runway render: --as-of 14/06/2026: malformed date'],
    [[], 'runway render: the status report needs a period: give --since <YYYY-MM-DD>'],
  ])('exits 2 naming the bad input %j', async (extra, message) => {
    const run = await runway([...base, ...extra]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining(message) });
  });

  it('exits 2 naming an unknown implementation', async () => {
    const run = await runway([
      'render',
      'status',
      '--implementation',
      'IMP-77',
      '--input',
      input,
      '--since',
      '2026-06-01',
    ]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('IMP-77 is not in the export'),
    });
  });

  it('refuses --since for other documents', async () => {
    const run = await runway([
      'render',
      'handover',
      '--implementation',
      'IMP-1',
      '--input',
      input,
      '--since',
      '2026-06-01',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--since is for the status report only');
  });
});
