/**
 * Daily scheduled trigger. The portfolio KPI gadget issue fills this in: it splits the
 * portfolio into batches and pushes them to the `kpi-snapshots` queue. No-op until then.
 */
export async function snapshotTrigger(_event: unknown, _context: unknown): Promise<void> {}

/**
 * Consumer of the `kpi-snapshots` queue (up to 900 s per batch): computes one batch's KPIs and
 * stores the snapshot. Filled in by the portfolio KPI gadget issue; no-op until then.
 */
export async function snapshotConsumer(_event: unknown, _context: unknown): Promise<void> {}
