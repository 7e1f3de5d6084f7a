// A 12-month trend as a small line (design-token colours, so it follows the theme), with the
// values spoken by assistive technology.
import { token } from '@atlaskit/tokens';
import type { TrendPoint } from '../../src/contracts/kpi-gadget';

const W = 132;
const H = 32;
const PAD = 3;

export function Sparkline({
  points,
  format,
  testId,
}: {
  points: TrendPoint[];
  format: (v: number) => string;
  testId: string;
}) {
  const values = points.map((p) => p.value);
  const known = values.filter((v): v is number => v !== null);
  const first = points.find((p) => p.value !== null);
  const last = [...points].reverse().find((p) => p.value !== null);
  const label =
    first && last && first.value !== null && last.value !== null
      ? `Trend over ${points.length} months: ${format(first.value)} at ${first.asOf}, ${format(last.value)} at ${last.asOf}`
      : 'No trend: no data in the last 12 months';
  if (known.length === 0) {
    return <svg width={W} height={H} role="img" aria-label={label} data-testid={testId} />;
  }
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / Math.max(1, points.length - 1);
  const y = (v: number) => (max === min ? H / 2 : H - PAD - ((v - min) * (H - 2 * PAD)) / (max - min));
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
  const lastIndex = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  const lastValue = values[lastIndex];
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid={testId}>
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
      {lastValue !== null && lastValue !== undefined ? (
        <circle cx={x(lastIndex)} cy={y(lastValue)} r={3} fill={token('color.chart.brand')} />
      ) : null}
    </svg>
  );
}
