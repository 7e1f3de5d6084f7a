/** How people read KPI values and targets (md output). JSON and CSV keep raw numbers. */
import { KPI_DEFINITIONS, type KpiId, type KpiTarget } from '../../domain/kpis/definitions';

const OPS: Record<KpiTarget['op'], string> = { '<=': '≤', '>=': '≥', '=': '=' };

function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toString();
}

export function formatValue(id: KpiId, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (KPI_DEFINITIONS[id].unit) {
    case 'rate':
      return `${trim(value * 100, 1)} %`;
    case 'ratio':
      return `${value > 0 ? '+' : ''}${trim(value * 100, 1)} %`;
    case 'days':
      return `${trim(value, 1)} d`;
    case 'business days':
      return `${trim(value, 1)} bd`;
    default:
      return trim(value, 2);
  }
}

export function formatTarget(id: KpiId, target: KpiTarget | null): string {
  if (target === null) return 'tracked';
  const op = OPS[target.op];
  if (typeof target.value === 'number') return `${op} ${formatValue(id, target.value)}`;
  return Object.entries(target.value)
    .map(([tier, v]) => `${op} ${formatValue(id, v)} ${tier}`)
    .join(', ');
}

export function formatMet(met: boolean | null): string {
  return met === null ? '—' : met ? 'yes' : 'no';
}
