// One KPI engine measurement in a fresh process, so that peak memory is this size's alone.
// Usage: node dist/bench/kpi-engine.js <issues>  → one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { computeKpiReport, defaultConfig, parseSearchExport } from '../src/domain';
import { BENCH_AS_OF as AS_OF, runBench, portfolioOfAtLeast } from './portfolio';

function measure(issues: number) {
  const portfolio = portfolioOfAtLeast(issues);
  // One string per search page, as `runway export` writes them: a 100k-issue export is larger
  // than the longest string V8 allows, and real exports arrive page by page anyway.
  const texts = portfolio.searchExport({ pageSize: 100 }).map((page) => JSON.stringify(page));
  const { issues: issueCount, changeItems } = portfolio.stats;
  const inputBytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);

  const t0 = performance.now();
  const json: unknown[] = texts.map((text) => JSON.parse(text) as unknown);
  const t1 = performance.now();
  const parsed = parseSearchExport(json);
  if (!parsed.ok) throw new Error(parsed.error);
  const t2 = performance.now();
  const report = computeKpiReport(parsed.value.issues, parsed.value.names, {
    asOf: AS_OF,
    config: defaultConfig(),
  });
  const t3 = performance.now();

  return {
    implementations: report.implementations.length,
    issues: issueCount,
    changelogItems: changeItems,
    inputMB: Math.round(inputBytes / 1e6),
    jsonParseMs: +(t1 - t0).toFixed(1),
    readExportMs: +(t2 - t1).toFixed(1),
    kpiMs: +(t3 - t2).toFixed(1),
    engineMs: +(t3 - t1).toFixed(1),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

runBench('kpi-engine <issues>', measure);
