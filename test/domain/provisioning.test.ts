// The rules of a provisioning run's state and its sentences (src/domain/provisioning.ts).
import {
  provisioningProgressSummary,
  provisioningState,
  provisioningSummary,
} from '../../src/domain/provisioning';

const STALE = 300_000;
const NOW = 1_000_000_000;

describe('a provisioning run', () => {
  it.each([
    [{ finishedAt: NOW - 1, touchedAt: NOW - 10 * STALE, items: [] }, 'done'],
    [{ finishedAt: null, touchedAt: NOW - STALE - 1, items: [] }, 'interrupted'],
    [{ finishedAt: null, touchedAt: NOW - STALE, items: null }, 'queued'],
    [{ finishedAt: null, touchedAt: NOW, items: [] }, 'running'],
  ] as const)('%j is %s', (run, state) => {
    expect(provisioningState(run, NOW, STALE)).toBe(state);
  });

  it('says what a finished run did', () => {
    const created = { status: 'created' };
    const exists = { status: 'exists' };
    expect(provisioningSummary([exists, exists])).toBe('Nothing to do: all 2 issue types and fields exist.');
    expect(provisioningSummary([created, exists])).toBe('Created 1 of 1 missing item.');
    expect(provisioningSummary([created, { status: 'failed' }, exists])).toBe(
      'Created 1 of 2 missing items; 1 failed.',
    );
  });

  it('says how far a run is, and what to do when it stopped', () => {
    const items = [{ status: 'created' }, { status: 'missing' }];
    const progress = { processed: 1, planned: 2, error: null };
    expect(provisioningProgressSummary('queued', [], progress)).toBe(
      'Provisioning is queued and starts in a moment.',
    );
    expect(provisioningProgressSummary('running', items, progress)).toBe('Provisioning: 1 of 2 items done…');
    expect(provisioningProgressSummary('interrupted', items, progress)).toBe(
      'Provisioning stopped after 1 of 2 items; run it again to resume where it stopped (nothing is created twice).',
    );
    expect(provisioningProgressSummary('interrupted', [], progress)).toBe(
      'Provisioning stopped before it looked at the site; run it again to start it.',
    );
    expect(provisioningProgressSummary('done', [], { ...progress, error: 'Jira said no' })).toBe(
      'Provisioning could not run: Jira said no',
    );
  });
});
