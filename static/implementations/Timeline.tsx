// The portfolio timeline tab: each implementation a bar from kickoff to forecast go-live, coloured
// by health, with the baseline go-live and the milestones as markers and today as a line. The
// layout and the words are src/domain/timeline's; here they are only drawn. A real table: each bar
// is a row whose dates and milestones are also text, so a keyboard (each row is a tab stop) and a
// screen reader read it all; a milestone marker says its name and date on hover and on focus (the
// arrow keys move from a focused row through its markers, Escape goes back to the row).
import { token } from '@atlaskit/tokens';
import { useState, type CSSProperties, type KeyboardEvent } from 'react';
import {
  milestoneWords,
  timelineLayout,
  timelineRowText,
  type Health,
  type ImplementationRow,
} from '../../src/contracts/implementations';
import { formatDate, formatMonth } from '../shared/dates';

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
const tooltip = (left: number): CSSProperties =>
  abs(left, {
    bottom: '100%',
    transform: left > 70 ? 'translateX(-100%)' : left < 30 ? 'none' : 'translateX(-50%)',
    zIndex: 1,
    whiteSpace: 'nowrap',
    padding: `${token('space.025')} ${token('space.075')}`,
    borderRadius: 3,
    background: token('color.background.neutral.bold'),
    color: token('color.text.inverse'),
    font: token('font.body.small'),
    pointerEvents: 'none',
  });

const MARKER = '[data-marker]';

/** Arrow keys from a focused row (or one of its markers) move through the row's markers. */
function onRowKey(e: KeyboardEvent<HTMLTableRowElement>) {
  const row = e.currentTarget;
  const markers = [...row.querySelectorAll<HTMLElement>(MARKER)];
  if (markers.length === 0) return;
  const at = markers.findIndex((m) => m === row.ownerDocument.activeElement);
  let next: HTMLElement | undefined;
  if (e.key === 'ArrowRight') next = markers[Math.min(at + 1, markers.length - 1)];
  else if (e.key === 'ArrowLeft') next = at <= 0 ? row : markers[at - 1];
  else if (e.key === 'Escape' && at >= 0) next = row;
  if (!next) return;
  e.preventDefault();
  next.focus();
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
  const [shown, setShown] = useState<string | null>(null);
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
        ● milestone done, ○ milestone open (hover or focus one for its name and date; in a focused row the
        arrow keys move through its milestones); the blue line is today ({formatDate(asOf)}). Scale{' '}
        {formatDate(layout.start)} to {formatDate(layout.end)}.
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
                    {formatMonth(m.date)}
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
              onKeyDown={onRowKey}
              data-testid={`timeline-row-${r.key}`}
              aria-label={`${r.key} ${r.summary}`}
            >
              <th scope="row" style={{ ...cell, fontWeight: 'normal' }}>
                <strong>{r.key}</strong> {r.summary}
              </th>
              <td style={cell}>{HEALTH_LABEL[r.health]}</td>
              <td style={cell}>
                <div style={track}>
                  {b?.bar ? (
                    <div
                      aria-hidden="true"
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
                      aria-hidden="true"
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
                  {b?.milestones.map((m) => {
                    const id = `${r.key}/${m.key}`;
                    const words = milestoneWords(m, formatDate);
                    return (
                      <span key={m.key}>
                        <span
                          role="img"
                          aria-label={`Milestone ${words}`}
                          tabIndex={-1}
                          data-marker=""
                          data-testid={`timeline-milestone-${m.key}`}
                          onMouseEnter={() => setShown(id)}
                          onMouseLeave={() => setShown((s) => (s === id ? null : s))}
                          onFocus={() => setShown(id)}
                          onBlur={() => setShown((s) => (s === id ? null : s))}
                          style={abs(m.at, {
                            top: 2,
                            transform: 'translateX(-50%)',
                            padding: `0 ${token('space.025')}`,
                            fontSize: 12,
                            lineHeight: '20px',
                            cursor: 'default',
                            color: token('color.text.subtle'),
                            outlineColor: token('color.border.focused'),
                          })}
                        >
                          {m.done ? '●' : '○'}
                        </span>
                        {shown === id ? (
                          <span aria-hidden="true" data-testid="timeline-tooltip" style={tooltip(m.at)}>
                            {words}
                          </span>
                        ) : null}
                      </span>
                    );
                  })}
                  <div aria-hidden="true" style={today} />
                </div>
              </td>
              <td style={cell} data-testid={`timeline-dates-${r.key}`}>
                {timelineRowText(r, formatDate)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
