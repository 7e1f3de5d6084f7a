/** `--format md`: the portfolio as a table a person reads, then each implementation. */
import type { RunwayConfig } from '../../domain/config';
import type { KpiWarning } from '../../domain/fields';
import { IMPLEMENTATION_KPI_IDS, KPI_DEFINITIONS, KPI_IDS, sideBySide } from '../../domain/kpis/definitions';
import type { KpiReport } from '../../domain/kpis/report';
import { escapeMarkdown } from '../../confluence/escape-markdown';
import { formatMet, formatTarget, formatValue } from './values';

/**
 * Text from issues (keys, summaries, tiers, warnings) prints as its characters: the escaper of
 * `render --format md`, so no HTML, link, formatting or broken table ever comes from an issue.
 */
const cell = (s: string) => escapeMarkdown(s);

function warningLines(warnings: readonly KpiWarning[]): string[] {
  return warnings.map((w) => `- ${w.issue ? `**${cell(w.issue)}** ` : ''}${w.code}: ${cell(w.message)}`);
}

export function renderMarkdown(report: KpiReport, config: RunwayConfig): string {
  const lines: string[] = [
    `# Runway KPIs as of ${report.asOf}`,
    '',
    `${report.implementations.length} implementations.`,
    '',
    '## Portfolio',
    '',
  ];
  lines.push('| KPI | Value | Target | Met | n |', '|---|---:|---|:---:|---:|');
  // each active_ duration next to its plain one; an implementation's table leaves out the
  // portfolio-only KPIs (improvement throughput)
  for (const id of sideBySide(KPI_IDS)) {
    const p = report.portfolio[id];
    const extra = p.p90 !== undefined ? ` (p90 ${formatValue(id, p.p90)})` : '';
    lines.push(
      `| ${KPI_DEFINITIONS[id].label} | ${formatValue(id, p.value)}${extra} | ${formatTarget(id, config.targets[id])} | ${formatMet(p.targetMet)} | ${p.n} |`,
    );
  }
  if (report.warnings.length > 0) lines.push('', '### Warnings', '', ...warningLines(report.warnings));
  lines.push('', '## Implementations');
  for (const impl of report.implementations) {
    lines.push(
      '',
      `### ${cell(impl.key)}: ${cell(impl.summary)} (${cell(impl.complexity)})`,
      '',
      '| KPI | Value |',
      '|---|---:|',
    );
    for (const id of sideBySide(IMPLEMENTATION_KPI_IDS))
      lines.push(`| ${KPI_DEFINITIONS[id].label} | ${formatValue(id, impl.kpis[id])} |`);
    if (impl.warnings.length > 0) lines.push('', ...warningLines(impl.warnings));
  }
  return `${lines.join('\n')}\n`;
}
