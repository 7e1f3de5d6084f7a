// The `kpi-snapshots` queue (manifest: consumer runway-snapshot-consumer, up to 900 s per event;
// each event works about 15 s and queues the rest, see snapshot-jobs.ts):
// what an event asks for, parsed with zod on the way in, and how one is pushed.
import { Queue } from '@forge/events';
import { z } from 'zod';
import { isoDate } from '../../contracts/dates';

export const SNAPSHOT_QUEUE = 'kpi-snapshots';

/** One job: compute and store the implementation snapshots of a scope at a date. */
export const SnapshotJobEvent = z.object({
  /** Storage id of the scope (its JQL and the configuration). */
  scope: z.string().min(1),
  jql: z.string().min(1),
  asOf: isoDate,
  dates: z.array(isoDate).min(1),
  /**
   * What the job still has to compute, as the event before found it (issue keys as ranges,
   * src/domain/trends/key-ranges): the continuation computes these without surveying again.
   */
  remaining: z.record(z.string(), z.string()).optional(),
});
export type SnapshotJobEvent = z.infer<typeof SnapshotJobEvent>;

export async function pushSnapshotJob(job: SnapshotJobEvent): Promise<void> {
  await new Queue({ key: SNAPSHOT_QUEUE }).push({ body: SnapshotJobEvent.parse(job) });
}
