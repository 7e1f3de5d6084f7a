/**
 * Provisioning: the issue types and custom fields of data-model.md, as the site's config names
 * them. `inspect` says which exist; the `create…` and `addMissingOptions` calls create one missing
 * item (and the options of select fields) through Jira's REST API. The run itself — checking by
 * name first, so running it again creates nothing twice — is src/app/provisioning.ts. Jira admins
 * only (Jira refuses anyone else with 403).
 */
import { z } from 'zod';
import { CHILD_KINDS, LOGICAL_FIELDS, gateName, type LogicalField, type RunwayConfig } from '../domain';
import type { JiraClient } from './client';
import { createTransport, type HttpFetch } from '../http';
import { jiraPath, withQuery } from './path';
import type { JiraField, IssueTypeWire } from './schemas';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
type FieldKind = 'date' | 'number' | 'select';
const FIELD_TYPES: Record<FieldKind, { type: string; searcherKey: string }> = {
  date: { type: `${CF}datepicker`, searcherKey: `${CF}daterange` },
  number: { type: `${CF}float`, searcherKey: `${CF}exactnumber` },
  select: { type: `${CF}select`, searcherKey: `${CF}multiselectsearcher` },
};

/** Each logical field's type, and for selects the options it needs (from the config where it has them). */
const FIELD_SPECS: Record<LogicalField, { kind: FieldKind; options?: (config: RunwayConfig) => string[] }> = {
  contractSigned: { kind: 'date' },
  kickoff: { kind: 'date' },
  firstValue: { kind: 'date' },
  goLive: { kind: 'date' },
  complexity: { kind: 'select', options: (c) => c.complexityTiers },
  segment: { kind: 'select', options: () => ['SMB', 'Mid-Market', 'Enterprise'] },
  csat: { kind: 'number' },
  stakeholderConfidence: { kind: 'number' },
  probability: { kind: 'select', options: () => ['1', '2', '3', '4', '5'] },
  impact: { kind: 'select', options: () => ['1', '2', '3', '4', '5'] },
  baselineDue: { kind: 'date' },
  gateType: { kind: 'select', options: (c) => c.gates.map((g) => gateName(g, c)) },
  integrationRuns: { kind: 'number' },
  failedRuns: { kind: 'number' },
  recordsExpected: { kind: 'number' },
  recordsReconciled: { kind: 'number' },
};

/** Options added to a select field that already existed (config-derived ones only: a site's own option lists stay its own). */
const OPTIONS_KEPT_IN_STEP: ReadonlySet<LogicalField> = new Set(['complexity', 'gateType']);

export type ProvisioningStatus = 'exists' | 'missing' | 'created' | 'failed';

export interface ProvisioningItem {
  kind: 'issueType' | 'field';
  /** Child kind (`gate`) or logical field (`gateType`). */
  key: string;
  name: string;
  status: ProvisioningStatus;
  /** The site's id, when it exists. */
  id: string | null;
  /** What was done or found, in a sentence. */
  detail: string;
}

export interface ProvisioningReport {
  items: ProvisioningItem[];
  created: number;
  failed: number;
  summary: string;
}

const lc = (s: string) => s.trim().toLowerCase();

/** Which issue types and fields exist, by the config's names (any of a kind's names counts), or explicit field ids. */
export function planProvisioning(
  config: RunwayConfig,
  types: readonly IssueTypeWire[],
  fields: readonly JiraField[],
): ProvisioningItem[] {
  // A team-managed project's own type (it has a `scope`) is usable only there: it does not count.
  const typeByName = new Map(types.filter((t) => t.scope === undefined).map((t) => [lc(t.name), t]));
  const items: ProvisioningItem[] = CHILD_KINDS.map((kind) => {
    const names = config.issueTypes[kind];
    const found = names.map((n) => typeByName.get(lc(n))).find((t) => t !== undefined);
    return found
      ? {
          kind: 'issueType',
          key: kind,
          name: found.name,
          status: 'exists',
          id: found.id,
          detail: `Issue type ${found.name} exists`,
        }
      : {
          kind: 'issueType',
          key: kind,
          name: names[0],
          status: 'missing',
          id: null,
          detail: `No issue type named ${names.join(' or ')}`,
        };
  });
  const fieldById = new Map(fields.map((f) => [f.id, f]));
  const fieldsByName = new Map<string, JiraField[]>();
  for (const f of fields) fieldsByName.set(lc(f.name), [...(fieldsByName.get(lc(f.name)) ?? []), f]);
  for (const key of Object.keys(LOGICAL_FIELDS) as LogicalField[]) {
    const name = config.fieldNames[key];
    const explicit = config.fieldIds[key];
    const found = explicit !== undefined ? fieldById.get(explicit) : fieldsByName.get(lc(name))?.[0];
    if (found) {
      items.push({
        kind: 'field',
        key,
        name: found.name,
        status: 'exists',
        id: found.id,
        detail: `Field ${found.name} exists (${found.id})`,
      });
    } else {
      const why =
        explicit !== undefined ? `No field with id ${explicit} (fieldIds.${key})` : `No field named ${name}`;
      items.push({
        kind: 'field',
        key,
        name,
        status: explicit !== undefined ? 'failed' : 'missing',
        id: null,
        detail: why,
      });
    }
  }
  return items;
}

export async function inspectProvisioning(
  client: JiraClient,
  config: RunwayConfig,
): Promise<ProvisioningItem[]> {
  const [types, fields] = await Promise.all([client.getIssueTypes(), client.getFields()]);
  return planProvisioning(config, types, fields);
}

const Page = <T extends z.ZodType>(item: T) => z.looseObject({ values: z.array(item).default([]) });
const ContextSchema = z.looseObject({ id: z.string() });
const OptionSchema = z.looseObject({ id: z.string(), value: z.string() });

/** Adds the options a select field lacks to its global context; returns how many were added. */
async function ensureOptions(fetch: HttpFetch, fieldId: string, wanted: readonly string[]): Promise<number> {
  if (wanted.length === 0) return 0;
  const t = createTransport({ fetch });
  const contexts = await t.json(
    'GET',
    withQuery(jiraPath`/rest/api/3/field/${fieldId}/context`, { isGlobalContext: true, maxResults: 100 }),
    Page(ContextSchema),
  );
  const context = contexts.values[0];
  if (!context) throw new Error(`field ${fieldId} has no global context to hold its options`);
  const path = jiraPath`/rest/api/3/field/${fieldId}/context/${context.id}/option`;
  const existing = await t.json('GET', withQuery(path, { maxResults: 1000 }), Page(OptionSchema));
  const have = new Set(existing.values.map((o) => lc(o.value)));
  const missing = [...new Set(wanted)].filter((v) => !have.has(lc(v)));
  if (missing.length === 0) return 0;
  await t.request('POST', path, {
    body: { options: missing.map((value) => ({ value, disabled: false })) },
    idempotent: false,
  });
  return missing.length;
}

const isLogicalField = (key: string): key is LogicalField => Object.hasOwn(LOGICAL_FIELDS, key);

/** Creates the issue type of a missing item, as the identity of `client`. */
export async function createIssueTypeFor(
  client: JiraClient,
  item: ProvisioningItem,
): Promise<{ id: string; name: string }> {
  const created = await client.createIssueType({
    name: item.name,
    description: `Runway: the ${item.key} of an implementation.`,
    hierarchyLevel: 0,
  });
  return { id: created.id, name: created.name };
}

/** Creates the custom field of a missing item with its type, and a select field's options. */
export async function createFieldFor(
  client: JiraClient,
  fetch: HttpFetch,
  item: ProvisioningItem,
  config: RunwayConfig,
): Promise<{ id: string; name: string; options: number }> {
  const key = item.key;
  if (!isLogicalField(key)) throw new Error(`${key} is not one of Runway's fields`);
  const spec = FIELD_SPECS[key];
  const { type, searcherKey } = FIELD_TYPES[spec.kind];
  const created = await client.createCustomField({
    name: item.name,
    type,
    searcherKey,
    description: `Runway: ${LOGICAL_FIELDS[key]} of data-model.md.`,
  });
  const options =
    spec.kind === 'select' ? await ensureOptions(fetch, created.id, spec.options?.(config) ?? []) : 0;
  return { id: created.id, name: created.name, options };
}

/**
 * Adds the options an existing select field lacks, where Runway keeps them in step with the
 * settings (complexity tiers, gate names); how many were added, or null for any other field.
 */
export async function addMissingOptions(
  fetch: HttpFetch,
  item: ProvisioningItem,
  config: RunwayConfig,
): Promise<number | null> {
  const key = item.key;
  if (item.kind !== 'field' || item.id === null || !isLogicalField(key) || !OPTIONS_KEPT_IN_STEP.has(key))
    return null;
  return ensureOptions(fetch, item.id, FIELD_SPECS[key].options?.(config) ?? []);
}

/** Whether a run has work on an item: create it, or keep a select field's options in step. */
export function needsWork(item: ProvisioningItem): boolean {
  if (item.status === 'missing') return true;
  return (
    item.status === 'exists' &&
    item.kind === 'field' &&
    isLogicalField(item.key) &&
    OPTIONS_KEPT_IN_STEP.has(item.key)
  );
}

/**
 * Adds every option a select field of Runway's lacks (its spec's, as when created): for a field an
 * interrupted run created but could not give its options. 0 for any other field.
 */
export async function ensureSpecOptions(
  fetch: HttpFetch,
  item: ProvisioningItem,
  config: RunwayConfig,
): Promise<number> {
  const key = item.key;
  if (item.kind !== 'field' || item.id === null || !isLogicalField(key)) return 0;
  const spec = FIELD_SPECS[key];
  return spec.kind === 'select' ? ensureOptions(fetch, item.id, spec.options?.(config) ?? []) : 0;
}
