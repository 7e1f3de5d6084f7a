// Four jest projects; `npx jest` (and `npm test`) runs them all, `--selectProjects` one of them:
//   unit          the pure core and the use cases with in-memory ports: test/domain, test/contracts,
//                 test/app (`npm run test:unit`, the inner loop: seconds)
//   architecture  the layering check and the file-size limit proven (test/architecture)
//   integration   adapters, resolvers, the CLI, the local host and site, the Forge wiring
//   e2e           Custom UI surfaces in Chromium against the local host (test/e2e)
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', transform: { react: { runtime: 'automatic' } } } },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};

const TESTS = '**/*.test.{ts,tsx}';
const UNIT = ['domain', 'contracts', 'app'];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: UNIT.map((folder) => `<rootDir>/test/${folder}/${TESTS}`),
    },
    { ...shared, displayName: 'architecture', testMatch: [`<rootDir>/test/architecture/${TESTS}`] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [`<rootDir>/test/${TESTS}`],
      testPathIgnorePatterns: [
        '/node_modules/',
        ...[...UNIT, 'architecture', 'e2e'].map((f) => `<rootDir>/test/${f}/`),
      ],
    },
    { ...shared, displayName: 'e2e', testMatch: [`<rootDir>/test/e2e/${TESTS}`] },
  ],
};
