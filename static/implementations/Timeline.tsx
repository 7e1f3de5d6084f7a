// The portfolio timeline tab: each implementation a bar from kickoff to forecast go-live, coloured
// by health, with the baseline go-live and the milestones as markers and today as a line. The
// layout is src/domain/timeline's; here it is only drawn. A real table: each bar is a row whose
// dates are also text, so a keyboard (each row is a tab stop) and a screen reader read it all.
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
import { timelineLayout, type Health, type ImplementationRow } from '../../src/contracts/implementations';

const HEALTH_COLOUR: Record<Health, string> = {
  red: token('color.background.danger.bold'),
  amber: token('color.background.warning.bold'),
  green: token('color.background.success.bold'),
};
const HEALTH_LABEL: Record<Health, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

const cell: CSSProperties = {
  padding: `${token('space.075')} ${token('space.100')}`,
  borderBottom: `1px solid ${token('color.border')}`,
  verticalAlign: 'middle',
  textAlign: 'left',
  font: token('font.body.small'),
  color: token('color.text'),
};
const track: CSSProperties = { position: 'relative', height: 24, minWidth: 320 };
const abs = (left: number, style: CSSProperties): CSSProperties => ({
  position: 'absolute',
  left: `${left}%`,
  ...style,
});

function datesText(r: ImplementationRow): string {
  const parts = [
    `Kickoff ${r.kickoff ?? 'not set'}`,
    r.live ? `went live ${r.forecast.date ?? 'unknown'}` : `forecast go-live ${r.forecast.date ?? 'none'}`,
    `baseline go-live ${r.forecast.baseline ?? 'none'}`,
  ];
  if (r.forecast.projectedLate) parts.push(`projected late by ${r.forecast.lateByDays} days`);
  const open = r.milestones.filter((m) => !m.done && m.dueDate !== null).length;
  parts.push(`${r.milestones.length} milestones (${open} open)`);
  return `${parts.join('; ')}.`;
}

export function Timeline({
  rows,
  asOf,
  project,
}: {
  rows: ImplementationRow[];
  asOf: string;
  project: string;
}) {
  const layout = timelineLayout(
    rows.map((r) => ({
      key: r.key,
      kickoff: r.kickoff,
      forecast: r.forecast.date,
      baseline: r.forecast.baseline,
      milestones: r.milestones,
    })),
    asOf,
  );
  const today = abs(layout.today, {
    top: 0,
    bottom: 0,
    width: 2,
    background: token('color.border.accent.blue'),
  });
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="impl-timeline">
      <caption style={{ ...cell, borderBottom: 'none', color: token('color.text.subtle') }}>
        Timeline of {project}: bars from kickoff to forecast go-live, coloured by health; ◆ baseline go-live;
        ● milestone done, ○ milestone open; the blue line is today ({asOf}). Scale {layout.start} to{' '}
        {layout.end}.
      </caption>
      <thead>
        <tr>
          <th scope="col" style={cell}>
            Implementation
          </th>
          <th scope="col" style={cell}>
            Health
          </th>
          <th scope="col" style={{ ...cell, width: '45%' }}>
            <span aria-hidden="true" style={{ ...track, display: 'block', height: 16 }}>
              {layout.months
                .filter((_, i) => i % Math.ceil(layout.months.length / 6) === 0)
                .map((m) => (
                  <span key={m.date} style={abs(m.at, { top: 0, color: token('color.text.subtlest') })}>
                    {m.date.slice(0, 7)}
                  </span>
                ))}
            </span>
            <span style={{ position: 'absolute', left: -10_000 }}>Bar</span>
          </th>
          <th scope="col" style={cell}>
            Dates
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const b = layout.bars[i];
          return (
            <tr
              key={r.key}
              tabIndex={0}
              data-testid={`timeline-row-${r.key}`}
              aria-label={`${r.key} ${r.summary}`}
            >
              <th scope="row" style={{ ...cell, fontWeight: 'normal' }}>
                <strong>{r.key}</strong> {r.summary}
              </th>
              <td style={cell}>{HEALTH_LABEL[r.health]}</td>
              <td style={cell}>
                <div aria-hidden="true" style={track}>
                  {b?.bar ? (
                    <div
                      data-testid={`timeline-bar-${r.key}`}
                      data-health={r.health}
                      style={abs(b.bar.left, {
                        top: 6,
                        height: 12,
                        width: `${b.bar.width}%`,
                        borderRadius: 3,
                        background: HEALTH_COLOUR[r.health],
                      })}
                    />
                  ) : null}
                  {b?.baseline !== null && b?.baseline !== undefined ? (
                    <span
                      data-testid={`timeline-baseline-${r.key}`}
                      style={abs(b.baseline, {
                        top: 2,
                        transform: 'translateX(-50%)',
                        color: token('color.text'),
                      })}
                    >
                      ◆
                    </span>
                  ) : null}
                  {b?.milestones.map((m) => (
                    <span
                      key={m.key}
                      title={`${m.key} ${m.summary}: ${m.dueDate}`}
                      style={abs(m.at, {
                        top: 4,
                        transform: 'translateX(-50%)',
                        fontSize: 10,
                        color: token('color.text.subtle'),
                      })}
                    >
                      {m.done ? '●' : '○'}
                    </span>
                  ))}
                  <div style={today} />
                </div>
              </td>
              <td style={cell} data-testid={`timeline-dates-${r.key}`}>
                {datesText(r)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
