// Typed calls of the Settings resolver (src/contracts/settings.ts).
import {
  DirectorySearchPayload,
  GetProvisioningPayload,
  GetSettingsPayload,
  GroupSearchData,
  ProvisioningProgress,
  UserSearchData,
  ProvisionPayload,
  SaveSettingsData,
  SaveSettingsPayload,
  SettingsView,
  SETTINGS_KEYS,
} from '../../src/contracts/settings';
import {
  GetProjectsPayload,
  ProjectsView,
  SetUpProjectsPayload,
  SetUpReport,
} from '../../src/contracts/projects';
import { callResolver } from '../shared/invoke';

export const settingsApi = {
  get: () => callResolver(SETTINGS_KEYS.getSettings, GetSettingsPayload, SettingsView, {}),
  save: (settings: Record<string, unknown>) =>
    callResolver(SETTINGS_KEYS.saveSettings, SaveSettingsPayload, SaveSettingsData, { settings }),
  provision: () => callResolver(SETTINGS_KEYS.provision, ProvisionPayload, ProvisioningProgress, {}),
  provisioning: () =>
    callResolver(SETTINGS_KEYS.getProvisioning, GetProvisioningPayload, ProvisioningProgress.nullable(), {}),
  projects: () => callResolver(SETTINGS_KEYS.getProjects, GetProjectsPayload, ProjectsView, {}),
  setUpProjects: (projectKeys: string[]) =>
    callResolver(SETTINGS_KEYS.setUpProjects, SetUpProjectsPayload, SetUpReport, { projectKeys }),
  searchUsers: (query: string) =>
    callResolver(SETTINGS_KEYS.searchUsers, DirectorySearchPayload, UserSearchData, { query }),
  searchGroups: (query: string) =>
    callResolver(SETTINGS_KEYS.searchGroups, DirectorySearchPayload, GroupSearchData, { query }),
};
