// The layering of Runway, checked by dependency-cruiser in `npm run lint` (so in `npm test`):
//   npm run lint:layers          the check (known violations of .dependency-cruiser-known-violations.json ignored)
//   npm run lint:layers:baseline rewrites that file with today's violations (the lead empties it as they get fixed)
// README "Architecture" says the same in words; test/architecture/layering.test.ts proves each rule fires.
// The purity of src/domain (no clock, no randomness) is an ESLint rule: see eslint.config.mjs.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain holds the rules: it imports only itself, zod and date-fns (no adapters, no @forge, no node built-ins).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '(^|/)node_modules/(zod|date-fns)/'] },
    },
    {
      name: 'static-uses-contracts-only',
      comment: 'Custom UI (static/) reaches src/ only through the resolver contracts in src/contracts.',
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '^src/', pathNot: '^src/contracts/' },
    },
    {
      name: 'contracts-are-shared',
      comment:
        'src/contracts is bundled into the browser too: it imports only itself, src/domain, zod and date-fns.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { pathNot: ['^src/(contracts|domain)/', '(^|/)node_modules/(zod|date-fns)/'] },
    },
    {
      name: 'resolvers-are-thin',
      comment:
        'A resolver parses its payload and calls a use case: it imports src/app, src/contracts, other resolvers, @forge/resolver and zod; never an adapter, src/domain or a node built-in.',
      severity: 'error',
      from: { path: '^src/resolvers/' },
      to: { pathNot: ['^src/(resolvers|app|contracts)/', '(^|/)node_modules/(@forge/resolver|zod)/'] },
    },
    {
      name: 'deployed-closure-stays-deployable',
      comment:
        'What Forge deploys (everything src/index.ts reaches) never reaches the local host, the command line or the benchmarks.',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^(src/local|src/cli|bench)/', reachable: true },
    },
    {
      name: 'app-and-adapters-stay-below-the-shell',
      comment:
        'Use cases and adapters (src/app, src/jira, src/confluence, src/storage) never import an entry point (resolvers, triggers, the CLI, the local host).',
      severity: 'error',
      from: { path: '^src/(app|jira|confluence|storage)/' },
      to: { path: '^(src/(resolvers|triggers|cli|local)/|src/index\\.ts$|bench/)' },
    },
    {
      name: 'local-site-is-independent',
      comment:
        "The emulated Jira and Confluence (src/local/site) share no code with the app: a test instrument that reused the app's code would agree with its bugs.",
      severity: 'error',
      from: { path: '^src/local/site/' },
      to: { path: '^(src/|bench/)', pathNot: '^src/local/site/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: ['^dist/', '^static/dist/', '^static/[^/]+/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
