// The 5×5 probability × impact heat map of open RAID items. Each cell is a toggle button that
// filters the table to its items; colours are the score bands of src/domain/raid (accent tokens
// of four distinct hues, so the zones stay apart in the light and the dark theme). The grid is one
// tab stop: the arrow keys, Home and End move inside it (WAI-ARIA grid pattern).
import { Box, Inline, Pressable, Stack, Text, xcss } from '@atlaskit/primitives';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ScoreBand } from '../../src/contracts/raid-log';

const SCALE = [1, 2, 3, 4, 5];

const cellBase = xcss({
  width: '48px',
  height: '40px',
  borderRadius: 'radius.small',
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  fontWeight: 'font.weight.semibold',
  ':focus-visible': {
    outlineWidth: 'border.width.focused',
    outlineStyle: 'solid',
    outlineColor: 'color.border.focused',
  },
});
const bands = {
  critical: xcss({
    backgroundColor: 'color.background.accent.red.bolder',
    color: 'color.text.inverse',
    ':hover': { backgroundColor: 'color.background.accent.red.bolder.hovered' },
  }),
  high: xcss({
    backgroundColor: 'color.background.accent.orange.subtle',
    color: 'color.text',
    ':hover': { backgroundColor: 'color.background.accent.orange.subtle.hovered' },
  }),
  medium: xcss({
    backgroundColor: 'color.background.accent.yellow.subtler',
    color: 'color.text',
    ':hover': { backgroundColor: 'color.background.accent.yellow.subtler.hovered' },
  }),
  low: xcss({
    backgroundColor: 'color.background.accent.green.subtlest',
    color: 'color.text',
    ':hover': { backgroundColor: 'color.background.accent.green.subtlest.hovered' },
  }),
};
const selected = xcss({ borderWidth: 'border.width.selected', borderColor: 'color.border.selected' });
const axis = xcss({ width: '48px', textAlign: 'center' });
const rowLabel = xcss({ width: '24px', textAlign: 'end' });
/** The probability axis reads bottom to top, beside the rows. */
const VERTICAL = {
  display: 'inline-block',
  writingMode: 'vertical-rl',
  transform: 'rotate(180deg)',
} as const;

export interface HeatMapProps {
  heatMap: number[][];
  /** The score band of each cell, from the resolver (src/domain/raid). */
  bands: ScoreBand[][];
  selectedCell: { probability: number; impact: number } | null;
  onSelect: (cell: { probability: number; impact: number } | null) => void;
}

type Cell = { probability: number; impact: number };
const clamp = (n: number) => Math.min(5, Math.max(1, n));

/** Where a key moves the focus in the grid (rows are probability 5 at the top down to 1). */
function moved(key: string, at: Cell): Cell | null {
  switch (key) {
    case 'ArrowUp':
      return { ...at, probability: clamp(at.probability + 1) };
    case 'ArrowDown':
      return { ...at, probability: clamp(at.probability - 1) };
    case 'ArrowLeft':
      return { ...at, impact: clamp(at.impact - 1) };
    case 'ArrowRight':
      return { ...at, impact: clamp(at.impact + 1) };
    case 'Home':
      return { ...at, impact: 1 };
    case 'End':
      return { ...at, impact: 5 };
    default:
      return null;
  }
}

export function HeatMap({ heatMap, bands: cellBands, selectedCell, onSelect }: HeatMapProps) {
  // The one cell in the tab order: the selected one, else the last one moved to, else the top left.
  const [active, setActive] = useState<Cell>(selectedCell ?? { probability: 5, impact: 1 });
  const buttons = useRef(new Map<string, HTMLElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const next = moved(e.key, active);
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    buttons.current.get(`${next.probability}-${next.impact}`)?.focus();
  };
  return (
    <Stack space="space.050" testId="raid-heat-map">
      <Text size="small" weight="semibold" color="color.text.subtle">
        Open items by probability and impact
      </Text>
      <Inline space="space.100" alignBlock="center">
        <Box xcss={xcss({ width: '16px' })}>
          <span style={VERTICAL}>
            <Text size="small" color="color.text.subtle">
              Probability
            </Text>
          </span>
        </Box>
        <div
          role="grid"
          aria-label="Heat map of open RAID items: rows are probability 5 to 1, columns impact 1 to 5. Use the arrow keys to move between cells."
          onKeyDown={onKeyDown}
        >
          <Stack space="space.050">
            {[...SCALE].reverse().map((p) => (
              <Inline key={p} space="space.050" alignBlock="center" role="row">
                <Box xcss={rowLabel}>
                  <Text size="small" color="color.text.subtlest">
                    {p}
                  </Text>
                </Box>
                {SCALE.map((i) => {
                  const count = heatMap[p - 1]?.[i - 1] ?? 0;
                  const isSelected = selectedCell?.probability === p && selectedCell.impact === i;
                  const isActive = active.probability === p && active.impact === i;
                  return (
                    <Box key={i} role="gridcell">
                      <Pressable
                        ref={(el: HTMLElement | null) => {
                          if (el) buttons.current.set(`${p}-${i}`, el);
                          else buttons.current.delete(`${p}-${i}`);
                        }}
                        tabIndex={isActive ? 0 : -1}
                        xcss={[
                          cellBase,
                          bands[cellBands[p - 1]?.[i - 1] ?? 'low'],
                          isSelected ? selected : undefined,
                        ]}
                        aria-pressed={isSelected}
                        aria-label={`Probability ${p}, impact ${i}, score ${p * i} (${cellBands[p - 1]?.[i - 1] ?? 'low'}): ${count} open item${count === 1 ? '' : 's'}`}
                        testId={`heat-cell-${p}-${i}`}
                        onFocus={() => setActive({ probability: p, impact: i })}
                        onClick={() => onSelect(isSelected ? null : { probability: p, impact: i })}
                      >
                        {count > 0 ? count : ''}
                      </Pressable>
                    </Box>
                  );
                })}
              </Inline>
            ))}
            <Inline space="space.050">
              <Box xcss={rowLabel} />
              {SCALE.map((i) => (
                <Box key={i} xcss={axis}>
                  <Text size="small" color="color.text.subtlest">
                    {i}
                  </Text>
                </Box>
              ))}
            </Inline>
            <Inline>
              <Box xcss={rowLabel} />
              <Box xcss={xcss({ width: '256px', textAlign: 'center' })}>
                <Text size="small" color="color.text.subtle">
                  Impact
                </Text>
              </Box>
            </Inline>
          </Stack>
        </div>
      </Inline>
    </Stack>
  );
}
