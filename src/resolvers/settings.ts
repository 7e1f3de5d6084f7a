// Resolver of the Settings admin page (jira:adminPage `runway-settings`): the site's mappings, KPI
// targets and gate definitions (app storage), and provisioning of Runway's issue types and fields.
// Every write is for Jira administrators only (checked with mypermissions as the user), and an
// invalid setting is refused with the reason while the stored settings stay as they were.
import api from '@forge/api';
import Resolver from '@forge/resolver';
import { z } from 'zod';
import {
  invalidRequest,
  GetSettingsPayload,
  ProvisionPayload,
  SaveSettingsPayload,
  SETTINGS_KEYS,
  validateSettings,
  type GetSettingsResult,
  type ProvisionResult,
  type SaveSettingsResult,
} from '../contracts';
import { defaultConfig, type RunwayConfig, messageOf } from '../domain';
import { createJiraClient, type JiraClient, type HttpFetch } from '../jira';
import { fromForgeRequest } from '../jira/forge';
import { isJiraAdmin } from '../jira/gates';
import { inspectProvisioning, provision, type ProvisioningReport } from '../jira/provisioning';
import { readConfig, typedStore, writeConfig, type TypedStore } from '../storage';

export interface SettingsIo {
  jiraFetch: HttpFetch;
  store: TypedStore;
  now: () => number;
}

const userIo = (): SettingsIo => ({
  jiraFetch: fromForgeRequest(api.asUser().requestJira),
  store: typedStore(),
  now: () => Date.now(),
});

const fail = (error: string) => ({ ok: false as const, error });
const ADMINS_ONLY = 'Only Jira administrators can change Runway settings.';

export async function getSettings(
  rawPayload: unknown,
  io: SettingsIo = userIo(),
): Promise<GetSettingsResult> {
  const payload = GetSettingsPayload.safeParse(rawPayload ?? {});
  if (!payload.success) return invalidRequest(payload.error);
  try {
    const client = createJiraClient({ fetch: io.jiraFetch });
    const [settings, canEdit] = await Promise.all([readConfig(io.store), isJiraAdmin(client)]);
    let provisioning = null;
    let provisioningError = null;
    try {
      provisioning = await inspectProvisioning(client, settings);
    } catch (e) {
      provisioningError = `The site's issue types and fields could not be read: ${messageOf(e)}`;
    }
    return {
      ok: true,
      data: { settings, defaults: defaultConfig(), canEdit, provisioning, provisioningError },
    };
  } catch (e) {
    return fail(messageOf(e));
  }
}

export async function saveSettings(
  rawPayload: unknown,
  io: SettingsIo = userIo(),
): Promise<SaveSettingsResult> {
  const payload = SaveSettingsPayload.safeParse(rawPayload);
  if (!payload.success) return invalidRequest(payload.error);
  try {
    if (!(await isJiraAdmin(createJiraClient({ fetch: io.jiraFetch })))) return fail(ADMINS_ONLY);
    const checked = validateSettings(payload.data.settings);
    if (!checked.ok) {
      const reason = `Settings not saved: ${checked.errors.map((e) => `${e.path || '(top level)'}: ${e.message}`).join('; ')}`;
      return { ok: true, data: { saved: false, reason, errors: checked.errors } };
    }
    await writeConfig(io.store, checked.settings);
    return { ok: true, data: { saved: true, settings: checked.settings } };
  } catch (e) {
    return fail(messageOf(e));
  }
}

const LOCK_KEY = 'lock:provisioning';
const Lock = z.object({ at: z.number() });
/** A run that crashed leaves its lock; after this long it is taken over. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Provisioning under a storage lock, so an admin's click and the install trigger never run at once
 * (each checks names before creating; two at once could both see a type missing).
 */
export async function runProvisioning(
  client: JiraClient,
  fetch: HttpFetch,
  config: RunwayConfig,
  store: TypedStore,
  now: () => number,
): Promise<ProvisioningReport> {
  let locked = await store.create(LOCK_KEY, Lock, { at: now() });
  if (!locked) {
    const held = await store.get(LOCK_KEY, Lock);
    if (held !== undefined && now() - held.at < STALE_LOCK_MS) {
      throw new Error(
        `Provisioning is already running (started ${new Date(held.at).toISOString()}); try again in a minute.`,
      );
    }
    await store.delete(LOCK_KEY);
    locked = await store.create(LOCK_KEY, Lock, { at: now() });
    if (!locked) throw new Error('Provisioning is already running; try again in a minute.');
  }
  try {
    return await provision(client, fetch, config);
  } finally {
    await store.delete(LOCK_KEY);
  }
}

export async function provisionSite(
  rawPayload: unknown,
  io: SettingsIo = userIo(),
): Promise<ProvisionResult> {
  const payload = ProvisionPayload.safeParse(rawPayload ?? {});
  if (!payload.success) return invalidRequest(payload.error);
  try {
    const client = createJiraClient({ fetch: io.jiraFetch });
    if (!(await isJiraAdmin(client)))
      return fail('Only Jira administrators can create issue types and fields.');
    const config = await readConfig(io.store);
    return { ok: true, data: await runProvisioning(client, io.jiraFetch, config, io.store, io.now) };
  } catch (e) {
    return fail(messageOf(e));
  }
}

const resolver = new Resolver();
resolver.define(SETTINGS_KEYS.getSettings, ({ payload }) => getSettings(payload));
resolver.define(SETTINGS_KEYS.saveSettings, ({ payload }) => saveSettings(payload));
resolver.define(SETTINGS_KEYS.provision, ({ payload }) => provisionSite(payload));

export const settingsResolver = resolver.getDefinitions();
