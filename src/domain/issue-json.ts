/**
 * The domain's schemas of Jira issue JSON (the adapter's wire types are in src/jira/schemas.ts,
 * named *Wire). The Jira JSON the engine reads: `GET /rest/api/3/search/jql?expand=names,changelog` pages
 * (and the REST v2 shapes real sites still return). The zod schemas are the declared types;
 * the `read*` functions below are hand-written, allocation-light readers for the hot path that
 * return values of exactly those types, or undefined when the JSON does not fit (never throw).
 */
import { z } from 'zod';

/** `2026-03-10` (date fields, `duedate`). */
export const JiraDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;
/** `2026-03-10T23:30:00.000-0800` (created, resolutiondate, changelog). */
export const JiraTimestampSchema = z.string().regex(TIMESTAMP);

export const JiraNamedSchema = z.looseObject({ id: z.string().optional(), name: z.string() });
export type JiraNamed = z.infer<typeof JiraNamedSchema>;

export const JiraStatusSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  statusCategory: z.looseObject({ key: z.string() }).optional(),
});
export type JiraStatus = z.infer<typeof JiraStatusSchema>;

export const JiraIssueTypeSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  subtask: z.boolean().optional(),
  hierarchyLevel: z.number().optional(),
});
export type JiraIssueType = z.infer<typeof JiraIssueTypeSchema>;

export const JiraUserSchema = z.looseObject({
  accountId: z.string().optional(),
  displayName: z.string().optional(),
});
export type JiraUser = z.infer<typeof JiraUserSchema>;

/** A select / radio option: `{ value: "Standard", id: "10108" }`. */
export const JiraOptionSchema = z.looseObject({ id: z.string().optional(), value: z.string() });
export type JiraOption = z.infer<typeof JiraOptionSchema>;

export const JiraParentSchema = z.looseObject({ id: z.string().optional(), key: z.string() });
export type JiraParent = z.infer<typeof JiraParentSchema>;

export const JiraIssueLinkSchema = z.looseObject({
  id: z.string().optional(),
  type: z
    .looseObject({
      name: z.string().optional(),
      inward: z.string().optional(),
      outward: z.string().optional(),
    })
    .optional(),
  inwardIssue: z.looseObject({ key: z.string() }).optional(),
  outwardIssue: z.looseObject({ key: z.string() }).optional(),
});
export type JiraIssueLink = z.infer<typeof JiraIssueLinkSchema>;

/**
 * The fields the engine knows by id. Custom fields (found through `names`) are read by the
 * model with the readers below, so the object stays open.
 */
export const JiraFieldsSchema = z.looseObject({
  summary: z.string().nullish(),
  created: JiraTimestampSchema.nullish(),
  updated: JiraTimestampSchema.nullish(),
  issuetype: JiraIssueTypeSchema.nullish(),
  project: z
    .looseObject({ id: z.string().optional(), key: z.string(), name: z.string().optional() })
    .nullish(),
  status: JiraStatusSchema.nullish(),
  resolution: JiraNamedSchema.nullish(),
  resolutiondate: JiraTimestampSchema.nullish(),
  priority: JiraNamedSchema.nullish(),
  assignee: JiraUserSchema.nullish(),
  labels: z.array(z.string()).nullish(),
  duedate: JiraDateSchema.nullish(),
  parent: JiraParentSchema.nullish(),
  timeoriginalestimate: z.number().nullish(),
  timespent: z.number().nullish(),
  issuelinks: z.array(JiraIssueLinkSchema).nullish(),
});
export type JiraFields = z.infer<typeof JiraFieldsSchema>;

/** v3 items carry `fieldId`; v2 items (ActionableAgile sample) only `field`. */
export const JiraChangelogItemSchema = z.looseObject({
  field: z.string(),
  fieldId: z.string().optional(),
  fieldtype: z.string().optional(),
  from: z.string().nullish(),
  fromString: z.string().nullish(),
  to: z.string().nullish(),
  toString: z.string().nullish(),
});
export type JiraChangelogItem = z.infer<typeof JiraChangelogItemSchema>;

export const JiraHistorySchema = z.looseObject({
  id: z.string().optional(),
  created: JiraTimestampSchema,
  items: z.array(JiraChangelogItemSchema),
});
export type JiraHistory = z.infer<typeof JiraHistorySchema>;

export const JiraChangelogSchema = z.looseObject({
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
  histories: z.array(JiraHistorySchema),
});

/**
 * An issue as the engine reads it. `fields` is typed loosely on purpose: real sites put
 * anything in there, and a bad value must cost a warning, not the whole export.
 */
export const JiraIssueSchema = z.looseObject({
  id: z.string().optional(),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()),
  changelog: JiraChangelogSchema.optional(),
});
export type JiraIssue = z.infer<typeof JiraIssueSchema>;

/** `names` (expand=names): field id → field name. */
export const JiraNamesSchema = z.record(z.string(), z.string());
export type JiraNames = z.infer<typeof JiraNamesSchema>;

/** One page of `/rest/api/3/search/jql` (cursor) or the old `/search` (offset). */
export const JiraSearchPageSchema = z.looseObject({
  issues: z.array(z.unknown()),
  names: JiraNamesSchema.optional(),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});
export type JiraSearchPage = z.infer<typeof JiraSearchPageSchema>;

// ---------------------------------------------------------------------------------------------
// Hot-path readers: each returns a value of the schema's type or undefined, never throws.

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `v.name` when v is an object with a string name (status, priority, resolution, issuetype). */
export function nameOf(v: unknown): string | undefined {
  return isObject(v) && typeof v.name === 'string' ? v.name : undefined;
}

/** `status.statusCategory.key`, without building a JiraStatus. */
export function statusCategoryOf(status: unknown): string | undefined {
  if (!isObject(status) || !isObject(status.statusCategory)) return undefined;
  return str(status.statusCategory.key);
}

/** `issuetype.hierarchyLevel`: a number, or a numeric string as some exports write it ("1"). */
export function readHierarchyLevel(v: unknown): number | undefined {
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function readUser(v: unknown): JiraUser | undefined {
  if (!isObject(v)) return undefined;
  const accountId = str(v.accountId) ?? str(v.key) ?? str(v.name);
  const displayName = str(v.displayName);
  return accountId === undefined && displayName === undefined ? undefined : { accountId, displayName };
}

export function readParent(v: unknown): JiraParent | undefined {
  return isObject(v) && typeof v.key === 'string' ? { key: v.key, id: str(v.id) } : undefined;
}

export function readLabels(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  for (let i = 0; i < v.length; i++)
    if (typeof v[i] !== 'string') return v.filter((x): x is string => typeof x === 'string');
  return v as string[];
}

export function readNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  if (isObject(v)) return readNumber(v.value); // a select whose options are numbers ("1".."5")
  return undefined;
}

/** A select/radio value, a plain string, or the first of a multi-select. */
export function readOptionValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObject(v)) return str(v.value) ?? str(v.name);
  if (Array.isArray(v) && v.length > 0) return readOptionValue(v[0]);
  return undefined;
}

export function readIssueLinks(v: unknown): JiraIssueLink[] {
  if (!Array.isArray(v)) return [];
  const out: JiraIssueLink[] = [];
  for (const l of v) {
    if (!isObject(l)) continue;
    const type = isObject(l.type)
      ? { name: str(l.type.name), inward: str(l.type.inward), outward: str(l.type.outward) }
      : undefined;
    const inward = isObject(l.inwardIssue) ? str(l.inwardIssue.key) : undefined;
    const outward = isObject(l.outwardIssue) ? str(l.outwardIssue.key) : undefined;
    out.push({
      id: str(l.id),
      type,
      inwardIssue: inward === undefined ? undefined : { key: inward },
      outwardIssue: outward === undefined ? undefined : { key: outward },
    });
  }
  return out;
}

/** `TIMESTAMP.test(v)` by character codes: it runs for every history of a 100k-issue export. */
function isTimestamp(v: unknown): v is string {
  if (typeof v !== 'string' || v.length < 11 || v.charCodeAt(10) !== 84) return false; // 'T'
  for (let i = 0; i < 10; i++) {
    const c = v.charCodeAt(i);
    if (i === 4 || i === 7 ? c !== 45 : c < 48 || c > 57) return false; // '-' or a digit
  }
  return true;
}

const isOptionalString = (x: unknown) => x === undefined || x === null || typeof x === 'string';

function isItem(v: unknown): v is JiraChangelogItem {
  if (!isObject(v) || typeof v.field !== 'string') return false;
  return (
    isOptionalString(v.from) &&
    isOptionalString(v.fromString) &&
    isOptionalString(v.to) &&
    isOptionalString(v.toString) &&
    (v.fieldId === undefined || typeof v.fieldId === 'string')
  );
}

/**
 * The histories of an issue, keeping the original arrays when they are well formed (the common
 * case) and dropping histories without a timestamp and items that are not items. `dropped`
 * counts what was left out, so the caller can warn about it.
 */
export function readHistories(changelog: unknown): { histories: JiraHistory[]; dropped: number } {
  if (!isObject(changelog) || !Array.isArray(changelog.histories)) return { histories: [], dropped: 0 };
  const raw: unknown[] = changelog.histories;
  let clean = true;
  let dropped = 0;
  // Indexed loops: every history of every issue passes here (see scanImplementations).
  for (let i = 0; clean && i < raw.length; i++) {
    const h = raw[i];
    if (!isObject(h) || !isTimestamp(h.created) || !Array.isArray(h.items)) clean = false;
    else for (let j = 0; clean && j < h.items.length; j++) clean = isItem(h.items[j]);
  }
  if (clean) return { histories: raw as JiraHistory[], dropped };
  const histories: JiraHistory[] = [];
  for (const h of raw) {
    if (!isObject(h) || !isTimestamp(h.created) || !Array.isArray(h.items)) {
      dropped++;
      continue;
    }
    const items = (h.items as unknown[]).filter(isItem);
    dropped += h.items.length - items.length;
    histories.push({ ...h, created: h.created, items });
  }
  return { histories, dropped };
}

/**
 * An issue of a search page, or a reason why it cannot be one (no key). Only the envelope is
 * checked here; fields are read defensively by the model.
 */
export function readIssue(
  v: unknown,
): { ok: true; issue: JiraIssue; droppedHistory: number } | { ok: false; error: string } {
  if (!isObject(v)) return { ok: false, error: 'is not an object' };
  if (typeof v.key !== 'string' || v.key === '') return { ok: false, error: 'has no key' };
  const fields = isObject(v.fields) ? v.fields : {};
  const { histories, dropped } = readHistories(v.changelog);
  const id = str(v.id);
  const issue: JiraIssue = { key: v.key, fields, changelog: { histories } };
  if (id !== undefined) issue.id = id;
  return { ok: true, issue, droppedHistory: dropped };
}
