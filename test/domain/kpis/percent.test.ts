import fc from 'fast-check';
import { fractionOf, isPercentUnit, percentOf } from '../../../src/domain/kpis/percent';

describe('rate targets as percentages', () => {
  it('reads a stored fraction as a percentage and a typed percentage as a fraction (85 means 85 %)', () => {
    expect(percentOf(0.85)).toBe(85);
    expect(percentOf(0.07)).toBe(7);
    expect(fractionOf(85)).toBe(0.85);
    expect(fractionOf(99.5)).toBe(0.995);
  });

  it('gives back the percentage typed, for every percentage with up to two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (hundredths) => {
        const typed = hundredths / 100;
        expect(percentOf(fractionOf(typed))).toBe(typed);
      }),
    );
  });

  it('takes rates and ratios as percentages, and nothing else', () => {
    expect(isPercentUnit('rate')).toBe(true);
    expect(isPercentUnit('ratio')).toBe(true);
    expect(isPercentUnit('days')).toBe(false);
  });
});
