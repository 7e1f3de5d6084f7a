/**
 * Reading a live Jira site from the command line (`--site`, `--email`, `--token`, `--jql`,
 * or JIRA_SITE, JIRA_EMAIL, JIRA_API_TOKEN): the same export an `--input` file holds, fetched
 * with the Jira client. Jira's refusals become messages, never stack traces.
 */
import { promises as fs } from 'node:fs';
import { parseSearchExport, type RunwayConfig, type SearchExport, messageOf } from '../domain';
import type { Clock } from '../domain/clock';
import {
  basicAuthFetch,
  createJiraClient,
  HttpError,
  normaliseSite,
  type FetchLike,
  type SearchPage,
} from '../jira';
import { streamKpiExport } from '../jira/kpi-export';
import type { ExportProgress } from '../jira/search';
import { UsageError } from './command';
import type { CliIo } from './io';

export { SITE_OPTIONS, SITE_USAGE, wantsSite } from './site-options';

/**
 * What a command reading a site may need beyond CliIo; tests supply a fake fetch. Absent
 * members fall back to the real network and file system.
 */
export interface SiteIo extends CliIo {
  fetch?: FetchLike;
  writeFile?: (p: string, text: string) => Promise<void>;
  /** Clock for the progress line's throttle. */
  now?: Clock;
  /** Waits between retries (Retry-After, backoff). */
  sleep?: (ms: number) => Promise<void>;
}

export interface SiteRequest {
  site: string;
  email: string;
  token: string;
  jql: string;
}

interface SiteValues {
  site?: string;
  email?: string;
  token?: string;
  jql?: string;
}

/** Flags first, then the environment; names what is missing. */
export function siteRequest(values: SiteValues, io: CliIo): SiteRequest {
  const pick = (flag: string, env: string, value: string | undefined): string => {
    const v = value ?? io.env[env] ?? '';
    if (v.trim() === '') throw new UsageError(`no ${flag.slice(2)}: give ${flag} or set ${env}`);
    return v.trim();
  };
  const site = pick('--site', 'JIRA_SITE', values.site);
  try {
    normaliseSite(site);
  } catch (e) {
    throw new UsageError(messageOf(e));
  }
  const jql = values.jql ?? '';
  if (jql.trim() === '')
    throw new UsageError('no --jql: say which issues to read, e.g. --jql "project in (IMP, ONB)"');
  return {
    site,
    email: pick('--email', 'JIRA_EMAIL', values.email),
    token: pick('--token', 'JIRA_API_TOKEN', values.token),
    jql,
  };
}

/**
 * A Jira refusal (bad token, unknown project in the JQL, unknown site) is the user's to fix:
 * exit 2 with Jira's message. Jira failing (5xx, rate limits, the network after retries) is
 * not: exit 1, still with a one-line message.
 */
function toCliError(e: unknown, site: string): Error {
  if (!(e instanceof HttpError)) return e instanceof Error ? e : new Error(String(e));
  const refused =
    e.kind === 'shape' ||
    (e.kind === 'http' && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 429) ||
    (e.kind === 'network' && /ENOTFOUND|ECONNREFUSED|Invalid URL/i.test(e.message));
  const message = `${e.message}${e.kind === 'network' ? ` (site ${normaliseSite(site)})` : ''}`;
  return refused ? new UsageError(message) : new Error(message);
}

const count = (n: number): string => n.toLocaleString('en-US');

/** One stderr line per second at most while fetching; nothing for fetches under a second. */
function progressLine(io: SiteIo): (p: ExportProgress) => void {
  const now = io.now ?? (() => new Date());
  const started = now().getTime();
  let last = started;
  return (p) => {
    const t = now().getTime();
    if (t - last < 1000) return;
    last = t;
    const changelogs =
      p.partialChangelogs > 0
        ? `; changelogs ${count(p.completedChangelogs)}/${count(p.partialChangelogs)} completed`
        : '';
    io.stderr(
      `fetching: ${count(p.issues)} issues in ${count(p.pages)} pages${changelogs}; ${count(p.requests)} requests, ${((t - started) / 1000).toFixed(0)} s\n`,
    );
  };
}

/** The export of `request.jql` on the site: pages with names and complete changelogs. */
export async function fetchSiteExport(
  request: SiteRequest,
  config: RunwayConfig,
  io: SiteIo,
): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  for await (const page of streamSiteExport(request, config, io)) pages.push(page);
  return pages;
}

/**
 * The same export a page at a time, each yielded as soon as its changelogs are complete, so
 * `runway export` writes as it reads and never holds the whole site.
 */
export async function* streamSiteExport(
  request: SiteRequest,
  config: RunwayConfig,
  io: SiteIo,
): AsyncGenerator<SearchPage> {
  const client = createJiraClient({
    fetch: basicAuthFetch(request.site, request.email, request.token, io.fetch),
    log: (message) => io.stderr(`${message}\n`),
    ...(io.sleep ? { sleep: io.sleep } : {}),
  });
  let issues = 0;
  try {
    const { pages, missingFields } = await streamKpiExport(client, {
      jql: request.jql,
      config,
      onProgress: progressLine(io),
    });
    if (missingFields.length > 0) {
      io.stderr(
        `note: the site has no field named ${missingFields.map((n) => `"${n}"`).join(', ')} (map them in --config fieldNames/fieldIds)\n`,
      );
    }
    for await (const page of pages) {
      issues += page.issues.length;
      yield page;
    }
  } catch (e) {
    throw toCliError(e, request.site);
  }
  io.stderr(
    `fetched ${count(issues)} issues from ${normaliseSite(request.site)} in ${count(client.requestCount)} requests\n`,
  );
}

export async function writeTextFile(io: SiteIo, file: string, text: string): Promise<void> {
  try {
    if (io.writeFile) await io.writeFile(file, text);
    else await fs.writeFile(io.resolve(file), text, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot write the file (${messageOf(e)})`);
  }
}

/**
 * For `runway kpis`: the site's export parsed exactly as an `--input` file is, so both give
 * the same report. `--input` and `--site` together are refused (which one would win?).
 */
export async function loadSiteExport(
  values: SiteValues & { input?: string[] },
  config: RunwayConfig,
  io: SiteIo,
): Promise<SearchExport> {
  if (values.input !== undefined && values.site !== undefined)
    throw new UsageError('give --input or --site, not both');
  const pages = await fetchSiteExport(siteRequest(values, io), config, io);
  const parsed = parseSearchExport(pages);
  if (!parsed.ok) throw new Error(`the site's answer is not a search export: ${parsed.error}`);
  return parsed.value;
}
