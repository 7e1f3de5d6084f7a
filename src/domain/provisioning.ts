// The rules of a provisioning run (src/app/provisioning.ts): what state it is in, and the
// sentence the Settings page shows for it. Pure: the caller passes the clock's reading.

export type ProvisioningState = 'queued' | 'running' | 'done' | 'interrupted';

export interface RunFacts {
  finishedAt: number | null;
  /** Last sign of life (epoch ms). */
  touchedAt: number;
  /** Null until the run has looked at the site. */
  items: ReadonlyArray<{ status: string }> | null;
}

/**
 * Done once finished; interrupted when nothing was heard of it for `staleMs` (the invocation
 * that had it died, or its event was lost): asking again resumes it; else queued or running.
 */
export function provisioningState(run: RunFacts, now: number, staleMs: number): ProvisioningState {
  if (run.finishedAt !== null) return 'done';
  if (run.touchedAt < now - staleMs) return 'interrupted';
  return run.items === null ? 'queued' : 'running';
}

/** What a finished run did, in one sentence. */
export function provisioningSummary(items: ReadonlyArray<{ status: string }>): string {
  const created = items.filter((i) => i.status === 'created').length;
  const failed = items.filter((i) => i.status === 'failed').length;
  const missing = items.filter((i) => i.status !== 'exists').length;
  if (created === 0 && failed === 0)
    return `Nothing to do: all ${items.length} issue types and fields exist.`;
  const s = missing === 1 ? '' : 's';
  return `Created ${created} of ${missing} missing item${s}${failed > 0 ? `; ${failed} failed` : ''}.`;
}

/** The sentence for a run in any state: what is done so far, and what to do about an interruption. */
export function provisioningProgressSummary(
  state: ProvisioningState,
  items: ReadonlyArray<{ status: string }>,
  progress: { processed: number; planned: number; error: string | null },
): string {
  const { processed, planned, error } = progress;
  switch (state) {
    case 'queued':
      return 'Provisioning is queued and starts in a moment.';
    case 'running':
      return `Provisioning: ${processed} of ${planned} item${planned === 1 ? '' : 's'} done…`;
    case 'interrupted':
      if (items.length === 0)
        return 'Provisioning stopped before it looked at the site; run it again to start it.';
      return `Provisioning stopped after ${processed} of ${planned} item${planned === 1 ? '' : 's'}; run it again to resume where it stopped (nothing is created twice).`;
    case 'done':
      return error !== null ? `Provisioning could not run: ${error}` : provisioningSummary(items);
  }
}
