// The rules of a weekly status schedule: the week's page titles (as the issue asks, unique in the
// space), when the next page is due, its state, and who may stop it.
import { mayStopWeekly, nextWeeklyRun, weeklyState, weeklyStatusTitles } from '../../../src/domain/status';

describe('the titles of a week’s page', () => {
  it('is "Status <week>" first, then with the implementation’s name, then with its key too', () => {
    expect(weeklyStatusTitles('2026-W49', { key: 'IMP-94', summary: 'Northwind  payments ' })).toEqual([
      'Status 2026-W49',
      'Status 2026-W49 — Northwind payments',
      'Status 2026-W49 — Northwind payments (IMP-94)',
    ]);
  });

  it('goes straight to the key without a name, and stays within Confluence’s 255 characters', () => {
    expect(weeklyStatusTitles('2026-W49', { key: 'IMP-94', summary: '' })).toEqual([
      'Status 2026-W49',
      'Status 2026-W49 (IMP-94)',
    ]);
    const long = weeklyStatusTitles('2026-W49', { key: 'IMP-94', summary: 'x'.repeat(400) });
    expect(long.map((t) => t.length <= 255)).toEqual([true, true, true]);
    expect(long[2]).toMatch(/ \(IMP-94\)$/);
  });
});

describe('the next page', () => {
  it('is this week’s, from today, until this week is published', () => {
    expect(nextWeeklyRun({ lastWeek: '2026-W48' }, '2026-12-02')).toEqual({
      week: '2026-W49',
      from: '2026-12-02',
    });
  });

  it('is next week’s, from its Monday, once this week is published', () => {
    expect(nextWeeklyRun({ lastWeek: '2026-W49' }, '2026-12-02')).toEqual({
      week: '2026-W50',
      from: '2026-12-07',
    });
    // a Sunday: the Monday is tomorrow
    expect(nextWeeklyRun({ lastWeek: '2026-W49' }, '2026-12-06')).toEqual({
      week: '2026-W50',
      from: '2026-12-07',
    });
  });

  it('is none once stopped; a paused schedule still says when it will try', () => {
    expect(nextWeeklyRun({ stopped: { by: 'acc-1', at: '2026-12-01' } }, '2026-12-02')).toBeNull();
    expect(
      weeklyState({ stopped: { by: 'acc-1', at: '2026-12-01' }, paused: { reason: 'x', at: '2026-12-01' } }),
    ).toBe('stopped');
    expect(weeklyState({ paused: { reason: 'x', at: '2026-12-01' } })).toBe('paused');
    expect(weeklyState({})).toBe('on');
  });
});

describe('who may stop it', () => {
  const s = { by: 'acc-setter' };
  it('the person who set it up, or anyone who may edit the page; nobody else', () => {
    expect(mayStopWeekly(s, { accountId: 'acc-setter', mayEditPage: false })).toBe(true);
    expect(mayStopWeekly(s, { accountId: 'acc-editor', mayEditPage: true })).toBe(true);
    expect(mayStopWeekly(s, { accountId: 'acc-reader', mayEditPage: false })).toBe(false);
    expect(mayStopWeekly(s, { accountId: null, mayEditPage: false })).toBe(false);
  });
});
