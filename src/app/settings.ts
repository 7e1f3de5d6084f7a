// Use cases of the Settings admin page: read the site's settings (mappings, KPI targets, gate
// definitions) with which of Runway's issue types and fields exist, and save them — Jira
// administrators only (mypermissions, as the user); invalid settings are refused with the reason
// of each field while the stored settings stay as they were.
import { validateSettings, type GetSettingsResult, type SaveSettingsResult } from '../contracts/settings';
import { defaultConfig } from '../domain';
import { createJiraClient } from '../jira';
import { isJiraAdmin } from '../jira/gates';
import { inspectProvisioning } from '../jira/provisioning';
import { readConfig, writeConfig } from '../storage';
import { attempt, fail } from './failure';
import type { Ports } from './ports';
import { messageOf } from '../domain';

/** The ports the settings use: Jira as the user, app storage. */
export type SettingsPorts = Pick<Ports, 'jiraFetch' | 'store'>;

export function readSettings(ports: SettingsPorts): Promise<GetSettingsResult> {
  return attempt(async () => {
    const jira = createJiraClient({ fetch: ports.jiraFetch });
    const [settings, canEdit] = await Promise.all([readConfig(ports.store), isJiraAdmin(jira)]);
    let provisioning = null;
    let provisioningError = null;
    try {
      provisioning = await inspectProvisioning(jira, settings);
    } catch (e) {
      provisioningError = `The site's issue types and fields could not be read: ${messageOf(e)}`;
    }
    return {
      ok: true,
      data: { settings, defaults: defaultConfig(), canEdit, provisioning, provisioningError },
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
    await writeConfig(ports.store, checked.settings);
    return { ok: true, data: { saved: true, settings: checked.settings } };
  });
}
