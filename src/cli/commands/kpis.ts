/**
 * `runway kpis`: the KPI report of shared/spec/kpis.md from a Jira search export.
 * The issues come from `--input` files today; other sources (a live site) plug in at
 * `loadIssues` without touching the rest.
 */
import { computeKpiReport } from '../../domain/kpis/report';
import type { SearchExport } from '../../domain/search-export';
import { oneOf, parseDateOption, parseOptions } from '../args';
import { UsageError, type Command } from '../command';
import { renderCsv } from '../format/csv';
import { renderMarkdown } from '../format/markdown';
import { loadConfig, readSearchExports } from '../input';
import type { CliIo } from '../io';
// --site: reading a live Jira (src/cli/site.ts, owned with src/jira), loaded only for --site.
import { SITE_OPTIONS, SITE_USAGE, wantsSite } from '../site-options';

const FORMATS = ['json', 'md', 'csv'] as const;

const USAGE = `Usage: runway kpis --input <file|dir>... [--as-of YYYY-MM-DD] [--config runway.config.json] [--format json|md|csv]
       runway kpis --site <url> --email <email> --token <token> --jql <query> [--as-of …] [--config …] [--format …]

Computes every delivery KPI per implementation and for the portfolio (shared/spec/kpis.md).

  --input <file|dir>  A Jira search response (GET /rest/api/3/search/jql?expand=names,changelog),
                      an array of the pages of one search, or a folder of such .json files.
                      Repeatable; more paths may follow the first.
${SITE_USAGE}
                      The site's issues give the same report as --input on their export
                      (runway export).
  --as-of <date>      Compute as of this date (default: today). Later history is ignored.
  --config <file>     Site names, field ids, targets (see RunwayConfig); unknown keys are refused.
  --format <f>        json (default, the kpis.md output), md (tables to read), csv (one row per
                      implementation).

Exit codes: 0 done, 1 Jira failed (after retries), 2 bad input or Jira refused (the message names
the file or gives Jira's own message).
`;

export const KPIS_OPTIONS = {
  ...SITE_OPTIONS,
  input: { type: 'string', multiple: true },
  'as-of': { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the issues come from. */
async function loadIssues(inputs: string[], io: CliIo): Promise<SearchExport> {
  if (inputs.length === 0) throw new UsageError('no input: give --input <file|dir> (see runway kpis --help)');
  return readSearchExports(inputs, io);
}

export const kpisCommand: Command = {
  name: 'kpis',
  summary: 'Delivery KPIs per implementation and for the portfolio, from a Jira export',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, KPIS_OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0 && values.input === undefined)
      throw new UsageError(`unexpected ${positionals[0]}: give inputs with --input`);
    const format = oneOf('--format', values.format ?? 'json', FORMATS);
    const asOf = values['as-of'] === undefined ? io.today() : parseDateOption('--as-of', values['as-of']);
    const config = await loadConfig(values.config, io);
    const source =
      values.site !== undefined ||
      (values.input === undefined && positionals.length === 0 && wantsSite(values, io))
        ? await (require('../site') as typeof import('../site')).loadSiteExport(values, config, io)
        : await loadIssues([...(values.input ?? []), ...positionals], io);
    const report = computeKpiReport(source.issues, source.names, { asOf, config, warnings: source.warnings });
    if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (format === 'md') io.stdout(renderMarkdown(report, config));
    else io.stdout(renderCsv(report));
    // An empty report must never pass for a clean one: say why it is empty, whatever the format.
    for (const w of report.warnings) if (w.code === 'NO_IMPLEMENTATION') io.stderr(`warning: ${w.message}\n`);
    const warnings =
      report.warnings.length + report.implementations.reduce((n, i) => n + i.warnings.length, 0);
    if (format === 'csv' && warnings > 0)
      io.stderr(`${warnings} warnings; run with --format json or md to read them\n`);
    return 0;
  },
};
