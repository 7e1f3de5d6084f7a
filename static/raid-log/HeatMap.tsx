// The 5×5 probability × impact heat map of open RAID items. Each cell is a toggle button that
// filters the table to its items; colours are the score bands of src/domain/raid (tokens, so
// they follow the light or dark theme).
import { Box, Inline, Pressable, Stack, Text, xcss } from '@atlaskit/primitives';
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
    backgroundColor: 'color.background.danger.bold',
    color: 'color.text.inverse',
    ':hover': { backgroundColor: 'color.background.danger.bold.hovered' },
  }),
  high: xcss({
    backgroundColor: 'color.background.danger',
    color: 'color.text.danger',
    ':hover': { backgroundColor: 'color.background.danger.hovered' },
  }),
  medium: xcss({
    backgroundColor: 'color.background.warning',
    color: 'color.text.warning',
    ':hover': { backgroundColor: 'color.background.warning.hovered' },
  }),
  low: xcss({
    backgroundColor: 'color.background.success',
    color: 'color.text.success',
    ':hover': { backgroundColor: 'color.background.success.hovered' },
  }),
};
const selected = xcss({ borderWidth: 'border.width.selected', borderColor: 'color.border.selected' });
const axis = xcss({ width: '48px', textAlign: 'center' });
const rowLabel = xcss({ width: '24px', textAlign: 'end' });

export interface HeatMapProps {
  heatMap: number[][];
  /** The score band of each cell, from the resolver (src/domain/raid). */
  bands: ScoreBand[][];
  selectedCell: { probability: number; impact: number } | null;
  onSelect: (cell: { probability: number; impact: number } | null) => void;
}

export function HeatMap({ heatMap, bands: cellBands, selectedCell, onSelect }: HeatMapProps) {
  return (
    <Stack space="space.050" testId="raid-heat-map">
      <Text size="small" weight="semibold" color="color.text.subtle">
        Probability × impact (open items)
      </Text>
      <Inline space="space.100" alignBlock="center">
        <Box xcss={xcss({ width: '16px' })}>
          <Text size="small" color="color.text.subtlest">
            P
          </Text>
        </Box>
        <Stack
          space="space.050"
          role="grid"
          aria-label="Heat map of open RAID items: rows are probability 5 to 1, columns impact 1 to 5"
        >
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
                return (
                  <Box key={i} role="gridcell">
                    <Pressable
                      xcss={[
                        cellBase,
                        bands[cellBands[p - 1]?.[i - 1] ?? 'low'],
                        isSelected ? selected : undefined,
                      ]}
                      aria-pressed={isSelected}
                      aria-label={`Probability ${p}, impact ${i}, score ${p * i}: ${count} open item${count === 1 ? '' : 's'}`}
                      testId={`heat-cell-${p}-${i}`}
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
            <Text size="small" color="color.text.subtlest">
              Impact →
            </Text>
          </Inline>
        </Stack>
      </Inline>
    </Stack>
  );
}
