// Issue 12: "a 1 GB export is read within 2× the memory of its parsed data". Writes a ~1 GB
// export (the spec's example issues repeated), then measures in separate processes the heap its
// parsed pages hold, and the peak heap and RSS of `runway kpis --input` on it.
// Usage: node dist/bench/large-input.js [megabytes] [runway bin]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXAMPLE, writeExport } from './export-file';

const REPO = path.resolve(__dirname, '../..');
const HEAP_FLAG = '--max-old-space-size=16000';

function measure(megabytes: number, bin: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-bench-large-'));
  const file = path.join(dir, 'export.json');
  try {
    const sampleBytes = writeExport(file, 1000);
    const issues = Math.ceil((megabytes * 1e6 * 1000) / sampleBytes);
    const bytes = writeExport(file, issues);
    const parsed = JSON.parse(
      execFileSync(
        process.execPath,
        ['--expose-gc', HEAP_FLAG, path.join(__dirname, 'parsed-data.js'), file],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      ),
    ) as { pages: number; parsedDataMB: number };
    const peakFile = path.join(dir, 'peak.json');
    const started = performance.now();
    execFileSync(
      process.execPath,
      [
        HEAP_FLAG,
        '-r',
        path.join(__dirname, 'peak-memory.js'),
        bin,
        'kpis',
        '--input',
        file,
        '--as-of',
        '2026-06-30',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, RUNWAY_BENCH_PEAK: peakFile } },
    );
    const kpisMs = performance.now() - started;
    const peak = JSON.parse(fs.readFileSync(peakFile, 'utf8')) as { peakHeapMB: number; peakRssMB: number };
    const ratio = peak.peakHeapMB / parsed.parsedDataMB;
    return {
      issues,
      inputMB: Math.round(bytes / 1e6),
      pages: parsed.pages,
      parsedDataMB: parsed.parsedDataMB,
      kpisPeakHeapMB: peak.peakHeapMB,
      kpisPeakRssMB: peak.peakRssMB,
      kpisSeconds: +(kpisMs / 1000).toFixed(1),
      ratio: +ratio.toFixed(2),
      target: 2,
      met: ratio <= 2,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (!fs.existsSync(EXAMPLE)) {
  process.stderr.write(`bench: ${EXAMPLE} not found (the shared spec examples)\n`);
  process.exitCode = 2;
} else {
  const megabytes = Number(process.argv[2] ?? 1000);
  const bin = process.argv[3] ?? path.join(REPO, 'bin/runway.js');
  process.stdout.write(`${JSON.stringify(measure(megabytes, bin))}\n`);
}
