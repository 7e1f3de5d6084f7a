// Requests and wall time of `runway kpis --site` against a local site of ~10,000 issues with
// 100 ms of latency on every request, compared with the fewest requests the API allows.
// Usage: node dist/bench/jira-requests.js <issues>  → one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../src/domain';
import { createJiraClient } from '../src/jira/client';
import { basicAuthFetch } from '../src/jira/fetch';
import { fetchKpiExport } from '../src/jira/kpi-export';
import { DEMO_USERS } from '../src/local/demo/catalog';
import { createSiteHandler } from '../src/local/site/handler';
import { SEARCH_CHANGELOG_LIMIT } from '../src/local/site/render';
import { startSiteServer } from '../src/local/site/server';
import { runBench, portfolioOfAtLeast } from './portfolio';

const SEARCH_PAGE_MAX = 100; // search/jql's largest page when fields beyond id/key are asked for
const BULKFETCH_MAX_ISSUES = 1000;
const LATENCY_MS = 100;

async function measure(issueCount: number) {
  const { state } = portfolioOfAtLeast(issueCount);
  const site = createSiteHandler(state, { faults: { latencyMs: LATENCY_MS } });
  const server = await startSiteServer(site);
  try {
    const admin = DEMO_USERS.admin;
    const client = createJiraClient({ fetch: basicAuthFetch(server.url, admin.email, admin.token) });
    const t0 = performance.now();
    const { pages } = await fetchKpiExport(client, {
      jql: 'project in (IMP, ONB, ENT) ORDER BY key',
      config: defaultConfig(),
    });
    const wallMs = performance.now() - t0;

    const issues = pages.reduce((n, page) => n + page.issues.length, 0);
    // Jira embeds only the latest 40 histories in a search result: those issues need bulkfetch.
    const truncated = state.issues.filter((issue) => issue.histories.length > SEARCH_CHANGELOG_LIMIT).length;
    const minimum =
      1 /* field list */ + Math.ceil(issues / SEARCH_PAGE_MAX) + Math.ceil(truncated / BULKFETCH_MAX_ISSUES);
    const counts = site.requestCounts();
    const requests = Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      issues,
      issuesWithTruncatedChangelog: truncated,
      latencyMsPerRequest: LATENCY_MS,
      requests,
      requestsByEndpoint: counts,
      minimumRequests: minimum,
      ratioToMinimum: +(requests / minimum).toFixed(3),
      wallMs: Math.round(wallMs),
    };
  } finally {
    await server.close();
  }
}

runBench('jira-requests <issues>', measure);
