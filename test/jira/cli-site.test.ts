import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SiteIo } from '../../src/cli/site';
import type { FetchLike } from '../../src/jira';
import { EMAIL, EXAMPLE_FILE, exampleSiteFetch, SITE_URL, TOKEN } from './example-site';
import { respond, toResponse } from './fake-jira';
import { runway as runCli, type Run } from '../cli/support';

const SITE = ['--site', SITE_URL, '--email', EMAIL, '--token', TOKEN];
const JQL = ['--jql', 'project in (IMP, ONB)'];
const AS_OF = ['--as-of', '2026-06-30'];

/** `runway` against the example site (fake Jira), retrying without waiting. */
const runway = (argv: string[], extra: Partial<SiteIo> = {}) =>
  runCli(argv, {
    io: { env: {}, fetch: exampleSiteFetch().fetch, sleep: () => Promise.resolve(), ...extra },
  });

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-jira-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('runway kpis --site', () => {
  it('prints the same report as --input on an export of the same issues', async () => {
    const fromSite = await runway(['kpis', ...SITE, ...JQL, ...AS_OF]);
    const fromFile = await runway(['kpis', '--input', EXAMPLE_FILE, ...AS_OF]);
    expect(fromSite.code).toBe(0);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromSite.stdout)).toEqual(JSON.parse(fromFile.stdout));
    // the example predates the Stakeholder Confidence field: the site has none, and says so
    expect(fromSite.stderr).toMatch(
      /^note: the site has no field named "Stakeholder Confidence" \(map them in --config fieldNames\/fieldIds\)\nfetched 950 issues from https:\/\/acme\.atlassian\.net in \d+ requests\n$/,
    );
  });

  it('takes the site, email and token from JIRA_SITE, JIRA_EMAIL and JIRA_API_TOKEN', async () => {
    const env = { JIRA_SITE: SITE_URL, JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: TOKEN };
    const run = await runway(['kpis', ...JQL, ...AS_OF, '--format', 'csv'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toContain('key');
  });

  it('shows a progress line on stderr while a long fetch runs', async () => {
    let t = 0;
    const run = await runway(['kpis', ...SITE, ...JQL, ...AS_OF], { now: () => new Date((t += 700)) });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^fetching: [\d,]+ issues in \d+ pages(; changelogs [\d,]+\/[\d,]+ completed)?; \d+ requests, \d+ s$/m,
    );
  });
});

describe('runway export', () => {
  it('writes the export that kpis --input reads, giving the same report as --site', async () => {
    const out = path.join(dir, 'export.json');
    const exported = await runway(['export', ...SITE, ...JQL, '--out', out]);
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    const pages = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      issues: unknown[];
      names: Record<string, string>;
    }[];
    expect(pages.reduce((n, p) => n + p.issues.length, 0)).toBe(950);
    expect(pages[0].names).toMatchObject({ customfield_10906: 'Kickoff Date', status: 'Status' });

    const fromExport = await runway(['kpis', '--input', out, ...AS_OF]);
    const fromSite = await runway(['kpis', ...SITE, ...JQL, ...AS_OF]);
    expect(JSON.parse(fromExport.stdout)).toEqual(JSON.parse(fromSite.stdout));
  });

  it('never leaves a half export under the name asked for when the site fails midway', async () => {
    const out = path.join(dir, 'midway.json');
    fs.writeFileSync(out, '"the previous export"');
    const site = exampleSiteFetch().fetch;
    let searches = 0;
    let writtenBeforeThirdPage = '';
    // Each answer after a turn of the event loop, as a network answer comes, so the file can be written meanwhile.
    const failsAfterTwoPages: FetchLike = async (url, init) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (String(url).includes('/rest/api/3/search/jql') && ++searches > 2) {
        if (searches === 3) writtenBeforeThirdPage = fs.readFileSync(`${out}.part`, 'utf8');
        return toResponse(respond(503, { errorMessages: ['Service is temporarily unavailable'] }));
      }
      return site(url, init);
    };
    const run = await runway(['export', ...SITE, ...JQL, '--out', out], { fetch: failsAfterTwoPages });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('503 Service Unavailable');
    expect(writtenBeforeThirdPage).toMatch(/^\[/); // the file was being written while the site was read
    expect(fs.readFileSync(out, 'utf8')).toBe('"the previous export"');
    expect(fs.existsSync(`${out}.part`)).toBe(false);
  });

  it('writes to standard output without --out', async () => {
    const run = await runway(['export', ...SITE, ...JQL]);
    expect(run.code).toBe(0);
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
  });
});

describe('a wrong site, token or JQL', () => {
  const noStack = (run: Run) => expect(run.stderr).not.toMatch(/\n\s+at /);

  it("gives Jira's message for a wrong token, exit 2", async () => {
    const run = await runway(['kpis', '--site', SITE_URL, '--email', EMAIL, '--token', 'wrong', ...JQL]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'runway kpis: Jira GET /rest/api/3/field failed with 401 Unauthorized: Client must be authenticated to access this resource. (check the site, the email and the API token)\n',
    );
    noStack(run);
  });

  it("gives Jira's message for JQL it refuses, exit 2", async () => {
    const run = await runway(['export', ...SITE, '--jql', 'project = NOPE']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("The value 'NOPE' does not exist for the field 'project'.");
    noStack(run);
  });

  it('says the site cannot be reached, exit 2', async () => {
    const run = await runway([
      'kpis',
      '--site',
      'https://nosuch.atlassian.net',
      '--email',
      EMAIL,
      '--token',
      TOKEN,
      ...JQL,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ENOTFOUND nosuch.atlassian.net');
    expect(run.stderr).toContain('(site https://nosuch.atlassian.net)');
    noStack(run);
  });

  it('exits 1 with a one-line message when Jira keeps failing, after bounded retries', async () => {
    let calls = 0;
    const failing: FetchLike = () => {
      calls += 1;
      return Promise.resolve(
        toResponse(respond(503, { errorMessages: ['Service is temporarily unavailable'] })),
      );
    };
    const run = await runway(['kpis', ...SITE, ...JQL], { fetch: failing });
    expect(run.code).toBe(1);
    expect(calls).toBe(5);
    expect(run.stderr.trim().split('\n').pop()).toBe(
      'runway kpis: unexpected error: Jira GET /rest/api/3/field failed with 503 Service Unavailable (after 5 attempts): Service is temporarily unavailable',
    );
  });

  it('names what is missing: the JQL, the token', async () => {
    const noJql = await runway(['kpis', ...SITE]);
    expect([noJql.code, noJql.stderr]).toEqual([
      2,
      'runway kpis: no --jql: say which issues to read, e.g. --jql "project in (IMP, ONB)"\n',
    ]);
    const noToken = await runway(['export', '--site', SITE_URL, '--email', EMAIL, ...JQL]);
    expect([noToken.code, noToken.stderr]).toEqual([
      2,
      'runway export: no token: give --token or set JIRA_API_TOKEN\n',
    ]);
    const both = await runway(['kpis', '--input', EXAMPLE_FILE, ...SITE, ...JQL]);
    expect([both.code, both.stderr]).toEqual([2, 'runway kpis: give --input or --site, not both\n']);
  });
});
