/**
 * `avi:forge:installed:app` and `avi:forge:upgraded:app`. Provisioning of the issue types and
 * fields of data-model.md is filled in by the settings issue; it must stay idempotent because
 * it runs again on every upgrade. Until then there is nothing to provision.
 */
export async function installTrigger(_event: unknown, _context: unknown): Promise<void> {}
