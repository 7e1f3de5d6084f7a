/**
 * Forecast go-live: when an implementation will go live if it keeps slipping as it has. The rule,
 * as the UI states it (FORECAST_RULE):
 *
 *   the go-live milestone's due date, plus the median slip of this implementation's done
 *   milestones (days from baseline due to done; never negative; 0 when none is done), and never
 *   before today while not live.
 *
 * Live implementations forecast their go-live date. Without a go-live milestone (label `go-live`)
 * the planned Go-Live Date field stands in for its due date. "Projected late": the forecast is
 * after the baseline go-live (the go-live milestone's baseline due date, data-model.md, else the
 * planned Go-Live Date). Pure: the implementation model and asOf in.
 */
import type { RunwayConfig } from '../config';
import { addDays, calendarDaysBetween, type IsoDate } from '../dates';
import { hasLabel } from '../fields';
import type { Implementation, ImplementationChild } from '../implementation';
import { median } from '../kpis/stats';

export const FORECAST_RULE =
  "Forecast go-live = the go-live milestone's due date + the median slip of this implementation's done milestones (days late against their baseline; never negative), never before today while not live. Projected late: the forecast is after the baseline go-live.";

export type ForecastBasis = 'live' | 'go-live-done' | 'slip' | 'none';

export interface GoLiveForecast {
  /** The forecast date; null when there is nothing to forecast from. */
  date: IsoDate | null;
  basis: ForecastBasis;
  /** The go-live milestone's baseline due date, else the planned Go-Live Date. */
  baseline: IsoDate | null;
  /** The go-live milestone's current due date (or the planned Go-Live Date). */
  due: IsoDate | null;
  /** Median slip in days of the done milestones (≥ 0), and how many there were. */
  slipDays: number;
  doneMilestones: number;
  /** Not live yet and the forecast is after the baseline. */
  projectedLate: boolean;
  /** Days the forecast (or the actual go-live) is after the baseline (0 when not after). */
  lateByDays: number;
  /** The forecast in one sentence. */
  explanation: string;
}

function goLiveMilestone(impl: Implementation, config: RunwayConfig): ImplementationChild | undefined {
  let best: ImplementationChild | undefined;
  for (const c of impl.children) {
    if (c.kind !== 'milestone' || !hasLabel(c.labels, config.labels.goLive)) continue;
    // Several go-live milestones: the one due last decides.
    if (best === undefined || (c.dueDate ?? '') > (best.dueDate ?? '')) best = c;
  }
  return best;
}

/** Slip of each done milestone with a baseline: calendar days from baseline due to done. */
function slips(impl: Implementation): number[] {
  const out: number[] = [];
  for (const c of impl.children)
    if (c.kind === 'milestone' && c.done && c.resolved !== null && c.baselineDue !== null)
      out.push(calendarDaysBetween(c.baselineDue, c.resolved));
  return out;
}

export function forecastGoLive(impl: Implementation, config: RunwayConfig, asOf: IsoDate): GoLiveForecast {
  const milestone = goLiveMilestone(impl, config);
  const planned = impl.planned.goLive ?? null;
  const baseline = milestone?.baselineDue ?? planned;
  const due = milestone?.dueDate ?? planned;
  const done = slips(impl);
  const slipDays = Math.max(0, Math.ceil(median(done) ?? 0));
  const result = (date: IsoDate | null, basis: ForecastBasis, explanation: string): GoLiveForecast => {
    const lateByDays =
      date !== null && baseline !== null ? Math.max(0, calendarDaysBetween(baseline, date)) : 0;
    return {
      date,
      basis,
      baseline,
      due,
      slipDays,
      doneMilestones: done.length,
      // Only a forecast can be "projected": a go-live that happened is history.
      projectedLate: basis === 'slip' && lateByDays > 0,
      lateByDays,
      explanation,
    };
  };
  if (impl.dates.goLive !== null)
    return result(impl.dates.goLive, 'live', `Went live on ${impl.dates.goLive}.`);
  if (milestone?.done && milestone.resolved !== null)
    return result(
      milestone.resolved,
      'go-live-done',
      `The go-live milestone was done on ${milestone.resolved}.`,
    );
  if (due === null)
    return result(
      null,
      'none',
      'No forecast: no go-live milestone with a due date and no planned Go-Live Date.',
    );
  const slipped = addDays(due, slipDays);
  const date = slipped < asOf ? asOf : slipped;
  const from = milestone?.dueDate ? `go-live milestone due ${due}` : `planned Go-Live Date ${due}`;
  const slip =
    done.length === 0
      ? 'no milestone done yet, so no slip'
      : `median slip ${slipDays} day${slipDays === 1 ? '' : 's'} over ${done.length} done milestone${done.length === 1 ? '' : 's'}`;
  const floor = slipped < asOf ? `; ${slipped} is past, so today` : '';
  return result(date, 'slip', `${from} + ${slip}${floor}.`);
}

/** The implementations whose forecast passes their baseline go-live, worst first. */
export function projectedLate(
  implementations: readonly Implementation[],
  config: RunwayConfig,
  asOf: IsoDate,
): Array<{ key: string; summary: string; forecast: GoLiveForecast }> {
  return implementations
    .filter((i) => !i.done)
    .map((i) => ({ key: i.key, summary: i.summary, forecast: forecastGoLive(i, config, asOf) }))
    .filter((x) => x.forecast.projectedLate)
    .sort(
      (a, b) =>
        b.forecast.lateByDays - a.forecast.lateByDays || a.key.localeCompare(b.key, 'en', { numeric: true }),
    );
}

/** What a view shows of a forecast: the date, against the baseline, and why. */
export function forecastView(impl: Implementation, config: RunwayConfig, asOf: IsoDate) {
  const f = forecastGoLive(impl, config, asOf);
  return {
    date: f.date,
    baseline: f.baseline,
    projectedLate: f.projectedLate,
    lateByDays: f.lateByDays,
    explanation: f.explanation,
  };
}

/** A forecast as stored with an implementation's KPI snapshot (views roll these up). */
export interface StoredForecast {
  date: IsoDate | null;
  baseline: IsoDate | null;
  projectedLate: boolean;
  lateByDays: number;
}

/** "Projected late" of a portfolio: how many, and which (latest first, then by key). */
export function projectedLateOf<T extends { key: string; summary: string; forecast: StoredForecast }>(
  items: readonly T[],
): { count: number; implementations: T[] } {
  const late = items
    .filter((i) => i.forecast.projectedLate)
    .sort(
      (a, b) =>
        b.forecast.lateByDays - a.forecast.lateByDays || a.key.localeCompare(b.key, 'en', { numeric: true }),
    );
  return { count: late.length, implementations: late };
}
