// `npm run bench`: the figures the issues ask for, measured on this machine, printed as JSON.
// Each size runs in its own process so that its peak memory is its own.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { bundleSizes } from './bundle-sizes';

function run(script: string, args: string[], heapMB = 12000, flags: string[] = []): Record<string, number> {
  const out = execFileSync(
    process.execPath,
    [`--max-old-space-size=${heapMB}`, ...flags, path.join(__dirname, script), ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}

function kpiEngine() {
  const sizes = { '10k': 10_000, '100k': 100_000 };
  const runs: Record<string, Record<string, number>> = {};
  for (const [label, issues] of Object.entries(sizes)) {
    process.stderr.write(`bench: KPI engine, ${label} issues…\n`);
    runs[label] = run('kpi-engine.js', [String(issues)]);
  }
  const small = runs['10k'];
  const large = runs['100k'];
  const ratio = large.engineMs / small.engineMs;
  return {
    runs,
    targets: {
      kpiTimeAtMostJsonParse: {
        '10k': small.engineMs <= small.jsonParseMs,
        '100k': large.engineMs <= large.jsonParseMs,
      },
      ratio100kTo10k: { value: +ratio.toFixed(2), target: 11, met: ratio <= 11 },
    },
  };
}

function jiraRequests() {
  process.stderr.write('bench: runway kpis --site on a local site of 10k issues, 100 ms per request…\n');
  const run1 = run('jira-requests.js', ['10000'], 4000);
  return { ...run1, target: { ratioToMinimum: 1.1, met: run1.ratioToMinimum <= 1.1 } };
}

function alerts() {
  process.stderr.write('bench: the daily alerts function on a local site of 100k issues…\n');
  // The function's process gets Forge's 512 MB as its heap limit: it fails if it needs more.
  const r = run('alerts.js', ['100000'], 512);
  const time = r.wallMs / 1000;
  return {
    ...r,
    targets: {
      withinTimeout: { seconds: +time.toFixed(1), limit: 900, met: time < 900 },
      withinMemory: { peakRssMB: r.peakRssMB, limit: 512, met: r.peakRssMB < 512 },
    },
  };
}

function cliKpis() {
  process.stderr.write('bench: runway kpis --input on a 47,000-issue export vs read + JSON.parse…\n');
  return run('cli-kpis.js', ['47000'], 4000);
}

function largeInput() {
  process.stderr.write('bench: memory of runway kpis --input on a 1 GB export vs its parsed data…\n');
  return run('large-input.js', ['1000'], 4000);
}

function forgeLimits() {
  process.stderr.write(
    'bench: gadget and implementations page through the Forge host, 100k issues, 100 ms per request…\n',
  );
  const r = run('forge-limits.js', ['100000'], 4000);
  return r;
}

function workflowValidator() {
  process.stderr.write(
    'bench: the workflow validator on every implementation of 10k issues, 100 ms per request…\n',
  );
  const r = run('validator.js', ['10000'], 4000);
  const slowest = r.slowestTransition as unknown as { ms: number };
  return { ...r, target: { limitMs: 25_000, met: slowest.ms < 25_000 } };
}

function statusWeekly() {
  process.stderr.write('bench: the weekly status function, 200 schedules, 100 ms per request…\n');
  const r = run('status-weekly.js', ['200'], 4000, ['--expose-gc']);
  return { ...r, target: { seconds: +(r.wallMs / 1000).toFixed(1), limit: 900, met: r.wallMs < 900_000 } };
}

const only = process.argv[2];
const result: Record<string, unknown> = {};
if (!only || only === 'kpis') result.kpiEngine = kpiEngine();
if (!only || only === 'jira') result.jiraRequests = jiraRequests();
if (!only || only === 'cli') result.cliKpis = cliKpis();
if (!only || only === 'large') result.largeInput = largeInput();
if (!only || only === 'forge') result.forgeLimits = forgeLimits();
if (!only || only === 'sizes') result.surfaceJsSizes = bundleSizes();
if (!only || only === 'alerts') result.dailyAlerts = alerts();
if (!only || only === 'validator') result.workflowValidator = workflowValidator();
if (!only || only === 'weekly') result.statusWeekly = statusWeekly();
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
