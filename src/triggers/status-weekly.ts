// Weekly status pages (manifest: scheduledTrigger runway-weekly-status → status-weekly-fn). As the
// app: a scheduled function has no user; each publication was first made by a user who could read
// the implementation and write to the page, and before each page the app checks they still may
// (src/app/documents/weekly.ts, weekly-check.ts).
import { publishWeeklyStatuses } from '../app/documents/weekly';
import { forgePorts } from '../app/forge';

/** The function's limit: manifest.yml gives status-weekly-fn `timeoutSeconds: 900`. */
export const STATUS_WEEKLY_TIMEOUT_MS = 900_000;

export async function statusWeeklyTrigger(_event: unknown, _context: unknown): Promise<void> {
  const run = await publishWeeklyStatuses(forgePorts('app', STATUS_WEEKLY_TIMEOUT_MS));
  console.log(
    `weekly status ${run.week}: ${run.published.length} published, ${run.skipped} already this week or stopped, ${run.paused.length} paused, ${run.deferred} left for the next run`,
  );
  for (const p of run.paused) console.log(`weekly status paused: ${p}`);
  for (const f of run.failures) console.error(`weekly status: ${f}`);
}
