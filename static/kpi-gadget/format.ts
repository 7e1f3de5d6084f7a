// How a KPI reads on the gadget: rates as percentages, durations in days, targets with their operator.
import type { KpiTarget, PortfolioKpi } from '../../src/contracts/kpi-gadget';

const OPS: Record<KpiTarget['op'], string> = { '<=': '≤', '>=': '≥', '=': '=' };
const PERCENT_UNITS = new Set(['rate', 'ratio']);

function number(value: number, unit: string): string {
  if (PERCENT_UNITS.has(unit)) return `${(value * 100).toFixed(1).replace(/\.0$/, '')}%`;
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(unit === 'score' ? 2 : 1);
  if (unit === 'days') return `${rounded} days`;
  if (unit === 'business days') return `${rounded} business days`;
  return rounded;
}

export function formatValue(kpi: Pick<PortfolioKpi, 'value' | 'unit'>): string {
  return kpi.value === null ? 'No data' : number(kpi.value, kpi.unit);
}

export function formatTarget(target: KpiTarget | null, unit: string): string {
  if (!target) return 'Tracked';
  if (typeof target.value === 'number') return `${OPS[target.op]} ${number(target.value, unit)}`;
  return Object.entries(target.value)
    .map(([tier, v]) => `${OPS[target.op]} ${number(v, unit)} ${tier}`)
    .join(' · ');
}

export function metLabel(
  met: boolean | null,
  hasTarget: boolean,
): { text: string; appearance: 'success' | 'removed' | 'default' } {
  if (met === true) return { text: 'Met', appearance: 'success' };
  if (met === false) return { text: 'Not met', appearance: 'removed' };
  return { text: hasTarget ? 'No data' : 'No target', appearance: 'default' };
}
