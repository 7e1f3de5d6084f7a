import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildImplementations, defaultConfig, parseSearchExport } from '../../src/domain';
import { BUILT_IN_TEMPLATES, renderPlaybook, readReporters } from '../../src/domain/playbooks';
import { toMarkdown } from '../../src/confluence';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { DEFAULT_AS_OF, generatePortfolio } from '../../src/local/demo/generate';
import { adfProblems } from '../confluence/adf-validate';
import * as os from 'node:os';
import { EXAMPLES, runway } from './support';

const small = path.join(EXAMPLES, 'portfolio-small.json');
const AS_OF = ['--as-of', '2026-06-30'];

describe('runway render --list', () => {
  it('prints one template a line, its id first, the handover packet and the status report last', async () => {
    const run = await runway(['render', '--list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([
      ...BUILT_IN_TEMPLATES.map((t) => t.id),
      'handover',
      'status',
    ]);
    expect(lines[0]).toMatch(/^implementation-plan\s+Implementation plan: Scope, timeline/);
  });

  let dir = '';
  beforeAll(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-render-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('includes a team’s templates, and refuses an invalid one with the reason', async () => {
    const good = {
      id: 'security-review',
      title: 'Security review',
      description: 'Security questions.',
      sections: [{ id: 'checks', title: 'S', blocks: [{ type: 'text', text: 'Hi {summary}' }] }],
    };
    fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify([good]));
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({
        ...good,
        sections: [{ id: 'checks', title: 'S', blocks: [{ type: 'kpis', ids: ['happiness'] }] }],
      }),
    );
    const listed = await runway(['render', '--list', '--templates', path.join(dir, 'good.json')]);
    expect(listed.stderr).toBe('');
    expect(listed.stdout.split('\n').map((l) => l.split(/\s+/)[0])).toContain('security-review');
    const refused = await runway(['render', '--list', '--templates', path.join(dir, 'bad.json')]);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining(
        'template "security-review" is not valid: sections.0.blocks.0.ids.0: Invalid option',
      ),
    });
  });
});

describe('runway render from an export', () => {
  const exported = () => {
    const parsed = parseSearchExport(JSON.parse(fs.readFileSync(small, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  };
  const firstKey = () => {
    const { issues, names } = exported();
    return buildImplementations(issues, names, { asOf: '2026-06-30', config: defaultConfig() })
      .implementations[0].key;
  };

  it('prints the playbook as Markdown, the same document the macro shows', async () => {
    const key = firstKey();
    const run = await runway([
      'render',
      'uat-plan',
      '--implementation',
      key,
      '--input',
      small,
      ...AS_OF,
      '--link-base',
      'example.atlassian.net',
    ]);
    expect(run).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
    const { issues, names } = exported();
    const impl = buildImplementations(issues, names, { asOf: '2026-06-30', config: defaultConfig() })
      .implementations[0];
    const doc = renderPlaybook(
      BUILT_IN_TEMPLATES.find((t) => t.id === 'uat-plan') ?? BUILT_IN_TEMPLATES[0],
      impl,
      { asOf: '2026-06-30', config: defaultConfig(), reporters: readReporters(issues) },
    );
    expect(run.stdout).toBe(toMarkdown(doc, { siteUrl: 'https://example.atlassian.net' }));
    expect(run.stdout).toContain(`](<https://example.atlassian.net/browse/${key}>)`);
  });

  it('prints valid ADF with --format adf, and an escaped page with --format html', async () => {
    const key = firstKey();
    const adf = await runway([
      'render',
      'handover',
      '--implementation',
      key,
      '--input',
      small,
      ...AS_OF,
      '--format',
      'adf',
    ]);
    expect(adf.code).toBe(0);
    const doc = JSON.parse(adf.stdout) as unknown;
    expect(adfProblems(doc)).toEqual([]);
    const html = await runway([
      'render',
      'handover',
      '--implementation',
      key.toLowerCase(),
      '--input',
      small,
      ...AS_OF,
      '--format',
      'html',
    ]);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<h2>Contacts and escalation paths</h2>');
  });

  it.each([
    [
      ['render', 'uat', '--implementation', 'IMP-1', '--input', small],
      /^runway render: Unknown template "uat"\. Known templates: implementation-plan, .*, handover\n$/,
    ],
    [
      ['render', 'uat-plan', '--implementation', 'IMP-99999', '--input', small],
      /^runway render: IMP-99999 is not in the export \(its implementations: [A-Z]+-\d+, /,
    ],
    [
      ['render', 'uat-plan', '--implementation', 'not-a-key', '--input', small],
      /^runway render: --implementation not-a-key: not a Jira issue key \(e\.g\. IMP-12\)\n$/,
    ],
    [
      ['render', 'uat-plan', '--input', small],
      /^runway render: no implementation: give --implementation <KEY>/,
    ],
    [
      ['render', 'uat-plan', '--implementation', 'IMP-1'],
      /^runway render: no input: give --input <file\|dir> or --site <url>/,
    ],
    [
      ['render', '--implementation', 'IMP-1', '--input', small],
      /^runway render: name a template \(runway render --list shows them\) or handover\n$/,
    ],
    [
      ['render', 'uat-plan', '--implementation', 'IMP-1', '--input', small, '--format', 'pdf'],
      /^runway render: --format pdf: expected one of md, html, adf\n$/,
    ],
  ])('refuses %j with a clear message and exit code 2', async (argv, message) => {
    const run = await runway(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('names an issue that is in the export but is not an implementation', async () => {
    const { issues } = exported();
    const child = issues.find((i) => typeof i.fields.parent === 'object' && i.fields.parent !== null);
    const run = await runway([
      'render',
      'uat-plan',
      '--implementation',
      child?.key ?? '',
      '--input',
      small,
      ...AS_OF,
    ]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/is in the export but is not an implementation/),
    });
  });
});

describe('runway render --site', () => {
  let app: LocalApp;
  const portfolio = generatePortfolio({ seed: 1 });
  const CONSULTANT = ['--email', 'marco.rossi@runway-demo.example', '--token', 'demo-consultant-token'];
  const VIEWER = ['--email', 'jordan.lee@runway-demo.example', '--token', 'demo-viewer-token'];
  const site = (argv: string[]) => runway(argv, { io: { env: {} } });

  beforeAll(async () => {
    app = await startLocalApp({ port: 0 });
  });
  afterAll(() => app.close());

  let dir = '';
  beforeAll(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-render-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('renders from the site what it renders from the site’s export', async () => {
    const key =
      portfolio.implementations.find((i) => i.project === 'IMP' && i.stage === 'hypercare')?.key ?? '';
    const file = path.join(dir, 'export.json');
    fs.writeFileSync(file, JSON.stringify(portfolio.searchExport()));
    const fromSite = await site([
      'render',
      'hypercare-plan',
      '--implementation',
      key,
      '--site',
      app.url,
      ...CONSULTANT,
      '--as-of',
      DEFAULT_AS_OF,
    ]);
    const fromFile = await site([
      'render',
      'hypercare-plan',
      '--implementation',
      key,
      '--input',
      file,
      '--as-of',
      DEFAULT_AS_OF,
      '--link-base',
      app.url,
    ]);
    expect(fromSite.code).toBe(0);
    expect(fromSite.stdout).toBe(fromFile.stdout);
    expect(fromSite.stdout).toContain(`](<${app.url}/browse/${key}>)`);
  });

  it('says the implementation does not exist, or is not visible, in Jira’s terms', async () => {
    const hidden = portfolio.implementations.find((i) => i.project === 'ENT')?.key ?? '';
    const run = await site(['render', 'handover', '--implementation', hidden, '--site', app.url, ...VIEWER]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `runway render: ${hidden} does not exist on ${app.url}, or you do not have permission to see it\n`,
    );
  });
});
