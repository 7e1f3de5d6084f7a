/**
 * `runway export`: a site's issues as the export `runway kpis --input` reads (the pages of
 * search/jql?expand=names,changelog, each issue with a complete changelog).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { SearchPage } from '../../jira';
import { parseOptions } from '../args';
import { UsageError, type Command } from '../command';
import { loadConfig } from '../input';
import type { CliIo } from '../io';
import { streamSiteExport, SITE_OPTIONS, SITE_USAGE, siteRequest, type SiteIo } from '../site';
import { messageOf } from '../../domain';

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

/**
 * The export as one JSON array, written a page at a time: never one string of the whole export
 * (a large site's export is longer than the longest string V8 allows).
 */
export async function writePages(
  pages: Iterable<SearchPage> | AsyncIterable<SearchPage>,
  write: (text: string) => Promise<void> | void,
): Promise<void> {
  await write('[');
  let first = true;
  for await (const page of pages) {
    await write(`${first ? '' : ',\n'}${JSON.stringify(page)}`);
    first = false;
  }
  await write(']\n');
}

/**
 * Pages written as they arrive, into `<file>.part`, renamed to `<file>` once the export is
 * whole: a site that fails midway never leaves a half export under the name asked for.
 */
async function writePagesToFile(pages: AsyncIterable<SearchPage>, file: string, io: CliIo): Promise<void> {
  const target = io.resolve(file);
  const partial = `${target}.part`;
  const stream = createWriteStream(partial, 'utf8');
  let writeFailed = false;
  const failed = once(stream, 'error').then(([e]) => {
    writeFailed = true;
    return Promise.reject(e as Error);
  });
  failed.catch(() => undefined); // observed below
  try {
    await Promise.race([
      failed,
      writePages(pages, async (text) => {
        if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
      }),
    ]);
    stream.end();
    await Promise.race([finished(stream), failed]);
    await rename(partial, target);
  } catch (e) {
    stream.destroy();
    await rm(partial, { force: true }).catch(() => undefined);
    if (!writeFailed && !isFileError(e)) throw e;
    throw new UsageError(`${file}: cannot write the file (${messageOf(e)})`);
  }
}

function isFileError(e: unknown): boolean {
  return e instanceof Error && 'syscall' in e && typeof e.syscall === 'string';
}

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
    const pages = streamSiteExport(request, config, io);
    if (values.out === undefined) await writePages(pages, (text) => io.stdout(text));
    else await writePagesToFile(pages, values.out, io);
    return 0;
  },
};
