/**
 * `runway export`: a site's issues as the export `runway kpis --input` reads (the pages of
 * search/jql?expand=names,changelog, each issue with a complete changelog).
 */
import { parseOptions } from '../args';
import { UsageError, type Command } from '../command';
import { loadConfig } from '../input';
import { fetchSiteExport, SITE_OPTIONS, SITE_USAGE, siteRequest, writeTextFile, type SiteIo } from '../site';

const USAGE = `Usage: runway export --site <url> --email <email> --token <token> --jql <query> [--out file.json] [--config runway.config.json]

Writes the issues the JQL finds, with field names and complete changelogs, as the pages of
GET /rest/api/3/search/jql?expand=names,changelog: the input of runway kpis --input.

${SITE_USAGE}
  --out <file>        Where to write the export (default: standard output).
  --config <file>     Field names and ids of the site (see RunwayConfig), so the custom fields
                      the KPIs read are included.

Exit codes: 0 done, 1 Jira failed (after retries), 2 bad input or Jira refused (its message is shown).
`;

const OPTIONS = {
  ...SITE_OPTIONS,
  out: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write a Jira site’s issues (names, complete changelogs) as a kpis --input export',
  usage: USAGE,
  async run(args, io: SiteIo) {
    const { values, positionals } = parseOptions(args, OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0)
      throw new UsageError(`unexpected ${positionals[0]} (see runway export --help)`);
    const request = siteRequest(values, io);
    const config = await loadConfig(values.config, io);
    const pages = await fetchSiteExport(request, config, io);
    const text = `${JSON.stringify(pages)}\n`;
    if (values.out === undefined) io.stdout(text);
    else await writeTextFile(io, values.out, text);
    return 0;
  },
};
