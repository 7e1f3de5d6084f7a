import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  JiraIssueSchema,
  JiraParentSchema,
  JiraTimestampSchema,
  JiraUserSchema,
  computeKpiReport,
  isDoneAt,
  parseConfig,
  parseSearchExport,
  readIssue,
  readHistories,
  readParent,
  readUser,
  type JiraIssue,
} from '../../src/domain';

const SAMPLES = path.resolve(__dirname, '../..', '../shared/reference/jira-samples');
const sample = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(SAMPLES, file), 'utf8'));

function exportOf(json: unknown) {
  const r = parseSearchExport(json);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('reading recorded Jira search responses', () => {
  const searches = [
    'actionableagile/search_25_issues_with_changelog.json',
    'hack-jira-cfd/search_jql_26_issues_anonymised.json',
    'jira-cli/search.json',
    'jira-cli/epic.json',
    'jira-cli/search_empty.json',
    'atlassian-openapi-examples/search_GET_200.json',
    'atlassian-openapi-examples/search_jql_GET_200.json',
    'go-jira/issues_in_sprint_with_changelog.json',
  ];

  it.each(searches)('reads every issue of %s, each matching the declared schema', (file) => {
    const json = sample(file) as { issues: unknown[] };
    const value = exportOf(json);
    expect(value.issues).toHaveLength(json.issues.length);
    expect(value.warnings).toEqual([]);
    for (const issue of value.issues) expect(JiraIssueSchema.safeParse(issue).success).toBe(true);
    expect(() => computeKpiReport(value.issues, value.names, { asOf: '2026-06-30' })).not.toThrow();
  });

  it('concatenates the pages of a cursor-paged search (nextPageToken / isLast)', () => {
    const pages = ['search_page1.json', 'search_page2.json', 'search_page3.json'].map((f) =>
      sample(`jira-cli/${f}`),
    );
    expect(exportOf(pages).issues.map((i) => i.key)).toHaveLength(4);
  });

  it('reads a REST v2 export (no fieldId, null priorities, done without resolution date) as work items', () => {
    const { issues } = exportOf(sample('actionableagile/search_25_issues_with_changelog.json'));
    const implementation: JiraIssue = {
      key: 'IMP-1',
      fields: { issuetype: { name: 'Implementation' }, created: '2015-11-01T09:00:00.000-0500' },
    };
    const children = issues.map((i) => ({ ...i, fields: { ...i.fields, parent: { key: 'IMP-1' } } }));
    const report = computeKpiReport([implementation, ...children], {}, { asOf: '2016-01-01' });
    // 17 issues are done (4 with a resolution date, 13 by status category); 2 of them are Bugs (defects).
    expect(report.portfolio.rework_rate).toEqual({ value: 0, n: 15, targetMet: true });
    expect(issues.filter((i) => isDoneAt(i, '2016-01-01'))).toHaveLength(17);
  });

  it('recognises an Epic without hierarchyLevel (v2) by its name and the configured label', () => {
    const { issues, names } = exportOf(sample('jira-cli/epic.json'));
    expect(computeKpiReport(issues, names, { asOf: '2026-06-30' }).implementations).toEqual([]);
    const config = parseConfig({ implementationLabel: 'Feature' });
    if (!config.ok) throw new Error(config.error);
    const report = computeKpiReport(issues, names, { asOf: '2026-06-30', config: config.value });
    expect(report.implementations.map((i) => i.key)).toEqual(['EPIC-2']);
  });
});

describe('what is not a search export', () => {
  it.each([
    ['a single issue', 'jira-cli/issue.json', /single issue/],
    ['a changelog page', 'hack-jira-cfd/issue_changelog_page.json', /no "issues" array/],
    ['a list of statuses', 'go-jira/all_statuses.json', /page 1 .*search response/],
  ])('refuses %s, saying why', (_, file, message) => {
    const r = parseSearchExport(sample(file));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('refuses an empty array and names a bad page by its position', () => {
    expect(parseSearchExport([])).toEqual({ ok: false, error: expect.stringMatching(/empty array/) });
    expect(parseSearchExport([{ issues: [] }, { total: 3 }])).toEqual({
      ok: false,
      error: expect.stringMatching(/^page 2 /),
    });
  });

  it('keeps the readable issues and warns about the others by position', () => {
    const r = exportOf({ issues: [{ key: 'A-1', fields: {} }, { fields: {} }, 42] });
    expect(r.issues.map((i) => i.key)).toEqual(['A-1']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'issue 2 has no key; ignored',
      'issue 3 is not an object; ignored',
    ]);
  });

  it('merges names across pages', () => {
    const r = exportOf([
      { issues: [], names: { customfield_1: 'Kickoff Date' } },
      { issues: [], names: { customfield_2: 'Go-Live Date' } },
    ]);
    expect(r.names).toEqual({ customfield_1: 'Kickoff Date', customfield_2: 'Go-Live Date' });
  });
});

describe('the hot-path readers agree with the zod schemas', () => {
  const cases = [
    ['readUser', readUser, JiraUserSchema],
    ['readParent', readParent, JiraParentSchema],
  ] as const;

  it.each(cases)('%s returns undefined or a value its schema accepts, for any JSON', (_, read, schema) => {
    const shaped = fc.record(
      {
        name: fc.anything(),
        key: fc.anything(),
        id: fc.anything(),
        statusCategory: fc.anything(),
        accountId: fc.anything(),
        hierarchyLevel: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), shaped), (v) => {
        const out = read(v);
        if (out !== undefined) expect(schema.safeParse(out).success).toBe(true);
      }),
    );
  });

  it('readHistories keeps a history exactly when JiraTimestampSchema accepts its created', () => {
    // near-timestamps: a timestamp with one character changed, so most cases sit at the boundary
    const timestamp = fc.stringMatching(/^\d{4}-\d{2}-\d{2}T[0-9:.+-]{0,12}$/);
    const oneChanged = fc
      .tuple(timestamp, fc.nat(), fc.constantFrom(...'09-T: +.Zx/'))
      .map(([t, at, c]) => `${t.slice(0, at % t.length)}${c}${t.slice((at % t.length) + 1)}`);
    const nearTimestamp = fc.oneof(timestamp, oneChanged, fc.anything());
    fc.assert(
      fc.property(nearTimestamp, (created) => {
        const { histories, dropped } = readHistories({ histories: [{ created, items: [] }] });
        const accepted = JiraTimestampSchema.safeParse(created).success;
        expect({ kept: histories.length, dropped }).toEqual({
          kept: accepted ? 1 : 0,
          dropped: accepted ? 0 : 1,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('readIssue returns issues the JiraIssueSchema accepts, for any JSON', () => {
    const item = fc.record(
      {
        field: fc.oneof(fc.constantFrom('status', 'resolution'), fc.anything()),
        fieldId: fc.anything(),
        from: fc.anything(),
        toString: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const histories = fc.array(
      fc.record(
        {
          created: fc.oneof(fc.constant('2026-01-01T10:00:00.000+0000'), fc.anything()),
          items: fc.oneof(fc.array(item), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(
        fc.anything(),
        fc.string(),
        fc.oneof(fc.anything(), fc.record({ histories })),
        (fields, key, changelog) => {
          const r = readIssue({ key, fields, changelog });
          if (r.ok) expect(JiraIssueSchema.safeParse(r.issue).success).toBe(true);
        },
      ),
    );
  });
});
