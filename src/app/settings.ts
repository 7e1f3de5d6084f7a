// Use cases of the Settings admin page: read the site's settings (mappings, KPI targets, gate
// definitions) with which of Runway's issue types and fields exist, and save them — Jira
// administrators only (mypermissions, as the user); invalid settings are refused with the reason
// of each field while the stored settings stay as they were.
import {
  validateSettings,
  type GetSettingsResult,
  type GroupSearchResult,
  type SaveSettingsResult,
  type SiteField,
  type UserSearchResult,
} from '../contracts/settings';
import { defaultConfig } from '../domain';
import { createJiraClient } from '../jira';
import { searchGroups, searchPeople, usersByAccountId, type DirectoryUser } from '../jira/directory';
import { isJiraAdmin } from '../jira/gates';
import { inspectProvisioning } from '../jira/provisioning';
import { readConfig, writeConfig } from '../storage';
import { attempt, fail } from './failure';
import { pushRescan } from './marker-queue';
import type { Ports } from './ports';
import { messageOf } from '../domain';

/** The ports the settings use: Jira as the user, app storage. */
export type SettingsPorts = Pick<Ports, 'jiraFetch' | 'store'> & {
  /** Queues the re-scan that sets `runway-implementation` (default: the implementation-markers queue). */
  enqueueRescan?: () => Promise<void>;
};

export function readSettings(ports: SettingsPorts): Promise<GetSettingsResult> {
  return attempt(async () => {
    const jira = createJiraClient({ fetch: ports.jiraFetch });
    const [settings, canEdit] = await Promise.all([readConfig(ports.store), isJiraAdmin(jira)]);
    let provisioning = null;
    let provisioningError = null;
    let siteFields: SiteField[] | null = null;
    let siteFieldsError = null;
    const approvers = settings.gates.flatMap((g) => g.approvers.users);
    const [inspected, fields, people] = await Promise.allSettled([
      inspectProvisioning(jira, settings),
      jira.getFields(),
      approvers.length > 0 ? usersByAccountId(ports.jiraFetch, approvers) : Promise.resolve([]),
    ]);
    if (inspected.status === 'fulfilled') provisioning = inspected.value;
    else
      provisioningError = `The site's issue types and fields could not be read: ${messageOf(inspected.reason)}`;
    if (fields.status === 'fulfilled')
      siteFields = fields.value
        .map((f) => ({ id: f.id, name: f.name, custom: f.custom === true }))
        .sort((a, b) => a.name.localeCompare(b.name));
    else siteFieldsError = `The site's fields could not be read: ${messageOf(fields.reason)}`;
    // Without names the pickers show the account ids: still correct, and the page still loads.
    const named: DirectoryUser[] = people.status === 'fulfilled' ? people.value : [];
    return {
      ok: true,
      data: {
        settings,
        defaults: defaultConfig(),
        canEdit,
        provisioning,
        provisioningError,
        siteFields,
        siteFieldsError,
        people: named,
      },
    };
  });
}

/** Saves `input` (the whole settings as the page edits them) if the user is an admin and it is valid. */
export function saveSettings(ports: SettingsPorts, input: unknown): Promise<SaveSettingsResult> {
  return attempt(async () => {
    if (!(await isJiraAdmin(createJiraClient({ fetch: ports.jiraFetch }))))
      return fail('Only Jira administrators can change Runway settings.');
    const checked = validateSettings(input);
    if (!checked.ok) {
      const reason = `Settings not saved: ${checked.errors.map((e) => `${e.path || '(top level)'}: ${e.message}`).join('; ')}`;
      return { ok: true, data: { saved: false, reason, errors: checked.errors } };
    }
    const before = await readConfig(ports.store);
    await writeConfig(ports.store, checked.settings);
    // A renamed label or type: re-scan so the issue panels show on every implementation.
    const renamed =
      before.implementationLabel !== checked.settings.implementationLabel ||
      before.implementationTypes.join('\n') !== checked.settings.implementationTypes.join('\n');
    if (renamed) await (ports.enqueueRescan ?? pushRescan)();
    return { ok: true, data: { saved: true, settings: checked.settings } };
  });
}

/** People matching `query`, searched as the user (Jira applies its own Browse users permission). */
export function findUsers(ports: Pick<Ports, 'jiraFetch'>, query: string): Promise<UserSearchResult> {
  return attempt(async () => ({ ok: true, data: { users: await searchPeople(ports.jiraFetch, query) } }));
}

/** Groups whose name contains `query`, searched as the user. */
export function findGroups(ports: Pick<Ports, 'jiraFetch'>, query: string): Promise<GroupSearchResult> {
  return attempt(async () => ({ ok: true, data: { groups: await searchGroups(ports.jiraFetch, query) } }));
}
