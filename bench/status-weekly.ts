// The weekly status function (status-weekly-fn) publishing many reports: 200 schedules, each a
// different implementation of a demo portfolio, all under pages of one Confluence space (so all
// but one week's page take the "Status <week> — <name>" title), on the local site with 100 ms per
// request, run through the local Forge host as the scheduled trigger runs it (its 900 s timeout).
// Figures: wall time, requests (by endpoint), heap growth and peak RSS of the process (the site's
// data lives in the same process: the RSS is an upper bound of the function's own).
// Usage: node dist/bench/status-weekly.js <schedules>  → one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { WEEKLY_CONCURRENCY } from '../src/app/documents';
import { generatePortfolio } from '../src/local/demo/generate';
import { HOST_USERS } from '../src/local/host/app';
import { LocalForge } from '../src/local/host/forge';
import { runScheduledTrigger } from '../src/local/host/scheduled';
import { createSiteHandler } from '../src/local/site/handler';
import { readWeeklyStatuses, typedStore, writeWeeklyStatuses, type WeeklyStatus } from '../src/storage';
import { BENCH_AS_OF, runBench } from './portfolio';

const LATENCY_MS = 100;
const MB = 1024 * 1024;
/** Schedules per macro page: ten reports on each of the delivery pages. */
const PER_PAGE = 10;

const endpoint = (method: string, p: string) =>
  `${method} ${p
    .split('?')[0]
    .replace(/\/issue\/[^/]+\//, '/issue/{key}/')
    .replace(/\/(pages|content|spaces)\/\d+/, '/$1/{id}')}`;

async function measure(count: number) {
  const portfolio = generatePortfolio({ seed: 7, implementations: count, asOf: BENCH_AS_OF });
  const { state } = portfolio;
  const space = state.confluence.spaces.find((s) => s.key === 'IMPL');
  const home = state.confluence.pages.find((p) => p.id === space?.homepageId);
  if (!space || !home) throw new Error('no IMPL space');
  const admin = HOST_USERS.find((u) => u.alias === 'admin')?.accountId ?? '';
  const schedules: WeeklyStatus[] = portfolio.implementations.slice(0, count).map((impl, i) => {
    const pageId = String(900_000 + Math.floor(i / PER_PAGE));
    if (!state.confluence.pages.some((p) => p.id === pageId))
      state.confluence.pages.push({ ...home, id: pageId, title: `Delivery ${pageId}`, parentId: home.id });
    const issue = state.issues.find((x) => x.key === impl.key);
    return {
      implementationKey: impl.key,
      spaceId: space.id,
      parentId: pageId,
      periodDays: 7,
      siteUrl: 'https://runway.local',
      by: admin,
      since: BENCH_AS_OF,
      ...(issue ? { implementationId: issue.id } : {}),
    };
  });
  const site = createSiteHandler(state, { faults: { latencyMs: LATENCY_MS } });
  const counts: Record<string, number> = {};
  const forge = await LocalForge.create({
    site: {
      handle: (req) => {
        const key = endpoint(req.method, req.path);
        counts[key] = (counts[key] ?? 0) + 1;
        return site.handle(req);
      },
    },
    users: HOST_USERS,
  });
  try {
    const store = typedStore();
    await forge.runtime.run({}, () => writeWeeklyStatuses(store, schedules));
    global.gc?.();
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 10);
    const t0 = performance.now();
    await runScheduledTrigger(forge, 'runway-weekly-status');
    const wallMs = performance.now() - t0;
    clearInterval(sampler);
    const after = await forge.runtime.run({}, () => readWeeklyStatuses(store));
    const requests = Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      schedules: count,
      issues: portfolio.stats.issues,
      latencyMsPerRequest: LATENCY_MS,
      concurrency: WEEKLY_CONCURRENCY,
      published: after.filter((s) => s.lastPublishedOn !== undefined).length,
      paused: after.filter((s) => s.paused !== undefined).length,
      plainTitles: after.filter((s) => s.lastTitle !== undefined && !s.lastTitle.includes(' — ')).length,
      wallMs: Math.round(wallMs),
      requests,
      requestsPerSchedule: +(requests / count).toFixed(1),
      requestsByEndpoint: counts,
      heapGrowthMB: Math.round((peakHeap - before.heapUsed) / MB),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      timeoutSeconds: 900,
    };
  } finally {
    forge.close();
  }
}

runBench('status-weekly <schedules>', measure);
