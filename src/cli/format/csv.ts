/** `--format csv`: one row per implementation with every KPI as a raw number (empty = null). */
import { KPI_IDS } from '../../domain/kpis/definitions';
import type { KpiReport } from '../../domain/kpis/report';

/**
 * RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes. Text
 * that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
 * gets a leading `'` and quotes, as OWASP advises against CSV injection. Numbers stay numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(report: KpiReport): string {
  const header = ['key', 'summary', 'complexity', ...KPI_IDS, 'warnings'];
  const rows = report.implementations.map((impl) =>
    [impl.key, impl.summary, impl.complexity, ...KPI_IDS.map((id) => impl.kpis[id]), impl.warnings.length]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
