/**
 * `runway render`: a playbook or the handover packet of one implementation, from a Jira export
 * (`--input`) or a live site (`--site`), as ADF, Markdown or HTML; `runway render --list` prints
 * the templates, one a line, id first. The same domain code as the Confluence macros; gates are
 * what the Gate issues say (sign-offs live in the app's storage, which the command line has not).
 */
import { toAdf, toHtml, toMarkdown } from '../../confluence';
import {
  buildImplementations,
  ISSUE_KEY_PATTERN,
  parseSearchExport,
  type RunwayConfig,
  type SearchExport,
  messageOf,
} from '../../domain';
import { assembleHandoverPacket } from '../../domain/handover';
import { assembleStatusReport, STATUS_ID, statusPeriodProblem } from '../../domain/status';
import {
  HANDOVER_ID,
  libraryWith,
  readReporters,
  renderPlaybook,
  unknownTemplateMessage,
  type PlaybookLibrary,
  type StructuredDocument,
} from '../../domain/playbooks';
import { basicAuthFetch, createJiraClient, HttpError, normaliseSite } from '../../jira';
import { fetchImplementationExport } from '../../jira/gates';
import { oneOf, parseDateOption, parseOptions } from '../args';
import { UsageError, type Command } from '../command';
import { loadConfig, readJsonFile, readSearchExports } from '../input';
import type { CliIo } from '../io';
import { SITE_OPTIONS, siteRequest, type SiteIo } from '../site';

const FORMATS = ['md', 'html', 'adf'] as const;

const USAGE = `Usage: runway render <template-id>|handover --implementation <KEY> --input <file|dir>... [options]
       runway render <template-id>|handover --implementation <KEY> --site <url> --email <email> --token <token> [options]
       runway render status --implementation <KEY> --since <date> (--input <file|dir>... | --site <url>) [options]
       runway render --list [--templates <file>]

Renders a playbook template, the handover packet, or the status report, for one implementation
from its Jira data: the same document the Confluence macros show.

  --implementation <KEY>  The implementation (an Epic labelled "implementation", or an issue of
                          type Implementation), e.g. IMP-12.
  --input <file|dir>      A Jira search export holding the implementation and its children
                          (runway export, or GET /rest/api/3/search/jql?expand=names,changelog).
  --site, --email, --token
                          Read the implementation and its children from a Jira Cloud site (or
                          JIRA_SITE, JIRA_EMAIL, JIRA_API_TOKEN); the API token is safer in the
                          environment than on the command line.
  --link-base <url>       Jira site that issue keys link to (default: the --site; none for --input).
  --as-of <date>          Render as of this date (default: today). Later history is ignored.
  --since <date>          status: the first day of the period whose changes the report lists
                          (milestones done, due dates moved, RAID items opened, closed or
                          rescored, gates passed or rejected, change requests approved); the
                          period runs to --as-of, both days included.
  --format <f>            md (default), html (a standalone page) or adf (Atlassian Document
                          Format JSON, as the macros export to PDF and Word).
  --config <file>         Site names, field ids, targets (see RunwayConfig).
  --templates <file>      A team's own templates (one template or an array, JSON); a template
                          that does not validate is refused with the reason.
  --list                  Print the templates, one a line: id, title, description.

Exit codes: 0 done, 1 Jira failed, 2 bad input (unknown template or implementation, bad file,
malformed date, --since after --as-of).
`;

export const RENDER_OPTIONS = {
  site: SITE_OPTIONS.site,
  email: SITE_OPTIONS.email,
  token: SITE_OPTIONS.token,
  implementation: { type: 'string' },
  'link-base': { type: 'string' },
  input: { type: 'string', multiple: true },
  'as-of': { type: 'string' },
  since: { type: 'string' },
  config: { type: 'string' },
  templates: { type: 'string' },
  format: { type: 'string' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function loadLibrary(file: string | undefined, io: CliIo): Promise<PlaybookLibrary> {
  if (file === undefined) return libraryWith([]).library;
  const json = await readJsonFile(file, io);
  const { library, refused } = libraryWith(Array.isArray(json) ? json : [json]);
  if (refused.length > 0) throw new UsageError(`${file}: ${refused.join('; ')}`);
  return library;
}

/** The implementation and its children from a site, as the API token's user sees them. */
async function fromSite(
  values: { site?: string; email?: string; token?: string },
  key: string,
  config: RunwayConfig,
  io: SiteIo,
): Promise<SearchExport & { siteUrl: string }> {
  const request = siteRequest({ ...values, jql: `key = ${key} OR parent = ${key} ORDER BY key ASC` }, io);
  const client = createJiraClient({
    fetch: basicAuthFetch(request.site, request.email, request.token, io.fetch),
    log: (message) => io.stderr(`${message}\n`),
    ...(io.sleep ? { sleep: io.sleep } : {}),
  });
  try {
    const pages = await fetchImplementationExport(client, key, config, ['reporter']);
    const parsed = parseSearchExport(pages);
    if (!parsed.ok) throw new Error(`the site's answer is not a search export: ${parsed.error}`);
    return { ...parsed.value, siteUrl: normaliseSite(request.site) };
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    // Jira says the same for a key that does not exist and one the token's user may not browse.
    if (e.status === 400 && e.errorMessages.some((m) => /does not exist/i.test(m)))
      throw new UsageError(
        `${key} does not exist on ${normaliseSite(request.site)}, or you do not have permission to see it`,
        { cause: e },
      );
    if (e.kind === 'http' && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 429)
      throw new UsageError(e.message, { cause: e });
    throw new Error(e.message, { cause: e });
  }
}

function linkBase(url: string): string {
  try {
    return normaliseSite(url);
  } catch (e) {
    throw new UsageError(`--link-base: ${messageOf(e)}`);
  }
}

function listTemplates(library: PlaybookLibrary): string {
  const rows = [
    ...library.templates.map((t) => [t.id, t.title, t.description]),
    [
      HANDOVER_ID,
      'Handover packet',
      'The handover to Customer Success and Support, assembled from the implementation.',
    ],
    [
      STATUS_ID,
      'Status report',
      'Health, what changed since --since, what is due, risks, decisions, KPIs and the forecast go-live.',
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([id, title, description]) => `${id.padEnd(width)}  ${title}: ${description}\n`).join('');
}

export const renderCommand: Command = {
  name: 'render',
  summary:
    'A playbook, the handover packet or the status report of one implementation, as Markdown, HTML or ADF',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, RENDER_OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    const library = await loadLibrary(values.templates, io);
    if (values.list) {
      io.stdout(listTemplates(library));
      return 0;
    }
    const [templateId, ...extra] = positionals;
    if (templateId === undefined)
      throw new UsageError('name a template (runway render --list shows them) or handover');
    if (extra.length > 0)
      throw new UsageError(`unexpected ${extra[0]}: give one template, and inputs with --input`);
    const status = templateId === STATUS_ID;
    const template = templateId === HANDOVER_ID || status ? null : library.get(templateId);
    if (template === undefined) throw new UsageError(unknownTemplateMessage(templateId, library));
    const key = (values.implementation ?? '').trim().toUpperCase();
    if (key === '')
      throw new UsageError('no implementation: give --implementation <KEY>, e.g. --implementation IMP-12');
    if (!ISSUE_KEY_PATTERN.test(key))
      throw new UsageError(`--implementation ${values.implementation}: not a Jira issue key (e.g. IMP-12)`);
    const format = oneOf('--format', values.format ?? 'md', FORMATS);
    const asOf = values['as-of'] === undefined ? io.today() : parseDateOption('--as-of', values['as-of']);
    if (!status && values.since !== undefined)
      throw new UsageError('--since is for the status report only (runway render status)');
    if (status && values.since === undefined)
      throw new UsageError('the status report needs a period: give --since <YYYY-MM-DD>');
    const since = values.since === undefined ? asOf : parseDateOption('--since', values.since);
    const period = statusPeriodProblem(since, asOf);
    if (period !== null) throw new UsageError(period);
    const config = await loadConfig(values.config, io);

    const site = values.site !== undefined || (values.input === undefined && (io.env.JIRA_SITE ?? '') !== '');
    if (site && values.input !== undefined) throw new UsageError('give --input or --site, not both');
    if (!site && values.input === undefined)
      throw new UsageError('no input: give --input <file|dir> or --site <url> (see runway render --help)');
    const source = site
      ? await fromSite(values, key, config, io)
      : await readSearchExports(values.input ?? [], io);
    const siteUrl =
      values['link-base'] !== undefined
        ? linkBase(values['link-base'])
        : 'siteUrl' in source && typeof source.siteUrl === 'string'
          ? source.siteUrl
          : undefined;

    const model = buildImplementations(source.issues, source.names, { asOf, config });
    const implementation = model.implementations.find((i) => i.key === key);
    if (!implementation) {
      const where = site ? 'the site' : 'the export';
      if (source.issues.some((i) => i.key === key))
        throw new UsageError(
          `${key} is in ${where} but is not an implementation (an Epic labelled "${config.implementationLabel}" or an issue of type ${config.implementationTypes.join(' / ')})`,
        );
      const known = model.implementations.map((i) => i.key);
      throw new UsageError(
        `${key} is not in ${where}${known.length > 0 ? ` (its implementations: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''})` : ''}`,
      );
    }
    const ctx = { asOf, config, reporters: readReporters(source.issues) };
    const doc: StructuredDocument = status
      ? assembleStatusReport(implementation, { ...ctx, issues: source.issues, since })
      : template === null
        ? assembleHandoverPacket(implementation, ctx)
        : renderPlaybook(template, implementation, ctx);
    if (format === 'adf')
      io.stdout(`${JSON.stringify(toAdf(doc, { siteUrl, includeTitle: true }), null, 2)}\n`);
    else if (format === 'html') io.stdout(toHtml(doc, { siteUrl }));
    else io.stdout(toMarkdown(doc, { siteUrl }));
    return 0;
  },
};
