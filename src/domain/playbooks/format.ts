/**
 * How numbers, dates and KPI values read in documents. One place, so the macro, the exports and
 * the command line say the same thing. Pure: no locale, no clock.
 */
import type { IsoDate } from '../dates';
import { KPI_DEFINITIONS, type KpiId, type KpiTarget } from '../kpis/definitions';

export const NONE = '—';

export function formatDate(date: IsoDate | null | undefined): string {
  return date ?? NONE;
}

/** Up to `digits` decimals, trailing zeros dropped. */
export function formatNumber(n: number, digits = 2): string {
  const fixed = n.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? NONE : `${formatNumber(rate * 100, 1)} %`;
}

/** Signed whole days: "+3 days", "−2 days", "0 days". */
export function formatSlip(days: number | null): string {
  if (days === null) return NONE;
  const sign = days > 0 ? '+' : days < 0 ? '−' : '';
  const n = Math.abs(days);
  return `${sign}${n} day${n === 1 ? '' : 's'}`;
}

export function formatKpiValue(id: KpiId, value: number | null): string {
  if (value === null) return 'no data';
  const unit = KPI_DEFINITIONS[id].unit;
  switch (unit) {
    case 'rate':
      return formatPercent(value);
    case 'ratio':
      return `${value >= 0 ? '+' : '−'}${formatNumber(Math.abs(value) * 100, 1)} %`;
    case 'days':
    case 'business days':
      return `${formatNumber(value, 1)} ${unit}`;
    default:
      return formatNumber(value, 2);
  }
}

/** The target that applies to one implementation (its tier's, when the target is per tier). */
export function targetFor(
  target: KpiTarget | null,
  tier: string,
): { op: KpiTarget['op']; value: number } | null {
  if (target === null) return null;
  if (typeof target.value === 'number') return { op: target.op, value: target.value };
  const lc = tier.toLowerCase();
  const key = Object.keys(target.value).find((k) => k.toLowerCase() === lc);
  return key === undefined ? null : { op: target.op, value: target.value[key] };
}

export function formatTarget(id: KpiId, target: { op: KpiTarget['op']; value: number } | null): string {
  if (target === null) return 'tracked';
  const op = target.op === '<=' ? '≤' : target.op === '>=' ? '≥' : '=';
  return `${op} ${formatKpiValue(id, target.value)}`;
}

/** null when there is no target or no value: never a silent pass or fail. */
export function targetMet(
  value: number | null,
  target: { op: KpiTarget['op']; value: number } | null,
): boolean | null {
  if (value === null || target === null) return null;
  return target.op === '<='
    ? value <= target.value
    : target.op === '>='
      ? value >= target.value
      : value === target.value;
}
