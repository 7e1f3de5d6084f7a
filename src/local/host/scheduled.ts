// Scheduled triggers on demand: Forge runs `scheduledTrigger` functions on its own clock (hourly,
// daily, weekly); the local host runs one when asked (the outbox page's button, tests), as Forge
// would: as the app, with the function's `timeoutSeconds` as its limit.
import type { LocalForge } from './forge';
import type { ScheduledTrigger } from './manifest';

export function scheduledTrigger(forge: LocalForge, key: string): ScheduledTrigger {
  const found = forge.manifest.scheduledTriggers?.find((t) => t.key === key);
  if (!found) throw new Error(`manifest.yml has no scheduledTrigger "${key}"`);
  return found;
}

/** Runs a scheduled trigger's function now; resolves with how long it took (ms). */
export async function runScheduledTrigger(forge: LocalForge, key: string): Promise<{ ms: number }> {
  const trigger = scheduledTrigger(forge, key);
  const started = Date.now();
  // Forge's scheduled trigger event: the context of the installation, no user.
  await forge.invokeFunction(
    trigger.functionKey,
    { context: { cloudId: forge.runtime.context.cloudId, moduleKey: trigger.key }, contextToken: 'local' },
    { moduleKey: trigger.key, timeoutMs: trigger.timeoutSeconds * 1000 },
  );
  return { ms: Date.now() - started };
}
