// The site's Runway configuration (admin page): data-model.md names and KPI targets.
import { defaultConfig, RunwayConfigSchema, type RunwayConfig } from '../domain/config';
import type { TypedStore } from './store';

const CONFIG_KEY = 'config:runway';

export async function readConfig(store: TypedStore): Promise<RunwayConfig> {
  return (await store.get(CONFIG_KEY, RunwayConfigSchema)) ?? defaultConfig();
}

export async function writeConfig(store: TypedStore, config: RunwayConfig): Promise<void> {
  await store.set(CONFIG_KEY, RunwayConfigSchema, config);
}
