/**
 * `avi:jira:created|updated|deleted:issue`. The portfolio KPI gadget issue fills this in: it
 * marks the affected implementation's KPI snapshot stale. Until snapshots exist, nothing to do.
 */
export async function issueEventTrigger(_event: unknown, _context: unknown): Promise<void> {}
