// The Settings admin page (jira:adminPage `runway-settings`): resolver keys, payloads, answers,
// and the validation both sides share, so an error shows next to its field before saving and the
// resolver refuses exactly the same settings.
import { z } from 'zod';
import { RunwayConfigSchema, type RunwayConfig, type RunwayConfigInput } from '../domain/config';
import { resolverResultSchema } from './result';

export const SETTINGS_KEYS = {
  getSettings: 'getSettings',
  saveSettings: 'saveSettings',
  provision: 'provision',
  getProvisioning: 'getProvisioning',
  getProjects: 'getProjects',
  setUpProjects: 'setUpProjects',
  searchUsers: 'searchUsers',
  searchGroups: 'searchGroups',
} as const;

export const GetSettingsPayload = z.strictObject({});
/** The whole configuration as the page edits it; omitted keys take their defaults. Checked by RunwayConfigSchema. */
export const SaveSettingsPayload = z.strictObject({ settings: z.record(z.string(), z.unknown()) });
export type SaveSettingsPayload = z.infer<typeof SaveSettingsPayload>;
export const ProvisionPayload = z.strictObject({});
export const GetProvisioningPayload = z.strictObject({});

/** What the approver pickers search Jira for (as the admin): a name or email prefix, a group name part. */
export const DirectorySearchPayload = z.strictObject({ query: z.string().trim().min(1).max(100) });
export type DirectorySearchPayload = z.infer<typeof DirectorySearchPayload>;

/** A person as the pickers show one; settings keep only the account id. */
export const DirectoryUser = z.object({
  accountId: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  active: z.boolean(),
});
export type DirectoryUser = z.infer<typeof DirectoryUser>;
/** A Jira group; approvers keep its name (what Jira's group membership reports). */
export const DirectoryGroup = z.object({ name: z.string(), groupId: z.string().nullable() });
export type DirectoryGroup = z.infer<typeof DirectoryGroup>;
export const UserSearchData = z.object({ users: z.array(DirectoryUser) });
export const GroupSearchData = z.object({ groups: z.array(DirectoryGroup) });

/** A field of the site, chosen by name in Mappings → Fields; settings keep its id. */
export const SiteField = z.object({ id: z.string(), name: z.string(), custom: z.boolean() });
export type SiteField = z.infer<typeof SiteField>;

/** One problem of the settings: where (`gates.2.approvers.groups.0`) and what. */
export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

/** Validates settings as the resolver will; the errors carry the path of their field. */
export function validateSettings(
  input: unknown,
): { ok: true; settings: RunwayConfig } | { ok: false; errors: FieldError[] } {
  const r = RunwayConfigSchema.safeParse(input);
  if (r.success) return { ok: true, settings: r.data };
  const errors = r.error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({ path: path ? `${path}.${k}` : k, message: `unknown setting "${k}"` }));
    return [{ path, message: issue.message }];
  });
  return { ok: false, errors };
}

export const ProvisioningItem = z.object({
  kind: z.enum(['issueType', 'field']),
  key: z.string(),
  name: z.string(),
  status: z.enum(['exists', 'missing', 'created', 'failed']),
  id: z.string().nullable(),
  detail: z.string(),
});
export type ProvisioningItem = z.infer<typeof ProvisioningItem>;

export const ProvisioningReport = z.object({
  items: z.array(ProvisioningItem),
  created: z.number().int(),
  failed: z.number().int(),
  summary: z.string(),
});
export type ProvisioningReport = z.infer<typeof ProvisioningReport>;

/**
 * A provisioning run as the page polls it (it runs in a queue consumer): the items so far, and
 * the summary sentence of its state. `total` is null until the run has looked at the site.
 */
export const ProvisioningProgress = ProvisioningReport.extend({
  state: z.enum(['queued', 'running', 'done', 'interrupted']),
  requestedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  processed: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
});
export type ProvisioningProgress = z.infer<typeof ProvisioningProgress>;

const Settings = z.custom<RunwayConfig>(
  (v) => RunwayConfigSchema.safeParse(v).success,
  'not valid Runway settings',
);

export const SettingsView = z.object({
  settings: Settings,
  /** The defaults of data-model.md and kpis.md (for "reset to default"). */
  defaults: Settings,
  /** Jira administrators may save and provision; anyone else sees the page read-only. */
  canEdit: z.boolean(),
  /** What exists on the site; null with `provisioningError` when it could not be read. */
  provisioning: z.array(ProvisioningItem).nullable(),
  provisioningError: z.string().nullable(),
  /** The site's fields by name (null with `siteFieldsError` when they could not be read). */
  siteFields: z.array(SiteField).nullable(),
  siteFieldsError: z.string().nullable(),
  /** The people the settings name as approvers (their account ids), for the pickers to show names. */
  people: z.array(DirectoryUser),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const SaveSettingsData = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), settings: Settings }),
  /** Refused: the stored settings are unchanged. */
  z.object({ saved: z.literal(false), reason: z.string(), errors: z.array(FieldError) }),
]);
export type SaveSettingsData = z.infer<typeof SaveSettingsData>;

export const GetSettingsResult = resolverResultSchema(SettingsView);
export type GetSettingsResult = z.infer<typeof GetSettingsResult>;
export const SaveSettingsResult = resolverResultSchema(SaveSettingsData);
export type SaveSettingsResult = z.infer<typeof SaveSettingsResult>;
export const ProvisionResult = resolverResultSchema(ProvisioningProgress);
export type ProvisionResult = z.infer<typeof ProvisionResult>;
/** The last run, or null when provisioning never ran. */
export const GetProvisioningResult = resolverResultSchema(ProvisioningProgress.nullable());
export type GetProvisioningResult = z.infer<typeof GetProvisioningResult>;
export const UserSearchResult = resolverResultSchema(UserSearchData);
export type UserSearchResult = z.infer<typeof UserSearchResult>;
export const GroupSearchResult = resolverResultSchema(GroupSearchData);
export type GroupSearchResult = z.infer<typeof GroupSearchResult>;

export type { RunwayConfig, RunwayConfigInput };

// The names the page lays its fields out by (the settings' own structure).
export { CHILD_KINDS, LOGICAL_FIELDS } from '../domain/config';
export { KPI_DEFINITIONS, KPI_IDS } from '../domain/kpis/definitions';
export { BUILT_IN_GATE_IDS, LABEL_KEYS } from '../domain/gates/definitions';
// The alerts block (shared/spec/alerts.md): its rules, in order, and their names.
export { ALERT_RULES } from '../domain/config';
export { RULE_TITLES as ALERT_RULE_TITLES } from '../domain/alerts/digest';
export { fractionOf, isPercentUnit, percentOf } from '../domain/kpis/percent';
export { distinctErrors, FIELD_WORDS, settingPathInWords } from '../domain/setting-words';
export { fieldsSharingASiteField } from '../domain/field-choices';
export {
  CRITERION_KINDS,
  criterionKindInfo,
  gateIdFor,
  LABEL_WORDS,
  newCriterion,
  PER_ITEM_KPIS,
  WHEN_NONE_WORDS,
} from '../domain/gates/criterion-kinds';
