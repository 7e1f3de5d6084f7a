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
