// Preloaded (`node -r dist/bench/peak-memory.js …`) into a process whose peak memory a bench
// reports: samples the V8 heap every 20 ms and writes the peaks, with the peak RSS and the CPU
// time (user + system, steadier than wall time on a loaded machine), as JSON to the file named
// by RUNWAY_BENCH_PEAK when the process exits.
import * as fs from 'node:fs';

const out = process.env.RUNWAY_BENCH_PEAK;
if (out) {
  let peakHeap = 0;
  const sample = (): void => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  setInterval(sample, 20).unref();
  process.on('exit', () => {
    sample();
    const cpu = process.cpuUsage();
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    fs.writeFileSync(
      out,
      JSON.stringify({
        peakHeapMB: mb(peakHeap),
        peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      }),
    );
  });
}
