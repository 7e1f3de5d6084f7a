// `runway kpis --input` on a ~90 MB, 47,000-issue export against a process that only reads and
// JSON.parses the same file (issue 12's target: at most 2.0×). The export repeats the issues of
// the spec's paged example (~1.9 KB an issue, as a site's export of the KPI fields) with fresh
// keys, written page by page. Usage: node dist/bench/cli-kpis.js [issues] [runway bin]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXAMPLE, writeExport } from './export-file';

const REPO = path.resolve(__dirname, '../..');

/** Wall time, and CPU time (user + system) as the process itself counted it. */
function timed(args: string[]): { wallMs: number; cpuMs: number } {
  const usage = path.join(os.tmpdir(), `runway-bench-usage-${process.pid}.json`);
  const t = performance.now();
  execFileSync(process.execPath, ['-r', path.join(__dirname, 'peak-memory.js'), ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    maxBuffer: 1 << 30,
    env: { ...process.env, RUNWAY_BENCH_PEAK: usage },
  });
  const wallMs = performance.now() - t;
  const { cpuMs } = JSON.parse(fs.readFileSync(usage, 'utf8')) as { cpuMs: number };
  fs.rmSync(usage, { force: true });
  return { wallMs, cpuMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(issues: number, bin: string, runs = 5) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runway-bench-')), 'export.json');
  try {
    const bytes = writeExport(file, issues);
    const parse = `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`;
    const kpis = [bin, 'kpis', '--input', file, '--as-of', '2026-06-30'];
    const parseRuns: { wallMs: number; cpuMs: number }[] = [];
    const kpisRuns: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      parseRuns.push(timed(['-e', parse]));
      kpisRuns.push(timed(kpis));
    }
    const p = median(parseRuns.map((r) => r.wallMs));
    const k = median(kpisRuns.map((r) => r.wallMs));
    const pCpu = median(parseRuns.map((r) => r.cpuMs));
    const kCpu = median(kpisRuns.map((r) => r.cpuMs));
    return {
      issues,
      inputMB: Math.round(bytes / 1e6),
      readAndParseMs: Math.round(p),
      kpisMs: Math.round(k),
      ratio: +(k / p).toFixed(2),
      readAndParseCpuMs: pCpu,
      kpisCpuMs: kCpu,
      cpuRatio: +(kCpu / pCpu).toFixed(2),
      loadAverage: +os.loadavg()[0].toFixed(1),
      target: 2,
      met: k / p <= 2,
    };
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

if (!fs.existsSync(EXAMPLE)) {
  process.stderr.write(`bench: ${EXAMPLE} not found (the shared spec examples)\n`);
  process.exitCode = 2;
} else {
  const issues = Number(process.argv[2] ?? 47_000);
  const bin = process.argv[3] ?? path.join(REPO, 'bin/runway.js');
  process.stdout.write(`${JSON.stringify(measure(issues, bin))}\n`);
}
