// The daily alerts function against a local site of ~100,000 issues served by another process
// (bench/alerts-site), so that this process holds only what the function holds: its wall time,
// the requests it sends, and its peak memory against the scheduled function's limits (900 s,
// 512 MB). The app's use case runs as the app inside the local Forge runtime (real storage, real
// transport), twice: the first run of a day, then the same day again (nothing new to send).
// Usage: node dist/bench/alerts.js <issues>  → one JSON line on stdout.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { runDailyAlerts } from '../src/app/alerts/run';
import { forgePorts } from '../src/app/forge';
import { HOST_USERS } from '../src/local/host/app';
import { LocalForge } from '../src/local/host/forge';
import { BENCH_AS_OF, runBench } from './portfolio';

const MB = 1024 * 1024;

async function startSite(issues: number) {
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=8000', path.join(__dirname, 'alerts-site.js'), String(issues)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the bench site exited with ${code}`)));
  });
  const { url, issues: count } = JSON.parse(line) as { url: string; issues: number };
  return { url, count, stop: () => child.kill() };
}

/** `GET /rest/api/3/issue/IMP-7/remotelink` → `GET /rest/api/3/issue/{issueIdOrKey}/remotelink`. */
const endpoint = (method: string, p: string) =>
  `${method} ${p.split('?')[0].replace(/\/issue\/[^/]+\//, '/issue/{issueIdOrKey}/')}`;

async function measure(issueCount: number) {
  const site = await startSite(issueCount);
  const counts: Record<string, number> = {};
  const forge = await LocalForge.create({
    site: {
      async handle(req) {
        const key = endpoint(req.method, req.path);
        counts[key] = (counts[key] ?? 0) + 1;
        const res = await fetch(`${site.url}${req.path}`, {
          method: req.method,
          headers: { 'content-type': 'application/json' },
          body: req.body ?? undefined,
        });
        return {
          status: res.status,
          headers: Object.fromEntries(res.headers.entries()),
          body: await res.text(),
        };
      },
    },
    users: HOST_USERS,
    dataFile: null,
  });
  try {
    const now = () => new Date(`${BENCH_AS_OF}T06:00:00Z`);
    const run = () =>
      forge.runtime.run({ moduleKey: 'runway-daily-alerts', timeoutMs: 900_000 }, () =>
        runDailyAlerts({ ...forgePorts('app'), now }),
      );
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 10);
    const t0 = performance.now();
    const first = await run();
    const firstMs = performance.now() - t0;
    const firstCounts = { ...counts };
    for (const k of Object.keys(counts)) delete counts[k];
    const t1 = performance.now();
    const second = await run();
    const secondMs = performance.now() - t1;
    clearInterval(sampler);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    return {
      issues: site.count,
      implementations: first.implementations,
      alerts: first.alerts,
      digests: first.digests,
      alertsDelivered: first.delivered,
      withheld: first.withheld,
      wallMs: Math.round(firstMs),
      requests: sum(firstCounts),
      requestsByEndpoint: firstCounts,
      repeatRun: { wallMs: Math.round(secondMs), requests: sum(counts), digests: second.digests },
      heapBeforeMB: Math.round(before.heapUsed / MB),
      peakHeapMB: Math.round(peakHeap / MB),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    forge.close();
    site.stop();
  }
}

runBench('alerts <issues>', measure);
