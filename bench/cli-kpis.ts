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

function wallMs(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(issues: number, bin: string, runs = 5) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runway-bench-')), 'export.json');
  try {
    const bytes = writeExport(file, issues);
    const parse = `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`;
    const kpis = [bin, 'kpis', '--input', file, '--as-of', '2026-06-30'];
    const parseMs: number[] = [];
    const kpisMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      parseMs.push(wallMs(['-e', parse]));
      kpisMs.push(wallMs(kpis));
    }
    const p = median(parseMs);
    const k = median(kpisMs);
    return {
      issues,
      inputMB: Math.round(bytes / 1e6),
      readAndParseMs: Math.round(p),
      kpisMs: Math.round(k),
      ratio: +(k / p).toFixed(2),
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
