// The workflow validator's worst case on the local site of ~10,000 issues, 100 ms per request
// (issue 10 item 6): every transition into Live is validated as Jira calls the validator (an event
// with status ids, as the app, through the local Forge host and its 25 s limit). Two configs: the
// default one (Live needs four gates) and a worst one (Live needs every gate, plus a gate whose
// KPIs read every child's history); on every implementation, with 20 Confluence pages attached to
// the Handover gate of the one with the most children. Reported: the slowest transition, its
// requests and bytes, and what reading that implementation as a full export (as the validator did)
// costs.
// Usage: node dist/bench/validator.js <issues>  → one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { loadImplementation, gateDeps } from '../src/app/gates/report';
import type { Ports } from '../src/app/ports';
import { defaultConfig, parseConfig, type AuditRecord, type RunwayConfig } from '../src/domain';
import { HOST_USERS } from '../src/local/host/app';
import { LocalForge, type SiteLike } from '../src/local/host/forge';
import { siteFetchAsApp } from '../src/local/host/site-as-app';
import { createSiteHandler } from '../src/local/site/handler';
import { typedStore, writeConfig } from '../src/storage';
import { auditLog } from '../src/storage/gates';
import { BENCH_AS_OF, runBench, portfolioOfAtLeast } from './portfolio';

const LATENCY_MS = 100;
const PAGES_ATTACHED = 20;
const LIMIT_MS = 25_000;

function configOf(input: unknown): RunwayConfig {
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const DEFAULT = defaultConfig();
/** Every gate required at Live, and one more whose KPIs read every child's (and milestone's) history. */
const WORST = configOf({
  gates: [
    ...DEFAULT.gates,
    {
      id: 'deliveryHealth',
      name: 'Delivery health',
      criteria: [
        { kind: 'kpiAtTarget', kpi: 'rework_rate', threshold: { op: '<=', value: 1 } },
        { kind: 'kpiAtTarget', kpi: 'on_time_milestone_rate', threshold: { op: '>=', value: 0 } },
      ],
    },
  ],
  enforcement: [{ status: 'Live', requiredGates: [...DEFAULT.gates.map((g) => g.id), 'deliveryHealth'] }],
});

/** The site as the app, for reading the old way (bench only). */
function appPorts(site: SiteLike, store: Ports['store']): Ports {
  return {
    jiraFetch: siteFetchAsApp(site),
    confluenceFetch: () => Promise.reject(new Error('not used')),
    store,
    now: () => new Date(`${BENCH_AS_OF}T12:00:00Z`),
  };
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function measure(issueCount: number) {
  const { state, stats, implementations } = portfolioOfAtLeast(issueCount);
  const site = createSiteHandler(state, { faults: { latencyMs: LATENCY_MS } });
  // Bytes of every answer, to show what a narrow read saves besides requests.
  let bytes = 0;
  const counted: SiteLike = {
    handle: async (request) => {
      const answer = await site.handle(request);
      bytes += Buffer.byteLength(answer.body);
      return answer;
    },
  };
  const forge = await LocalForge.create({ site: counted, users: HOST_USERS });
  try {
    const live = state.statuses.find((s) => s.name === 'Live');
    if (!live) throw new Error('the site has no Live status');
    const childCount = (key: string) => {
      const id = state.issues.find((i) => i.key === key)?.id;
      return state.issues.filter((i) => i.parentId === id).length;
    };
    const keys = implementations.map((i) => i.key);
    const largest = keys.reduce((a, b) => (childCount(b) > childCount(a) ? b : a));
    const largestId = state.issues.find((i) => i.key === largest)?.id ?? largest;
    // Evidence on the Handover gate of the largest implementation: pages that need their labels read.
    const pages = state.confluence.pages.filter((p) => p.status === 'current').slice(0, PAGES_ATTACHED);
    await forge.runtime.run({}, async () => {
      const log = auditLog(typedStore(), largestId);
      for (const [i, page] of pages.entries()) {
        const record: AuditRecord = {
          at: `${BENCH_AS_OF}T09:${String(i).padStart(2, '0')}:00.000Z`,
          by: { accountId: HOST_USERS[0].accountId },
          gateId: 'handover',
          gateStatus: 'notReady',
          criteria: [],
          action: 'addEvidence',
          evidence: { id: `bench-${i}`, type: 'confluencePage', target: page.id, comment: '' },
        };
        await log.append(record);
      }
    });

    const transition = async (key: string) => {
      site.resetLog();
      bytes = 0;
      const t0 = performance.now();
      const verdict = (await forge.invokeFunction(
        'gate-validator-fn',
        { issue: { key }, configuration: {}, transition: { from: { id: '10012' }, to: { id: live.id } } },
        { moduleKey: 'runway-gate-enforcement' },
      )) as { result: boolean; errorMessage?: string };
      const ms = performance.now() - t0;
      if (!verdict.result && verdict.errorMessage?.startsWith('Runway could not check'))
        throw new Error(verdict.errorMessage);
      const counts = site.requestCounts();
      const kB = Math.round(bytes / 1024);
      return { key, children: childCount(key), ms: Math.round(ms), requests: total(counts), kB, counts };
    };
    const runs: Record<string, Awaited<ReturnType<typeof transition>>[]> = {};
    for (const [name, config] of [
      ['defaultConfig', DEFAULT],
      ['worstConfig', WORST],
    ] as const) {
      await forge.runtime.run({}, () => writeConfig(typedStore(), config));
      runs[name] = [];
      for (const key of keys) runs[name].push(await transition(key));
    }
    const slowestOf = (name: string) => runs[name].reduce((a, b) => (b.ms > a.ms ? b : a));
    const slowest = slowestOf('worstConfig');

    // What the validator read before (issue 10 item 6): the full export, every evidence lookup.
    site.resetLog();
    bytes = 0;
    const t0 = performance.now();
    const full = await forge.runtime.run({}, async () => {
      const deps = await gateDeps(appPorts(counted, typedStore()));
      return loadImplementation({ ...deps, config: WORST }, slowest.key, BENCH_AS_OF);
    });
    if (!full) throw new Error(`${slowest.key} is not an implementation`);
    const fullExport = {
      ms: Math.round(performance.now() - t0),
      requests: total(site.requestCounts()),
      kB: Math.round(bytes / 1024),
    };

    const summary = (name: string) => {
      const s = slowestOf(name);
      return {
        transitions: runs[name].length,
        slowest: { key: s.key, children: s.children, ms: s.ms, requests: s.requests, kB: s.kB },
        mostRequests: Math.max(...runs[name].map((r) => r.requests)),
      };
    };
    return {
      issues: stats.issues,
      implementations: keys.length,
      latencyMsPerRequest: LATENCY_MS,
      largestImplementation: { key: largest, children: childCount(largest), pagesAttached: pages.length },
      defaultConfig: summary('defaultConfig'),
      worstConfig: summary('worstConfig'),
      slowestTransition: {
        key: slowest.key,
        ms: slowest.ms,
        requests: slowest.requests,
        kB: slowest.kB,
        requestsByEndpoint: slowest.counts,
      },
      fullExportReadOfThatImplementation: fullExport,
      limitMs: LIMIT_MS,
    };
  } finally {
    forge.close();
  }
}

runBench('validator <issues>', measure);
