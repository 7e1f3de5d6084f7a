// Resolver of the Settings admin page (jira:adminPage `runway-settings`): parses each payload and
// calls the use case (src/app/settings, src/app/provisioning) as the user.
import Resolver from '@forge/resolver';
import {
  DirectorySearchPayload,
  GetProjectsPayload,
  GetSettingsPayload,
  SetUpProjectsPayload,
  type GetProjectsResult,
  type SetUpProjectsResult,
  invalidRequest,
  GetProvisioningPayload,
  type GetProvisioningResult,
  ProvisionPayload,
  SaveSettingsPayload,
  SETTINGS_KEYS,
  type GetSettingsResult,
  type ProvisionResult,
  type SaveSettingsResult,
  type GroupSearchResult,
  type UserSearchResult,
} from '../contracts';
import { forgePorts } from '../app/forge';
import type { Ports } from '../app/ports';
import { provisioningProgress, provisionSite } from '../app/provisioning';
import { attempt } from '../app/failure';
import { accountIdOf } from './common';
import { readProjects, setUpProjects } from '../app/projects';
import { findGroups, findUsers, readSettings, saveSettings } from '../app/settings';

const userPorts = (): Ports => forgePorts('user');

export async function getSettings(
  rawPayload: unknown,
  ports: Ports = userPorts(),
): Promise<GetSettingsResult> {
  const payload = GetSettingsPayload.safeParse(rawPayload ?? {});
  if (!payload.success) return invalidRequest(payload.error);
  return readSettings(ports);
}

export async function putSettings(
  rawPayload: unknown,
  ports: Ports = userPorts(),
): Promise<SaveSettingsResult> {
  const payload = SaveSettingsPayload.safeParse(rawPayload);
  if (!payload.success) return invalidRequest(payload.error);
  return saveSettings(ports, payload.data.settings);
}

/** Queues a provisioning run (a consumer does it: src/app/provisioning.ts); the page polls getProvisioning. */
export async function provision(
  rawPayload: unknown,
  accountId: string,
  ports: Ports = userPorts(),
): Promise<ProvisionResult> {
  const payload = ProvisionPayload.safeParse(rawPayload ?? {});
  if (!payload.success) return invalidRequest(payload.error);
  return provisionSite(ports, accountId);
}

export async function getProvisioning(
  rawPayload: unknown,
  ports: Ports = userPorts(),
): Promise<GetProvisioningResult> {
  const payload = GetProvisioningPayload.safeParse(rawPayload ?? {});
  if (!payload.success) return invalidRequest(payload.error);
  return attempt(async () => ({ ok: true as const, data: await provisioningProgress(ports) }));
}

export async function getProjects(
  rawPayload: unknown,
  ports: Ports = userPorts(),
): Promise<GetProjectsResult> {
  const payload = GetProjectsPayload.safeParse(rawPayload ?? {});
  if (!payload.success) return invalidRequest(payload.error);
  return readProjects(ports);
}

export async function setUp(rawPayload: unknown, ports: Ports = userPorts()): Promise<SetUpProjectsResult> {
  const payload = SetUpProjectsPayload.safeParse(rawPayload);
  if (!payload.success) return invalidRequest(payload.error);
  return setUpProjects(ports, payload.data.projectKeys);
}

export async function searchUsers(
  rawPayload: unknown,
  ports: Ports = userPorts(),
): Promise<UserSearchResult> {
  const payload = DirectorySearchPayload.safeParse(rawPayload);
  if (!payload.success) return invalidRequest(payload.error);
  return findUsers(ports, payload.data.query);
}

export async function searchGroups(
  rawPayload: unknown,
  ports: Ports = userPorts(),
): Promise<GroupSearchResult> {
  const payload = DirectorySearchPayload.safeParse(rawPayload);
  if (!payload.success) return invalidRequest(payload.error);
  return findGroups(ports, payload.data.query);
}

const resolver = new Resolver();
resolver.define(SETTINGS_KEYS.getSettings, ({ payload }) => getSettings(payload));
resolver.define(SETTINGS_KEYS.saveSettings, ({ payload }) => putSettings(payload));
resolver.define(SETTINGS_KEYS.provision, ({ payload, context }) => provision(payload, accountIdOf(context)));
resolver.define(SETTINGS_KEYS.getProvisioning, ({ payload }) => getProvisioning(payload));
resolver.define(SETTINGS_KEYS.getProjects, ({ payload }) => getProjects(payload));
resolver.define(SETTINGS_KEYS.setUpProjects, ({ payload }) => setUp(payload));
resolver.define(SETTINGS_KEYS.searchUsers, ({ payload }) => searchUsers(payload));
resolver.define(SETTINGS_KEYS.searchGroups, ({ payload }) => searchGroups(payload));

export const settingsResolver = resolver.getDefinitions();
