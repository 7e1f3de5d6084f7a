import { computeKpiReport, defaultConfig, parseConfig, parseSearchExport } from '../../src/domain';
import { BULK_CHANGELOG_PATH, createJiraClient, SEARCH_PATH } from '../../src/jira';
import { ENGINE_SYSTEM_FIELDS, fetchKpiExport, planKpiFields } from '../../src/jira/kpi-export';
import { EMBEDDED_HISTORIES, exampleIssues, examplePages, exampleSite } from './example-site';

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

    // the example predates the Stakeholder Confidence field (the extended example has it)
    expect(missingFields).toEqual(['Stakeholder Confidence']);
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
