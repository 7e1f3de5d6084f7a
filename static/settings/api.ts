// Typed calls of the Settings resolver (src/contracts/settings.ts).
import {
  GetSettingsPayload,
  ProvisioningReport,
  ProvisionPayload,
  SaveSettingsData,
  SaveSettingsPayload,
  SettingsView,
  SETTINGS_KEYS,
} from '../../src/contracts/settings';
import { callResolver } from '../shared/invoke';

export const settingsApi = {
  get: () => callResolver(SETTINGS_KEYS.getSettings, GetSettingsPayload, SettingsView, {}),
  save: (settings: Record<string, unknown>) =>
    callResolver(SETTINGS_KEYS.saveSettings, SaveSettingsPayload, SaveSettingsData, { settings }),
  provision: () => callResolver(SETTINGS_KEYS.provision, ProvisionPayload, ProvisioningReport, {}),
};
