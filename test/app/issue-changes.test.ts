// Issue events (src/app/issue-changes, through the trigger's parsing): a changed issue and its
// parent are marked with the time of the change, so KPI snapshots older than that are recomputed.
import { markIssueChanged } from '../../src/app/issue-changes';
import { generatePortfolio } from '../../src/local/demo/generate';
import { readChanged } from '../../src/storage';
import { recordIssueChange } from '../../src/triggers/issue-event';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe('an issue changed', () => {
  let app: InMemoryApp;
  beforeEach(async () => {
    app = await inMemoryApp(generatePortfolio({ seed: 1 }).state, NOW);
  });
  afterEach(() => app.close());

  it('marks the issue and its parent as changed at the time of the change', async () => {
    expect(await markIssueChanged(app.portsAs('app'), { issueKey: 'IMP-12', parentKey: 'IMP-1' })).toEqual([
      'IMP-12',
      'IMP-1',
    ]);
    expect(await readChanged(app.store)).toEqual(
      new Map([
        ['IMP-1', NOW.getTime()],
        ['IMP-12', NOW.getTime()],
      ]),
    );
  });

  it('marks only the issue when the event names no parent, and nothing for an event without an issue', async () => {
    expect(
      await recordIssueChange({ issue: { key: 'IMP-3', fields: { parent: null } } }, app.store, 5),
    ).toEqual(['IMP-3']);
    expect(await recordIssueChange({ eventType: 'avi:jira:deleted:issue' }, app.store, 6)).toEqual([]);
    expect(await readChanged(app.store)).toEqual(new Map([['IMP-3', 5]]));
  });
});
