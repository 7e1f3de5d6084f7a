// Forecast go-live for the KPI gadget's snapshots: computed with each batch of implementations
// (src/domain/forecast), stored with the snapshot, rolled up as "projected late".
import {
  buildImplementations,
  forecastGoLive,
  projectedLateOf,
  type IsoDate,
  type JiraIssue,
  type JiraNames,
  type RunwayConfig,
} from '../domain';
import type { ImplementationSnapshot } from '../storage';

type StoredForecast = NonNullable<ImplementationSnapshot['forecast']>;

/** Each open implementation's forecast at asOf, by key (done implementations have none). */
export function forecastsAt(
  issues: readonly JiraIssue[],
  names: JiraNames,
  asOf: IsoDate,
  config: RunwayConfig,
): Map<string, StoredForecast> {
  const out = new Map<string, StoredForecast>();
  for (const impl of buildImplementations(issues, names, { asOf, config }).implementations) {
    if (impl.done) continue;
    const f = forecastGoLive(impl, config, asOf);
    out.set(impl.key, {
      summary: impl.summary,
      date: f.date,
      baseline: f.baseline,
      projectedLate: f.projectedLate,
      lateByDays: f.lateByDays,
    });
  }
  return out;
}

/** The gadget's "projected late": from the snapshots the viewer may see. */
export function projectedLateView(snapshots: readonly ImplementationSnapshot[]) {
  const late = projectedLateOf(
    snapshots.flatMap((s) =>
      s.forecast ? [{ key: s.key, summary: s.forecast.summary, forecast: s.forecast }] : [],
    ),
  );
  return {
    count: late.count,
    implementations: late.implementations.map((i) => ({
      key: i.key,
      summary: i.summary,
      forecast: i.forecast.date,
      baseline: i.forecast.baseline,
      lateByDays: i.forecast.lateByDays,
    })),
  };
}
