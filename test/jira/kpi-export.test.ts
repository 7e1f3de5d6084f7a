import { readFileSync } from 'node:fs';
import path from 'node:path';
import { computeKpiReport, defaultConfig, parseConfig, parseSearchExport } from '../../src/domain';
import {
  BULK_CHANGELOG_PATH,
  createJiraClient,
  SEARCH_PATH,
  type JiraIssue,
  type SearchPage,
} from '../../src/jira';
import { ENGINE_SYSTEM_FIELDS, fetchKpiExport, planKpiFields } from '../../src/jira/kpi-export';
import { respond, routedJira, type SentRequest } from './fake-jira';

const EXAMPLE = path.resolve(__dirname, '../../../shared/spec/examples/portfolio-paged.json');
const examplePages = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as SearchPage[];
const exampleIssues = examplePages.flatMap((p) => p.issues);
const exampleNames = Object.assign({}, ...examplePages.map((p) => p.names)) as Record<string, string>;

/** Jira embeds only the most recent histories; this fake keeps 2 to force completion. */
const EMBEDDED_HISTORIES = 1;

/**
 * A site holding the example's issues, answering like Jira: only requested fields, names for
 * them, truncated embedded changelogs, bulkfetch filtered to fieldIds.
 */
function exampleSite() {
  const siteFields = [
    ...Object.entries(exampleNames).map(([id, name]) => ({
      id,
      name,
      custom: id.startsWith('customfield_'),
    })),
    { id: 'customfield_99999', name: 'Unrelated', custom: true },
  ];
  return routedJira((req: SentRequest) => {
    if (req.path === '/rest/api/3/field') return respond(200, siteFields);
    if (req.path === SEARCH_PATH) {
      const body = req.body as {
        fields: string[];
        maxResults: number;
        nextPageToken?: string;
        expand: string;
      };
      const start = Number(body.nextPageToken ?? 0);
      const end = Math.min(exampleIssues.length, start + Math.min(body.maxResults, 100));
      const issues = exampleIssues.slice(start, end).map((issue): JiraIssue => {
        const all = issue.changelog!.histories;
        const fields = Object.fromEntries(
          body.fields.filter((f) => f in issue.fields!).map((f) => [f, issue.fields![f]]),
        );
        return {
          ...issue,
          fields,
          changelog: {
            startAt: 0,
            maxResults: EMBEDDED_HISTORIES,
            total: all.length,
            histories: all.slice(0, EMBEDDED_HISTORIES),
          },
        };
      });
      const names = Object.fromEntries(
        body.fields.filter((f) => f in exampleNames).map((f) => [f, exampleNames[f]]),
      );
      return respond(
        200,
        end < exampleIssues.length
          ? { issues, names, isLast: false, nextPageToken: String(end) }
          : { issues, names, isLast: true },
      );
    }
    if (req.path === BULK_CHANGELOG_PATH) {
      const body = req.body as { issueIdsOrKeys: string[]; fieldIds: string[] };
      return respond(200, {
        issueChangeLogs: body.issueIdsOrKeys.map((issueId) => ({
          issueId,
          changeHistories: exampleIssues
            .find((i) => i.id === issueId)!
            .changelog!.histories.map((h) => ({
              ...h,
              items: h.items.filter((it) => body.fieldIds.includes(it.fieldId ?? '')),
            }))
            .filter((h) => h.items.length > 0),
        })),
      });
    }
    return respond(404, { errorMessages: [`no route ${req.path}`] });
  });
}

describe('planKpiFields', () => {
  it('requests the engine system fields and the custom fields found by name, not unrelated ones', () => {
    const site = [
      { id: 'customfield_1', name: 'kickoff date' },
      { id: 'customfield_2', name: 'CSAT' },
      { id: 'customfield_3', name: 'CSAT' },
      { id: 'customfield_4', name: 'Unrelated' },
    ];
    const plan = planKpiFields(site, defaultConfig());
    expect(plan.fields.slice(0, ENGINE_SYSTEM_FIELDS.length)).toEqual([...ENGINE_SYSTEM_FIELDS]);
    expect(plan.fields.slice(ENGINE_SYSTEM_FIELDS.length)).toEqual([
      'customfield_1',
      'customfield_2',
      'customfield_3',
    ]);
    expect(plan.missing).toContain('Go-Live Date');
    expect(ENGINE_SYSTEM_FIELDS).toEqual(
      expect.arrayContaining(['status', 'resolutiondate', 'duedate', 'parent', 'labels']),
    );
  });

  it('uses an explicit field id from the config instead of the name', () => {
    const config = parseConfig({ fieldIds: { kickoff: 'customfield_777' } });
    if (!config.ok) throw new Error(config.error);
    const plan = planKpiFields([{ id: 'customfield_1', name: 'Kickoff Date' }], config.value);
    expect(plan.fields).toContain('customfield_777');
    expect(plan.fields).not.toContain('customfield_1');
  });
});

describe('fetchKpiExport', () => {
  it('gives the same KPI report as the worked example export it was served from', async () => {
    const site = exampleSite();
    const client = createJiraClient({ fetch: site.fetch });
    const { pages, missingFields } = await fetchKpiExport(client, {
      jql: 'project in (IMP, ONB)',
      config: defaultConfig(),
    });

    expect(missingFields).toEqual([]);
    const fetched = parseSearchExport(pages);
    const original = parseSearchExport(examplePages);
    if (!fetched.ok || !original.ok) throw new Error('exports must parse');
    const options = { asOf: '2026-06-30' as const };
    expect(computeKpiReport(fetched.value.issues, fetched.value.names, options)).toEqual(
      computeKpiReport(original.value.issues, original.value.names, options),
    );

    const partial = exampleIssues.filter((i) => i.changelog!.histories.length > EMBEDDED_HISTORIES).length;
    expect(site.sent.map((r) => r.path)).toEqual([
      '/rest/api/3/field',
      ...Array.from({ length: Math.ceil(exampleIssues.length / 100) }, () => SEARCH_PATH),
      ...Array.from({ length: Math.ceil(partial / 1000) }, () => BULK_CHANGELOG_PATH),
    ]);
    expect((site.sent[1].body as { fields: string[] }).fields).not.toContain('customfield_99999');
  });
});
