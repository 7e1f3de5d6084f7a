import { generatePortfolio, type Portfolio } from '../src/local/demo/generate';

export const BENCH_AS_OF = '2026-11-23';
const SEED = 7;

/** A demo portfolio of at least `issues` issues (implementations sized from a small probe). */
export function portfolioOfAtLeast(issues: number): Portfolio {
  const probe = generatePortfolio({ seed: SEED, implementations: 50, asOf: BENCH_AS_OF });
  let implementations = Math.ceil((issues / probe.stats.issues) * 50);
  for (;;) {
    const portfolio = generatePortfolio({ seed: SEED, implementations, asOf: BENCH_AS_OF });
    if (portfolio.stats.issues >= issues) return portfolio;
    implementations = Math.ceil(implementations * 1.03);
  }
}

/** `bench/<script>.js <issues>`: the issue count from the command line. */
export function issuesArgument(): number | null {
  const issues = Number(process.argv[2]);
  return Number.isInteger(issues) && issues > 0 ? issues : null;
}

/**
 * `bench/<script>.js <count>`: measures with the count from the command line and prints the
 * result as one JSON line (what bench/main.ts reads). No count: usage, exit 2; a failure: exit 1.
 */
export function runBench<R>(usage: string, measure: (count: number) => R | Promise<R>): void {
  const count = issuesArgument();
  if (count === null) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exitCode = 2;
    return;
  }
  void Promise.resolve()
    .then(() => measure(count))
    .then(
      (r) => process.stdout.write(JSON.stringify(r) + '\n'),
      (e: unknown) => {
        process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exitCode = 1;
      },
    );
}
