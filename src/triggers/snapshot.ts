// Background KPI snapshots (src/app/kpis/snapshot-jobs.ts): the daily scheduled trigger pushes one
// job per scope in use to the `kpi-snapshots` queue; its consumer (up to 900 s) computes what a
// scope still lacks, as the app.
import { z } from 'zod';
import {
  dailySnapshotDeps,
  recordJobFailure,
  runDailySnapshots,
  runSnapshotJob,
  snapshotJobDeps,
  SnapshotJobEvent,
} from '../app/kpis';
import { messageOf } from '../domain';

const ConsumerEvent = z.object({ body: z.unknown() });

/** Consumer of the `kpi-snapshots` queue (manifest: runway-snapshot-consumer, 900 s). */
export async function snapshotConsumer(event: unknown, _context: unknown): Promise<void> {
  const parsed = ConsumerEvent.safeParse(event);
  const job = SnapshotJobEvent.safeParse(parsed.success ? parsed.data.body : undefined);
  if (!job.success) {
    console.error(`kpi-snapshots: an event that is not a snapshot job was ignored: ${job.error.message}`);
    return;
  }
  const deps = await snapshotJobDeps();
  try {
    await runSnapshotJob(job.data, deps);
  } catch (e) {
    // Recorded for the views (the job is then taken over by the next view call); not retried blindly.
    const message = messageOf(e);
    await recordJobFailure(job.data, message, deps);
    console.error(`kpi-snapshots: ${job.data.jql} as of ${job.data.asOf} failed: ${message}`);
  }
}

export async function snapshotTrigger(_event: unknown, _context: unknown): Promise<void> {
  await runDailySnapshots(dailySnapshotDeps());
}
