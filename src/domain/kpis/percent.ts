// Rates are stored as fractions (0.85) and read and typed by people as percentages (85 %).

/** KPI units whose values are fractions shown as percentages. */
const PERCENT_UNITS: ReadonlySet<string> = new Set(['rate', 'ratio']);

export const isPercentUnit = (unit: string): boolean => PERCENT_UNITS.has(unit);

/** 0.85 → 85; rounded to 4 decimals so 0.07 reads 7, not 7.000000000000001. */
export const percentOf = (fraction: number): number => Math.round(fraction * 100 * 10_000) / 10_000;

/** 85 → 0.85 (rounded the same way, so a percentage typed comes back as typed). */
export const fractionOf = (percent: number): number => Math.round((percent / 100) * 1_000_000) / 1_000_000;
