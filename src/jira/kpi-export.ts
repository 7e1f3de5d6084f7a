/**
 * The export the KPI engine needs, fetched from a live site: exactly the fields the engine
 * reads (its system fields plus the custom fields of data-model.md, found by name on the site
 * or by explicit id in the config), with `names` and complete changelogs.
 */
import { JiraFieldsSchema, LOGICAL_FIELDS, type LogicalField, type RunwayConfig } from '../domain';
import { fieldIdsByName, type JiraClient } from './client';
import type { JiraField, SearchPage } from './schemas';
import type { ExportProgress } from './search';

/** The system fields the engine knows by id (its JiraFieldsSchema), so nothing unread is fetched. */
export const ENGINE_SYSTEM_FIELDS: readonly string[] = Object.keys(JiraFieldsSchema.shape);

export interface KpiFieldPlan {
  /** Field ids to request, system fields first. */
  fields: string[];
  /** Configured field names the site has no field for (their KPIs will be null, with warnings). */
  missing: string[];
}

/**
 * Which fields to request. A name shared by several fields requests them all, so the engine
 * sees what an export of the site would show and applies its own ambiguity rule.
 */
export function planKpiFields(siteFields: readonly JiraField[], config: RunwayConfig): KpiFieldPlan {
  const logical = Object.keys(LOGICAL_FIELDS) as LogicalField[];
  const byName = fieldIdsByName(
    siteFields,
    logical.map((f) => config.fieldNames[f]),
  );
  const ids = new Set<string>(ENGINE_SYSTEM_FIELDS);
  const missing: string[] = [];
  for (const field of logical) {
    const explicit = config.fieldIds[field];
    if (explicit) {
      ids.add(explicit);
      continue;
    }
    const found = byName.get(config.fieldNames[field]);
    if (found) found.forEach((id) => ids.add(id));
    else missing.push(config.fieldNames[field]);
  }
  return { fields: [...ids], missing };
}

export interface KpiExportRequest {
  jql: string;
  config: RunwayConfig;
  /** Fields to fetch beyond the engine's (e.g. `reporter` for playbooks). */
  extraFields?: readonly string[];
  onProgress?: (progress: ExportProgress) => void;
}

export async function fetchKpiExport(
  client: JiraClient,
  request: KpiExportRequest,
): Promise<{ pages: SearchPage[]; missingFields: string[] }> {
  const { pages, missingFields } = await streamKpiExport(client, request);
  const all: SearchPage[] = [];
  for await (const page of pages) all.push(page);
  return { pages: all, missingFields };
}

/** The same export as pages to write as they come (`runway export` never holds the whole site). */
export async function streamKpiExport(
  client: JiraClient,
  request: KpiExportRequest,
): Promise<{ pages: AsyncIterable<SearchPage>; missingFields: string[] }> {
  const plan = planKpiFields(await client.getFields(), request.config);
  const pages = client.exportSearchPages({
    jql: request.jql,
    fields: [...plan.fields, ...(request.extraFields ?? [])],
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  return { pages, missingFields: plan.missing };
}
