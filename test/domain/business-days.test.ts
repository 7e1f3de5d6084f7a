import fc from 'fast-check';
import { differenceInBusinessDays } from 'date-fns/differenceInBusinessDays';
import { addDays, businessDaysBetween, type IsoDate } from '../../src/domain';

/** The calendar date as date-fns reads it: local midnight. */
const local = (d: IsoDate) =>
  new Date(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

const arbDate = fc
  .integer({ min: 0, max: 80_000 }) // 1990 … 2209
  .map((n) => addDays('1990-01-01', n));

describe('business days between two dates', () => {
  it('are the weekdays of [earlier, later), as date-fns differenceInBusinessDays counts them, either way round', () => {
    const near = fc.tuple(arbDate, fc.integer({ min: -40, max: 40 })).map(([d, n]) => [d, addDays(d, n)]);
    fc.assert(
      fc.property(fc.oneof(near, fc.tuple(arbDate, arbDate)), ([earlier, later]) => {
        expect(businessDaysBetween(earlier, later)).toBe(
          differenceInBusinessDays(local(later), local(earlier)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('leave out the holidays that fall on a weekday inside the range, each once', () => {
    // 2026-03-02 is a Monday: the week to 2026-03-09 has 5 business days
    expect(businessDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
    expect(businessDaysBetween('2026-03-02', '2026-03-09', ['2026-03-04', '2026-03-04'])).toBe(4);
    // a Saturday holiday and one on the (excluded) last day change nothing
    expect(businessDaysBetween('2026-03-02', '2026-03-09', ['2026-03-07', '2026-03-09'])).toBe(5);
    expect(businessDaysBetween('2026-03-02', '2026-03-09', ['2026-03-02'])).toBe(4);
  });

  it('are 0 for the same day and across a weekend alone', () => {
    expect(Object.is(businessDaysBetween('2026-03-07', '2026-03-07'), 0)).toBe(true);
    expect(businessDaysBetween('2026-03-07', '2026-03-09')).toBe(0); // Saturday → Monday
    expect(Object.is(businessDaysBetween('2026-03-08', '2026-03-07'), 0)).toBe(true); // Sunday → Saturday, not -0
    expect(businessDaysBetween('2026-03-09', '2026-03-07')).toBe(-1); // back over Monday
  });
});
