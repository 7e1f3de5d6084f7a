/**
 * The Jira client and `runway kpis --site` / `runway export` end to end, over real HTTP,
 * against the local Jira (src/local: the demo portfolio behind API-token basic auth).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SiteIo } from '../../src/cli/site';
import type { KpiReport } from '../../src/domain';
import { startLocalApp, type LocalApp } from '../../src/local/host/app';
import { runway as runCli } from '../cli/support';

const ADMIN = ['--email', 'priya.shah@runway-demo.example', '--token', 'demo-admin-token'];
const VIEWER = ['--email', 'jordan.lee@runway-demo.example', '--token', 'demo-viewer-token'];
const JQL = ['--jql', 'project in (IMP, ONB, ENT) ORDER BY key'];
/** The demo portfolio's own date (src/local/demo DEFAULT_AS_OF). */
const AS_OF = ['--as-of', '2026-11-23'];

let app: LocalApp;
let dir = '';

beforeAll(async () => {
  app = await startLocalApp({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-jira-local-'));
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => app.site.setFaults(undefined));

const runway = (argv: string[], extra: Partial<SiteIo> = {}) => runCli(argv, { io: { env: {}, ...extra } });

describe('runway against the local Jira', () => {
  it('kpis --site equals kpis --input on the export of the same issues', async () => {
    const out = path.join(dir, 'export.json');
    app.site.resetLog();
    const exported = await runway(['export', '--site', app.url, ...ADMIN, ...JQL, '--out', out]);
    expect(exported.code).toBe(0);
    // The fewest requests the API allows: one field list, full search pages, 1,000-issue changelog batches.
    const issues = (JSON.parse(fs.readFileSync(out, 'utf8')) as { issues: unknown[] }[]).reduce(
      (n, p) => n + p.issues.length,
      0,
    );
    const counts = app.site.requestCounts();
    expect(counts['GET /rest/api/3/field']).toBe(1);
    expect(counts['POST /rest/api/3/search/jql']).toBe(Math.ceil(issues / 100));
    expect(counts['POST /rest/api/3/changelog/bulkfetch'] ?? 0).toBeLessThanOrEqual(Math.ceil(issues / 1000));
    const fromSite = await runway(['kpis', '--site', app.url, ...ADMIN, ...JQL, ...AS_OF]);
    const fromFile = await runway(['kpis', '--input', out, ...AS_OF]);
    expect(fromSite.code).toBe(0);
    const report = JSON.parse(fromSite.stdout) as KpiReport;
    expect(report.implementations.length).toBeGreaterThanOrEqual(25);
    expect(report).toEqual(JSON.parse(fromFile.stdout));
  });

  it('gives the identical report with 429s (Retry-After honoured) and 503s injected', async () => {
    const clean = await runway(['kpis', '--site', app.url, ...ADMIN, ...JQL, ...AS_OF]);
    app.site.setFaults({ rateLimit: { every: 3, retryAfterSeconds: 2 }, unavailable: { every: 5 } });
    const waits: number[] = [];
    const faulty = await runway(['kpis', '--site', app.url, ...ADMIN, ...JQL, ...AS_OF], {
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
    });
    expect(faulty.code).toBe(0);
    expect(faulty.stdout).toBe(clean.stdout);
    expect(waits).toContain(2000);
    expect(faulty.stderr).toContain('Jira rate limit on');
    expect(app.site.requestLog().some((e) => e.fault === 'unavailable')).toBe(true);
  });

  it('shows a viewer no implementation of a project they cannot browse', async () => {
    const everything = ['--jql', 'created >= "2020-01-01" ORDER BY key'];
    const admin = JSON.parse(
      (await runway(['kpis', '--site', app.url, ...ADMIN, ...everything, ...AS_OF])).stdout,
    ) as KpiReport;
    const viewer = JSON.parse(
      (await runway(['kpis', '--site', app.url, ...VIEWER, ...everything, ...AS_OF])).stdout,
    ) as KpiReport;
    expect(admin.implementations.some((i) => i.key.startsWith('ENT-'))).toBe(true);
    expect(viewer.implementations.filter((i) => i.key.startsWith('ENT-'))).toEqual([]);
    expect(viewer.implementations.length).toBeGreaterThan(0);
    expect(admin.implementations.length).toBeGreaterThan(viewer.implementations.length);

    const named = await runway(['kpis', '--site', app.url, ...VIEWER, ...JQL, ...AS_OF]);
    expect([named.code, named.stdout]).toEqual([2, '']);
    expect(named.stderr).toContain("The value 'ENT' does not exist for the field 'project'.");
  });

  it("answers a wrong token with the site's message and exit 2", async () => {
    const run = await runway(['kpis', '--site', app.url, '--email', 'x@y.z', '--token', 'wrong', ...JQL]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^runway kpis: Jira GET \/rest\/api\/3\/field failed with 401 Unauthorized: .+\n$/,
    );
  });

  it("answers JQL Jira refuses with Jira's own message and exit 2", async () => {
    const run = await runway(['export', '--site', app.url, ...ADMIN, '--jql', 'project = NOSUCH']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^runway export: Jira POST \/rest\/api\/3\/search\/jql failed with 400 Bad Request: .*NOSUCH.*\n$/,
    );
  });
});
