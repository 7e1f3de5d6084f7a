/**
 * Provisioning: the issue types and custom fields of data-model.md, as the site's config names
 * them. `inspect` says which exist; `provision` creates the missing ones (and the options of its
 * select fields) through Jira's REST API, checking by name first, so running it again creates
 * nothing twice. Jira admins only (Jira refuses anyone else with 403).
 */
import { z } from 'zod';
import {
  CHILD_KINDS,
  LOGICAL_FIELDS,
  gateName,
  messageOf,
  type LogicalField,
  type RunwayConfig,
} from '../domain';
import { createTransport, type HttpFetch } from '../http';
import type { JiraClient } from './client';
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
  const typeByName = new Map(types.map((t) => [lc(t.name), t]));
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

/** Creates what is missing, as the identity of `client`/`fetch`; never creates what already exists. */
export async function provision(
  client: JiraClient,
  fetch: HttpFetch,
  config: RunwayConfig,
): Promise<ProvisioningReport> {
  const items = await inspectProvisioning(client, config);
  const out: ProvisioningItem[] = [];
  for (const item of items) {
    if (item.kind === 'issueType') {
      if (item.status !== 'missing') {
        out.push(item);
        continue;
      }
      try {
        const created = await client.createIssueType({
          name: item.name,
          description: `Runway: the ${item.key} of an implementation.`,
          hierarchyLevel: 0,
        });
        out.push({
          ...item,
          status: 'created',
          id: created.id,
          detail: `Created issue type ${created.name}`,
        });
      } catch (e) {
        out.push({
          ...item,
          status: 'failed',
          detail: `Could not create issue type ${item.name}: ${messageOf(e)}`,
        });
      }
      continue;
    }
    const key = item.key as LogicalField;
    const spec = FIELD_SPECS[key];
    const options = spec.options?.(config) ?? [];
    if (item.status === 'exists') {
      if (spec.kind !== 'select' || !OPTIONS_KEPT_IN_STEP.has(key) || item.id === null) {
        out.push(item);
        continue;
      }
      try {
        const added = await ensureOptions(fetch, item.id, options);
        out.push(
          added > 0
            ? { ...item, detail: `${item.detail}; added ${added} missing option${added === 1 ? '' : 's'}` }
            : item,
        );
      } catch (e) {
        out.push({
          ...item,
          status: 'failed',
          detail: `${item.detail}, but its options could not be checked: ${messageOf(e)}`,
        });
      }
      continue;
    }
    if (item.status !== 'missing') {
      out.push(item);
      continue;
    }
    try {
      const { type, searcherKey } = FIELD_TYPES[spec.kind];
      const created = await client.createCustomField({
        name: item.name,
        type,
        searcherKey,
        description: `Runway: ${LOGICAL_FIELDS[key]} of data-model.md.`,
      });
      const added = spec.kind === 'select' ? await ensureOptions(fetch, created.id, options) : 0;
      out.push({
        ...item,
        status: 'created',
        id: created.id,
        detail: `Created field ${created.name} (${created.id})${added > 0 ? ` with ${added} options` : ''}`,
      });
    } catch (e) {
      out.push({ ...item, status: 'failed', detail: `Could not create field ${item.name}: ${messageOf(e)}` });
    }
  }
  const created = out.filter((i) => i.status === 'created').length;
  const failed = out.filter((i) => i.status === 'failed').length;
  const summary =
    created === 0 && failed === 0
      ? `Nothing to do: all ${out.length} issue types and fields exist.`
      : `Created ${created} of ${out.filter((i) => i.status !== 'exists').length} missing item${created === 1 ? '' : 's'}${failed > 0 ? `; ${failed} failed` : ''}.`;
  return { items: out, created, failed, summary };
}
