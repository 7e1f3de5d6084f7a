import { timelineLayout } from '../../../src/domain/timeline';

describe('the portfolio timeline layout', () => {
  const layout = timelineLayout(
    [
      {
        key: 'IMP-1',
        kickoff: '2026-01-08',
        forecast: '2026-03-08',
        baseline: '2026-02-28',
        milestones: [
          { key: 'IMP-2', summary: 'Design', dueDate: '2026-02-01', done: true },
          { key: 'IMP-3', summary: 'Undated', dueDate: null, done: false },
        ],
      },
      { key: 'IMP-9', kickoff: null, forecast: '2026-04-01', baseline: null, milestones: [] },
    ],
    '2026-02-15',
  );

  it('spans every date with a week either side', () => {
    expect([layout.start, layout.end]).toEqual(['2026-01-01', '2026-04-08']);
  });

  it('places the bar from kickoff to forecast, the baseline, the dated milestones and today on one scale', () => {
    const [bar, noKickoff] = layout.bars;
    expect(bar?.bar?.left).toBe(7.22); // 7 of 97 days
    expect(bar?.bar?.width).toBeCloseTo(60.82, 2); // 59 of 97 days
    expect(bar?.baseline).toBe(59.79);
    expect(bar?.milestones.map((m) => [m.key, m.at])).toEqual([['IMP-2', 31.96]]);
    expect(layout.today).toBe(46.39);
    expect(noKickoff?.bar).toBeNull();
  });

  it('marks the month starts for the axis', () => {
    expect(layout.months.map((m) => m.date)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
    ]);
  });
});
