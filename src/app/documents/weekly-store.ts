// Writing the weekly schedules (one app-storage record, src/storage/status-weekly.ts) from a run
// that publishes several at once and from the macro's Stop: each change re-reads the record and
// patches only its own schedule, one write at a time, so a Stop pressed during a run survives it.
import {
  readWeeklyStatuses,
  sameWeekly,
  writeWeeklyStatuses,
  type TypedStore,
  type WeeklyStatus,
} from '../../storage';

type Key = Pick<WeeklyStatus, 'parentId' | 'implementationKey'>;

export function weeklyWriter(store: TypedStore, initial: WeeklyStatus[]) {
  let list = [...initial];
  let chain: Promise<void> = Promise.resolve();
  const queue = (change: (stored: WeeklyStatus[]) => WeeklyStatus[]): Promise<void> => {
    const write = chain.then(async () => {
      // A key set to undefined (a pause lifted) is left out of the stored JSON.
      list = change(await readWeeklyStatuses(store));
      await writeWeeklyStatuses(store, list);
    });
    chain = write.catch(() => undefined);
    return write;
  };
  return {
    /** The schedules as last read or written. */
    list: () => list,
    /** Patches one schedule as stored now; a schedule removed meanwhile stays removed. */
    update: (key: Key, patch: Partial<WeeklyStatus>) =>
      queue((stored) => stored.map((s) => (sameWeekly(s, key) ? { ...s, ...patch, stopped: s.stopped } : s))),
    /** Replaces the schedules matching `drop` with `schedule`. */
    replace: (drop: (s: WeeklyStatus) => boolean, schedule: WeeklyStatus) =>
      queue((stored) => [...stored.filter((s) => !drop(s)), schedule]),
    /** Stops one schedule (the Stop control). */
    stop: (key: Key, stopped: NonNullable<WeeklyStatus['stopped']>) =>
      queue((stored) => stored.map((s) => (sameWeekly(s, key) ? { ...s, stopped } : s))),
    flushed: () => chain,
  };
}
