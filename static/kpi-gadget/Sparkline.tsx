// A 12-month trend as a small chart: its period on the time axis, its lowest and highest values
// on the value axis, and each month's value (with n) on hover, in design-token colours so it
// follows the theme. Assistive technology hears the period and its first and last values.
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { TrendPoint } from '../../src/contracts/kpi-gadget';
import { formatMonth } from '../shared/dates';

const W = 300;
const H = 96;
/** Room for the value axis on the left and the time axis below. */
const LEFT = 52;
const BOTTOM = 18;
const TOP = 8;
const RIGHT = 8;

/** "Dec 2026" in the user's locale (the one date format: shared/dates). */
export const monthOf = (isoDate: string): string => formatMonth(isoDate);

export function Sparkline({
  points,
  format,
  testId,
}: {
  points: TrendPoint[];
  format: (v: number) => string;
  testId: string;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const values = points.map((p) => p.value);
  const known = values.filter((v): v is number => v !== null);
  const first = points.find((p) => p.value !== null);
  const last = [...points].reverse().find((p) => p.value !== null);
  const period =
    points.length > 0 ? `${monthOf(points[0].asOf)} – ${monthOf(points[points.length - 1].asOf)}` : '';
  const label =
    first && last && first.value !== null && last.value !== null
      ? `Trend over ${points.length} months, ${period}: ${format(first.value)} in ${monthOf(first.asOf)}, ${format(last.value)} in ${monthOf(last.asOf)}`
      : 'No trend: no data in the last 12 months';
  if (known.length === 0) {
    return <svg width={W} height={0} role="img" aria-label={label} data-testid={testId} />;
  }
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (i: number) => LEFT + (i * (W - LEFT - RIGHT)) / Math.max(1, points.length - 1);
  const y = (v: number) =>
    max === min ? (TOP + H - BOTTOM) / 2 : H - BOTTOM - ((v - min) * (H - BOTTOM - TOP)) / (max - min);
  // Breaks in the line where a month has no value.
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const axisText = { fontSize: 10, fill: token('color.text.subtlest') };
  // The value axis is narrow: durations in short units there (the hover says them in full).
  const short = (v: number) =>
    format(v)
      .replace(/ business days$/, ' bus. d')
      .replace(/ days$/, ' d');
  const shown = hover === null ? null : points[hover];
  const slot = (W - LEFT - RIGHT) / Math.max(1, points.length - 1);
  return (
    <div data-testid={`${testId}-chart`}>
      <div aria-hidden="true" data-testid={`${testId}-caption`} style={{ minHeight: 16, fontSize: 11 }}>
        {shown
          ? `${monthOf(shown.asOf)}: ${shown.value === null ? 'no data' : format(shown.value)} · based on ${shown.n}`
          : `Last 12 months · ${period}`}
      </div>
      <svg
        width="100%"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={label}
        data-testid={testId}
        onMouseLeave={() => setHover(null)}
      >
        <line x1={LEFT} x2={W - RIGHT} y1={H - BOTTOM} y2={H - BOTTOM} stroke={token('color.border')} />
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={H - BOTTOM} stroke={token('color.border')} />
        <text x={LEFT - 4} y={y(max) + 3} textAnchor="end" {...axisText}>
          {short(max)}
        </text>
        {max !== min ? (
          <text x={LEFT - 4} y={y(min) + 3} textAnchor="end" {...axisText}>
            {short(min)}
          </text>
        ) : null}
        <text x={LEFT} y={H - 4} textAnchor="start" {...axisText}>
          {monthOf(points[0].asOf)}
        </text>
        <text x={W - RIGHT} y={H - 4} textAnchor="end" {...axisText}>
          {monthOf(points[points.length - 1].asOf)}
        </text>
        {segments.map((pts) => (
          <polyline
            key={pts}
            points={pts}
            fill="none"
            stroke={token('color.chart.brand')}
            strokeWidth={2}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        ))}
        {shown && shown.value !== null && hover !== null ? (
          <>
            <line x1={x(hover)} x2={x(hover)} y1={TOP} y2={H - BOTTOM} stroke={token('color.border')} />
            <circle cx={x(hover)} cy={y(shown.value)} r={3.5} fill={token('color.chart.brand')} />
          </>
        ) : null}
        {points.map((p, i) => (
          <rect
            key={p.asOf}
            x={x(i) - slot / 2}
            y={TOP}
            width={slot}
            height={H - BOTTOM - TOP}
            fill="transparent"
            data-testid={`${testId}-month-${i}`}
            onMouseEnter={() => setHover(i)}
          >
            <title>{`${monthOf(p.asOf)}: ${p.value === null ? 'no data' : format(p.value)} · based on ${p.n}`}</title>
          </rect>
        ))}
      </svg>
    </div>
  );
}
