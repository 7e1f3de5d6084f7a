/**
 * Any config either parses or is refused with a message naming the key; a config that parses
 * never makes the engine throw (KPIs, gates and the validator's verdict, health, the RAID log,
 * playbooks and the handover packet). fast-check fuzzes arbitrary JSON and mutations of a valid
 * config, with the values that broke things before: inherited member names and huge numbers.
 */
import fc from 'fast-check';
import {
  buildImplementations,
  checkTransition,
  computeImplementationKpis,
  computeKpiReport,
  defaultConfig,
  evaluateGates,
  LOGICAL_FIELDS,
  parseConfig,
  type JiraIssue,
  type RunwayConfig,
} from '../../src/domain';
import { assembleHandoverPacket } from '../../src/domain/handover';
import { implementationHealth } from '../../src/domain/health';
import { BUILT_IN_TEMPLATES, renderPlaybook } from '../../src/domain/playbooks';
import { buildRaidLog } from '../../src/domain/raid';
import { kpiDefinition } from '../../src/domain/trends';
import { KPI_IDS } from '../../src/domain';
import { arbPortfolio } from '../builders/arbitraries';
import { TEST_NAMES } from '../builders/jira';
import { AS_OF } from '../builders/report';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a leaf or array of the default config, plus the optional maps it leaves out. */
function pathsOf(value: unknown, at: string[] = []): string[][] {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return [at];
  return [at, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
}
const PATHS = pathsOf(defaultConfig()).filter((p) => p.length > 0);
/** Maps read by a key from elsewhere (an issue's fields, a tier): where inherited members bit. */
const LOOKUP_PATHS = [
  ...Object.keys(LOGICAL_FIELDS).map((f) => ['fieldIds', f]),
  ...KPI_IDS.map((id) => ['targets', id, 'value', 'constructor']),
  ['complexityTiers'],
  ['defaultComplexity'],
];
const arbPath = fc.oneof(
  { arbitrary: fc.constantFrom(...PATHS), weight: 2 },
  { arbitrary: fc.constantFrom(...LOOKUP_PATHS), weight: 1 },
);

const HOSTILE = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype'];
const arbText = fc.oneof(fc.constantFrom(...HOSTILE), fc.string());
const arbNumber = fc.oneof(
  fc.constantFrom(1e9, -1e9, 1e308, -0, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const arbTarget = fc.option(
  fc.record({
    op: fc.constantFrom('<=', '>=', '='),
    value: fc.oneof(arbNumber, fc.dictionary(arbText, arbNumber, { maxKeys: 3 })),
  }),
);

function valueAt(config: unknown, path: readonly string[]): unknown {
  let v = config;
  for (const k of path)
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** A value of the kind the key holds (mostly: one in eight is any JSON at all). */
function arbValueFor(path: readonly string[]): fc.Arbitrary<Json> {
  const original = valueAt(defaultConfig(), path);
  const sameKind: fc.Arbitrary<Json> =
    path[0] === 'targets' && path.length === 2
      ? arbTarget
      : typeof original === 'number' || path.at(-2) === 'value'
        ? arbNumber
        : Array.isArray(original) && original.every((x) => typeof x === 'string')
          ? fc.array(arbText, { maxLength: 4 })
          : typeof original === 'string' || original === undefined
            ? arbText
            : fc.jsonValue().map((v) => v as Json);
  return fc.oneof(
    { arbitrary: sameKind, weight: 7 },
    { arbitrary: fc.jsonValue().map((v) => v as Json), weight: 1 },
  );
}

function setPath(config: Json, path: readonly string[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const obj = typeof config === 'object' && config !== null && !Array.isArray(config) ? config : {};
  // defineProperty: a plain assignment of `__proto__` would change the prototype, not add a key
  const copy: { [k: string]: Json } = { ...obj };
  Object.defineProperty(copy, head, {
    value: setPath(obj[head] ?? {}, rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

const arbMutatedConfig: fc.Arbitrary<Json> = fc
  .array(
    arbPath.chain((path) => arbValueFor(path).map((value) => [path, value] as const)),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) =>
    edits.reduce<Json>(
      (c, [path, value]) => setPath(c, path, value),
      JSON.parse(JSON.stringify(defaultConfig())) as Json,
    ),
  );

/** Everything the surfaces compute from a config: none of it may throw. */
function everySurface(issues: readonly JiraIssue[], config: RunwayConfig): void {
  computeKpiReport(issues, TEST_NAMES, { asOf: AS_OF, config });
  const { implementations } = buildImplementations(issues, TEST_NAMES, { asOf: AS_OF, config });
  for (const implementation of implementations) {
    const { kpis } = computeImplementationKpis(implementation, config, AS_OF);
    const gates = evaluateGates({ implementation, kpis, config, asOf: AS_OF, audit: [] });
    for (const status of ['Live', ...config.goLiveStatuses, ...config.enforcement.map((r) => r.status)])
      checkTransition(implementation.key, status, gates, config);
    implementationHealth(implementation, AS_OF, config);
    buildRaidLog(implementation, AS_OF);
    assembleHandoverPacket(implementation, { asOf: AS_OF, config });
    for (const template of BUILT_IN_TEMPLATES)
      renderPlaybook(template, implementation, { asOf: AS_OF, config });
  }
  for (const id of KPI_IDS) kpiDefinition(id, config);
}

describe('fuzzing the config', () => {
  it('never throws on arbitrary JSON: it parses, or says which key is wrong', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const r = parseConfig(json);
        if (!r.ok) expect(r.error).toMatch(/\S/);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a broken key of a valid config by its name, and a config that parses breaks no surface', () => {
    fc.assert(
      fc.property(arbMutatedConfig, arbPortfolio, (json, issues) => {
        const r = parseConfig(json);
        if (!r.ok) {
          expect(r.error).toMatch(/^(unknown config key|[a-zA-Z_]+[.:\s])/);
          return;
        }
        everySurface(issues, r.value);
      }),
      { numRuns: 200 },
    );
  });
});

describe('settings that used to break everything', () => {
  it.each([
    ['toString', 'constructor'],
    ['constructor', 'hasOwnProperty'],
  ])('reads a field id mapped to %s or %s as empty, on every surface', (a, b) => {
    const r = parseConfig({ fieldIds: { goLive: a, kickoff: b, baselineDue: a, complexity: b } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const issues = fc.sample(arbPortfolio, { numRuns: 5, seed: 7 }).flat();
    expect(() => everySurface(issues, r.value)).not.toThrow();
    const report = computeKpiReport(issues, TEST_NAMES, { asOf: AS_OF, config: r.value });
    expect(report.implementations.length).toBeGreaterThan(0);
  });

  it('reads a per-tier target by own keys only (a tier named constructor has no target)', () => {
    const r = parseConfig({ complexityTiers: ['constructor'], defaultComplexity: 'constructor' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const issues = fc.sample(arbPortfolio, { numRuns: 10, seed: 3 }).flat();
    const report = computeKpiReport(issues, TEST_NAMES, { asOf: AS_OF, config: r.value });
    const ttfv = report.portfolio.time_to_first_value_days;
    expect(ttfv.value).not.toBeNull();
    expect(ttfv.targetMet).toBeNull();
    expect(() => everySurface(issues, r.value)).not.toThrow();
  });

  it.each([
    [
      { milestoneToleranceDays: 1e9 },
      'milestoneToleranceDays: expected a whole number of days from 0 to 365',
    ],
    [{ postGoLiveWindowDays: 0 }, 'postGoLiveWindowDays: expected a whole number of days from 1 to 3650'],
    [
      { milestoneToleranceDays: 2.5 },
      'milestoneToleranceDays: expected a whole number of days from 0 to 365',
    ],
    [
      { targets: { on_time_milestone_rate: { op: '>=', value: 1e300 } } },
      'targets.on_time_milestone_rate.value',
    ],
  ])('refuses %j with the key and its bounds', (json, message) => {
    const r = parseConfig(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});
