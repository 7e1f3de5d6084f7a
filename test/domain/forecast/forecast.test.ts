import {
  buildImplementations,
  defaultConfig,
  forecastGoLive,
  projectedLate,
  type GoLiveForecast,
} from '../../../src/domain';
import { forecastsAt, projectedLateView } from '../../../src/app/forecast';
import { TEST_NAMES, anImplementation, done, type IssueSpec } from '../../builders/jira';

const AS_OF = '2026-06-30';

function forecastOf(children: IssueSpec[], implementation: IssueSpec = {}, asOf = AS_OF): GoLiveForecast {
  const config = defaultConfig();
  const model = buildImplementations(
    anImplementation({ key: 'IMP-1', ...implementation, children }),
    TEST_NAMES,
    {
      asOf,
      config,
    },
  );
  return forecastGoLive(model.implementations[0], config, asOf);
}

const goLive = (due: string, baseline = due): IssueSpec => ({
  key: 'IMP-9',
  type: 'Milestone',
  labels: ['go-live'],
  duedate: due,
  custom: { 'Baseline Due': baseline },
});
const doneMilestone = (baseline: string, resolved: string): IssueSpec => ({
  type: 'Milestone',
  custom: { 'Baseline Due': baseline },
  ...done(`${resolved}T10:00:00.000+0000`),
});

describe('forecast go-live', () => {
  it('is the go-live milestone’s due date when no milestone is done yet', () => {
    const f = forecastOf([goLive('2026-09-01')]);
    expect([f.date, f.basis, f.slipDays, f.projectedLate]).toEqual(['2026-09-01', 'slip', 0, false]);
    expect(f.explanation).toContain('no milestone done yet');
  });

  it('adds the median slip of the done milestones (days from baseline to done)', () => {
    const f = forecastOf([
      goLive('2026-09-01'),
      doneMilestone('2026-04-01', '2026-04-11'), // 10 late
      doneMilestone('2026-05-01', '2026-05-05'), // 4 late
      doneMilestone('2026-06-01', '2026-06-21'), // 20 late
    ]);
    expect([f.date, f.slipDays, f.doneMilestones, f.projectedLate, f.lateByDays]).toEqual([
      '2026-09-11',
      10,
      3,
      true,
      10,
    ]);
  });

  it('never subtracts: milestones done early count as no slip', () => {
    const f = forecastOf([goLive('2026-09-01'), doneMilestone('2026-04-10', '2026-04-01')]);
    expect([f.date, f.slipDays]).toEqual(['2026-09-01', 0]);
  });

  it('is never before today while not done', () => {
    const f = forecastOf([goLive('2026-06-10', '2026-06-01')]);
    expect([f.date, f.projectedLate, f.lateByDays]).toEqual([AS_OF, true, 29]);
  });

  it('a moved go-live milestone is projected late against its baseline', () => {
    const f = forecastOf([goLive('2026-09-15', '2026-09-01')]);
    expect([f.date, f.baseline, f.projectedLate, f.lateByDays]).toEqual([
      '2026-09-15',
      '2026-09-01',
      true,
      14,
    ]);
  });

  it('uses the planned Go-Live Date when there is no go-live milestone', () => {
    const f = forecastOf([doneMilestone('2026-04-01', '2026-04-08')], {
      custom: { 'Go-Live Date': '2026-08-01' },
    });
    expect([f.date, f.baseline, f.slipDays, f.projectedLate]).toEqual(['2026-08-08', '2026-08-01', 7, true]);
  });

  it('a live implementation forecasts its go-live and is not “projected” late', () => {
    const f = forecastOf([{ ...goLive('2026-05-01'), ...done('2026-05-20T10:00:00.000+0000') }]);
    expect([f.date, f.basis, f.projectedLate, f.lateByDays]).toEqual(['2026-05-20', 'live', false, 19]);
  });

  it('has no date without a go-live milestone or a planned date, and says why', () => {
    const f = forecastOf([]);
    expect([f.date, f.basis, f.projectedLate]).toEqual([null, 'none', false]);
    expect(f.explanation).toMatch(/No forecast/);
  });

  it('lists the open implementations projected late, latest first', () => {
    const config = defaultConfig();
    const issues = [
      ...anImplementation({ key: 'IMP-1', children: [goLive('2026-09-10', '2026-09-01')] }),
      ...anImplementation({
        key: 'IMP-20',
        children: [{ ...goLive('2026-09-30', '2026-09-01'), key: 'IMP-21' }],
      }),
      ...anImplementation({ key: 'IMP-30', children: [{ ...goLive('2026-09-01'), key: 'IMP-31' }] }),
    ];
    const model = buildImplementations(issues, TEST_NAMES, { asOf: AS_OF, config });
    expect(
      projectedLate(model.implementations, config, AS_OF).map((x) => [x.key, x.forecast.lateByDays]),
    ).toEqual([
      ['IMP-20', 29],
      ['IMP-1', 9],
    ]);
  });
});

describe('projected late in the KPI gadget (from the snapshots’ stored forecasts)', () => {
  it('stores each open implementation’s forecast and counts those past their baseline, worst first', () => {
    const issues = [
      ...anImplementation({ key: 'IMP-1', children: [goLive('2026-09-10', '2026-09-01')] }),
      ...anImplementation({
        key: 'IMP-20',
        children: [{ ...goLive('2026-09-30', '2026-09-01'), key: 'IMP-21' }],
      }),
      ...anImplementation({ key: 'IMP-30', children: [{ ...goLive('2026-09-01'), key: 'IMP-31' }] }),
      ...anImplementation({ key: 'IMP-40', ...done('2026-06-01T10:00:00.000+0000') }),
    ];
    const stored = forecastsAt(issues, TEST_NAMES, AS_OF, defaultConfig());
    expect([...stored.keys()]).toEqual(['IMP-1', 'IMP-20', 'IMP-30']);
    const snapshots = [...stored.entries()].map(([key, forecast]) => ({
      key,
      inputs: [],
      computedAt: 0,
      by: 'app',
      dates: [AS_OF],
      contributions: [],
      forecast,
    }));
    expect(projectedLateView(snapshots)).toEqual({
      count: 2,
      implementations: [
        {
          key: 'IMP-20',
          summary: 'Issue IMP-20',
          forecast: '2026-09-30',
          baseline: '2026-09-01',
          lateByDays: 29,
        },
        {
          key: 'IMP-1',
          summary: 'Issue IMP-1',
          forecast: '2026-09-10',
          baseline: '2026-09-01',
          lateByDays: 9,
        },
      ],
    });
  });
});
