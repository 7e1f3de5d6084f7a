// The daily alerts function on a local site of ~100,000 issues: its wall time, the requests it
// sends, and the memory it needs on top of the site (the scheduled function's limits: 900 s, 512 MB).
// Runs the app's use case as the app through the local Forge host (real storage, real transport).
// Usage: node --expose-gc dist/bench/alerts.js <issues>  → one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { runDailyAlerts } from '../src/app/alerts/run';
import { forgePorts } from '../src/app/forge';
import { HOST_USERS } from '../src/local/host/app';
import { LocalForge } from '../src/local/host/forge';
import { createSiteHandler } from '../src/local/site/handler';
import { BENCH_AS_OF, issuesArgument, portfolioOfAtLeast } from './portfolio';

const MB = 1024 * 1024;

async function measure(issueCount: number) {
  const portfolio = portfolioOfAtLeast(issueCount);
  const site = createSiteHandler(portfolio.state);
  const forge = await LocalForge.create({ site, users: HOST_USERS, dataFile: null });
  try {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage();
    let peakHeap = baseline.heapUsed;
    let peakRss = baseline.rss;
    // The site answers in-process (no timer ever fires mid-run): sample at every request instead.
    const sample = () => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    };
    const now = () => new Date(`${BENCH_AS_OF}T06:00:00Z`);
    const run = async () =>
      forge.runtime.run({ moduleKey: 'runway-daily-alerts', timeoutMs: 900_000 }, () => {
        const ports = forgePorts('app');
        const jiraFetch: typeof ports.jiraFetch = (path, init) => {
          sample();
          return ports.jiraFetch(path, init);
        };
        return runDailyAlerts({ ...ports, jiraFetch, now });
      });
    site.resetLog();
    const t0 = performance.now();
    const first = await run();
    const firstMs = performance.now() - t0;
    const firstRequests = site.requestCounts();
    site.resetLog();
    const t1 = performance.now();
    const second = await run(); // the next run the same day: nothing new to send
    const secondMs = performance.now() - t1;
    sample();
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    return {
      issues: portfolio.stats.issues,
      implementations: first.implementations,
      alerts: first.alerts,
      digests: first.digests,
      alertsDelivered: first.delivered,
      withheld: first.withheld,
      wallMs: Math.round(firstMs),
      requests: sum(firstRequests),
      requestsByEndpoint: firstRequests,
      repeatRun: {
        wallMs: Math.round(secondMs),
        requests: sum(site.requestCounts()),
        digests: second.digests,
      },
      siteHeapMB: Math.round(baseline.heapUsed / MB),
      // An upper bound: garbage not yet collected counts too.
      peakHeapAboveSiteMB: Math.round((peakHeap - baseline.heapUsed) / MB),
      peakRssMB: Math.round(peakRss / MB),
      limits: { timeoutSeconds: 900, memoryMB: 512 },
    };
  } finally {
    forge.close();
  }
}

const issues = issuesArgument();
if (issues === null) {
  process.stderr.write('usage: alerts <issues>\n');
  process.exitCode = 2;
} else {
  void measure(issues).then((r) => process.stdout.write(JSON.stringify(r) + '\n'));
}
