/**
 * The portfolio timeline: each implementation a bar from kickoff to forecast go-live, with the
 * baseline go-live and its milestones as markers, and today as a line, on one shared date scale.
 * Pure: rows in, positions (percent of the scale) out; the view only draws them.
 */
import { addDays, dayNumber, type IsoDate } from '../dates';

export interface TimelineInput {
  key: string;
  kickoff: IsoDate | null;
  forecast: IsoDate | null;
  baseline: IsoDate | null;
  milestones: ReadonlyArray<{ key: string; summary: string; dueDate: IsoDate | null; done: boolean }>;
}

export interface TimelineBar {
  key: string;
  /** Null when there is no kickoff or no forecast: no bar, the dates are still said. */
  bar: { left: number; width: number } | null;
  baseline: number | null;
  milestones: Array<{ key: string; summary: string; dueDate: IsoDate; done: boolean; at: number }>;
}

export interface TimelineLayout {
  start: IsoDate;
  end: IsoDate;
  today: number;
  bars: TimelineBar[];
  /** Month starts within the scale, for the axis. */
  months: Array<{ date: IsoDate; at: number }>;
}

export function timelineLayout(rows: readonly TimelineInput[], today: IsoDate): TimelineLayout {
  const dates = [today];
  for (const r of rows) {
    for (const d of [r.kickoff, r.forecast, r.baseline]) if (d !== null) dates.push(d);
    for (const m of r.milestones) if (m.dueDate !== null) dates.push(m.dueDate);
  }
  dates.sort();
  // A week of margin either side, so markers at the ends stay visible.
  const start = addDays(dates[0] as IsoDate, -7);
  const end = addDays(dates[dates.length - 1] as IsoDate, 7);
  const span = dayNumber(end) - dayNumber(start);
  const at = (d: IsoDate) => Math.round(((dayNumber(d) - dayNumber(start)) / span) * 10_000) / 100;
  const bars = rows.map((r): TimelineBar => {
    const from = r.kickoff;
    const to = r.forecast;
    return {
      key: r.key,
      bar:
        from === null || to === null
          ? null
          : { left: at(from < to ? from : to), width: Math.max(0.5, Math.abs(at(to) - at(from))) },
      baseline: r.baseline === null ? null : at(r.baseline),
      milestones: r.milestones
        .filter((m): m is typeof m & { dueDate: IsoDate } => m.dueDate !== null)
        .map((m) => ({
          key: m.key,
          summary: m.summary,
          dueDate: m.dueDate,
          done: m.done,
          at: at(m.dueDate),
        })),
    };
  });
  const months: TimelineLayout['months'] = [];
  let month = `${start.slice(0, 7)}-01`;
  while (month <= end) {
    if (month >= start) months.push({ date: month, at: at(month) });
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }
  return { start, end, today: at(today), bars, months };
}
